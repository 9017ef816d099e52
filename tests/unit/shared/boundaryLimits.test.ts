import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BackupError, checkBackup, encodeBackupLines, type BackupDoc, type BackupHashing } from '../../../shared/backup/backupFormat';
import { MAX_LEFT_OUT_REASON_LENGTH, MAX_LEFT_OUT_TITLE_LENGTH } from '../../../shared/backup/backupRecords';
import { formatInviteLink, InviteLinkError, MAX_INVITE_LINK_LENGTH, MAX_INVITE_TITLE_LENGTH, MAX_SIGNALING_SERVERS, parseInviteLink } from '../../../shared/invite/inviteLink';
import { InvalidIpcPayloadError, MAX_SAVED_TEXT_LENGTH, parseIpcAnswer, parseIpcArgs } from '../../../shared/ipc/ipcContract';
import { MAX_ACTIVITY_LISTED, MAX_ACTIVITY_TICKS } from '../../../shared/library/entryActivity';
import { parseEntryRow } from '../../../shared/library/entryRow';
import { MAX_PERSON_NAME_LENGTH } from '../../../shared/people/person';
import { MAX_STORED_COUNT } from '../../../shared/schema/numberSchemas';
import { MAX_CURSOR_TYPE_NAME_LENGTH, MAX_PRESENCE_COLOR_LENGTH, MAX_PRESENCE_NAME_LENGTH, presenceProblem } from '../../../shared/sync/peerPresence';
import { MAX_NESTING_DEPTH, parseSignalingMessage } from '../../../shared/sync/signalingMessages';

/**
 * What arrives from outside (main, disk, a backup file, a signaling server, a peer, a pasted
 * link) is read through the schemas of shared/, each limit named once: a payload at a limit is
 * read, one past it is refused or cut to it, and nothing hostile passes for data.
 */

const room = 'stEaeLAcZECk6m-KayLWxJErm7bEW67I';
const key = 'TMzQKHXRh82F4msALWt03sImkv8ZA4cK';
const row = { id: 'e-checks0001', kind: 'checklist', title: 'Release day', tags: ['ops'], createdAt: 1, updatedAt: 2, progress: null, trashedAt: null, share: null, awaitingPeer: false };

/** An object that answers for fields it does not hold, through its prototype. */
function inherited<T extends object>(fields: T): T {
  return Object.create(fields) as T;
}

describe('main’s answers and the renderer’s requests (IPC)', () => {
  it('takes a saved text up to its limit and refuses one character more', () => {
    expect(parseIpcArgs('saveTextFile', ['entry.md', 'x'.repeat(MAX_SAVED_TEXT_LENGTH)])).toHaveLength(2);
    expect(() => parseIpcArgs('saveTextFile', ['entry.md', 'x'.repeat(MAX_SAVED_TEXT_LENGTH + 1)])).toThrow(InvalidIpcPayloadError);
  });

  it('refuses paths for file names, extra arguments and answers that only look right', () => {
    expect(() => parseIpcArgs('saveTextFile', ['../../.bashrc', 'x'])).toThrow(InvalidIpcPayloadError);
    expect(() => parseIpcArgs('saveTextFile', ['entry.md', 'x', 'extra'])).toThrow(InvalidIpcPayloadError);
    expect(() => parseIpcAnswer('saveMarkdownFolder', inherited({ status: 'cancelled' }))).toThrow(InvalidIpcPayloadError);
    const servers = Array.from({ length: MAX_SIGNALING_SERVERS + 1 }, (_, n) => `ws://10.0.0.${n + 1}:4444`);
    expect(() => parseIpcAnswer('setLocalNetworkSharing', servers)).toThrow(InvalidIpcPayloadError);
  });
});

