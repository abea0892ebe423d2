import { MigrationInterface, QueryRunner } from 'typeorm';

// Latin letters with diacritics (French, Spanish, Portuguese…) and their base letters, in pairs.
const FROM = 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝ';
const TO = 'aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUY';

/**
 * accords_fold(text): lower case without accents, so that searching "etude" finds "Visite d'étude".
 * A plain SQL function rather than the unaccent extension, which needs rights a managed database may
 * not grant; IMMUTABLE so that it can back an index later.
 */
export class AccentFolding1795900000000 implements MigrationInterface {
  name = 'AccentFolding1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION accords_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT lower(translate(value, '${FROM}', '${TO}')) $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS accords_fold(text)`);
  }
}
