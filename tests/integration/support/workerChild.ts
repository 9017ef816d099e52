/**
 * The child side of a test worker: a separate Node process (a separate device) driven by its
 * parent (workerParent.ts) over IPC. Each request `{ id, command }` gets one reply with the same
 * id; uncaught errors are reported as 'crash' so that they fail the test that caused them.
 */
import { WebSocket } from 'ws';

export type WorkerMessage =
  | { readonly kind: 'ready'; readonly pid: number }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly kind: 'crash'; readonly error: string };

function send(message: WorkerMessage): void {
  process.send?.(message);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Answers the parent's commands with `run` (which checks each command, as it arrives unknown). */
export function serveCommands(run: (command: unknown) => unknown): void {
  if (!process.send) throw new Error('a test worker runs as a forked child with an IPC channel');
  // y-webrtc's signaling (lib0/websocket) uses the global WebSocket: pinned to ws's, so the tests
  // do not depend on the Node version's own.
  Object.assign(globalThis, { WebSocket });
  process.on('uncaughtException', (error) => send({ kind: 'crash', error: describeError(error) }));
  process.on('unhandledRejection', (reason) => send({ kind: 'crash', error: describeError(reason) }));
  // The parent going away ends the worker: no orphan is left behind.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: unknown) => {
    const id = isRecord(message) && typeof message.id === 'number' ? message.id : -1;
    Promise.resolve()
      .then(() => run(isRecord(message) ? message.command : undefined))
      .then(
        (result) => send({ kind: 'reply', id, ok: true, result: result ?? null }),
        (error: unknown) => send({ kind: 'reply', id, ok: false, error: describeError(error) }),
      );
  });
  send({ kind: 'ready', pid: process.pid });
}
