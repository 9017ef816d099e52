/**
 * What `npm run signal` and `npm run relay` share as processes of their own: reading the port
 * from the environment, and stopping cleanly on Ctrl-C or SIGTERM (a second signal means "now").
 */
export function readPort(value: string | undefined, defaultPort: number): number {
  if (value === undefined || value === '') {
    return defaultPort;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

export function stopOnSignals(name: string, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C means "now", even if a client is slow to say goodbye.
      process.exit(1);
    }
    stopping = true;
    close().then(
      () => {
        console.log(`${name} stopped (${signal})`);
      },
      (error: unknown) => {
        console.error(`${name} failed to stop cleanly`, error);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Runs `main`, and reports a failure to start in one line with a non-zero exit code. */
export function runService(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`${name} could not start:`, error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
