import { openStatusSql } from '../activities/activity-sql';
/**
 * SQL: the parties of activity `a` whose part is still open (neither completed nor cancelled), in the
 * activity's order of parties. Activity reminders and the digest's overdue lists go by these: a focal
 * point whose country has done (or dropped) its share of a joint activity is not reminded of it, while
 * the country still owing its part is. Programme managers hear as before.
 */
export const OPEN_PART_CODES = `ARRAY(
  SELECT u.code FROM unnest(a.party_codes) WITH ORDINALITY AS u(code, n)
    JOIN activity_parts ap ON ap.activity_id = a.id AND ap.party_code = u.code
   WHERE ${openStatusSql('ap')}
   ORDER BY u.n)`;
