import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/chromium';
import { JournalPage } from './support/journalPage';
import { freePort } from '../integration/support/freePort';

/** Peerbook peers also find each other through y-webrtc's own, stock signaling server. */
let browser: Browser;
let stockServer: ChildProcess;
let stockUrl: string;

beforeAll(async () => {
  const port = await freePort();
  stockServer = spawn(process.execPath, [join(__dirname, '../../node_modules/y-webrtc/bin/server.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('y-webrtc’s server did not start')), 10_000);
    stockServer.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(String(port))) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  stockUrl = `ws://127.0.0.1:${port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  stockServer?.kill();
});

it('co-edits through y-webrtc’s stock signaling server', async () => {
  const open = async (name: string): Promise<JournalPage> => {
    const journal = await JournalPage.open(await browser.newContext(), inject('appUrl'));
    await journal.useSignalingServer(stockUrl, name);
    return journal;
  };
  const ana = await open('Ana');
  await ana.create('checklist', 'Stock server checklist');
  const link = await ana.shareLink();
  expect(decodeURIComponent(link)).toContain(stockUrl);
  const ben = await open('Ben');
  await ben.join(link);
  await expect.poll(() => ben.checkboxes.count(), { timeout: 20_000 }).toBe(3);
  await ben.tick(1);
  await expect.poll(() => ana.checkboxes.nth(1).getAttribute('aria-checked'), { timeout: 20_000 }).toBe('true');
  await expect.poll(() => ana.entryItem('Stock server checklist').innerText()).toContain('1 of 3');
});
