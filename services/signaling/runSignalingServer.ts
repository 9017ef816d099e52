/**
 * `npm run signal`: the signaling server on its own, for development, tests across machines and
 * people who want to host one. Bundled to dist/services/signal.cjs by scripts/buildServices.mjs.
 *
 *   HOST  interface to bind (default 127.0.0.1: nothing beyond this machine unless asked)
 *   PORT  TCP port (default 4444, y-webrtc's default signaling port)
 */
import { readPort, runService, stopOnSignals } from '../serviceProcess';
import { startSignalingServer } from './signalingServer';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 4444;

runService('Peerbook signaling server', async () => {
  const host = process.env.HOST || DEFAULT_HOST;
  const port = readPort(process.env.PORT, DEFAULT_PORT);
  const server = await startSignalingServer({ host, port });
  console.log(`Peerbook signaling server on ${server.url}`);
  stopOnSignals('Peerbook signaling server', () => server.close());
});
