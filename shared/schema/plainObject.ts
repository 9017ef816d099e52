import * as v from 'valibot';

/**
 * The one plain-object check: an object made by `{}`, `JSON.parse`, structured clone (IPC,
 * IndexedDB) or `Y.Map#toJSON`, never an array, a class instance or an object whose prototype
 * could answer for fields it does not hold (`Object.create({ name: 'x.md' })`).
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `schema`, for plain objects only (isPlainObject); anything else fails with `message`. */
function plainOnly<const S extends v.GenericSchema>(schema: S, message = 'not an object') {
  return v.pipe(v.custom<v.InferInput<S>>(isPlainObject, message), schema);
}

/**
 * A plain object with these fields; fields it does not name are dropped from the output, so a
 * value that passed holds nothing a reader did not ask for.
 */
export function plainObject<const Entries extends v.ObjectEntries>(entries: Entries, message?: string) {
  return plainOnly(v.object(entries), message);
}

/** A plain object with exactly these fields: anything more is refused. */
export function exactPlainObject<const Entries extends v.ObjectEntries>(entries: Entries, message?: string) {
  return plainOnly(v.strictObject(entries), message);
}

/**
 * A plain object that is one of `options`, told apart by its `key` field: the discriminated
 * unions of commands and outcomes.
 */
export function plainVariant<const Key extends string, const Options extends v.VariantOptions<Key>>(key: Key, options: Options, message?: string) {
  return plainOnly(v.variant(key, options, message), message);
}
