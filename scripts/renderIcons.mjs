// `npm run icons`: renders the app icon, build/icon.svg, to the PNGs electron-builder packages.
//
//   build/icon.png          1024×1024: electron-builder makes the macOS .icns and Windows .ico from it
//   build/icons/<N>x<N>.png the Linux icon set (AppImage, deb), 16 to 1024
//
// Rendered by Chromium (the system's, driven by playwright-core, as the end-to-end suite does;
// CHROMIUM_PATH overrides /usr/bin/chromium) so the gradients and curves come out exactly as a
// browser draws the SVG. The PNGs are committed: packaging needs no browser.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const buildDir = fileURLToPath(new URL('../build/', import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

if (!existsSync(chromiumPath)) {
  console.error(`Chromium is not installed at ${chromiumPath}; set CHROMIUM_PATH.`);
  process.exit(1);
}

const svg = await readFile(new URL('icon.svg', `file://${buildDir}`));
const source = `data:image/svg+xml;base64,${svg.toString('base64')}`;

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--force-color-profile=srgb'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  /** @param {number} size */
  const render = async (size) => {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">` +
        `<img id="icon" src="${source}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    // A string, because it runs in the page (where `document` is), not in this script.
    await page.waitForFunction("document.getElementById('icon').complete && document.getElementById('icon').naturalWidth > 0");
    return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };

  await mkdir(new URL('icons/', `file://${buildDir}`), { recursive: true });
  for (const size of LINUX_SIZES) {
    const png = await render(size);
    await writeFile(new URL(`icons/${size}x${size}.png`, `file://${buildDir}`), png);
    if (size === 1024) await writeFile(new URL('icon.png', `file://${buildDir}`), png);
    console.log(`build/icons/${size}x${size}.png${size === 1024 ? ' and build/icon.png' : ''}`);
  }
} finally {
  await browser.close();
}
