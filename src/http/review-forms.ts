// Turns review form posts into plan content, field by field, with GOV.UK error messages keyed by
// the field's id. The content's rules are the domain's schemas (domain/plan/content.ts).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  areaContentOf,
  emptyAdultServices,
  contingencyActionSchema,
  scaleSchema,
  smartActionSchema,
  supportPersonSchema,
  SUITABILITY_CHECKS,
  SUITABILITY_ANSWERS,
  IMMIGRATION_OUTCOMES,
  type AreaContent,
  type AreaDefinition,
  type ContingencyAction,
  type PlanContent,
  type SmartAction,
  type SupportPerson,
  keptBothFields,
  type EditEffects,
} from '../domain/plan/index.ts';
import { dateField, dateParts, text, toFormErrors } from './forms.ts';
import { translatorIn, type Translate } from './i18n.ts';

export type FieldErrors = Record<string, string>;

/** Schema paths whose form field has another id: "who will do it" is one select and one text box. */
const FIELD_IDS: Record<string, string> = { 'who-kind': 'whoKind', 'who-name': 'whoName' };

/** Each issue once, under the id of the field on the page, so the error summary links to it. */
const issuesInto = (errors: FieldErrors, prefix: string, result: { success: boolean; error?: z.ZodError }) => {
  if (result.success || !result.error) return;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('-');
    const id = [prefix, FIELD_IDS[path] ?? path].filter(Boolean).join('-');
    errors[id] ??= issue.message;
  }
};

/** How many rows of a repeating group were posted (existing ones plus one blank to add another). */
const rowCount = (body: unknown, name: string) => Math.min(Number(text(body, `${name}-count`)) || 0, 50);
const blank = (...values: string[]) => values.every((v) => v.trim() === '');

/** The young person's own words and scale for an area; `say` gives the errors in the young person's language. */
export function youngPersonPartFrom(body: unknown, errors: FieldErrors, say: Translate = translatorIn()) {
  const words = {
    goingWell: text(body, 'goingWell').trim(),
    worries: text(body, 'worries').trim(),
    wants: text(body, 'wants').trim(),
    disagreement: text(body, 'disagreement').trim(),
  };
  for (const [k, v] of Object.entries(words)) if (v.length > 2000) errors[k] = say('plan.errors.tooLong');
  const scale = scaleSchema.safeParse(text(body, 'youngPersonScale'));
  // One message for every way a scale is wrong (domain/plan/content.ts MESSAGES.scale), in their words.
  if (!scale.success) errors.youngPersonScale = say('plan.errors.scale');
  return { words, scale: scale.success ? scale.data : null, rawScale: text(body, 'youngPersonScale') };
}

