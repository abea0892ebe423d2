import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DashboardAssets } from './dashboard-assets';
import { escapeHtml, jsonForScriptBlock, renderDashboardPage } from './dashboard-page';
import { LANGUAGES, MESSAGE_AREAS, MESSAGES, pickLanguage } from './i18n';

const assets = {
  script: '/assets/dashboard.js?v=1',
  styles: ['/assets/dashboard.css?v=1', '/assets/planning.css?v=2'],
  icon: '/i',
  modules: ['/assets/api.js'],
};

describe('the dashboard page shell', () => {
  it.each([
    ['fr', 'ltr', 'Connexion'],
    ['en', 'ltr', 'Sign in'],
    ['ar', 'rtl', 'تسجيل الدخول'],
  ] as const)('in %s it is <html dir="%s"> with its sign-in title', (lang, dir, title) => {
    const html = renderDashboardPage(lang, assets);
    expect(html).toContain(`<html lang="${lang}" dir="${dir}">`);
    expect(html).toContain(`<h2 id="login-title">${title}</h2>`);
    expect(html).toContain('<script type="module" src="/assets/dashboard.js?v=1"></script>');
    expect(html).toContain('<link rel="modulepreload" href="/assets/api.js">');
    expect(html.indexOf('href="/assets/dashboard.css?v=1"')).toBeGreaterThan(0);
    expect(html.indexOf('href="/assets/planning.css?v=2"')).toBeGreaterThan(
      html.indexOf('href="/assets/dashboard.css?v=1"'),
    );
  });

  it('marks the current language in the switch and links the others', () => {
    const html = renderDashboardPage('en', assets);
    expect(html).toContain('<a href="/?lang=en" hreflang="en" lang="en" aria-current="true">');
    expect(html).toContain('<a href="/?lang=ar" hreflang="ar" lang="ar">العربية</a>');
  });

  it('embeds the dictionary as JSON that cannot end its script block', () => {
    const json = jsonForScriptBlock({ text: '</script><script>alert(1)</script> & more' });
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json)).toEqual({ text: '</script><script>alert(1)</script> & more' });
    const html = renderDashboardPage('fr', assets);
    const block = /<script id="i18n" type="application\/json">(.*?)<\/script>/s.exec(html)![1];
    expect(JSON.parse(block)).toMatchObject({ lang: 'fr', locale: 'fr-FR', dir: 'ltr' });
  });

  it('escapes text put into HTML', () => {
    expect(escapeHtml(`<a href="x">l'été & co</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;',
    );
  });
});

describe('the dashboard dictionary', () => {
  it.each([undefined, '', 'de', 'FR', ['en', 'ar'], 42])('falls back to French for %p', (v) => {
    expect(pickLanguage(v)).toBe('fr');
  });

  const PLURAL_CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
  const isPlural = (value: object) =>
    'other' in value && Object.keys(value).every((k) => PLURAL_CATEGORIES.has(k));
  /** Every string by its dotted key; a plural entry counts as one string (its `other` form). */
  const flatten = (value: unknown, path = ''): [string, string][] =>
    typeof value === 'string'
      ? [[path, value]]
      : isPlural(value as object)
        ? Object.values(value as object).every((form) => typeof form === 'string' && form.trim())
          ? [[path, (value as { other: string }).other]]
          : [[path, '']]
        : Object.entries(value as object).flatMap(([k, v]) =>
            flatten(v, path ? `${path}.${k}` : k),
          );

  it('has every string in every language, none empty, same placeholders', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    const reference = new Map(flatten(MESSAGES.fr));
    for (const lang of LANGUAGES) {
      const entries = flatten(MESSAGES[lang]);
      for (const [key, text] of entries) {
        expect({ lang, key, empty: text.trim() === '' }).toEqual({ lang, key, empty: false });
        const fr = reference.get(key);
        if (fr !== undefined) {
          expect({ lang, key, p: placeholders(text) }).toEqual({ lang, key, p: placeholders(fr) });
        }
      }
      expect(entries.map(([k]) => k)).toEqual([...reference.keys()]);
    }
  });

  it('defines each key in one area only, so that merging the areas loses nothing', () => {
    const owners = new Map<string, string[]>();
    for (const [area, messages] of Object.entries(MESSAGE_AREAS)) {
      for (const key of Object.keys(messages.fr))
        owners.set(key, [...(owners.get(key) ?? []), area]);
    }
    expect([...owners].filter(([, areas]) => areas.length > 1)).toEqual([]);
    expect(Object.keys(MESSAGES.fr).length).toBe(owners.size);
  });

  it('has every key the page script uses (the script is not type-checked)', () => {
    const dir = DashboardAssets.directory;
    const script = readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(dir, name), 'utf8'))
      .join('\n');
    const used = new Set([
      ...[...script.matchAll(/\bM\.(\w+)/g)].map((m) => m[1]),
      ...[...script.matchAll(/\btp?\('(\w+)'/g)].map((m) => m[1]),
    ]);
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter((key) => !(key in MESSAGES.fr));
    expect(missing).toEqual([]);
  });
});
