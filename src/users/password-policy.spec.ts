import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each<[string, string]>([
    ['twelve chars', 'correct-hors'],
    ['the demo password', 'accords-demo'],
    ['a passphrase', 'vert soleil sur la médina'],
    ['12 non-Latin characters', 'كلمةسرطويلةجدا'],
    ['spaces inside', '  twelve and more  '],
    ['200 characters', 'ab'.repeat(100)],
  ])('accepts %s', (_label, password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  it.each<[string, string, RegExp]>([
    ['11 characters', 'eleven-char', /between 12 and 200/],
    ['201 characters', 'a'.repeat(200) + 'b', /between 12 and 200/],
    // 6 emoji are 12 UTF-16 units but 6 characters.
    ['6 emoji (12 UTF-16 units)', '😀😀😀😀😀😁', /between 12 and 200/],
    ['only spaces', '            ', /only spaces/],
    ['mixed whitespace only', ' \t \u00a0 \t \u2003  \t ', /only spaces/],
    ['one repeated character', 'xxxxxxxxxxxxxx', /single character/],
    ['a common password', '123qweasdzxc', /too common/],
    ['a common password in capitals', 'QWERTY123456', /too common/],
    ['a common keyboard walk', '1qaz2wsx3edc', /too common/],
  ])('refuses %s', (_label, password, reason) => {
    expect(passwordProblem(password)).toMatch(reason);
  });
});
