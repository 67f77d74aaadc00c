// Quality checks from the councils' practice tips (what good and inadequate plans look like),
// as plain-language warnings for the worker before signing and for the manager approving.
// Warnings do not block: completeness (content.ts) and the review machine do that.
import { compareDates, isIsoDate, parseIsoDate, type IsoDate } from '../statutory/dates.ts';
import { applicableAreas, type AreaId, type PlanContext } from './areas.ts';
import {
  areaContentOf,
  hasYoungPersonVoice,
  isClosedAction,
  judgeSuitability,
  type ActionOwner,
  type PlanContent,
} from './content.ts';

export type QualityCode =
  | 'action_missing_who'
  | 'action_missing_when'
  | 'action_missing_detail'
  | 'action_date_passed'
  | 'contingency_not_a_real_action'
  | 'contingency_missing_triggers'
  | 'contingency_missing_actions'
  | 'young_person_voice_missing'
  | 'goal_missing'
  | 'need_without_action'
  | 'jargon'
  | 'unsuitable_accommodation_without_action'
  | 'support_network_missing'
  | 'support_role_missing'
  | 'financial_arrangements_missing';

export interface QualityWarning {
  code: QualityCode;
  areaId: AreaId | null;
  actionId?: string;
  message: string;
  /** The practice standard or regulation the check comes from. */
  source: string;
}

export const SOURCES = {
  smart: 'Practice tips: SMART plans — who will do what, how, by when and how will this help',
  timely: 'Practice tips: SMART plans — plans must be made in time and reviewed in time',
  contingency: 'Care Leavers Regs 2010 Sch 1 para 4; practice tips: real actions, not “make another plan”',
  voice: 'Practice tips: My Pathway Plan; My Voice — the young person’s voice must be evident throughout',
  goal: 'Practice tips: a clear statement in each section of what the young person is working towards or sustaining',
  needNotMet: 'Practice tips: what inadequate looks like — plans identify the need but not how to meet it',
  plainLanguage: 'Practice tips: always use plain language and no jargon',
  accommodation: 'Care Leavers Regs 2010 reg 9 and Sch 2 — suitable accommodation',
  roles: 'Care Leavers Regs 2010 Sch 1 para 1; practice tips: identify the roles of each person',
  money: 'Care Leavers Regs 2010 Sch 1 para 8; practice tips “musts”: details of financial responsibilities',
} as const;

/** Phrases that put off the decision instead of saying what will happen (practice tips). */
export const NOT_REAL_ACTION_PATTERNS: readonly RegExp[] = [
  /\b(make|write|draw up|do|agree|complete)\s+(another|a new|a further|a different)\s+plan\b/i,
  /\bnew plan\b/i,
  /\breview (the|this|my) plan\b/i,
  /\bre-?assess\b/i,
  /\bto be (discussed|decided|confirmed|agreed)\b/i,
  /\btbc\b/i,
];

/** Abbreviations the young person should not have to decode (practice tips; issue: never "LA", "PWP", "LAC"). */
export const JARGON_TERMS: readonly string[] = [
  'LA',
  'PWP',
  'LAC',
  'CLA',
  'CiC',
  'YP',
  'PA',
  'SW',
  'TM',
  'IRO',
  'UASC',
  'NEET',
  'EET',
  'PEP',
  'SGO',
];

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** GOV.UK date style: 3 March 2026. */
export function formatDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim() !== '';
const quote = (s: string) => {
  const t = s.trim().replace(/\s+/g, ' ');
  return `‘${t.length > 60 ? `${t.slice(0, 57)}…` : t}’`;
};
const ownerMissing = (who: ActionOwner | undefined) => !who?.kind || (who.kind === 'other' && !filled(who.name));

export function jargonIn(text: string): string[] {
  return JARGON_TERMS.filter((term) => new RegExp(`(^|[^A-Za-z])${term}([^A-Za-z]|$)`).test(text));
}

export function isNotARealAction(text: string): boolean {
  return NOT_REAL_ACTION_PATTERNS.some((p) => p.test(text));
}

