// Bundles the stand-alone Node services of services/ with esbuild, for plain Node 22:
//
// signal: services/signaling/runSignalingServer.ts  -> dist/services/signal.cjs  (npm run signal)
// relay:  services/relay/runRelayServer.ts          -> dist/services/relay.cjs   (npm run relay)
//
// The desktop app does not ship these files (electron-builder.yml leaves dist/services out): its
// main process bundles the signaling server itself.
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { externalRequires, nodeBundleOptions, wsOptionalAddons } from './esbuildNode.mjs';

/** @type {import('esbuild').BuildOptions} */
const common = { ...nodeBundleOptions('dist/services'), target: 'node22' }; // package.json "engines"

const [signalResult] = await Promise.all([
  build({
    ...common,
    entryPoints: { signal: 'services/signaling/runSignalingServer.ts' },
    external: wsOptionalAddons,
  }),
  // The relay loads Hocuspocus, better-sqlite3 (a native addon) and ioredis from node_modules.
  build({ ...common, entryPoints: { relay: 'services/relay/runRelayServer.ts' }, packages: 'external' }),
]);

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
