import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import * as Y from 'yjs';
import { openRelaySockets } from '../../../renderer/collab/relayConnections';
import { RELAY_ORIGIN, RelaySync } from '../../../renderer/collab/relaySync';
import { writeMarkdownBody } from '../../../renderer/editor/markdownBodyWriter';
import { addEntryTag, getEntryTitle, initEntryDoc, setEntryTitle } from '../../../shared/entry/entryDoc';
import { createShareSecrets } from '../../../shared/invite/inviteLink';
import { relayBlobs } from '../../../shared/relay/relayDocument';
import { RELAY_ENVELOPE_OVERHEAD } from '../../../shared/relay/relayEnvelope';
import { deriveRelayKeys } from '../../../shared/relay/relayKeys';
import { createRelayAuthor, sealRelayEnvelope } from '../../../shared/relay/relayEnvelope';
import { createWriteKeys } from '../../../renderer/collab/writeKeys';
import { Colleague, entryAsSeen, within } from './support/relayColleague';
import {
  buildRelayScript,
  startRelayProcess,
  storedDocuments,
  storedFiles,
  type RelayProcess,
  type RelayScript,
} from './support/relayProcess';
import { freePort } from '../support/freePort';

// Colleagues who are never online together share an entry through a relay that keeps only what
// it cannot read. The relay is the real `npm run relay` process on loopback.

const now = Date.UTC(2026, 10, 2, 9);
let script: RelayScript;
let relay: RelayProcess;
let dataDir: string;
const colleagues: Colleague[] = [];

function colleague(name: string): Colleague {
  const device = new Colleague(name);
  colleagues.push(device);
  return device;
}

function newLink(): { room: string; key: string } {
  return createShareSecrets((length) => randomBytes(length));
}

/** A checklist Ana creates: written from its template, then loaded into her open editor as from storage. */
async function createChecklist(device: Colleague, title: string): Promise<void> {
  const created = new Y.Doc();
  initEntryDoc(created, { kind: 'checklist', createdAt: now, title });
  // A checklist with its steps written (a new one has none).
  writeMarkdownBody(created, '- [ ] First step\n- [ ] Second step\n- [ ] Third step');
  addEntryTag(created, 'release', now);
  await device.load(Y.encodeStateAsUpdate(created));
  created.destroy();
}

/** A new link, and Ana with a new checklist titled `title`, not yet online. */
async function anaWithChecklist(title: string): Promise<{ link: { room: string; key: string }; ana: Colleague }> {
  const link = newLink();
  const ana = colleague('Ana');
  await createChecklist(ana, title);
  return { link, ana };
}

/** A colleague who comes online with `key` for the first time: all he has comes from the relay. */
async function joinWith(name: string, key: string): Promise<Colleague> {
  const device = colleague(name);
  await device.online(relay.url, key);
  return device;
}

/**
 * A client of the relay's own protocol, without Peerbook's encryption or checks: what anyone who
 * learns a relay document's name can run. It is not attached yet, so listeners can be set first.
 */
function rawRelayClient(name: string, token: string): { doc: Y.Doc; provider: HocuspocusProvider; destroy(): void } {
  const socket = new HocuspocusProviderWebsocket({ url: relay.url, WebSocketPolyfill: NodeWebSocket });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token, awareness: null });
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}

/** Stops the relay cleanly (which stores every document), reads, and starts it again on its port. */
async function whileStopped<T>(read: () => T | Promise<T>): Promise<T> {
  await relay.stop();
  try {
    return await read();
  } finally {
    relay = await startRelayProcess(script, { dataDir, port: relay.port });
  }
}

beforeAll(async () => {
  script = await buildRelayScript();
  dataDir = await mkdtemp(join(tmpdir(), 'peerbook-relay-data-'));
  relay = await startRelayProcess(script, { dataDir, port: await freePort() });
});

afterEach(() => {
  for (const device of colleagues.splice(0)) device.close();
});

