// The plan's areas as data: Care Leavers (England) Regs 2010 Schedule 1 and 2, with the
// young person's wording checked against the practice tips (plain language, their voice).
import { describe, expect, it } from 'vitest';
import {
  ACTION_FIELDS,
  applicableAreas,
  AREA_FIELDS,
  AREA_IDS,
  areaById,
  AREAS,
  CONTINGENCY_FIELDS,
  CONTINGENCY_TRIGGER_EXAMPLES,
  IMMIGRATION_OUTCOMES,
  isAreaId,
  jargonIn,
  SUITABILITY_CHECKS,
  type AreaId,
  type FieldDefinition,
} from '../../../src/domain/plan/index.ts';

describe('Care Leavers Regs 2010 Sch 1 — the ten areas a plan must cover, in order', () => {
  const rows: [number, AreaId, string][] = [
    [1, 'contact-and-support', 'Contact and personal support'],
    [2, 'education-and-training', 'Education and training'],
    [3, 'employment-and-activity', 'Employment or other purposeful activity'],
    [4, 'contingency', 'Contingency plan'],
    [5, 'accommodation', 'Accommodation and its suitability'],
    [6, 'family-and-relationships', 'Family and social relationships'],
    [7, 'independent-living-skills', 'Practical and independent living skills'],
    [8, 'financial-support', 'Financial support'],
    [9, 'health-and-wellbeing', 'Health, including mental health'],
    [10, 'identity', 'Identity: religion, culture, ethnicity and language'],
  ];
  it.each(rows)('Care Leavers Regs 2010 Sch 1 para %i — %s', (para, id, title) => {
    const area = areaById(id);
    expect(area.regulationShort).toBe(`Care Leavers Regs 2010 Sch 1 para ${para}`);
    expect(area.regulation).toBe(`Care Leavers (England) Regulations 2010, Schedule 1, paragraph ${para}`);
    expect(area.eligibleChildRegulation).toMatch(
      /^Care Planning, Placement and Case Review \(England\) Regulations 2010, Schedule 8/,
    );
    expect(area.staffTitle).toBe(title);
    expect(AREAS.indexOf(area)).toBe(para - 1);
  });

  it('Gloucestershire letter: the same headings in the same order — ten statutory areas then immigration', () => {
    expect(AREAS.map((a) => a.id)).toEqual([...rows.map((r) => r[1]), 'immigration']);
    expect(AREA_IDS).toEqual(AREAS.map((a) => a.id));
  });
});

describe('CPPCR 2010 reg 42(2)(ba); UASC guidance — immigration only for unaccompanied asylum-seeking young people', () => {
  it.each([
    [false, 10],
    [true, 11],
  ])('uasc %s → %i areas', (uasc, count) => {
    const areas = applicableAreas({ uasc });
    expect(areas).toHaveLength(count);
    expect(areas.some((a) => a.id === 'immigration')).toBe(uasc);
  });
  it('UASC guidance — planning for each possible outcome of the claim', () => {
    expect(IMMIGRATION_OUTCOMES.map((o) => o.id)).toEqual(['awaiting-decision', 'leave-granted', 'no-right-to-stay']);
    expect(areaById('immigration').special).toBe('immigration-outcomes');
    expect(areaById('immigration').sourceNote).toMatch(/UNVERIFIED/);
  });
});

