import type { Locale } from '../../users/user.entity';
import { direction, escapeHtml } from './locale-format';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A list entry, linked to the page anchor that opens it when `href` is given. */
export type MailItem = string | { text: string; href: string };

export interface MailBody {
  subject: string;
  /** Paragraphs, or sections of a list when an entry is an array. */
  blocks: (string | { heading: string; items: MailItem[] })[];
  link: { label: string; href: string };
  footer: string;
}

/** Lays a message out as plain text and as HTML (right to left for Arabic). */
export function renderMail(locale: Locale, body: MailBody): RenderedMail {
  const text = [
    ...body.blocks.map((b) =>
      typeof b === 'string' ? b : [b.heading, ...b.items.map(textItem)].join('\n'),
    ),
    `${body.link.label}: ${body.link.href}`,
    '--',
    body.footer,
  ].join('\n\n');
  const dir = direction(locale);
  const align = dir === 'rtl' ? 'right' : 'left';
  const blocks = body.blocks
    .map((b) =>
      typeof b === 'string'
        ? `<p>${escapeHtml(b)}</p>`
        : `<h2 style="font-size:16px">${escapeHtml(b.heading)}</h2><ul>${b.items
            .map((i) => `<li>${htmlItem(i)}</li>`)
            .join('')}</ul>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head><meta charset="utf-8"><title>${escapeHtml(body.subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933;text-align:${align}">
<h1 style="font-size:18px">${escapeHtml(body.subject)}</h1>
${blocks}
<p><a href="${escapeHtml(body.link.href)}">${escapeHtml(body.link.label)}</a></p>
<hr><p style="font-size:12px;color:#616e7c">${escapeHtml(body.footer)}</p>
</body>
</html>`;
  return { subject: body.subject, text, html };
}

function textItem(item: MailItem): string {
  return typeof item === 'string' ? `  - ${item}` : `  - ${item.text}\n    ${item.href}`;
}

function htmlItem(item: MailItem): string {
  if (typeof item === 'string') return escapeHtml(item);
  return `<a href="${escapeHtml(item.href)}">${escapeHtml(item.text)}</a>`;
}
