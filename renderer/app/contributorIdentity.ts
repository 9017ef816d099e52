import { isContributorId } from '../../shared/entry/contributors';

const STORAGE_KEY = 'peerbook.contributor-id';
let cached: string | null = null;

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * This device's contributor id: the key of its record in the entries it edits
 * (shared/entry/contributors.ts). Random (128 bits), made once and kept beside the settings, so
 * a device shows as one contributor however often it opens an entry and whatever it is called.
 */
export function contributorId(): string {
  if (cached) return cached;
  let id: string | null = null;
  try {
    id = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage refused: an id for this session only.
  }
  if (!isContributorId(id) || id.length < 16) {
    id = randomId();
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // As above.
    }
  }
  cached = id;
  return id;
}

/**
 * Takes on the contributor id a restored backup was made with, so this device goes on as the same
 * contributor in the entries (only where nobody has chosen a name here yet: see App).
 */
export function adoptContributorId(id: string): void {
  if (!isContributorId(id) || id.length < 16) return;
  cached = id;
  try {
    localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // Storage refused: the id holds for this session.
  }
}
