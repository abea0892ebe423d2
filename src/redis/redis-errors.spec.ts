import { ServiceUnavailable } from '../common/errors/domain-errors';
import { isRedisUnavailable, orServiceUnavailable } from './redis-errors';

function named(name: string, message = 'x'): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function withCode(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:6379`), { code });
}

describe('isRedisUnavailable', () => {
  it.each([
    ['retries exhausted', named('MaxRetriesPerRequestError'), true],
    ['connection closed', new Error('Connection is closed.'), true],
    [
      'offline queue off',
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      true,
    ],
    ['command timeout', new Error('Command timed out'), true],
    ['refused connection', withCode('ECONNREFUSED'), true],
    ['a reply error is a bug, not an outage', named('ReplyError', 'WRONGTYPE Operation'), false],
    ['any other error', new Error('boom'), false],
    ['not an error', 'Connection is closed.', false],
  ])('%s', (_name, error, expected) => {
    expect(isRedisUnavailable(error)).toBe(expected);
  });
});

describe('orServiceUnavailable', () => {
  it('turns an outage into ServiceUnavailable with a retry delay', async () => {
    const failure = orServiceUnavailable(Promise.reject(new Error('Connection is closed.')));
    await expect(failure).rejects.toBeInstanceOf(ServiceUnavailable);
    await expect(failure).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number) });
  });

  it('lets other errors and results through', async () => {
    await expect(orServiceUnavailable(Promise.resolve(3))).resolves.toBe(3);
    await expect(orServiceUnavailable(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
