import { Emitter } from '../../shared/events/emitter';
import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import { COMMANDS, type CommandId, type CommandSpec } from '../../shared/commands/shortcuts';

type Handler = () => void;

/**
 * What runs each command now. The part of the app that can do a thing says so while it is on
 * screen (the open entry: Share, History, Save version…; the sidebar's file actions: Back up,
 * Restore, Import), and buttons, shortcuts, the palette and the desktop menu all run the command
 * by name. A command nobody can run now (Share with no entry open) is simply not available.
 */
export class CommandRegistry {
  // A stack per command: the newest registration answers (an entry opened over another).
  private readonly handlers = new Map<CommandId, Handler[]>();
  private readonly listeners = new Emitter<void>();
  private version = 0;

  register(id: CommandId, handler: Handler): () => void {
    const stack = this.handlers.get(id) ?? [];
    stack.push(handler);
    this.handlers.set(id, stack);
    this.changed();
    return () => {
      const at = stack.lastIndexOf(handler);
      if (at !== -1) stack.splice(at, 1);
      this.changed();
    };
  }

  /** Runs the command if something can; says whether it ran. */
  run(id: CommandId): boolean {
    const handler = this.handlers.get(id)?.at(-1);
    if (!handler) return false;
    handler();
    return true;
  }

  isAvailable(id: CommandId): boolean {
    return (this.handlers.get(id)?.length ?? 0) > 0;
  }

  /** The commands that can run now, in the table's order. */
  available(): CommandSpec[] {
    return COMMANDS.filter((command) => this.isAvailable(command.id));
  }

  subscribe = (listener: () => void): (() => void) => {
    return this.listeners.event(listener);
  };

  /** Changes whenever a command becomes available or stops being. */
  getVersion = (): number => this.version;

  private changed(): void {
    this.version += 1;
    this.listeners.fire();
  }
}

export const CommandRegistryContext = createContext<CommandRegistry | null>(null);

export function useCommands(): CommandRegistry {
  const registry = useContext(CommandRegistryContext);
  if (!registry) throw new Error('useCommands needs a CommandRegistryContext');
  return registry;
}

/** Redraws when the set of available commands changes (the palette). */
export function useAvailableCommands(): CommandSpec[] {
  const registry = useCommands();
  useSyncExternalStore(registry.subscribe, registry.getVersion);
  return registry.available();
}

/**
 * Registers handlers for as long as the component is mounted. The newest function is called
 * each time, so handlers may close over props and state without registering again.
 */
export function useCommandHandlers(handlers: Partial<Record<CommandId, Handler>>): void {
  const registry = useCommands();
  const latest = useRef(handlers);
  latest.current = handlers;
  const ids = (Object.keys(handlers) as CommandId[]).sort().join(' ');
  useEffect(() => {
    const stops = (ids ? (ids.split(' ') as CommandId[]) : []).map((id) => registry.register(id, () => latest.current[id]?.()));
    return () => {
      for (const stop of stops) stop();
    };
  }, [registry, ids]);
}
