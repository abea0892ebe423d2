import type { Response } from 'supertest';
import type { SmtpSink, ReceivedMail } from './smtp-sink';
import type { TestApp } from './test-app';
import { waitFor } from './wait';

/** Cookies a response set: name -> { value, attributes as written }. */
export function setCookies(res: Response): Map<string, { value: string; raw: string }> {
  const header = res.headers['set-cookie'] as unknown as string[] | string | undefined;
  const list = Array.isArray(header) ? header : header ? [header] : [];
  const cookies = new Map<string, { value: string; raw: string }>();
  for (const raw of list) {
    const [pair] = raw.split(';');
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at).trim(), { value: pair.slice(at + 1).trim(), raw });
  }
  return cookies;
}

/** A browser's cookie jar, reduced to what the session routes need. */
export class CookieJar {
  readonly values = new Map<string, string>();
  csrf = '';

  take(res: Response): this {
    for (const [name, { value, raw }] of setCookies(res)) {
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(raw)) this.values.delete(name);
      else this.values.set(name, value);
    }
    const body = res.body as { csrfToken?: string } | undefined;
    if (body?.csrfToken) this.csrf = body.csrfToken;
    const header = res.headers['x-csrf-token'];
    if (typeof header === 'string') this.csrf = header;
    return this;
  }

  header(): string {
    return [...this.values].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Signs a page in by cookie and answers its jar. */
export async function signInByCookie(
  t: TestApp,
  email: string,
  password: string,
  forwardedFor = '198.51.100.1',
): Promise<CookieJar> {
  const res = await t.http
    .post('/api/auth/session')
    .set('X-Forwarded-For', forwardedFor)
    .send({ email, password });
  if (res.status !== 200) throw new Error(`session ${email}: ${res.status} ${res.text}`);
  return new CookieJar().take(res);
}

/** The account link in a mail (`#invitation/<token>` or `#password-reset/<token>`). */
export function linkIn(mail: ReceivedMail, anchor: 'invitation' | 'password-reset') {
  const match = new RegExp(`(https?://[^\\s"<]+/\\?lang=(\\w+)#${anchor}/([A-Za-z0-9_-]+))`).exec(
    mail.text,
  );
  if (!match) throw new Error(`no ${anchor} link in: ${mail.text}`);
  return { url: match[1], lang: match[2], token: match[3] };
}

export function mailTo(sink: SmtpSink, to: string, count = 1): Promise<ReceivedMail> {
  return waitFor(`mail ${count} to ${to}`, () => {
    const mails = sink.mails.filter((m) => m.to === to);
    return mails.length >= count ? mails[count - 1] : null;
  });
}
