import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/**
 * Real Chromium for the end-to-end suite: Debian's package, driven by playwright-core (its own
 * browser download does not work on these machines). CHROMIUM_PATH overrides the binary.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
  // Peers on one machine reach each other by their real loopback addresses, not mDNS names.
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (.ci/run installs Debian's chromium package).`);
  }
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  assertChromiumInstalled();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, ...options });
}

/**
 * One browser for the tests of a file: launched before the first, closed after the last. Call it
 * at the top of the file; what it returns gives the running browser inside tests and hooks.
 */
export function browserForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('The browser is launched in beforeAll: ask for it in a test or a hook.');
    return browser;
  };
}

export function createProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'peerbook-profile-'));
}

/**
 * A browser started by hand on a profile directory, so a test can kill it with SIGKILL (as a
 * crash or power cut would) and start another on the same profile.
 */
export interface KillableBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  kill(): Promise<void>;
}

export async function launchKillableBrowser(profileDir: string): Promise<KillableBrowser> {
  assertChromiumInstalled();
  const child: ChildProcess = spawn(
    CHROMIUM_PATH,
    [...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen.slice(-500)}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited with ${code}: ${seen.slice(-500)}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0] ?? (await browser.newContext());
  return {
    browser,
    context,
    kill: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // The whole process group: the browser and its renderer processes die at once, unflushed.
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      await exited;
      await browser.close().catch(() => undefined);
    },
  };
}
