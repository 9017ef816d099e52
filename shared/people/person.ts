import * as v from 'valibot';

/**
 * How a person shows themselves to colleagues: a name and a colour. The same limits hold wherever
 * a name is kept or read: settings, contributor records, library rows, backups, peers' presence.
 */

/** Longer names are cut: enough for a full name, short enough for a cursor's label. */
export const MAX_PERSON_NAME_LENGTH = 60;
/** `#rrggbb`. */
export const COLOR_PATTERN = /^#[0-9a-f]{6}$/i;
/** Shown for someone whose colour is missing or is not one. */
export const FALLBACK_PERSON_COLOR = '#888888';

/** A name as shown: white space collapsed and trimmed, at most MAX_PERSON_NAME_LENGTH; null when nothing is left. */
export function cleanPersonName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.replace(/\s+/g, ' ').trim().slice(0, MAX_PERSON_NAME_LENGTH);
  return name.length > 0 ? name : null;
}

export function isColor(value: unknown): value is string {
  return typeof value === 'string' && COLOR_PATTERN.test(value);
}

/** A name as written in a record: something to show, within the limit. */
export const PersonNameSchema = v.pipe(
  v.string(),
  v.check((name) => name.trim().length > 0, 'a name is not blank'),
  v.maxLength(MAX_PERSON_NAME_LENGTH),
);

/** A name from elsewhere, made one to show (cleanPersonName), or failing when nothing is left. */
export const ShownPersonNameSchema = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const name = cleanPersonName(dataset.value);
    if (name !== null) return name;
    addIssue({ message: 'a name is not blank' });
    return NEVER;
  }),
);

export const ColorSchema = v.custom<string>(isColor, 'a colour is #rrggbb');
