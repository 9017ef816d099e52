import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAssetPath } from '../../../electron/appAssetPath';

const root = '/opt/Peerbook/resources/app.asar/dist/renderer';

function isInsideRoot(resolved: string): boolean {
  return resolved.startsWith(`${root}/`);
}

describe('which file an app:// request reads', () => {
  it('maps app pages and assets to files in the renderer build', () => {
    expect(resolveAppAssetPath(root, 'app://peerbook/index.html')).toBe(`${root}/index.html`);
    expect(resolveAppAssetPath(root, 'app://peerbook/')).toBe(`${root}/index.html`);
    expect(resolveAppAssetPath(root, 'app://peerbook')).toBe(`${root}/index.html`);
    expect(resolveAppAssetPath(root, 'app://peerbook/assets/index-Bx1.js?v=1#top')).toBe(
      `${root}/assets/index-Bx1.js`,
    );
    expect(resolveAppAssetPath(root, 'app://peerbook/assets/My%20Font.woff2')).toBe(`${root}/assets/My Font.woff2`);
  });

  it('never leaves the renderer build through ../ (the URL parser folds it inside the root)', () => {
    for (const url of [
      'app://peerbook/../../../../etc/passwd',
      'app://peerbook/assets/../../secret',
      'app://peerbook/%2e%2e/%2e%2e/etc/passwd',
      'app://peerbook/.%2E/.%2e/etc/passwd',
    ]) {
      const resolved = resolveAppAssetPath(root, url);
      expect(resolved === null || isInsideRoot(resolved), `${url} -> ${String(resolved)}`).toBe(true);
    }
  });

  it('refuses encoded separators and other tricks that only become a traversal once decoded', () => {
    for (const url of [
      'app://peerbook/..%2F..%2F..%2Fetc%2Fpasswd',
      'app://peerbook/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://peerbook/assets/..%2f..%2f..%2fsecret',
      'app://peerbook/..%5C..%5Cwindows%5Cwin.ini',
      'app://peerbook/assets\\..\\..\\secret',
      'app://peerbook/index.html%00.png',
      'app://peerbook/C:%2Fwindows',
      'app://peerbook/%E0%A4%A', // malformed escape
    ]) {
      expect(resolveAppAssetPath(root, url), url).toBeNull();
    }
  });

  it('serves nothing for another origin', () => {
    expect(resolveAppAssetPath(root, 'app://evil/index.html')).toBeNull();
    expect(resolveAppAssetPath(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppAssetPath(root, 'https://peerbook/index.html')).toBeNull();
  });

  it('keeps Windows drive letters and backslashes out when packaged for Windows', () => {
    const windowsRoot = 'C:\\Program Files\\Peerbook\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppAssetPath(windowsRoot, 'app://peerbook/assets/app.js', path.win32)).toBe(
      `${windowsRoot}\\assets\\app.js`,
    );
    for (const url of [
      'app://peerbook/C:/Windows/win.ini',
      'app://peerbook/..%5C..%5CWindows',
      'app://peerbook/assets/..%5c..%5c..%5cWindows',
    ]) {
      expect(resolveAppAssetPath(windowsRoot, url, path.win32), url).toBeNull();
    }
  });
});
