// Words for the codes Pathway stores: SSDA903 legal statuses, placements and reasons a period of care
// ended; the DfE ethnicity codes; and the audit trail's action names. People see the words, never the
// code. The code lists are data (from the DfE SSDA903 and census guidance); the functions look them up.

/** SSDA903 legal status (LS). */
export const LEGAL_STATUS_NAMES: Readonly<Record<string, string>> = {
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order',
  E1: 'Placement order',
  J1: 'Remanded to the council’s accommodation or youth detention',
  J2: 'Placed with the council under PACE',
  J3: 'Supervision order with a residence requirement',
  L1: 'Police protection, in the council’s accommodation',
  L2: 'Emergency protection order',
  L3: 'Child assessment order, in the council’s accommodation',
  V2: 'Accommodated under section 20',
  V3: 'A single short break',
  V4: 'A series of short breaks',
};

/** SSDA903 placement type (PLACE): the DfE list for the return. */
export const PLACEMENT_NAMES: Readonly<Record<string, string>> = {
  A3: 'Placed for adoption with consent, with their current foster carer',
  A4: 'Placed for adoption with consent, not with their current foster carer',
  A5: 'Placed for adoption under a placement order, with their current foster carer',
  A6: 'Placed for adoption under a placement order, not with their current foster carer',
  U1: 'Foster placement with a relative or friend, long term',
  U2: 'Foster placement with a relative or friend who is also an approved adopter',
  U3: 'Foster placement with a relative or friend, not long term',
  U4: 'Foster placement with another foster carer, long term',
  U5: 'Foster placement with another foster carer who is also an approved adopter',
  U6: 'Foster placement with another foster carer, not long term',
  H5: 'Semi-independent living',
  K1: 'Secure children’s home',
  K2: 'Children’s home',
  P1: 'Placed with their own parents or others with parental responsibility',
  P2: 'Independent living',
  P3: 'Residential employment',
  R1: 'Residential care home',
  R2: 'NHS or health trust',
  R3: 'Family centre or mother and baby unit',
  R5: 'Young offender institution or prison',
  S1: 'Residential school',
  T0: 'Temporary move of another kind',
  T1: 'Temporary period in hospital',
  T2: 'Temporary absence on holiday',
  T3: 'Temporary stay while the usual foster carer is on holiday',
  T4: 'Temporary stay of seven days or less',
  Z1: 'Other placement',
};

/** SSDA903 reason a period of care ended (REC): the DfE list for the return. */
export const REASON_ENDED_NAMES: Readonly<Record<string, string>> = {
  X1: 'Placement changed, still looked after',
  E11: 'Adopted, application unopposed',
  E12: 'Adopted, consent dispensed with by the court',
  E13: 'Left care to live with parents, relatives or others without parental responsibility',
  E14: 'Accommodation on remand ended',
  E15: 'Age assessment found them to be 18 or over',
  E16: 'Moved abroad',
  E17: 'Aged 18 or over and stayed with their carers (staying put)',
  E2: 'Died',
  E3: 'Care transferred to another council',
  E41: 'Residence order or child arrangements order',
  E45: 'Special guardianship order to former foster carers who are relatives or friends',
  E46: 'Special guardianship order to former foster carers who are not relatives or friends',
  E47: 'Special guardianship order to other carers who are relatives or friends',
  E48: 'Special guardianship order to other carers who are not relatives or friends',
  E4A: 'Returned home to live with parents as part of the care plan',
  E4B: 'Returned home to live with parents, not as part of the care plan',
  E5: 'Moved to independent living with formal support',
  E6: 'Moved to independent living without formal support',
  E7: 'Moved to residential care funded by adult social care',
  E8: 'Period of care ended for another reason',
  E9: 'Sentenced to custody',
};

/** SSDA903 reason for a new episode (RNE). */
export const REASON_NEW_EPISODE_NAMES: Readonly<Record<string, string>> = {
  S: 'Started to be looked after',
  L: 'Change of legal status only',
  P: 'Change of placement and carer only',
  T: 'Change of placement, same carer',
  U: 'Change of legal status and of placement, same carer',
  B: 'Change of legal status, placement and carer at the same time',
};

