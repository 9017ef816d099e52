import { describe, expect, it } from 'vitest';
import { applyChromiumSwitches, DISABLED_CHROMIUM_FEATURES, withDisabledFeatures } from '../../../electron/chromiumSwitches';

/** Electron's command line as Chromium reads it: the last value of a switch wins. */
function commandLine(start: Record<string, string> = {}) {
  const switches = new Map(Object.entries(start));
  return {
    switches,
    hasSwitch: (name: string) => switches.has(name),
    getSwitchValue: (name: string) => switches.get(name) ?? '',
    appendSwitch: (name: string, value = '') => void switches.set(name, value),
  };
}

describe('the Chromium switches of the desktop app', () => {
  it('turn off the deferral of tasks after a keystroke, which holds search answers back a frame', () => {
    const line = commandLine();
    applyChromiumSwitches(line);
    expect(line.switches.get('disable-features')?.split(',')).toEqual(['DeferRendererTasksAfterInput']);
  });

  it('keep the features the app was started without', () => {
    const line = commandLine({ 'disable-features': 'HardwareMediaKeyHandling, DeferRendererTasksAfterInput' });
    applyChromiumSwitches(line);
    expect(line.switches.get('disable-features')?.split(',')).toEqual(['HardwareMediaKeyHandling', 'DeferRendererTasksAfterInput']);
  });

  it('are the same for a browser started from arguments (the benchmarks)', () => {
    expect(withDisabledFeatures(['--no-sandbox', '--disable-features=WebRtcHideLocalIpsWithMdns'])).toEqual([
      '--no-sandbox',
      `--disable-features=WebRtcHideLocalIpsWithMdns,${DISABLED_CHROMIUM_FEATURES.join(',')}`,
    ]);
    expect(withDisabledFeatures(['--no-sandbox'], [])).toEqual(['--no-sandbox']);
  });
});
