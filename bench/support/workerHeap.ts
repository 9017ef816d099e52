import type { CDPSession } from 'playwright-core';

interface AttachedToTarget {
  readonly sessionId: string;
  readonly targetInfo: { readonly type: string; readonly url: string };
}

interface ReceivedMessage {
  readonly sessionId: string;
  readonly message: string;
}

/**
 * The JS heap of the page's dedicated workers whose script URL contains `urlPart`, in MB, after a
 * garbage collection in each: the search index lives in a worker, and `Runtime.getHeapUsage`
 * on the page does not count it. The workers are reached through the page's CDP session
 * (`Target.setAutoAttach`, messages relayed with `Target.sendMessageToTarget`).
 */
export async function workerHeapMb(cdp: CDPSession, urlPart: string): Promise<number> {
  const attached: AttachedToTarget[] = [];
  const onAttached = (event: AttachedToTarget): void => void attached.push(event);
  cdp.on('Target.attachedToTarget', onAttached);
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await new Promise((resolve) => setTimeout(resolve, 200));
  cdp.off('Target.attachedToTarget', onAttached);
  let nextId = 1;
  const ask = (sessionId: string, method: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`No answer from the worker to ${method}`)), 10_000);
      const onMessage = (event: ReceivedMessage): void => {
        if (event.sessionId !== sessionId) return;
        const message = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown> };
        if (message.id !== id) return;
        clearTimeout(timer);
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        resolve(message.result ?? {});
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  let bytes = 0;
  for (const { sessionId, targetInfo } of attached) {
    if (targetInfo.type !== 'worker' || !targetInfo.url.includes(urlPart)) continue;
    await ask(sessionId, 'HeapProfiler.collectGarbage');
    bytes += Number((await ask(sessionId, 'Runtime.getHeapUsage')).usedSize ?? NaN);
  }
  await cdp.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: false });
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
