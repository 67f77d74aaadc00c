// The plan's sections as the PDF prints them: the front page (about the plan, the adviser), the
// needs assessment, each area, Schedule 2, who supports them, money, the contingency plan, how they
// took part, and who signed.
import type { PlanPrintForm, PlanPrintModel } from './plan-model.ts';
import { COLOUR } from './page.ts';
import type { PlanWriter, Row, Struct } from './plan-writer.ts';
import { columns, summary } from './tables.ts';

export function writeFrontPage(
  w: PlanWriter,
  root: Struct,
  plan: PlanPrintModel,
  form: PlanPrintForm,
  versionLine: string,
): void {
  const intro = w.doc.struct('Sect');
  root.add(intro);
  w.text(intro, 'P', plan.councilName, { colour: COLOUR.secondary, gapAfter: 2 });
  w.heading(intro, 1, form === 'whole' ? w.words.wholeTitle : w.words.planningTitle);
  w.text(intro, 'P', form === 'whole' ? w.words.wholeIntro : w.words.planningIntro, { gapAfter: 12 });

  const { youngPerson } = plan;
  const preferred = youngPerson.preferredName?.trim();
  summary(w, intro, [
    [w.words.name, youngPerson.name],
    ...(preferred && preferred !== youngPerson.name.trim() ? [[w.words.knownAs, preferred] as const] : []),
    [w.words.dateOfBirth, w.date(youngPerson.dateOfBirth)],
    [w.words.reference, youngPerson.reference],
    [w.words.version, versionLine],
    [w.words.printed, w.date(plan.generatedOn)],
  ]);

  const contact = w.doc.struct('Sect');
  root.add(contact);
  w.heading(contact, 2, w.words.adviserHeading, { outline: true });
  const { adviser } = plan;
  const rows: Row[] = [
    [w.words.adviserName, adviser.name],
    [w.words.adviserTeam, adviser.teamName],
  ];
  if (adviser.phone?.trim()) rows.push([w.words.adviserPhone, adviser.phone]);
  if (adviser.email?.trim()) rows.push([w.words.adviserEmail, adviser.email]);
  summary(w, contact, rows);
  if (!adviser.phone?.trim() && !adviser.email?.trim())
    w.paragraph(contact, w.words.adviserNoDirectContact(adviser.teamName));
}

function writeArea(
  w: PlanWriter,
  parent: Struct,
  area: PlanPrintModel['areas'][number],
  index: number,
  form: PlanPrintForm,
  firstPlan: boolean,
): void {
  const sect = w.doc.struct('Sect');
  parent.add(sect);
  w.heading(sect, 2, `${index + 1}. ${area.title}`, { outline: true });

  if (form === 'whole') {
    w.heading(sect, 3, w.words.inYourWords);
    summary(w, sect, [
      [w.words.goingWell, area.youngPersonWords.goingWell],
      [w.words.worries, area.youngPersonWords.worries],
      [w.words.wants, area.youngPersonWords.wants],
    ]);
    w.heading(sect, 3, w.words.scalesHeading);
    const scale = (n: number | null) => (n === null ? w.words.notScored : w.words.outOfTen(n));
    summary(w, sect, [
      [w.words.yourScore, scale(area.youngPersonScale)],
      [w.words.workerScore, scale(area.workerScale)],
    ]);
    w.heading(sect, 3, w.words.assessment);
    w.paragraph(sect, area.assessmentOfNeed);
    // A first plan has no earlier plan to measure progress against.
    if (!firstPlan) {
      w.heading(sect, 3, w.words.progress);
      w.paragraph(sect, area.progressSinceLastReview);
    }
  }

  w.heading(sect, 3, w.words.goal);
  w.paragraph(sect, area.goal, w.words.noGoal);

  w.heading(sect, 3, w.words.actions);
  if (area.actions.length === 0) w.paragraph(sect, null, w.words.noActions);
  area.actions.forEach((action, i) => {
    summary(
      w,
      sect,
      [
        [w.words.what, action.what],
        [w.words.who, action.who],
        [w.words.how, action.how],
        [w.words.byWhen, w.date(action.byWhen)],
        [w.words.howItHelps, action.howItHelps],
        [w.words.actionStatus, action.status],
      ],
      w.words.action(i + 1, area.actions.length),
    );
  });

  if (form === 'whole' && area.disagreement?.trim()) {
    w.heading(sect, 3, w.words.disagreeArea);
    w.inset(sect, area.disagreement);
  }
}

/** The first plan's needs assessment: each matter considered, and what was written about it. */
function writeNeedsAssessment(
  w: PlanWriter,
  root: Struct,
  needs: NonNullable<PlanPrintModel['needsAssessment']>,
): void {
  if (needs.length === 0) return;
  const sect = w.doc.struct('Sect');
  root.add(sect);
  w.heading(sect, 2, w.words.needsHeading, { outline: true });
  w.paragraph(sect, w.words.needsIntro);
  for (const need of needs) {
    w.heading(sect, 3, need.consideration);
    w.paragraph(sect, need.considered);
  }
}

