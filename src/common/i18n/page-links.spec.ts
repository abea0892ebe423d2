import { pageLink } from './page-links';

describe('links the service writes open the page at an anchor', () => {
  it.each([
    [
      'https://accords.example.org',
      'activity/a1',
      'ar',
      'https://accords.example.org/?lang=ar#activity/a1',
    ],
    [
      'https://accords.example.org/',
      'plan/p1',
      'fr',
      'https://accords.example.org/?lang=fr#plan/p1',
    ],
    [
      'https://host.example/accords',
      'agreement/g1',
      undefined,
      'https://host.example/accords/#agreement/g1',
    ],
    ['http://localhost:3000', '', 'en', 'http://localhost:3000/?lang=en'],
  ])('%s + %s (%s) is %s', (base, anchor, lang, expected) => {
    expect(pageLink(base, anchor, lang)).toBe(expected);
  });
});