/** A worker's whole area page: both parts, the actions, and the area's special part. */
export function areaFromForm(
  body: unknown,
  content: PlanContent,
  def: AreaDefinition,
  today: string,
): { content: PlanContent; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const before = areaContentOf(content, def.id);
  const yp = youngPersonPartFrom(body, errors);
  const workerScale = scaleSchema.safeParse(text(body, 'workerScale'));
  if (!workerScale.success) errors.workerScale = workerScale.error.issues[0].message;
  const actions: SmartAction[] = [];
  for (let i = 0; i < rowCount(body, 'actions'); i++) {
    const f = (n: string) => text(body, `actions-${i}-${n}`).trim();
    const by = dateField(body, `actions-${i}-byWhen`, 'The date');
    if (blank(f('what'), f('how'), f('howItHelps'), by.raw.day, by.raw.month, by.raw.year) && !f('id')) continue;
    if (by.error) errors[`actions-${i}-byWhen`] = by.error;
    const previous = before.actions.find((a) => a.id === f('id'));
    const candidate = {
      id: f('id') || randomUUID(),
      what: f('what'),
      who: { kind: f('whoKind'), name: f('whoName') || undefined },
      how: f('how'),
      byWhen: by.value ?? '',
      howItHelps: f('howItHelps'),
      status: f('status') || 'not_started',
      completedOn: previous?.completedOn ?? null,
    };
    const parsed = smartActionSchema({ today }).safeParse(candidate);
    issuesInto(errors, `actions-${i}`, parsed);
    const action = parsed.success ? parsed.data : (candidate as unknown as SmartAction);
    if (action.status === 'done' && !action.completedOn) action.completedOn = today;
    actions.push(action);
  }
  const area: AreaContent = {
    youngPersonWords: yp.words,
    youngPersonScale: yp.scale,
    workerScale: workerScale.success ? workerScale.data : null,
    scaleNotGivenReason: text(body, 'scaleNotGivenReason').trim(),
    assessmentOfNeed: text(body, 'assessmentOfNeed').trim(),
    progressSinceLastReview: text(body, 'progressSinceLastReview').trim(),
    goal: text(body, 'goal').trim(),
    actions,
    noActionsNeeded: text(body, 'noActionsNeeded') === 'yes',
    noActionsReason: text(body, 'noActionsReason').trim(),
  };
  for (const k of [
    'assessmentOfNeed',
    'progressSinceLastReview',
    'goal',
    'noActionsReason',
    'scaleNotGivenReason',
  ] as const) {
    if (area[k].length > 5000) errors[k] = 'Keep this to 5,000 characters or fewer';
  }
  if (area.noActionsNeeded && !area.noActionsReason) errors.noActionsReason = 'Enter why no actions are needed';
  const next: PlanContent = { ...content, areas: { ...content.areas, [def.id]: area } };
  specialFromForm(body, def, next, errors);
  return { content: next, errors };
}

function specialFromForm(body: unknown, def: AreaDefinition, next: PlanContent, errors: FieldErrors) {
  switch (def.special) {
    case 'support-network': {
      const people: SupportPerson[] = [];
      for (let i = 0; i < rowCount(body, 'people'); i++) {
        const f = (n: string) => text(body, `people-${i}-${n}`).trim();
        if (blank(f('name'), f('relationship'), f('roleInPlan'))) continue;
        const parsed = supportPersonSchema.safeParse({
          id: f('id') || randomUUID(),
          name: f('name'),
          relationship: f('relationship'),
          roleInPlan: f('roleInPlan'),
        });
        issuesInto(errors, `people-${i}`, parsed);
        people.push(
          parsed.success
            ? parsed.data
            : {
                id: f('id') || randomUUID(),
                name: f('name'),
                relationship: f('relationship'),
                roleInPlan: f('roleInPlan'),
              },
        );
      }
      next.supportNetwork = people;
      break;
    }
    case 'financial-arrangements':
      next.financialArrangements = text(body, 'financialArrangements').trim();
      if (next.financialArrangements.length > 5000)
        errors.financialArrangements = 'Keep this to 5,000 characters or fewer';
      break;
    case 'contingency': {
      const triggers = text(body, 'triggers')
        .split('\n')
        .map((t) => t.trim())
        .filter(Boolean);
      const actions: ContingencyAction[] = [];
      for (let i = 0; i < rowCount(body, 'contingency'); i++) {
        const f = (n: string) => text(body, `contingency-${i}-${n}`).trim();
        if (blank(f('circumstance'), f('what'), f('how'), f('howSoon'))) continue;
        const candidate = {
          id: f('id') || randomUUID(),
          circumstance: f('circumstance'),
          what: f('what'),
          who: { kind: f('whoKind'), name: f('whoName') || undefined },
          how: f('how'),
          howSoon: f('howSoon'),
        };
        const parsed = contingencyActionSchema.safeParse(candidate);
        issuesInto(errors, `contingency-${i}`, parsed);
        actions.push(parsed.success ? parsed.data : (candidate as unknown as ContingencyAction));
      }
      next.contingency = { triggers, actions };
      break;
    }
    case 'suitability': {
      const answers: PlanContent['accommodationSuitability'] = {};
      for (const check of SUITABILITY_CHECKS) {
        const answer = text(body, `suitability-${check.id}`);
        if ((SUITABILITY_ANSWERS as readonly string[]).includes(answer))
          answers[check.id] = {
            answer: answer as (typeof SUITABILITY_ANSWERS)[number],
            note: text(body, `suitability-${check.id}-note`).trim(),
          };
      }
      next.accommodationSuitability = answers;
      break;
    }
    case 'immigration-outcomes':
      next.immigrationOutcomes = Object.fromEntries(
        IMMIGRATION_OUTCOMES.map((o) => [o.id, text(body, `immigration-${o.id}`).trim()]),
      );
      break;
    case 'adult-services': {
      const on = dateField(body, 'careActAssessmentOn', 'The Care Act assessment date');
      if (on.error) errors.careActAssessmentOn = on.error;
      next.adultServices = {
        communicationNeeds: text(body, 'communicationNeeds').trim(),
        careActAssessmentOn: on.value,
        adultSocialCareWorker: text(body, 'adultSocialCareWorker').trim(),
      };
      if (next.adultServices.communicationNeeds.length > 5000)
        errors.communicationNeeds = 'Keep this to 5,000 characters or fewer';
      if (next.adultServices.adultSocialCareWorker.length > 1000)
        errors.adultSocialCareWorker = 'Keep this to 1,000 characters or fewer';
      break;
    }
  }
}