/** Schedule 2: each matter about where they live, its answer and any note, and the decision. */
function writeSuitability(w: PlanWriter, root: Struct, suitability: PlanPrintModel['accommodationSuitability']): void {
  if (!suitability) return;
  const sect = w.doc.struct('Sect');
  root.add(sect);
  w.heading(sect, 2, w.words.suitabilityHeading, { outline: true });
  w.paragraph(sect, w.words.suitabilityIntro);
  summary(w, sect, [
    [w.words.suitabilityDecision, suitability.decision],
    ...suitability.answers.map((a) => [a.matter, a.note ? `${a.answer}. ${a.note}` : a.answer] as const),
  ]);
}

function writeParticipation(w: PlanWriter, root: Struct, participation: PlanPrintModel['participation']): void {
  const sect = w.doc.struct('Sect');
  root.add(sect);
  w.heading(sect, 2, w.words.participationHeading, { outline: true });
  const rows: Row[] = [[w.words.participationHow, participation?.ways.join('\n') ?? null]];
  if (participation?.didNotTakePartReason) rows.push([w.words.participationWhyNot, participation.didNotTakePartReason]);
  if (participation?.othersConsulted) rows.push([w.words.participationOthers, participation.othersConsulted]);
  summary(w, sect, rows);
}

export function writePlan(w: PlanWriter, root: Struct, plan: PlanPrintModel, form: PlanPrintForm): void {
  if (form === 'whole') writeNeedsAssessment(w, root, plan.needsAssessment ?? []);
  const areas = w.doc.struct('Part');
  root.add(areas);
  for (const [i, area] of plan.areas.entries()) writeArea(w, areas, area, i, form, plan.firstPlan === true);

  if (form === 'whole') {
    writeSuitability(w, root, plan.accommodationSuitability ?? null);
    const network = w.doc.struct('Sect');
    root.add(network);
    w.heading(network, 2, w.words.supportNetwork, { outline: true });
    if (plan.supportNetwork.length === 0) w.paragraph(network, null, w.words.nobodyListed);
    else
      columns(
        w,
        network,
        [w.words.personName, w.words.personRole],
        [0.45, 0.55],
        plan.supportNetwork.map((p) => [p.name, p.role]),
      );

    const money = w.doc.struct('Sect');
    root.add(money);
    w.heading(money, 2, w.words.money, { outline: true });
    w.paragraph(money, plan.financialArrangements);

    if (plan.adultServices) {
      const adult = w.doc.struct('Sect');
      root.add(adult);
      w.heading(adult, 2, w.words.adultServices, { outline: true });
      summary(w, adult, [
        [w.words.communicationNeeds, plan.adultServices.communicationNeeds],
        [
          w.words.careActAssessment,
          plan.adultServices.careActAssessmentOn && w.date(plan.adultServices.careActAssessmentOn),
        ],
        [w.words.adultSocialCareWorker, plan.adultServices.adultSocialCareWorker],
      ]);
    }
  }

  const contingency = w.doc.struct('Sect');
  root.add(contingency);
  w.heading(contingency, 2, w.words.contingency, { outline: true });
  w.heading(contingency, 3, w.words.triggers);
  w.paragraph(contingency, plan.contingency.triggers);
  w.heading(contingency, 3, w.words.contingencyActions);
  if (plan.contingency.actions.length === 0) w.paragraph(contingency, null, w.words.noContingencyActions);
  else
    columns(
      w,
      contingency,
      [w.words.what, w.words.who, w.words.byWhen],
      [0.5, 0.24, 0.26],
      plan.contingency.actions.map((a) => [a.what, a.who, w.date(a.byWhen)]),
    );

  if (form === 'whole' && plan.wholePlanDisagreement?.trim()) {
    const disagree = w.doc.struct('Sect');
    root.add(disagree);
    w.heading(disagree, 2, w.words.disagreeWhole, { outline: true });
    w.inset(disagree, plan.wholePlanDisagreement);
  }

  if (form === 'whole') writeParticipation(w, root, plan.participation ?? null);

  const signed = w.doc.struct('Sect');
  root.add(signed);
  w.heading(signed, 2, w.words.signaturesHeading, { outline: true });
  if (plan.signatures.length === 0) w.paragraph(signed, null, w.words.notSigned);
  else
    columns(
      w,
      signed,
      [w.words.signedBy, w.words.signedRole, w.words.signedHow, w.words.signedOn],
      [0.25, 0.22, 0.28, 0.25],
      plan.signatures.map((s) => [s.who, s.role, s.how, w.date(s.on)]),
    );
}
