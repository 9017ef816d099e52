import * as v from 'valibot';

/** A payload or an answer on an IPC channel that the contract does not allow. */
export class InvalidIpcPayloadError extends Error {
  constructor(channel: string, reason: string) {
    super(`Invalid payload on ${channel}: ${reason}`);
    this.name = 'InvalidIpcPayloadError';
  }
}

/** `value` checked against one of the contract's schemas; what it fails is said in one line. */
export function parseIpcPayload<S extends v.GenericSchema>(schema: S, value: unknown, channel: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const [issue] = result.issues;
  const path = issue.path?.map((item) => String(item.key)).join('.');
  throw new InvalidIpcPayloadError(channel, path ? `${path}: ${issue.message}` : issue.message);
}
