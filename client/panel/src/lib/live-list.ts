// Merging pushed items into a loaded list: update in place, insert new matches on top, drop ones that no longer match.
export interface HasId {
  id: string;
}

export function mergeLive<T extends HasId>(list: T[], item: T, matches: (t: T) => boolean, max = 200): T[] {
  const idx = list.findIndex((x) => x.id === item.id);
  if (!matches(item)) return idx === -1 ? list : list.filter((x) => x.id !== item.id);
  if (idx === -1) return [item, ...list].slice(0, max);
  const next = list.slice();
  next[idx] = item;
  return next;
}
