// The live-list mechanism under the races that lose rows: slow older loads, pushes during a load, pages during a reload.
import { createLiveList, mergeLive, type ListPage } from '../live-list';

interface Row {
  id: string;
  v: number;
  open?: boolean;
}

/** A fetch whose every call stays pending until the test resolves or rejects it. */
function controlledFetch() {
  const calls: { cursor?: string; resolve: (p: ListPage<Row>) => void; reject: (e: unknown) => void }[] = [];
  const fetchPage = (cursor?: string) => new Promise<ListPage<Row>>((resolve, reject) => calls.push({ cursor, resolve, reject }));
  return { calls, fetchPage };
}

const row = (id: string, v = 1, open = true): Row => ({ id, v, open });
const ids = (rows: Row[]) => rows.map((r) => `${r.id}${r.v}`);
const isOpen = (r: Row) => r.open !== false;
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const f = controlledFetch();
  const list = createLiveList<Row>(f.fetchPage, (e) => `失败：${String(e)}`);
  const upsert = (r: Row) => list.apply((items) => mergeLive(items, r, isOpen));
  return { ...f, list, upsert, state: () => list.getState() };
}

describe('createLiveList', () => {
  it('loads the first page and clears the spinner', async () => {
    const t = setup();
    expect(t.state().loading).toBe(true);
    const done = t.list.reload();
    t.calls[0]!.resolve({ items: [row('a'), row('b')], nextCursor: 'c1' });
    await done;
    expect(ids(t.state().items)).toEqual(['a1', 'b1']);
    expect(t.state()).toMatchObject({ loading: false, error: null, hasMore: true });
  });

  it('never lets a slower, older load overwrite a newer one', async () => {
    const t = setup();
    const older = t.list.reload();
    const newer = t.list.reload();
    t.calls[1]!.resolve({ items: [row('new')] });
    await newer;
    t.calls[0]!.resolve({ items: [row('old')] });
    await older;
    expect(ids(t.state().items)).toEqual(['new1']);
    expect(t.state().loading).toBe(false);
  });

  it('keeps an older load failing late from showing an error over the newer list', async () => {
    const t = setup();
    const older = t.list.reload();
    const newer = t.list.reload();
    t.calls[1]!.resolve({ items: [row('a')] });
    await newer;
    t.calls[0]!.reject('timeout');
    await older;
    expect(t.state().error).toBeNull();
  });

  it('keeps pushes that arrive while a page is loading, replayed on top of the page', async () => {
    const t = setup();
    const done = t.list.reload();
    t.upsert(row('pushed', 1)); // created after the server built the page
    t.upsert(row('b', 2)); // a newer version of a row on the page
    t.upsert(row('c', 2, false)); // a row that left the list after the page was built
    expect(ids(t.state().items)).toEqual(['b2', 'pushed1']); // visible at once, even before the page lands
    t.calls[0]!.resolve({ items: [row('b', 1), row('c', 1)] });
    await done;
    expect(ids(t.state().items)).toEqual(['pushed1', 'b2']);
  });

  it('does not replay pushes from before a reload started (the new page already has them)', async () => {
    const t = setup();
    const first = t.list.reload();
    t.calls[0]!.resolve({ items: [row('a')] });
    await first;
    t.upsert(row('x', 1));
    const again = t.list.reload();
    t.calls[1]!.resolve({ items: [row('a')] }); // x was since closed on the server
    await again;
    expect(ids(t.state().items)).toEqual(['a1']);
  });

  it('a resync reload is silent: no spinner over a list already shown', async () => {
    const t = setup();
    const first = t.list.reload();
    t.calls[0]!.resolve({ items: [row('a')] });
    await first;
    const seen: boolean[] = [];
    const off = t.list.subscribe(() => seen.push(t.state().loading));
    const resync = t.list.reload({ silent: true });
    t.calls[1]!.resolve({ items: [row('b'), row('a')] });
    await resync;
    off();
    expect(seen).not.toContain(true);
    expect(ids(t.state().items)).toEqual(['b1', 'a1']);
  });

  it('a silent reload that supersedes a visible one still ends the spinner', async () => {
    const t = setup();
    void t.list.reload();
    const resync = t.list.reload({ silent: true });
    t.calls[1]!.resolve({ items: [row('a')] });
    await resync;
    expect(t.state().loading).toBe(false);
  });

  it('appends the next page without duplicating rows a push already brought, and keeps pushes made meanwhile', async () => {
    const t = setup();
    const first = t.list.reload();
    t.calls[0]!.resolve({ items: [row('a'), row('b')], nextCursor: 'p2' });
    await first;
    const more = t.list.loadMore();
    expect(t.calls[1]!.cursor).toBe('p2');
    t.upsert(row('c', 2)); // c lives on page 2, updated while page 2 loads
    t.upsert(row('d', 2, false)); // d lives on page 2, left the list while page 2 loads
    t.calls[1]!.resolve({ items: [row('c', 1), row('d', 1), row('e', 1)], nextCursor: null });
    await more;
    expect(ids(t.state().items)).toEqual(['c2', 'a1', 'b1', 'e1']);
    expect(t.state().hasMore).toBe(false);
  });

  it('drops a next page that was loading when the list was reloaded', async () => {
    const t = setup();
    const first = t.list.reload();
    t.calls[0]!.resolve({ items: [row('a')], nextCursor: 'p2' });
    await first;
    const more = t.list.loadMore();
    const again = t.list.reload();
    t.calls[2]!.resolve({ items: [row('z')], nextCursor: null });
    await again;
    t.calls[1]!.resolve({ items: [row('old-page-2')], nextCursor: null });
    await more;
    expect(ids(t.state().items)).toEqual(['z1']);
  });

  it('asks for no next page while the first page is loading or when there is none', async () => {
    const t = setup();
    const first = t.list.reload();
    await t.list.loadMore();
    expect(t.calls).toHaveLength(1);
    t.calls[0]!.resolve({ items: [row('a')], nextCursor: null });
    await first;
    await t.list.loadMore();
    expect(t.calls).toHaveLength(1);
  });

  it('after cancel() (unmount) an answer in flight changes nothing', async () => {
    const t = setup();
    const first = t.list.reload();
    const seen = jest.fn();
    t.list.subscribe(seen);
    t.list.cancel();
    t.calls[0]!.resolve({ items: [row('a')] });
    await first;
    await flush();
    expect(seen).not.toHaveBeenCalled();
    expect(t.state().items).toEqual([]);
  });

  it('reports a failed load through describeError and keeps the rows it had', async () => {
    const t = setup();
    const first = t.list.reload();
    t.calls[0]!.resolve({ items: [row('a')] });
    await first;
    const again = t.list.reload();
    t.calls[1]!.reject('网络');
    await again;
    expect(t.state()).toMatchObject({ error: '失败：网络', loading: false });
    expect(ids(t.state().items)).toEqual(['a1']);
  });
});
