// Exporting the SSDA903 return (issue 11 §4) from a random generated council, on PGlite and PostgreSQL:
// the files read back by the import with no error (the same columns and DfE codes), every OC3 code in
// the lists of rules 131 to 133 and consistent with rules 153, 344 and 345; an import of the export into
// another council exports the same episodes; only a service manager or an administrator may, audited.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/data/db.ts';
import { auditEvents, lookedAfterReviews, missingEpisodes } from '../../src/data/schema.ts';
import { OC3_ACCOMMODATION_CODES, OC3_ACTIVITY_CODES, OC3_IN_TOUCH_NAMES } from '../../src/domain/codes.ts';
import type { Principal, StaffRole } from '../../src/domain/permissions.ts';
import { readReturn } from '../../src/domain/ssda903/return.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { ssda903Export } from '../../src/services/ssda903-export.ts';
import { ssda903Import } from '../../src/services/ssda903-import.ts';
import { buildCouncil, testClock, testDatabase } from '../support/app.ts';
import { csv, sampleReturn } from '../support/ssda903.ts';

const SYSTEM = { actorKind: 'system', actorId: null, requestId: null } as const;
// The last complete collection year on the test clock's day (23 November 2026).
const YEAR = 2026;
let db: Database;
let rows: CouncilRows;
let exporter: ReturnType<typeof ssda903Export>;

beforeAll(async () => {
  db = await testDatabase({ poolSize: 4 });
  rows = await buildCouncil(db, { youngPeople: 120 });
  exporter = ssda903Export(db, testClock());
});
afterAll(() => db.close());

const lines = (text: string) => text.trimEnd().split('\r\n');
const cells = (text: string) => lines(text).map((l) => l.split(','));

