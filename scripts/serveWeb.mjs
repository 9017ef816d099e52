// `npm run web`: builds the renderer and serves it, the same app as the desktop one, for a
// browser. HOST and PORT override 127.0.0.1:5173. It keeps serving until stopped (Ctrl+C).
// Beside it, it starts the project's signaling server on the same host, port 4444
// (SIGNAL_PORT overrides; --no-signal skips it), which is where the app looks by default, so
// colleagues who open this address can share entries with nothing set up. If a signaling server
// already runs there, that one is used.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 5173);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not ${JSON.stringify(process.env.PORT)}`);
  process.exit(1);
}

if (!process.argv.includes('--no-build')) await build({ logLevel: 'warn' });
const server = await preview({ preview: { host, port, strictPort: true, open: false }, logLevel: 'warn' });
const address = server.httpServer.address();
const url = typeof address === 'object' && address ? `http://${host}:${address.port}/` : `http://${host}:${port}/`;
console.log(`Peerbook is served at ${url} (Ctrl+C to stop)`);
const seedAt = process.argv.indexOf('--seed');
if (seedAt !== -1) {
  const count = Number(process.argv[seedAt + 1]) || 2000;
  console.log(`To fill a new, empty journal with ${count} sample entries, open ${url}?seed=${count}&long=5000`);
}

let signaling = null;
if (!process.argv.includes('--no-signal')) {
  const script = fileURLToPath(new URL('../dist/services/signal.cjs', import.meta.url));
  signaling = fork(script, [], { env: { ...process.env, HOST: host, PORT: process.env.SIGNAL_PORT || '4444' } });
  signaling.on('exit', (code) => {
    if (code) console.log('(The signaling server did not start here; if one already runs on that port, it is used.)');
    signaling = null;
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    signaling?.kill('SIGTERM');
    server.httpServer.close(() => process.exit(0));
  });
}
