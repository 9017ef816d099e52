import { COMMAND_CHANNEL, parseAppCommand, type AppCommand } from '../shared/ipc/ipcContract';

/** The part of a webContents that receives commands. */
export interface CommandTarget {
  send(channel: string, command: AppCommand): void;
}

export interface RendererCommands {
  /** Sends now if the renderer is loaded, otherwise when it is. */
  send(command: AppCommand): void;
  /** The window's page finished loading: deliver what waited. */
  attach(target: CommandTarget): void;
  /** The page is reloading or the window is gone: hold commands until the next attach. */
  detach(): void;
}

/**
 * Commands for the renderer (menu items, deep links) on the one command channel. A link can open
 * the app before it has a window, or while the page is still loading, so commands wait here
 * until the page has loaded; the preload then keeps them until the app subscribes. Only the
 * newest few wait: nobody needs twenty Join dialogs when the app appears.
 */
export function createRendererCommands(maxPending = 8): RendererCommands {
  let target: CommandTarget | null = null;
  const pending: AppCommand[] = [];
  const deliver = (to: CommandTarget, command: AppCommand): void => {
    // Checked on the way out too, so main cannot send what the preload would drop.
    to.send(COMMAND_CHANNEL, parseAppCommand(command));
  };
  return {
    send(command) {
      if (target !== null) {
        deliver(target, command);
        return;
      }
      pending.push(command);
      pending.splice(0, Math.max(0, pending.length - maxPending));
    },
    attach(next) {
      target = next;
      for (const command of pending.splice(0)) {
        deliver(next, command);
      }
    },
    detach() {
      target = null;
    },
  };
}
