// When two people save the same part of a plan, the second save is refused (services/reviews.ts).
// Both texts then go into the box the second person sees, each under a plain heading, so pressing
// Save keeps both and nobody's words are deleted without them choosing to delete them.

export const KEPT_SAVED_HEADING = '[Already saved]';
export const KEPT_YOURS_HEADING = '[What you wrote]';

/**
 * The text for a box after a refused save: what is saved now and what they wrote. One text alone
 * when the other is empty or already holds it (an edit that only added words keeps the longer one).
 */
export function keepBoth(saved: string, yours: string): string {
  const [s, y] = [saved.trim(), yours.trim()];
  if (!s || y.includes(s)) return y;
  if (!y || s.includes(y)) return s;
  return `${KEPT_SAVED_HEADING}\n${s}\n\n${KEPT_YOURS_HEADING}\n${y}`;
}

/** Which boxes hold two texts, so the page can say so next to each. */
export function keptBothFields<K extends string>(
  saved: Partial<Record<K, string>>,
  yours: Record<K, string>,
): { values: Record<K, string>; both: K[] } {
  const keys = Object.keys(yours) as K[];
  const values = Object.fromEntries(keys.map((k) => [k, keepBoth(saved[k] ?? '', yours[k])])) as Record<K, string>;
  return { values, both: keys.filter((k) => values[k].startsWith(KEPT_SAVED_HEADING)) };
}
