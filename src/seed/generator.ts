// Deterministic synthetic councils: the same options always produce the same rows.
// Ages follow a real leaving-care service (see DESIGN.md and the foundation issue);
// care histories make sense for each age.
import type { Random } from './random.ts';
import { seededRandom } from './random.ts';
import { FAMILY_NAMES, GIVEN_NAMES, STAFF_GIVEN } from './names.ts';
import type { StaffRole } from '../domain/permissions.ts';
import type {
  allocations,
  careEpisodes,
  councils,
  dateOfBirthHistory,
  restrictedRecordAccess,
  reviewTriggers,
  staff,
  statutoryRecords,
  contacts,
  circumstanceChanges,
  teams,
  youngPeople,
  youngPersonAccounts,
} from '../data/schema.ts';
import { addDays, addMonths, birthday, deriveCategory } from '../domain/statutory/index.ts';
import { prefillNextReview, type SmartAction } from '../domain/plan/index.ts';
import { approvedOf, reviewAt, syntheticContent, type PlanStage } from './plans.ts';
import type { planVersions, reviews } from '../data/schema.ts';

export type CouncilRows = {
  council: typeof councils.$inferInsert & { id: string };
  teams: (typeof teams.$inferInsert & { id: string })[];
  staff: (typeof staff.$inferInsert & { id: string })[];
  youngPeople: (typeof youngPeople.$inferInsert & { id: string })[];
  episodes: (typeof careEpisodes.$inferInsert)[];
  allocations: (typeof allocations.$inferInsert)[];
  dobHistory: (typeof dateOfBirthHistory.$inferInsert)[];
  restricted: (typeof restrictedRecordAccess.$inferInsert)[];
  accounts: (typeof youngPersonAccounts.$inferInsert)[];
  statutoryRecords: (typeof statutoryRecords.$inferInsert)[];
  reviewTriggers: (typeof reviewTriggers.$inferInsert)[];
  reviews: (typeof reviews.$inferInsert)[];
  planVersions: (typeof planVersions.$inferInsert)[];
  contacts: (typeof contacts.$inferInsert)[];
  circumstanceChanges: (typeof circumstanceChanges.$inferInsert)[];
};

export type GenerateOptions = {
  index: number;
  slug: string;
  name: string;
  youngPeople: number;
  /** ISO date the ages are computed against. */
  today: string;
  seed?: number;
  /** Hash given to every staff account; demo mode only. null = no one can sign in until an admin sets a password. */
  staffPasswordHash: string | null;
  /** Also create the demo young person's account with this hash. */
  youngPersonPasswordHash?: string | null;
  /** Email domain for staff, e.g. demo.pathway.test */
  emailDomain: string;
  /**
   * Years of approved plan versions to hold: every plan and review of the last N years becomes a
   * version (1, 2, …), as a council that has used Pathway that long would have. By default (0) only
   * the latest plan is held, as version 1, as when a council moves its current plans in.
   */
  planHistoryYears?: number;
};

/** The age mix of a real service, per 615 young people (foundation issue). */
const AGE_MIX: [minMonths: number, maxMonths: number, weight: number][] = [
  [186, 191, 29], // 15½ to 15 and 11 months
  [192, 203, 91], // 16
  [204, 215, 136], // 17
  [216, 227, 116], // 18
  [228, 239, 108], // 19
  [240, 251, 96], // 20
  [252, 299, 39], // 21 to 24
];

const TEAMS: { name: string; serviceType: 'leaving_care' | 'looked_after_13_25' | 'disabled_children' }[] = [
  { name: 'Leaving Care North', serviceType: 'leaving_care' },
  { name: 'Leaving Care South', serviceType: 'leaving_care' },
  { name: '16 Plus Looked After', serviceType: 'looked_after_13_25' },
  { name: 'Unaccompanied Young People', serviceType: 'leaving_care' },
  { name: 'Children with Disabilities', serviceType: 'disabled_children' },
];

const ETHNICITIES = [
  'WBRI',
  'WBRI',
  'WBRI',
  'WBRI',
  'WIRI',
  'WOTH',
  'MWBC',
  'MWBA',
  'MWAS',
  'MOTH',
  'AIND',
  'APKN',
  'ABAN',
  'BCRB',
  'BAFR',
  'CHNE',
  'OOTH',
];
const UASC_ORIGINS = [
  { ethnicity: 'BAFR', language: 'Tigrinya' },
  { ethnicity: 'BAFR', language: 'Amharic' },
  { ethnicity: 'AOTH', language: 'Pashto' },
  { ethnicity: 'AOTH', language: 'Dari' },
  { ethnicity: 'OOTH', language: 'Kurdish' },
  { ethnicity: 'OOTH', language: 'Arabic' },
  { ethnicity: 'BAFR', language: 'Sudanese Arabic' },
];
const FOSTER = ['U1', 'U3', 'U4', 'U5', 'U6'];
const PRONOUNS = ['she/her', 'he/him', 'they/them'];

