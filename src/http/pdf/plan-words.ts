// Every string the young person reads in the plan PDF, from src/locales/<lang>/plan.json (`plan.pdf`), in
// the language of the young person who downloads it (issue 12 §5); staff downloads are in English.
// Headings speak to the young person ("you"), as the plan areas' young-person titles do.
import { translatorIn, type Translate } from '../i18n.ts';
import type { PlanPrintForm } from './plan-model.ts';

export function planWords(say: Translate) {
  const w = (key: string, options?: Record<string, unknown>) => say(`plan.pdf.${key}`, options);
  return {
    wholeTitle: w('wholeTitle'),
    planningTitle: w('planningTitle'),
    wholeIntro: w('wholeIntro'),
    planningIntro: w('planningIntro'),
    details: w('details'),
    name: w('name'),
    knownAs: w('knownAs'),
    dateOfBirth: w('dateOfBirth'),
    reference: w('reference'),
    version: w('version'),
    status: w('status'),
    printed: w('printed'),
    adviserHeading: w('adviserHeading'),
    adviserName: w('adviserName'),
    adviserTeam: w('adviserTeam'),
    adviserPhone: w('adviserPhone'),
    adviserEmail: w('adviserEmail'),
    adviserNoDirectContact: (team: string) => w('adviserNoDirectContact', { team }),
    inYourWords: w('inYourWords'),
    goingWell: w('goingWell'),
    worries: w('worries'),
    wants: w('wants'),
    scalesHeading: w('scalesHeading'),
    yourScore: w('yourScore'),
    workerScore: w('workerScore'),
    outOfTen: (n: number) => w('outOfTen', { number: n }),
    notScored: w('notScored'),
    assessment: w('assessment'),
    progress: w('progress'),
    goal: w('goal'),
    actions: w('actions'),
    action: (i: number, n: number) => w('action', { number: i, total: n }),
    continued: (caption: string) => w('continued', { caption }),
    what: w('what'),
    who: w('who'),
    how: w('how'),
    byWhen: w('byWhen'),
    howItHelps: w('howItHelps'),
    actionStatus: w('actionStatus'),
    noGoal: w('noGoal'),
    noActions: w('noActions'),
    disagreeArea: w('disagreeArea'),
    needsHeading: w('needsHeading'),
    needsIntro: w('needsIntro'),
    suitabilityHeading: w('suitabilityHeading'),
    suitabilityIntro: w('suitabilityIntro'),
    suitabilityDecision: w('suitabilityDecision'),
    participationHeading: w('participationHeading'),
    participationHow: w('participationHow'),
    participationWhyNot: w('participationWhyNot'),
    participationOthers: w('participationOthers'),
    supportNetwork: w('supportNetwork'),
    personName: w('personName'),
    personRole: w('personRole'),
    nobodyListed: w('nobodyListed'),
    money: w('money'),
    adultServices: w('adultServices'),
    communicationNeeds: w('communicationNeeds'),
    careActAssessment: w('careActAssessment'),
    adultSocialCareWorker: w('adultSocialCareWorker'),
    contingency: w('contingency'),
    triggers: w('triggers'),
    contingencyActions: w('contingencyActions'),
    noContingencyActions: w('noContingencyActions'),
    disagreeWhole: w('disagreeWhole'),
    signaturesHeading: w('signaturesHeading'),
    signedBy: w('signedBy'),
    signedRole: w('signedRole'),
    signedHow: w('signedHow'),
    signedOn: w('signedOn'),
    notSigned: w('notSigned'),
    notRecorded: w('notRecorded'),
    page: (x: number, y: number) => w('page', { number: x, total: y }),
    printedBy: (council: string, on: string) => w('printedBy', { council, date: on }),
    versionLine: (version: number, status: string, approvedOn: string | null) =>
      approvedOn
        ? status.toLowerCase() === say('plan.statusApproved').toLowerCase()
          ? w('versionApproved', { version, date: approvedOn })
          : w('versionApprovedStatus', { version, date: approvedOn, status })
        : w('versionStatus', { version, status }),
    planningMark: w('planningMark'),
    documentTitle: (name: string, form: PlanPrintForm, version: number) =>
      w(form === 'planning' ? 'documentTitlePlanning' : 'documentTitle', { name, version }),
  } as const;
}
export type PlanWords = ReturnType<typeof planWords>;

/** The English words (staff downloads, and the tests' expectations). */
export const TEXT: PlanWords = planWords(translatorIn());