/** Every warning for this plan, plan-wide ones first, then area by area in plan order. */
export function qualityWarnings(content: PlanContent, context: PlanContext, today: IsoDate): QualityWarning[] {
  const warnings: QualityWarning[] = [];
  const add = (w: QualityWarning) => warnings.push(w);
  const areas = applicableAreas(context);

  if (content.supportNetwork.length === 0) {
    add({
      code: 'support_network_missing',
      areaId: 'contact-and-support',
      message: 'No one is named as supporting the young person. Say who they are and what each person will do.',
      source: SOURCES.roles,
    });
  }
  for (const person of content.supportNetwork) {
    if (!filled(person.roleInPlan))
      add({
        code: 'support_role_missing',
        areaId: 'contact-and-support',
        message: `${person.name || 'A person'} in the support network has no part in the plan. Say what they will do.`,
        source: SOURCES.roles,
      });
  }
  if (!filled(content.financialArrangements)) {
    add({
      code: 'financial_arrangements_missing',
      areaId: 'financial-support',
      message: 'The plan does not say what financial support there is or who is responsible for what.',
      source: SOURCES.money,
    });
  }

  for (const def of areas) {
    const area = areaContentOf(content, def.id);
    const title = def.staffTitle;

    if (def.special === 'contingency') {
      const c = content.contingency;
      if (c.triggers.filter(filled).length === 0)
        add({
          code: 'contingency_missing_triggers',
          areaId: def.id,
          message: 'The contingency plan does not say in what circumstances it will start.',
          source: SOURCES.contingency,
        });
      if (c.actions.length === 0)
        add({
          code: 'contingency_missing_actions',
          areaId: def.id,
          message: 'The contingency plan has no actions. Say what will happen if something goes wrong.',
          source: SOURCES.contingency,
        });
      for (const action of c.actions) {
        if (isNotARealAction(`${action.what} ${action.how}`)) {
          add({
            code: 'contingency_not_a_real_action',
            areaId: def.id,
            actionId: action.id,
            message: `Contingency plan: ${quote(action.what)} is not a real action. Say what will actually happen, who will do it and how soon.`,
            source: SOURCES.contingency,
          });
        }
        if (ownerMissing(action.who))
          add({
            code: 'action_missing_who',
            areaId: def.id,
            actionId: action.id,
            message: `Contingency plan: ${quote(action.what)} does not say who will do it.`,
            source: SOURCES.contingency,
          });
      }
      const terms = jargonIn(
        [...c.triggers, ...c.actions.flatMap((a) => [a.circumstance, a.what, a.how, a.howSoon])].join(' \n '),
      );
      if (terms.length)
        add({
          code: 'jargon',
          areaId: def.id,
          message: `Contingency plan: use plain words instead of ${terms.map((t) => `‘${t}’`).join(', ')}. The young person reads this plan.`,
          source: SOURCES.plainLanguage,
        });
      continue;
    }

    if (def.asks.scales && !hasYoungPersonVoice(area)) {
      add({
        code: 'young_person_voice_missing',
        areaId: def.id,
        message: `${title}: the young person’s own words are missing.`,
        source: SOURCES.voice,
      });
    }
    if (def.asks.goal && !filled(area.goal)) {
      add({
        code: 'goal_missing',
        areaId: def.id,
        message: `${title}: there is no statement of what the young person is working towards or sustaining.`,
        source: SOURCES.goal,
      });
    }
    const openActions = area.actions.filter((a) => !isClosedAction(a));
    if (def.asks.actions && filled(area.assessmentOfNeed) && openActions.length === 0 && !area.noActionsNeeded) {
      add({
        code: 'need_without_action',
        areaId: def.id,
        message: `${title}: a need is assessed but no action says how it will be met.`,
        source: SOURCES.needNotMet,
      });
    }
    for (const action of area.actions) {
      const label = filled(action.what) ? quote(action.what) : 'An action';
      if (!filled(action.what) || !filled(action.how) || !filled(action.howItHelps)) {
        const gaps = [
          !filled(action.what) && 'what will be done',
          !filled(action.how) && 'how',
          !filled(action.howItHelps) && 'how it will help',
        ]
          .filter(Boolean)
          .join(', ');
        add({
          code: 'action_missing_detail',
          areaId: def.id,
          actionId: action.id,
          message: `${title}: ${label} does not say ${gaps}.`,
          source: SOURCES.smart,
        });
      }
      if (ownerMissing(action.who))
        add({
          code: 'action_missing_who',
          areaId: def.id,
          actionId: action.id,
          message: `${title}: ${label} does not say who will do it.`,
          source: SOURCES.smart,
        });
      if (!isIsoDate(action.byWhen))
        add({
          code: 'action_missing_when',
          areaId: def.id,
          actionId: action.id,
          message: `${title}: ${label} does not say by when.`,
          source: SOURCES.smart,
        });
      else if (!isClosedAction(action) && compareDates(action.byWhen, today) < 0) {
        add({
          code: 'action_date_passed',
          areaId: def.id,
          actionId: action.id,
          message: `${title}: ${label} was due by ${formatDate(action.byWhen)} and is not done. Update the date or the status.`,
          source: SOURCES.timely,
        });
      }
    }
    if (
      def.special === 'suitability' &&
      judgeSuitability(content.accommodationSuitability).judgement === 'not_suitable' &&
      openActions.length === 0
    ) {
      add({
        code: 'unsuitable_accommodation_without_action',
        areaId: def.id,
        message: `${title}: the accommodation is not suitable but no action says what will change.`,
        source: SOURCES.accommodation,
      });
    }
    const texts = [
      area.assessmentOfNeed,
      area.progressSinceLastReview,
      area.goal,
      area.noActionsReason,
      ...area.actions.flatMap((a) => [a.what, a.how, a.howItHelps]),
    ];
    if (def.special === 'immigration-outcomes')
      texts.push(...Object.values(content.immigrationOutcomes).filter((t): t is string => typeof t === 'string'));
    if (def.special === 'financial-arrangements') texts.push(content.financialArrangements);
    if (def.special === 'support-network') texts.push(...content.supportNetwork.map((p) => p.roleInPlan));
    const terms = jargonIn(texts.join(' \n '));
    if (terms.length)
      add({
        code: 'jargon',
        areaId: def.id,
        message: `${title}: use plain words instead of ${terms.map((t) => `‘${t}’`).join(', ')}. The young person reads this plan.`,
        source: SOURCES.plainLanguage,
      });
  }
  return warnings;
}
