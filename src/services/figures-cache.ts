// What a process keeps of the managers' figures between requests (issue 10 §6): per council, the
// records the figures read and the figures computed from them, kept until the database says the
// council's records changed (`CouncilChanges`, migration 015). Nothing personal beyond what the
// figures already hold in memory while a page is made; the number of councils kept is bounded.
import type { CouncilChanges } from '../data/db.ts';

/** Taken before a read begins; what was read may be kept only if no change came in the meantime. */
export interface Stamp {
  readonly councilId: string;
  readonly generation: number;
}

export interface FiguresCache {
  /**
   * Taken before a request reads anything: waits until every change committed before it is heard
   * (one round trip on PostgreSQL), so nothing kept from before such a change is found after it.
   */
  stamp(councilId: string): Promise<Stamp>;
  /**
   * The stamp for a caller that has just waited for the same round trip through another cache's `stamp`
   * (records.ts: a list takes the facts' stamp, then this), so a request makes it once.
   */
  stampSettled(councilId: string): Stamp;
  /** The value kept under `key` for the stamp's council, if it is still current. */
  get<T>(stamp: Stamp, key: string): T | undefined;
  /** Keeps `value` unless the council changed since the stamp, or the database is not listening. */
  keep<T>(stamp: Stamp, key: string, value: T): T;
  /** The value kept under `key`, or `make()`'s, kept for next time (see `keep`). */
  remember<T>(stamp: Stamp, key: string, make: () => T): T;
  /** How many times a value was found and was made, for the benchmark and tests. */
  readonly counts: { found: number; made: number };
}

export interface FiguresCacheOptions {
  /** Councils kept at once, least recently used dropped first (a large council's facts are tens of MB). */
  readonly councils?: number;
  /** Values kept per council (pages at different dates and scopes), oldest dropped first. */
  readonly valuesPerCouncil?: number;
}

export function figuresCache(changes: CouncilChanges, options: FiguresCacheOptions = {}): FiguresCache {
  const maxCouncils = options.councils ?? 8;
  const maxValues = options.valuesPerCouncil ?? 64;
  /** Bumped for a council on each change to it, and for all on a reset: a stamp from before no longer matches. */
  const generations = new Map<string, number>();
  let epoch = 0;
  /** Insertion order is use order: the first entry is the least recently used council. */
  const kept = new Map<string, { generation: number; values: Map<string, unknown> }>();
  const counts = { found: 0, made: 0 };

  changes.subscribe((councilId, youngPersonId) => {
    // A young person's facts changed: a change the figures read is also heard for the council alone.
    if (youngPersonId !== undefined) return;
    if (councilId === null) {
      epoch += 1;
      kept.clear();
      return;
    }
    const id = councilId.toLowerCase();
    generations.set(id, (generations.get(id) ?? 0) + 1);
    kept.delete(id);
  });
  const current = (id: string) => epoch * 2 ** 26 + (generations.get(id) ?? 0);

  const cache: FiguresCache = {
    counts,
    async stamp(councilId) {
      await changes.settled();
      return cache.stampSettled(councilId);
    },
    stampSettled(councilId) {
      const id = councilId.toLowerCase();
      return { councilId: id, generation: current(id) };
    },
    get<T>(stamp: Stamp, key: string): T | undefined {
      const entry = kept.get(stamp.councilId);
      if (!entry || entry.generation !== stamp.generation || !entry.values.has(key)) return undefined;
      kept.delete(stamp.councilId);
      kept.set(stamp.councilId, entry);
      counts.found += 1;
      return entry.values.get(key) as T;
    },
    keep<T>(stamp: Stamp, key: string, value: T): T {
      if (!changes.live || current(stamp.councilId) !== stamp.generation) return value;
      let entry = kept.get(stamp.councilId);
      if (!entry || entry.generation !== stamp.generation) {
        entry = { generation: stamp.generation, values: new Map() };
        kept.set(stamp.councilId, entry);
        while (kept.size > maxCouncils) kept.delete(kept.keys().next().value as string);
      }
      entry.values.set(key, value);
      while (entry.values.size > maxValues) entry.values.delete(entry.values.keys().next().value as string);
      return value;
    },
    remember<T>(stamp: Stamp, key: string, make: () => T): T {
      const found = cache.get<T>(stamp, key);
      if (found !== undefined) return found;
      counts.made += 1;
      return cache.keep(stamp, key, make());
    },
  };
  return cache;
}
