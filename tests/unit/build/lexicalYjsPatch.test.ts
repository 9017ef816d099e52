import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Peerbook's fixes to Lexical's Yjs binding are a patch (patches/@lexical+yjs+0.52.0.patch)
 * applied on install by patch-package; docs/DECISIONS.md says why and how. Every way a build can
 * resolve the package must load the patched code: Vite's production build (`production`
 * condition), its dev server and vitest (`development`), and plain Node (the default entry). An
 * install that skipped the root project's postinstall fails here, with the reason, rather than
 * somewhere in the co-editing suites.
 */

/** The file Node resolves `@lexical/yjs` to under the given export conditions. */
function resolvedFile(conditions: readonly string[]): string {
  const script = "process.stdout.write(import.meta.resolve('@lexical/yjs'))";
  const result = spawnSync(process.execPath, [...conditions.map((condition) => `--conditions=${condition}`), '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return fileURLToPath(result.stdout);
}

describe('the patched @lexical/yjs', () => {
  it.each([
    ['Vite’s production build loads', ['production']],
    ['Vite’s dev server and vitest load', ['development']],
  ])('is what %s', (_build, conditions) => {
    const file = resolvedFile(conditions);
    expect(file).toMatch(/LexicalYjs\.dev\.js$/);
    expect(readFileSync(file, 'utf8'), 'the patch is applied (npm install runs patch-package)').toContain('Peerbook patch');
  });

  it('is what plain Node loads, in production too', () => {
    const entry = readFileSync(resolvedFile([]), 'utf8');
    expect(entry).toContain("import * as modDev from './LexicalYjs.dev.js'");
    expect(entry).not.toMatch(/from '.\/LexicalYjs\.prod\.js'/);
  });
});