function uuidFrom(rng: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rng.next() * 4)];
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// Birthdays follow the statutory convention (29 February → 1 March), as the rules do.
const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

export function generateCouncil(o: GenerateOptions): CouncilRows {
  const rng = seededRandom((o.seed ?? 20_261_123) + o.index * 7919);
  // Ids come from their own stream, seeded by the slug: the same people in two councils never share a row id.
  const idRng = seededRandom(
    [...o.slug].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0, 2166136261),
  );
  const id = () => uuidFrom(idRng);
  const council = { id: id(), slug: o.slug, name: o.name };
  const teamRows = TEAMS.map((t) => ({ id: id(), councilId: council.id, name: t.name, serviceType: t.serviceType }));
  const staffRows: CouncilRows['staff'] = [];
  const usedEmails = new Set<string>();
  const addStaff = (role: StaffRole, teamId: string | null, emailLocal?: string) => {
    const given = rng.pick(STAFF_GIVEN);
    const family = rng.pick(FAMILY_NAMES);
    let local = emailLocal ?? `${given}.${family}`.toLowerCase();
    for (let n = 2; usedEmails.has(local); n++) local = `${given}.${family}${n}`.toLowerCase();
    usedEmails.add(local);
    const row = {
      id: id(),
      councilId: council.id,
      teamId,
      email: `${local}@${o.emailDomain}`,
      displayName: `${given} ${family}`,
      role,
      passwordHash: o.staffPasswordHash,
    };
    staffRows.push(row);
    return row;
  };

  // Demo sign-ins first, so their addresses are stable: one per role.
  const [north, , lookedAfterTeam, uascTeam, disabledTeam] = teamRows;
  const demoPa = addStaff('personal_adviser', north.id, 'pa');
  addStaff('team_manager', north.id, 'tm');
  const demoSw = addStaff('social_worker', lookedAfterTeam.id, 'sw');
  addStaff('independent_reviewing_officer', null, 'iro');
  addStaff('service_manager', null, 'sm');
  addStaff('council_admin', null, 'admin');
  addStaff('independent_reviewing_officer', null);
  // Each team: a manager, personal advisers and (for looked-after work) social workers.
  const teamStaff = new Map<string, { pas: typeof staffRows; sws: typeof staffRows; tm: (typeof staffRows)[number] }>();
  for (const team of teamRows) {
    const tm =
      staffRows.find((s) => s.role === 'team_manager' && s.teamId === team.id) ?? addStaff('team_manager', team.id);
    const pas = staffRows.filter((s) => s.role === 'personal_adviser' && s.teamId === team.id);
    while (pas.length < (team.serviceType === 'leaving_care' ? 5 : 3)) pas.push(addStaff('personal_adviser', team.id));
    const sws = staffRows.filter((s) => s.role === 'social_worker' && s.teamId === team.id);
    while (sws.length < (team.serviceType === 'leaving_care' ? 1 : 3)) sws.push(addStaff('social_worker', team.id));
    teamStaff.set(team.id, { pas, sws, tm });
  }

  const totalWeight = AGE_MIX.reduce((n, [, , w]) => n + w, 0);
  const yps: CouncilRows['youngPeople'] = [];
  const episodes: CouncilRows['episodes'] = [];
  const allocationRows: CouncilRows['allocations'] = [];
  const dobHistory: CouncilRows['dobHistory'] = [];
  const restricted: CouncilRows['restricted'] = [];
  const work: CouncilRows['statutoryRecords'] = [];
  const reviewRows: CouncilRows['reviews'] = [];
  const versionRows: CouncilRows['planVersions'] = [];
  // Plans come from their own stream, so adding them never changes anyone's history.
  const planRng = seededRandom(((o.seed ?? 20_261_123) ^ 0x5eed) + o.index * 104_729);
  const OPEN_STAGES: PlanStage[] = [
    'outcomes',
    'planning',
    'drafting',
    'awaiting_signatures',
    'awaiting_approval',
    'returned',
  ];
  const triggers: CouncilRows['reviewTriggers'] = [];
  let made = 0;
  let demoPaHasCase = false;
  AGE_MIX.forEach(([minMonths, maxMonths, weight], band) => {
    const count =
      band === AGE_MIX.length - 1 ? o.youngPeople - made : Math.round((o.youngPeople * weight) / totalWeight);
    for (let i = 0; i < count; i++) {
      made++;
      const ypId = id();
      const ageDays = rng.int(minMonths * 30.44, maxMonths * 30.44 + 29) | 0;
      const dob = addDays(o.today, -ageDays);
      const uasc = rng.chance(0.08);
      const disabled = !uasc && rng.chance(0.05);
      // About 1 in 50 use they/them; the 903 return still records their sex as male or female (rule 232).
      const nonBinary = rng.chance(0.02);
      const sex = nonBinary ? (made % 2 ? 'female' : 'male') : rng.chance(uasc ? 0.9 : 0.55) ? 'male' : 'female';
      const given = rng.pick(GIVEN_NAMES);
      const family = rng.pick(FAMILY_NAMES);
      const origin = uasc ? rng.pick(UASC_ORIGINS) : null;
      const bd = (n: number) => birthday(dob, n);
      const age18 = bd(18);
      const under18 = o.today < age18;

      // Care history. Entry: UASC arrive at 14–17; others between 8 and 16.
      const entry = uasc ? addDays(bd(14), rng.int(0, 3 * 365)) : addDays(bd(8), rng.int(0, 8 * 365));
      const firstDay = min(entry, addDays(o.today, -120));
      // Most young people stay looked after to 18; some leave at 16 or 17 (relevant children).
      const leavesEarly = rng.chance(0.22);
      const earlyLeave = addDays(bd(16), rng.int(30, 600));
      // An early leaver leaves after coming in; everyone else is looked after until 18 (or still, if younger).
      const careEnds: string | null =
        leavesEarly && earlyLeave > firstDay && earlyLeave < o.today && earlyLeave < age18
          ? earlyLeave
          : age18 <= o.today
            ? age18
            : null;
      const legalStatus = uasc ? 'V2' : rng.chance(0.7) ? 'C2' : 'V2';
      // Split the period of care into placements: each placement change starts a new episode.
      let start = firstDay;
      const changes = rng.int(0, 3);
      for (let c = 0; c <= changes; c++) {
        const last = c === changes;
        let end: string | null = last ? careEnds : addDays(start, rng.int(120, 900));
        if (!last && (end! >= (careEnds ?? o.today) || end! >= o.today)) end = careEnds;
        const isFinal = last || end === careEnds;
        const olderPlacement = start >= bd(16) && rng.chance(0.5);
        episodes.push({
          councilId: council.id,
          youngPersonId: ypId,
          startDate: start,
          endDate: end,
          legalStatus,
          placementType: disabled ? 'K2' : olderPlacement ? rng.pick(['H5', 'P2', 'U4']) : rng.pick(FOSTER),
          reasonNewEpisode: c === 0 ? 'S' : 'P',
          reasonEnded: end ? (isFinal ? (end === age18 ? 'E8' : rng.pick(['E13', 'E41', 'E4A'])) : 'X1') : null,
        });
        if (isFinal || !end) break;
        start = end;
      }

      // Teams: disabled children and UASC have their own teams; looked-after 16–17s are with the 16+ team.
      const lookedAfterNow = careEnds === null;
      const teamPick = rng.int(0, 1);
      const paPick = rng.next();
      const toDemo = rng.chance(0.2);
      // However small the council, the demo adviser holds at least one care leaver's case (the demo young person).
      const firstForDemo = !demoPaHasCase && !disabled && !uasc && !(lookedAfterNow && under18);
      const team = firstForDemo
        ? north
        : disabled
          ? disabledTeam
          : uasc
            ? uascTeam
            : lookedAfterNow && under18
              ? lookedAfterTeam
              : teamRows[teamPick];
      const ts = teamStaff.get(team.id)!;
      let pa = ts.pas[Math.floor(paPick * ts.pas.length)];
      // The demo personal adviser has a believable caseload of about twenty.
      if (firstForDemo || (team.id === north.id && toDemo)) pa = demoPa;
      if (pa === demoPa) demoPaHasCase = true;
      const sw = lookedAfterNow
        ? team.id === lookedAfterTeam.id && rng.chance(0.25)
          ? demoSw
          : rng.pick(ts.sws.length ? ts.sws : [demoSw])
        : null;
      const paFrom = min(o.today, max(addMonths(bd(16), -3), firstDay));
      // A quarter have had an earlier adviser.
      if (rng.chance(0.25) && paFrom < addDays(o.today, -200)) {
        const previous = rng.pick(
          ts.pas.filter((p) => p.id !== pa.id).length ? ts.pas.filter((p) => p.id !== pa.id) : ts.pas,
        );
        const changeOn = addDays(paFrom, rng.int(30, 180));
        if (changeOn < o.today) {
          allocationRows.push({
            councilId: council.id,
            youngPersonId: ypId,
            staffId: previous.id,
            allocationRole: 'personal_adviser',
            startDate: paFrom,
            endDate: changeOn,
          });
          allocationRows.push({
            councilId: council.id,
            youngPersonId: ypId,
            staffId: pa.id,
            allocationRole: 'personal_adviser',
            startDate: changeOn,
          });
        } else
          allocationRows.push({
            councilId: council.id,
            youngPersonId: ypId,
            staffId: pa.id,
            allocationRole: 'personal_adviser',
            startDate: paFrom,
          });
      } else
        allocationRows.push({
          councilId: council.id,
          youngPersonId: ypId,
          staffId: pa.id,
          allocationRole: 'personal_adviser',
          startDate: paFrom,
        });
      if (sw)
        allocationRows.push({
          councilId: council.id,
          youngPersonId: ypId,
          staffId: sw.id,
          allocationRole: 'social_worker',
          startDate: firstDay,
        });

      // Support ends at 21 unless they asked for it to 25; some over-21s have closed.
      const closed = o.today >= bd(21) && rng.chance(0.2);
      const ageAssessed = uasc && rng.chance(0.5);
      yps.push({
        id: ypId,
        councilId: council.id,
        reference: `${o.slug.toUpperCase().slice(0, 3)}${String(100000 + made).slice(1)}`,
        givenName: given,
        familyName: family,
        preferredName: rng.chance(0.12) ? rng.pick(GIVEN_NAMES) : null,
        pronouns: rng.chance(0.4) ? (nonBinary ? PRONOUNS[2] : sex === 'male' ? PRONOUNS[1] : PRONOUNS[0]) : null,
        dateOfBirth: dob,
        dateOfBirthAgeAssessed: ageAssessed,
        sex,
        ethnicity: origin?.ethnicity ?? rng.pick(ETHNICITIES),
        firstLanguage: origin?.language ?? 'English',
        interpreterNeeded: Boolean(origin) && rng.chance(0.6),
        communicationNeeds: disabled
          ? rng.pick([
              'Uses Makaton',
              'Autistic: give information in writing before meetings',
              'Uses a wheelchair',
              'Learning disability: easy-read documents',
            ])
          : null,
        unaccompaniedAsylumSeeking: uasc,
        teamId: team.id,
        socialWorkerId: sw?.id ?? null,
        personalAdviserId: pa.id,
        caseStatus: closed ? 'closed' : 'open',
        // Closed some weeks after the 21st birthday, and never after today: a case closed in the future
        // would be closed on its record yet open in every count made on the days before.
        closedOn: closed ? min(addDays(bd(21), rng.int(0, 60)), o.today) : null,
        closureReason: closed ? 'Turned 21 and did not want support to 25' : null,
        restricted: false,
      });
      // What has been done so far: assessments, plans and reviews, with some late and some never started.
      const derived = deriveCategory({
        dateOfBirth: dob,
        asOf: o.today,
        episodes: episodes
          .filter((e) => e.youngPersonId === ypId)
          .map((e) => ({ start: e.startDate, end: e.endDate ?? null, legalStatus: e.legalStatus })),
      });
      const person = yps[yps.length - 1];
      const clockStart =
        derived.eligibleFrom && !derived.eligibleFromIsProjected ? derived.eligibleFrom : derived.relevantFrom;
      const under21 = o.today < bd(21);
      if (derived.category === 'FORMER_RELEVANT_21_TO_25' && rng.chance(0.45))
        person.supportAfter21RequestedOn = addDays(bd(21), -rng.int(0, 60));
      // The others were offered support at 21 and said no (they can still ask until 25).
      else if (derived.category === 'FORMER_RELEVANT_21_TO_25') person.supportAfter21DeclinedOn = addDays(bd(21), -14);
      // Most looked-after 15¾-year-olds have started pathway planning with a needs assessment.
      const planningFrom = addMonths(bd(15), 9);
      if (derived.category === 'LOOKED_AFTER_UNDER_16' && planningFrom <= o.today && rng.chance(0.7)) {
        const assessed = addDays(planningFrom, rng.int(0, 60));
        if (assessed <= o.today)
          work.push({
            councilId: council.id,
            youngPersonId: ypId,
            kind: 'needs_assessment',
            completedOn: assessed,
            recordedBy: pa.id,
          });
      }
      if (clockStart && clockStart <= o.today && !closed) {
        const profile = rng.next();
        const recordedBy = pa.id;
        if (profile >= 0.06) {
          const assessed = addDays(clockStart, rng.int(14, 80));
          if (assessed <= o.today) {
            work.push({
              councilId: council.id,
              youngPersonId: ypId,
              kind: 'needs_assessment',
              completedOn: assessed,
              recordedBy,
            });
            const planned = addDays(assessed, rng.int(0, 25));
            if (planned <= o.today) {
              work.push({
                councilId: council.id,
                youngPersonId: ypId,
                kind: 'pathway_plan',
                completedOn: planned,
                recordedBy,
              });
              // Reviews about every five and a half months while the duty runs; one in eight has fallen behind.
              const late = profile < 0.18;
              const stopAt = under21 || person.supportAfter21RequestedOn ? o.today : bd(21);
              const lastAllowed = late ? addDays(o.today, -rng.int(215, 300)) : stopAt;
              let review = addDays(planned, rng.int(140, 178));
              while (review <= lastAllowed && review <= stopAt) {
                work.push({
                  councilId: council.id,
                  youngPersonId: ypId,
                  kind: 'review',
                  completedOn: review,
                  recordedBy,
                });
                review = addDays(review, rng.int(140, 178));
              }
            }
          }
        }
        // A few recent significant changes or requests, which bring the next review forward.
        if (rng.chance(0.06)) {
          const kind = rng.pick([
            'accommodation_move',
            'accommodation_at_risk',
            'education_or_work_change',
            'young_person_request',
            'became_parent',
          ] as const);
          const raisedOn = addDays(o.today, -rng.int(0, 35));
          const description = {
            accommodation_move: 'Moved to a new flat',
            accommodation_at_risk: 'Landlord has given notice',
            education_or_work_change: 'Left college course',
            young_person_request: 'I want to talk about my plan again',
            became_parent: 'Baby born',
          }[kind];
          triggers.push({
            councilId: council.id,
            youngPersonId: ypId,
            kind,
            occurredOn: addDays(raisedOn, -rng.int(0, 5)),
            raisedOn,
            description,
            raisedByKind: kind === 'young_person_request' ? 'young_person' : 'staff',
            raisedBy: kind === 'young_person_request' ? ypId : pa.id,
          });
        }
        // Some live in accommodation the council provides, with adviser visits.
        if (['RELEVANT', 'FORMER_RELEVANT'].includes(derived.category) && rng.chance(0.1)) {
          const since = addDays(o.today, -rng.int(20, 300));
          person.councilAccommodationSince = since;
          for (let visit = addDays(since, rng.int(2, 7)); visit <= o.today; visit = addDays(visit, rng.int(40, 66))) {
            work.push({
              councilId: council.id,
              youngPersonId: ypId,
              kind: 'adviser_visit',
              completedOn: visit,
              recordedBy,
            });
          }
        }
      }
      // Their plan as Pathway holds it: the last approved version, and for some a review under way.
      const planDates = work
        .filter((w) => w.youngPersonId === ypId && (w.kind === 'pathway_plan' || w.kind === 'review'))
        .map((w) => w.completedOn)
        .sort();
      const lastPlan = planDates.at(-1);
      const context = { uasc, firstPlan: true };
      const manager = teamStaff.get(team.id)!.tm;
      let previous: ReturnType<typeof approvedOf> | null = null;
      const historyFrom = addMonths(o.today, -12 * (o.planHistoryYears ?? 0));
      const held = lastPlan ? [...planDates.filter((d) => d >= historyFrom && d < lastPlan), lastPlan] : [];
      for (const [index, on] of held.entries()) {
        const rid = id();
        // The last plan is a first plan when it is the only one; an older one when nothing came before it.
        const firstPlan = index === held.length - 1 ? planDates.length === 1 : index === 0 && on === planDates[0];
        const approved = reviewAt({
          id: rid,
          youngPersonId: ypId,
          context: { uasc, firstPlan },
          adviserId: pa.id,
          managerId: manager.id,
          content: syntheticContent(planRng, { uasc, firstPlan }, on, id),
          stage: 'approved',
          on,
        });
        previous = approvedOf(approved, index + 1);
        reviewRows.push({
          id: rid,
          councilId: council.id,
          youngPersonId: ypId,
          state: 'approved',
          review: approved,
          sectionRevisions: {},
          basedOnVersion: index === 0 ? null : index,
        });
        versionRows.push({
          councilId: council.id,
          youngPersonId: ypId,
          reviewId: rid,
          version: index + 1,
          review: previous,
          approvedOn: on,
          approvedBy: manager.id,
          qualityRating: planRng.pick(['outstanding', 'good', 'good', 'requires_improvement', 'inadequate']),
        });
      }
      const reviewSoon = lastPlan && addMonths(lastPlan, 6) <= addDays(o.today, 45);
      const firstPlanDue = !lastPlan && clockStart && clockStart <= o.today && !closed;
      if ((reviewSoon || firstPlanDue) && planRng.chance(0.6)) {
        const rid = id();
        const stage = planRng.pick(OPEN_STAGES);
        const ctx = { ...context, firstPlan: !previous };
        const content = previous ? prefillNextReview(previous) : syntheticContent(planRng, ctx, o.today, id);
        // Pre-filled reviews answer the outcomes afresh: fill what the stage needs.
        // Actions carried over from the last plan whose date has passed are brought up to date, as a
        // worker would: done since the last plan, or given a new date (an open action dated in the past
        // cannot be saved, so the review could not go on).
        const upToDate = (a: SmartAction): SmartAction => {
          if (a.byWhen > o.today) return a;
          if (planRng.chance(0.5)) return { ...a, status: 'done', completedOn: addDays(o.today, -planRng.int(1, 20)) };
          return { ...a, status: 'in_progress', byWhen: addDays(o.today, planRng.int(30, 120)) };
        };
        const filled = previous
          ? {
              ...content,
              areas: Object.fromEntries(
                Object.entries(content.areas).map(([k, a]) => [
                  k,
                  {
                    ...a!,
                    actions: a!.actions.map(upToDate),
                    youngPersonScale: planRng.int(2, 10),
                    workerScale: planRng.int(2, 10),
                    assessmentOfNeed: 'Doing well; still needs some support.',
                    progressSinceLastReview: 'Progress since the last plan.',
                  },
                ]),
              ),
            }
          : content;
        const started = addDays(o.today, -planRng.int(3, 30));
        const open = reviewAt({
          id: rid,
          youngPersonId: ypId,
          context: ctx,
          adviserId: pa.id,
          managerId: manager.id,
          content: filled,
          stage,
          on: started,
        });
        reviewRows.push({
          id: rid,
          councilId: council.id,
          youngPersonId: ypId,
          state: open.state,
          review: open,
          sectionRevisions: {},
          basedOnVersion: previous ? held.length : null,
        });
      }
      void context;
      dobHistory.push({
        councilId: council.id,
        youngPersonId: ypId,
        dateOfBirth: ageAssessed ? addDays(dob, -rng.int(200, 700)) : dob,
        ageAssessed: false,
        reason: uasc ? 'Date of birth given on arrival' : 'Recorded when they came into care',
      });
      if (ageAssessed)
        dobHistory.push({
          councilId: council.id,
          youngPersonId: ypId,
          dateOfBirth: dob,
          ageAssessed: true,
          reason: 'Changed after an age assessment',
        });
    }
  });

  // A few restricted records: visible only to their own adviser and team manager.
  for (const yp of yps.filter((_, i) => i % 200 === 37)) {
    yp.restricted = true;
    restricted.push({ councilId: council.id, youngPersonId: yp.id, staffId: yp.personalAdviserId! });
    restricted.push({ councilId: council.id, youngPersonId: yp.id, staffId: teamStaff.get(yp.teamId)!.tm.id });
  }

  // The demo young person: 17, left care at 16, allocated to the demo adviser.
  const accounts: CouncilRows['accounts'] = [];
  if (o.youngPersonPasswordHash) {
    const demo = yps.find((y) => y.personalAdviserId === demoPa.id && !y.restricted && y.caseStatus === 'open');
    if (demo)
      accounts.push({
        councilId: council.id,
        youngPersonId: demo.id,
        username: o.slug === 'demo' ? 'young.person' : `young.person.${o.slug}`,
        passwordHash: o.youngPersonPasswordHash,
      });
    // The demo young person's plan starts in Pathway: no plan held yet, so the demo can walk the whole cycle.
    // Their earlier plan and reviews go too, so their timeline does not say a plan was agreed that Pathway does not hold.
    if (demo) {
      for (const list of [reviewRows, versionRows] as { youngPersonId: string }[][]) {
        for (let i = list.length - 1; i >= 0; i--) if (list[i].youngPersonId === demo.id) list.splice(i, 1);
      }
      for (let i = work.length - 1; i >= 0; i--) {
        if (work[i].youngPersonId === demo.id && (work[i].kind === 'pathway_plan' || work[i].kind === 'review'))
          work.splice(i, 1);
      }
    }
  }
  episodeDetails(o, yps, episodes);
  const keptInTouch = contactsAndChanges(o, council.id, yps, work);
  return {
    council,
    teams: teamRows,
    staff: staffRows,
    youngPeople: yps,
    episodes,
    allocations: allocationRows,
    dobHistory,
    restricted,
    accounts,
    statutoryRecords: work,
    reviewTriggers: triggers,
    reviews: reviewRows,
    planVersions: versionRows,
    ...keptInTouch,
  };
}

