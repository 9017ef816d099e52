/**
 * `npm run relay`: the relay for a team (README, "Run a relay for your team"). Bundled to
 * dist/services/relay.cjs by scripts/buildServices.mjs.
 *
 *   HOST        interface to bind (default 127.0.0.1; put a TLS reverse proxy in front for others)
 *   PORT        TCP port (default 4455)
 *   RELAY_DATA  folder of the embedded database (default ./relay-data)
 *   REDIS_URL   redis://…: run several instances behind one address, sharing RELAY_DATA
 */
import { resolve } from 'node:path';
import { readPort, runService, stopOnSignals } from '../serviceProcess';
import { startRelayServer } from './relayServer';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 4455;

runService('Peerbook relay', async () => {
  const server = await startRelayServer({
    host: process.env.HOST || DEFAULT_HOST,
    port: readPort(process.env.PORT, DEFAULT_PORT),
    dataDir: resolve(process.env.RELAY_DATA || 'relay-data'),
    redisUrl: process.env.REDIS_URL || null,
  });
  stopOnSignals('Peerbook relay', () => server.close());
});
