// Who may do what to which record: one capability table plus record predicates.
// Pure: no I/O. Routes hide what a user may not do; services enforce it with authorize().

export const STAFF_ROLES = [
  'personal_adviser',
  'social_worker',
  'team_manager',
  'independent_reviewing_officer',
  'service_manager',
  'council_admin',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_NAMES: Record<StaffRole, string> = {
  personal_adviser: 'Personal adviser',
  social_worker: 'Social worker',
  team_manager: 'Team manager',
  independent_reviewing_officer: 'Independent reviewing officer',
  service_manager: 'Service manager',
  council_admin: 'Council administrator',
};

/** What an API token may do (issue 11 §5): read — GET calls only; write — also POST calls. */
export type ApiScope = 'read' | 'write';
export const API_ROLES = { read: 'api_read', write: 'api_write' } as const;
export type ApiRole = (typeof API_ROLES)[ApiScope];

import type { SupporterAccess } from './supporters.ts';

export type Principal =
  | { kind: 'staff'; id: string; councilId: string; role: StaffRole; teamId: string | null; name: string }
  | { kind: 'young_person'; id: string; councilId: string; name: string; easyRead?: boolean }
  /**
   * Someone a young person named to read their plan, or read it and help write their part (issue 12 §6):
   * `id` is the supporter's own, `youngPersonId` the one young person whose plan they may reach.
   */
  | {
      kind: 'supporter';
      id: string;
      councilId: string;
      youngPersonId: string;
      access: SupporterAccess;
      name: string;
    }
  /**
   * A council system calling the API with a token: a service identity of its council, reaching every
   * record of the council that is not restricted. `id` is the administrator who issued the token (what it
   * writes is recorded in their name); `tokenId` is the actor the audit trail names.
   */
  | {
      kind: 'api_token';
      id: string;
      tokenId: string;
      councilId: string;
      role: ApiRole;
      teamId: null;
      name: string;
    };

export type Capability =
  | 'record.view' // a young person's record summary (details, care history, allocations)
  | 'record.search' // find young people by name or reference
  | 'caseload.view' // the young people allocated to me
  | 'team.view' // a list of a team's young people
  | 'council.view' // every team's list
  | 'audit.view' // the audit trail of a record
  | 'invitation.create' // invite a young person to sign in
  | 'record.update' // record what has happened: care history, age assessment, significant changes, statutory work
  | 'review.request' // a young person asks for a review of their own plan
  | 'policy.manage' // the council's local timescales
  | 'reminders.outbox' // the demo outbox: the reminders Pathway sent, or would have sent without a Notify key
  | 'invitation.manage' // see and revoke invitations
  | 'staff.manage'
  | 'teams.manage'
  | 'account-changes.view' // every grant of a role and every set-password link in the council
  | 'performance.view' // the service's figures: a team manager their team's, IROs and service managers every team's
  | 'performance.targets' // set the council's target for each percentage on the performance page
  | 'quality.view' // quality judgements of approved plans, and their actions for the worker
  | 'quality.judge' // record a quality judgement of an approved plan (canJudgePlan says which)
  | 'audit.draw' // draw a dip sample of approved plans for case-file audit, and assign auditors
  | 'audit.do' // audit a sampled plan assigned to me (canAuditItem says which)
  | 'record.create' // add a young person to Pathway (canCreateInTeam says in which team)
  | 'record.allocate' // allocate, transfer and end workers, and move a case between teams (canAllocate says which)
  | 'records.retention' // the records kept past their time (75th birthday, CPPCR 2010 reg 50), listed for deletion
  | 'record.close' // close a case with a reason, and reopen it (canClose says which; issue 11 §3)
  | 'records.import' // import the council's SSDA903 return: creates and updates records (issue 11 §4)
  | 'records.export' // export the council's SSDA903 return for a collection year (issue 11 §4)
  | 'api.manage' // issue, list and revoke the council's API tokens (issue 11 §5)
  | 'record.export' // everything held about one young person, for a subject access request (issue 11 §6)
  | 'check-in.record' // a young person says how things are, and may ask for help (issue 12 §1)
  | 'messages.use' // message threads between a young person and their workers (issue 12 §2)
  | 'profile.write' // write my own one-page profile, which the young people I work with see (issue 12 §4)
  | 'record-views.view' // a young person sees which staff looked at their record, and may ask why (issue 12 §4)
  | 'plan.read' // the young person's plan pages, /my-plan (canReachPlan says whose)
  | 'plan.write-part' // write the young person's own part of their open plan (canReachPlan says whose)
  | 'supporters.manage'; // a young person names who may read their plan or help write their part (issue 12 §6)

type Actor = StaffRole | ApiRole | 'young_person' | 'supporter_read' | 'supporter_help_write';

/** The one permission table. */
export const CAPABILITIES: Record<Actor, readonly Capability[]> = {
  young_person: [
    'record.view',
    'review.request',
    'check-in.record',
    'messages.use',
    'record-views.view',
    'plan.read',
    'plan.write-part',
    'supporters.manage',
  ],
  // A supporter reaches one young person's plan pages and nothing else: not the record, check-ins,
  // messages or the young person's account (issue 12 §6).
  supporter_read: ['plan.read'],
  supporter_help_write: ['plan.read', 'plan.write-part'],
  personal_adviser: [
    'record.view',
    'record.search',
    'caseload.view',
    'invitation.create',
    'record.update',
    'quality.view',
    'messages.use',
    'profile.write',
  ],
  social_worker: [
    'record.view',
    'record.search',
    'caseload.view',
    'invitation.create',
    'record.update',
    'quality.view',
    'messages.use',
    'profile.write',
  ],
  team_manager: [
    'record.view',
    'record.search',
    'caseload.view',
    'team.view',
    'audit.view',
    'invitation.create',
    'record.update',
    'performance.view',
    'quality.view',
    'quality.judge',
    'audit.do',
    'record.create',
    'record.allocate',
    'record.close',
    'messages.use',
    'profile.write',
  ],
  independent_reviewing_officer: [
    'record.view',
    'record.search',
    'performance.view',
    'quality.view',
    'quality.judge',
    'audit.do',
    'profile.write',
  ],
  service_manager: [
    'record.view',
    'record.search',
    'team.view',
    'council.view',
    'audit.view',
    'account-changes.view',
    'performance.view',
    'performance.targets',
    'quality.view',
    'audit.draw',
    'audit.do',
    'record.create',
    'record.allocate',
    'record.close',
    'records.export',
    'record.export',
  ],
  council_admin: [
    'staff.manage',
    'teams.manage',
    'invitation.manage',
    'policy.manage',
    'reminders.outbox',
    'records.import',
    'records.export',
    'records.retention',
    'api.manage',
  ],
  // Council systems: a read token reads every record of its council (GET calls); a write token also
  // creates records, adds care history and contacts, allocates and closes (POST calls).
  api_read: ['record.view', 'record.search', 'team.view', 'council.view', 'performance.view'],
  api_write: [
    'record.view',
    'record.search',
    'team.view',
    'council.view',
    'performance.view',
    'record.create',
    'record.update',
    'record.allocate',
    'record.close',
  ],
};

/**
 * Which young people's records a role reaches:
 * own — only their own record (a young person);
 * caseload+team — allocated to them, and others in their team (workers find colleagues' cases);
 * team — everyone in their team; council — everyone in the council;
 * looked-after — everyone currently looked after (an IRO reviews looked-after children's plans);
 * none — no case content at all (administrators).
 */
export type RecordScope = 'own' | 'caseload+team' | 'team' | 'council' | 'looked-after' | 'none';

export const RECORD_SCOPE: Record<Actor, RecordScope> = {
  young_person: 'own',
  supporter_read: 'none',
  supporter_help_write: 'none',
  personal_adviser: 'caseload+team',
  social_worker: 'caseload+team',
  team_manager: 'team',
  independent_reviewing_officer: 'looked-after',
  service_manager: 'council',
  council_admin: 'none',
  api_read: 'council',
  api_write: 'council',
};

/** The facts about a record that decide who may reach it. */
export type RecordFacts = {
  id: string;
  councilId: string;
  teamId: string;
  socialWorkerId: string | null;
  personalAdviserId: string | null;
  restricted: boolean;
  /** Staff named on a restricted record: only they may see it. */
  namedStaffIds: readonly string[];
  lookedAfterNow: boolean;
};

const actorOf = (p: Principal): Actor => {
  if (p.kind === 'young_person') return 'young_person';
  if (p.kind === 'supporter') return p.access === 'help_write' ? 'supporter_help_write' : 'supporter_read';
  return p.role;
};

export function can(principal: Principal, capability: Capability): boolean {
  return CAPABILITIES[actorOf(principal)].includes(capability);
}

export function isAllocated(principal: Principal, record: RecordFacts): boolean {
  return (
    principal.kind === 'staff' && (record.socialWorkerId === principal.id || record.personalAdviserId === principal.id)
  );
}

/** May this person see this young person's record? */
export function canAccessRecord(principal: Principal, record: RecordFacts): boolean {
  if (principal.councilId !== record.councilId) return false;
  if (principal.kind === 'young_person') return principal.id === record.id;
  // A supporter never opens the record itself, only the plan pages (canReachPlan).
  if (principal.kind === 'supporter' || !can(principal, 'record.view')) return false;
  // A restricted record is visible only to the staff named on it, whatever their role.
  if (record.restricted) return record.namedStaffIds.includes(principal.id);
  const sameTeam = principal.teamId !== null && principal.teamId === record.teamId;
  switch (RECORD_SCOPE[principal.role]) {
    case 'caseload+team':
      return isAllocated(principal, record) || sameTeam;
    case 'team':
      return sameTeam || isAllocated(principal, record);
    case 'council':
      return true;
    case 'looked-after':
      return record.lookedAfterNow;
    default:
      return false;
  }
}

/**
 * May this person record a quality judgement of this young person's plans? IROs judge the plans they may
 * see; a team manager judges their own team's plans only (not a case allocated to them in another team).
 */
export function canJudgePlan(principal: Principal, record: RecordFacts): boolean {
  if (!can(principal, 'quality.judge') || !canAccessRecord(principal, record)) return false;
  if (principal.kind === 'staff' && principal.role === 'team_manager') return principal.teamId === record.teamId;
  return true;
}

/** May this person read quality judgements of this young person's plans? */
export function canReadJudgements(principal: Principal, record: RecordFacts): boolean {
  return can(principal, 'quality.view') && canAccessRecord(principal, record);
}

/**
 * May this person mark a quality action (or a case-file audit's follow-up action) done? The worker it is
 * for, or a manager: one who may judge the plan, or a service manager who may see the record.
 */
export function canCompleteQualityAction(principal: Principal, workerId: string | null, record: RecordFacts): boolean {
  if (principal.kind !== 'staff' || !canAccessRecord(principal, record)) return false;
  if (principal.id === workerId) return true;
  return canJudgePlan(principal, record) || principal.role === 'service_manager';
}

/**
 * May this person audit this sampled plan? Only the auditor assigned to it, and only while they may read
 * the young person's record: an audit reads the whole case file, so it opens no record the auditor could
 * not open anyway (the service offers as auditors only those who may read it).
 */
export function canAuditItem(principal: Principal, auditorId: string | null, record: RecordFacts): boolean {
  return can(principal, 'audit.do') && principal.id === auditorId && canAccessRecord(principal, record);
}

/**
 * May this person add a young person to this team? A team manager to their own team; a service manager
 * to any team of the council.
 */
export function canCreateInTeam(principal: Principal, teamId: string): boolean {
  if (principal.kind === 'young_person' || principal.kind === 'supporter' || !can(principal, 'record.create'))
    return false;
  return can(principal, 'council.view') || principal.teamId === teamId;
}

/**
 * May this person allocate workers to this young person, end their allocations or move them to another
 * team? A team manager for their own team's cases (they may move one out to another team); a service
 * manager for any case they may see. Workers record what happens on a case but do not allocate it.
 */
export function canAllocate(principal: Principal, record: RecordFacts): boolean {
  if (principal.kind === 'young_person' || principal.kind === 'supporter') return false;
  if (!can(principal, 'record.allocate') || !canAccessRecord(principal, record)) return false;
  return can(principal, 'council.view') || principal.teamId === record.teamId;
}

/**
 * May this person close this young person's case, or reopen it? The managers who allocate it (issue 11
 * §3): a team manager for their own team's cases, a service manager for any case they may see.
 */
export function canClose(principal: Principal, record: RecordFacts): boolean {
  return can(principal, 'record.close') && canAllocate(principal, record);
}

/**
 * May this person export everything held about this young person (a subject access request, UK GDPR
 * Article 15)? A service manager, for a record they may see: the request goes to the council, not a worker.
 */
export function canExportRecord(principal: Principal, record: RecordFacts): boolean {
  return can(principal, 'record.export') && canAccessRecord(principal, record);
}

/**
 * May this person read and write in a message thread? Only its two people: the young person, and the
 * worker it is with (issue 12 §2). Anyone else is told it does not exist.
 */
export function canUseThread(principal: Principal, thread: { youngPersonId: string; staffId: string }): boolean {
  if (!can(principal, 'messages.use')) return false;
  return principal.kind === 'young_person' ? principal.id === thread.youngPersonId : principal.id === thread.staffId;
}

/**
 * May this person read this young person's plan pages, or write the young person's own part of their open
 * plan (issue 12 §6)? A supporter: only the one young person who named them, in the same council, and to
 * write only with "help write". Everyone else as for the record itself (staff writing is the review's own
 * rules; a young person only their own).
 */
export function canReachPlan(principal: Principal, record: RecordFacts, mode: 'read' | 'write'): boolean {
  if (principal.kind !== 'supporter') return canAccessRecord(principal, record);
  if (principal.councilId !== record.councilId || principal.youngPersonId !== record.id) return false;
  return can(principal, mode === 'read' ? 'plan.read' : 'plan.write-part');
}

export class Forbidden extends Error {
  readonly statusCode = 403;
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Throws Forbidden unless the principal has the capability. */
export function authorize(principal: Principal, capability: Capability): void {
  if (!can(principal, capability)) throw new Forbidden(`missing capability ${capability}`);
}
