// Aho–Corasick multi-literal scanner: one left-to-right pass over the text reports every occurrence of every literal.

interface AcNode {
  next: Map<number, number>;
  fail: number;
  /** Literal ids that end exactly at this node. */
  out: number[];
  /** Nearest node on the fail chain that has output (dictionary suffix link), or -1. */
  dict: number;
}

export interface ScanStats {
  /** Goto transitions + fail-link follows + reported occurrences: the whole work of a scan. */
  steps: number;
}

/**
 * The work of `scan` is O(text length + occurrences): each character makes one goto step, fail
 * follows are paid for by earlier goto steps (depth only grows by one per character), and each
 * reported occurrence costs one step. No backtracking over the text is possible.
 */
export class Automaton {
  private readonly nodes: AcNode[] = [{ next: new Map(), fail: 0, out: [], dict: -1 }];
  readonly lengths: number[] = [];

  constructor(literals: readonly string[]) {
    literals.forEach((lit, id) => this.add(lit, id));
    this.link();
  }

  get size(): number {
    return this.lengths.length;
  }

  private add(lit: string, id: number) {
    if (!lit) throw new Error('empty literal');
    let n = 0;
    for (let i = 0; i < lit.length; i++) {
      const c = lit.charCodeAt(i);
      let to = this.nodes[n]!.next.get(c);
      if (to === undefined) {
        to = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, out: [], dict: -1 });
        this.nodes[n]!.next.set(c, to);
      }
      n = to;
    }
    this.nodes[n]!.out.push(id);
    this.lengths[id] = lit.length;
  }

  /** Breadth-first fail links, the classic construction. */
  private link() {
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) queue.push(child);
    for (let qi = 0; qi < queue.length; qi++) {
      const u = queue[qi]!;
      for (const [c, v] of this.nodes[u]!.next) {
        let f = this.nodes[u]!.fail;
        while (f !== 0 && !this.nodes[f]!.next.has(c)) f = this.nodes[f]!.fail;
        const target = this.nodes[f]!.next.get(c);
        const fv = target !== undefined && target !== v ? target : 0;
        const node = this.nodes[v]!;
        node.fail = fv;
        node.dict = this.nodes[fv]!.out.length ? fv : this.nodes[fv]!.dict;
        queue.push(v);
      }
    }
  }

  /** Calls `onMatch(literalId, endIndexExclusive)` for every occurrence, in order of end position. */
  scan(text: string, onMatch: (id: number, end: number) => void, stats?: ScanStats): void {
    const nodes = this.nodes;
    let n = 0;
    let steps = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = nodes[n]!.next.get(c);
      while (to === undefined && n !== 0) {
        n = nodes[n]!.fail;
        steps++;
        to = nodes[n]!.next.get(c);
      }
      n = to ?? 0;
      steps++;
      for (let m = nodes[n]!.out.length ? n : nodes[n]!.dict; m !== -1; m = nodes[m]!.dict) {
        for (const id of nodes[m]!.out) {
          steps++;
          onMatch(id, i + 1);
        }
      }
    }
    if (stats) stats.steps += steps;
  }
}