/** Values to put back in an area page's fields: saved content, or what was just typed. */
export function areaFormValues(content: PlanContent, def: AreaDefinition) {
  const area = areaContentOf(content, def.id);
  // Plans saved before issue 12 §6 have no adultServices: they read as empty.
  const adult = content.adultServices ?? emptyAdultServices();
  return {
    ...area.youngPersonWords,
    youngPersonScale: area.youngPersonScale ?? '',
    workerScale: area.workerScale ?? '',
    scaleNotGivenReason: area.scaleNotGivenReason,
    assessmentOfNeed: area.assessmentOfNeed,
    progressSinceLastReview: area.progressSinceLastReview,
    goal: area.goal,
    noActionsNeeded: area.noActionsNeeded,
    noActionsReason: area.noActionsReason,
    actions: [
      ...area.actions.map((a) => ({
        ...a,
        whoKind: a.who.kind,
        whoName: a.who.name ?? '',
        byWhen: dateParts(a.byWhen),
      })),
      {
        id: '',
        what: '',
        whoKind: '',
        whoName: '',
        how: '',
        byWhen: dateParts(null),
        howItHelps: '',
        status: 'not_started',
      },
    ],
    people: [...content.supportNetwork, { id: '', name: '', relationship: '', roleInPlan: '' }],
    financialArrangements: content.financialArrangements,
    triggers: content.contingency.triggers.join('\n'),
    contingency: [
      ...content.contingency.actions.map((a) => ({ ...a, whoKind: a.who.kind, whoName: a.who.name ?? '' })),
      { id: '', circumstance: '', what: '', whoKind: '', whoName: '', how: '', howSoon: '' },
    ],
    suitability: content.accommodationSuitability,
    immigration: content.immigrationOutcomes,
    adultServices: {
      communicationNeeds: adult.communicationNeeds,
      adultSocialCareWorker: adult.adultSocialCareWorker,
      careActAssessmentOn: dateParts(adult.careActAssessmentOn) as { day: string; month: string; year: string },
    },
  };
}

/** Puts back exactly what was typed where parsing lost it (a scale of "11", a date of 31 February). */
export function withRawAnswers(
  body: unknown,
  values: ReturnType<typeof areaFormValues>,
): ReturnType<typeof areaFormValues> {
  const actions = values.actions.map((a, i) => {
    const raw = {
      day: text(body, `actions-${i}-byWhen-day`),
      month: text(body, `actions-${i}-byWhen-month`),
      year: text(body, `actions-${i}-byWhen-year`),
    };
    return raw.day || raw.month || raw.year ? { ...a, byWhen: raw } : a;
  });
  const on = {
    day: text(body, 'careActAssessmentOn-day'),
    month: text(body, 'careActAssessmentOn-month'),
    year: text(body, 'careActAssessmentOn-year'),
  };
  return {
    ...values,
    ...(on.day || on.month || on.year ? { adultServices: { ...values.adultServices, careActAssessmentOn: on } } : {}),
    youngPersonScale: text(body, 'youngPersonScale'),
    workerScale: text(body, 'workerScale'),
    actions,
  };
}

