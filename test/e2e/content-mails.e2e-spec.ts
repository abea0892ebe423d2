import type { INestApplicationContext } from '@nestjs/common';
import ICAL from 'ical.js';
import { addDays } from '../../src/common/time/calendar-date';
import { DigestContent } from '../../src/reminders/digest/digest-content';
import { OVERDUE_LINES_PER_PARTY } from '../../src/reminders/digest/digest-overdue';
import { binary } from '../support/export-files';
import {
  createActivity,
  rowsFor,
  settled,
  startReminderApp,
  sweep,
} from '../support/reminder-fixtures';
import { SmtpSink } from '../support/smtp-sink';
import { DEMO, type TestApp } from '../support/test-app';
import { startWorker } from '../support/test-worker';
import { waitFor } from '../support/wait';
import { WebhookReceiver } from '../support/webhook-receiver';

const AR_FOCAL = 'focal.ci.ar@accords.example';

/**
 * What the service writes for people, in their language: reminder mails with correct plurals and
 * parties by name, the weekly digest (each party's true count, its most overdue named, "and N more"),
 * links that open the item (mail, digest, calendar, webhook), and the sending window made visible.
 */
describe('mails, digest, calendar and webhooks in the reader language, with links that open the item', () => {
  const sink = new SmtpSink();
  const receiver = new WebhookReceiver();
  let t: TestApp;
  let worker: INestApplicationContext;
  let planId: string;
  let today: string;

  beforeAll(async () => {
    const receiverPort = await receiver.start();
    ({ t, planId, today } = await startReminderApp(sink, {
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      DELIVERY_LOCK_MS: '6000',
      SMTP_TIMEOUT_MS: '5000',
      WEBHOOK_TIMEOUT_MS: '5000',
    }));
    const admin = await t.tokenFor(DEMO.admin);
    // A Côte d'Ivoire focal point who reads Arabic (same zone as the seeded plan's working hours).
    await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({
        email: AR_FOCAL,
        name: 'نقطة الاتصال',
        role: 'focal_point',
        partyCode: 'CI',
        locale: 'ar',
        timeZone: 'Africa/Casablanca',
        password: 'arabic-focal-password-1',
      })
      .expect(201);
    await t.http
      .post('/api/webhooks')
      .set('Authorization', admin)
      .send({ url: `http://127.0.0.1:${receiverPort}/hook`, events: ['activity_due'] })
      .expect(201);
    worker = await startWorker(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink.stop();
    await receiver.stop();
  });

  const link = (lang: string, anchor: string) => `${t.config.PUBLIC_URL}/?lang=${lang}#${anchor}`;

  it('words a lead-time reminder with the right plural, the parties by name and a link to the activity', async () => {
    const title = 'Atelier sur le référencement des victimes';
    const activity = await createActivity(t, planId, {
      title,
      dueOn: addDays(today, 2),
      leadPartyCode: 'CI',
      partyCodes: ['CI', 'MA', 'IOM'],
    });
    await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', await t.tokenFor(DEMO.pm))
      .send({
        version: activity.version,
        translations: { ar: { title: 'ورشة حول إحالة الضحايا' } },
      })
      .expect(200);
    await sweep(t);
    // The manager, the two French focal points (CI lead, MA taking part) and the Arabic one.
    await waitFor(
      'the four mails',
      () => sink.mails.filter((m) => m.text.includes(`activity/${activity.id}`)).length >= 4,
    );
    // The weekly digest (sent by the worker's schedule) links the activity too: reminders only.
    const mails = sink.mails.filter(
      (m) => m.text.includes(`activity/${activity.id}`) && !m.subject.startsWith('Accords —'),
    );

    const arabic = mails.find((m) => m.to === AR_FOCAL)!;
    expect(arabic.subject).toBe('موعد الإنجاز بعد يومين: ورشة حول إحالة الضحايا');
    expect(arabic.text).toContain('الأطراف: كوت ديفوار والمغرب والمنظمة الدولية للهجرة.');
    expect(arabic.text).not.toMatch(/\b(MA|CI|IOM)\b/);
    expect(arabic.text).toContain(link('ar', `activity/${activity.id}`));
    expect(arabic.html).toContain(`href="${link('ar', `activity/${activity.id}`)}"`);

    const french = mails.find((m) => m.to === DEMO.focalMa)!;
    expect(french.subject).toBe(`Échéance dans 2 jours : ${title}`);
    expect(french.text).toContain("Parties : Côte d'Ivoire, Maroc et OIM.");
    expect(french.text).toContain(link('fr', `activity/${activity.id}`));

    const english = mails.find((m) => m.to === DEMO.pm)!;
    expect(english.subject).toBe(`Due in 2 days: ${title}`);
    expect(english.text).toContain("Parties: Côte d'Ivoire, Morocco and IOM.");

    // The webhook payload carries the page anchor too.
    const call = await waitFor('the webhook call', () =>
      receiver.calls.find((c) => JSON.parse(c.body).subject.id === activity.id),
    );
    const body = JSON.parse(call.body);
    expect(body.url).toBe(`${t.config.PUBLIC_URL}/#activity/${activity.id}`);
    expect(body.subject).toMatchObject({
      url: body.url,
      translations: { ar: { title: 'ورشة حول إحالة الضحايا' } },
    });
    await settled(t, [activity.id]);
  });

  it('counts overdue days in Arabic and French as their grammar wants (11 days: "11 يومًا")', async () => {
    const title = 'Rapport trimestriel conjoint en souffrance';
    const activity = await createActivity(t, planId, {
      title,
      dueOn: addDays(today, -11),
      leadPartyCode: 'CI',
      partyCodes: ['CI'],
    });
    await sweep(t);
    await waitFor('the overdue mails', () => sink.about(title).length >= 2);
    await settled(t, [activity.id]);
    const arabic = sink.about(title).find((m) => m.to === AR_FOCAL)!;
    expect(arabic.subject).toBe(`متأخر 11 يومًا: ${title}`);
    expect(arabic.text).toContain('وهو متأخر 11 يومًا');
    expect(arabic.text).toContain('الأطراف: كوت ديفوار.');
    const french = sink.about(title).find((m) => m.to === DEMO.focalCi)!;
    expect(french.subject).toBe(`En retard de 11 jours : ${title}`);
  });

  it('names at most the cap of overdue activities per party, most overdue first, counting all and saying how many more', async () => {
    const render = (locale: 'fr' | 'en' | 'ar') =>
      t.app.get(DigestContent).render(locale, 'Africa/Casablanca', today);
    const ciCount = (text: string) => {
      const match = /^Côte d'Ivoire : (\d+) activités? en retard$/m.exec(text);
      return match ? Number(match[1]) : 0;
    };
    const before = ciCount((await render('fr')).text);
    // More than the cap for Côte d'Ivoire, all older than anything seeded or created above:
    // "Retard 24" (due 1024 days ago) is the most overdue of all, "Retard 00" (1000 days) the least
    // of these.
    const extra = OVERDUE_LINES_PER_PARTY + 5;
    const titles = Array.from({ length: extra }, (_, i) => `Retard ${String(i).padStart(2, '0')}`);
    for (const [i, title] of titles.entries()) {
      await createActivity(t, planId, {
        title,
        dueOn: addDays(today, -1000 - i),
        leadPartyCode: 'CI',
        partyCodes: ['CI'],
      });
    }
    const total = before + extra;
    const more = total - OVERDUE_LINES_PER_PARTY;

    const digest = await render('fr');
    const blocks = digest.text.split('\n\n');
    const ci = blocks.find((b) => b.startsWith("Côte d'Ivoire : "))!;
    const [heading, ...lines] = ci.split('\n');
    // The heading counts every overdue activity of the party, not the named ones.
    expect(heading).toBe(`Côte d'Ivoire : ${total} activités en retard`);
    const items = lines.filter((l) => l.startsWith('  - '));
    const activityLinks = lines.filter((l) =>
      l.trim().startsWith(`${t.config.PUBLIC_URL}/?lang=fr#activity/`),
    );
    expect(activityLinks).toHaveLength(OVERDUE_LINES_PER_PARTY);
    expect(items).toHaveLength(OVERDUE_LINES_PER_PARTY + 1);
    // Most overdue first: "Retard 24" down to "Retard 05"; "Retard 04" … "Retard 00" are left out.
    const named = items
      .slice(0, OVERDUE_LINES_PER_PARTY)
      .map((l) => /^ {2}- (.+?) \(plan « /.exec(l)?.[1]);
    expect(named).toEqual([...titles].reverse().slice(0, OVERDUE_LINES_PER_PARTY));
    expect(items[0]).toMatch(/^ {2}- Retard 24 \(plan « .+ »\) — échéance le /);
    expect(items.some((l) => l.includes('Retard 00'))).toBe(false);
    expect(digest.text).not.toContain('Retard 00');
    // The last line says how many more, linked to the dashboard (the footer's address).
    expect(items[OVERDUE_LINES_PER_PARTY]).toBe(`  - … et ${more} autres`);
    expect(lines[lines.length - 1]).toBe(`    ${t.config.PUBLIC_URL}/?lang=fr`);
    expect(digest.html).toContain(
      `<a href="${t.config.PUBLIC_URL}/?lang=fr">… et ${more} autres</a>`,
    );
    expect(digest.html).toMatch(/<a href="[^"]+#activity\/[0-9a-f-]{36}">Retard 24 /);

    // Every party block of the overdue section: named = min(count, cap), a "more" line only past it.
    const overdueSection = blocks.slice(
      blocks.indexOf('Activités en retard, par partie :') + 1,
      blocks.findIndex((b) => b.startsWith('Échéances des 14 prochains jours')),
    );
    expect(overdueSection.length).toBeGreaterThan(0);
    for (const block of overdueSection) {
      const [head, ...rest] = block.split('\n');
      const count = Number(/ : (\d+) activités? en retard$/.exec(head)![1]);
      const moreLines = rest.filter((l) => l.startsWith('  - … et '));
      expect(rest.filter((l) => l.includes('#activity/'))).toHaveLength(
        Math.min(count, OVERDUE_LINES_PER_PARTY),
      );
      expect(moreLines).toEqual(
        count > OVERDUE_LINES_PER_PARTY
          ? [
              `  - … et ${count - OVERDUE_LINES_PER_PARTY} autre${count - OVERDUE_LINES_PER_PARTY > 1 ? 's' : ''}`,
            ]
          : [],
      );
    }
    // Parties are named, never coded.
    expect(blocks.some((b) => /^(MA|CI|IOM) :/.test(b))).toBe(false);

    const english = await render('en');
    expect(english.text).toContain(`Côte d'Ivoire: ${total} activities overdue`);
    expect(english.text).toContain(`  - … and ${more} more\n    ${t.config.PUBLIC_URL}/?lang=en\n`);
    const arabic = await render('ar');
    expect(arabic.text).toMatch(
      new RegExp(`كوت ديفوار: ${total} (نشاطًا متأخرًا|أنشطة متأخرة|نشاط متأخر)`),
    );
    expect(arabic.text).toMatch(new RegExp(`  - … و${more} (نشاطًا آخر|أنشطة أخرى|نشاط آخر)\n`));
  });

  it('gives every calendar event the address of its page', async () => {
    const res = await t.http
      .get(`/api/action-plans/${planId}/calendar.ics`)
      .set('Authorization', await t.tokenFor(DEMO.focalMa))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const calendar = new ICAL.Component(ICAL.parse((res.body as Buffer).toString('utf8')));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(3);
    for (const event of events) {
      const uid = String(event.getFirstPropertyValue('uid'));
      const url = String(event.getFirstPropertyValue('url'));
      const id = /([0-9a-f-]{36})@accords$/.exec(uid)![1];
      const kind = uid.startsWith('activity-')
        ? 'activity'
        : uid.startsWith('plan-')
          ? 'plan'
          : 'agreement';
      expect(url).toBe(link('fr', `${kind}/${id}`));
    }
    // Parties by name in the description, not codes.
    const descriptions = events.map((e) => String(e.getFirstPropertyValue('description') ?? ''));
    expect(descriptions.some((d) => d.includes('Maroc'))).toBe(true);
    expect(descriptions.some((d) => /: MA(,|$)/m.test(d))).toBe(false);
  });

  it('says until when a reminder is held for the recipient sending window, in the sweep answer and the notification list', async () => {
    // 02:00 in Casablanca (UTC+1): mail waits for the morning.
    t.clock.set(new Date(`${addDays(today, 1)}T01:00:00Z`));
    const title = 'Réunion de coordination tenue la nuit';
    const activity = await createActivity(t, planId, { title, dueOn: addDays(today, 8) });
    const report = await t.http
      .post('/api/reminders/sweep')
      .set('Authorization', await t.tokenFor(DEMO.admin))
      .expect(200);
    expect(report.body.held.count).toBeGreaterThanOrEqual(2);
    const earliest = new Date(report.body.held.earliest);
    expect(earliest.getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(new Date(report.body.held.latest).getTime()).toBeGreaterThanOrEqual(earliest.getTime());

    const listed = await t.http
      .get(`/api/notifications?subject=${activity.id}`)
      .set('Authorization', await t.tokenFor(DEMO.pm))
      .expect(200);
    const mail = listed.body.items.filter((n: { channel: string }) => n.channel === 'email');
    expect(mail.length).toBeGreaterThanOrEqual(2);
    for (const n of mail) {
      expect(n.status).toBe('pending');
      expect(n.heldUntil).toBe(n.notBefore);
      expect(new Date(n.heldUntil).getTime()).toBeGreaterThan(t.clock.now().getTime());
    }
    const mailRows = (await rowsFor(t, activity.id)).filter((r) => r.channel === 'email');
    expect(mailRows.every((r) => r.status === 'pending')).toBe(true);

    // Once the window opens, nothing is held any more.
    t.clock.set(new Date(new Date(report.body.held.latest).getTime() + 60_000));
    const later = await t.http
      .get(`/api/notifications?subject=${activity.id}`)
      .set('Authorization', await t.tokenFor(DEMO.pm))
      .expect(200);
    expect(later.body.items.every((n: { heldUntil: string | null }) => n.heldUntil === null)).toBe(
      true,
    );
  });
});
