import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeMarkdownBody } from '../../../renderer/editor/markdownBodyWriter';
import { initEntryDoc } from '../../../shared/entry/entryDoc';
import { createShareSecrets } from '../../../shared/invite/inviteLink';
import { eventually } from '../signaling/signalingTestClient';
import { Colleague, entryAsSeen } from './support/relayColleague';
import { buildRelayScript, startRedis, startRelayProcess, type RelayProcess, type RelayScript, type RunningProcess } from './support/relayProcess';

// A team that outgrows one relay process runs several behind one address: they share the data
// folder and exchange live changes through Redis (Debian's redis-server, started here on a free
// loopback port, keeping nothing on disk).

let script: RelayScript;
let redis: RunningProcess & { readonly url: string };
let dataDir: string;
let first: RelayProcess;
let second: RelayProcess;
const colleagues: Colleague[] = [];

beforeAll(async () => {
  script = await buildRelayScript();
  redis = await startRedis();
  dataDir = await mkdtemp(join(tmpdir(), 'peerbook-relays-'));
  first = await startRelayProcess(script, { dataDir, redisUrl: redis.url });
  second = await startRelayProcess(script, { dataDir, redisUrl: redis.url });
});

afterAll(async () => {
  for (const device of colleagues.splice(0)) device.close();
  await Promise.all([first?.stop(), second?.stop()]);
  await redis?.stop();
  await script?.remove();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('two relay instances sharing Redis', () => {
  it('bring a change written through one to a client of the other, live and after the fact', async () => {
    const link = createShareSecrets((length) => randomBytes(length));
    const created = new Y.Doc();
    initEntryDoc(created, { kind: 'checklist', createdAt: Date.UTC(2026, 10, 2), title: 'Datacenter move' });
    // A checklist with its steps written (a new one has none).
    writeMarkdownBody(created, '- [ ] First step\n- [ ] Second step\n- [ ] Third step');

    const ana = new Colleague('Ana');
    const ben = new Colleague('Ben');
    colleagues.push(ana, ben);
    await ana.load(Y.encodeStateAsUpdate(created));
    await ana.online(first.url, link.key);
    await ben.online(second.url, link.key);
    expect(entryAsSeen(ben.doc)).toEqual(entryAsSeen(ana.doc));

    // Both online, each on their own instance.
    await ana.writeParagraph('Label every rack before Friday');
    await eventually(() => entryAsSeen(ben.doc).body.includes('Label every rack before Friday'), 'Ana’s words reach Ben through the other instance', 10_000);
    await ben.tickItem(0);
    await eventually(() => entryAsSeen(ana.doc).progress.done === 1, 'Ben’s tick reaches Ana', 10_000);
    await Promise.all([ana.offline(), ben.offline()]);

    // Cleo comes later, to the second instance only.
    const cleo = new Colleague('Cleo');
    colleagues.push(cleo);
    await cleo.online(second.url, link.key);
    expect(entryAsSeen(cleo.doc)).toEqual(entryAsSeen(ana.doc));
    console.log(`two instances: ${first.url} and ${second.url} over ${redis.url}; Cleo sees ${JSON.stringify(entryAsSeen(cleo.doc).progress)}`);
  });
});
