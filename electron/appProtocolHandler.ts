import { resolveAppAssetPath } from './appAssetPath';
import { contentTypeForAssetPath, isHtmlContentType } from './assetContentType';
import { buildContentSecurityPolicy } from './contentSecurityPolicy';

/** The part of a fetch `Request` the handler reads. */
export interface AppAssetRequest {
  readonly url: string;
  readonly method: string;
}

export interface AppProtocolHandlerOptions {
  /** Absolute path of dist/renderer. */
  readonly rendererRoot: string;
  /** Reads a file (main passes `fs.promises.readFile`, which also reads inside app.asar). */
  readonly readAsset: (assetPath: string) => Promise<Uint8Array<ArrayBuffer>>;
  /** Told about read failures other than a missing file, which would otherwise vanish into a 500. */
  readonly reportError: (error: unknown) => void;
}

/**
 * The `protocol.handle('app', ...)` handler: serves the built renderer, read-only, and nothing
 * outside it. HTML pages carry the app's Content-Security-Policy as a header, so it applies before
 * any of the page is parsed and cannot be dropped by editing the HTML.
 * https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
 */
export function createAppProtocolHandler(
  options: AppProtocolHandlerOptions,
): (request: AppAssetRequest) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });
    }
    const assetPath = resolveAppAssetPath(options.rendererRoot, request.url);
    if (assetPath === null) {
      return notFound();
    }

    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await options.readAsset(assetPath);
    } catch (error) {
      if (isMissingFileError(error)) {
        return notFound();
      }
      options.reportError(error);
      return new Response(null, { status: 500 });
    }

    const contentType = contentTypeForAssetPath(assetPath);
    const headers = new Headers({ 'Content-Type': contentType, 'X-Content-Type-Options': 'nosniff' });
    if (isHtmlContentType(contentType)) {
      headers.set('Content-Security-Policy', buildContentSecurityPolicy());
    }
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

function isMissingFileError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) {
    return false;
  }
  return error.code === 'ENOENT' || error.code === 'ENOTDIR' || error.code === 'EISDIR';
}
