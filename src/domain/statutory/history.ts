// A young person's statutory timeline for their record page: what has happened, oldest first.
// Pure: built from their status, care episodes, completed work and review triggers.
import { compareDates, type IsoDate } from './dates.ts';
import type { CareLeaverStatus } from './status.ts';
import { RULES } from './rules.ts';
import { formatDate } from '../plan/quality.ts';
import { codeName, LEGAL_STATUS_NAMES, REASON_ENDED_NAMES } from '../codes.ts';

export type HistoryEvent = { on: IsoDate; what: string; detail: string | null; rule: string | null };

export const WORK_NAMES: Record<string, string> = {
  needs_assessment: 'Needs assessment completed',
  pathway_plan: 'Pathway plan agreed',
  review: 'Pathway plan reviewed',
  accommodation_review: 'Accommodation review held',
  adviser_visit: 'Personal adviser visited',
};

export const TRIGGER_NAMES: Record<string, string> = {
  accommodation_move: 'Moved home',
  accommodation_at_risk: 'At risk of losing their home',
  custody_entry: 'Went into custody',
  custody_release: 'Released from custody',
  became_parent: 'Became a parent',
  child_protection_concern: 'Child protection concern for their child',
  education_or_work_change: 'Change of education or work',
  immigration_decision: 'Immigration decision',
  young_person_request: 'Asked for a review',
  adviser_request: 'Adviser asked for a review',
  other_change: 'Other significant change',
};

type Inputs = {
  status: CareLeaverStatus;
  asOf: IsoDate;
  episodes: readonly {
    startDate: IsoDate;
    endDate: IsoDate | null;
    reasonNewEpisode: string | null;
    reasonEnded: string | null;
    legalStatus: string;
  }[];
  records: readonly { kind: string; completedOn: IsoDate; notes: string | null; by: string | null }[];
  triggers: readonly { kind: string; occurredOn: IsoDate; raisedOn: IsoDate; description: string }[];
};

export function statutoryHistory({ status, asOf, episodes, records, triggers }: Inputs): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const past = (d: IsoDate | null): d is IsoDate => d !== null && compareDates(d, asOf) <= 0;
  for (const [i, e] of episodes.entries()) {
    const continues = i > 0 && episodes[i - 1].endDate === e.startDate;
    events.push({
      on: e.startDate,
      what: continues ? 'Placement changed' : 'Started being looked after',
      detail: codeName(LEGAL_STATUS_NAMES, e.legalStatus),
      rule: null,
    });
    if (e.endDate && past(e.endDate) && e.reasonEnded !== 'X1')
      events.push({
        on: e.endDate,
        what: 'Stopped being looked after',
        detail: e.reasonEnded ? codeName(REASON_ENDED_NAMES, e.reasonEnded) : null,
        rule: null,
      });
  }
  const b = status.birthdays;
  for (const [age, on] of [
    [16, b.b16],
    [18, b.b18],
    [21, b.b21],
    [25, b.b25],
  ] as const) {
    if (past(on)) events.push({ on, what: `Turned ${age}`, detail: null, rule: null });
  }
  if (past(status.eligibleFrom) && !status.eligibleFromIsProjected)
    events.push({ on: status.eligibleFrom, what: 'Became an eligible child', detail: null, rule: RULES.CPPCR_REG40 });
  if (past(status.relevantFrom))
    events.push({
      on: status.relevantFrom,
      what: 'Became a relevant child',
      detail: null,
      rule: status.route === 'REG3_DETENTION' ? RULES.REG3_DETENTION : RULES.S23A,
    });
  if (
    past(status.formerRelevantFrom) &&
    ['FORMER_RELEVANT', 'FORMER_RELEVANT_21_TO_25', 'NONE'].includes(status.category)
  ) {
    events.push({
      on: status.formerRelevantFrom,
      what: 'Became a former relevant care leaver',
      detail: null,
      rule: status.route === 'S23C_1B' ? RULES.S23C_1B : RULES.S23C_1A,
    });
  }
  for (const r of records)
    events.push({
      on: r.completedOn,
      what: WORK_NAMES[r.kind] ?? r.kind,
      detail: [r.notes, r.by ? `Recorded by ${r.by}` : null].filter(Boolean).join('. ') || null,
      rule: null,
    });
  for (const t of triggers) {
    events.push({
      on: t.raisedOn,
      what: TRIGGER_NAMES[t.kind] ?? t.kind,
      detail: `${t.description}${t.occurredOn !== t.raisedOn ? ` (happened ${formatDate(t.occurredOn)})` : ''}`,
      rule: 'Care Leavers (England) Regs 2010 reg 7 — brings the next review forward',
    });
  }
  return events.sort((x, y) => compareDates(x.on, y.on));
}
