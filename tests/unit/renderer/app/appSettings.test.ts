// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidSettingsError, loadAppSettings, parseRelayLines, saveAppSettings } from '../../../../renderer/app/appSettings';

beforeEach(() => localStorage.clear());

describe('relay servers in Settings', () => {
  it('are none by default, one ws:// or wss:// address per line, and kept across a restart', () => {
    expect(loadAppSettings().relays).toEqual([]);
    const relays = parseRelayLines('  wss://relay.example.org \n\nws://10.0.0.5:4455\nwss://relay.example.org\n');
    expect(relays).toEqual(['wss://relay.example.org', 'ws://10.0.0.5:4455']);
    saveAppSettings({ ...loadAppSettings(), relays });
    expect(loadAppSettings().relays).toEqual(relays);
  });

  it('refuse a line that is not a relay address, saying which', () => {
    expect(() => parseRelayLines('wss://ok.example.org\nhttps://relay.example.org')).toThrow(InvalidSettingsError);
    expect(() => parseRelayLines('https://relay.example.org')).toThrow(/“https:\/\/relay\.example\.org” is not a relay address/);
  });

  it('drop damaged stored values instead of failing to start', () => {
    localStorage.setItem('peerbook.settings', JSON.stringify({ relays: ['wss://kept.example.org', 42, 'javascript:alert(1)'] }));
    expect(loadAppSettings().relays).toEqual(['wss://kept.example.org']);
  });
});
