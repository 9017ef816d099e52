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
  // The app and the floor pages share one origin, so the floors read the data the app stored
  // (IndexedDB is per origin); the app's own build in dist/renderer is left alone.
  const appOut = fileURLToPath(new URL('../../dist/bench-app', import.meta.url));
  // Source maps beside the minified build name the functions in the benchmarks' CPU profiles.
  await build({ logLevel: 'warn', build: { outDir: appOut, emptyOutDir: true, sourcemap: 'hidden' } });
  const floorRoot = fileURLToPath(new URL('../floor', import.meta.url));
  await build({
    root: floorRoot,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: `${appOut}/floor`,
      emptyOutDir: true,
      sourcemap: 'hidden',
      rollupOptions: { input: { index: `${floorRoot}/index.html`, journal: `${floorRoot}/journal.html` } },
    },
  });
  const appUrl = await serve(appOut);
  project.provide('appUrl', appUrl);
  project.provide('floorUrl', `${appUrl}floor/`);
  project.provide('appAssetsDir', `${appOut}/assets`);
  project.provide('floorAssetsDir', `${appOut}/floor/assets`);
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
    /** The bench build's scripts and their source maps. */
    appAssetsDir: string;
    /** The floor pages' scripts and their source maps. */
    floorAssetsDir: string;
  }
}
