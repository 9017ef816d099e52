/**
 * The one typed contract between the renderer and the Electron main process.
 *
 * The preload exposes exactly `PeerbookBridge` on `window[BRIDGE_GLOBAL]` (one method per
 * channel); main registers one handler per channel and validates every payload it receives as
 * `unknown`. The renderer reaches the bridge only through renderer/platform, which also has a
 * browser implementation, so the web build is the same app.
 */

export const BRIDGE_GLOBAL = 'peerbook';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
}

export interface PeerbookBridge {
  getAppInfo(): Promise<AppInfo>;
}

/** IPC channel for each bridge method. */
export const IPC_CHANNELS = {
  getAppInfo: 'peerbook:get-app-info',
} as const satisfies Record<keyof PeerbookBridge, string>;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

export class InvalidIpcPayloadError extends Error {
  constructor(channel: string, reason: string) {
    super(`Invalid payload on ${channel}: ${reason}`);
    this.name = 'InvalidIpcPayloadError';
  }
}

/** Validates what main answers for getAppInfo (the renderer also treats it as untrusted). */
export function parseAppInfo(value: unknown): AppInfo {
  if (typeof value !== 'object' || value === null) {
    throw new InvalidIpcPayloadError(IPC_CHANNELS.getAppInfo, 'not an object');
  }
  const { name, version } = value as Record<string, unknown>;
  if (typeof name !== 'string' || name.length === 0 || name.length > 100) {
    throw new InvalidIpcPayloadError(IPC_CHANNELS.getAppInfo, 'name must be a short string');
  }
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+([-+][\w.]+)?$/.test(version)) {
    throw new InvalidIpcPayloadError(IPC_CHANNELS.getAppInfo, 'version must be semver');
  }
  return { name, version };
}
