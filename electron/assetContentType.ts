/**
 * Content types of what Vite emits into dist/renderer. Set explicitly because module scripts are
 * refused unless served with a JavaScript MIME type, and `X-Content-Type-Options: nosniff` (sent
 * with every asset) stops Chromium from guessing.
 */
const CONTENT_TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

const UNKNOWN_CONTENT_TYPE = 'application/octet-stream';

export function contentTypeForAssetPath(assetPath: string): string {
  const match = /\.[^./\\]+$/.exec(assetPath);
  const extension = match === null ? '' : match[0].toLowerCase();
  return CONTENT_TYPE_BY_EXTENSION[extension] ?? UNKNOWN_CONTENT_TYPE;
}

export function isHtmlContentType(contentType: string): boolean {
  return contentType.startsWith('text/html');
}
