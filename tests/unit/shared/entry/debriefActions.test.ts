import { describe, expect, it } from 'vitest';
import type { BodyCheckItem, BodyOutlineBlock } from '../../../../shared/entry/bodyOutline';
import { countOpenActions, isInActionsSection, isSamePerson, listDebriefActions } from '../../../../shared/entry/debriefActions';
import { actionsOwnedBy } from '../../../../shared/insights/openActions';
import { parseEntryActivity, type DebriefAction } from '../../../../shared/library/entryActivity';
import type { EntryRow } from '../../../../shared/library/entryRow';
import { entryRow } from '../../support/entryRows';

const heading = (text: string, level = 2): BodyOutlineBlock => ({ type: 'heading', level, text });
const item = (text: string, checked = false, ...mentions: string[]): BodyCheckItem => ({ text, checked, mentions });
const checks = (...checkItems: BodyCheckItem[]): BodyOutlineBlock => ({ type: 'block', mentions: checkItems.flatMap((each) => each.mentions), checkItems });

describe('a debrief’s actions', () => {
  it('are the check items under "Actions", owned by the people they mention; blank items and check items elsewhere are not actions', () => {
    const body = [
      heading('What went well'),
      checks(item('Not an action @Ana', false, 'Ana')),
      heading('Actions'),
      checks(
        item('  Update   the runbook @Ana ', false, 'Ana'),
        item('Pair on the alerts @Ana @Ben', true, 'Ana', 'Ben', 'Ana'),
        item('Book the retro room'),
        item('   '),
      ),
      heading('From the platform team', 3),
      checks(item('Rotate the keys @Cy', false, 'Cy')),
      heading('Appendix'),
      checks(item('Also not an action')),
    ];
    const actions = listDebriefActions(body);
    expect(actions).toEqual<DebriefAction[]>([
      { text: 'Update the runbook @Ana', owners: ['Ana'], done: false },
      { text: 'Pair on the alerts @Ana @Ben', owners: ['Ana', 'Ben'], done: true },
      { text: 'Book the retro room', owners: [], done: false },
      { text: 'Rotate the keys @Cy', owners: ['Cy'], done: false },
    ]);
    expect(countOpenActions(actions)).toBe(3);
    expect(body.map((_, index) => isInActionsSection(body, index))).toEqual([false, false, false, true, false, true, false, false]);
  });

  it('follow a renamed section, and there are none in a body without one', () => {
    expect(listDebriefActions([heading('Follow-up actions'), checks(item('Ship it'))])).toEqual([{ text: 'Ship it', owners: [], done: false }]);
    expect(listDebriefActions([heading('ACTION ITEMS'), checks(item('Ship it'))])).toHaveLength(1);
    expect(listDebriefActions([heading('What happened'), checks(item('Ship it'))])).toEqual([]);
  });

  it('are read back from a row, and broken ones are dropped', () => {
    const stored = { contributors: [], thanks: [], ticks: [], actions: [{ text: 'Ship it', owners: ['Ana', '', 7], done: false }, { text: '', owners: [], done: false }, { text: 'x', owners: 'Ana', done: true }, { text: 'Go', owners: [], done: 'yes' }, 'Go'] };
    expect(parseEntryActivity(stored)?.actions).toEqual([{ text: 'Ship it', owners: ['Ana'], done: false }]);
    // Rows derived before actions were recorded have none, which is not the same as an empty list.
    expect(parseEntryActivity({ contributors: [], thanks: [], ticks: [] })).not.toHaveProperty('actions');
  });
});

let serial = 0;
function debrief(title: string, actions: DebriefAction[], patch: Partial<EntryRow> = {}): EntryRow {
  serial++;
  return entryRow(`e-${String(serial).padStart(10, '0')}`, serial, {
    kind: 'debrief',
    title,
    activity: { contributors: [], thanks: [], ticks: [], actions },
    ...patch,
  });
}

describe('a person’s actions, across the debriefs on this device', () => {
  it('are every action that names them, however the name is spaced or cased, latest debrief first, with their place in the debrief', () => {
    const rows = [
      debrief('Launch', [
        { text: 'Book the room', owners: [], done: false },
        { text: 'Update the runbook @ana lima', owners: ['ana lima'], done: false },
        { text: 'Close the incident @Ana Lima', owners: ['Ana Lima'], done: true },
      ]),
      debrief('Migration', [{ text: 'Pair with Ben @Ana Lima @Ben', owners: ['Ana Lima', 'Ben'], done: false }]),
      debrief('Binned', [{ text: 'Gone @Ana Lima', owners: ['Ana Lima'], done: false }], { trashedAt: 5 }),
      debrief('A lesson', [{ text: 'Not a debrief @Ana Lima', owners: ['Ana Lima'], done: false }], { kind: 'lesson' }),
      debrief('Before actions were recorded', [], { activity: { contributors: [], thanks: [], ticks: [] } }),
    ];
    expect(isSamePerson(' Ana   Lima', 'ana lima')).toBe(true);
    expect(isSamePerson('Ana', 'Ana Lima')).toBe(false);
    expect(actionsOwnedBy(rows, 'Ana  Lima').map(({ debrief: row, action, index }) => [row.title, index, action.text, action.done])).toEqual([
      ['Migration', 0, 'Pair with Ben @Ana Lima @Ben', false],
      ['Launch', 1, 'Update the runbook @ana lima', false],
      ['Launch', 2, 'Close the incident @Ana Lima', true],
    ]);
    expect(actionsOwnedBy(rows, 'Ben').map(({ action }) => action.text)).toEqual(['Pair with Ben @Ana Lima @Ben']);
    expect(actionsOwnedBy(rows, 'Cy')).toEqual([]);
  });
});
