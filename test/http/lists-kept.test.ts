// The lists of young people kept between requests (issue 9): each process keeps a caseload's or a team's rows,
// per person asking and query, until the database says the council changed (migrations 015 and 035). These
// check that what is kept never hides a change or shows a record to someone who may no longer see it: a change
// made through another connection (as another process would make it) shows on the very next list, for each
// thing a list reads (a name, a worker's name, a team, a restricted record's named staff, a care episode); and
// every table the list's query reads tells of a change.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
let pa: Agent;
let tm: Agent;
let person = { id: '', givenName: '', familyName: '' };
const change = (statement: ReturnType<typeof sql>) => t.db.system((tx) => tx.execute(statement));

beforeAll(async () => {
  t = await buildTestApp(undefined, { sessionIdleMinutes: 60 * 24 * 60 });
  rows = await buildCouncil(t.db, { youngPeople: 20 });
  const adviser = staffByLocal(rows, 'pa');
  person = await addYoungPerson(t.db, rows, {
    dateOfBirth: '2008-05-01',
    teamId: adviser.teamId!,
    personalAdviserId: adviser.id,
    givenName: 'Kestrel',
    familyName: 'Listkeptson',
  });
  pa = new Agent(t.app, '10.77.0.1');
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
  tm = new Agent(t.app, '10.77.0.2');
  await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
});
afterAll(() => t.close());

const kept = () => t.services.records.listsKept.counts;
async function caseload() {
  const r = await pa.get('/caseload');
  expect(r.statusCode).toBe(200);
  return r.body;
}

describe('a list kept between requests', () => {
  it('is kept: the second look at the same caseload reads no rows, and shows the same', async () => {
    const first = await caseload();
    const { found, made } = kept();
    const second = await caseload();
    expect(kept().found).toBe(found + 1);
    expect(kept().made).toBe(made);
    // The same rows; only the page's form token and the like may differ.
    const names = (page: string) => [...page.matchAll(/\/young-people\/[0-9a-f-]{36}/g)].map((m) => m[0]);
    expect(names(second)).toEqual(names(first));
    expect(second).toContain('Listkeptson');
  });

  it('shows a young person’s new name, written by another connection, at the very next request', async () => {
    await caseload();
    await change(sql`UPDATE young_people SET family_name = 'Renamedkept' WHERE id = ${person.id}`);
    const page = await caseload();
    expect(page).toContain('Renamedkept');
    expect(page).not.toContain('Listkeptson');
  });

  it('shows their worker’s new name at the very next request (migration 035)', async () => {
    // The team list, read by their team manager: the adviser's name is in the list's rows, not the page's header.
    const adviser = staffByLocal(rows, 'pa');
    const team = async () => (await tm.get('/team')).body;
    await change(sql`UPDATE staff SET display_name = 'Wren Oldname-Kept' WHERE id = ${adviser.id}`);
    expect(await team()).toContain('Wren Oldname-Kept');
    const { found } = kept();
    await change(sql`UPDATE staff SET display_name = 'Wren Newname-Kept' WHERE id = ${adviser.id}`);
    const page = await team();
    expect(page).toContain('Wren Newname-Kept');
    expect(page).not.toContain('Wren Oldname-Kept');
    expect(kept().found).toBe(found);
    await change(sql`UPDATE staff SET display_name = ${adviser.displayName} WHERE id = ${adviser.id}`);
  });

  it('does not count a worker signing in as a change: the list stays kept', async () => {
    await caseload();
    const { found } = kept();
    const other = new Agent(t.app, '10.77.0.3');
    await other.signIn(signInFor(rows, 'sw'), PASSWORD);
    await caseload();
    expect(kept().found).toBe(found + 1);
  });

  it('a restricted record: gone from the team list at once when made restricted, back when its staff are named, gone again when they are not (migration 035)', async () => {
    const manager = staffByLocal(rows, 'tm');
    const team = async () => (await tm.get('/team')).body;
    expect(await team()).toContain(person.id);
    await change(sql`UPDATE young_people SET restricted = true WHERE id = ${person.id}`);
    expect(await team()).not.toContain(person.id);
    await change(
      sql`INSERT INTO restricted_record_access (council_id, young_person_id, staff_id) VALUES (${rows.council.id}, ${person.id}, ${manager.id})`,
    );
    expect(await team()).toContain(person.id);
    await change(
      sql`DELETE FROM restricted_record_access WHERE young_person_id = ${person.id} AND staff_id = ${manager.id}`,
    );
    expect(await team()).not.toContain(person.id);
    await change(sql`UPDATE young_people SET restricted = false WHERE id = ${person.id}`);
    expect(await team()).toContain(person.id);
  });

  it('moves a young person to another team’s list at the very next request', async () => {
    const other = rows.teams.find((team) => team.id !== staffByLocal(rows, 'tm').teamId)!;
    const team = async () => (await tm.get('/team')).body;
    expect(await team()).toContain(person.id);
    await change(sql`UPDATE young_people SET team_id = ${other.id} WHERE id = ${person.id}`);
    expect(await team()).not.toContain(person.id);
    await change(sql`UPDATE young_people SET team_id = ${staffByLocal(rows, 'tm').teamId} WHERE id = ${person.id}`);
    expect(await team()).toContain(person.id);
  });

  it('keeps nothing across days: the list read tomorrow is read again', async () => {
    await caseload();
    const { made } = kept();
    t.clock.set(`${TODAY}T10:00:00Z`);
    t.clock.advance(23 * 60 * 60 * 1000);
    await caseload();
    t.clock.set(`${TODAY}T10:00:00Z`);
    expect(kept().made).toBe(made + 1);
  });

  it('is told of a change to every table the list’s query reads', async () => {
    // The tables named in the list's query (people.ts: listYoungPeople, visibleTo, lookedAfterOn) and the policy's.
    const source = readFileSync(path.resolve(import.meta.dirname, '../../src/data/repositories/people.ts'), 'utf8');
    const from = (name: string) => source.slice(source.indexOf(name), source.indexOf('\n}\n', source.indexOf(name)));
    const text = [
      from('export async function listYoungPeople'),
      from('export function visibleTo'),
      from('const lookedAfterOn'),
    ].join('\n');
    const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const read = new Set([
      'council_policies',
      'staff',
      ...[...text.matchAll(/\b(?:FROM|JOIN) ([a-z_]+)/g)].map((m) => m[1]),
      ...[...text.matchAll(/\.(?:from|innerJoin|leftJoin)\((\w+)/g)].map((m) => snake(m[1])),
    ]);
    for (const table of ['young_people', 'teams', 'care_episodes', 'restricted_record_access'])
      expect(read).toContain(table);
    const triggered = await t.db.system((tx) =>
      tx.execute(sql`SELECT DISTINCT c.relname AS name FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE g.tgname LIKE 'council_changed%'`),
    );
    const names = new Set((triggered as unknown as { rows: { name: string }[] }).rows.map((r) => r.name));
    expect([...read].filter((table) => table !== 'sw' && table !== 'pa' && !names.has(table))).toEqual([]);
  });
});
