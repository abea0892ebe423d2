import { activityChecklists, partChecklist, type EvidenceItemKind } from './evidence-checklist';
import type { EvidenceKind } from './evidence-kinds';

const item = (kind: EvidenceKind, partyCode: string | null = null): EvidenceItemKind => ({
  kind,
  partyCode,
});
const WORKSHOP: EvidenceKind[] = ['agenda', 'attendance_list'];

describe('partChecklist', () => {
  it.each<[string, EvidenceItemKind[], EvidenceKind[], EvidenceKind[]]>([
    ['nothing uploaded: everything missing', [], [], ['agenda', 'attendance_list']],
    [
      "the party's own items count",
      [item('agenda', 'MA'), item('attendance_list', 'MA')],
      ['agenda', 'attendance_list'],
      [],
    ],
    [
      'activity-level items count for every party',
      [item('agenda'), item('attendance_list', 'MA')],
      ['agenda', 'attendance_list'],
      [],
    ],
    [
      "another party's items never count",
      [item('agenda', 'CI'), item('attendance_list', 'CI')],
      [],
      ['agenda', 'attendance_list'],
    ],
    [
      'kinds not required do not help',
      [item('photo', 'MA'), item('report')],
      [],
      ['agenda', 'attendance_list'],
    ],
    [
      'present keeps the order of the requirements',
      [item('attendance_list', 'MA'), item('agenda', 'MA'), item('agenda', 'MA')],
      ['agenda', 'attendance_list'],
      [],
    ],
  ])('%s', (_name, items, present, missing) => {
    expect(partChecklist('MA', WORKSHOP, items)).toEqual({
      partyCode: 'MA',
      required: WORKSHOP,
      present,
      missing,
    });
  });

  it('nothing required: nothing missing', () => {
    expect(partChecklist('MA', [], [])).toEqual({
      partyCode: 'MA',
      required: [],
      present: [],
      missing: [],
    });
  });
});

describe('activityChecklists', () => {
  it('one checklist per party, each counting its own and the shared items', () => {
    const lists = activityChecklists(['MA', 'CI'], WORKSHOP, [
      item('agenda'),
      item('attendance_list', 'CI'),
    ]);
    expect(lists.map((l) => [l.partyCode, l.missing])).toEqual([
      ['MA', ['attendance_list']],
      ['CI', []],
    ]);
  });
});
