import {
  attachmentDispositionFor,
  cleanFileName,
  MAX_FILE_NAME_LENGTH,
  splitExtension,
} from './evidence-file-names';

describe('cleanFileName', () => {
  it.each<[string, string | undefined, string | undefined, string]>([
    ['a plain name is kept', 'agenda.pdf', undefined, 'agenda.pdf'],
    [
      'accents and Arabic are kept',
      'Liste de présence – جدول.pdf',
      undefined,
      'Liste de présence – جدول.pdf',
    ],
    ['Unix path parts are dropped', '../../etc/passwd', undefined, 'passwd'],
    ['Windows path parts are dropped', 'C:\\Users\\amina\\agenda.docx', undefined, 'agenda.docx'],
    ['control characters are dropped', 'age\u0000nda\u0007\r\n.pdf', undefined, 'agenda.pdf'],
    ['bidi overrides are dropped', 'invoice\u202Efdp.exe', undefined, 'invoicefdp.exe'],
    [
      'isolates, marks and zero-width are dropped',
      '\u2067a\u200Bb\u200F\u2069.png',
      undefined,
      'ab.png',
    ],
    ['reserved characters become _', 'a<b>c:d"e|f?g*.txt', undefined, 'a_b_c_d_e_f_g_.txt'],
    ['leading dots (hidden files) go', '...htaccess', undefined, 'htaccess'],
    ['trailing dots and spaces go', 'report.pdf. . ', undefined, 'report.pdf'],
    ['whitespace is collapsed', 'a \t  b.pdf', undefined, 'a b.pdf'],
    ['the extension is lower-cased', 'SCAN.JPG', undefined, 'SCAN.jpg'],
    ['empty → fallback with the detected extension', '', 'pdf', 'evidence.pdf'],
    ['nothing left → fallback', '\u202E\u0000/', 'png', 'evidence.png'],
    ['a dot-name loses its dot', '.pdf', undefined, 'pdf'],
    ['no name at all, no extension', undefined, undefined, 'evidence'],
    ['a name without extension gets the detected one', 'scan', 'pdf', 'scan.pdf'],
    ['a Windows device name is prefixed', 'CON.txt', undefined, '_CON.txt'],
  ])('%s', (_name, raw, ext, expected) => {
    expect(cleanFileName(raw, ext)).toBe(expected);
  });

  it(`caps the length at ${MAX_FILE_NAME_LENGTH} characters and keeps the extension`, () => {
    const cleaned = cleanFileName('é'.repeat(500) + '.pdf');
    expect([...cleaned]).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(cleaned.endsWith('é.pdf')).toBe(true);
  });

  it('never cuts a character in half (astral characters)', () => {
    const cleaned = cleanFileName('😀'.repeat(400) + '.png');
    expect(cleaned).toBe('😀'.repeat(MAX_FILE_NAME_LENGTH - 4) + '.png');
  });
});

describe('splitExtension', () => {
  it.each([
    ['a.tar.gz', 'a.tar', 'gz'],
    ['noext', 'noext', ''],
    ['trailing.', 'trailing.', ''],
    ['x.verylongextension', 'x.verylongextension', ''],
  ])('%s', (name, stem, ext) => {
    expect(splitExtension(name)).toEqual({ stem, ext });
  });
});

describe('attachmentDispositionFor', () => {
  it('an ASCII name is sent as both filename and filename*', () => {
    expect(attachmentDispositionFor('agenda.pdf')).toBe(
      `attachment; filename="agenda.pdf"; filename*=UTF-8''agenda.pdf`,
    );
  });

  it('a non-ASCII name: folded ASCII fallback, exact UTF-8 in filename*', () => {
    expect(attachmentDispositionFor("Liste de présence (J1)'s.pdf")).toBe(
      `attachment; filename="Liste de presence (J1)'s.pdf"; ` +
        `filename*=UTF-8''Liste%20de%20pr%C3%A9sence%20%28J1%29%27s.pdf`,
    );
  });

  it('Arabic: the fallback has no raw non-ASCII byte, filename* decodes back', () => {
    const value = attachmentDispositionFor('محضر.pdf');
    expect(value).toMatch(/^[\x20-\x7e]+$/);
    const star = /filename\*=UTF-8''(.+)$/.exec(value)![1];
    expect(decodeURIComponent(star)).toBe('محضر.pdf');
  });
});