afterAll(async () => {
  await relay?.stop();
  await script?.remove();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a relay between colleagues who are never online together', () => {
  it('brings title, tags, ticks and body from one to the other and back', async () => {
    const { link, ana } = await anaWithChecklist('Release day checklist');
    await ana.online(relay.url, link.key);
    await ana.tickItem(0);
    await ana.writeParagraph('Rotate the pager before the freeze');
    await ana.offline();

    const ben = await joinWith('Ben', link.key);
    expect(entryAsSeen(ben.doc)).toEqual(entryAsSeen(ana.doc));
    expect(entryAsSeen(ben.doc)).toMatchObject({ title: 'Release day checklist', tags: ['release'], progress: { done: 1, total: 3 } });
    expect(entryAsSeen(ben.doc).body).toContain('Rotate the pager before the freeze');

    setEntryTitle(ben.doc, 'Release day checklist, v2');
    addEntryTag(ben.doc, 'on-call', now);
    await ben.tickItem(1);
    await ben.writeParagraph('Ask Ana about the rollback script');
    await ben.offline();

    await ana.online(relay.url, link.key);
    expect(entryAsSeen(ana.doc)).toEqual(entryAsSeen(ben.doc));
    expect(entryAsSeen(ana.doc)).toMatchObject({ title: 'Release day checklist, v2', tags: ['on-call', 'release'], progress: { done: 2, total: 3 } });
    expect(entryAsSeen(ana.doc).body).toContain('Ask Ana about the rollback script');
  });

  it('applies what others appended with the relay origin, and a second session changes nothing', async () => {
    const { link, ana } = await anaWithChecklist('Origins');
    await ana.online(relay.url, link.key);
    await ana.offline();

    // Ben's background sync, with no editor open: every change to his document comes from the relay.
    const benDoc = new Y.Doc();
    const origins: unknown[] = [];
    benDoc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    const options = { url: relay.url, key: link.key, WebSocket: NodeWebSocket as unknown as typeof WebSocket };
    const first = new RelaySync(benDoc, options);
    await within(first.whenInStep(), 'Ben is in step');
    first.destroy();
    expect(getEntryTitle(benDoc)).toBe('Origins');
    expect(origins.length).toBeGreaterThan(0);
    expect(origins.every((origin) => origin === RELAY_ORIGIN)).toBe(true);

    // The same blobs again (a new session reads the whole log): already applied, nothing changes.
    const applied = origins.length;
    const second = new RelaySync(benDoc, options);
    await within(second.whenInStep(), 'Ben is in step again');
    expect(second.currentStatus).toMatchObject({ state: 'in-step', refusedBlobs: 0 });
    second.destroy();
    expect(origins.length).toBe(applied);
    benDoc.destroy();
  });

  it('shares one connection among the entries of one relay', async () => {
    const before = openRelaySockets();
    const ana = colleague('Ana');
    const more = [colleague('Ana, second entry'), colleague('Ana, third entry')];
    await Promise.all([ana, ...more].map((device) => device.online(relay.url, newLink().key)));
    expect(openRelaySockets()).toBe(before + 1);
  });
});

