import type { ActivityStatus } from '../activities/activity-rules';
import type { CalendarDate } from '../common/time/calendar-date';
import { LANGUAGE_INFO, MESSAGES, type Language, type Messages } from '../dashboard/i18n';
import { escapeHtml } from '../notifications/templates/locale-format';
import {
  wordsIn,
  type PackChange,
  type PackModel,
  type PackParty,
  type Tally,
  type Words,
} from './pack-model';

/**
 * The pack as one self-contained HTML document, one section per language (the second starts on a new
 * page). Every piece of text is escaped; content typed by people is wrapped in <bdi> so that a French
 * title inside the Arabic section (or the reverse) keeps its own direction. The Arabic section is
 * `lang="ar" dir="rtl"`: Chromium shapes and orders it, nothing here places glyphs. No script, no
 * external asset: the renderer blocks every request and runs no JavaScript.
 */
export function renderPackHtml(model: PackModel, languages: readonly Language[]): string {
  const first = languages[0] ?? 'fr';
  const title = `${MESSAGES[first].packDocumentTitle} — ${wordsIn(model.plan, first)}`;
  return `<!doctype html>
<html lang="${first}" dir="${LANGUAGE_INFO[first].dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${PACK_CSS}</style>
</head>
<body>
${languages.map((language) => section(model, language)).join('\n')}
</body>
</html>
`;
}

