// Importing the SSDA903 return (issue 11 §4) into a random generated council, on PGlite and
// PostgreSQL: records matched on CHILD, so importing again updates and never duplicates; a dry run
// writes nothing; any error writes nothing and lists file, line, column and reason; audited.
import { randomBytes } from 'node:crypto';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/data/db.ts';
import type { Principal, StaffRole } from '../../src/domain/permissions.ts';
import { allocations, auditEvents, careEpisodes, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { ssda903Import } from '../../src/services/ssda903-import.ts';
import { buildCouncil, testClock, testDatabase, testDriver } from '../support/app.ts';
import { csv, EPISODES, HEADER, sampleReturn } from '../support/ssda903.ts';

const SYSTEM = { actorKind: 'system', actorId: null, requestId: null } as const;
let db: Database;
let rows: CouncilRows;
let importer: ReturnType<typeof ssda903Import>;

beforeAll(async () => {
  db = await testDatabase({ poolSize: 6 });
  rows = await buildCouncil(db, { youngPeople: 5 });
  importer = ssda903Import(db, testClock());
});
afterAll(() => db.close());

const tag = () => `T${randomBytes(3).toString('hex').toUpperCase()}`;
const councilId = () => rows.council.id;

/** The records made from these CHILD ids, with their episodes and open allocations. */
async function imported(ids: string[]) {
  return db.withCouncil(councilId(), async (tx) => {
    const people = await tx.select().from(youngPeople).where(inArray(youngPeople.ssda903Id, ids));
    const personIds = people.map((p) => p.id);
    const episodes = personIds.length
      ? await tx.select().from(careEpisodes).where(inArray(careEpisodes.youngPersonId, personIds))
      : [];
    const open = personIds.length
      ? await tx.select().from(allocations).where(inArray(allocations.youngPersonId, personIds))
      : [];
    return { people, episodes, allocations: open };
  });
}

async function auditCount(action: string) {
  return db.withCouncil(councilId(), async (tx) => {
    const [row] = await tx
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.councilId, councilId())));
    return row.n;
  });
}

