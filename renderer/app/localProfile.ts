/**
 * The name and colour this device shows to peers and records on ticked check items. Kept in
 * localStorage; the Settings dialog edits it.
 */
export interface LocalProfile {
  readonly name: string;
  readonly color: string;
}

const STORAGE_KEY = 'peerbook.profile';
const ADJECTIVES = ['Curious', 'Patient', 'Bright', 'Steady', 'Kind', 'Careful', 'Brave', 'Quiet'];
const ANIMALS = ['Otter', 'Heron', 'Fox', 'Badger', 'Wren', 'Lynx', 'Hare', 'Owl'];
const COLORS = ['#0f766e', '#4f46e5', '#b45309', '#be123c', '#0369a1', '#7c3aed', '#15803d', '#c2410c'];

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

export function loadLocalProfile(): LocalProfile {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (stored && typeof stored === 'object') {
      const { name, color } = stored as Record<string, unknown>;
      if (typeof name === 'string' && name.trim() && typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color)) {
        return { name: name.trim().slice(0, 60), color };
      }
    }
  } catch {
    // A damaged profile is replaced by a fresh one below.
  }
  const profile = { name: `${pick(ADJECTIVES)} ${pick(ANIMALS)}`, color: pick(COLORS) };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(profile));
  return profile;
}