describe('stable ids', () => {
  it('every id is kebab-case and unique', () => {
    for (const id of AREA_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(new Set(AREA_IDS).size).toBe(AREA_IDS.length);
  });
  it.each([
    ['accommodation', true],
    ['Accommodation', false],
    ['health', false],
    [42, false],
  ])('isAreaId(%s) → %s', (value, expected) => expect(isAreaId(value)).toBe(expected));
});

describe('practice tips: always use plain language and no jargon — the young person’s wording', () => {
  const youngPersonTexts: [string, string][] = AREAS.flatMap((a): [string, string][] => [
    [`${a.id} title`, a.youngPersonTitle],
    [`${a.id} intro`, a.youngPersonIntro],
    [`${a.id} going well`, a.prompts.goingWell],
    [`${a.id} worries`, a.prompts.worries],
    [`${a.id} wants`, a.prompts.wants],
  ]);
  const fields: FieldDefinition[] = [
    ...Object.values(AREA_FIELDS),
    ...Object.values(ACTION_FIELDS),
    ...Object.values(CONTINGENCY_FIELDS),
  ];
  const fieldTexts: [string, string][] = fields.flatMap((f) =>
    [f.youngPersonLabel, f.youngPersonHint]
      .filter((t): t is string => !!t)
      .map((t): [string, string] => [`field ${f.name}`, t]),
  );
  const others: [string, string][] = [
    ...IMMIGRATION_OUTCOMES.map((o): [string, string] => ['immigration outcome', o.youngPersonTitle]),
    ...CONTINGENCY_TRIGGER_EXAMPLES.map((t): [string, string] => ['trigger example', t.youngPerson]),
  ];

  it.each([...youngPersonTexts, ...fieldTexts, ...others])(
    '%s: no abbreviations such as LA, PWP, LAC (%s)',
    (_where, text) => {
      expect(jargonIn(text)).toEqual([]);
      expect(text).not.toMatch(/\b(local authority|pathway plan|looked after)\b/i);
    },
  );
  it.each([...youngPersonTexts, ...fieldTexts])('%s: short sentences, at most 15 words (%s)', (_where, text) => {
    for (const sentence of text.split(/[.?!]\s*/).filter(Boolean))
      expect(sentence.split(/\s+/).length).toBeLessThanOrEqual(15);
  });
  it.each(AREAS.map((a) => [a.id, a.youngPersonIntro]))('%s: the introduction is written to “you”', (_id, intro) => {
    expect(intro).toMatch(/\b(you|your)\b/i);
  });
});

describe('North Yorkshire case study (reference §5.2), practice tips “My Voice”: prompts in the first person', () => {
  it.each(AREAS.flatMap((a) => Object.entries(a.prompts).map(([k, v]) => [`${a.id} ${k}`, v])))(
    '%s starts with “I” (%s)',
    (_where, prompt) => {
      expect(prompt).toMatch(/^I\b/);
    },
  );
  it('the three questions are “What is going well”, “What worries me”, “What I want”', () => {
    expect([
      AREA_FIELDS.goingWell.youngPersonLabel,
      AREA_FIELDS.worries.youngPersonLabel,
      AREA_FIELDS.wants.youngPersonLabel,
    ]).toEqual(['What is going well', 'What worries me', 'What I want']);
  });
});

describe('Care Leavers Regs 2010 Sch 1 para 4 — contingency is special', () => {
  const contingency = areaById('contingency');
  it('has its own questions: circumstances that trigger it and real actions, not scales, goal or SMART actions', () => {
    expect(contingency.special).toBe('contingency');
    expect(contingency.asks).toEqual({ outcomes: false, scales: false, goal: false, actions: false });
    expect(contingency.staffHint).toMatch(/make another plan/);
    expect(CONTINGENCY_FIELDS.what.hint).toMatch(/not "make another plan"/);
    expect(CONTINGENCY_TRIGGER_EXAMPLES.length).toBeGreaterThanOrEqual(3);
  });
});

describe('Care Leavers Regs 2010 Sch 2 — accommodation suitability checks', () => {
  const rows: [string, 'accommodation' | 'young_person', string][] = [
    ['facilities', 'accommodation', '1(a)'],
    ['repair', 'accommodation', '1(b)'],
    ['safety', 'accommodation', '1(c)'],
    ['location', 'accommodation', '1(d)'],
    ['support', 'accommodation', '1(e)'],
    ['tenancy', 'accommodation', '1(f)'],
    ['affordability', 'accommodation', '1(g)'],
    ['views', 'young_person', '2(a)'],
    ['rights', 'young_person', '2(b)'],
    ['funding', 'young_person', '2(c)'],
  ];
  it.each(rows)('Sch 2 — %s is about the %s, paragraph %s', (id, about, para) => {
    const check = SUITABILITY_CHECKS.find((c) => c.id === id)!;
    expect(check.about).toBe(about);
    expect(check.regulation).toBe(`Care Leavers (England) Regulations 2010, Schedule 2, paragraph ${para}`);
    expect(check.question).toMatch(/\?$/);
    expect(check.noMeans).toBe(about === 'accommodation' ? 'not_suitable' : 'support_needed');
  });
  it('the accommodation area carries the suitability checks', () => {
    expect(areaById('accommodation').special).toBe('suitability');
    expect(SUITABILITY_CHECKS.map((c) => c.id)).toEqual(rows.map((r) => r[0]));
  });
});

describe('Gloucestershire letter: outcomes form → planning tool → plan — every question says which step asks it', () => {
  it.each([
    ['assessmentOfNeed', 'outcomes'],
    ['progressSinceLastReview', 'outcomes'],
    ['goingWell', 'planning'],
    ['youngPersonScale', 'planning'],
    ['goal', 'drafting'],
    ['workerScale', 'drafting'],
  ] as const)('%s is asked at %s', (field, step) => {
    expect(AREA_FIELDS[field].step).toBe(step);
  });
  it('practice tips: SMART — an action asks what, who, how, by when and how it helps', () => {
    expect(Object.keys(ACTION_FIELDS)).toEqual(expect.arrayContaining(['what', 'who', 'how', 'byWhen', 'howItHelps']));
  });
});
