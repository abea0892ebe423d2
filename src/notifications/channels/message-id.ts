/**
 * A mail's Message-ID, derived from its notification row: if a worker dies after the SMTP server
 * accepted a mail but before the row was marked sent, the retry carries the same Message-ID, which
 * lets servers and mail clients recognise and drop the second copy.
 */
export function messageIdFor(notificationId: string, mailFrom: string): string {
  return `<notification-${notificationId}@${senderDomain(mailFrom)}>`;
}

/** The domain of `Name <user@domain>` or `user@domain`; a reserved name if there is none. */
export function senderDomain(mailFrom: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom.trim());
  return match ? match[1].toLowerCase() : 'accords.invalid';
}
