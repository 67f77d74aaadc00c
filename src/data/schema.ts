// Drizzle table definitions, matching migrations/*.sql (the SQL files are the source of truth).
import {
  pgTable,
  uuid,
  text,
  boolean,
  integer,
  timestamp,
  date,
  bigserial,
  jsonb,
  primaryKey,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const councils = pgTable('councils', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  name: text('name').notNull(),
  serviceType: text('service_type').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const staff = pgTable('staff', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  teamId: uuid('team_id'),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  passwordHash: text('password_hash'),
  active: boolean('active').notNull().default(true),
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  lastSignInAt: ts('last_sign_in_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const youngPeople = pgTable('young_people', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  reference: text('reference').notNull(),
  givenName: text('given_name').notNull(),
  familyName: text('family_name').notNull(),
  preferredName: text('preferred_name'),
  pronouns: text('pronouns'),
  dateOfBirth: day('date_of_birth').notNull(),
  dateOfBirthAgeAssessed: boolean('date_of_birth_age_assessed').notNull().default(false),
  sex: text('sex').notNull(),
  ethnicity: text('ethnicity'),
  firstLanguage: text('first_language'),
  interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
  communicationNeeds: text('communication_needs'),
  unaccompaniedAsylumSeeking: boolean('unaccompanied_asylum_seeking').notNull().default(false),
  teamId: uuid('team_id').notNull(),
  socialWorkerId: uuid('social_worker_id'),
  personalAdviserId: uuid('personal_adviser_id'),
  caseStatus: text('case_status').notNull().default('open'),
  closedOn: day('closed_on'),
  closureReason: text('closure_reason'),
  restricted: boolean('restricted').notNull().default(false),
  homeWithParentSince: day('home_with_parent_since'),
  detainedOrInHospitalOn16thBirthday: boolean('detained_or_in_hospital_on_16th_birthday').notNull().default(false),
  supportAfter21RequestedOn: day('support_after_21_requested_on'),
  supportAfter21DeclinedOn: day('support_after_21_declined_on'),
  educationProgrammeEndsOn: day('education_programme_ends_on'),
  councilAccommodationSince: day('council_accommodation_since'),
  /** SSDA903 header UPN (migration 016). */
  upn: text('upn'),
  /** The SSDA903 return's CHILD id, unique per council: an import matches on it (migration 017). */
  ssda903Id: text('ssda903_id'),
  /** Made from a return without people.csv: named by its CHILD id until someone gives its name. */
  needsName: boolean('needs_name').notNull().default(false),
  /** Increases with each change of details or allocation: an edit from an older version is a conflict. */
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const dateOfBirthHistory = pgTable('date_of_birth_history', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  dateOfBirth: day('date_of_birth').notNull(),
  ageAssessed: boolean('age_assessed').notNull(),
  reason: text('reason').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

export const allocations = pgTable('allocations', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  staffId: uuid('staff_id').notNull(),
  allocationRole: text('allocation_role').notNull(),
  startDate: day('start_date').notNull(),
  endDate: day('end_date'),
});

export const careEpisodes = pgTable('care_episodes', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  startDate: day('start_date').notNull(),
  endDate: day('end_date'),
  legalStatus: text('legal_status').notNull(),
  placementType: text('placement_type').notNull(),
  reasonNewEpisode: text('reason_new_episode'),
  reasonEnded: text('reason_ended'),
  // The rest of the SSDA903 episode (migration 016): CIN, PLACE_PROVIDER, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN.
  categoryOfNeed: text('category_of_need'),
  placementProvider: text('placement_provider'),
  reasonPlaceChange: text('reason_place_change'),
  homePostcode: text('home_postcode'),
  placementPostcode: text('placement_postcode'),
  urn: text('urn'),
});

/** Which team held a young person's case, from when to when (end exclusive; migration 016). */
export const teamHistory = pgTable('team_history', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  teamId: uuid('team_id').notNull(),
  startDate: day('start_date').notNull(),
  endDate: day('end_date'),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

export const restrictedRecordAccess = pgTable('restricted_record_access', {
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  staffId: uuid('staff_id').notNull(),
});

export const youngPersonAccounts = pgTable('young_person_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  username: text('username').notNull(),
  passwordHash: text('password_hash').notNull(),
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  lastSignInAt: ts('last_sign_in_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  language: text('language'),
  /** Easy read (migration 033): simpler words, pictures and read aloud on their pages. */
  easyRead: boolean('easy_read').notNull().default(false),
});

export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  linkTokenHash: text('link_token_hash').notNull(),
  codeHash: text('code_hash').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  revokedAt: ts('revoked_at'),
});

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  councilId: uuid('council_id').notNull(),
  principalKind: text('principal_kind').notNull(),
  principalId: uuid('principal_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  handle: uuid('handle').notNull().defaultRandom(),
  userAgent: text('user_agent'),
  address: text('address'),
});

export const passwordLinks = pgTable('password_links', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  staffId: uuid('staff_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  purpose: text('purpose').$type<'first' | 'reset'>().notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  revokedAt: ts('revoked_at'),
});

export const signInFailures = pgTable('sign_in_failures', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  address: text('address').notNull(),
  failedAt: ts('failed_at').notNull().defaultNow(),
});

