import { isRelayUrl, isSignalingUrl, MAX_RELAYS, MAX_SIGNALING_SERVERS } from '../../shared/invite/inviteLink';
import { isColor, MAX_PERSON_NAME_LENGTH } from '../../shared/people/person';

/**
 * This device's settings: the name and colour shown to peers (and recorded on ticked check
 * items), the signaling servers new invite links name, and the ICE servers (STUN/TURN) used to
 * reach peers across networks. Kept in localStorage; the Settings dialog edits them.
 */
export interface AppSettings {
  readonly name: string;
  /**
   * Whether the person chose their name (in Settings, or when first sharing or joining): until
   * then the app proposes a random one and asks before colleagues see it.
   */
  readonly nameChosen: boolean;
  readonly color: string;
  readonly signaling: readonly string[];
  readonly iceServers: readonly string[];
  /**
   * Relays (docs/FORMAT.md, "The relay") that new invite links name, so colleagues who are never
   * online at the same time still meet. None by default.
   */
  readonly relays: readonly string[];
  /**
   * Desktop only: run the signaling server on the local network while entries are shared, and
   * name it in invite links (usePlatformCommands). On unless the user turns it off.
   */
  readonly shareOnLocalNetwork: boolean;
}

const STORAGE_KEY = 'peerbook.settings';
const ADJECTIVES = ['Curious', 'Patient', 'Bright', 'Steady', 'Kind', 'Careful', 'Brave', 'Quiet'];
const ANIMALS = ['Otter', 'Heron', 'Fox', 'Badger', 'Wren', 'Lynx', 'Hare', 'Owl'];
const COLORS = ['#0f766e', '#4f46e5', '#b45309', '#be123c', '#0369a1', '#7c3aed', '#15803d', '#c2410c'];

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

/**
 * The signaling server that `npm run web` and `npm run signal` start, on the host the app was
 * loaded from, so colleagues who open the same web address find each other with nothing set up.
 */
export function defaultSignalingServers(): string[] {
  const host = typeof location !== 'undefined' && location.hostname ? location.hostname : '127.0.0.1';
  return [`ws://${host.includes(':') ? `[${host}]` : host}:4444`];
}

export class InvalidSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSettingsError';
  }
}

/** One URL per line; blank lines are ignored. Throws with the first line that is not ws:// or wss://. */
export function parseSignalingLines(text: string): string[] {
  const urls = text.split('\n').map((line) => line.trim()).filter(Boolean);
  const bad = urls.find((url) => !isSignalingUrl(url));
  if (bad) throw new InvalidSettingsError(`“${bad}” is not a signaling server address (ws://… or wss://…).`);
  if (urls.length === 0) throw new InvalidSettingsError('Name at least one signaling server, or peers cannot find each other.');
  return [...new Set(urls)].slice(0, MAX_SIGNALING_SERVERS);
}

/** One relay per line (ws:// or wss://); none is fine. Throws with the first line that is not one. */
export function parseRelayLines(text: string): string[] {
  const urls = text.split('\n').map((line) => line.trim()).filter(Boolean);
  const bad = urls.find((url) => !isRelayUrl(url));
  if (bad) throw new InvalidSettingsError(`“${bad}” is not a relay address (ws://… or wss://…).`);
  return [...new Set(urls)].slice(0, MAX_RELAYS);
}

const ICE_LINE = /^(stuns?|turns?):[^\s]+(\s+\S+\s+\S+)?$/;

/** One server per line: `stun:host:port`, or `turn:host:port username credential`. */
export function parseIceServerLines(text: string): string[] {
  const lines = text.split('\n').map((line) => line.trim().replace(/\s+/g, ' ')).filter(Boolean);
  const bad = lines.find((line) => !ICE_LINE.test(line));
  if (bad) throw new InvalidSettingsError(`“${bad}” is not an ICE server (stun:host:port or turn:host:port user password).`);
  return lines.slice(0, 8);
}

export function toRtcIceServers(lines: readonly string[]): RTCIceServer[] {
  return lines.map((line) => {
    const [urls = '', username, credential] = line.split(' ');
    return username && credential ? { urls, username, credential } : { urls };
  });
}

function strings(value: unknown, valid: (item: string) => boolean): string[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter((item): item is string => typeof item === 'string' && valid(item));
}

export function loadAppSettings(): AppSettings {
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (parsed && typeof parsed === 'object') stored = parsed as Record<string, unknown>;
  } catch {
    // Damaged settings are replaced by defaults below.
  }
  const name = typeof stored.name === 'string' && stored.name.trim() ? stored.name.trim().slice(0, MAX_PERSON_NAME_LENGTH) : null;
  const signaling = strings(stored.signaling, isSignalingUrl);
  const settings: AppSettings = {
    name: name ?? `${pick(ADJECTIVES)} ${pick(ANIMALS)}`,
    nameChosen: stored.nameChosen === true,
    color: isColor(stored.color) ? stored.color : pick(COLORS),
    signaling: signaling && signaling.length > 0 ? signaling : defaultSignalingServers(),
    iceServers: strings(stored.iceServers, (line) => ICE_LINE.test(line)) ?? [],
    relays: (strings(stored.relays, isRelayUrl) ?? []).slice(0, MAX_RELAYS),
    shareOnLocalNetwork: stored.shareOnLocalNetwork !== false,
  };
  // Keep the name and colour picked on first run; the servers stay the app's defaults until changed.
  if (!name || !isColor(stored.color)) {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...stored, name: settings.name, color: settings.color }));
  }
  return settings;
}

export function saveAppSettings(settings: AppSettings): void {
  const defaults = defaultSignalingServers();
  const signalingIsDefault =
    settings.signaling.length === defaults.length && settings.signaling.every((url, index) => url === defaults[index]);
  localStorage.setItem(
    STORAGE_KEY,
    JSON.stringify({ ...settings, signaling: signalingIsDefault ? undefined : settings.signaling }),
  );
}