const PACK_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; }
body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 10pt; color: #1f2933; margin: 0; }
section[lang="ar"] { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; font-size: 11pt; }
section + section { break-before: page; }
h1 { font-size: 16pt; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 7mm 0 2mm; border-bottom: 1px solid #9aa5b1; break-after: avoid; }
p { margin: 1mm 0; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: start; vertical-align: top; padding: 1.2mm 1.5mm; border-bottom: 1px solid #d9e2ec; }
th { background: #f0f4f8; font-weight: bold; }
tr { break-inside: avoid; }
td.number, th.number { text-align: end; }
.meta { color: #52606d; }
.empty { color: #52606d; font-style: italic; }
footer { margin-top: 8mm; color: #7b8794; font-size: 8pt; }
`;

type Cell = { text: string; user?: boolean; number?: boolean };

function section(model: PackModel, language: Language): string {
  const m = MESSAGES[language];
  const say = new Sayer(model, language, m);
  const previous = model.previousMeeting
    ? fill(m.packPreviousMeeting, { date: say.date(model.previousMeeting.heldOn) })
    : m.packNoPreviousMeeting;
  const parts = [
    `<h1>${esc(m.packDocumentTitle)}</h1>`,
    `<p><strong>${esc(fill(m.packMeetingOn, { date: say.date(model.meeting.heldOn) }))}</strong>${
      model.meeting.place ? ` — ${pair(m, m.packPlace, bdi(model.meeting.place))}` : ''
    }</p>`,
    `<p>${pair(m, m.packAgreement, bdi(wordsIn(model.agreement, language)))}</p>`,
    `<p>${pair(m, m.packPlan, bdi(wordsIn(model.plan, language)))}</p>`,
    `<p>${pair(m, m.packParties, model.parties.map((p) => bdi(say.party(p.code))).join(esc(m.listSeparator)))}</p>`,
    `<p class="meta">${esc(previous)}</p>`,
    `<h2>${esc(m.packCompletion)}</h2>`,
    table(
      [m.packCountry, m.packDone, m.packTotal, m.packOverdueCount, '%'],
      [
        say.tallyRow(m.packOverall, model.completion.overall, false),
        ...model.completion.perParty.map((t) => say.tallyRow(say.party(t.partyCode), t, true)),
      ],
    ),
    `<h2>${esc(m.packChanges)}</h2>`,
    listOrEmpty(
      [m.packActivity, m.packPart, m.packField, m.packFrom, m.packTo],
      model.changes.map((c) => say.changeRow(c)),
      m.packNoChanges,
    ),
    `<h2>${esc(m.packOverdueParts)}</h2>`,
    listOrEmpty(
      [m.packActivity, m.packPart, m.packDueOn, m.packDaysLate],
      model.overdueParts.map((p) => [
        say.title(p.activityTitle),
        { text: say.party(p.partyCode), user: true },
        { text: say.date(p.dueOn) },
        { text: say.number(p.daysLate), number: true },
      ]),
      m.packNoOverdueParts,
    ),
    `<h2>${esc(fill(m.packSilentParts, { days: say.number(model.silentAfterDays) }))}</h2>`,
    listOrEmpty(
      [m.packActivity, m.packPart, m.packLastUpdate, m.packDaysSilent],
      model.silentParts.map((p) => [
        say.title(p.activityTitle),
        { text: say.party(p.partyCode), user: true },
        { text: say.date(p.lastUpdateOn) },
        { text: say.number(p.daysSilent), number: true },
      ]),
      m.packNoSilentParts,
    ),
    `<h2>${esc(m.packEvidence)}</h2>`,
    listOrEmpty(
      [m.packActivity, m.packPart, m.packEvidenceKind, m.packFileName, m.packReceivedOn],
      model.evidence.map((e) => [
        say.title(e.activityTitle),
        { text: e.partyCode ? say.party(e.partyCode) : m.packJoint, user: !!e.partyCode },
        { text: m.packEvidenceKinds[e.kind] ?? e.kind },
        { text: e.fileName, user: true },
        { text: say.date(e.receivedOn) },
      ]),
      m.packNoEvidence,
    ),
    `<h2>${esc(m.packDecisions)}</h2>`,
    listOrEmpty(
      [m.packDecision, m.packActivity, m.packOutcome],
      model.decisions.map((d) => [
        say.title(d.text),
        d.activity ? say.title(d.activity.title) : { text: m.packNoActivity },
        {
          text: d.activity
            ? `${say.status(d.activity.status)} (${say.percent(d.activity.progressPercent)})`
            : '—',
        },
      ]),
      m.packNoDecisions,
    ),
    `<footer>${esc(fill(m.packGeneratedOn, { date: say.date(model.generatedOn) }))}</footer>`,
  ];
  return `<section lang="${language}" dir="${LANGUAGE_INFO[language].dir}">\n${parts.join('\n')}\n</section>`;
}

/** How one language writes the pack's values: dates, numbers, parties, statuses. */
class Sayer {
  private readonly locale: string;
  constructor(
    private readonly model: PackModel,
    private readonly language: Language,
    private readonly m: Messages,
  ) {
    this.locale = LANGUAGE_INFO[language].locale;
  }

  date(date: CalendarDate): string {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${date}T00:00:00Z`),
    );
  }

  number(n: number): string {
    return new Intl.NumberFormat(this.locale).format(n);
  }

  percent(n: number): string {
    return new Intl.NumberFormat(this.locale, { style: 'percent' }).format(n / 100);
  }

  party(code: string): string {
    const party: PackParty | undefined = this.model.parties.find((p) => p.code === code);
    return party ? party.names[this.language] || party.name : code;
  }

  status(status: ActivityStatus): string {
    return (this.m.statusNames as Record<string, string>)[status] ?? status;
  }

  title(words: Words): Cell {
    return { text: wordsIn(words, this.language), user: true };
  }

  tallyRow(label: string, t: Tally, user: boolean): Cell[] {
    return [
      { text: label, user },
      { text: this.number(t.completed), number: true },
      { text: this.number(t.total), number: true },
      { text: this.number(t.overdue), number: true },
      { text: this.percent(t.percent), number: true },
    ];
  }

  changeRow(c: PackChange): Cell[] {
    const part: Cell = c.partyCode
      ? { text: this.party(c.partyCode), user: true }
      : { text: this.m.packJoint };
    if (c.field === 'added' || c.field === 'removed') {
      const what = c.field === 'added' ? this.m.packAdded : this.m.packRemoved;
      return [this.title(c.activityTitle), part, { text: what }, { text: '' }, { text: '' }];
    }
    return [
      this.title(c.activityTitle),
      part,
      { text: this.m.fieldNames[c.field] ?? c.field },
      { text: this.value(c, c.from) },
      { text: this.value(c, c.to) },
    ];
  }

  private value(c: PackChange, value: string | number | null): string {
    if (value === null || value === '') return '—';
    switch (c.field) {
      case 'status':
        return this.status(String(value) as ActivityStatus);
      case 'progressPercent':
        return this.percent(Number(value));
      case 'dueOn':
      case 'completedOn':
        return this.date(String(value));
      default:
        return String(value);
    }
  }
}

function listOrEmpty(headings: string[], rows: Cell[][], empty: string): string {
  return rows.length === 0 ? `<p class="empty">${esc(empty)}</p>` : table(headings, rows);
}

function table(headings: string[], rows: Cell[][]): string {
  const head = headings.map(
    (h, i) => `<th${i > 0 && rows[0]?.[i]?.number ? ' class="number"' : ''}>${esc(h)}</th>`,
  );
  const body = rows.map(
    (row) =>
      `<tr>${row
        .map(
          (c) =>
            `<td${c.number ? ' class="number"' : ''}>${c.user ? bdi(c.text) : esc(c.text)}</td>`,
        )
        .join('')}</tr>`,
  );
  return `<table><thead><tr>${head.join('')}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

const esc = (text: string) => escapeHtml(text);

/** `label : value` as the language writes it (core's `pair`), `valueHtml` already escaped. */
function pair(m: Messages, label: string, valueHtml: string): string {
  return esc(m.pair)
    .replace('{label}', () => esc(label))
    .replace('{value}', () => valueHtml);
}
const bdi = (text: string) => `<bdi>${escapeHtml(text)}</bdi>`;

/** `{name}` placeholders of a dictionary entry. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
