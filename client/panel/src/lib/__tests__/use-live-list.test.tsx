// The live-list hook wired to a fake socket: a reconnect reloads quietly, a new key reloads, and a page of the old key cannot land.
import { act, renderHook } from '@testing-library/react';
import type { ListPage } from '../live-list';
import { useLiveList } from '../use-live-list';

const connectHandlers = new Set<() => void>();
jest.mock('../../api/realtime', () => {
  const react = require('react') as typeof import('react');
  return {
    useSocketResync(handler: () => void) {
      const ref = react.useRef(handler);
      ref.current = handler;
      react.useEffect(() => {
        const fn = () => ref.current();
        connectHandlers.add(fn);
        return () => void connectHandlers.delete(fn);
      }, []);
    },
  };
});

interface Row {
  id: string;
}

function deferredFetch() {
  const calls: { key: string; resolve: (p: ListPage<Row>) => void }[] = [];
  const make = (key: string) => () => new Promise<ListPage<Row>>((resolve) => calls.push({ key, resolve }));
  return { calls, make };
}

const reconnect = () => act(() => connectHandlers.forEach((fn) => fn()));

beforeEach(() => connectHandlers.clear());

test('a socket reconnect reloads the list without a spinner, and rows raised meanwhile appear', async () => {
  const f = deferredFetch();
  const { result } = renderHook(() => useLiveList<Row>({ key: 'open', fetchPage: f.make('open') }));
  expect(result.current.loading).toBe(true);
  await act(async () => f.calls[0]!.resolve({ items: [{ id: 'a' }] }));
  expect(result.current.items.map((r) => r.id)).toEqual(['a']);

  await reconnect();
  expect(f.calls).toHaveLength(2);
  expect(result.current.loading).toBe(false);
  await act(async () => f.calls[1]!.resolve({ items: [{ id: 'raised-while-away' }, { id: 'a' }] }));
  expect(result.current.items.map((r) => r.id)).toEqual(['raised-while-away', 'a']);
});

test('changing the key reloads, and the answer for the old key arriving late is dropped', async () => {
  const f = deferredFetch();
  const { result, rerender } = renderHook(({ k }) => useLiveList<Row>({ key: k, fetchPage: f.make(k) }), { initialProps: { k: 'open' } });
  rerender({ k: 'resolved' });
  expect(f.calls.map((c) => c.key)).toEqual(['open', 'resolved']);
  await act(async () => f.calls[1]!.resolve({ items: [{ id: 'r1' }] }));
  await act(async () => f.calls[0]!.resolve({ items: [{ id: 'o1' }] }));
  expect(result.current.items.map((r) => r.id)).toEqual(['r1']);
});

test('pushes use the matches of the moment and survive the load they arrived during', async () => {
  const f = deferredFetch();
  const { result } = renderHook(() => useLiveList<Row>({ key: 'k', fetchPage: f.make('k'), matches: (r) => !r.id.startsWith('x') }));
  act(() => {
    result.current.upsert({ id: 'pushed' });
    result.current.upsert({ id: 'x-filtered-out' });
  });
  await act(async () => f.calls[0]!.resolve({ items: [{ id: 'a' }] }));
  expect(result.current.items.map((r) => r.id)).toEqual(['pushed', 'a']);
});

test('unmounting stops listening for reconnects', () => {
  const f = deferredFetch();
  const { unmount } = renderHook(() => useLiveList<Row>({ key: 'k', fetchPage: f.make('k') }));
  expect(connectHandlers.size).toBe(1);
  unmount();
  expect(connectHandlers.size).toBe(0);
});
