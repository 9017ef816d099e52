import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../../electron/appOrigin';
import { checkExternalUrl, openExternalUrl } from '../../../electron/externalLinks';
import { decideNavigation, decideWindowOpen, handleNavigation } from '../../../electron/navigationPolicy';
import { decidePermission } from '../../../electron/permissionPolicy';

function fakeShell() {
  const opened: string[] = [];
  return { opened, openExternal: (url: string) => (opened.push(url), Promise.resolve()) };
}

const hostileUrls = [
  'file:///etc/passwd',
  'file://server/share/payload.exe',
  'smb://attacker.example/share',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'ms-msdt:/id PCWDiagnostic /skip force',
  'search-ms:query=invoice&crumb=location:\\\\attacker\\share',
  'peerbook://join/room#key=secret',
  'app://peerbook/index.html',
  'chrome://settings',
  'about:blank',
  'https://user:pass@bank.example/',
  'https://bank.example@evil.example/',
  'http://',
  'not a url',
  `https://example.com/${'a'.repeat(3000)}`,
  '',
];

describe('where the app window may go', () => {
  it('lets the app move between its own pages', () => {
    expect(decideNavigation(APP_ENTRY_URL)).toBe('allow');
    expect(decideNavigation('app://peerbook/')).toBe('allow');
    expect(decideNavigation('app://peerbook/index.html#/entry/abc')).toBe('allow');
  });

  it('refuses a link that would turn the window into a foreign page', () => {
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'peerbook://join/room#key=secret',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'not a url',
    ]) {
      expect(decideNavigation(url), url).toBe('deny');
    }
  });

  it('is not fooled by look-alike app URLs', () => {
    for (const url of [
      'app://evil/index.html',
      'app://peerbook.evil.com/',
      'app://peerbook@evil/index.html',
      'app://user:pass@peerbook/',
      'app://peerbook:8080/',
      'apps://peerbook/',
      'https://peerbook/',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
      expect(decideNavigation(url), url).toBe('deny');
    }
  });
});

describe('a link in an entry that leads outside the app', () => {
  it('opens a web page or a mail address in the system browser or mail app, and the window stays', () => {
    const shell = fakeShell();
    expect(handleNavigation('https://example.com/runbook?step=2#rollback', shell.openExternal)).toBe('deny');
    expect(decideWindowOpen({ url: 'http://intranet.local/wiki' }, shell.openExternal)).toEqual({ action: 'deny' });
    expect(decideWindowOpen({ url: 'mailto:ana@example.com?subject=Debrief' }, shell.openExternal)).toEqual({
      action: 'deny',
    });
    expect(shell.opened).toEqual([
      'https://example.com/runbook?step=2#rollback',
      'http://intranet.local/wiki',
      'mailto:ana@example.com?subject=Debrief',
    ]);
  });

  it('hands nothing else to the OS, where other schemes can start programs', () => {
    const shell = fakeShell();
    for (const url of hostileUrls) {
      expect(checkExternalUrl(url), url).toBeNull();
      expect(openExternalUrl(url, shell.openExternal), url).toBe(false);
      expect(decideWindowOpen({ url }, shell.openExternal), url).toEqual({ action: 'deny' });
      if (!isAppUrl(url)) {
        expect(handleNavigation(url, shell.openExternal), url).toBe('deny');
      }
    }
    expect(shell.opened).toEqual([]);
  });

  it('opens the URL as parsed, so what the OS receives is what was checked', () => {
    expect(checkExternalUrl('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b');
    expect(checkExternalUrl(42)).toBeNull();
    expect(checkExternalUrl({ toString: () => 'https://example.com/' })).toBeNull();
  });

  it('keeps the app own pages in the window instead of opening them outside', () => {
    const shell = fakeShell();
    expect(handleNavigation('app://peerbook/index.html', shell.openExternal)).toBe('allow');
    expect(shell.opened).toEqual([]);
  });

  it('reports a browser that fails to open rather than throwing into Electron', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(openExternalUrl('https://example.com/', () => Promise.reject(new Error('no browser')))).toBe(true);
    await vi.waitFor(() => expect(errors).toHaveBeenCalled());
    errors.mockRestore();
  });
});

describe('what the app may ask the OS for', () => {
  it('lets the app write (never read) the clipboard, for the Copy button of the invite link', () => {
    expect(decidePermission('clipboard-sanitized-write', 'app://peerbook/index.html')).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', 'app://peerbook')).toBe(true);
  });

  it('grants nothing else, even to the app itself, and nothing at all to another origin', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'fileSystem',
      'display-capture',
      'hid',
      'serial',
      'usb',
      'unknown',
    ]) {
      expect(decidePermission(permission, 'app://peerbook/index.html'), permission).toBe(false);
    }
    for (const origin of ['https://example.com/', 'app://evil/', 'file:///index.html', '']) {
      expect(decidePermission('clipboard-sanitized-write', origin), origin).toBe(false);
    }
  });
});
