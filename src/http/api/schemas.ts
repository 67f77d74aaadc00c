// The API's schemas (issue 11 §5): the same zod schemas validate each request and describe it in the
// OpenAPI document (openapi.ts), and describe each response. Codes are the DfE lists of domain/codes.ts,
// so a council system sees every allowed code in the document.
import { z } from 'zod';
import {
  CATEGORY_OF_NEED_NAMES,
  ETHNICITY_NAMES,
  LEGAL_STATUS_NAMES,
  PLACEMENT_NAMES,
  PLACEMENT_PROVIDER_NAMES,
  REASON_ENDED_NAMES,
  REASON_NEW_EPISODE_NAMES,
  REASON_PLACE_CHANGE_NAMES,
  SEX_NAMES,
} from '../../domain/codes.ts';
import { CLOSURE_REASONS } from '../../domain/closure.ts';
import { normalisePostcode, postcodeProblem, upnProblem, urnProblem } from '../../domain/records.ts';
import { CONTACT_METHODS, SEEN_ALONE } from '../../services/contacts.ts';
import { DOWNLOADS } from '../../services/oversight.ts';

const codes = (names: Readonly<Record<string, string>>) => Object.keys(names) as [string, ...string[]];
const codeOf = (names: Readonly<Record<string, string>>, what: string) =>
  z.enum(codes(names), { message: `${what}: use one of the codes listed in the API document` });
