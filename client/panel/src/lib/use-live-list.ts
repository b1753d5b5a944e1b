// React face of the live-list mechanism: every live screen loads, merges pushes and resyncs after a reconnect through this hook.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useSocketResync } from '../api/realtime';
import { errorMessage } from './errors';
import { createLiveList, mergeLive, type HasId, type ListOp, type ListPage } from './live-list';

export interface LiveListOptions<T> {
  /** What the list is of (e.g. the serialised filter): a change loads it afresh. */
  key: string;
  fetchPage: (cursor?: string) => Promise<ListPage<T>>;
  /** Whether a pushed item belongs in this list; read when the push arrives, so it may close over the current filter. */
  matches?: (item: T) => boolean;
  max?: number;
}

const always = () => true;

export function useLiveList<T extends HasId>(opts: LiveListOptions<T>) {
  // Loads and pushes always use the latest closures, without restarting the list on every render.
  const latest = useRef(opts);
  latest.current = opts;
  const [list] = useState(() => createLiveList<T>((cursor) => latest.current.fetchPage(cursor), (err) => errorMessage(err, '加载失败')));
  const state = useSyncExternalStore(list.subscribe, list.getState);

  useEffect(() => {
    void list.reload();
  }, [list, opts.key]);
  useEffect(() => () => list.cancel(), [list]);
  useSocketResync(() => void list.reload({ silent: true }));

  const apply = useCallback((op: ListOp<T>) => list.apply(op), [list]);
  const upsert = useCallback(
    (item: T) => {
      const { matches = always, max } = latest.current;
      list.apply((items) => mergeLive(items, item, matches, max));
    },
    [list],
  );
  const remove = useCallback((id: string) => list.apply((items) => items.filter((x) => x.id !== id)), [list]);
  const reload = useCallback(() => list.reload(), [list]);
  const loadMore = useCallback(() => list.loadMore(), [list]);

  return { ...state, apply, upsert, remove, reload, loadMore };
}
