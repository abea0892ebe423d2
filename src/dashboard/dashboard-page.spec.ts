import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DashboardAssets } from './dashboard-assets';
import { escapeHtml, jsonForScriptBlock, renderDashboardPage } from './dashboard-page';
import { LANGUAGES, MESSAGES, pickLanguage } from './i18n';

const assets = {
  script: '/assets/dashboard.js?v=1',
  styles: '/assets/dashboard.css?v=1',
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

  it('has every string in every language, none empty, same placeholders', () => {
    const flatten = (value: unknown, path = ''): [string, string][] =>
      typeof value === 'string'
        ? [[path, value]]
        : Object.entries(value as object).flatMap(([k, v]) =>
            flatten(v, path ? `${path}.${k}` : k),
          );
    const reference = new Map(flatten(MESSAGES.fr));
    for (const lang of LANGUAGES) {
      const entries = flatten(MESSAGES[lang]);
      for (const [key, text] of entries) {
        expect({ lang, key, empty: text.trim() === '' }).toEqual({ lang, key, empty: false });
        // Plural forms may differ by category; compare placeholders only where French has the key.
        const fr = reference.get(key);
        if (fr !== undefined) {
          const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
          if (!/^days(Late|Left)\./.test(key)) {
            expect({ lang, key, p: placeholders(text) }).toEqual({
              lang,
              key,
              p: placeholders(fr),
            });
          }
        }
      }
      expect(entries.map(([k]) => k).filter((k) => !/^days(Late|Left)\./.test(k))).toEqual(
        [...reference.keys()].filter((k) => !/^days(Late|Left)\./.test(k)),
      );
    }
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
