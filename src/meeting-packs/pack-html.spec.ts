import { renderPackHtml } from './pack-html';
import { samplePackInput, words } from './pack-fixture';
import { buildPackModel } from './pack-model';

const render = (overrides = {}, languages: ('fr' | 'en' | 'ar')[] = ['fr', 'ar']) =>
  renderPackHtml(buildPackModel(samplePackInput(overrides)), languages);

/** The text of each `<section>`, tags removed, for assertions on what a language section says. */
const sections = (html: string) =>
  [...html.matchAll(/<section lang="(\w+)" dir="(\w+)">([\s\S]*?)<\/section>/g)].map((m) => ({
    lang: m[1],
    dir: m[2],
    text: m[3]
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' '), // Intl's narrow no-break spaces ("100 %") too
  }));

describe('committee pack HTML', () => {
  it('has one section per chosen language, in order, the Arabic one right to left', () => {
    expect(sections(render()).map((s) => [s.lang, s.dir])).toEqual([
      ['fr', 'ltr'],
      ['ar', 'rtl'],
    ]);
    expect(sections(render({}, ['en', 'fr'])).map((s) => s.lang)).toEqual(['en', 'fr']);
  });

  it('says each change in each language, with translated titles, statuses and parties', () => {
    const [fr, ar] = sections(render());
    expect(fr.text).toContain('Atelier sur le référencement Maroc Statut Prévue Réalisée');
    expect(ar.text).toContain('ورشة عمل حول إحالة الضحايا المغرب الحالة مخطط له منجز');
    // A change of the activity itself (no party) is the joint activity's.
    expect(fr.text).toContain('Activité commune Échéance 1 octobre 2026 1 novembre 2026');
  });

  it('escapes every value typed by people, and the document loads nothing from outside', () => {
    const hostile = '<img src=x onerror=alert(1)>"&\'';
    const html = render({
      plan: words(hostile),
      meeting: { heldOn: '2026-12-01', place: '</section><script>alert(1)</script>' },
      changes: [
        {
          activityId: 'z',
          activityTitle: words(hostile),
          partyCode: null,
          field: 'added',
          from: null,
          to: null,
        },
      ],
    });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;');
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/);
    expect(html).toContain(`default-src 'none'`);
  });

  it('says plainly when a list is empty rather than printing an empty table', () => {
    const [fr, ar] = sections(render({ changes: [], evidence: [], decisions: [] }));
    expect(fr.text).toContain('Aucun changement depuis la réunion précédente.');
    expect(ar.text).toContain('لا تغيير منذ الاجتماع السابق.');
    expect(fr.text).toContain('Aucun justificatif reçu.');
  });

  it('tells what became of each decision of the previous meeting', () => {
    const [fr] = sections(render());
    expect(fr.text).toContain(
      "Organiser une visite d’étude Visite d'étude à Abidjan Réalisée (100 %)",
    );
    expect(fr.text).toContain('Échanger les textes en vigueur Sans activité liée —');
  });
});