describe('what a relay holds, and who can read it', () => {
  it('stores none of the entry’s words, title, tags or room, logs none, and loses nothing when restarted', async () => {
    const { link, ana } = await anaWithChecklist('Quarterly vendor audit');
    addEntryTag(ana.doc, 'compliance-secret-tag', now);
    await ana.online(relay.url, link.key);
    await ana.writeParagraph('Confidential: the supplier overcharged us by forty percent');
    await ana.offline();

    // A clean stop stores every document first; the relay then starts again on the same port.
    const keys = await deriveRelayKeys(link.key, crypto);
    const { files, stored } = await whileStopped(async () => ({
      files: await storedFiles(dataDir),
      stored: storedDocuments(dataDir).find((document) => document.name === keys.documentName),
    }));
    // Proof that the entry is in there (as blobs), before looking for its words.
    expect(stored?.blobs).toBeGreaterThan(0);
    const secrets = ['Quarterly', 'vendor audit', 'compliance-secret-tag', 'release', 'Confidential', 'supplier', 'forty percent', link.room, link.key];
    for (const [name, bytes] of files) {
      for (const secret of secrets) {
        expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${name}`).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16) in ${name}`).toBe(false);
      }
    }
    for (const secret of secrets) expect(relay.output()).not.toContain(secret);

    const ben = await joinWith('Ben', link.key);
    expect(entryAsSeen(ben.doc)).toEqual(entryAsSeen(ana.doc));
  });

  it('gives a wrong key nothing to read, and lets nobody without the key append', async () => {
    const { link, ana } = await anaWithChecklist('Incident review');
    await ana.online(relay.url, link.key);
    await ana.offline();

    // Another key names another relay document: Eve is in step with an empty one.
    const eve = colleague('Eve');
    await eve.online(relay.url, newLink().key);
    expect(getEntryTitle(eve.doc)).toBe('');

    // Eve learns the entry's relay document name (from the relay's disk, say) but not its key.
    const real = await deriveRelayKeys(link.key, crypto);
    const forged = await deriveRelayKeys(newLink().key, crypto);
    const eveClient = rawRelayClient(real.documentName, forged.capability);
    const refused = new Promise<string>((resolve) => eveClient.provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason)));
    eveClient.provider.attach();
    eveClient.doc.transact(() => relayBlobs(eveClient.doc).push([new Uint8Array(200).fill(7)]));
    try {
      expect(await within(refused, 'the relay refuses Eve')).toBe('permission-denied');
      expect(relayBlobs(eveClient.doc).length).toBe(1); // only her own blob: nothing of Ana's came back

      // Ana's next change reaches Ben; Eve's blob never does.
      await ana.online(relay.url, link.key);
      setEntryTitle(ana.doc, 'Incident review, final');
      await ana.offline();
      const ben = await joinWith('Ben', link.key);
      expect(getEntryTitle(ben.doc)).toBe('Incident review, final');
      expect(ben.relay.currentStatus.refusedBlobs).toBe(0);
    } finally {
      eveClient.destroy();
    }
  });

  it('takes appends to an entry with read-only links only from those who may edit: a reader, honest or not, only reads', async () => {
    const link = newLink();
    const keys = await createWriteKeys();
    const editor = { verify: keys.verify, write: keys.write };
    const reader = { verify: keys.verify, write: null };
    // Ben, a reader, reaches the relay before anyone who may edit: he claims nothing by it.
    const ben = colleague('Ben');
    await ben.online(relay.url, link.key, undefined, undefined, reader);
    const ana = colleague('Ana');
    await createChecklist(ana, 'Deploy checklist');
    await ana.online(relay.url, link.key, undefined, undefined, editor);
    await within(
      (async () => {
        while (getEntryTitle(ben.doc) !== 'Deploy checklist') await new Promise((resolve) => setTimeout(resolve, 20));
      })(),
      'Ben receives Ana’s entry through the relay',
    );
    // Ben changes his copy: his Peerbook appends nothing.
    setEntryTitle(ben.doc, 'Skip the freeze');
    await ben.offline();

    // Eve holds the read-only link too and writes into the relay document herself, with an
    // envelope sealed under the right key: the relay takes nothing from her.
    const relayKeys = await deriveRelayKeys(link.key, crypto, keys.verify);
    const forgedEntry = new Y.Doc();
    Y.applyUpdate(forgedEntry, Y.encodeStateAsUpdate(ana.doc));
    const before = Y.encodeStateVector(forgedEntry);
    setEntryTitle(forgedEntry, 'Hijacked');
    const envelope = await sealRelayEnvelope(crypto, relayKeys, { kind: 'update', author: createRelayAuthor(crypto), counter: 0 }, Y.encodeStateAsUpdate(forgedEntry, before));
    const eveClient = rawRelayClient(relayKeys.documentName, relayKeys.capability);
    try {
      const scope = new Promise<string>((resolve) => {
        eveClient.provider.on('authenticated', ({ scope: granted }: { scope: string }) => resolve(granted));
        eveClient.provider.attach();
      });
      expect(await within(scope, 'the relay admits Eve')).toBe('readonly');
      eveClient.doc.transact(() => relayBlobs(eveClient.doc).push([envelope]));

      // Ana's change after Eve's append reaches Cleo, who may edit; neither Ben's nor Eve's does.
      setEntryTitle(ana.doc, 'Deploy checklist v2');
      await ana.offline();
      const cleo = colleague('Cleo');
      await cleo.online(relay.url, link.key, undefined, undefined, editor);
      expect(getEntryTitle(cleo.doc)).toBe('Deploy checklist v2');
      expect(cleo.relay.currentStatus.refusedBlobs).toBe(0);
    } finally {
      eveClient.destroy();
      forgedEntry.destroy();
    }
  });

  it('sends nothing new to the holder of a link that was reset', async () => {
    const { link: oldLink, ana } = await anaWithChecklist('Hiring loop');
    await ana.online(relay.url, oldLink.key);
    await ana.offline();
    const ben = await joinWith('Ben', oldLink.key);
    expect(getEntryTitle(ben.doc)).toBe('Hiring loop');
    await ben.offline();

    // Ana resets the link: a new key, so a new relay document; Cleo gets the new link.
    const newKey = newLink().key;
    await ana.online(relay.url, newKey);
    setEntryTitle(ana.doc, 'Hiring loop, after the reset');
    await ana.offline();
    const cleo = await joinWith('Cleo', newKey);
    expect(getEntryTitle(cleo.doc)).toBe('Hiring loop, after the reset');

    // Ben, with the old link, is in step with everything the old document has: the old title.
    await ben.online(relay.url, oldLink.key);
    expect(ben.relay.currentStatus.state).toBe('in-step');
    expect(getEntryTitle(ben.doc)).toBe('Hiring loop');
  });

  it('refuses a key holder’s append that is not an envelope, and serves the others as before', async () => {
    const link = newLink();
    const keys = await deriveRelayKeys(link.key, crypto);
    const ana = colleague('Ana');
    await createChecklist(ana, 'Team offsite');
    await ana.online(relay.url, link.key);

    const raw = rawRelayClient(keys.documentName, keys.capability);
    const closed = new Promise<unknown>((resolve) => raw.provider.on('close', resolve));
    raw.provider.attach();
    try {
      await within(new Promise<void>((resolve) => raw.provider.on('synced', () => resolve())), 'the raw client has synced');
      raw.doc.transact(() => raw.doc.getMap('notes').set('plain', 'the offsite is in Lisbon'));
      await within(closed, 'the relay closes the raw client');
      // Ana keeps working, and Ben gets her change and nothing of the refused write.
      setEntryTitle(ana.doc, 'Team offsite, booked');
      await ana.offline();
      const ben = await joinWith('Ben', link.key);
      expect(getEntryTitle(ben.doc)).toBe('Team offsite, booked');
      expect(ben.relay.currentStatus.refusedBlobs).toBe(0);
      expect(relay.output()).not.toContain('Lisbon');
    } finally {
      raw.destroy();
    }
  });
});

