/**
 * Saves text through the browser's download flow (a Blob behind an `<a download>` link). Electron
 * turns the same download into a native save dialog, which is why the desktop platform can use it
 * too until it gets its own.
 */
export function downloadTextFile(suggestedName: string, text: string): Promise<void> {
  return downloadFile(suggestedName, new Blob([text], { type: 'text/plain;charset=utf-8' }));
}

/**
 * The same for a file made in parts (a backup): the parts go into the Blob one by one, and the
 * browser keeps a large Blob outside the page's memory, so no string ever holds the whole file.
 */
export async function downloadParts(suggestedName: string, parts: AsyncIterable<string>, type: string): Promise<void> {
  const blobs: Blob[] = [];
  for await (const part of parts) blobs.push(new Blob([part]));
  await downloadFile(suggestedName, new Blob(blobs, { type }));
}

function downloadFile(suggestedName: string, blob: Blob): Promise<void> {
  const url = URL.createObjectURL(blob);
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
