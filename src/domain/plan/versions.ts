// Plan versions: each approved plan is kept as it was approved; the next review starts from
// it; "progress since last review" is the difference between two versions; closed actions
// leave the live plan but stay in history (DESIGN.md, the review cycle; practice tips:
// "show progress since the last Pathway Plan review, but don't keep in historical actions
// that have been completed").
import type { IsoDate } from '../statutory/dates.ts';
import { AREAS, applicableAreas, type AreaDefinition, type AreaId, type PlanContext } from './areas.ts';
import {
  areaContentOf,
  emptyAreaContent,
  isClosedAction,
  type AreaContent,
  type ContingencyAction,
  type Participation,
  type PlanContent,
  type Scale,
  type SmartAction,
} from './content.ts';
import type { Approval, Review, WorkerSignature, YoungPersonSignOff } from './review-machine.ts';

/** An approved plan, exactly as it was approved. Frozen: nothing may change it. */
export interface PlanVersion {
  reviewId: string;
  youngPersonId: string;
  versionNumber: number;
  approvedOn: IsoDate;
  context: PlanContext;
  content: PlanContent;
  participation: Participation | null;
  youngPersonSignOff: YoungPersonSignOff | null;
  workerSignature: WorkerSignature | null;
  approval: Approval;
}

/** The least a stored version needs for history and comparison. */
export type VersionLike = Pick<PlanVersion, 'versionNumber' | 'approvedOn' | 'content'>;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The immutable version of an approved review; null when the review is not approved. */
export function approvedVersion(review: Review, versionNumber: number): PlanVersion | null {
  if (review.state !== 'approved' || !review.approval) return null;
  return deepFreeze(
    structuredClone({
      reviewId: review.id,
      youngPersonId: review.youngPersonId,
      versionNumber,
      approvedOn: review.approval.on,
      context: review.context,
      content: review.content,
      participation: review.participation,
      youngPersonSignOff: review.youngPersonSignOff,
      workerSignature: review.workerSignature,
      approval: review.approval,
    }),
  );
}

// ---------------------------------------------------------------------------
// Starting the next review

/**
 * Answered afresh at every review: scales, the outcomes form (assessment of need and
 * progress) and "no actions needed". Goals, the young person's words, open actions,
 * the support network, money, contingency and suitability answers are kept as a
 * starting point; the previous version stays available to show what was said last time.
 */
export const FIELDS_ANSWERED_AFRESH = [
  'youngPersonScale',
  'workerScale',
  'scaleNotGivenReason',
  'assessmentOfNeed',
  'progressSinceLastReview',
  'noActionsNeeded',
  'noActionsReason',
] as const satisfies readonly (keyof AreaContent)[];

/** The next review's starting content, from the last approved plan. */
export function prefillNextReview(approved: Pick<PlanVersion, 'content'>): PlanContent {
  const previous = structuredClone(approved.content);
  const areas: PlanContent['areas'] = {};
  const blank = emptyAreaContent();
  const afresh = Object.fromEntries(
    FIELDS_ANSWERED_AFRESH.map((field) => [field, blank[field]]),
  ) as Partial<AreaContent>;
  for (const [id, area] of Object.entries(previous.areas) as [AreaId, AreaContent | undefined][]) {
    if (!area) continue;
    areas[id] = { ...area, ...afresh, actions: area.actions.filter((a) => !isClosedAction(a)) };
  }
  // The reg 42(2) considerations belong to the first needs assessment only.
  return { ...previous, areas, needsAssessmentConsiderations: {} };
}

// ---------------------------------------------------------------------------
// Progress since the last review

export type ScaleDirection = 'better' | 'worse' | 'same' | 'not_comparable';

export interface ScaleChange {
  before: Scale;
  after: Scale;
  /** after − before; null when either is missing. */
  change: number | null;
  direction: ScaleDirection;
}

export interface AreaProgress {
  areaId: AreaId;
  staffTitle: string;
  youngPersonTitle: string;
  youngPersonScale: ScaleChange;
  workerScale: ScaleChange;
  goal: { changed: boolean; before: string; after: string };
  /** Done since the last review. */
  actionsCompleted: SmartAction[];
  actionsNoLongerNeeded: SmartAction[];
  /** Added since the last review and still open. */
  actionsAdded: SmartAction[];
  /** Open then and open now. */
  actionsCarriedForward: SmartAction[];
  /** Open last time and gone now without being closed: a manager will want to know why. */
  actionsRemoved: SmartAction[];
  changed: boolean;
}

export interface ContingencyProgress {
  triggersAdded: string[];
  triggersRemoved: string[];
  actionsAdded: ContingencyAction[];
  actionsRemoved: ContingencyAction[];
  changed: boolean;
}

export interface PlanProgress {
  areas: AreaProgress[];
  contingency: ContingencyProgress;
}

export function compareScales(before: Scale, after: Scale): ScaleChange {
  if (before === null || after === null) return { before, after, change: null, direction: 'not_comparable' };
  const change = after - before;
  return { before, after, change, direction: change > 0 ? 'better' : change < 0 ? 'worse' : 'same' };
}

