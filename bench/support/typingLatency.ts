import type { Page } from 'playwright-core';

/**
 * Keystroke to paint in the open entry's body: from keydown until the next frame after the body
 * changed, for `keys` keystrokes typed at the end of paragraph `paragraph`.
 */
export async function measureTyping(page: Page, paragraph: number, keys = 60): Promise<number[]> {
  await page.locator('[aria-label="Body"] > p').nth(paragraph).click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const body = document.querySelector('[aria-label="Body"]') as HTMLElement;
    const times: number[] = [];
    let sentAt = 0;
    let waiting = false;
    const onKeyDown = (): void => {
      sentAt = performance.now();
      waiting = true;
    };
    document.addEventListener('keydown', onKeyDown, true);
    const observer = new MutationObserver(() => {
      if (!waiting) return;
      waiting = false;
      requestAnimationFrame(() => times.push(performance.now() - sentAt));
    });
    observer.observe(body, { childList: true, subtree: true, characterData: true });
    // Taken off again at the end, so that measuring twice in one page measures once.
    const stop = (): void => {
      document.removeEventListener('keydown', onKeyDown, true);
      observer.disconnect();
    };
    Object.assign(window, { __typing: times, __stopTyping: stop });
  });
  for (let i = 0; i < keys; i++) {
    await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
    await page.waitForFunction((count) => (window as unknown as { __typing: number[] }).__typing.length > count, i, { polling: 'raf' });
  }
  return page.evaluate(() => {
    const measured = window as unknown as { __typing: number[]; __stopTyping: () => void };
    measured.__stopTyping();
    return measured.__typing;
  });
}
