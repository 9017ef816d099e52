// @ts-check
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Lint enforces the layer arrows of docs/ARCHITECTURE (see ../shared/ARCHITECTURE.md):
 *   shared/   pure: no DOM, Node, Electron, React, Lexical, y-webrtc, y-indexeddb; never imports
 *             renderer/ or electron/.
 *   renderer/ never imports electron/, electron, or node:*; only renderer/editor imports Lexical,
 *             only renderer/collab imports y-indexeddb / y-webrtc, only renderer/platform reads
 *             the preload global.
 *   electron/ never imports renderer/, React or Lexical.
 * tests/unit/layerRules.test.ts proves that a forbidden import fails this config.
 */
const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'events', 'stream', 'buffer', 'worker_threads'];

// Built-in module names are matched exactly ('buffer' must not catch 'lib0/buffer').
const nodeImports = [{ regex: `^(node:.*|${NODE_BUILTINS.join('|')})$`, message: 'Node APIs belong in electron/ (or tests).' }];
const electronImports = [{ group: ['electron', 'electron/*'], message: 'Only electron/ may import Electron.' }];
const uiImports = [
  { group: ['react', 'react-dom', 'react-dom/*', 'react/*'], message: 'React belongs in renderer/.' },
  { group: ['lexical', '@lexical/*'], message: 'Only renderer/editor imports Lexical.' },
];
const syncImports = [{ group: ['y-indexeddb', 'y-webrtc'], message: 'Only renderer/collab imports y-webrtc (and would own any storage library).' }];
const lexicalImports = [{ group: ['lexical', '@lexical/*'], message: 'Only renderer/editor imports Lexical.' }];
const layer = (name, message) => ({ group: [`**/${name}/**`, `**/${name}`], message });

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
            layer('renderer', 'shared/ is pure and imports no other layer.'),
            layer('electron', 'shared/ is pure and imports no other layer.'),
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
          patterns: [...uiImports, ...syncImports, layer('renderer', 'electron/ never imports renderer/.')],
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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeImports,
            ...electronImports,
            ...lexicalImports,
            ...syncImports,
            layer('electron', 'renderer/ never imports electron/; use renderer/platform.'),
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'peerbook', message: 'Only renderer/platform touches the preload global.' },
      ],
    },
  },
  {
    files: ['renderer/editor/**/*.ts', 'renderer/editor/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...nodeImports, ...electronImports, ...syncImports, layer('electron', 'renderer/ never imports electron/.')] },
      ],
    },
  },
  {
    files: ['renderer/collab/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...nodeImports, ...electronImports, ...lexicalImports, layer('electron', 'renderer/ never imports electron/.')] },
      ],
    },
  },
  {
    files: ['renderer/platform/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
