import { deliveryLeaseProblem, loadConfig } from './app-config';

describe('the delivery lease outlives the slowest send', () => {
  it.each([
    [30000, 10000, 10000, true],
    [11000, 10000, 10000, true],
    [10999, 10000, 10000, false],
    [3000, 2000, 1000, true],
    [3000, 1000, 2500, false],
    [1500, 500, 500, true],
  ])('lease %i ms with SMTP %i ms and webhook %i ms is fine: %s', (lock, smtp, webhook, ok) => {
    const problem = deliveryLeaseProblem({
      DELIVERY_LOCK_MS: lock,
      SMTP_TIMEOUT_MS: smtp,
      WEBHOOK_TIMEOUT_MS: webhook,
    });
    expect(problem === null).toBe(ok);
  });

  it('stops the process at start, naming the variable', () => {
    expect(() => loadConfig({ DELIVERY_LOCK_MS: '5000', SMTP_TIMEOUT_MS: '8000' })).toThrow(
      /DELIVERY_LOCK_MS: must be at least 11000/,
    );
    expect(loadConfig({}).DELIVERY_LOCK_MS).toBeGreaterThan(loadConfig({}).SMTP_TIMEOUT_MS);
  });
});
