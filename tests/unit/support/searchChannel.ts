import { SearchEngine } from '../../../renderer/search/searchEngine';
import type { SearchChannel, SearchReply, SearchRequest } from '../../../renderer/search/searchProtocol';

/** The search engine in this thread, as where there is no worker, counting the queries it is asked. */
export function countingChannel(): { channel: SearchChannel; queries: () => number } {
  let listener: (reply: SearchReply) => void = () => {};
  const engine = new SearchEngine(
    () => Promise.resolve(null),
    (reply) => listener(reply),
  );
  let queries = 0;
  return {
    channel: {
      send: (request: SearchRequest) => {
        if (request.type === 'query') queries++;
        engine.handle(request);
      },
      onReply: (next) => (listener = next),
      close: () => engine.close(),
    },
    queries: () => queries,
  };
}
