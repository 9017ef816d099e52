import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../../electron/appOrigin';
import { decideNavigation, decideWindowOpen } from '../../../electron/navigationPolicy';
import { decidePermission } from '../../../electron/permissionPolicy';

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

  it('opens no new windows, whatever the page asks for', () => {
    expect(decideWindowOpen()).toEqual({ action: 'deny' });
  });

  it('grants no permission, even to the app itself', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(decidePermission(permission, 'app://peerbook/index.html'), permission).toBe(false);
      expect(decidePermission(permission, 'https://example.com/'), permission).toBe(false);
    }
  });
});
