// The panel's one live-list mechanism, framework-free: page loads that cannot overwrite newer ones, and pushed changes that survive a load.
export interface HasId {
  id: string;
}

/** One page of a list API (or a whole list, when nextCursor is absent). */
export interface ListPage<T> {
  items: T[];
  nextCursor?: string | null;
}

/** A pushed change to the list. Ops may be applied twice (live, then replayed on a page that was in flight), so they must be idempotent. */
export type ListOp<T> = (list: T[]) => T[];

export interface LiveListState<T> {
  items: T[];
  loading: boolean;
  error: string | null;
  hasMore: boolean;
}

export interface LiveList<T> {
  getState(): LiveListState<T>;
  subscribe(listener: () => void): () => void;
  /** Loads the first page again; `silent` keeps the spinner off (a resync should not flash the list). */
  reload(opts?: { silent?: boolean }): Promise<void>;
  /** Appends the next page; ignored while a first page is loading, a page is already loading, or there is none. */
  loadMore(): Promise<void>;
  apply(op: ListOp<T>): void;
  /** Results of loads in flight are dropped (unmount, or a new filter about to load). */
  cancel(): void;
}

/** Update in place, insert new matches on top, drop ones that no longer match. Idempotent, so it is a valid ListOp body. */
export function mergeLive<T extends HasId>(list: T[], item: T, matches: (t: T) => boolean, max = 200): T[] {
  const idx = list.findIndex((x) => x.id === item.id);
  if (!matches(item)) return idx === -1 ? list : list.filter((x) => x.id !== item.id);
  if (idx === -1) return [item, ...list].slice(0, max);
  const next = list.slice();
  next[idx] = item;
  return next;
}

export function createLiveList<T extends HasId>(
  fetchPage: (cursor?: string) => Promise<ListPage<T>>,
  describeError: (err: unknown) => string,
): LiveList<T> {
  let state: LiveListState<T> = { items: [], loading: true, error: null, hasMore: false };
  let cursor: string | null = null;
  // Bumped by every first-page load and by cancel(): a load whose generation is no longer current lost the race.
  let generation = 0;
  let firstPageLoading = false;
  let moreLoading = false;
  // Ops pushed while each load is in flight; the load's page predates them, so they are replayed on top of it.
  const pending = new Set<ListOp<T>[]>();
  const listeners = new Set<() => void>();

  const set = (patch: Partial<LiveListState<T>>) => {
    state = { ...state, ...patch };
    listeners.forEach((fn) => fn());
  };

  async function run(first: boolean, silent: boolean): Promise<void> {
    const gen = first ? ++generation : generation;
    const ops: ListOp<T>[] = [];
    pending.add(ops);
    if (first) firstPageLoading = true;
    else moreLoading = true;
    if (!silent) set({ loading: true });
    try {
      const page = await fetchPage(first ? undefined : (cursor ?? undefined));
      if (gen !== generation) return;
      const have = new Set(state.items.map((x) => x.id));
      // A pushed item may already sit in the list when the next page brings its older copy: keep the pushed one.
      const base = first ? page.items : [...state.items, ...page.items.filter((x) => !have.has(x.id))];
      cursor = page.nextCursor ?? null;
      set({ items: ops.reduce((list, op) => op(list), base), hasMore: cursor !== null, error: null, loading: false });
    } catch (err) {
      if (gen !== generation) return;
      set({ error: describeError(err), loading: false });
    } finally {
      pending.delete(ops);
      if (gen === generation) {
        if (first) firstPageLoading = false;
        else moreLoading = false;
      }
    }
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload: (opts = {}) => {
      moreLoading = false;
      return run(true, opts.silent ?? false);
    },
    loadMore: () => (firstPageLoading || moreLoading || cursor === null ? Promise.resolve() : run(false, false)),
    apply(op) {
      pending.forEach((ops) => ops.push(op));
      set({ items: op(state.items) });
    },
    cancel() {
      generation++;
      firstPageLoading = false;
      moreLoading = false;
      pending.clear();
    },
  };
}