describe('importing the SSDA903 return', () => {
  it('creates young people, their episodes, names, team and allocations; without people.csv a record needs a name', async () => {
    const s = sampleReturn(rows, tag());
    const before = await auditCount('ssda903.import');
    const result = await importer.importReturn(councilId(), SYSTEM, s.files, {
      dryRun: false,
      defaultTeam: s.team.name,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.summary).toMatchObject({
      created: 3,
      updated: 0,
      unchanged: 0,
      episodesAdded: 4,
      allocations: 2,
      needName: 1,
    });

    const { people, episodes, allocations: allocs } = await imported(Object.values(s.ids));
    expect(people).toHaveLength(3);
    const x = people.find((p) => p.ssda903Id === s.ids.x);
    const y = people.find((p) => p.ssda903Id === s.ids.y);
    const z = people.find((p) => p.ssda903Id === s.ids.z);
    expect(x).toMatchObject({
      givenName: 'Ada',
      familyName: 'Testperson',
      preferredName: 'Addy',
      sex: 'male',
      dateOfBirth: '2008-02-01',
      ethnicity: 'WBRI',
      upn: 'A123456789012',
      teamId: s.team.id,
      personalAdviserId: s.pa.id,
      socialWorkerId: s.sw.id,
      needsName: false,
      unaccompaniedAsylumSeeking: false,
    });
    expect(y).toMatchObject({ givenName: 'Bea', sex: 'female', unaccompaniedAsylumSeeking: true, needsName: false });
    expect(z).toMatchObject({ givenName: s.ids.z, needsName: true, sex: 'female', teamId: s.team.id });
    const ofX = episodes
      .filter((e) => e.youngPersonId === x?.id)
      .sort((a, b) => a.startDate.localeCompare(b.startDate));
    expect(ofX).toMatchObject([
      {
        startDate: '2024-03-01',
        endDate: '2024-09-01',
        reasonEnded: 'X1',
        legalStatus: 'C2',
        categoryOfNeed: 'N1',
        placementType: 'U4',
        placementProvider: 'PR1',
        reasonPlaceChange: 'CARPL',
        homePostcode: 'LS1 1AA',
        placementPostcode: 'LS2 2BB',
        urn: 'SC123456',
      },
      { startDate: '2024-09-01', endDate: null, placementType: 'K2' },
    ]);
    expect(allocs.map((a) => a.allocationRole).sort()).toEqual(['personal_adviser', 'social_worker']);

    // One audit row for the import with its counts, one per young person created.
    expect(await auditCount('ssda903.import')).toBe(before + 1);
    const rowsFor = await db.withCouncil(councilId(), (tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          inArray(
            auditEvents.youngPersonId,
            people.map((p) => p.id),
          ),
        ),
    );
    expect(rowsFor.filter((r) => r.action === 'young-person.create')).toHaveLength(3);
    const [last] = await db.withCouncil(councilId(), (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.action, 'ssda903.import')),
    );
    expect(last.details).toMatchObject({ created: expect.any(Number), episodesAdded: expect.any(Number) });
  });

  it('importing again never duplicates, and applies what changed', async () => {
    const s = sampleReturn(rows, tag());
    const ok = await importer.importReturn(councilId(), SYSTEM, s.files, { dryRun: false, defaultTeam: s.team.name });
    expect(ok.ok).toBe(true);
    const first = await imported(Object.values(s.ids));

    const again = await importer.importReturn(councilId(), SYSTEM, s.files, {
      dryRun: false,
      defaultTeam: s.team.name,
    });
    expect(again).toMatchObject({ ok: true, summary: { created: 0, updated: 0, unchanged: 3, episodesAdded: 0 } });
    const second = await imported(Object.values(s.ids));
    expect(second.people).toHaveLength(3);
    expect(second.episodes).toHaveLength(first.episodes.length);
    expect(second.allocations).toHaveLength(first.allocations.length);

    // Z's episode ends, a new one starts, its ethnicity is corrected, and people.csv now names it.
    const changed = {
      ...s.files,
      'header.csv': s.files['header.csv'].replace(`${s.ids.z},2,03/03/2009,MWBA`, `${s.ids.z},2,03/03/2009,MWBC`),
      'episodes.csv': s.files['episodes.csv'].replace(
        `${s.ids.z},05/05/2025,S,C1,N2,U6,PR1,,,,,,`,
        `${s.ids.z},05/05/2025,S,C1,N2,U6,PR1,01/08/2025,X1,CHILD,,,\r\n${s.ids.z},01/08/2025,P,C2,N2,K2,PR4,,,,,,`,
      ),
      'people.csv': `${s.files['people.csv']}${s.ids.z},Cal,Invented,,,,\r\n`,
    };
    const update = await importer.importReturn(councilId(), SYSTEM, changed, {
      dryRun: false,
      defaultTeam: s.team.name,
    });
    expect(update).toMatchObject({
      ok: true,
      summary: { created: 0, updated: 1, unchanged: 2, episodesAdded: 1, episodesUpdated: 1, needName: 0 },
    });
    const third = await imported(Object.values(s.ids));
    expect(third.people).toHaveLength(3);
    const z = third.people.find((p) => p.ssda903Id === s.ids.z);
    const zBefore = second.people.find((p) => p.ssda903Id === s.ids.z);
    expect(z).toMatchObject({ ethnicity: 'MWBC', givenName: 'Cal', familyName: 'Invented', needsName: false });
    expect(z?.version).toBeGreaterThan(zBefore?.version ?? 0);
    const ofZ = third.episodes
      .filter((e) => e.youngPersonId === z?.id)
      .sort((a, b) => a.startDate.localeCompare(b.startDate));
    expect(ofZ.map((e) => [e.startDate, e.endDate, e.reasonEnded, e.reasonPlaceChange])).toEqual([
      ['2025-05-05', '2025-08-01', 'X1', 'CHILD'],
      ['2025-08-01', null, null, null],
    ]);
    const updates = await db.withCouncil(councilId(), (tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.youngPersonId, z?.id as string), eq(auditEvents.action, 'young-person.update'))),
    );
    expect(updates).toHaveLength(1);
    expect(updates[0].details).toMatchObject({
      source: 'ssda903',
      fields: expect.arrayContaining(['ethnicity', 'givenName']),
    });
  });

  it('a dry run reports what it would do and writes nothing', async () => {
    const s = sampleReturn(rows, tag());
    const audits = await auditCount('ssda903.import');
    const result = await importer.importReturn(councilId(), SYSTEM, s.files, {
      dryRun: true,
      defaultTeam: s.team.name,
    });
    expect(result).toMatchObject({ ok: true, summary: { dryRun: true, created: 3, episodesAdded: 4, allocations: 2 } });
    expect((await imported(Object.values(s.ids))).people).toHaveLength(0);
    expect(await auditCount('ssda903.import')).toBe(audits);
  });

  it('a return with errors writes nothing and lists every one with file, line, column and reason', async () => {
    const s = sampleReturn(rows, tag());
    const bad = {
      ...s.files,
      'header.csv': csv(
        HEADER,
        `${s.ids.x},1,31/02/2008,WBRI,,,`,
        `${s.ids.y},F,15/06/2008,BAFR,,,`,
        `${s.ids.y},F,15/06/2008,BAFR,,,`,
      ),
      'episodes.csv': csv(EPISODES, `${s.ids.y},10/10/2023,S,ZZ,N4,H5,PR4,,,,,,`),
    };
    const result = await importer.importReturn(councilId(), SYSTEM, bad, { dryRun: false, defaultTeam: s.team.name });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.file, e.line, e.column])).toEqual([
      ['episodes.csv', 2, 'LS'],
      ['header.csv', 2, 'DOB'],
      ['header.csv', 4, 'CHILD'],
    ]);
    expect(result.errors.every((e) => e.reason.length > 0)).toBe(true);
    expect((await imported(Object.values(s.ids))).people).toHaveLength(0);
  });

  it('a person the council cannot place (unknown team or worker) writes nothing, the others neither', async () => {
    const s = sampleReturn(rows, tag());
    const bad = {
      ...s.files,
      'people.csv': s.files['people.csv'].replace(
        `${s.ids.y},Bea,Madeupname,,,,`,
        `${s.ids.y},Bea,Madeupname,,No Such Team,,nobody@nowhere.test`,
      ),
    };
    const result = await importer.importReturn(councilId(), SYSTEM, bad, { dryRun: false, defaultTeam: s.team.name });
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { file: 'people.csv', line: 3, column: 'team' },
        { file: 'people.csv', line: 3, column: "social worker's email" },
      ],
    });
    expect((await imported(Object.values(s.ids))).people).toHaveLength(0);
  });

  it('without people.csv or a team for new records in a council of several teams, says which child has no team', async () => {
    const s = sampleReturn(rows, tag());
    const { 'people.csv': _, ...withoutPeople } = s.files;
    const result = await importer.importReturn(councilId(), SYSTEM, withoutPeople, { dryRun: false });
    if (rows.teams.length === 1) expect(result.ok).toBe(true);
    else
      expect(result).toMatchObject({
        ok: false,
        errors: expect.arrayContaining([expect.objectContaining({ file: 'header.csv', line: 2, column: 'CHILD' })]),
      });
  });
});