describe('compaction', () => {
  const compaction = { maxBlobs: 24, minLogBytes: 4096 };

  /** What the relay stored of a document, read after a clean stop. */
  function storedWhileStopped(documentName: string): Promise<ReturnType<typeof storedDocuments>[number] | undefined> {
    return whileStopped(() => storedDocuments(dataDir).find((document) => document.name === documentName));
  }

  /** Every byte in the relay's data folder, after a clean stop. */
  function fileBytesWhileStopped(): Promise<number> {
    return whileStopped(async () => [...(await storedFiles(dataDir)).values()].reduce((sum, bytes) => sum + bytes.byteLength, 0));
  }

  it('keeps the relay’s storage within twice the entry’s encrypted state', async () => {
    // A relay with only this entry, so that its files can be weighed against it.
    await whileStopped(() => rm(dataDir, { recursive: true, force: true }));
    const { link, ana } = await anaWithChecklist('Onboarding week');
    await ana.online(relay.url, link.key, compaction, 0);
    for (let index = 0; index < 120; index += 1) {
      await ana.writeParagraph(`Day ${index}: pair with a colleague on the deploy pipeline and note what surprised you.`);
    }
    await ana.offline();
    const keys = await deriveRelayKeys(link.key, crypto);
    const stored = await storedWhileStopped(keys.documentName);
    const encryptedState = Y.encodeStateAsUpdate(ana.doc).byteLength + RELAY_ENVELOPE_OVERHEAD;
    const fileBytes = await fileBytesWhileStopped();
    console.log(
      `compaction: 120 edits; the relay stores ${stored?.blobs} blobs, ${stored?.bytes} bytes (its files ${fileBytes} bytes), for an entry whose encrypted state is ${encryptedState} bytes (${((stored?.bytes ?? 0) / encryptedState).toFixed(2)}x, files ${(fileBytes / encryptedState).toFixed(2)}x)`,
    );
    expect(fileBytes).toBeLessThanOrEqual(2 * encryptedState);
    expect(stored?.blobs).toBeLessThanOrEqual(compaction.maxBlobs);
    expect(stored?.bytes).toBeLessThanOrEqual(2 * encryptedState);

    const ben = await joinWith('Ben', link.key);
    expect(entryAsSeen(ben.doc)).toEqual(entryAsSeen(ana.doc));
  });

  it('loses nothing when two colleagues compact at the same time', async () => {
    const { link, ana } = await anaWithChecklist('Two writers');
    await ana.online(relay.url, link.key, compaction, 0);
    const ben = colleague('Ben');
    await ben.online(relay.url, link.key, compaction, 0);
    for (let index = 0; index < 60; index += 1) {
      await Promise.all([ana.writeParagraph(`ana-word-${index}`), ben.writeParagraph(`ben-word-${index}`)]);
    }
    await Promise.all([ana.offline(), ben.offline()]);

    const cleo = await joinWith('Cleo', link.key);
    const body = entryAsSeen(cleo.doc).body;
    const missing = Array.from({ length: 60 }, (_, index) => [`ana-word-${index}`, `ben-word-${index}`])
      .flat()
      .filter((word) => !body.includes(word));
    expect(missing).toEqual([]);
    await cleo.offline();
    const keys = await deriveRelayKeys(link.key, crypto);
    const stored = await storedWhileStopped(keys.documentName);
    console.log(`concurrent compaction: 120 edits by two writers, ${stored?.blobs} blobs left on the relay`);
    expect(stored?.blobs).toBeLessThanOrEqual(compaction.maxBlobs);
  });
});