// Categories of need (903 CIN) as England's looked-after children: abuse or neglect for most.
const NEEDS = ['N1', 'N1', 'N1', 'N1', 'N1', 'N1', 'N4', 'N4', 'N5', 'N5', 'N3', 'N6', 'N7', 'N8'];
const PLACE_CHANGE_REASONS = ['CARPL', 'CARPL', 'CARPL', 'CHILD', 'CREQO', 'CREQB', 'LAREQ', 'STAND', 'CLOSE', 'OTHER'];
// Placements with no Ofsted URN (DfE rules 218 and 222): with parents, residential employment, NHS,
// custody, temporary moves, other.
const NO_URN = ['P1', 'P2', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1'];
const SUPPORTED_ACCOMMODATION_FROM = '2023-10-28';
const POSTCODE_AREAS = ['LS', 'BD', 'HX', 'WF', 'HD'];

/**
 * The rest of each 903 episode, from a stream of its own so the council is otherwise the same: one
 * category of need for the period of care (DfE rule 504), the placement provider, the Ofsted URN of
 * registered placements (rule 218), the home and placement postcodes (rules 392b, 392d), the reason
 * for each change of placement (rule 225), and why care ended at 18: independent living, staying put
 * with foster carers, or another reason.
 */
function episodeDetails(o: GenerateOptions, yps: CouncilRows['youngPeople'], episodes: CouncilRows['episodes']) {
  const rng = seededRandom(((o.seed ?? 20_261_123) ^ 0x903) + o.index * 7_368_787);
  const la = rng.int(201, 938);
  const providers = Array.from({ length: 24 }, () => String(rng.int(1_000_000, 2_999_999)));
  const postcode = () =>
    `${rng.pick(POSTCODE_AREAS)}${rng.int(1, 29)} ${rng.int(1, 9)}${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}`;
  const byPerson = new Map<string, CouncilRows['episodes']>();
  for (const e of episodes) byPerson.set(e.youngPersonId, [...(byPerson.get(e.youngPersonId) ?? []), e]);
  for (const yp of yps) {
    const own = byPerson.get(yp.id) ?? [];
    const need = own.some((e) => e.placementType === 'K2')
      ? 'N2'
      : yp.unaccompaniedAsylumSeeking
        ? 'N8'
        : rng.pick(NEEDS);
    const home = postcode();
    // A Unique Pupil Number for those who went to school in England; unaccompanied young people who
    // never did have the DfE's UN2 (rule 442 asks for one or the other).
    yp.upn =
      yp.unaccompaniedAsylumSeeking && rng.chance(0.6)
        ? 'UN2'
        : upn(
            `${la}${rng.int(2000, 7999)}${String(rng.int(5, 20)).padStart(2, '0')}${String(rng.int(1, 999)).padStart(3, '0')}`,
          );
    const age18 = birthday(String(yp.dateOfBirth), 18);
    own.forEach((e, i) => {
      // Independent living (P2) ended on 28 October 2023: supported accommodation (H5) for any placement
      // going on after it (rule 217t).
      if (e.placementType === 'P2' && (e.endDate == null || e.endDate > SUPPORTED_ACCOMMODATION_FROM))
        e.placementType = 'H5';
      const place = e.placementType;
      e.categoryOfNeed = need;
      e.placementProvider = /^U[1-3]$/.test(place)
        ? 'PR1'
        : place === 'H5'
          ? rng.pick(['PR4', 'PR5'])
          : rng.pick(['PR1', 'PR1', 'PR4']);
      // Supported accommodation is registered with Ofsted, so has a URN, from 28 October 2023 (rules 218, 222).
      const unregistered = place === 'H5' && e.endDate != null && e.endDate < SUPPORTED_ACCOMMODATION_FROM;
      e.urn = NO_URN.includes(place) || unregistered ? null : rng.pick(providers);
      e.homePostcode = home;
      e.placementPostcode = postcode();
      if (e.reasonEnded === 'X1' && own[i + 1]) e.reasonPlaceChange = rng.pick(PLACE_CHANGE_REASONS);
      if (e.reasonEnded === 'E8' && e.endDate === age18)
        e.reasonEnded = /^U/.test(place) && rng.chance(0.3) ? 'E17' : rng.pick(['E5', 'E5', 'E6', 'E8']);
    });
  }
}

const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
/** A UPN from its 12 digits: the DfE check letter (weights 2 to 13, sum modulo 23) before them. */
function upn(digits: string): string {
  const sum = [...digits].reduce((n, d, i) => n + Number(d) * (i + 2), 0);
  return `${UPN_LETTERS[sum % 23]}${digits}`;
}

// About 60 % in education, employment or training (England, 19 to 21: 54 %, reference §4).
const ACTIVITY_MIX = ['F2', 'F2', 'F2', 'P2', 'F1', 'F4', 'F5', 'F5', 'P5', 'G5', 'G5', 'G5', 'G4', 'G4', 'G6'];
// No foyer (T) before 19: the return allows none for anyone under 18 at the start of the year (DfE rule 347).
const ACCOMMODATION_AT_17 = ['D', 'D', 'C', 'E', 'E'];
const ACCOMMODATION_MIX = ['U', 'U', 'U', 'D', 'D', 'E', 'B', 'B', 'K', 'T', 'Y'];
// One move in ten is somewhere rarely or never suitable (England, 19 to 21: 89 % suitable, reference §4).
const ACCOMMODATION_RARE = ['V', 'W', 'S', 'X', 'R'];
const NEVER_SUITABLE = ['S', 'X'];
const MOSTLY_UNSUITABLE = ['V', 'W', 'R'];

/**
 * Contact every 6 to 8 weeks with care leavers aged 16 and over who have a personal adviser (over the
 * last two years, and around birthdays in the two before), some with a gap of months and some who lost touch; and a history of their main
 * activity and accommodation from 16. From streams of their own, so the rest of the council is the
 * same with or without them. A face-to-face visit by the adviser is also the statutory adviser visit
 * (as recording one in the app makes it); those in accommodation the council provides already have
 * their visits, which become their face-to-face contacts.
 */
function contactsAndChanges(
  o: GenerateOptions,
  councilId: string,
  yps: CouncilRows['youngPeople'],
  work: CouncilRows['statutoryRecords'],
): Pick<CouncilRows, 'contacts' | 'circumstanceChanges'> {
  const rng = seededRandom(((o.seed ?? 20_261_123) ^ 0xc0ffee) + o.index * 15_485_863);
  const idRng = seededRandom([...o.slug].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 2246822519) >>> 0, 40503));
  const visitsOf = new Map<string, CouncilRows['statutoryRecords']>();
  for (const w of work)
    if (w.kind === 'adviser_visit') visitsOf.set(w.youngPersonId, [...(visitsOf.get(w.youngPersonId) ?? []), w]);
  const contactRows: CouncilRows['contacts'] = [];
  const changes: CouncilRows['circumstanceChanges'] = [];
  const topics = [
    'How college is going and money for travel',
    'Rent, bills and the budget plan',
    'Health appointments and registering with a dentist',
    'Looking for work and the CV',
    'Friends, family time and how they are feeling',
    'Their flat and a repair that is needed',
  ];
  for (const yp of yps) {
    const pa = yp.personalAdviserId;
    const dob = String(yp.dateOfBirth);
    const from16 = birthday(dob, 16);
    if (!pa || from16 > o.today) continue;
    const until = yp.closedOn && String(yp.closedOn) < o.today ? String(yp.closedOn) : o.today;
    const contact = (on: string, method: string, adviserVisitId: string | null = null) =>
      contactRows.push({
        id: uuidFrom(idRng),
        councilId,
        youngPersonId: yp.id,
        contactOn: on,
        method,
        seenAlone: method === 'visit' ? (rng.chance(0.7) ? 'yes' : 'no') : 'not_applicable',
        place:
          method === 'visit' ? rng.pick(['Their home', 'A café in town', 'The leaving care office', 'College']) : null,
        othersPresent: method === 'visit' && rng.chance(0.15) ? 'Their partner' : null,
        discussed: rng.pick(topics),
        recordedBy: pa,
        adviserVisitId,
      });
    const visits = visitsOf.get(yp.id);
    if (visits) {
      // Accommodation the council provides: each recorded visit is a face-to-face contact.
      for (const v of visits) {
        v.id ??= uuidFrom(idRng);
        contact(String(v.completedOn), 'visit', v.id);
      }
    } else {
      const recentFrom = addMonths(o.today, -24);
      const start = [from16, recentFrom].sort()[1];
      // Before the last two years only the contact around each 17th to 21st birthday (3 months before to
      // 1 month after), so three collection years of the 903 return have OC3 rows that mean something.
      for (let age = 17; age <= 21; age++) {
        const on = addDays(birthday(dob, age), -rng.int(0, 80));
        if (on >= addMonths(o.today, -48) && on < recentFrom && on <= until && rng.chance(0.85))
          contact(on, rng.pick(['phone', 'video', 'message']));
      }
      const lostTouchOn = rng.chance(0.12) ? addDays(o.today, -rng.int(180, 540)) : null;
      const gapFrom = rng.chance(0.15) ? addDays(o.today, -rng.int(120, 700)) : null;
      const gapTo = gapFrom ? addDays(gapFrom, rng.int(120, 210)) : null;
      for (let on = addDays(start, rng.int(0, 50)); on <= until; on = addDays(on, rng.int(42, 56))) {
        if (lostTouchOn && on >= lostTouchOn) break;
        if (gapFrom && gapTo && on >= gapFrom && on < gapTo) continue;
        const method = rng.pick(['visit', 'visit', 'visit', 'phone', 'phone', 'video', 'message', 'message']);
        let visitId: string | null = null;
        if (method === 'visit') {
          visitId = uuidFrom(idRng);
          work.push({
            id: visitId,
            councilId,
            youngPersonId: yp.id,
            kind: 'adviser_visit',
            completedOn: on,
            recordedBy: pa,
          });
        }
        contact(on, method, visitId);
      }
    }
    // Main activity from 16, changing every 6 to 18 months.
    for (let on = from16; on <= until; on = addDays(on, rng.int(180, 540)))
      changes.push({
        councilId,
        youngPersonId: yp.id,
        kind: 'activity',
        changedOn: on,
        code: rng.pick(ACTIVITY_MIX),
        recordedBy: pa,
      });
    // Accommodation from 17; staying put (Z) only from 18.
    const from17 = birthday(dob, 17);
    const from18 = birthday(dob, 18);
    const moves = [from17];
    for (let on = from18; on <= until; on = addDays(on, rng.int(240, 600))) moves.push(on);
    for (const on of moves.filter((d) => d <= until)) {
      const picked =
        on < from18
          ? rng.pick(ACCOMMODATION_AT_17)
          : on === from18 && rng.chance(0.25)
            ? 'Z'
            : rng.pick(rng.chance(0.1) ? ACCOMMODATION_RARE : ACCOMMODATION_MIX);
      const code = picked === 'T' && on === from18 ? 'D' : picked;
      const suitable = NEVER_SUITABLE.includes(code)
        ? false
        : MOSTLY_UNSUITABLE.includes(code)
          ? rng.chance(0.2)
          : rng.chance(0.95);
      changes.push({
        councilId,
        youngPersonId: yp.id,
        kind: 'accommodation',
        changedOn: on,
        code,
        suitable,
        recordedBy: pa,
      });
    }
  }
  return { contacts: contactRows, circumstanceChanges: changes };
}
