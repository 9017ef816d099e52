import { Emitter } from '../../shared/events/emitter';
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryKind } from '../../shared/entry/entryKind';
import type { EntrySort, LibraryFilter } from '../../shared/library/libraryQuery';

/** Where the user is: one of these at a time. */
export type Place =
  | { readonly view: 'library' }
  | { readonly view: 'entry'; readonly id: EntryId }
  /** A new entry is being written to disk: nothing is open, so typing cannot land in the old one. */
  | { readonly view: 'creating'; readonly kind: EntryKind }
  /** The Trash, and the entry to go back to when it is closed again. */
  | { readonly view: 'trash'; readonly from: EntryId | null }
  | { readonly view: 'this-week' }
  | { readonly view: 'review' }
  | { readonly view: 'insights' };

export type LearningPlace = Extract<Place, { view: 'this-week' | 'review' | 'insights' }>['view'];

/** The dialog that is open, if any: one at a time. */
export type OpenDialog =
  | { readonly kind: 'join'; readonly link: string | null }
  | { readonly kind: 'settings' }
  | { readonly kind: 'go-to-entry' }
  | { readonly kind: 'command-palette' }
  | { readonly kind: 'share' };

/** Where typing goes once the entry just opened is on screen. */
export type FocusTarget = 'title' | 'body';

export interface AppState {
  readonly place: Place;
  readonly dialog: OpenDialog | null;
  readonly focusOnOpen: { readonly id: EntryId; readonly target: FocusTarget } | null;
  readonly filter: LibraryFilter;
  readonly sort: EntrySort;
  readonly query: string;
  /** The one problem shown above the page, until dismissed. */
  readonly error: string | null;
}

export const INITIAL_APP_STATE: AppState = {
  place: { view: 'library' },
  dialog: null,
  focusOnOpen: null,
  filter: { kind: null, tag: null },
  sort: 'updated',
  query: '',
  error: null,
};

/** The entry on screen, if an entry is what is on screen. */
export function openEntryId(state: AppState): EntryId | null {
  return state.place.view === 'entry' ? state.place.id : null;
}

/**
 * The app's state in one place, which components read with `useAppState` (React's
 * useSyncExternalStore) instead of being handed it through props. Changes go through `update`
 * or the named actions below, so every reader sees one consistent state.
 */
export class AppStore {
  private state: AppState;
  private readonly listeners = new Emitter<void>();

  constructor(initial: Partial<AppState> = {}) {
    this.state = { ...INITIAL_APP_STATE, ...initial };
  }

  getState = (): AppState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    return this.listeners.event(listener);
  };

  update(change: (state: AppState) => AppState): void {
    const next = change(this.state);
    if (next === this.state) return;
    this.state = next;
    this.listeners.fire();
  }

  openEntry(id: EntryId, focus: FocusTarget | null = null): void {
    this.update((state) => ({ ...state, place: { view: 'entry', id }, focusOnOpen: focus ? { id, target: focus } : null }));
  }

  /** The entry asked for its focus: it is not asked again (a redraw would steal the caret). */
  focusTaken(id: EntryId): void {
    this.update((state) => (state.focusOnOpen?.id === id ? { ...state, focusOnOpen: null } : state));
  }

  show(place: Place): void {
    this.update((state) => ({ ...state, place, focusOnOpen: null }));
  }

  /** Trash opens over the entry on screen, and closing it goes back there. */
  toggleTrash(): void {
    this.update((state) => {
      if (state.place.view === 'trash') {
        const back = state.place.from;
        return { ...state, place: back ? { view: 'entry', id: back } : { view: 'library' } };
      }
      return { ...state, place: { view: 'trash', from: openEntryId(state) }, focusOnOpen: null };
    });
  }

  openDialog(dialog: OpenDialog): void {
    this.update((state) => ({ ...state, dialog }));
  }

  closeDialog(): void {
    this.update((state) => (state.dialog === null ? state : { ...state, dialog: null }));
  }

  setFilter(filter: LibraryFilter | ((current: LibraryFilter) => LibraryFilter)): void {
    this.update((state) => ({ ...state, filter: typeof filter === 'function' ? filter(state.filter) : filter }));
  }

  setSort(sort: EntrySort): void {
    this.update((state) => ({ ...state, sort }));
  }

  setQuery(query: string): void {
    this.update((state) => ({ ...state, query }));
  }

  setError(error: string | null): void {
    this.update((state) => ({ ...state, error }));
  }
}

export const AppStoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useAppStore needs an AppStoreContext');
  return store;
}

/**
 * Reads part of the app's state; the component redraws when that part changes. `select` should
 * return a value held in the state (or a primitive), not a new object each time.
 */
export function useAppState<T>(select: (state: AppState) => T): T {
  const store = useAppStore();
  const read = useCallback(() => select(store.getState()), [store, select]);
  return useSyncExternalStore(store.subscribe, read);
}