/** SSDA903 category of need (CIN). */
export const CATEGORY_OF_NEED_NAMES: Readonly<Record<string, string>> = {
  N1: 'Abuse or neglect',
  N2: 'Child’s disability',
  N3: 'Parental illness or disability',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
};

/** SSDA903 placement provider (PLACE_PROVIDER). */
export const PLACEMENT_PROVIDER_NAMES: Readonly<Record<string, string>> = {
  PR0: 'Parents or others with parental responsibility',
  PR1: 'The council’s own provision',
  PR2: 'Another council’s provision',
  PR3: 'Other public provision, such as the NHS',
  PR4: 'Private provision',
  PR5: 'Voluntary or third sector provision',
};

/** SSDA903 reason for a change of placement (REASON_PLACE_CHANGE). */
export const REASON_PLACE_CHANGE_NAMES: Readonly<Record<string, string>> = {
  CARPL: 'Change to or carrying out of the care plan',
  CLOSE: 'The provider resigned or closed',
  ALLEG: 'Allegation (section 47 enquiry)',
  STAND: 'Concern about the standard of care',
  APPRR: 'The carer’s approval was removed',
  CREQB: 'The carer asked for it to end because of the child’s behaviour',
  CREQO: 'The carer asked for it to end for another reason',
  CHILD: 'The child asked for it to end',
  LAREQ: 'The responsible or area council asked for it to end',
  PLACE: 'Change in the status of the placement only',
  CUSTOD: 'Custody arrangement',
  OTHER: 'Another reason',
};

/** Sex as Pathway stores it (the 903 return writes 1/2 or M/F from it). */
export const SEX_NAMES: Readonly<Record<string, string>> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  not_known: 'Not known',
};

/** DfE ethnicity codes (school and children's social care censuses, SSDA903). */
export const ETHNICITY_NAMES: Readonly<Record<string, string>> = {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WIRT: 'Traveller of Irish heritage',
  WROM: 'Gypsy or Roma',
  WOTH: 'Any other White background',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Black Caribbean',
  BAFR: 'Black African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused to say',
  NOBT: 'Not yet obtained',
};

/** Main activity: the SSDA903 OC3 ACTIV codes (reference §3.2; 0 is "not known" and is never recorded). */
export const ACTIVITY_NAMES: Readonly<Record<string, string>> = {
  F1: 'Higher education, full time',
  P1: 'Higher education, part time',
  F2: 'Other education, full time',
  P2: 'Other education, part time',
  F4: 'Apprenticeship, full time',
  P4: 'Apprenticeship, part time',
  F5: 'Training or work, full time',
  P5: 'Training or work, part time',
  G4: 'Not in education, training or work: illness or disability',
  G5: 'Not in education, training or work: other reasons',
  G6: 'Not in education, training or work: pregnancy or parenting',
};

/** Accommodation: the letter of the SSDA903 OC3 ACCOM code (reference §3.2); suitability is recorded beside it. */
export const ACCOMMODATION_NAMES: Readonly<Record<string, string>> = {
  B: 'With parents or relatives',
  C: 'Community home or other residential care',
  D: 'Semi-independent or supported accommodation',
  E: 'Supported lodgings',
  G: 'Gone abroad',
  H: 'Deported',
  K: 'Ordinary lodgings without support',
  R: 'Where they live is not known',
  S: 'No fixed address or homeless',
  T: 'Foyer or similar, with education, training or work',
  U: 'Living independently',
  V: 'Emergency accommodation',
  W: 'Bed and breakfast',
  X: 'In custody',
  Y: 'Other accommodation',
  Z: 'With former foster carers (staying put)',
};

/** OC3 IN_TOUCH: whether the council is in touch (validator rule 131's list; reference §3.2). */
export const OC3_IN_TOUCH_NAMES: Readonly<Record<string, string>> = {
  YES: 'In touch',
  NO: 'Not in touch',
  DIED: 'Died after leaving care',
  REFU: 'Refuses contact',
  NREQ: 'No longer needs services',
  RHOM: 'Returned home for 6 months or more',
};

