import * as v from 'valibot';

/**
 * A schema whose check is a parser written by hand: `parse` answers the value as read, or null
 * when it is not one. For records read by the thousand at every start (library rows), where a
 * parser by hand is several times faster than composed schemas, while other schemas still compose
 * with them.
 */
export function parsedSchema<T>(parse: (value: unknown) => T | null, message: string) {
  return v.pipe(
    v.unknown(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const parsed = parse(dataset.value);
      if (parsed !== null) return parsed;
      addIssue({ message });
      return NEVER;
    }),
  );
}

/** What `schema` makes of `value`, or null when it refuses it. */
export function parseOrNull<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> | null {
  const result = v.safeParse(schema, value);
  return result.success ? result.output : null;
}