describe('who may import', () => {
  const as = (role: StaffRole) => {
    const member = rows.staff.find((m) => m.role === role);
    if (!member) throw new Error(`no ${role} in the council`);
    const principal: Principal = {
      kind: 'staff',
      id: member.id,
      councilId: councilId(),
      role,
      teamId: member.teamId ?? null,
      name: member.displayName,
    };
    return { principal, requestId: `req-${randomBytes(4).toString('hex')}` };
  };

  it('a council administrator imports, audited as them', async () => {
    const s = sampleReturn(rows, tag());
    const ctx = as('council_admin');
    const result = await importer.importAsStaff(ctx, s.files, { dryRun: false, defaultTeam: s.team.name });
    expect(result).toMatchObject({ ok: true, summary: { created: 3 } });
    const audits = await db.withCouncil(councilId(), (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.requestId, ctx.requestId)),
    );
    expect(audits.filter((a) => a.action === 'ssda903.import')).toMatchObject([
      { actorKind: 'staff', actorId: ctx.principal.id, outcome: 'allowed' },
    ]);
  });

  it.each(['service_manager', 'team_manager', 'personal_adviser'] as const)(
    'a %s is refused, the refusal audited, and nothing written',
    async (role) => {
      const s = sampleReturn(rows, tag());
      const ctx = as(role);
      await expect(importer.importAsStaff(ctx, s.files, { dryRun: false, defaultTeam: s.team.name })).rejects.toThrow();
      expect((await imported(Object.values(s.ids))).people).toHaveLength(0);
      const audits = await db.withCouncil(councilId(), (tx) =>
        tx.select().from(auditEvents).where(eq(auditEvents.requestId, ctx.requestId)),
      );
      expect(audits).toMatchObject([{ action: 'ssda903.import', outcome: 'denied', actorId: ctx.principal.id }]);
    },
  );
});

