// An approved plan as the print model the PDF and the print page share.
import {
  adultServicesWritten,
  emptyAdultServices,
  AREAS,
  ACTION_OWNER_NAMES,
  applicableConsiderations,
  areaContentOf,
  judgeSuitability,
  SUITABILITY_CHECKS,
  type PlanVersion,
  type Review,
} from '../domain/plan/index.ts';
import { translatorIn, type Translate } from './i18n.ts';
import type { PlanPrintModel } from './pdf/plan-pdf.ts';

/** An approved version, or a review still being written (read before signing). */
type Printable = Pick<
  PlanVersion,
  'context' | 'content' | 'youngPersonSignOff' | 'workerSignature' | 'participation'
> & { approval: Review['approval']; approvedOn: string | null };

/**
 * The page shows what the PDF prints: the first plan's needs assessment (CPPCR 2010 reg 42(2)), the
 * Schedule 2 suitability answers (Care Leavers Regs 2010 reg 9) and how the young person took part.
 */
export type PlanPageModel = PlanPrintModel;

/** Who reads the plan: the young person ("Me", "My personal adviser") or staff (people's names). */
export type PlanAudience = 'young_person' | 'staff';
type Found = { version: number; plan: Printable; names: Record<string, string> };
type Record_ = {
  yp: { givenName: string; familyName: string; preferredName: string | null; dateOfBirth: string; reference: string };
  teamName: string;
  councilName: string;
  personalAdviserName: string | null;
  personalAdviserEmail: string | null;
  socialWorkerName?: string | null;
};

/**
 * `say` is t() in the reader's language (issue 12 §5): a young person's own plan, page or PDF, has the
 * areas' titles, who does each action, the statuses and the signatures in their words; staff read English.
 * The needs assessment's considerations and the Schedule 2 matters are the law's wording, in English.
 */
