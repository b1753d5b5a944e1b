// Multinomial naive Bayes over Chinese character unigrams and bigrams: small enough to train at start from a few hundred labelled reports, and it says how sure it is.
// Hand-written (about 40 lines) rather than a library: the maintained JS options either pull an English NLP model (wink) or give no probabilities (ml-naivebayes).

/** Han characters only, with digits and place words removed: "3号楼2单元电梯坏了" → 电梯坏了 (the place is read by rules). */
export function features(text: string): string[] {
  const t = text
    .normalize('NFKC')
    .replace(/[0-9一二两三四五六七八九十]+\s*(号楼|号|栋|幢|单元|层|楼|室)/g, ' ')
    .replace(/[^\p{Script=Han}]+/gu, ' ');
  const out: string[] = [];
  for (const run of t.split(' ').filter(Boolean)) {
    const cs = Array.from(run);
    for (let i = 0; i < cs.length; i++) {
      out.push(cs[i]!);
      if (i + 1 < cs.length) out.push(cs[i]! + cs[i + 1]!);
    }
  }
  return out;
}

export interface NaiveBayes<L extends string> {
  labels: L[];
  /** log P(label) */
  prior: Map<L, number>;
  /** per label: feature → count, and the label's total count */
  counts: Map<L, { total: number; f: Map<string, number> }>;
  vocabulary: Set<string>;
  /** per label: log P(feature | label) for its features, and for a known feature it never saw (computed once, not per report) */
  logLik: Map<L, { f: Map<string, number>; unseen: number }>;
}

export function train<L extends string>(examples: Array<{ label: L; text: string }>): NaiveBayes<L> {
  const labels = [...new Set(examples.map((e) => e.label))];
  const counts = new Map(labels.map((l) => [l, { total: 0, f: new Map<string, number>() }]));
  const vocabulary = new Set<string>();
  for (const e of examples) {
    const c = counts.get(e.label)!;
    for (const f of features(e.text)) {
      c.f.set(f, (c.f.get(f) ?? 0) + 1);
      c.total++;
      vocabulary.add(f);
    }
  }
  const prior = new Map(labels.map((l) => [l, Math.log(examples.filter((e) => e.label === l).length / examples.length)]));
  const v = vocabulary.size;
  const logLik = new Map(
    labels.map((l) => {
      const c = counts.get(l)!;
      return [l, { f: new Map([...c.f].map(([f, n]) => [f, Math.log((n + 1) / (c.total + v))])), unseen: Math.log(1 / (c.total + v)) }];
    }),
  );
  return { labels, prior, counts, vocabulary, logLik };
}

/** Labels by posterior probability (Laplace smoothing; unknown features ignored), best first. `text` may come as its features already. */
export function classify<L extends string>(m: NaiveBayes<L>, text: string | string[]): Array<{ label: L; p: number }> {
  const fs = (typeof text === 'string' ? features(text) : text).filter((f) => m.vocabulary.has(f));
  const logs = m.labels.map((l) => {
    const ll = m.logLik.get(l)!;
    let s = m.prior.get(l)!;
    for (const f of fs) s += ll.f.get(f) ?? ll.unseen;
    return { label: l, s };
  });
  const max = Math.max(...logs.map((x) => x.s));
  const z = logs.reduce((a, x) => a + Math.exp(x.s - max), 0);
  return logs.map((x) => ({ label: x.label, p: Math.exp(x.s - max) / z })).sort((a, b) => b.p - a.p);
}