describe.runIf(testDriver() === 'postgres')('two imports of the same return at once (PostgreSQL)', () => {
  it('take turns: one creates the records, the other finds them, and nothing is duplicated', async () => {
    const s = sampleReturn(rows, tag());
    const run = () => importer.importReturn(councilId(), SYSTEM, s.files, { dryRun: false, defaultTeam: s.team.name });
    const results = await Promise.all([run(), run()]);
    const summaries = results.map((r) => (r.ok ? r.summary : null));
    expect(summaries.map((x) => x?.created).sort()).toEqual([0, 3]);
    expect(summaries.map((x) => x?.unchanged).sort()).toEqual([0, 3]);
    const { people, episodes, allocations: allocs } = await imported(Object.values(s.ids));
    expect(people).toHaveLength(3);
    expect(episodes).toHaveLength(4);
    expect(allocs).toHaveLength(2);
  });

  it('a record someone adds with one of the CHILD ids as its reference mid-import: an error, nothing written', async () => {
    const s = sampleReturn(rows, tag());
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // Another writer's transaction adds a record with X's CHILD id as its reference, and commits only
    // after the import has read the references and is waiting to insert its own.
    let otherPid = 0;
    let inserted = () => {};
    const insertedFirst = new Promise<void>((resolve) => (inserted = resolve));
    const other = db.system(async (tx) => {
      const me = (await tx.execute(sql`SELECT pg_backend_pid() AS pid`)) as unknown as { rows: { pid: number }[] };
      otherPid = me.rows[0].pid;
      await tx.insert(youngPeople).values({
        councilId: councilId(),
        reference: s.ids.x,
        givenName: 'Dee',
        familyName: 'Otherwriter',
        dateOfBirth: '2008-01-01',
        sex: 'female',
        teamId: s.team.id,
      });
      inserted();
      await held;
    });
    // The import starts only once the other writer's row is in: otherwise the import may insert first.
    await Promise.race([insertedFirst, other]);
    const importing = importer.importReturn(councilId(), SYSTEM, s.files, { dryRun: false, defaultTeam: s.team.name });
    // Until the import's insert waits on the other writer's row (the unique index on reference): an insert
    // blocked by that writer's session, not any insert waiting on a lock (other files' tests run at the same time).
    for (let i = 0; i < 100; i++) {
      const waiting = (await db.system((tx) =>
        tx.execute(sql`SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE ${otherPid}::int = ANY(pg_blocking_pids(pid)) AND query ILIKE 'insert into "young_people"%'`),
      )) as unknown as { rows: { n: number }[] };
      if (waiting.rows[0].n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    release();
    await other;
    const result = await importing;
    expect(result).toMatchObject({ ok: false, errors: [{ reason: expect.stringContaining('Nothing was written') }] });
    expect((await imported(Object.values(s.ids))).people).toHaveLength(0);
  });
});
