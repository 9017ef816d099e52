import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { DEEP_LINK_SCHEME } from '../../../electron/deepLinks';

// electron-builder.yml checked against electron-builder's own configuration schema (the
// scheme.json it validates with before every build), and the promises the installers make:
// the peerbook:// protocol, the Electron fuses and the targets for each OS.

const root = path.resolve(import.meta.dirname, '../../..');
// The schema ships in app-builder-lib, found the way electron-builder itself finds it.
const electronBuilder = createRequire(import.meta.url).resolve('electron-builder/package.json');
const appBuilderLib = createRequire(electronBuilder).resolve('app-builder-lib/package.json');
const schemaPath = path.join(path.dirname(appBuilderLib), 'scheme.json');

type Config = Record<string, unknown> & {
  protocols: { name: string; schemes: string[] }[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string; executableName: string };
  mac: { target: string; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; icon: string };
  win: { target: string; icon: string };
  files: string[];
};

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

/** The validator electron-builder itself builds (app-builder-lib/out/util/config/schemaValidator.js). */
function electronBuilderValidator() {
  const ajv = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false });
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder own schema', () => {
    const validate = electronBuilderValidator();
    const valid = validate(structuredClone(config));
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be caught by that schema if it were wrong (the check is live)', () => {
    const validate = electronBuilderValidator();
    expect(validate({ ...structuredClone(config), electronFuses: { ...config.electronFuses, runAsNodes: false } })).toBe(false);
    expect(validate({ ...structuredClone(config), protocol: config.protocols })).toBe(false);
    expect(validate({ ...structuredClone(config), mac: { ...config.mac, hardenedRuntime: 'yes please' } })).toBe(false);
  });

  it('registers the peerbook:// scheme the app handles', () => {
    expect(config.protocols).toEqual([{ name: expect.any(String), schemes: [DEEP_LINK_SCHEME] }]);
  });

  it('flips the Electron fuses: no run-as-node, app only from a checked asar, no Node options or inspector', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
  });

  it('builds an AppImage and a deb, a hardened dmg with entitlements, and an NSIS installer', () => {
    expect(config.appId).toBe('app.peerbook.desktop');
    expect(config.productName).toBe('Peerbook');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac).toMatchObject({
      target: 'dmg',
      hardenedRuntime: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
    });
    expect(existsSync(path.join(root, config.mac.entitlements))).toBe(true);
    expect(config.win.target).toBe('nsis');
  });

  it('packages the built app only, and names the Linux desktop file as Electron names the window', () => {
    expect(config.files).toEqual(['dist/**', '!dist/services/**', 'package.json']);
    expect(packageJson.main).toBe('dist/electron/main.cjs');
    expect(packageJson.desktopName).toBe(`${config.linux.executableName}.desktop`);
    expect(config.linux).toMatchObject({ syncDesktopName: true });
    // Every runtime module is bundled: a runtime dependency would be packaged unbundled.
    expect(packageJson.dependencies).toBeUndefined();
  });

  it('uses the icons rendered from build/icon.svg: 1024×1024 for macOS and Windows, a size set for Linux', () => {
    expect(existsSync(path.join(root, 'build/icon.svg'))).toBe(true);
    expect(pngSize(path.join(root, config.mac.icon))).toEqual({ width: 1024, height: 1024 });
    expect(config.win.icon).toBe(config.mac.icon);
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(path.join(root, config.linux.icon, `${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
  });

  it('is built by npm run dist, and the icons by npm run icons', () => {
    const scripts = packageJson.scripts as Record<string, string>;
    expect(scripts.dist).toMatch(/^npm run build && electron-builder\b/);
    expect(scripts.icons).toBe('node scripts/renderIcons.mjs');
  });
});
