import { isAppUrl } from './appOrigin';

/** The part of an IPC event the sender check reads (Electron's `IpcMainInvokeEvent` has it). */
export interface IpcSenderEvent {
  /** Null when the frame navigated away or was destroyed before main looked at it. */
  readonly senderFrame: { readonly url: string } | null;
}

/**
 * True when the message comes from a frame showing the app. Any frame of any webContents can
 * send IPC, including one that ended up on a foreign page, so every handler checks this first.
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
export function checkIpcSender(event: IpcSenderEvent): boolean {
  return event.senderFrame !== null && isAppUrl(event.senderFrame.url);
}

export class UntrustedIpcSenderError extends Error {
  constructor(channel: string) {
    super(`Refused ${channel}: the sender is not the app`);
    this.name = 'UntrustedIpcSenderError';
  }
}
