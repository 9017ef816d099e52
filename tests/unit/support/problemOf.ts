/** An error that names its problem (InviteLinkError, RelayUpdateError, RelayMessageRefused...). */
type ProblemError<P> = abstract new (...args: never[]) => Error & { readonly problem: P };

/** The problem `attempt` fails with, as its error names it, or `ok` when it does not fail. */
export function problemOf<P, Ok extends string>(attempt: () => unknown, errorType: ProblemError<P>, ok: Ok): P | Ok {
  try {
    attempt();
    return ok;
  } catch (error) {
    if (error instanceof errorType) return error.problem;
    throw error;
  }
}
