// What the esbuild scripts share: the options of a CommonJS bundle for Node, and what a bundle
// requires from outside it (to refuse a bundle that would fail to load where it runs).
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * ws's optional native speed-ups (bufferutil, utf-8-validate) are required inside try/catch and
 * are not installed, so they stay external and ws falls back to JavaScript.
 */
export const wsOptionalAddons = ['bufferutil', 'utf-8-validate'];

/**
 * @param {string} outdir
 * @returns {import('esbuild').BuildOptions}
 */
export function nodeBundleOptions(outdir) {
  return {
    absWorkingDir: projectRoot,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outdir,
    outExtension: { '.js': '.cjs' },
    sourcemap: true,
    metafile: true,
    logLevel: 'info',
  };
}

/** @param {import('esbuild').BuildResult<{ metafile: true }>} result */
export const externalRequires = (result) =>
  Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((imported) => imported.external).map((imported) => imported.path),
  );