/** OC3 ACTIV codes as the return writes them: the activities above and 0 for not known (validator rule 132). */
export const OC3_ACTIVITY_CODES: readonly string[] = [...Object.keys(ACTIVITY_NAMES), '0'];

/**
 * OC3 ACCOM codes: the accommodation letter and 1 (suitable) or 2 (not suitable), and 0 for not known
 * (validator rule 133): S and X only with 2.
 */
export const OC3_ACCOMMODATION_CODES: readonly string[] = [
  ...Object.keys(ACCOMMODATION_NAMES).flatMap((letter) =>
    ['S', 'X'].includes(letter) ? [`${letter}2`] : [`${letter}1`, `${letter}2`],
  ),
  '0',
];

/** SSDA903 reviews REVIEW_CODE: how the child took part in their review (PN0 to PN7). */
export const REVIEW_PARTICIPATION_NAMES: Readonly<Record<string, string>> = {
  PN0: 'Child under 4 at the time of the review',
  PN1: 'Attended and spoke for themselves',
  PN2: 'Attended, and an advocate spoke for them',
  PN3: 'Attended, and conveyed their views in another way',
  PN4: 'Attended but did not convey their views',
  PN5: 'Did not attend, and an advocate spoke for them',
  PN6: 'Did not attend, and conveyed their views in another way',
  PN7: 'Did not attend or convey their views',
};

/** SSDA903 missing MISSING: missing from placement (M) or away from placement without authorisation (A). */
export const MISSING_KIND_NAMES: Readonly<Record<string, string>> = {
  M: 'Missing from their placement',
  A: 'Away from their placement without permission',
};

/** Accommodation never considered suitable: no fixed address and custody (903 S1 and X1 are not valid codes). */
export const NEVER_SUITABLE_ACCOMMODATION: readonly string[] = ['S', 'X'];

/** How a contact happened (issue 11 §2). */
export const CONTACT_METHOD_NAMES: Readonly<Record<string, string>> = {
  visit: 'Face-to-face visit',
  phone: 'Phone call',
  video: 'Video call',
  message: 'Message (text, email or letter)',
};

/** Whether the young person was seen alone. */
export const SEEN_ALONE_NAMES: Readonly<Record<string, string>> = {
  yes: 'Yes',
  no: 'No',
  not_applicable: 'Does not apply',
};

