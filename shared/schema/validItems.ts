/**
 * The items of a stored list worth keeping: each is read by `read` (null when it is not one), the
 * rest dropped, at most `max` kept; anything but a list reads as an empty one. For data this
 * device keeps and reads back (library rows, review history), where one damaged item must not
 * cost the whole record. Boundaries that must refuse instead (IPC, backups, peers) use schemas.
 */
export function validItems<T>(value: unknown, max: number, read: (item: unknown) => T | null): T[] {
  if (!Array.isArray(value)) return [];
  const kept: T[] = [];
  for (const item of value) {
    if (kept.length >= max) break;
    const parsed = read(item);
    if (parsed !== null) kept.push(parsed);
  }
  return kept;
}
