// What a printed plan holds: the model the whole-plan and planning-section PDFs print, built from a
// plan version by src/http/plan-print.ts.
export type PlanPrintModel = {
  councilName: string;
  youngPerson: { name: string; preferredName: string | null; dateOfBirth: string; reference: string };
  version: number;
  /** The first plan: nothing to compare with, so no "progress since the last review". */
  firstPlan?: boolean;
  approvedOn: string | null;
  status: string; // e.g. 'Approved', 'Draft'
  areas: {
    /** The area's id (domain/plan/areas.ts), for pages that add the area's own parts. */
    id?: string;
    title: string; // staff/young-person title to print
    youngPersonWords: { goingWell: string | null; worries: string | null; wants: string | null };
    youngPersonScale: number | null;
    workerScale: number | null;
    assessmentOfNeed: string | null;
    progressSinceLastReview: string | null;
    goal: string | null;
    actions: { what: string; who: string; how: string; byWhen: string; howItHelps: string; status: string }[];
    disagreement: string | null; // the young person's own words, if they disagree with this area
  }[];
  /** First plan only: each matter the needs assessment considered (reg 42(2)), and what was written. */
  needsAssessment?: { consideration: string; considered: string | null }[];
  /** Whether where they live is suitable: each Schedule 2 matter, its answer and any note. */
  accommodationSuitability?: {
    decision: string;
    answers: { matter: string; question?: string; answer: string; note: string | null }[];
  } | null;
  /** How the young person took part in this plan. */
  participation?: { ways: string[]; didNotTakePartReason: string | null; othersConsulted: string | null } | null;
  supportNetwork: { name: string; role: string }[];
  financialArrangements: string | null;
  /** Issue 12 §6: how they communicate, and their move to adult services; null when nothing is written. */
  adultServices?: {
    communicationNeeds: string | null;
    careActAssessmentOn: string | null;
    adultSocialCareWorker: string | null;
  } | null;
  contingency: { triggers: string | null; actions: { what: string; who: string; byWhen: string }[] };
  wholePlanDisagreement: string | null;
  /** Their answer to "How involved did you feel in making this plan?" when asked at signing (issue 10 §1e). */
  involvement?: string | null;
  signatures: { who: string; role: string; how: string; on: string }[]; // e.g. young person signed on their phone / on paper; worker; manager approval
  adviser: { name: string; email: string | null; phone: string | null; teamName: string };
  generatedOn: string;
};

/** 'whole' = everything; 'planning' = goals and actions per area, contingency, signatures, adviser. */
export type PlanPrintForm = 'whole' | 'planning';

/** Preferred name first: "Zo (Zoë Nguyễn)", or just the name when there is no other. */
export function displayName(youngPerson: PlanPrintModel['youngPerson']): string {
  const name = youngPerson.name.trim();
  const preferred = youngPerson.preferredName?.trim();
  return preferred && preferred !== name ? `${preferred} (${name})` : name;
}