function areaProgressBetween(def: AreaDefinition, previous: AreaContent, current: AreaContent): AreaProgress {
  const before = new Map(previous.actions.map((a) => [a.id, a]));
  const nowIds = new Set(current.actions.map((a) => a.id));
  const wasClosedAs = (a: SmartAction) => before.get(a.id)?.status;
  const actionsCompleted = current.actions.filter((a) => a.status === 'done' && wasClosedAs(a) !== 'done');
  const actionsNoLongerNeeded = current.actions.filter(
    (a) => a.status === 'no_longer_needed' && wasClosedAs(a) !== 'no_longer_needed',
  );
  const actionsAdded = current.actions.filter((a) => !before.has(a.id) && !isClosedAction(a));
  const actionsCarriedForward = current.actions.filter(
    (a) => before.has(a.id) && !isClosedAction(a) && !isClosedAction(before.get(a.id)!),
  );
  const actionsRemoved = previous.actions.filter((a) => !nowIds.has(a.id) && !isClosedAction(a));
  const goal = { before: previous.goal, after: current.goal, changed: previous.goal.trim() !== current.goal.trim() };
  const youngPersonScale = compareScales(previous.youngPersonScale, current.youngPersonScale);
  const workerScale = compareScales(previous.workerScale, current.workerScale);
  const reopened = current.actions.some(
    (a) => before.has(a.id) && isClosedAction(before.get(a.id)!) && !isClosedAction(a),
  );
  const changed =
    goal.changed ||
    youngPersonScale.before !== youngPersonScale.after ||
    workerScale.before !== workerScale.after ||
    actionsCompleted.length + actionsNoLongerNeeded.length + actionsAdded.length + actionsRemoved.length > 0 ||
    reopened;
  return {
    areaId: def.id,
    staffTitle: def.staffTitle,
    youngPersonTitle: def.youngPersonTitle,
    youngPersonScale,
    workerScale,
    goal,
    actionsCompleted,
    actionsNoLongerNeeded,
    actionsAdded,
    actionsCarriedForward,
    actionsRemoved,
    changed,
  };
}

/**
 * Area by area, what changed between the last approved plan and this one. With a context,
 * the areas in this young person's plan; without, every area either version has content for.
 * The contingency plan (no scales, goal or SMART actions) is compared on its own.
 */
export function progressSinceLastReview(
  previous: PlanContent,
  current: PlanContent,
  context?: Pick<PlanContext, 'uasc'>,
): PlanProgress {
  const defs = context ? applicableAreas(context) : AREAS.filter((a) => previous.areas[a.id] || current.areas[a.id]);
  const areas = defs
    .filter((d) => d.asks.scales || d.asks.actions)
    .map((d) => areaProgressBetween(d, areaContentOf(previous, d.id), areaContentOf(current, d.id)));
  const norm = (s: string) => s.trim();
  const beforeTriggers = new Set(previous.contingency.triggers.map(norm));
  const nowTriggers = new Set(current.contingency.triggers.map(norm));
  const beforeActions = new Set(previous.contingency.actions.map((a) => a.id));
  const nowActions = new Set(current.contingency.actions.map((a) => a.id));
  const contingency: ContingencyProgress = {
    triggersAdded: [...nowTriggers].filter((t) => !beforeTriggers.has(t)),
    triggersRemoved: [...beforeTriggers].filter((t) => !nowTriggers.has(t)),
    actionsAdded: current.contingency.actions.filter((a) => !beforeActions.has(a.id)),
    actionsRemoved: previous.contingency.actions.filter((a) => !nowActions.has(a.id)),
    changed: false,
  };
  contingency.changed =
    contingency.triggersAdded.length +
      contingency.triggersRemoved.length +
      contingency.actionsAdded.length +
      contingency.actionsRemoved.length >
    0;
  return { areas, contingency };
}

// ---------------------------------------------------------------------------
// History of closed actions

export interface ClosedActionRecord {
  areaId: AreaId;
  action: SmartAction;
  status: 'done' | 'no_longer_needed';
  /** The first approved version that showed it closed. */
  versionNumber: number;
  approvedOn: IsoDate;
}

/** Every action closed in any version, once, oldest version first and in plan order within a version. */
export function completedActionsHistory(versions: readonly VersionLike[]): ClosedActionRecord[] {
  const seen = new Set<string>();
  const history: ClosedActionRecord[] = [];
  for (const version of [...versions].sort((a, b) => a.versionNumber - b.versionNumber)) {
    for (const def of AREAS) {
      for (const action of version.content.areas[def.id]?.actions ?? []) {
        if (!isClosedAction(action) || seen.has(action.id)) continue;
        seen.add(action.id);
        history.push({
          areaId: def.id,
          action,
          status: action.status as 'done' | 'no_longer_needed',
          versionNumber: version.versionNumber,
          approvedOn: version.approvedOn,
        });
      }
    }
  }
  return history;
}
