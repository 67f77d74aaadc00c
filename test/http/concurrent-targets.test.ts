// Two people saving the council's targets at the same moment (issue 10 §1): the saves go one after
// the other, so the targets end as one whole form, never a mix of the two, and each audit row's old
// values are the ones its save replaced. PGlite runs one transaction at a time, so the race only
// shows on PostgreSQL; the test runs on both and sends real concurrent requests through the app.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { TARGET_MEASURES } from '../../src/services/oversight.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, type TestApp } from '../support/app.ts';

const ROUNDS = 8;
let t: TestApp;
let rows: CouncilRows;
let first: Agent;
let second: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 10 });
  // The service manager signed in twice, as from two desks.
  first = new Agent(t.app, '10.9.1.1');
  await first.signIn(signInFor(rows, 'sm'), PASSWORD);
  second = new Agent(t.app, '10.9.1.2');
  await second.signIn(signInFor(rows, 'sm'), PASSWORD);
}, 60_000);
afterAll(() => t.close());

/** A whole form: every other box `a`, the rest `b` ('' clears). */
const formOf = (a: string, b: string) => Object.fromEntries(TARGET_MEASURES.map((m, i) => [m, i % 2 ? b : a]));
const asTargets = (form: Record<string, string>) =>
  Object.fromEntries(Object.entries(form).map(([m, v]) => [m, v === '' ? null : Number(v)]));

describe('two people saving the targets at once', () => {
  it('keeps one whole form, and audits each save with the targets it replaced', async () => {
    const forms = [formOf('10', ''), formOf('', '20')];
    let final: Record<string, string> = {};
    for (let round = 0; round < ROUNDS; round++) {
      await first.get('/performance/targets');
      await second.get('/performance/targets');
      const [a, b] = await Promise.all([
        first.post('/performance/targets', forms[0], { csrf: await first.csrf('/performance/targets') }),
        second.post('/performance/targets', forms[1], { csrf: await second.csrf('/performance/targets') }),
      ]);
      expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
      const shown = await first.get('/performance/targets');
      const values = Object.fromEntries(
        TARGET_MEASURES.map((m) => [m, new RegExp(`name="${m}"[^>]*value="([^"]*)"`).exec(shown.body)?.[1] ?? '']),
      );
      expect(forms).toContainEqual(values);
      final = values;
    }
    const audits = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.councilId, rows.council.id), eq(auditEvents.action, 'performance.targets'))),
    );
    expect(audits).toHaveLength(2 * ROUNDS);
    const saves = audits.map((r) => r.details as { before: object; after: object });
    for (const s of saves) expect([asTargets(forms[0]), asTargets(forms[1])]).toContainEqual(s.after);
    // One save after another: the states each save found, and the last, are the first (no targets)
    // and the states each save left. Two saves finding the same targets would break the chain.
    const key = (o: object) => JSON.stringify(Object.fromEntries(Object.entries(o).sort()));
    const found = [...saves.map((s) => key(s.before)), key(asTargets(final))].sort();
    const left = [key(asTargets(formOf('', ''))), ...saves.map((s) => key(s.after))].sort();
    expect(found).toEqual(left);
  });
});
