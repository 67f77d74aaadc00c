// Test data for the oversight measures: one young person in care, 17 on the
// as-at date, allocated to team A — override only what a row is about.
import type { CareEpisode } from '../../../src/domain/statutory/index.ts';
import type {
  Allocation,
  OversightFacts,
  PlanHistory,
  ReviewRecord,
  TeamRef,
  YoungPersonRecord,
} from '../../../src/domain/oversight/index.ts';

export const AS_AT = '2026-11-30';
export const TEAM_A: TeamRef = { id: 'team-a', name: '13-25 LAC Team 1' };
export const TEAM_B: TeamRef = { id: 'team-b', name: '13-25 LAC Team 2' };

export const inCare = (start: string, end: string | null = null, legalStatus = 'C2'): CareEpisode => ({
  start,
  end,
  legalStatus,
});

export const allocated = (
  team: TeamRef,
  from: string,
  to: string | null = null,
  personalAdviserId: string | null = 'pa-1',
): Allocation => ({
  team,
  personalAdviserId,
  from,
  to,
});

export function buildYoungPerson(props: Partial<YoungPersonRecord> = {}): YoungPersonRecord {
  return {
    id: 'yp-1',
    dateOfBirth: '2009-06-01',
    caseOpenedOn: '2024-01-01',
    caseClosedOn: null,
    restricted: false,
    unaccompanied: false,
    careEpisodes: [inCare('2020-01-01')],
    allocations: [allocated(TEAM_A, '2024-01-01')],
    ...props,
  };
}

export function buildPlanHistory(
  youngPersonId: string,
  approvedOn: readonly string[] = [],
  reviews: ReviewRecord[] = [],
): PlanHistory {
  return {
    youngPersonId,
    approvedPlans: approvedOn.map((on, i) => ({ versionId: `${youngPersonId}-v${i + 1}`, approvedOn: on })),
    reviews,
  };
}

export function buildReview(props: Partial<ReviewRecord> & Pick<ReviewRecord, 'id' | 'startedOn'>): ReviewRecord {
  return { submittedForApprovalOn: [], returnedOn: [], approvedOn: null, ...props };
}

export function facts(youngPeople: YoungPersonRecord[], planHistories: PlanHistory[] = []): OversightFacts {
  return { youngPeople, planHistories };
}
