// Estimates how guessable a configured secret is, so production refuses "aaaa…", "password" × 4 or "abcdef…" at start.

/** Shannon entropy of the string's own character distribution, times its length (bits). */
export function shannonBits(s: string): number {
  const chars = [...s];
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * chars.length;
}

/** The shortest unit the whole string repeats ("abcabcabc" → 3), or its length when it does not repeat. */
function period(s: string): number {
  for (let p = 1; p <= s.length / 2; p++) {
    let ok = true;
    for (let i = p; i < s.length && ok; i++) ok = s[i] === s[i - p];
    if (ok) return p;
  }
  return s.length;
}

/**
 * A conservative estimate (bits): Shannon bits, cut down for strings that repeat a unit or walk the alphabet
 * ("0123456789abcdef…"), whose characters look varied but follow from the first one.
 */
export function estimateSecretBits(s: string): number {
  if (!s) return 0;
  const unit = s.slice(0, period(s));
  let bits = shannonBits(unit);
  const cps = [...s].map((c) => c.codePointAt(0)!);
  let steps = 0;
  for (let i = 1; i < cps.length; i++) if (Math.abs(cps[i]! - cps[i - 1]!) === 1) steps++;
  // Half of all neighbours one code point apart is a run, not chance (random hex: about one in eight).
  if (cps.length > 1 && steps / (cps.length - 1) >= 1 / 2) bits = Math.min(bits, 8);
  return bits;
}

/** Bits a secret must reach in production; random hex of the documented length (`openssl rand -hex 32`) clears it with room. */
export const MIN_SECRET_BITS = { JWT_SECRET: 80, token: 64 } as const;

/** Names the secrets (of those given) whose estimate is below what they need; empty when all are strong. */
export function weakSecrets(secrets: Record<string, { value: string | undefined; minBits: number }>): string[] {
  const weak: string[] = [];
  for (const [name, { value, minBits }] of Object.entries(secrets)) {
    if (value === undefined) continue;
    const bits = estimateSecretBits(value);
    if (bits < minBits) weak.push(`${name} (≈${Math.floor(bits)} bits of ${minBits} needed)`);
  }
  return weak;
}
