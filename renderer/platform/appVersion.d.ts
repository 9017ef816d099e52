/**
 * The app's version (package.json "version"), replaced at build time by Vite's
 * `define: { __APP_VERSION__: JSON.stringify(pkg.version) }` (vite.config.ts). Read only by
 * browserPlatform.ts; the desktop app asks main instead.
 */
declare const __APP_VERSION__: string;
