// Bundles the Electron main process and preload with esbuild (the stand-alone services are
// bundled by scripts/buildServices.mjs).
//
// main:    electron/main.ts      -> dist/electron/main.cjs    (package.json "main")
// preload: electron/preload.ts   -> dist/electron/preload.cjs
//
// Both are CommonJS because a sandboxed preload is loaded with a CommonJS `require` that knows
// only 'electron' (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts), and
// main.ts relies on CommonJS's __dirname to find the preload and the renderer. 'electron' is
// provided by the runtime, so it stays external; everything else (shared/ included) is bundled.
import { build } from 'esbuild';
import { externalRequires, nodeBundleOptions, wsOptionalAddons } from './esbuildNode.mjs';

/** @type {import('esbuild').BuildOptions} */
const common = { ...nodeBundleOptions('dist/electron'), external: ['electron'] };

// Main runs on Electron's Node; the preload runs in the renderer's Chromium. Both are far newer
// than these targets, which only stop esbuild from emitting syntax the runtime lacks.
const [, preloadResult] = await Promise.all([
  // main embeds the signaling server for the local network, so it bundles ws too.
  build({
    ...common,
    entryPoints: { main: 'electron/main.ts' },
    external: [...common.external, ...wsOptionalAddons],
    target: 'node22',
  }),
  build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, target: 'chrome120' }),
]);

// A sandboxed preload that requires anything but 'electron' throws at load time, in a window
// that then has no bridge; fail the build instead.
const forbidden = externalRequires(preloadResult).filter((required) => required !== 'electron');
if (forbidden.length > 0) {
  console.error(`preload.cjs may only require 'electron', but requires: ${forbidden.join(', ')}`);
  process.exit(1);
}
