/**
 * The one event primitive: an Emitter owns its listeners and fires; everyone else subscribes
 * through `event` and gets back the function that unsubscribes (the shape React effects return).
 * Listeners are called in the order they subscribed; one subscribed while an event fires is first
 * called on the next, and one unsubscribed while it fires is not called after that.
 */
export type Unsubscribe = () => void;

export type Listener<T> = (value: T) => void;

/** Subscribes `listener`; returns the function that unsubscribes it (calling it twice is harmless). */
export type Subscribe<T> = (listener: Listener<T>) => Unsubscribe;

export interface EmitterOptions {
  /**
   * Called with what a listener threw; the other listeners are still called. Without it, what a
   * listener throws reaches the one who fired (after the other listeners ran).
   */
  readonly onListenerError?: (error: unknown) => void;
}

export class Emitter<T = void> {
  private readonly listeners = new Set<Listener<T>>();
  private disposed = false;

  constructor(private readonly options: EmitterOptions = {}) {}

  readonly event: Subscribe<T> = (listener) => {
    if (this.disposed) return () => undefined;
    // A listener subscribed twice is called twice, and each unsubscribe removes its own.
    const own: Listener<T> = (value) => listener(value);
    this.listeners.add(own);
    return () => {
      this.listeners.delete(own);
    };
  };

  /** How many listeners are subscribed now. */
  get size(): number {
    return this.listeners.size;
  }

  fire(value: T): void {
    let thrown: { error: unknown } | null = null;
    for (const listener of [...this.listeners]) {
      if (!this.listeners.has(listener)) continue;
      try {
        listener(value);
      } catch (error) {
        if (this.options.onListenerError) this.options.onListenerError(error);
        else thrown ??= { error };
      }
    }
    if (thrown) throw thrown.error;
  }

  /** Unsubscribes everyone; later subscriptions are ignored. */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
