// `npm run web`: builds the renderer and serves it, the same app as the desktop one, for a
// browser. HOST and PORT override 127.0.0.1:5173. It keeps serving until stopped (Ctrl+C).
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

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.httpServer.close(() => process.exit(0));
  });
}
