import { EntryTextStore } from './entryTextStore';
import { SearchEngine } from './searchEngine';
import type { SearchRequest } from './searchProtocol';

/**
 * The search worker: the engine (index, texts and their storage) off the page's thread, so that
 * indexing 10,000 entries and answering a keystroke never delay drawing or typing. Built by Vite
 * as its own module (`new Worker(new URL(...), { type: 'module' })`), which loads from the same
 * origin in the web build and under Electron's app:// protocol.
 */
const engine = new SearchEngine(
  () => EntryTextStore.open(),
  (reply) => self.postMessage(reply),
);
self.addEventListener('message', (event: MessageEvent<SearchRequest>) => engine.handle(event.data));
