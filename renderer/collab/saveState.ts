import { Emitter } from '../../shared/events/emitter';

/** What "Saved" in the window is made of: writes not yet on disk, and why the last one failed. */
export interface SaveState {
  /** Writes issued and not yet committed. */
  readonly pending: number;
  /** The last write failure, until a later write succeeds. */
  readonly error: string | null;
}

/** Anything whose writes the "Saved" status waits for. */
export interface SaveStateSource {
  readonly saveState: SaveState;
  onSaveState(listener: (state: SaveState) => void): () => void;
}

/** Several sources as one: their pending writes added up, the first error among them. */
export function combinedSaveState(sources: Iterable<SaveStateSource>): SaveState {
  let pending = 0;
  let error: string | null = null;
  for (const source of sources) {
    pending += source.saveState.pending;
    error ??= source.saveState.error;
  }
  return { pending, error };
}

/** Resolves once `source` has no write pending, those issued while it waits included. */
export async function whenSaved(source: SaveStateSource): Promise<void> {
  while (source.saveState.pending > 0) {
    await new Promise<void>((resolve) => {
      const stop = source.onSaveState((state) => {
        if (state.pending === 0) {
          stop();
          resolve();
        }
      });
    });
  }
}

/** Sources tracked together and told as one (the journal's "Saved"). */
export class SaveStateSet implements SaveStateSource {
  private readonly sources = new Map<SaveStateSource, () => void>();
  private readonly changed = new Emitter<SaveState>();

  /** Counts `source` in, until the function it returns is called. */
  track(source: SaveStateSource): () => void {
    if (!this.sources.has(source)) this.sources.set(source, source.onSaveState(this.tell));
    return () => {
      this.sources.get(source)?.();
      if (this.sources.delete(source)) this.tell();
    };
  }

  get saveState(): SaveState {
    return combinedSaveState(this.sources.keys());
  }

  readonly onSaveState = this.changed.event;

  private readonly tell = (): void => this.changed.fire(this.saveState);
}