describe('library rows read back from disk or a backup', () => {
  it('refuses what is not a row, however close it looks', () => {
    expect(parseEntryRow(row)).not.toBeNull();
    expect(parseEntryRow(inherited(row))).toBeNull();
    expect(parseEntryRow([row])).toBeNull();
    expect(parseEntryRow({ ...row, id: '../etc/passwd' })).toBeNull();
    expect(parseEntryRow({ ...row, kind: 'virus' })).toBeNull();
    expect(parseEntryRow({ ...row, createdAt: -1 })).toBeNull();
    expect(parseEntryRow({ ...row, updatedAt: Number.NaN })).toBeNull();
  });

  it('keeps counts up to the stored limit and drops a progress past it', () => {
    expect(parseEntryRow({ ...row, progress: { done: MAX_STORED_COUNT, total: MAX_STORED_COUNT } })?.progress).toEqual({ done: MAX_STORED_COUNT, total: MAX_STORED_COUNT });
    expect(parseEntryRow({ ...row, progress: { done: 1, total: MAX_STORED_COUNT + 1 } })?.progress).toBeNull();
    expect(parseEntryRow({ ...row, progress: { done: 3, total: 2 } })?.progress).toBeNull();
  });

  it('cuts activity to its limits and drops names that are too long', () => {
    const activity = {
      contributors: [...Array.from({ length: MAX_ACTIVITY_LISTED + 10 }, (_, n) => `Person ${n}`), 'x'.repeat(MAX_PERSON_NAME_LENGTH + 1)],
      thanks: [{ name: 'Ana', count: 2 }, { name: 'Ben', count: -1 }, inherited({ name: 'Eve', count: 1 })],
      ticks: Array.from({ length: MAX_ACTIVITY_TICKS + 5 }, (_, n) => n),
    };
    const read = parseEntryRow({ ...row, activity })?.activity;
    expect(read?.contributors).toHaveLength(MAX_ACTIVITY_LISTED);
    expect(read?.thanks).toEqual([{ name: 'Ana', count: 2 }]);
    expect(read?.ticks).toHaveLength(MAX_ACTIVITY_TICKS);
  });

  it('keeps only the signaling servers a link could have named, and no write key without its public key', () => {
    const share = { room, key, signaling: ['wss://signal.example.com', 'wss://user:pass@evil.example', 'https://evil.example', 42], write: 'A'.repeat(43) };
    expect(parseEntryRow({ ...row, share })?.share).toEqual({ room, key, signaling: ['wss://signal.example.com'] });
    expect(parseEntryRow({ ...row, share: { ...share, room: 'short' } })?.share).toBeNull();
  });
});

describe('a backup file', () => {
  const hashing: BackupHashing = {
    digest: async (bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)),
    utf8: (text) => new TextEncoder().encode(text),
  };

  async function* libraryOnly(): AsyncGenerator<BackupDoc> {
    yield { doc: 'library', state: Y.encodeStateAsUpdate(new Y.Doc()) };
  }

  async function backupLines(identity: unknown, leftOut: unknown[] = []): Promise<string[]> {
    const lines: string[] = [];
    const encoded = encodeBackupLines(1_700_000_000_000, libraryOnly(), () => leftOut as never, hashing, identity as never);
    for await (const line of encoded) lines.push(line.slice(0, -1));
    return lines;
  }

  async function* each(lines: readonly string[]): AsyncGenerator<string> {
    yield* lines;
  }

  it('reads who made it as colleagues would see them, or as nobody when that is not a person', async () => {
    const spaced = await checkBackup(each(await backupLines({ name: '  Ana \n  Lopez ', color: '#FF0000', contributorId: 'device-1' })), hashing);
    expect(spaced.identity).toEqual({ name: 'Ana Lopez', color: '#FF0000', contributorId: 'device-1' });
    for (const identity of [{ name: ' ', color: '#ff0000', contributorId: 'd' }, { name: 'Ana', color: 'red', contributorId: 'd' }, { name: 'Ana', color: '#ff0000', contributorId: 'a/b' }]) {
      expect((await checkBackup(each(await backupLines(identity)), hashing)).identity).toBeNull();
    }
  });

  it('cuts the title and reason of an entry it left out to their limits', async () => {
    const leftOut = [{ id: 'e-checks0001', title: 't'.repeat(MAX_LEFT_OUT_TITLE_LENGTH * 3), reason: 'r'.repeat(MAX_LEFT_OUT_REASON_LENGTH * 3) }];
    const read = await checkBackup(each(await backupLines(null, leftOut)), hashing);
    expect(read.leftOut[0]?.title).toHaveLength(MAX_LEFT_OUT_TITLE_LENGTH);
    expect(read.leftOut[0]?.reason).toHaveLength(MAX_LEFT_OUT_REASON_LENGTH);
  });

  it('refuses a part numbered past its document’s parts, or naming a document that is no entry', async () => {
    const lines = await backupLines(null);
    const part = JSON.parse(lines[1] as string) as Record<string, unknown>;
    for (const forged of [{ ...part, part: 3, parts: 2 }, { ...part, part: 0 }, { ...part, doc: '../library' }, { ...part, part: 1.5 }]) {
      const read = checkBackup(each([lines[0] as string, JSON.stringify(forged), ...lines.slice(2)]), hashing);
      await expect(read).rejects.toMatchObject({ problem: 'not-a-backup' });
      await expect(read).rejects.toBeInstanceOf(BackupError);
    }
  });

  it('refuses a first line that is not a backup’s', async () => {
    for (const first of ['[]', '{"format":"peerbook-backup"}', '{"format":"other","version":2,"createdAt":1}', '{"format":"peerbook-backup","version":2,"createdAt":"today"}']) {
      await expect(checkBackup(each([first]), hashing)).rejects.toMatchObject({ problem: 'not-a-backup' });
    }
  });
});