/** What each audited action means, as the record's audit trail says it. */
export const AUDIT_ACTION_NAMES: Readonly<Record<string, string>> = {
  'record.view': 'Looked at the record',
  'audit.view': 'Looked at who has seen the record',
  'plan.view': 'Looked at an approved plan',
  'invitation.create': 'Invited them to Pathway',
  'invitation.revoke': 'Cancelled an invitation',
  'account.create': 'Set up their account',
  'account.password-reset': 'Set a new password from a code',
  'review-trigger.record': 'Recorded a significant change',
  'statutory-work.record': 'Recorded completed work',
  'date-of-birth.change': 'Changed the date of birth',
  'care-episode.add': 'Added a period of care',
  'care-episode.end': 'Ended a period of care',
  'care-episode.update': 'Corrected a period of care',
  'young-person.create': 'Added the young person to Pathway',
  'ssda903.import': 'Imported the SSDA903 return',
  'ssda903.export': 'Exported the SSDA903 return',
  'young-person.update': 'Changed their details',
  'young-person.update-conflict': 'Tried to save over someone else’s change of details',
  'allocation.start': 'Allocated a worker',
  'allocation.end': 'Ended a worker’s allocation',
  'allocation.conflict': 'Tried to allocate over someone else’s change',
  'team.move': 'Moved them to another team',
  'allocation.view': 'Looked at allocation and team history',
  'circumstances.update': 'Changed their circumstances',
  'contact.record': 'Recorded a contact',
  'contact.list': 'Looked at all contacts',
  'circumstance-change.record': 'Recorded a change of activity or accommodation',
  'circumstance-change.list': 'Looked at activity and accommodation history',
  'review.start': 'Started a plan or review',
  'review.view': 'Looked at the plan under way',
  'review.save': 'Saved part of the plan',
  'review.save-conflict': 'Tried to save over someone else’s changes',
  'review.update': 'Changed the plan',
  'review.completeOutcomes': 'Finished the outcomes',
  'review.completePlanning': 'Finished the planning',
  'review.recordParticipation': 'Recorded how they took part',
  'review.submitForSignatures': 'Sent the plan to be signed',
  'review.signAsYoungPerson': 'Young person signed the plan',
  'review.signAsWorker': 'Worker signed the plan',
  'review.recordPaperSignature': 'Recorded a paper signature',
  'review.recordDisagreement': 'Recorded that they do not agree',
  'review.recordNotSigned': 'Recorded why it was not signed',
  'review.editContent': 'Changed the plan',
  'review.writeOwnWords': 'Young person wrote in their own words',
  'review.return': 'Returned the plan to the worker',
  'review.resubmit': 'Sent the plan back to the manager',
  'review.approve': 'Approved the plan',
  'review.request': 'Asked for a review',
  'plan.approve': 'Approved the plan',
  'quality.form': 'Opened a plan to judge its quality',
  'quality.judge': 'Recorded a quality judgement of the plan',
  'quality.view': 'Looked at quality judgements of the plan',
  'quality-action.done': 'Marked a quality action done',
  'audit-item.form': 'Opened a plan for a case-file audit',
  'audit-item.submit': 'Recorded a case-file audit of the plan',
  'check-in.record': 'Checked in: how things are',
  'check-in.list': 'Looked at check-ins',
  'task.done': 'Marked a help request done',
  'message.send': 'Sent a message',
  'message-thread.view': 'Read messages',
  'message-thread.start': 'Started a message',
  'message-thread.done': 'Marked messages as dealt with',
  'record-views.view': 'Looked at who has looked at their record',
  'record-views.ask-why': 'Asked why someone looked at their record',
  'profile.view': "Looked at a worker's profile",
  'profile.update': 'Changed their profile',
  'record-view-policy.update': 'Changed what young people see of who looked',
};

/** The lists by name, for the views' `codeName` filter: `{{ e.placementType | codeName('placement') }}`. */
export const CODE_LISTS = {
  legalStatus: LEGAL_STATUS_NAMES,
  placement: PLACEMENT_NAMES,
  reasonEnded: REASON_ENDED_NAMES,
  ethnicity: ETHNICITY_NAMES,
  activity: ACTIVITY_NAMES,
  accommodation: ACCOMMODATION_NAMES,
  contactMethod: CONTACT_METHOD_NAMES,
  seenAlone: SEEN_ALONE_NAMES,
  reasonNewEpisode: REASON_NEW_EPISODE_NAMES,
  categoryOfNeed: CATEGORY_OF_NEED_NAMES,
  placementProvider: PLACEMENT_PROVIDER_NAMES,
  reasonPlaceChange: REASON_PLACE_CHANGE_NAMES,
  sex: SEX_NAMES,
} as const;
export type CodeList = keyof typeof CODE_LISTS;

/**
 * The words for a code from one of the lists above. A code the list does not know is shown as it is:
 * it came from another system, and the person reading may know it where Pathway does not.
 */
export function codeName(names: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (!code) return '';
  return names[code.trim().toUpperCase()] ?? names[code] ?? code;
}

/** An audited action in words; one not in the list is spelt out from its name, never shown as `a.b-c`. */
export function auditActionName(action: string): string {
  const known = AUDIT_ACTION_NAMES[action];
  if (known) return known;
  const words = action
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Options for a select from a code list: the words, with the code after them for staff who know it. */
export function codeItems(names: Readonly<Record<string, string>>, selected?: string) {
  return [
    { value: '', text: 'Choose one' },
    ...Object.entries(names).map(([value, label]) => ({
      value,
      text: `${label} (${value})`,
      selected: value === selected,
    })),
  ];
}
