import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/appProtocolHandler';
import { buildContentSecurityPolicy } from '../../../electron/contentSecurityPolicy';

const root = '/dist/renderer';

function fileSystemWith(files: Record<string, string>): (assetPath: string) => Promise<Uint8Array<ArrayBuffer>> {
  return (assetPath) => {
    const text = files[assetPath];
    if (text === undefined) {
      return Promise.reject(Object.assign(new Error(`ENOENT: ${assetPath}`), { code: 'ENOENT' }));
    }
    return Promise.resolve(new TextEncoder().encode(text));
  };
}

function serve(files: Record<string, string>, reported: unknown[] = []) {
  return createAppProtocolHandler({
    rendererRoot: root,
    readAsset: fileSystemWith(files),
    reportError: (error) => reported.push(error),
  });
}

const built = {
  '/dist/renderer/index.html': '<!doctype html><script type="module" src="./assets/app.js"></script>',
  '/dist/renderer/assets/app.js': 'console.log("peerbook")',
  '/dist/renderer/assets/app.css': 'body{}',
};

describe('the app:// protocol serving the built renderer', () => {
  it('serves the app page with the Content-Security-Policy header', async () => {
    const response = await serve(built)({ url: 'app://peerbook/index.html', method: 'GET' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(buildContentSecurityPolicy());
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<script type="module"');
  });

  it('serves scripts and styles with types a module loader accepts', async () => {
    const handler = serve(built);
    const script = await handler({ url: 'app://peerbook/assets/app.js', method: 'GET' });
    const style = await handler({ url: 'app://peerbook/assets/app.css', method: 'GET' });

    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(script.headers.has('content-security-policy')).toBe(false);
    expect(await script.text()).toBe('console.log("peerbook")');
  });

  it('answers 404 for a missing file and for a path that tries to leave the build', async () => {
    const handler = serve({ ...built, '/etc/passwd': 'root:x:0:0' });

    expect((await handler({ url: 'app://peerbook/missing.js', method: 'GET' })).status).toBe(404);
    expect((await handler({ url: 'app://peerbook/..%2F..%2Fetc%2Fpasswd', method: 'GET' })).status).toBe(404);
    expect((await handler({ url: 'app://evil/index.html', method: 'GET' })).status).toBe(404);
  });

  it('is read-only', async () => {
    const response = await serve(built)({ url: 'app://peerbook/index.html', method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers HEAD without a body', async () => {
    const response = await serve(built)({ url: 'app://peerbook/index.html', method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
  });

  it('reports a read failure that is not a missing file, and answers 500', async () => {
    const reported: unknown[] = [];
    const failure = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    const handler = createAppProtocolHandler({
      rendererRoot: root,
      readAsset: () => Promise.reject(failure),
      reportError: (error) => reported.push(error),
    });

    expect((await handler({ url: 'app://peerbook/index.html', method: 'GET' })).status).toBe(500);
    expect(reported).toEqual([failure]);
  });
});