describe('frames a signaling server relays, and frames its clients send', () => {
  /** A publish frame whose deepest object is `depth` levels down, the frame itself being the first. */
  function publishNested(depth: number): string {
    let data: unknown = { candidate: 'x' };
    for (let level = 2; level < depth; level++) data = { inner: data };
    return JSON.stringify({ type: 'publish', topic: room, data });
  }

  it('reads frames nested up to the limit and refuses one level deeper', () => {
    expect(parseSignalingMessage(publishNested(MAX_NESTING_DEPTH))?.type).toBe('publish');
    expect(parseSignalingMessage(publishNested(MAX_NESTING_DEPTH + 1))).toBeNull();
  });

  it('refuses what is not the protocol’s shape, and skips topics that are not names', () => {
    for (const frame of ['not json', '[]', '{"type":"publish"}', '{"type":"publish","topic":""}', '{"type":"subscribe","topics":"room"}', '{"type":"shutdown"}', '{"type":"__proto__"}']) {
      expect(parseSignalingMessage(frame), frame).toBeNull();
    }
    expect(parseSignalingMessage(42)).toBeNull();
    expect(parseSignalingMessage(JSON.stringify({ type: 'subscribe', topics: [room, 7, '', null, 'other'] }))).toEqual({ type: 'subscribe', topics: [room, 'other'] });
  });
});

describe('a peer’s presence (awareness state)', () => {
  const cursor = { type: { client: 1, clock: 2 }, tname: null, item: null, assoc: 0 };

  it('accepts a presence at its limits and one of a stock client with fields of its own', () => {
    expect(presenceProblem(null)).toBeNull();
    expect(presenceProblem({ name: 'n'.repeat(MAX_PRESENCE_NAME_LENGTH), color: 'c'.repeat(MAX_PRESENCE_COLOR_LENGTH), focusing: true, anchorPos: cursor, focusPos: null, user: { id: 3 } })).toBeNull();
    expect(presenceProblem({ anchorPos: { ...cursor, type: null, tname: 't'.repeat(MAX_CURSOR_TYPE_NAME_LENGTH) } })).toBeNull();
  });

  it('refuses one past each limit, and cursors Lexical would throw on', () => {
    for (const state of [
      { name: 'n'.repeat(MAX_PRESENCE_NAME_LENGTH + 1) },
      { color: 'c'.repeat(MAX_PRESENCE_COLOR_LENGTH + 1) },
      { anchorPos: { ...cursor, type: null, tname: 't'.repeat(MAX_CURSOR_TYPE_NAME_LENGTH + 1) } },
      { anchorPos: { type: null, tname: null, item: null, assoc: 0 } },
      { focusPos: { ...cursor, type: { client: 1, clock: -5 } } },
      { focusPos: { ...cursor, assoc: 0.5 } },
      { anchorPos: 'x' },
      { focusing: 'yes' },
      { awarenessData: [1] },
      [],
      'Eve',
    ]) {
      expect(presenceProblem(state), JSON.stringify(state)).not.toBeNull();
    }
  });
});

describe('a pasted invite link', () => {
  it('refuses a link past its length and a title past its limit, and keeps at most the servers it may name', () => {
    const link = formatInviteLink({ room, key, signaling: ['wss://signal.example.com'], title: null });
    expect(() => parseInviteLink(`${link}&pad=${'x'.repeat(MAX_INVITE_LINK_LENGTH)}`)).toThrow(InviteLinkError);
    expect(parseInviteLink(`${link}&title=${'t'.repeat(MAX_INVITE_TITLE_LENGTH)}`).title).toHaveLength(MAX_INVITE_TITLE_LENGTH);
    expect(() => parseInviteLink(`${link}&title=${'t'.repeat(MAX_INVITE_TITLE_LENGTH + 1)}`)).toThrow(InviteLinkError);
    const many = Array.from({ length: MAX_SIGNALING_SERVERS + 3 }, (_, n) => `&sig=${encodeURIComponent(`wss://s${n}.example.com`)}`).join('');
    expect(parseInviteLink(`${link}${many}`).signaling).toHaveLength(MAX_SIGNALING_SERVERS);
  });
});