const isoDate = z.iso.date({ message: 'Use a date in the form YYYY-MM-DD' });
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
/** Optional text: absent, null or empty is nothing. */
const optionalText = (max: number) => text(max).nullish();
/** Text that, when given, must pass a domain check (a UPN, postcode or URN). */
const checked = (problem: (v: string) => string | null, max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .superRefine((v, ctx) => {
      const found = v ? problem(v) : null;
      if (found) ctx.addIssue({ code: 'custom', message: found });
    });

/** A version number as PostgreSQL's integer holds it: a bigger one would fail in the database, not here. */
const version = z.int().min(1).max(2_147_483_647);

export const uuid = z.uuid({ message: 'Use an id from this API' });
export const idParams = z.object({ id: uuid });

export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    instance: z.string(),
    requestId: z.string().optional(),
    errors: z.record(z.string(), z.string()).optional().describe('What is wrong with which field'),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem' });

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

// Young people ------------------------------------------------------------------------------------

export const newYoungPerson = z
  .object({
    reference: z
      .string()
      .trim()
      .max(40)
      .regex(/^[A-Za-z0-9/-]*$/, 'Use letters, numbers, hyphens and slashes')
      .optional()
      .describe('The council’s own reference; one is made when absent'),
    givenName: text(100).min(1, 'Enter their given name'),
    familyName: text(100).min(1, 'Enter their family name'),
    preferredName: optionalText(100),
    dateOfBirth: isoDate,
    dateOfBirthAgeAssessed: z.boolean().default(false),
    sex: codeOf(SEX_NAMES, 'Sex'),
    ethnicity: codeOf(ETHNICITY_NAMES, 'Ethnicity').nullish(),
    upn: checked((v) => upnProblem(v.replace(/\s+/g, '').toUpperCase()), 20),
    unaccompaniedAsylumSeeking: z.boolean().default(false),
    firstLanguage: optionalText(100),
    interpreterNeeded: z.boolean().default(false),
    communicationNeeds: optionalText(2000),
    teamId: uuid,
  })
  .strict()
  .meta({ id: 'NewYoungPerson' });

export const careEpisode = z
  .object({
    id: z.string(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    reasonNewEpisode: z.string().nullable(),
    legalStatus: z.string(),
    categoryOfNeed: z.string().nullable(),
    placementType: z.string(),
    placementProvider: z.string().nullable(),
    reasonEnded: z.string().nullable(),
    reasonPlaceChange: z.string().nullable(),
    homePostcode: z.string().nullable(),
    placementPostcode: z.string().nullable(),
    urn: z.string().nullable(),
  })
  .meta({ id: 'CareEpisode' });

export const allocation = z
  .object({
    id: z.string(),
    role: z.string(),
    staffName: z.string().nullable(),
    startDate: z.string(),
    endDate: z.string().nullable(),
  })
  .meta({ id: 'Allocation' });

export const youngPersonSummary = z
  .object({
    id: z.string(),
    reference: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    preferredName: z.string().nullable(),
    dateOfBirth: z.string(),
    teamId: z.string(),
    category: z.string().describe('Care leaver category on today’s facts'),
    nextDue: z.object({ code: z.string(), label: z.string(), on: z.string() }).nullable(),
  })
  .meta({ id: 'YoungPersonSummary' });

export const youngPeoplePage = z
  .object({
    items: z.array(youngPersonSummary),
    page: z.int(),
    pages: z.int(),
    total: z.int(),
  })
  .meta({ id: 'YoungPeoplePage' });

export const youngPerson = z
  .object({
    id: z.string(),
    version: z.int().describe('Send it back with a change: a change from an older version is refused (409)'),
    reference: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    preferredName: z.string().nullable(),
    pronouns: z.string().nullable(),
    dateOfBirth: z.string(),
    dateOfBirthAgeAssessed: z.boolean(),
    sex: z.string(),
    ethnicity: z.string().nullable(),
    upn: z.string().nullable(),
    firstLanguage: z.string().nullable(),
    interpreterNeeded: z.boolean(),
    communicationNeeds: z.string().nullable(),
    unaccompaniedAsylumSeeking: z.boolean(),
    team: z.object({ id: z.string(), name: z.string().nullable() }),
    socialWorker: z.string().nullable(),
    personalAdviser: z.string().nullable(),
    caseStatus: z.string(),
    closedOn: z.string().nullable(),
    closureReason: z.string().nullable(),
    careEpisodes: z.array(careEpisode),
    allocations: z.array(allocation),
  })
  .meta({ id: 'YoungPerson' });

export const created = z.object({ id: z.string() }).meta({ id: 'Created' });
export const done = z.object({ id: z.string(), version: z.int().optional() }).meta({ id: 'Done' });

// Care episodes, allocations, contacts, closures -------------------------------------------------------

export const newCareEpisode = z
  .object({
    startDate: isoDate,
    reasonNewEpisode: codeOf(REASON_NEW_EPISODE_NAMES, 'Reason for new episode'),
    legalStatus: codeOf(LEGAL_STATUS_NAMES, 'Legal status'),
    categoryOfNeed: codeOf(CATEGORY_OF_NEED_NAMES, 'Category of need'),
    placementType: codeOf(PLACEMENT_NAMES, 'Placement type'),
    placementProvider: codeOf(PLACEMENT_PROVIDER_NAMES, 'Placement provider'),
    reasonPlaceChange: codeOf(REASON_PLACE_CHANGE_NAMES, 'Reason for place change').nullish(),
    homePostcode: checked((v) => postcodeProblem(normalisePostcode(v), 'Home postcode'), 10),
    placementPostcode: checked((v) => postcodeProblem(normalisePostcode(v), 'Placement postcode'), 10),
    urn: checked((v) => urnProblem(v.replace(/\s+/g, '').toUpperCase()), 10),
  })
  .strict()
  .meta({ id: 'NewCareEpisode' });
export const careEpisodes = z.object({ items: z.array(careEpisode) }).meta({ id: 'CareEpisodes' });
/** Codes a period of care may end with (for reading the list). */
export const REASON_ENDED_CODES = codes(REASON_ENDED_NAMES);

export const newAllocation = z
  .object({
    version,
    role: z.enum(['personal_adviser', 'social_worker']),
    staffId: uuid,
    startDate: isoDate,
  })
  .strict()
  .meta({ id: 'NewAllocation' });
export const allocations = z.object({ items: z.array(allocation) }).meta({ id: 'Allocations' });

export const newContact = z
  .object({
    contactOn: isoDate,
    method: z.enum(CONTACT_METHODS),
    seenAlone: z.enum(SEEN_ALONE),
    place: text(500).default(''),
    othersPresent: text(500).default(''),
    discussed: text(5000).min(1, 'Enter what was talked about'),
  })
  .strict()
  .meta({ id: 'NewContact' });
export const contact = z
  .object({
    id: z.string(),
    contactOn: z.string(),
    method: z.string(),
    seenAlone: z.string(),
    place: z.string().nullable(),
    othersPresent: z.string().nullable(),
    discussed: z.string(),
    recordedBy: z.string().nullable(),
  })
  .meta({ id: 'Contact' });
export const contactsPage = z
  .object({ items: z.array(contact), page: z.int(), pages: z.int(), total: z.int() })
  .meta({ id: 'ContactsPage' });

export const closure = z
  .object({
    version,
    reason: z.enum(CLOSURE_REASONS),
    on: isoDate,
    details: text(2000).default(''),
  })
  .strict()
  .meta({ id: 'Closure' });
export const reopening = z
  .object({ version, on: isoDate, details: text(2000).min(1, 'Say why the case is reopened') })
  .strict()
  .meta({ id: 'Reopening' });

// Statutory status, plans, performance ---------------------------------------------------------------

export const dueItem = z
  .object({ code: z.string(), label: z.string(), on: z.string(), rule: z.string(), why: z.string() })
  .meta({ id: 'DueItem' });
export const statutoryStatus = z
  .object({
    category: z.string(),
    eligibleFrom: z.string().nullable(),
    relevantFrom: z.string().nullable(),
    formerRelevantFrom: z.string().nullable(),
    needsAssessmentDue: z.string().nullable(),
    firstPlanDue: z.string().nullable(),
    nextReviewDue: z.string().nullable(),
    supportEndsOn: z.string().nullable(),
    urgency: z.enum(['overdue', 'due-soon', 'on-track']).nullable(),
    due: z.array(dueItem),
  })
  .meta({ id: 'StatutoryStatus' });

export const planParams = z.object({
  id: uuid,
  version: z.union([z.literal('latest'), z.coerce.number().int().min(1).max(2_147_483_647)]),
});
export const planQuery = z.object({ part: z.enum(['whole', 'planning']).default('whole') });
export const approvedPlan = z
  .object({
    youngPersonId: z.string(),
    version: z.int(),
    approvedOn: z.string(),
    qualityRating: z.string(),
    plan: z.record(z.string(), z.unknown()).describe('The approved plan as kept: every area, action and signature'),
  })
  .meta({ id: 'ApprovedPlan' });

export const performanceParams = z.object({ table: z.enum(DOWNLOADS) });
export const performanceQuery = z.object({ asAt: isoDate.optional().describe('Defaults to today') });
export const performanceTable = z
  .object({
    table: z.string(),
    asAt: z.string(),
    header: z.array(z.string()),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  })
  .meta({ id: 'PerformanceTable' });
export type NewContact = z.infer<typeof newContact>;
