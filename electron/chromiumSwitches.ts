/**
 * Chromium features the desktop app's pages run without.
 *
 * - `DeferRendererTasksAfterInput`: after a key is pressed, Chromium holds back every other task
 *   of the page (a worker's message among them) until the frame showing that key is drawn. The
 *   search worker's answer usually arrives before that frame; held back, it is drawn a frame
 *   later, so results trail each keystroke by a frame (docs/DECISIONS.md, "Fifth pass: search
 *   within a frame"). A browser cannot be told this by a page: `npm run web` runs with it.
 */
export const DISABLED_CHROMIUM_FEATURES: readonly string[] = ['DeferRendererTasksAfterInput'];

/** The part of Electron's `app.commandLine` this needs. */
export interface CommandLineSwitches {
  hasSwitch(name: string): boolean;
  getSwitchValue(name: string): string;
  appendSwitch(name: string, value?: string): void;
}

/**
 * `--disable-features` with the app's features added to any the user started it with (Chromium
 * reads one list; a second switch would replace the first). Before the app is ready.
 */
export function applyChromiumSwitches(commandLine: CommandLineSwitches, features: readonly string[] = DISABLED_CHROMIUM_FEATURES): void {
  const given = commandLine.hasSwitch('disable-features') ? commandLine.getSwitchValue('disable-features') : '';
  const all = mergedFeatures([given], features);
  if (all !== '') commandLine.appendSwitch('disable-features', all);
}

/** The same, for a Chromium started from its arguments (the benchmarks' browser). */
export function withDisabledFeatures(args: readonly string[], features: readonly string[] = DISABLED_CHROMIUM_FEATURES): string[] {
  const prefix = '--disable-features=';
  const all = mergedFeatures(args.filter((arg) => arg.startsWith(prefix)).map((arg) => arg.slice(prefix.length)), features);
  return [...args.filter((arg) => !arg.startsWith(prefix)), ...(all !== '' ? [`${prefix}${all}`] : [])];
}

/** Comma-separated feature lists and more features, as one list, each once, in order. */
function mergedFeatures(lists: readonly string[], features: readonly string[]): string {
  const all = [...lists.flatMap((list) => list.split(',')), ...features].map((feature) => feature.trim()).filter((feature) => feature !== '');
  return [...new Set(all)].join(',');
}
