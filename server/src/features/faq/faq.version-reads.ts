// Reads of a community's FAQ rule-set version shared by the questions that arrive together, never older than any question that uses them.

/**
 * A question must see every rule change answered before it was asked, so it may only use a version read that *started*
 * after it arrived. Questions arriving while a read is under way wait for the next read, which all of them share:
 * at most two reads per community are ever pending, however many questions are in flight.
 */
export class VersionReads {
  private readonly state = new Map<string, { current?: Promise<number>; next?: Promise<number> }>();

  constructor(private readonly read: (communityId: string) => Promise<number>) {}

  fresh(communityId: string): Promise<number> {
    let s = this.state.get(communityId);
    if (!s) this.state.set(communityId, (s = {}));
    if (!s.current) return this.start(communityId, s);
    const after = s.current;
    s.next ??= after.then(
      () => this.startNext(communityId, s),
      () => this.startNext(communityId, s),
    );
    return s.next;
  }

  private startNext(communityId: string, s: { current?: Promise<number>; next?: Promise<number> }): Promise<number> {
    s.next = undefined;
    return this.start(communityId, s);
  }

  private start(communityId: string, s: { current?: Promise<number>; next?: Promise<number> }): Promise<number> {
    const p = this.read(communityId);
    s.current = p;
    const done = () => {
      if (s.current === p) s.current = undefined;
    };
    p.then(done, done);
    return p;
  }
}
