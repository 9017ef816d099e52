// Bundles the stand-alone Node services of services/ with esbuild, for plain Node 22:
//
// signal: services/signaling/runSignalingServer.ts  -> dist/services/signal.cjs  (npm run signal)
// relay:  services/relay/runRelayServer.ts          -> dist/services/relay.cjs   (npm run relay)
//
// The desktop app does not ship these files (electron-builder.yml leaves dist/services out): its
// main process bundles the signaling server itself.
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: projectRoot,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22', // package.json "engines"
  outdir: 'dist/services',
  outExtension: { '.js': '.cjs' },
  sourcemap: true,
  metafile: true,
  logLevel: 'info',
};

// ws's optional native speed-ups are required inside try/catch and are not installed, so they
// stay external and ws falls back to JavaScript.
const wsOptionalAddons = ['bufferutil', 'utf-8-validate'];

const [signalResult] = await Promise.all([
  build({
    ...common,
    entryPoints: { signal: 'services/signaling/runSignalingServer.ts' },
    external: wsOptionalAddons,
  }),
  // The relay loads Hocuspocus, better-sqlite3 (a native addon) and ioredis from node_modules.
  build({ ...common, entryPoints: { relay: 'services/relay/runRelayServer.ts' }, packages: 'external' }),
]);

/** @param {import('esbuild').BuildResult<{ metafile: true }>} result */
const externalRequires = (result) =>
  Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((imported) => imported.external).map((imported) => imported.path),
  );

// signal.cjs runs on plain Node without node_modules beside it (anyone can copy the one file to
// a host): it may require only Node's built-ins (and ws's optional add-ons, which it survives without).
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
const signalForbidden = externalRequires(signalResult).filter(
  (required) => !nodeBuiltins.has(required) && !wsOptionalAddons.includes(required),
);
if (signalForbidden.length > 0) {
  console.error(`signal.cjs may only require Node built-ins, but requires: ${signalForbidden.join(', ')}`);
  process.exit(1);
}
