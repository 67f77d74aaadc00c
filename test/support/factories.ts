// Test data factories: a young person with exactly the history a test needs, added to a generated council.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/data/db.ts';
import { allocations, careEpisodes, statutoryRecords, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';

export type YoungPersonSpec = {
  dateOfBirth: string;
  episodes?: { start: string; end?: string | null; legalStatus?: string; reasonEnded?: string }[];
  work?: { kind: 'needs_assessment' | 'pathway_plan' | 'review' | 'accommodation_review' | 'adviser_visit'; on: string }[];
  personalAdviserId: string;
  teamId: string;
  givenName?: string;
  familyName?: string;
};

let counter = 0;

export async function addYoungPerson(db: Database, rows: CouncilRows, spec: YoungPersonSpec): Promise<{ id: string; reference: string; givenName: string; familyName: string }> {
  const id = randomUUID();
  counter++;
  const person = { id, reference: `F${Date.now() % 100000}${counter}`, givenName: spec.givenName ?? `Test${counter}`, familyName: spec.familyName ?? 'Factory' };
  await db.system(async (tx) => {
    await tx.insert(youngPeople).values({ ...person, councilId: rows.council.id, dateOfBirth: spec.dateOfBirth, sex: 'female', teamId: spec.teamId, personalAdviserId: spec.personalAdviserId });
    await tx.insert(allocations).values({ councilId: rows.council.id, youngPersonId: id, staffId: spec.personalAdviserId, allocationRole: 'personal_adviser', startDate: spec.dateOfBirth });
    for (const e of spec.episodes ?? []) {
      await tx.insert(careEpisodes).values({ councilId: rows.council.id, youngPersonId: id, startDate: e.start, endDate: e.end ?? null, legalStatus: e.legalStatus ?? 'C2', placementType: 'U4', reasonNewEpisode: 'S', reasonEnded: e.end ? (e.reasonEnded ?? 'E8') : null });
    }
    for (const w of spec.work ?? []) {
      await tx.insert(statutoryRecords).values({ councilId: rows.council.id, youngPersonId: id, kind: w.kind, completedOn: w.on, recordedBy: spec.personalAdviserId });
    }
  });
  return person;
}
