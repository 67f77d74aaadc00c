// The plan's sections as the PDF prints them: the front page (about the plan, the adviser), the
// needs assessment, each area, Schedule 2, who supports them, money, the contingency plan, how they
// took part, and who signed.
import type { PlanPrintForm, PlanPrintModel } from './plan-model.ts';
import { COLOUR } from './page.ts';
import { printDate } from './dates.ts';
import { TEXT } from './plan-words.ts';
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
  w.heading(intro, 1, form === 'whole' ? TEXT.wholeTitle : TEXT.planningTitle);
  w.text(intro, 'P', form === 'whole' ? TEXT.wholeIntro : TEXT.planningIntro, { gapAfter: 12 });

  const { youngPerson } = plan;
  const preferred = youngPerson.preferredName?.trim();
  summary(w, intro, [
    [TEXT.name, youngPerson.name],
    ...(preferred && preferred !== youngPerson.name.trim() ? [[TEXT.knownAs, preferred] as const] : []),
    [TEXT.dateOfBirth, printDate(youngPerson.dateOfBirth)],
    [TEXT.reference, youngPerson.reference],
    [TEXT.version, versionLine],
    [TEXT.printed, printDate(plan.generatedOn)],
  ]);

  const contact = w.doc.struct('Sect');
  root.add(contact);
  w.heading(contact, 2, TEXT.adviserHeading, { outline: true });
  const { adviser } = plan;
  const rows: Row[] = [
    [TEXT.adviserName, adviser.name],
    [TEXT.adviserTeam, adviser.teamName],
  ];
  if (adviser.phone?.trim()) rows.push([TEXT.adviserPhone, adviser.phone]);
  if (adviser.email?.trim()) rows.push([TEXT.adviserEmail, adviser.email]);
  summary(w, contact, rows);
  if (!adviser.phone?.trim() && !adviser.email?.trim())
    w.paragraph(contact, TEXT.adviserNoDirectContact(adviser.teamName));
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
    w.heading(sect, 3, TEXT.inYourWords);
    summary(w, sect, [
      [TEXT.goingWell, area.youngPersonWords.goingWell],
      [TEXT.worries, area.youngPersonWords.worries],
      [TEXT.wants, area.youngPersonWords.wants],
    ]);
    w.heading(sect, 3, TEXT.scalesHeading);
    const scale = (n: number | null) => (n === null ? TEXT.notScored : TEXT.outOfTen(n));
    summary(w, sect, [
      [TEXT.yourScore, scale(area.youngPersonScale)],
      [TEXT.workerScore, scale(area.workerScale)],
    ]);
    w.heading(sect, 3, TEXT.assessment);
    w.paragraph(sect, area.assessmentOfNeed);
    // A first plan has no earlier plan to measure progress against.
    if (!firstPlan) {
      w.heading(sect, 3, TEXT.progress);
      w.paragraph(sect, area.progressSinceLastReview);
    }
  }

  w.heading(sect, 3, TEXT.goal);
  w.paragraph(sect, area.goal, TEXT.noGoal);

  w.heading(sect, 3, TEXT.actions);
  if (area.actions.length === 0) w.paragraph(sect, null, TEXT.noActions);
  area.actions.forEach((action, i) => {
    summary(
      w,
      sect,
      [
        [TEXT.what, action.what],
        [TEXT.who, action.who],
        [TEXT.how, action.how],
        [TEXT.byWhen, printDate(action.byWhen)],
        [TEXT.howItHelps, action.howItHelps],
        [TEXT.actionStatus, action.status],
      ],
      TEXT.action(i + 1, area.actions.length),
    );
  });

  if (form === 'whole' && area.disagreement?.trim()) {
    w.heading(sect, 3, TEXT.disagreeArea);
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
  w.heading(sect, 2, TEXT.needsHeading, { outline: true });
  w.paragraph(sect, TEXT.needsIntro);
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
  w.heading(sect, 2, TEXT.suitabilityHeading, { outline: true });
  w.paragraph(sect, TEXT.suitabilityIntro);
  summary(w, sect, [
    [TEXT.suitabilityDecision, suitability.decision],
    ...suitability.answers.map((a) => [a.matter, a.note ? `${a.answer}. ${a.note}` : a.answer] as const),
  ]);
}

function writeParticipation(w: PlanWriter, root: Struct, participation: PlanPrintModel['participation']): void {
  const sect = w.doc.struct('Sect');
  root.add(sect);
  w.heading(sect, 2, TEXT.participationHeading, { outline: true });
  const rows: Row[] = [[TEXT.participationHow, participation?.ways.join('\n') ?? null]];
  if (participation?.didNotTakePartReason) rows.push([TEXT.participationWhyNot, participation.didNotTakePartReason]);
  if (participation?.othersConsulted) rows.push([TEXT.participationOthers, participation.othersConsulted]);
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
    w.heading(network, 2, TEXT.supportNetwork, { outline: true });
    if (plan.supportNetwork.length === 0) w.paragraph(network, null, TEXT.nobodyListed);
    else
      columns(
        w,
        network,
        [TEXT.personName, TEXT.personRole],
        [0.45, 0.55],
        plan.supportNetwork.map((p) => [p.name, p.role]),
      );

    const money = w.doc.struct('Sect');
    root.add(money);
    w.heading(money, 2, TEXT.money, { outline: true });
    w.paragraph(money, plan.financialArrangements);

    if (plan.adultServices) {
      const adult = w.doc.struct('Sect');
      root.add(adult);
      w.heading(adult, 2, TEXT.adultServices, { outline: true });
      summary(w, adult, [
        [TEXT.communicationNeeds, plan.adultServices.communicationNeeds],
        [
          TEXT.careActAssessment,
          plan.adultServices.careActAssessmentOn && printDate(plan.adultServices.careActAssessmentOn),
        ],
        [TEXT.adultSocialCareWorker, plan.adultServices.adultSocialCareWorker],
      ]);
    }
  }

  const contingency = w.doc.struct('Sect');
  root.add(contingency);
  w.heading(contingency, 2, TEXT.contingency, { outline: true });
  w.heading(contingency, 3, TEXT.triggers);
  w.paragraph(contingency, plan.contingency.triggers);
  w.heading(contingency, 3, TEXT.contingencyActions);
  if (plan.contingency.actions.length === 0) w.paragraph(contingency, null, TEXT.noContingencyActions);
  else
    columns(
      w,
      contingency,
      [TEXT.what, TEXT.who, TEXT.byWhen],
      [0.5, 0.24, 0.26],
      plan.contingency.actions.map((a) => [a.what, a.who, printDate(a.byWhen)]),
    );

  if (form === 'whole' && plan.wholePlanDisagreement?.trim()) {
    const disagree = w.doc.struct('Sect');
    root.add(disagree);
    w.heading(disagree, 2, TEXT.disagreeWhole, { outline: true });
    w.inset(disagree, plan.wholePlanDisagreement);
  }

  if (form === 'whole') writeParticipation(w, root, plan.participation ?? null);

  const signed = w.doc.struct('Sect');
  root.add(signed);
  w.heading(signed, 2, TEXT.signaturesHeading, { outline: true });
  if (plan.signatures.length === 0) w.paragraph(signed, null, TEXT.notSigned);
  else
    columns(
      w,
      signed,
      [TEXT.signedBy, TEXT.signedRole, TEXT.signedHow, TEXT.signedOn],
      [0.25, 0.22, 0.28, 0.25],
      plan.signatures.map((s) => [s.who, s.role, s.how, printDate(s.on)]),
    );
}
