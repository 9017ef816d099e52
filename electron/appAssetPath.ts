import path from 'node:path';
import { isAppUrl } from './appOrigin';

/** The path functions used, so the Windows rules can be tested on any OS (pass `path.win32`). */
export type AssetPathApi = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * Maps an `app://peerbook/...` request URL to a file inside `rendererRoot`, or null when the URL
 * is not on the app origin or would leave the root.
 *
 * The URL parser already folds `/../` and `/%2e%2e/`, but encoded separators (`..%2F`, `..%5C`)
 * survive it and only become a traversal once decoded, so they are refused outright; no file Vite
 * emits has a slash, backslash, colon or NUL in its name. The final containment check is the one
 * that must never be removed: whatever slips past the rules above still cannot leave the root.
 */
export function resolveAppAssetPath(
  rendererRoot: string,
  requestUrl: string,
  pathApi: AssetPathApi = path,
): string | null {
  if (!isAppUrl(requestUrl)) {
    return null;
  }
  const { pathname } = new URL(requestUrl);
  if (/%2f|%5c/i.test(pathname)) {
    return null;
  }
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (/[\\:\0]/.test(decodedPath)) {
    return null;
  }
  const segments = decodedPath.split('/').filter((segment) => segment.length > 0);
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return null;
  }
  if (segments.length === 0 || decodedPath.endsWith('/')) {
    segments.push('index.html');
  }

  const root = pathApi.resolve(rendererRoot);
  const resolved = pathApi.resolve(root, ...segments);
  const relative = pathApi.relative(root, resolved);
  const leavesRoot =
    relative === '' || relative === '..' || relative.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(relative);
  return leavesRoot ? null : resolved;
}