export function planPrintModel(
  found: Found,
  record: Record_,
  today: string,
  audience: PlanAudience = 'young_person',
  say: Translate = translatorIn(),
): PlanPageModel {
  const { plan, names } = found;
  const fullName = `${record.yp.preferredName ?? record.yp.givenName} ${record.yp.familyName}`;
  const worker = record.personalAdviserName ?? record.socialWorkerName ?? null;
  const staffOwner: Record<string, string | null> = { young_person: fullName, adviser: worker };
  const owner = (who: { kind: string; name?: string }) => {
    if (who.kind === 'other') return who.name ?? say('plan.owners.other');
    const labels = ACTION_OWNER_NAMES[who.kind as keyof typeof ACTION_OWNER_NAMES];
    return audience === 'staff' ? (staffOwner[who.kind] ?? labels.staff) : say(`plan.owners.${who.kind}`);
  };
  const areas = AREAS.filter((a) => a.appliesTo(plan.context) && a.id !== 'contingency').map((def) => {
    const area = areaContentOf(plan.content, def.id);
    const or = (s: string) => (s.trim() ? s : null);
    return {
      id: def.id,
      title: say(`plan.areas.${def.id}.title`),
      youngPersonWords: {
        goingWell: or(area.youngPersonWords.goingWell),
        worries: or(area.youngPersonWords.worries),
        wants: or(area.youngPersonWords.wants),
      },
      youngPersonScale: area.youngPersonScale,
      workerScale: area.workerScale,
      assessmentOfNeed: or(area.assessmentOfNeed),
      progressSinceLastReview: or(area.progressSinceLastReview),
      goal: or(area.goal),
      actions: area.actions.map((a) => ({
        what: a.what,
        who: owner(a.who),
        how: a.how,
        byWhen: a.byWhen,
        howItHelps: a.howItHelps,
        status: say(`plan.actionStatus.${a.status}`),
      })),
      disagreement: or(area.youngPersonWords.disagreement ?? ''),
    };
  });
  const signOff = plan.youngPersonSignOff;
  const ypName = record.yp.preferredName ?? record.yp.givenName;
  const signatures: PlanPrintModel['signatures'] = [];
  if (signOff) {
    const on = signOff.kind === 'signed_on_paper' ? signOff.signedOn : signOff.on;
    signatures.push({ who: ypName, role: say('plan.roles.youngPerson'), how: say(`plan.signOff.${signOff.kind}`), on });
  }
  if (plan.workerSignature)
    signatures.push({
      who: names[plan.workerSignature.staffId] ?? say('plan.roles.worker'),
      role: say('plan.roles.worker'),
      how: say('plan.signed'),
      on: plan.workerSignature.on,
    });
  if (plan.approval)
    signatures.push({
      who: names[plan.approval.by] ?? say('plan.roles.teamManager'),
      role: say('plan.roles.teamManager'),
      how: say('plan.approved'),
      on: plan.approval.on,
    });
  const { content, participation } = plan;
  // Plans saved before issue 12 §6 have none.
  const adult = content.adultServices ?? emptyAdultServices();
  const suitability = content.accommodationSuitability;
  const hasAccommodation = AREAS.some((a) => a.special === 'suitability' && a.appliesTo(plan.context));
  return {
    councilName: record.councilName,
    youngPerson: {
      name: `${record.yp.givenName} ${record.yp.familyName}`,
      preferredName: record.yp.preferredName,
      dateOfBirth: record.yp.dateOfBirth,
      reference: record.yp.reference,
    },
    version: found.version,
    firstPlan: plan.context.firstPlan,
    approvedOn: plan.approvedOn,
    status: say(plan.approval ? 'plan.statusApproved' : 'plan.statusDraft'),
    areas,
    // Only the first plan has a needs assessment; later versions start with none.
    needsAssessment: plan.context.firstPlan
      ? applicableConsiderations(plan.context).map((c) => ({
          // The law's words in the reader's language (plan.law; staff read the domain's English, the same words).
          consideration: say(`plan.law.considerations.${c.id}`),
          considered: content.needsAssessmentConsiderations[c.id]?.trim() || null,
        }))
      : [],
    accommodationSuitability: hasAccommodation
      ? {
          decision: say(`plan.suitability.judgement.${judgeSuitability(suitability).judgement}`),
          answers: SUITABILITY_CHECKS.map((c) => {
            const given = suitability[c.id];
            return {
              matter: say(`plan.law.schedule2.${c.id}`),
              question: c.question,
              answer: given ? say(`plan.suitability.answers.${given.answer}`) : say('plan.involvement.notAnswered'),
              note: given?.note.trim() || null,
            };
          }),
        }
      : null,
    participation: participation
      ? {
          ways: participation.ways.map((w) => say(`plan.participation.${w}`)),
          didNotTakePartReason: participation.didNotTakePartReason.trim() || null,
          othersConsulted: participation.othersConsulted.trim() || null,
        }
      : null,
    supportNetwork: plan.content.supportNetwork.map((p) => ({
      name: p.name,
      role: `${p.relationship}: ${p.roleInPlan}`,
    })),
    financialArrangements: plan.content.financialArrangements.trim() || null,
    adultServices: adultServicesWritten(adult)
      ? {
          communicationNeeds: adult.communicationNeeds.trim() || null,
          careActAssessmentOn: adult.careActAssessmentOn,
          adultSocialCareWorker: adult.adultSocialCareWorker.trim() || null,
        }
      : null,
    contingency: {
      triggers: plan.content.contingency.triggers.join('\n') || null,
      actions: plan.content.contingency.actions.map((a) => ({
        what: a.circumstance ? `${a.circumstance}: ${a.what}` : a.what,
        who: owner(a.who),
        byWhen: a.howSoon,
      })),
    },
    wholePlanDisagreement: signOff?.kind === 'disagreement' ? signOff.inTheirWords : null,
    // Asked only at signing, and only since issue 10: a plan signed before then shows nothing.
    involvement:
      signOff && 'involvement' in signOff && signOff.involvement !== undefined
        ? signOff.involvement
          ? say(`plan.involvement.answers.${signOff.involvement}`)
          : say('plan.involvement.notAnswered')
        : null,
    signatures,
    adviser: {
      name:
        record.personalAdviserName ??
        (audience === 'staff' ? 'No personal adviser allocated' : say('plan.yourAdviser')),
      email: record.personalAdviserEmail,
      phone: null,
      teamName: record.teamName,
    },
    generatedOn: today,
  };
}