/** The plain words on a page whose save was refused because someone else saved the same part first. */
export type KeptBothWords = {
  labels: Record<string, string>;
  field: string;
  none: string;
  both?: (label: string) => string;
};

/** The young person's page's words, in their language. */
export function youngPersonKept(say: Translate = translatorIn()): KeptBothWords {
  return {
    labels: {
      goingWell: say('plan.area.goingWell'),
      worries: say('plan.area.worries'),
      wants: say('plan.area.wants'),
      disagreement: say('plan.kept.disagreement'),
    },
    field: say('plan.kept.field'),
    none: say('plan.kept.none'),
    both: (label) => say('plan.kept.both', { label }),
  };
}

export const STAFF_KEPT: KeptBothWords = {
  labels: {
    goingWell: 'What is going well',
    worries: 'What worries them',
    wants: 'What they want',
    disagreement: 'What they do not agree with',
    assessmentOfNeed: 'Assessment of need',
    progressSinceLastReview: 'Progress since the last review',
    goal: 'Goal',
  },
  field: 'This box has what was already saved and what you wrote. Keep the words you want, then save.',
  none: 'Someone else saved this part while you were writing. Check the answers, then save.',
};

/** The free-text boxes of a worker's area page, which keep both texts after a refused save. */
export const staffTextsOf = (area: AreaContent) => ({
  ...area.youngPersonWords,
  disagreement: area.youngPersonWords.disagreement ?? '',
  assessmentOfNeed: area.assessmentOfNeed,
  progressSinceLastReview: area.progressSinceLastReview,
  goal: area.goal,
});

/**
 * After a refused save, every text box holds both versions (domain/plan/keep-both.ts) and the
 * error summary names each such box, so the page is titled "Error: …" and focus goes to it.
 */
export function keptBothPage<K extends string>(
  saved: Partial<Record<K, string>>,
  yours: Record<K, string>,
  words: KeptBothWords,
) {
  const kept = keptBothFields(saved, yours);
  const fieldErrors = Object.fromEntries(kept.both.map((k) => [k, words.field]));
  const errors = toFormErrors(fieldErrors);
  errors.summary = kept.both.length
    ? kept.both.map((k) => {
        const label = words.labels[k] ?? k;
        return { text: words.both ? words.both(label) : `${label}: this box has both versions`, href: `#${k}` };
      })
    : [{ text: words.none, href: `#${Object.keys(yours)[0]}` }];
  return { values: kept.values, errors, keptBoth: kept.both };
}

/** The message after a save that took a plan back to being written (domain/plan/edit-effects.ts). */
export function afterEditWords(
  undid: EditEffects,
  to: 'staff' | 'young_person',
  say: Translate = translatorIn(),
): string {
  if (!undid.backToWriting) return '';
  const ypSigned = undid.signaturesTakenOff.includes('young_person');
  if (to === 'young_person') {
    const yours = ypSigned ? ` ${say('plan.area.signatureTakenOff')}` : '';
    return `. ${say('plan.area.signAgain')}${yours} ${say('plan.area.sendAgain')}`;
  }
  const who = { young_person: 'the young person’s', worker: 'the worker’s' };
  const signatures = undid.signaturesTakenOff.map((k) => who[k]).join(' and ');
  const were = undid.signaturesTakenOff.length > 1 ? 's were' : ' was';
  const queue = undid.leavesApprovalQueue ? ' It has left the manager’s approval queue.' : '';
  return `. The plan is back to “Writing the plan”${signatures ? `: ${signatures} signature${were} taken off` : ''}.${queue} Send it for signatures again when it is ready.`;
}

/** For an autosave's JSON answer: what the save undid, if anything, for the page to say next to "Saved". */
export function autosaveNotice(
  undid: EditEffects,
  to: 'staff' | 'young_person',
  say: Translate = translatorIn(),
): { notice?: string } {
  const words = afterEditWords(undid, to, say);
  return words ? { notice: words.replace(/^\. /, '') } : {};
}
