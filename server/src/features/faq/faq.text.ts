// Text normalisation shared by FAQ matching and the board's sensitive-word check: width, case and spacing folded.

/** Curly and CJK quotes staff type with a Chinese IME, folded to the ASCII quote the pattern language uses. */
const QUOTES = /[\u201c\u201d\u300c\u300d\u300e\u300f]/g;

/**
 * NFKC folds full-width ASCII (ＡＢＣ１２３（）｜) to half-width and compatibility forms (㎡ → m2);
 * then case is folded and whitespace runs become one space. Linear in the input.
 */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(QUOTES, '"').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * For the sensitive-word check: normalised, then whitespace, punctuation and symbols removed, so
 * "赌 博" / "赌.博" / "赌★博" still read as "赌博".
 */
export function compactText(s: string): string {
  return normalizeText(s).replace(/[\s\p{P}\p{S}]/gu, '');
}
