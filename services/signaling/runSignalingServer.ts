/**
 * `npm run signal`: the signaling server on its own, for development, tests across machines and
 * people who want to host one. Bundled to dist/services/signal.cjs by scripts/buildServices.mjs.
 *
 *   HOST  interface to bind (default 127.0.0.1: nothing beyond this machine unless asked)
 *   PORT  TCP port (default 4444, y-webrtc's default signaling port)
 */
import { startSignalingServer } from './signalingServer';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 4444;

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') {
    return DEFAULT_PORT;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

async function runSignalingServer(): Promise<void> {
  const host = process.env.HOST || DEFAULT_HOST;
  const port = readPort(process.env.PORT);
  const server = await startSignalingServer({ host, port });
  console.log(`Peerbook signaling server on ${server.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C means "now", even if a client is slow to say goodbye.
      process.exit(1);
    }
    stopping = true;
    server.close().then(
      () => {
        console.log(`Peerbook signaling server stopped (${signal})`);
      },
      (error: unknown) => {
        console.error('[signaling] failed to stop cleanly', error);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

runSignalingServer().catch((error: unknown) => {
  console.error('[signaling] could not start:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
