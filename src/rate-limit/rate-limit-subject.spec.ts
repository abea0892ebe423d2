import { rateLimitSubject } from './rate-limit-subject';

const verify = (token: string) =>
  token === 'valid-token' ? Promise.resolve('user-1') : Promise.reject(new Error('bad token'));

describe('rateLimitSubject', () => {
  it.each([
    ['Bearer valid-token', '203.0.113.7', 'user:user-1', 'token'],
    ['bearer valid-token', '203.0.113.7', 'user:user-1', 'token'],
    ['Bearer forged-token', '203.0.113.7', 'address:203.0.113.7', 'address'],
    ['Basic dXNlcjpwYXNz', '203.0.113.7', 'address:203.0.113.7', 'address'],
    [undefined, '2001:db8::1', 'address:2001:db8::1', 'address'],
    ['', '127.0.0.1', 'address:127.0.0.1', 'address'],
  ])('%s from %s counts against %s', async (authorization, address, key, kind) => {
    expect(await rateLimitSubject(authorization, address, verify)).toEqual({ key, kind });
  });
});
