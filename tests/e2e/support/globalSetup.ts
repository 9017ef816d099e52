import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRelayServer, type RunningRelayServer } from '../../../services/relay/relayServer';
import { startSignalingServer, type RunningSignalingServer } from '../../../services/signaling/signalingServer';

/**
 * Builds the web app once and serves it on a free loopback port for every e2e file, beside the
 * project's own signaling server (also on a free loopback port) for the peers to find each other,
 * and a relay for colleagues who are never online together.
 */
let server: PreviewServer | undefined;
let signaling: RunningSignalingServer | undefined;
let relay: RunningRelayServer | undefined;
let relayData: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  // vitest runs with NODE_ENV=test, which would make Vite build React's development bundle:
  // test and measure the build people run.
  process.env.NODE_ENV = 'production';
  await build({ logLevel: 'warn' });
  server = await preview({ preview: { host: '127.0.0.1', port: 0, open: false }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (typeof address !== 'object' || address === null) throw new Error('The preview server has no address');
  project.provide('appUrl', `http://127.0.0.1:${address.port}/`);
  signaling = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  project.provide('signalingUrl', signaling.url);
  // The relay, on loopback with its data in a temporary folder, for colleagues never online together.
  relayData = await mkdtemp(join(tmpdir(), 'peerbook-e2e-relay-'));
  relay = await startRelayServer({ host: '127.0.0.1', port: 0, dataDir: relayData, log: () => undefined });
  project.provide('relayUrl', relay.url);
}

export async function teardown(): Promise<void> {
  await signaling?.close();
  await relay?.close();
  if (relayData) await rm(relayData, { recursive: true, force: true });
  await new Promise<void>((resolve) => (server ? server.httpServer.close(() => resolve()) : resolve()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    signalingUrl: string;
    relayUrl: string;
  }
}
