import { unstorableStrings } from './validation';

describe('unstorableStrings', () => {
  it.each([
    ['plain text', { email: 'a@b.example' }, []],
    ['an emoji (a surrogate pair) is fine', { name: 'Accord 🤝' }, []],
    ['NUL', { title: 'a\u0000b' }, ['title']],
    ['a lone low surrogate', { email: '\udfff@b.example' }, ['email']],
    ['a lone high surrogate at the end', { name: 'x\ud83d' }, ['name']],
    ['a reversed pair', { name: '\udc00\ud800' }, ['name']],
    ['nested in arrays and objects', { a: [{ b: 'ok' }, { b: '\ud800' }] }, ['a.1.b']],
    ['a bare string names the path given', '\u0000', ['body']],
    ['a Buffer is left alone', Buffer.from([0, 0xff]), []],
  ])('%s', (_name, value, fields) => {
    expect(unstorableStrings(value).map((e) => e.field)).toEqual(fields);
  });

  it('says why', () => {
    expect(unstorableStrings({ e: '\udfff' })[0].message).toMatch(/surrogate/);
    expect(unstorableStrings({ e: '\u0000' })[0].message).toMatch(/NUL/);
  });
});
