import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Adding an IPC request is one entry in the contract and one handler in main: the preload's
 * bridge and the renderer's checked requests are generated from the entry. These tests compile
 * the real electron/ and renderer/ code against a copy of shared/ipc/ipcContract.ts with one
 * more entry (`ping`), each layer with its own tsconfig, and read what the compiler says.
 */
const root = resolve(__dirname, '../../..');
const CONTRACT = join(root, 'shared/ipc/ipcContract.ts');
const HANDLERS = join(root, 'electron/ipcHandlers.ts');

const PING_ENTRY = "  ping: { channel: 'peerbook:ping', args: v.strictTuple([v.pipe(v.string(), v.maxLength(100))]), answer: v.string() },\n";
const PING_HANDLER = '    ping: async (text) => text.toUpperCase(),\n';

/** The contract with `ping` added as the table's last entry. */
function contractWithPing(): string {
  const source = readFileSync(CONTRACT, 'utf8');
  const end = source.indexOf('} as const satisfies Record<string, IpcRequestSpec>;');
  expect(end, 'the contract is one table').toBeGreaterThan(0);
  return source.slice(0, end) + PING_ENTRY + source.slice(end);
}

/** Main's handlers with one handler for `ping` added to the object createIpcHandlers returns. */
function handlersWithPing(): string {
  const source = readFileSync(HANDLERS, 'utf8');
  const anchor = '    discardBackupFile: (handle) => backupFiles.discard(handle),\n';
  expect(source).toContain(anchor);
  return source.replace(anchor, anchor + PING_HANDLER);
}

/** The main process's use of `ping`: its handler's type and the preload's generated method. */
const ELECTRON_PROBE = `
import { createBridge } from './preloadBridge';
import type { IpcHandlers } from './ipcHandlers';

const handler: IpcHandlers['ping'] = async (text: string) => text.trim();
const bridge = createBridge(() => Promise.resolve('PONG'), () => undefined);
export const answer: Promise<string> = bridge.ping('hello');
// @ts-expect-error the bridge's ping takes a string, as the entry says
export const wrong = bridge.ping(42);
export const probe = handler;
`;

/** The renderer's use of `ping`: the untrusted bridge's shape and the checked request. */
const RENDERER_PROBE = `
import { checkedRequests, type UntrustedBridge } from './electronPlatform';

export function ping(bridge: UntrustedBridge): Promise<string> {
  // @ts-expect-error an unchecked answer is not a string yet
  const unchecked: Promise<string> = bridge.ping('hello');
  void unchecked;
  return checkedRequests(bridge).ping('hello');
}
`;

function compile(tsconfig: string, probePath: string, probe: string, overrides: ReadonlyMap<string, string>): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, tsconfig), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`Cannot read ${tsconfig}`);
  const files = new Map(overrides);
  files.set(join(root, probePath), probe);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const text = files.get(resolve(fileName));
    return text === undefined ? getSourceFile(fileName, languageVersion, ...rest) : ts.createSourceFile(fileName, text, languageVersion);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => files.has(resolve(fileName)) || fileExists(fileName);
  const program = ts.createProgram([join(root, probePath)], parsed.options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${diagnostic.file.fileName.slice(root.length + 1)}: ` : '';
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  });
}

describe('a new IPC request, added as one entry of the contract', () => {
  it('does not compile until main has a handler for it', () => {
    const errors = compile('electron/tsconfig.json', 'electron/ipcChannelProbe.ts', ELECTRON_PROBE, new Map([[CONTRACT, contractWithPing()]]));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.startsWith('electron/ipcHandlers.ts: '))).toBe(true);
    expect(errors.join('\n')).toMatch(/Property 'ping' is missing/);
  }, 60_000);

  it('with that one handler, types main’s handler and the preload’s bridge method from the entry', () => {
    const overrides = new Map([
      [CONTRACT, contractWithPing()],
      [HANDLERS, handlersWithPing()],
    ]);
    expect(compile('electron/tsconfig.json', 'electron/ipcChannelProbe.ts', ELECTRON_PROBE, overrides)).toEqual([]);
  }, 60_000);

  it('types the renderer’s checked request from the entry, with nothing to add there', () => {
    expect(compile('renderer/tsconfig.json', 'renderer/platform/ipcChannelProbe.ts', RENDERER_PROBE, new Map([[CONTRACT, contractWithPing()]]))).toEqual([]);
  }, 60_000);

  it('without the entry, nothing knows the request', () => {
    const errors = compile('renderer/tsconfig.json', 'renderer/platform/ipcChannelProbe.ts', RENDERER_PROBE, new Map());
    expect(errors.join('\n')).toMatch(/Property 'ping' does not exist/);
  }, 60_000);
});
