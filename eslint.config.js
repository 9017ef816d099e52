// @ts-check
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Lint enforces the layer arrows (README.md, "How it is built"):
 *   shared/   pure: no DOM, Node, Electron, React, Lexical, y-webrtc, y-indexeddb; never imports
 *             renderer/ or electron/.
 *   renderer/ never imports electron/, electron, or node:*; only renderer/editor imports Lexical,
 *             only renderer/collab imports y-indexeddb / y-webrtc, only renderer/storage imports
 *             idb (every IndexedDB database is opened there), only renderer/platform reads
 *             the preload global.
 *   electron/ never imports renderer/, React or Lexical; it may import services/ (it embeds the
 *             signaling server).
 *   services/ plain Node servers (signaling, relay): import shared/ only, never renderer/,
 *             electron/, Electron, React or Lexical; only services/relay imports Hocuspocus's
 *             server and its storage (better-sqlite3, ioredis).
 * tests/unit/layerRules.test.ts proves that a forbidden import fails this config.
 */
const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'events', 'stream', 'buffer', 'worker_threads'];

// Built-in module names are matched exactly ('buffer' must not catch 'lib0/buffer').
const nodeImports = [{ regex: `^(node:.*|${NODE_BUILTINS.join('|')})$`, message: 'Node APIs belong in electron/ or services/ (or tests).' }];
const electronImports = [{ group: ['electron', 'electron/*'], message: 'Only electron/ may import Electron.' }];
const uiImports = [
  { group: ['react', 'react-dom', 'react-dom/*', 'react/*'], message: 'React belongs in renderer/.' },
  { group: ['lexical', '@lexical/*'], message: 'Only renderer/editor imports Lexical.' },
];
const syncImports = [
  { group: ['y-indexeddb', 'y-webrtc', '@hocuspocus/provider'], message: 'Only renderer/collab imports sync libraries (y-webrtc, the relay client).' },
];
const relayServerImports = [
  { group: ['@hocuspocus/server', '@hocuspocus/extension-*', 'better-sqlite3', 'ioredis'], message: 'Only services/relay runs the relay (Hocuspocus, its storage).' },
];
const lexicalImports = [{ group: ['lexical', '@lexical/*'], message: 'Only renderer/editor imports Lexical.' }];
const storageImports = [{ group: ['idb'], message: 'Only renderer/storage opens IndexedDB (renderer/storage/deviceDatabases.ts).' }];
const layer = (name, message) => ({ group: [`**/${name}/**`, `**/${name}`], message });
const serviceImports = [
  ...electronImports,
  ...uiImports,
  ...syncImports,
  layer('renderer', 'services/ import shared/ only.'),
  layer('electron', 'services/ import shared/ only; electron/ imports services/, not the reverse.'),
];

/** Libraries one renderer/ folder owns: everywhere else in renderer/ importing them is an error. */
const rendererLibraries = { lexical: lexicalImports, sync: syncImports, storage: storageImports };

/** What renderer/ may not import; `owns` names the library family the folder owns, if any. */
const rendererImports = (owns) => [
  ...nodeImports,
  ...electronImports,
  ...Object.entries(rendererLibraries).flatMap(([family, patterns]) => (family === owns ? [] : patterns)),
  ...relayServerImports,
  layer('electron', 'renderer/ never imports electron/; use renderer/platform.'),
  layer('services', 'renderer/ never imports services/ (Node servers).'),
];

const ownerOf = (folder, owns) => ({
  files: [`renderer/${folder}/**/*.ts`, `renderer/${folder}/**/*.tsx`],
  rules: { 'no-restricted-imports': ['error', { patterns: rendererImports(owns) }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.js', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeImports,
            ...electronImports,
            ...uiImports,
            ...syncImports,
            ...relayServerImports,
            layer('renderer', 'shared/ is pure and imports no other layer.'),
            layer('electron', 'shared/ is pure and imports no other layer.'),
            layer('services', 'shared/ is pure and imports no other layer.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [...uiImports, ...syncImports, ...relayServerImports, layer('renderer', 'electron/ never imports renderer/.')],
        },
      ],
    },
  },
  {
    files: ['services/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: serviceImports }],
    },
  },
  {
    files: ['services/signaling/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...serviceImports,
            ...relayServerImports,
            { group: ['../relay', '../relay/**', '**/services/relay/**'], message: 'The signaling server stands alone: it needs nothing of the relay.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: rendererImports(null) }],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'peerbook', message: 'Only renderer/platform touches the preload global.' },
      ],
    },
  },
  ownerOf('editor', 'lexical'),
  ownerOf('collab', 'sync'),
  ownerOf('storage', 'storage'),
  {
    files: ['renderer/platform/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
