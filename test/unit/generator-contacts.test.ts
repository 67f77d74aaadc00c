// The demo council's contacts and activity and accommodation histories (issue 11 §2): deterministic,
// every 6 to 8 weeks with some gaps and some out of touch, a face-to-face visit by the adviser being the
// statutory adviser visit, and only codes the 903 allows (S and X never suitable, Z only from 18).
import { describe, expect, it } from 'vitest';
import { generateCouncil } from '../../src/seed/generator.ts';
import { ACCOMMODATION_NAMES, ACTIVITY_NAMES } from '../../src/domain/codes.ts';
import { addMonths, birthday, daysBetween } from '../../src/domain/statutory/index.ts';

const TODAY = '2026-11-23';
const make = () =>
  generateCouncil({
    index: 0,
    slug: 'demo',
    name: 'Demo',
    youngPeople: 615,
    today: TODAY,
    staffPasswordHash: null,
    emailDomain: 'demo.test',
  });

describe('contacts and changes in the generated council', () => {
  const council = make();
  const byPerson = new Map<string, string[]>();
  for (const c of council.contacts)
    byPerson.set(c.youngPersonId, [...(byPerson.get(c.youngPersonId) ?? []), c.contactOn]);

  it('are deterministic from the seed', () => {
    const again = make();
    expect(again.contacts).toEqual(council.contacts);
    expect(again.circumstanceChanges).toEqual(council.circumstanceChanges);
  });

  it('are never in the future, and are recorded by the young person’s adviser', () => {
    const adviser = new Map(council.youngPeople.map((y) => [y.id, y.personalAdviserId]));
    for (const c of council.contacts) {
      expect(c.contactOn <= TODAY).toBe(true);
      expect(c.recordedBy).toBe(adviser.get(c.youngPersonId));
    }
  });

  it('come about every 6 to 8 weeks for most, with some gaps and some who lost touch', () => {
    const gaps = [...byPerson.values()].flatMap((days) =>
      days
        .sort()
        .slice(1)
        .map((d, i) => daysBetween(days[i], d)),
    );
    const usual = gaps.filter((g) => g >= 42 && g <= 56).length;
    expect(usual / gaps.length).toBeGreaterThan(0.9);
    expect(gaps.some((g) => g > 100)).toBe(true);
    const lastOf = [...byPerson.values()].map((days) => days.sort().at(-1)!);
    const outOfTouch = lastOf.filter((d) => d < addMonths(TODAY, -4)).length;
    expect(outOfTouch).toBeGreaterThan(0);
    expect(outOfTouch / lastOf.length).toBeLessThan(0.3);
  });

  it('a face-to-face visit is the statutory adviser visit on the same day; nothing else is', () => {
    const visits = new Map(council.statutoryRecords.filter((w) => w.kind === 'adviser_visit').map((w) => [w.id, w]));
    for (const c of council.contacts) {
      if (c.method === 'visit') {
        const visit = visits.get(c.adviserVisitId!);
        expect(visit).toMatchObject({ youngPersonId: c.youngPersonId, completedOn: c.contactOn });
      } else expect(c.adviserVisitId).toBeNull();
    }
    // Every adviser visit has its contact.
    expect(council.contacts.filter((c) => c.adviserVisitId).length).toBe(visits.size);
  });

  it('use only 903 codes: S and X never suitable, Z only from the 18th birthday', () => {
    const dob = new Map(council.youngPeople.map((y) => [y.id, String(y.dateOfBirth)]));
    for (const c of council.circumstanceChanges) {
      if (c.kind === 'activity') {
        expect(Object.keys(ACTIVITY_NAMES)).toContain(c.code);
        continue;
      }
      expect(Object.keys(ACCOMMODATION_NAMES)).toContain(c.code);
      if (c.code === 'S' || c.code === 'X') expect(c.suitable).toBe(false);
      if (c.code === 'Z') expect(c.changedOn >= birthday(dob.get(c.youngPersonId)!, 18)).toBe(true);
    }
    expect(council.circumstanceChanges.some((c) => c.code === 'Z')).toBe(true);
  });
});
