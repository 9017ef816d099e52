/**
 * The one way the app turns something thrown into words for a person or a log: an Error's own
 * message (what our modules write for people), anything else as text.
 */
export function describeError(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
