import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { startSignalingServer, type RunningSignalingServer } from '../../../services/signaling/signalingServer';

/**
 * Builds the web app once and serves it on a free loopback port for every e2e file, beside the
 * project's own signaling server (also on a free loopback port) for the peers to find each other.
 */
let server: PreviewServer | undefined;
let signaling: RunningSignalingServer | undefined;

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
}

export async function teardown(): Promise<void> {
  await signaling?.close();
  await new Promise<void>((resolve) => (server ? server.httpServer.close(() => resolve()) : resolve()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    signalingUrl: string;
  }
}