describe('exporting the SSDA903 return', () => {
  it('writes files the import reads with no error, OC3 codes from the DfE lists, and no record to put right', async () => {
    const result = await exporter.exportReturn(rows.council.id, SYSTEM, YEAR);
    expect(result.problems).toEqual([]);
    expect(result.rows['header.csv']).toBeGreaterThan(0);
    expect(result.rows['oc3.csv']).toBeGreaterThan(0);
    const read = readReturn(result.files);
    expect(read.errors).toEqual([]);
    expect(read.rows).toEqual(result.rows);
    for (const [, , inTouch, activ, accom] of cells(result.files['oc3.csv']).slice(1)) {
      expect(Object.keys(OC3_IN_TOUCH_NAMES)).toContain(inTouch); // rule 131
      expect(OC3_ACTIVITY_CODES).toContain(activ); // rule 132
      expect(OC3_ACCOMMODATION_CODES).toContain(accom); // rule 133
      expect([activ, accom].every(Boolean)).toBe(true); // rule 153: all completed
      if (['DIED', 'RHOM'].includes(inTouch)) expect([activ, accom]).toEqual(['0', '0']); // rule 344
      if (inTouch === 'YES') expect([activ, accom]).not.toContain('0'); // rule 345
    }
  });

  it('an import of the export into another council exports the same episodes, UASC and header', async () => {
    const first = await exporter.exportReturn(rows.council.id, SYSTEM, YEAR);
    const other = await buildCouncil(db, { youngPeople: 1 });
    const imported = await ssda903Import(db, testClock()).importReturn(other.council.id, SYSTEM, first.files, {
      dryRun: false,
      defaultTeam: other.teams[0].name,
    });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 5)));
    const again = await exporter.exportReturn(other.council.id, SYSTEM, YEAR);
    const ownChildren = new Set(cells(first.files['episodes.csv']).map((r) => r[0]));
    const generated = new Set(other.youngPeople.map((p) => p.reference));
    const mine = (text: string) => cells(text).filter((r) => ownChildren.has(r[0]) && !generated.has(r[0]));
    expect(mine(again.files['episodes.csv'])).toEqual(mine(first.files['episodes.csv']));
    expect(mine(again.files['uasc.csv'])).toEqual(mine(first.files['uasc.csv']));
    // Sex, date of birth, ethnicity and UPN come back; MOTHER is Pathway's own record of a birth.
    const head = (text: string) => mine(text).map((r) => r.slice(0, 5));
    expect(head(again.files['header.csv'])).toEqual(head(first.files['header.csv']));
  });

  it('keeps the looked-after reviews and missing episodes an import reads, updates them on a second import, and exports them', async () => {
    const other = await buildCouncil(db, { youngPeople: 1 });
    const s = sampleReturn(other, `R${randomBytes(3).toString('hex').toUpperCase()}`);
    const { x, y } = s.ids;
    const reviews = (code: string) =>
      csv('CHILD,DOB,REVIEW,REVIEW_CODE', `${x},01/02/2008,01/05/2025,${code}`, `${y},15/06/2008,31/03/2026,PN7`);
    const missing = (end: string) =>
      csv(
        'CHILD,DOB,MISSING,MIS_START,MIS_END',
        `${x},01/02/2008,M,02/06/2025,${end}`,
        `${y},15/06/2008,A,01/01/2024,`,
      );
    const importer = ssda903Import(db, testClock());
    const load = async (files: Record<string, string>) => {
      const done = await importer.importReturn(other.council.id, SYSTEM, files, {
        dryRun: false,
        defaultTeam: s.team.name,
      });
      if (!done.ok) throw new Error(JSON.stringify(done.errors));
      return done.summary;
    };
    expect(await load({ ...s.files, 'reviews.csv': reviews('PN1'), 'missing.csv': missing('') })).toMatchObject({
      reviews: 2,
      missing: 2,
    });
    await load({ ...s.files, 'reviews.csv': reviews('PN3'), 'missing.csv': missing('04/06/2025') });
    const held = await db.withCouncil(other.council.id, async (tx) => ({
      reviews: await tx.select().from(lookedAfterReviews),
      missing: await tx.select().from(missingEpisodes),
    }));
    // Matched on the day (and kind), so the second import updated them and added none.
    expect(held.reviews.map((r) => [r.reviewedOn, r.participation]).sort()).toEqual([
      ['2025-05-01', 'PN3'],
      ['2026-03-31', 'PN7'],
    ]);
    expect(held.missing.map((m) => [m.kind, m.startDate, m.endDate]).sort()).toEqual([
      ['A', '2024-01-01', null],
      ['M', '2025-06-02', '2025-06-04'],
    ]);
    const out = await exporter.exportReturn(other.council.id, SYSTEM, YEAR);
    expect(readReturn(out.files).errors).toEqual([]);
    expect(cells(out.files['reviews.csv'])).toEqual([
      ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
      [x, '01/02/2008', '01/05/2025', 'PN3'],
      [y, '15/06/2008', '31/03/2026', 'PN7'],
    ]);
    // The episode of January 2024 is in the 2023-24 return, not this one.
    expect(cells(out.files['missing.csv'])).toEqual([
      ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
      [x, '01/02/2008', 'M', '02/06/2025', '04/06/2025'],
    ]);
  });

  it('audits the export with its counts', async () => {
    const before = await db.withCouncil(rows.council.id, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.action, 'ssda903.export')),
    );
    const result = await exporter.exportReturn(rows.council.id, SYSTEM, 2025);
    const after = await db.withCouncil(rows.council.id, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.action, 'ssda903.export')),
    );
    expect(after.length).toBe(before.length + 1);
    const added = after.filter((a) => !before.some((b) => b.id === a.id));
    expect(added.map((a) => a.details)).toMatchObject([{ year: 2025, files: result.rows, problems: 0 }]);
  });
});

describe('who may export', () => {
  const as = (role: StaffRole) => {
    const member = rows.staff.find((m) => m.role === role);
    if (!member) throw new Error(`no ${role} in the council`);
    const principal: Principal = {
      kind: 'staff',
      id: member.id,
      councilId: rows.council.id,
      role,
      teamId: member.teamId ?? null,
      name: member.displayName,
    };
    return { principal, requestId: `req-${randomBytes(4).toString('hex')}` };
  };
  const auditsOf = (requestId: string) =>
    db.withCouncil(rows.council.id, (tx) => tx.select().from(auditEvents).where(eq(auditEvents.requestId, requestId)));

  it.each(['service_manager', 'council_admin'] as const)('a %s exports, audited as them', async (role) => {
    const ctx = as(role);
    await exporter.exportAsStaff(ctx, YEAR);
    expect(await auditsOf(ctx.requestId)).toMatchObject([
      { action: 'ssda903.export', outcome: 'allowed', actorId: ctx.principal.id },
    ]);
  });

  it.each(['personal_adviser', 'team_manager', 'independent_reviewing_officer'] as const)(
    'a %s is refused, and the refusal audited',
    async (role) => {
      const ctx = as(role);
      await expect(exporter.exportAsStaff(ctx, YEAR)).rejects.toMatchObject({ status: 403 });
      expect(await auditsOf(ctx.requestId)).toMatchObject([{ action: 'ssda903.export', outcome: 'denied' }]);
    },
  );

  it.each([2009, 2028, 2026.5])('year %s is refused as bad input', async (year) => {
    await expect(exporter.exportAsStaff(as('service_manager'), year)).rejects.toMatchObject({ status: 400 });
  });
});
