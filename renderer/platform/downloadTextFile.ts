/**
 * Saves text through the browser's download flow (a Blob behind an `<a download>` link). Electron
 * turns the same download into a native save dialog, which is why the desktop platform can use it
 * too until it gets its own.
 */
export function downloadTextFile(suggestedName: string, text: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = suggestedName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking in the same task can cancel the download in some browsers; the next task is enough.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
  return Promise.resolve();
}
