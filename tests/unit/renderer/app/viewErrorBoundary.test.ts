// @vitest-environment happy-dom
import { act, createElement, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ViewErrorBoundary } from '../../../../renderer/app/ViewErrorBoundary';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  vi.restoreAllMocks();
});

function Version({ damaged }: { damaged: boolean }) {
  if (damaged) throw new Error('This saved version cannot be read.');
  return createElement('p', null, 'The version’s text');
}

describe('a view that throws', () => {
  it('shows what could not be shown, why, and a way back, while the rest of the app stays', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const container = document.createElement('div');
    document.body.append(container);
    function App() {
      const [showing, setShowing] = useState<'damaged' | null>('damaged');
      return createElement(
        'div',
        null,
        createElement('nav', null, 'Library'),
        showing &&
          createElement(ViewErrorBoundary, { what: 'History', backLabel: 'Close history', onBack: () => setShowing(null), resetKey: showing, children: createElement(Version, { damaged: showing === 'damaged' }) }),
      );
    }
    root = createRoot(container);
    act(() => root?.render(createElement(App)));

    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('History could not be shown');
    expect(alert?.textContent).toContain('This saved version cannot be read.');
    expect(alert?.textContent).toContain('Nothing in your journal was changed');
    expect(container.querySelector('nav')?.textContent).toBe('Library');
    const button = [...container.querySelectorAll('button')].find((candidate) => candidate.textContent === 'Close history');
    act(() => button?.click());
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.textContent).toBe('Library');
  });

  it('tries again when something else is shown', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const container = document.createElement('div');
    root = createRoot(container);
    const show = (damaged: boolean, key: string) =>
      act(() => root?.render(createElement(ViewErrorBoundary, { what: 'This entry', backLabel: 'Back to the library', onBack: () => undefined, resetKey: key, children: createElement(Version, { damaged }) })));
    show(true, 'a');
    expect(container.textContent).toContain('This entry could not be shown');
    show(false, 'b');
    expect(container.textContent).toBe('The version’s text');
  });
});
