// The case-file audit checklist (issue 10 §4; Gloucestershire's audit of pathway planning: dip sampling
// and case-file audits against the practice standards). Each item has its wording and, where Pathway's
// own records can answer it, a pure function giving the evidence and a suggested answer. The auditor
// decides: evidence is shown beside the item, never recorded as the answer.
import {
  applicableAreas,
  areaContentOf,
  formatDate,
  hasYoungPersonVoice,
  isClosedAction,
  qualityWarnings,
  type AreaId,
  type PlanVersion,
  type QualityCode,
  type QualityWarning,
} from '../plan/index.ts';
import {
  addMonths,
  birthday,
  compareDates,
  DEFAULT_POLICY,
  type IsoDate,
  type LocalPolicy,
} from '../statutory/index.ts';

export const AUDIT_ANSWERS = ['met', 'partly', 'not_met', 'not_applicable'] as const;
export type AuditAnswer = (typeof AUDIT_ANSWERS)[number];
export const AUDIT_ANSWER_NAMES: Record<AuditAnswer, string> = {
  met: 'Met',
  partly: 'Partly met',
  not_met: 'Not met',
  not_applicable: 'Not applicable',
};

/** What Pathway's records say about one item: a suggested answer (null when they cannot tell) and why. */
export interface Evidence {
  readonly suggested: AuditAnswer | null;
  readonly text: string;
}

/** The sampled plan and the few facts around it the evidence reads. */
export interface CaseFile {
  readonly plan: Pick<
    PlanVersion,
    'approvedOn' | 'context' | 'content' | 'youngPersonSignOff' | 'workerSignature' | 'versionNumber'
  >;
  readonly dateOfBirth: IsoDate;
  /** The day pathway planning began: the first needs assessment or plan on record, or the first review started. */
  readonly planningStartedOn: IsoDate | null;
  /** The first day they were looked after (short breaks aside), if ever. */
  readonly firstLookedAfterOn: IsoDate | null;
  /** Looked after on the day this plan was approved: a personal education plan applies. */
  readonly lookedAfterOnApproval: boolean;
  /** When the plan or review before this one was completed (an earlier version, or the statutory record), if any. */
  readonly previousApprovedOn: IsoDate | null;
  /** The young person has their own Pathway account, so can read their approved plan at any time. */
  readonly hasAccount: boolean;
}

export const AUDIT_ITEM_IDS = [
  'plan-started-before-16',
  'young-persons-voice',
  'contingency',
  'money',
  'health',
  'education-and-pep',
  'work-or-training',
  'contact',
  'reviewed-within-6-months',
  'young-person-has-copy',
  'signed-by-both',
  'smart-actions',
] as const;
export type AuditItemId = (typeof AUDIT_ITEM_IDS)[number];

export interface AuditItem {
  readonly id: AuditItemId;
  /** The question the auditor answers. */
  readonly wording: string;
  /** The practice standard or regulation it comes from. */
  readonly source: string;
  readonly evidence: (file: CaseFile, warnings: readonly QualityWarning[], policy: LocalPolicy) => Evidence;
}

const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim() !== '';
const codes = (warnings: readonly QualityWarning[], ...wanted: QualityCode[]) =>
  warnings.filter((w) => wanted.includes(w.code));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Whether an area says what the need is, what the young person is working towards and what will happen. */
function areaEvidence(file: CaseFile, areaId: AreaId, name: string): Evidence {
  const area = areaContentOf(file.plan.content, areaId);
  const parts = [
    filled(area.assessmentOfNeed) && 'an assessment of need',
    filled(area.goal) && 'a goal',
    (area.actions.some((a) => !isClosedAction(a)) || area.noActionsNeeded) && 'actions',
  ].filter((p): p is string => Boolean(p));
  if (parts.length === 3) return { suggested: 'met', text: `${name}: the plan has ${parts.join(', ')}.` };
  if (parts.length === 0)
    return { suggested: 'not_met', text: `${name}: nothing is written in this part of the plan.` };
  return { suggested: 'partly', text: `${name}: the plan has ${parts.join(' and ')} only.` };
}

const ISSUE = 'Issue 10 §4; Gloucestershire audit: case-file audits against the practice standards';

