// What a process keeps of young people's statutory facts between requests (issue 9): the text that
// `factsJson` reads for each young person, per council, until the database says that young person's
// facts changed (`CouncilChanges` with a young person's id, migration 024). A list page then reads
// only its rows, and the facts of the young people a change touched, instead of every young person's
// care history, work done and review triggers on every request.
//
// The facts are read inside the request's transaction, under row-level security, for young people
// the list query (also under it) found; what is kept is looked up by the council and those ids, so
// nothing kept reaches a list that could not have read it.
import type { CouncilChanges } from '../data/db.ts';
import type { Stamp } from './figures-cache.ts';

export interface FactsKept {
  /** Taken before a request reads anything (see `FiguresCache.stamp`). */
  stamp(councilId: string): Promise<Stamp>;
  /** The facts kept for these young people, and the ids whose facts must be read. */
  take(stamp: Stamp, ids: readonly string[]): { found: Map<string, string>; missing: string[] };
  /** Keeps facts read under the stamp, unless a change to the council was heard since it was taken. */
  keep(stamp: Stamp, read: readonly { id: string; facts: string }[]): void;
  /** How many young people's facts were found kept and read, for the benchmark and tests. */
  readonly counts: { found: number; read: number };
}

export interface FactsKeptOptions {
  /** Councils kept at once, least recently used dropped first. */
  readonly councils?: number;
  /** Young people kept per council; when full, the council's facts are dropped and kept afresh. */
  readonly perCouncil?: number;
}

export function factsKept(changes: CouncilChanges, options: FactsKeptOptions = {}): FactsKept {
  const maxCouncils = options.councils ?? 64;
  const perCouncil = options.perCouncil ?? 50_000;
  /** Bumped for a council on each young person's change, and for all on a reset. */
  const generations = new Map<string, number>();
  let epoch = 0;
  /** Insertion order is use order: the first entry is the least recently used council. */
  const kept = new Map<string, Map<string, string>>();
  const counts = { found: 0, read: 0 };

  changes.subscribe((councilId, youngPersonId) => {
    if (councilId === null) {
      epoch += 1;
      kept.clear();
      return;
    }
    if (youngPersonId === undefined) return;
    const id = councilId.toLowerCase();
    generations.set(id, (generations.get(id) ?? 0) + 1);
    kept.get(id)?.delete(youngPersonId.toLowerCase());
  });
  const current = (id: string) => epoch * 2 ** 26 + (generations.get(id) ?? 0);

  return {
    counts,
    async stamp(councilId) {
      await changes.settled();
      const id = councilId.toLowerCase();
      return { councilId: id, generation: current(id) };
    },
    take(stamp, ids) {
      const found = new Map<string, string>();
      const missing: string[] = [];
      const council = changes.live ? kept.get(stamp.councilId) : undefined;
      if (council) {
        kept.delete(stamp.councilId);
        kept.set(stamp.councilId, council);
      }
      for (const id of ids) {
        const facts = council?.get(id);
        if (facts === undefined) missing.push(id);
        else found.set(id, facts);
      }
      counts.found += found.size;
      counts.read += missing.length;
      return { found, missing };
    },
    keep(stamp, read) {
      // A change heard since the stamp may be one these facts were read before: keep none of them.
      if (read.length === 0 || !changes.live || current(stamp.councilId) !== stamp.generation) return;
      let council = kept.get(stamp.councilId);
      if (!council || council.size + read.length > perCouncil) {
        council = new Map();
        kept.set(stamp.councilId, council);
        while (kept.size > maxCouncils) kept.delete(kept.keys().next().value as string);
      }
      for (const r of read) council.set(r.id, r.facts);
    },
  };
}
