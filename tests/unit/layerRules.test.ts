import { ESLint } from 'eslint';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layer arrows are enforced by the build, not by review: a forbidden import fails lint, and
 * a DOM call in shared/ fails to compile. These tests feed the real lint config and the real
 * shared/ tsconfig a probe file in each layer.
 */
const root = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImportErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint refuses imports that cross the layer arrows', () => {
  const forbidden: Array<[string, string]> = [
    ['shared/entry/probe.ts', "import { createRoot } from 'react-dom/client';\nexport const probe = createRoot;\n"],
    ['shared/entry/probe.ts', "import { App } from '../../renderer/app/App';\nexport const probe = App;\n"],
    ['shared/entry/probe.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n"],
    ['shared/entry/probe.ts', "import { app } from 'electron';\nexport const probe = app;\n"],
    ['renderer/app/probe.ts', "import { app } from 'electron';\nexport const probe = app;\n"],
    ['renderer/app/probe.ts', "import { createBridge } from '../../electron/preloadBridge';\nexport const probe = createBridge;\n"],
    ['renderer/app/probe.ts', "import { $getRoot } from 'lexical';\nexport const probe = $getRoot;\n"],
    ['renderer/app/probe.ts', "import { WebrtcProvider } from 'y-webrtc';\nexport const probe = WebrtcProvider;\n"],
    ['renderer/editor/probe.ts', "import { WebrtcProvider } from 'y-webrtc';\nexport const probe = WebrtcProvider;\n"],
    ['electron/probe.ts', "import { useState } from 'react';\nexport const probe = useState;\n"],
    ['electron/probe.ts', "import { App } from '../renderer/app/App';\nexport const probe = App;\n"],
    ['shared/entry/probe.ts', "import { startSignalingServer } from '../../services/signaling/signalingServer';\nexport const probe = startSignalingServer;\n"],
    ['renderer/collab/probe.ts', "import { startSignalingServer } from '../../services/signaling/signalingServer';\nexport const probe = startSignalingServer;\n"],
    ['renderer/app/probe.ts', "import { HocuspocusProvider } from '@hocuspocus/provider';\nexport const probe = HocuspocusProvider;\n"],
    ['renderer/collab/probe.ts', "import { Server } from '@hocuspocus/server';\nexport const probe = Server;\n"],
    ['services/relay/probe.ts', "import { useState } from 'react';\nexport const probe = useState;\n"],
    ['services/relay/probe.ts', "import { $getRoot } from 'lexical';\nexport const probe = $getRoot;\n"],
    ['services/relay/probe.ts', "import { app } from 'electron';\nexport const probe = app;\n"],
    ['services/relay/probe.ts', "import { App } from '../../renderer/app/App';\nexport const probe = App;\n"],
    ['services/relay/probe.ts', "import { createRendererCommands } from '../../electron/rendererCommands';\nexport const probe = createRendererCommands;\n"],
    ['services/relay/probe.ts', "import { HocuspocusProvider } from '@hocuspocus/provider';\nexport const probe = HocuspocusProvider;\n"],
    ['services/signaling/probe.ts', "import { Server } from '@hocuspocus/server';\nexport const probe = Server;\n"],
  ];
  it.each(forbidden)('%s: %s', async (filePath, source) => {
    expect(await restrictedImportErrors(filePath, source)).not.toEqual([]);
  });

  const allowed: Array<[string, string]> = [
    ['shared/entry/probe.ts', "import * as Y from 'yjs';\nexport const probe = Y;\n"],
    ['renderer/editor/probe.ts', "import { $getRoot } from 'lexical';\nexport const probe = $getRoot;\n"],
    ['renderer/collab/probe.ts', "import { WebrtcProvider } from 'y-webrtc';\nexport const probe = WebrtcProvider;\n"],
    ['electron/probe.ts', "import { app } from 'electron';\nexport const probe = app;\n"],
    ['renderer/app/probe.ts', "import { displayTitle } from '../../shared/library/entryRow';\nexport const probe = displayTitle;\n"],
    ['electron/probe.ts', "import { startSignalingServer } from '../services/signaling/signalingServer';\nexport const probe = startSignalingServer;\n"],
    ['services/relay/probe.ts', "import { parseInviteLink } from '../../shared/invite/inviteLink';\nexport const probe = parseInviteLink;\n"],
    ['services/relay/probe.ts', "import { Server } from '@hocuspocus/server';\nexport const probe = Server;\n"],
    ['services/relay/probe.ts', "import { createServer } from 'node:http';\nexport const probe = createServer;\n"],
    ['renderer/collab/probe.ts', "import { HocuspocusProvider } from '@hocuspocus/provider';\nexport const probe = HocuspocusProvider;\n"],
  ];
  it.each(allowed)('allows %s: %s', async (filePath, source) => {
    expect(await restrictedImportErrors(filePath, source)).toEqual([]);
  });

  it('refuses the preload global outside renderer/platform', async () => {
    const [result] = await eslint.lintText('export const probe = window.peerbook;\n', {
      filePath: join(root, 'renderer/app/probe.ts'),
    });
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-properties');
  });
});

function compileInLayer(tsconfig: string, probePath: string, source: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, tsconfig), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`Cannot read ${tsconfig}`);
  const probe = join(root, probePath);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    resolve(fileName) === probe ? ts.createSourceFile(fileName, source, languageVersion) : getSourceFile(fileName, languageVersion, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => resolve(fileName) === probe || fileExists(fileName);
  const program = ts.createProgram([probe], parsed.options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(probe))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('each layer compiles only against its own platform', () => {
  it('a DOM call in shared/ does not compile', () => {
    const errors = compileInLayer('shared/tsconfig.json', 'shared/layerProbe.ts', "export const t = document.title;\n");
    expect(errors.join('\n')).toMatch(/Cannot find name 'document'/);
  });

  it('a Node global in shared/ does not compile', () => {
    const errors = compileInLayer('shared/tsconfig.json', 'shared/layerProbe.ts', 'export const cwd = process.cwd();\n');
    expect(errors.join('\n')).toMatch(/Cannot find name 'process'/);
  });

  it('pure code in shared/ compiles', () => {
    expect(compileInLayer('shared/tsconfig.json', 'shared/layerProbe.ts', 'export const n: number = [1, 2].length;\n')).toEqual([]);
  });

  it('a DOM call in services/ does not compile, a Node one does', () => {
    const errors = compileInLayer('services/tsconfig.json', 'services/layerProbe.ts', 'export const t = document.title;\n');
    expect(errors.join('\n')).toMatch(/Cannot find name 'document'/);
    expect(compileInLayer('services/tsconfig.json', 'services/layerProbe.ts', 'export const cwd: string = process.cwd();\n')).toEqual([]);
  });

  it('a Node global in renderer/ does not compile', () => {
    const errors = compileInLayer('renderer/tsconfig.json', 'renderer/layerProbe.ts', 'export const cwd = process.cwd();\n');
    expect(errors.join('\n')).toMatch(/Cannot find name 'process'/);
  });
});
