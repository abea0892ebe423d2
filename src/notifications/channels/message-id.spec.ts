import { messageIdFor, senderDomain } from './message-id';

describe('Message-ID of a notification mail', () => {
  it.each([
    ['Accords <no-reply@accords.example>', 'accords.example'],
    ['no-reply@Mail.Gov.MA', 'mail.gov.ma'],
    ['"Accords, rappels" <rappels@accords.example> ', 'accords.example'],
    ['Accords', 'accords.invalid'],
  ])('the sender %s gives the domain %s', (from, domain) => {
    expect(senderDomain(from)).toBe(domain);
  });

  it('is the same for every send of one row and differs between rows', () => {
    const from = 'Accords <no-reply@accords.example>';
    const id = '0b8f5d1e-8a0c-4d55-9a47-1f3b8b1c2d3e';
    expect(messageIdFor(id, from)).toBe(`<notification-${id}@accords.example>`);
    expect(messageIdFor(id, from)).toBe(messageIdFor(id, from));
    expect(messageIdFor('another', from)).not.toBe(messageIdFor(id, from));
  });
});
