import { MigrationInterface, QueryRunner } from 'typeorm';

/** Short names of the parties the demo data and most deployments know, per language. */
const KNOWN_PARTY_NAMES: Record<string, { fr: string; en: string; ar: string }> = {
  MA: { fr: 'Maroc', en: 'Morocco', ar: 'المغرب' },
  CI: { fr: "Côte d'Ivoire", en: "Côte d'Ivoire", ar: 'كوت ديفوار' },
  EG: { fr: 'Égypte', en: 'Egypt', ar: 'مصر' },
  LY: { fr: 'Libye', en: 'Libya', ar: 'ليبيا' },
  MR: { fr: 'Mauritanie', en: 'Mauritania', ar: 'موريتانيا' },
  NE: { fr: 'Niger', en: 'Niger', ar: 'النيجر' },
  TN: { fr: 'Tunisie', en: 'Tunisia', ar: 'تونس' },
  IOM: { fr: 'OIM', en: 'IOM', ar: 'المنظمة الدولية للهجرة' },
  EU: { fr: 'UE', en: 'EU', ar: 'الاتحاد الأوروبي' },
  AU: { fr: 'UA', en: 'AU', ar: 'الاتحاد الأفريقي' },
  UNICEF: { fr: 'UNICEF', en: 'UNICEF', ar: 'اليونيسف' },
  UNHCR: { fr: 'HCR', en: 'UNHCR', ar: 'المفوضية السامية للأمم المتحدة لشؤون اللاجئين' },
  UNODC: { fr: 'ONUDC', en: 'UNODC', ar: 'مكتب الأمم المتحدة المعني بالمخدرات والجريمة' },
};

/**
 * Content in several languages: `translations` ({ fr?: { title?, description? }, en?, ar? }) beside
 * the original title and description of agreements, plans and activities, and per-language short names
 * of parties. A jsonb document per row rather than a translations table: it is always read and written
 * with its row, never queried by language, and three languages fit in a few hundred bytes.
 *
 * Agreements also gain an optional published document URL and a random public token (two UUIDv4s from
 * PostgreSQL's strong random source, 244 random bits) for their public document address.
 */
export class MultilingualContent1795920000300 implements MigrationInterface {
  name = 'MultilingualContent1795920000300';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['agreements', 'action_plans', 'activities']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'`);
    }
    await q.query(`ALTER TABLE parties ADD COLUMN names jsonb NOT NULL DEFAULT '{}'`);
    for (const [code, names] of Object.entries(KNOWN_PARTY_NAMES)) {
      await q.query(`UPDATE parties SET names = $2 WHERE code = $1 AND names = '{}'`, [
        code,
        JSON.stringify(names),
      ]);
    }
    await q.query(`ALTER TABLE agreements ADD COLUMN document_url varchar(2048)`);
    await q.query(
      `ALTER TABLE agreements ADD COLUMN public_token varchar(64) NOT NULL
         DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`,
    );
    await q.query(
      `ALTER TABLE agreements ADD CONSTRAINT "UQ_agreements_public_token" UNIQUE (public_token)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreements DROP CONSTRAINT "UQ_agreements_public_token"`);
    await q.query(`ALTER TABLE agreements DROP COLUMN public_token`);
    await q.query(`ALTER TABLE agreements DROP COLUMN document_url`);
    await q.query(`ALTER TABLE parties DROP COLUMN names`);
    for (const table of ['agreements', 'action_plans', 'activities']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN translations`);
    }
  }
}
