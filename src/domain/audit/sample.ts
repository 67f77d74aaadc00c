// Dip sampling (issue 10 §4): a service manager draws N approved plans at random from a team, a period
// and a statutory category. The draw is a pure function of the population and a recorded seed, so the
// same seed over the same records always gives the same sample, and anyone can check it afterwards.
import { seededRandom } from '../random.ts';
import { compareDates, type CareLeaverCategory, type IsoDate } from '../statutory/index.ts';

/** An approved plan version that may be sampled, with the facts the filters read. */
export interface SampleCandidate {
  readonly planVersionId: string;
  readonly youngPersonId: string;
  readonly version: number;
  readonly approvedOn: IsoDate;
  /** The team that held the case on the day the plan was approved. */
  readonly teamId: string | null;
  /** The statutory category on the day the plan was approved. */
  readonly category: CareLeaverCategory;
}

export interface SampleFilters {
  /** null: every team. */
  readonly teamId: string | null;
  /** Approved on or after `from` and on or before `to` (both inclusive). */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** null: every category. */
  readonly category: CareLeaverCategory | null;
}

export const MAX_SAMPLE_SIZE = 100;
/** Seeds are whole numbers the generator takes exactly (32 bits). */
export const MAX_SEED = 4294967295;

export function isSeed(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_SEED;
}

/** Stable order: the draw must not depend on the order the database returned the rows in. */
const byKey = (a: SampleCandidate, b: SampleCandidate) =>
  a.youngPersonId < b.youngPersonId ? -1 : a.youngPersonId > b.youngPersonId ? 1 : a.version - b.version;

/**
 * The plans in scope: approved in the period, in the team and category then; one per young person,
 * their latest approved version in the period (an audit reads the plan as it now stands, not its history).
 */
export function samplePopulation(candidates: readonly SampleCandidate[], filters: SampleFilters): SampleCandidate[] {
  const latest = new Map<string, SampleCandidate>();
  for (const c of candidates) {
    if (compareDates(c.approvedOn, filters.from) < 0 || compareDates(c.approvedOn, filters.to) > 0) continue;
    if (filters.teamId !== null && c.teamId !== filters.teamId) continue;
    if (filters.category !== null && c.category !== filters.category) continue;
    const held = latest.get(c.youngPersonId);
    if (!held || c.version > held.version) latest.set(c.youngPersonId, c);
  }
  return [...latest.values()].sort(byKey);
}

/**
 * Draws `size` plans from the population with the seed: a Fisher–Yates shuffle of the sorted
 * population, stopped after `size` places. Asking for more than there are gives them all.
 * The sample keeps the order it was drawn in.
 */
export function drawSample(
  candidates: readonly SampleCandidate[],
  filters: SampleFilters,
  size: number,
  seed: number,
): SampleCandidate[] {
  if (!isSeed(seed)) throw new RangeError(`seed must be a whole number from 0 to ${MAX_SEED}`);
  const pool = samplePopulation(candidates, filters);
  const random = seededRandom(seed);
  const n = Math.max(0, Math.min(Math.floor(size), pool.length));
  for (let i = 0; i < n; i++) {
    const j = random.int(i, pool.length - 1);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}

/** The draw form as typed; the dates already read from their GOV.UK date inputs. */
export type DrawInput = {
  teamId: string;
  from: { value: IsoDate | null; error: string | null };
  to: { value: IsoDate | null; error: string | null };
  category: string;
  size: string;
  seed: string;
};

export type ValidDraw = { filters: SampleFilters; size: number; seed: number | null };

const WHOLE = /^\s*\d+\s*$/;

/**
 * Checks the draw form. The team and category may be left as "all"; the period is required, no later than
 * today and the right way round; N is 1 to 100; the seed is optional (the service picks and records one).
 */
export function checkDraw(
  input: DrawInput,
  teamIds: readonly string[],
  categories: readonly CareLeaverCategory[],
  today: IsoDate,
): { ok: true; value: ValidDraw } | { ok: false; fieldErrors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (input.teamId && !teamIds.includes(input.teamId)) errors.teamId = 'Select a team, or all teams';
  if (input.category && !(categories as readonly string[]).includes(input.category))
    errors.category = 'Select a category, or all categories';
  const from = input.from.value;
  const to = input.to.value;
  if (!from) errors.from = input.from.error ?? 'Enter the first day of the period';
  if (!to) errors.to = input.to.error ?? 'Enter the last day of the period';
  else if (compareDates(to, today) > 0) errors.to = 'The last day of the period must be today or in the past';
  if (from && to && !errors.to && compareDates(from, to) > 0)
    errors.to = 'The last day of the period must be the same as or after the first day';
  const size = Number(input.size);
  if (!input.size.trim()) errors.size = 'Enter how many plans to sample';
  else if (!WHOLE.test(input.size) || size < 1 || size > MAX_SAMPLE_SIZE)
    errors.size = `How many plans must be a whole number from 1 to ${MAX_SAMPLE_SIZE}`;
  const seed = input.seed.trim() ? Number(input.seed) : null;
  if (seed !== null && (!WHOLE.test(input.seed) || !isSeed(seed)))
    errors.seed = `The seed must be a whole number from 0 to ${MAX_SEED}, or left empty`;
  if (Object.keys(errors).length || !from || !to) return { ok: false, fieldErrors: errors };
  return {
    ok: true,
    value: {
      filters: {
        teamId: input.teamId || null,
        from,
        to,
        category: (input.category || null) as CareLeaverCategory | null,
      },
      size,
      seed,
    },
  };
}