export const auditEvents = pgTable('audit_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  councilId: uuid('council_id').notNull(),
  occurredAt: ts('occurred_at').notNull().defaultNow(),
  actorKind: text('actor_kind').notNull(),
  actorId: uuid('actor_id'),
  action: text('action').notNull(),
  outcome: text('outcome').notNull().default('allowed'),
  youngPersonId: uuid('young_person_id'),
  entityType: text('entity_type'),
  entityId: text('entity_id'),
  requestId: text('request_id'),
  details: jsonb('details').notNull().default({}),
});

export const statutoryRecords = pgTable('statutory_records', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  kind: text('kind').notNull(),
  completedOn: day('completed_on').notNull(),
  notes: text('notes'),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

export const reviewTriggers = pgTable('review_triggers', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  kind: text('kind').notNull(),
  occurredOn: day('occurred_on').notNull(),
  raisedOn: day('raised_on').notNull(),
  description: text('description').notNull(),
  raisedByKind: text('raised_by_kind').notNull(),
  raisedBy: uuid('raised_by').notNull(),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

/** Contact with the young person (migration 013). Never changed or deleted. */
export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  contactOn: day('contact_on').notNull(),
  method: text('method').notNull(),
  seenAlone: text('seen_alone').notNull(),
  place: text('place'),
  othersPresent: text('others_present'),
  discussed: text('discussed').notNull(),
  recordedBy: uuid('recorded_by').notNull(),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  adviserVisitId: uuid('adviser_visit_id'),
});

/** Dated changes of main activity and accommodation (903 ACTIV / ACCOM, migration 013). */
export const circumstanceChanges = pgTable('circumstance_changes', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  kind: text('kind').notNull(),
  changedOn: day('changed_on').notNull(),
  code: text('code').notNull(),
  suitable: boolean('suitable'),
  notes: text('notes'),
  recordedBy: uuid('recorded_by').notNull(),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

export const councilPolicies = pgTable('council_policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  version: integer('version').notNull(),
  policy: jsonb('policy').notNull(),
  reason: text('reason').notNull(),
  changedBy: uuid('changed_by'),
  changedAt: ts('changed_at').notNull().defaultNow(),
});

