// The demo council generator: deterministic, ages spread like a real service (foundation issue),
// care histories that make sense for each age (SSDA903 episode conventions).
import { describe, expect, it } from 'vitest';
import { generateCouncil } from '../../src/seed/generator.ts';
import { ageOn } from '../../src/domain/clock.ts';
import { planContentSchema } from '../../src/domain/plan/index.ts';

const TODAY = '2026-11-23';
const make = (youngPeople = 615, index = 0, slug = 'demo') =>
  generateCouncil({ index, slug, name: 'Demo', youngPeople, today: TODAY, staffPasswordHash: null, youngPersonPasswordHash: 'h', emailDomain: 'demo.test' });

describe('generateCouncil', () => {
  const council = make();

  it('is deterministic', () => {
    expect(make()).toEqual(council);
    expect(make(615, 1).youngPeople[0].dateOfBirth).not.toBe(council.youngPeople[0].dateOfBirth);
    // The same people in another council never share row ids.
    const twin = make(615, 0, 'other');
    expect(twin.youngPeople.map((y) => y.dateOfBirth)).toEqual(council.youngPeople.map((y) => y.dateOfBirth));
    expect(twin.youngPeople[0].id).not.toBe(council.youngPeople[0].id);
  });

  it('makes five teams, about forty staff and one sign-in per role', () => {
    expect(council.teams).toHaveLength(5);
    expect(council.staff.length).toBeGreaterThanOrEqual(35);
    expect(council.staff.length).toBeLessThanOrEqual(45);
    for (const local of ['pa', 'sw', 'tm', 'iro', 'sm', 'admin']) expect(council.staff.some((s) => s.email === `${local}@demo.test`)).toBe(true);
    expect(new Set(council.staff.map((s) => s.email)).size).toBe(council.staff.length);
  });

  it('spreads ages like a real service', () => {
    const ages = council.youngPeople.map((y) => ageOn(y.dateOfBirth, TODAY));
    const count = (a: number, b = a) => ages.filter((x) => x >= a && x <= b).length;
    const halfPastFifteen = council.youngPeople.filter((y) => ageOn(y.dateOfBirth, TODAY) === 15).length;
    expect(council.youngPeople).toHaveLength(615);
    expect(halfPastFifteen).toBe(29);
    expect([count(16), count(17), count(18), count(19), count(20), count(21, 24)]).toEqual([91, 136, 116, 108, 96, 39]);
    expect(Math.min(...ages)).toBe(15);
  });

  it('gives every young person a care history that makes sense', () => {
    for (const yp of council.youngPeople) {
      const episodes = council.episodes.filter((e) => e.youngPersonId === yp.id);
      expect(episodes.length).toBeGreaterThan(0);
      for (const [i, e] of episodes.entries()) {
        expect(e.startDate >= yp.dateOfBirth).toBe(true);
        expect(e.startDate <= TODAY).toBe(true);
        if (e.endDate) expect(e.endDate > e.startDate).toBe(true);
        if (i > 0) expect(e.startDate).toBe(episodes[i - 1].endDate); // placement changes are contiguous
        expect(e.endDate === null).toBe(e.reasonEnded === null);
      }
      const last = episodes.at(-1)!;
      const age = ageOn(yp.dateOfBirth, TODAY);
      // Nobody is looked after past 18.
      if (age >= 18) expect(last.endDate).not.toBeNull();
      if (last.endDate && last.reasonEnded === 'E8') expect(ageOn(yp.dateOfBirth, last.endDate)).toBe(18);
    }
  });

  it('allocates a personal adviser to everyone and keeps allocation history consistent', () => {
    for (const yp of council.youngPeople) {
      const current = council.allocations.filter((a) => a.youngPersonId === yp.id && a.allocationRole === 'personal_adviser' && !a.endDate);
      expect(current.map((a) => a.staffId)).toEqual([yp.personalAdviserId]);
    }
  });

  it('marks a few records restricted, naming who may see them', () => {
    const restricted = council.youngPeople.filter((y) => y.restricted);
    expect(restricted.length).toBeGreaterThan(0);
    for (const y of restricted) expect(council.restricted.filter((r) => r.youngPersonId === y.id).length).toBeGreaterThanOrEqual(1);
  });

  it('has plans in every state of the review cycle, built by the real state machine (issue 4)', () => {
    const states = new Set(council.reviews.map((r) => r.state));
    expect([...states].sort()).toEqual(['approved', 'awaiting_approval', 'awaiting_signatures', 'drafting', 'outcomes', 'planning', 'returned']);
    expect(council.planVersions.length).toBeGreaterThan(300);
    for (const v of council.planVersions.slice(0, 50)) {
      const parsed = planContentSchema().safeParse((v.review as { content: unknown }).content);
      expect(parsed.success).toBe(true);
    }
    // One review in progress per young person at most.
    const open = council.reviews.filter((r) => r.state !== 'approved').map((r) => r.youngPersonId);
    expect(new Set(open).size).toBe(open.length);
  });

  it('some young people who should have a plan have never started one', () => {
    const withPlan = new Set(council.statutoryRecords.filter((w) => w.kind === 'pathway_plan').map((w) => w.youngPersonId));
    const eligibleAged = council.youngPeople.filter((y) => ageOn(y.dateOfBirth, TODAY) >= 17 && y.caseStatus === 'open');
    expect(eligibleAged.filter((y) => !withPlan.has(y.id)).length).toBeGreaterThan(5);
  });

  it('scales to bigger councils', () => {
    expect(make(2000, 3).youngPeople).toHaveLength(2000);
  });
});