export const AUDIT_CHECKLIST: readonly AuditItem[] = [
  {
    id: 'plan-started-before-16',
    wording: 'Was pathway planning started before the young person was 16?',
    source: `${ISSUE}; Care Leavers Regs 2010 reg 42 (needs assessment from 15¾)`,
    evidence: (file, _w, policy) => {
      const sixteenth = birthday(file.dateOfBirth, 16, policy.leapDayBirthday);
      if (file.firstLookedAfterOn && compareDates(file.firstLookedAfterOn, sixteenth) >= 0)
        return {
          suggested: 'not_applicable',
          text: `They were first looked after on ${formatDate(file.firstLookedAfterOn)}, after their 16th birthday.`,
        };
      if (!file.planningStartedOn)
        return { suggested: null, text: 'Pathway holds no needs assessment, plan or review for them.' };
      const before = compareDates(file.planningStartedOn, sixteenth) < 0;
      return {
        suggested: before ? 'met' : 'not_met',
        text: `Pathway planning began on ${formatDate(file.planningStartedOn)} (the first needs assessment, plan or review on record); they were 16 on ${formatDate(sixteenth)}.`,
      };
    },
  },
  {
    id: 'young-persons-voice',
    wording: 'Is the young person’s voice clear throughout the plan, in their own words?',
    source: 'Practice tips: My Pathway Plan; My Voice',
    evidence: (file) => {
      const areas = applicableAreas(file.plan.context).filter((a) => a.asks.scales);
      const heard = areas.filter((a) => hasYoungPersonVoice(areaContentOf(file.plan.content, a.id)));
      const missing = areas.filter((a) => !heard.includes(a)).map((a) => a.staffTitle);
      if (missing.length === 0) return { suggested: 'met', text: 'Their own words are in every part of the plan.' };
      return {
        suggested: heard.length === 0 ? 'not_met' : 'partly',
        text: `Their own words are missing from ${plural(missing.length, 'part')}: ${missing.join(', ')}.`,
      };
    },
  },
  {
    id: 'contingency',
    wording: 'Does the contingency plan say when it starts and give real actions, with who and how soon?',
    source: 'Care Leavers Regs 2010 Sch 1 para 4; practice tips: real actions, not “make another plan”',
    evidence: (file, warnings) => {
      const found = codes(
        warnings,
        'contingency_missing_triggers',
        'contingency_missing_actions',
        'contingency_not_a_real_action',
      ).concat(codes(warnings, 'action_missing_who').filter((w) => w.areaId === 'contingency'));
      if (found.length === 0) return { suggested: 'met', text: 'Triggers and actions with who will act are recorded.' };
      const empty = file.plan.content.contingency.actions.length === 0;
      return { suggested: empty ? 'not_met' : 'partly', text: found.map((w) => w.message).join(' ') };
    },
  },
  {
    id: 'money',
    wording: 'Does the plan say what financial support there is and who is responsible for what?',
    source: 'Care Leavers Regs 2010 Sch 1 para 8; practice tips “musts”',
    evidence: (file) =>
      filled(file.plan.content.financialArrangements)
        ? { suggested: 'met', text: 'Financial arrangements are recorded.' }
        : { suggested: 'not_met', text: 'No financial arrangements are recorded.' },
  },
  {
    id: 'health',
    wording: 'Does the plan cover the young person’s health and wellbeing, with actions to meet their needs?',
    source: 'Care Leavers Regs 2010 Sch 1 para 9',
    evidence: (file) => areaEvidence(file, 'health-and-wellbeing', 'Health and wellbeing'),
  },
  {
    id: 'education-and-pep',
    wording:
      'Does the plan cover education and training, and for a looked-after young person use the personal education plan?',
    source: 'Care Leavers Regs 2010 Sch 1 para 2; CPPCR 2010 Sch 8 (personal education plan)',
    evidence: (file) => {
      const e = areaEvidence(file, 'education-and-training', 'Education and training');
      if (!file.lookedAfterOnApproval) return e;
      return {
        suggested: e.suggested,
        text: `${e.text} They were looked after when the plan was approved: check the personal education plan is used.`,
      };
    },
  },
  {
    id: 'work-or-training',
    wording: 'Does the plan say what the young person is doing or working towards in work or training?',
    source: 'Care Leavers Regs 2010 Sch 1 para 3',
    evidence: (file) => areaEvidence(file, 'employment-and-activity', 'Employment and activity'),
  },
  {
    id: 'contact',
    wording: 'Does the plan say who the young person has contact with and support from, and what each person will do?',
    source: 'Care Leavers Regs 2010 Sch 1 para 1; practice tips: identify the roles of each person',
    evidence: (file, warnings) => {
      const found = codes(warnings, 'support_network_missing', 'support_role_missing');
      const people = file.plan.content.supportNetwork.length;
      if (found.length === 0)
        return { suggested: 'met', text: `${plural(people, 'person is', 'people are')} named, each with a part.` };
      return { suggested: people === 0 ? 'not_met' : 'partly', text: found.map((w) => w.message).join(' ') };
    },
  },
  {
    id: 'reviewed-within-6-months',
    wording: 'Was the plan reviewed within 6 months of the one before?',
    source: 'Care Leavers Regs 2010 reg 7(4); CPPCR 2010 reg 33 (reviews at least every 6 months)',
    evidence: (file) => {
      if (!file.previousApprovedOn)
        return { suggested: 'not_applicable', text: 'This is the young person’s first plan.' };
      const due = addMonths(file.previousApprovedOn, 6);
      const onTime = compareDates(file.plan.approvedOn, due) <= 0;
      return {
        suggested: onTime ? 'met' : 'not_met',
        text: `The plan or review before was completed on ${formatDate(file.previousApprovedOn)}; this one was approved on ${formatDate(file.plan.approvedOn)}${onTime ? '' : `, after ${formatDate(due)}`}.`,
      };
    },
  },
  {
    id: 'young-person-has-copy',
    wording: 'Does the young person have a copy of their plan?',
    source: `${ISSUE}; Care Leavers Regs 2010 reg 6(5) (a copy to the young person)`,
    evidence: (file) =>
      file.hasAccount
        ? { suggested: 'met', text: 'They have a Pathway account, so they can read their approved plan at any time.' }
        : {
            suggested: null,
            text: 'They have no Pathway account. Check the case file for a paper copy given to them.',
          },
  },
  {
    id: 'signed-by-both',
    wording: 'Is the plan signed by the young person and by their worker?',
    source: 'Gloucestershire audit: checks that plans are signed by both parties',
    evidence: (file) => {
      const off = file.plan.youngPersonSignOff;
      const youngPersonSigned = off?.kind === 'signed_on_device' || off?.kind === 'signed_on_paper';
      const worker = file.plan.workerSignature !== null;
      if (youngPersonSigned && worker)
        return { suggested: 'met', text: 'Signed by the young person and by the worker.' };
      const young =
        off?.kind === 'disagreement'
          ? 'The young person recorded that they disagree instead of signing.'
          : off?.kind === 'not_signed'
            ? `The young person did not sign: ${off.reason}`
            : youngPersonSigned
              ? 'The young person signed.'
              : 'The young person did not sign.';
      return {
        suggested: youngPersonSigned || worker ? 'partly' : 'not_met',
        text: `${young} ${worker ? 'The worker signed.' : 'The worker did not sign.'}`,
      };
    },
  },
  {
    id: 'smart-actions',
    wording: 'Are the actions SMART: who will do what, how, by when, and how it will help?',
    source: 'Practice tips: SMART plans',
    evidence: (file, warnings) => {
      const found = codes(warnings, 'action_missing_who', 'action_missing_when', 'action_missing_detail').filter(
        (w) => w.areaId !== 'contingency',
      );
      const actions = Object.values(file.plan.content.areas).reduce((n, a) => n + (a?.actions.length ?? 0), 0);
      if (actions === 0) return { suggested: 'not_met', text: 'The plan has no actions.' };
      if (found.length === 0)
        return {
          suggested: 'met',
          text: `All ${plural(actions, 'action')} say who, what, how, when and how it will help.`,
        };
      const short = new Set(found.map((w) => w.actionId)).size;
      return {
        suggested: short === actions ? 'not_met' : 'partly',
        text: `${plural(short, 'action')} of ${actions} ${short === 1 ? 'is' : 'are'} missing something: ${found.map((w) => w.message).join(' ')}`,
      };
    },
  },
];

/** The evidence for every item, in checklist order. The quality checks run as at the approval date. */
export function checklistEvidence(file: CaseFile, policy: LocalPolicy = DEFAULT_POLICY): Record<AuditItemId, Evidence> {
  const warnings = qualityWarnings(file.plan.content, file.plan.context, file.plan.approvedOn);
  return Object.fromEntries(AUDIT_CHECKLIST.map((item) => [item.id, item.evidence(file, warnings, policy)])) as Record<
    AuditItemId,
    Evidence
  >;
}