export const reviews = pgTable('reviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  state: text('state').notNull(),
  review: jsonb('review').notNull(),
  sectionRevisions: jsonb('section_revisions').$type<Record<string, number>>().notNull().default({}),
  basedOnVersion: integer('based_on_version'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const reviewConflicts = pgTable('review_conflicts', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  reviewId: uuid('review_id').notNull(),
  section: text('section').notNull(),
  theirContent: jsonb('their_content').notNull(),
  baseRevision: integer('base_revision').notNull(),
  savedByKind: text('saved_by_kind').notNull(),
  savedBy: uuid('saved_by').notNull(),
  savedAt: ts('saved_at').notNull().defaultNow(),
  resolvedAt: ts('resolved_at'),
});

export const planVersions = pgTable('plan_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  reviewId: uuid('review_id').notNull(),
  version: integer('version').notNull(),
  review: jsonb('review').notNull(),
  approvedOn: day('approved_on').notNull(),
  approvedBy: uuid('approved_by').notNull(),
  qualityRating: text('quality_rating').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

// Quality judgements of approved plans and the actions they set the worker (migration 007).
export const qualityJudgements = pgTable('quality_judgements', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  planVersionId: uuid('plan_version_id').notNull(),
  planVersion: integer('plan_version').notNull(),
  judgedBy: uuid('judged_by').notNull(),
  judgedByRole: text('judged_by_role').notNull(),
  judgedAt: ts('judged_at').notNull().defaultNow(),
  grade: text('grade').notNull(),
  whatIsGood: text('what_is_good').notNull(),
  whatMustImprove: text('what_must_improve').notNull(),
});

export const qualityActions = pgTable('quality_actions', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  judgementId: uuid('judgement_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  position: integer('position').notNull(),
  text: text('text').notNull(),
  workerId: uuid('worker_id').notNull(),
  dueOn: day('due_on').notNull(),
  doneAt: ts('done_at'),
  doneBy: uuid('done_by'),
});

// The council's target for each percentage on the performance page (migration 008).
export const performanceTargets = pgTable(
  'performance_targets',
  {
    councilId: uuid('council_id').notNull(),
    measure: text('measure').notNull(),
    percent: integer('percent').notNull(),
    setBy: uuid('set_by').notNull(),
    setAt: ts('set_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.councilId, t.measure] })],
);

export const schema = {
  councils,
  teams,
  staff,
  youngPeople,
  dateOfBirthHistory,
  allocations,
  careEpisodes,
  teamHistory,
  restrictedRecordAccess,
  youngPersonAccounts,
  invitations,
  sessions,
  passwordLinks,
  signInFailures,
  auditEvents,
  statutoryRecords,
  reviewTriggers,
  contacts,
  circumstanceChanges,
  councilPolicies,
  reviews,
  reviewConflicts,
  planVersions,
  qualityJudgements,
  qualityActions,
  performanceTargets,
};

/** Each closure and reopening of a case, with its reason (migration 019). */
export const caseClosures = pgTable('case_closures', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  kind: text('kind').notNull(),
  onDate: day('on_date').notNull(),
  reason: text('reason'),
  details: text('details'),
  recordedBy: uuid('recorded_by').notNull(),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

/** Tokens council systems call the API with; only a hash of each is kept (migration 021). */
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  name: text('name').notNull(),
  scope: text('scope').$type<'read' | 'write'>().notNull(),
  tokenHash: text('token_hash').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  revokedAt: ts('revoked_at'),
  revokedBy: uuid('revoked_by'),
  lastUsedAt: ts('last_used_at'),
  windowStart: ts('window_start'),
  windowCalls: integer('window_calls').notNull().default(0),
});

/** Idempotency keys of API POSTs and the response each gave (migration 021). */
export const apiIdempotencyKeys = pgTable(
  'api_idempotency_keys',
  {
    councilId: uuid('council_id').notNull(),
    tokenId: uuid('token_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    response: jsonb('response'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] })],
);

/** SSDA903 files uploaded from a page, kept with their preview until the import is confirmed (migration 022). */
export const ssda903Uploads = pgTable('ssda903_uploads', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  uploadedBy: uuid('uploaded_by').notNull(),
  uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  files: jsonb('files').$type<Record<string, string>>().notNull(),
  defaultTeam: text('default_team'),
  summary: jsonb('summary').notNull(),
});

/** Looked-after reviews from the SSDA903 return's reviews.csv (migration 025). */
export const lookedAfterReviews = pgTable('looked_after_reviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  reviewedOn: day('reviewed_on').notNull(),
  participation: text('participation').notNull(),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

/** Missing and away-without-permission episodes from the SSDA903 return's missing.csv (migration 025). */
export const missingEpisodes = pgTable('missing_episodes', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  kind: text('kind').$type<'M' | 'A'>().notNull(),
  startDate: day('start_date').notNull(),
  endDate: day('end_date'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

/** API calls refused before a council is known: no token, or an unknown one (migration 025). */
export const apiRefusals = pgTable('api_refusals', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  occurredAt: ts('occurred_at').notNull().defaultNow(),
  address: text('address').notNull(),
  method: text('method').notNull(),
  route: text('route').notNull(),
  reason: text('reason').$type<'no token' | 'unknown token' | 'rate limit'>().notNull(),
  tokenHint: text('token_hint'),
  requestId: text('request_id'),
});
