import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { startSignalingServer, type RunningSignalingServer } from '../../services/signaling/signalingServer';

/** The web app and the floor page, each built once and served on loopback, and a signaling server. */
let servers: PreviewServer[] = [];
let signaling: RunningSignalingServer | undefined;

async function serve(outDir: string): Promise<string> {
  const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  servers.push(server);
  const address = server.httpServer.address();
  if (typeof address !== 'object' || address === null) throw new Error('The preview server has no address');
  return `http://127.0.0.1:${address.port}/`;
}

export async function setup(project: TestProject): Promise<void> {
  // vitest runs with NODE_ENV=test, which would make Vite build React's development bundle:
  // test and measure the build people run.
  process.env.NODE_ENV = 'production';
  await build({ logLevel: 'warn' });
  const floorRoot = fileURLToPath(new URL('../floor', import.meta.url));
  const floorOut = fileURLToPath(new URL('../../dist/bench-floor', import.meta.url));
  await build({ root: floorRoot, base: './', configFile: false, logLevel: 'warn', build: { outDir: floorOut, emptyOutDir: true } });
  project.provide('appUrl', await serve(fileURLToPath(new URL('../../dist/renderer', import.meta.url))));
  project.provide('floorUrl', await serve(floorOut));
  const idbRoot = fileURLToPath(new URL('../idb', import.meta.url));
  const idbOut = fileURLToPath(new URL('../../dist/bench-idb', import.meta.url));
  await build({ root: idbRoot, base: './', configFile: false, logLevel: 'warn', build: { outDir: idbOut, emptyOutDir: true } });
  project.provide('idbUrl', await serve(idbOut));
  signaling = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  project.provide('signalingUrl', signaling.url);
}

export async function teardown(): Promise<void> {
  await signaling?.close();
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.httpServer.close(() => resolve()))));
  servers = [];
}

declare module 'vitest' {
  export interface ProvidedContext {
    floorUrl: string;
    idbUrl: string;
  }
}
