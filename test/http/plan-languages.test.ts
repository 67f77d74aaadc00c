// A young person's plan in their language (issue 12 §5): the /my-plan pages, an area's questions and the
// errors its form gives, the approved plan page and both plan PDFs, with <html lang dir> right; their own
// words stay as written. The worker reading the same plan, page or PDF, reads English.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planVersions, youngPeople } from '../../src/data/schema.ts';
import { localesDir } from '../../src/http/i18n.ts';
import type { PlanContent } from '../../src/domain/plan/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { pdfText } from '../support/pdf-text.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { addReview, addYoungPerson, addYoungPersonAccount } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
let ypId = '';
let openReviewId = '';
let yp: Agent;
let pa: Agent;
const username = () => `plang.${rows.council.slug}`;
const dir = mkdtempSync(path.join(tmpdir(), 'plan-languages-'));

const htmlTag = (html: string) => /<html[^>]*>/.exec(html)?.[0] ?? '';
const ARABIC = /[\u0600-\u06FF]/;
const ETHIOPIC = /[\u1200-\u137F]/;

let files = 0;
/** Each word pdftotext finds in the PDF, with its page and where it starts (x from the left, y from the top). */
function pdfWords(pdf: Buffer): { page: number; word: string; x: number; y: number }[] {
  const file = path.join(dir, `plan-${++files}.pdf`);
  writeFileSync(file, pdf);
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return html.split('<page').flatMap((page, i) =>
    [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
      page: i,
      word: m[3],
      x: Number(m[1]),
      y: Number(m[2]),
    })),
  );
}
/**
 * Where a label/value table's label stands against its value, found by the value (one word, printed once): the
 * label is the other words on its line (the label's font may sit a few points higher or lower).
 */
function labelAgainstValue(words: ReturnType<typeof pdfWords>, value: string) {
  const found = words.filter((w) => w.word === value);
  expect(found, value).toHaveLength(1);
  const [v] = found;
  const label = words.filter((w) => w !== v && w.page === v.page && Math.abs(w.y - v.y) < 6);
  expect(label.length, `the label beside ${value}`).toBeGreaterThan(0);
  if (label.every((w) => w.x > v.x)) return 'label on the right';
  if (label.every((w) => w.x < v.x)) return 'label on the left';
  return 'mixed';
}

/** The PDF's document language, as pdfkit writes it in the catalog (/Lang). */
const pdfLanguage = (pdf: Buffer) => /\/Lang \(([^)]*)\)/.exec(pdf.toString('latin1'))?.[1];

/** The law's words the whole plan prints in a language (plan.law): reg 42(2) considerations (not the UASC one). */
function lawWords(lng: string) {
  const { considerations, schedule2 } = JSON.parse(readFileSync(path.join(localesDir, lng, 'plan.json'), 'utf8')).plan
    .law as { considerations: Record<string, string>; schedule2: Record<string, string> };
  const { 'immigration-status': _uascOnly, ...forEveryone } = considerations;
  return { considerations: Object.values(forEveryone), matters: Object.values(schedule2) };
}
/** Without spaces (a long heading wraps) or Arabic's vowel marks (pdftotext sets a shadda apart). */
const squeeze = (words: string) => words.replace(/[\s\u064B-\u065F\u0670]+/g, '');
/**
 * Each of the law's words in `lng` is in the PDF's text, and none of the English ones. A Schedule 2 matter is a
 * table's label, and a label that wraps has its value's text between its lines: each of its words is there.
 */
function expectLawIn(text: string, lng: string) {
  const squeezed = squeeze(text);
  const { considerations, matters } = lawWords(lng);
  for (const words of considerations) expect(squeezed, words).toContain(squeeze(words));
  const wordsOf = new Set(text.split(/\s+/).map(squeeze));
  for (const words of matters) for (const word of words.split(/\s+/)) expect(wordsOf, words).toContain(squeeze(word));
  const english = lawWords('en');
  for (const words of [...english.considerations, ...english.matters])
    expect(text, words).not.toContain(words.split(' ').slice(0, 2).join(' '));
}

async function chooseLanguage(lang: string) {
  await yp.get('/');
  expect((await yp.post('/language', { lang, back: '/' })).statusCode).toBe(303);
}

beforeAll(async () => {
  t = await buildTestApp(undefined, { sessionIdleMinutes: 60 * 24 * 60 }, { logger: { level: 'error' } });
  t.clock.set(`${TODAY}T10:00:00Z`);
  rows = await buildCouncil(t.db, { youngPeople: 4 });
  const adviser = staffByLocal(rows, 'pa');
  const manager = staffByLocal(rows, 'tm');
  const person = await addYoungPerson(t.db, rows, {
    givenName: 'Zzlina',
    familyName: 'Zzplan',
    dateOfBirth: '2007-05-10',
    episodes: [{ start: '2021-01-01', end: '2025-05-10' }],
    personalAdviserId: adviser.id,
    teamId: adviser.teamId!,
  });
  ypId = person.id;
  await addYoungPersonAccount(t.db, rows, ypId, username());
  // An approved first plan (version 1), and the next review open for them to have their say.
  await addReview(t.db, rows, {
    youngPersonId: ypId,
    adviserId: adviser.id,
    managerId: manager.id,
    stage: 'approved',
    on: '2026-06-15',
  });
  openReviewId = (
    await addReview(t.db, rows, {
      youngPersonId: ypId,
      adviserId: adviser.id,
      managerId: manager.id,
      stage: 'planning',
      on: '2026-11-20',
    })
  ).id;
  yp = new Agent(t.app, '10.72.0.1');
  await yp.signIn(username(), PASSWORD);
  pa = new Agent(t.app, '10.72.0.2');
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
}, 90_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a young person whose language is Arabic', () => {
  it('reads /my-plan and an area page in Arabic, right to left, with the area’s questions in Arabic', async () => {
    await chooseLanguage('ar');
    const plan = await yp.get('/my-plan');
    expect(plan.statusCode).toBe(200);
    expect(htmlTag(plan.body)).toContain('lang="ar" dir="rtl"');
    expect(plan.body).toContain('<h1 class="govuk-heading-l">خطتك</h1>');
    expect(plan.body).toContain('قل رأيك'); // "Have your say", the review's state
    expect(plan.body).toContain('>المكان الذي تعيش فيه</a>'); // "Where you live"
    expect(plan.body).not.toContain('Where you live');
    const area = await yp.get('/my-plan/areas/accommodation');
    expect(area.statusCode).toBe(200);
    expect(htmlTag(area.body)).toContain('lang="ar" dir="rtl"');
    expect(area.body).toContain('بيتك الآن، والمكان الذي تريد أن تعيش فيه في المستقبل.');
    expect(area.body).toContain('مثلًا: أشعر بالأمان حيث أعيش.');
    expect(area.body).toContain('كيف تسير الأمور؟');
    expect(area.body).not.toMatch(/What worries me|For example/);
  });

  it('gets the form’s errors in Arabic, and the banner after saving', async () => {
    await chooseLanguage('ar');
    await yp.get('/my-plan/areas/accommodation');
    const bad = await yp.post('/my-plan/areas/accommodation', {
      goingWell: 'Zzkept words',
      worries: '',
      wants: '',
      disagreement: '',
      youngPersonScale: '11',
      revision: '0',
    });
    expect(bad.statusCode).toBe(400);
    expect(htmlTag(bad.body)).toContain('lang="ar" dir="rtl"');
    expect(bad.body).toMatch(/<title>خطأ: /);
    expect(bad.body).toContain('اكتب رقمًا من 0 إلى 10');
    expect(bad.body).not.toContain('Scale must be a number');
    expect(bad.body).toContain('Zzkept words');
    const good = await yp.post('/my-plan/areas/accommodation', {
      goingWell: 'Zzkept words',
      worries: '',
      wants: '',
      disagreement: '',
      youngPersonScale: '7',
      revision: '0',
    });
    expect(good.statusCode).toBe(303);
    const after = await yp.get(String(good.headers.location));
    expect(after.body).toContain('المكان الذي تعيش فيه: تم الحفظ');
    // Signing before the plan is ready: refused, and told so in Arabic (the machine's reason is staff English).
    await yp.get('/my-plan');
    const early = await yp.post(`/reviews/${openReviewId}/steps/sign-as-young-person`, { involvement: '' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('لا يمكنك فعل هذا الآن: تغيّرت حالة خطتك.');
    expect(early.body).not.toContain('This cannot be done');
  });

  it('reads the approved plan page in Arabic; their worker reads the same plan, and the open review, in English', async () => {
    await chooseLanguage('ar');
    const own = await yp.get('/my-plan/approved');
    expect(own.statusCode).toBe(200);
    expect(htmlTag(own.body)).toContain('lang="ar" dir="rtl"');
    expect(own.body).toContain('خطة مسارك'); // "Your pathway plan"
    expect(own.body).toContain('أهدافك وخطواتك التالية');
    expect(own.body).not.toMatch(/Your goals and next steps|Download your whole plan/);
    const staffPage = await pa.get(`/young-people/${ypId}/plans/1`);
    expect(staffPage.statusCode).toBe(200);
    expect(htmlTag(staffPage.body)).toContain('lang="en" dir="ltr"');
    expect(staffPage.body).toContain('Pathway plan');
    expect(staffPage.body).toContain('Where you live');
    expect(staffPage.body).not.toMatch(ARABIC);
    const overview = await pa.get(`/reviews/${openReviewId}`);
    expect(htmlTag(overview.body)).toContain('lang="en" dir="ltr"');
    expect(overview.body).not.toMatch(ARABIC);
  });

  it('downloads both plan PDFs in Arabic, their own words as written; the worker’s download is English', async () => {
    await chooseLanguage('ar');
    const [version] = await t.db.system((tx) =>
      tx.select({ review: planVersions.review }).from(planVersions).where(eq(planVersions.youngPersonId, ypId)),
    );
    const content = (version.review as { content: PlanContent }).content;
    const goal = Object.values(content.areas)
      .find((a) => a?.goal.trim())!
      .goal.trim();
    const whole = await yp.get('/my-plan/approved/pdf');
    expect(whole.statusCode).toBe(200);
    expect(pdfLanguage(whole.rawPayload)).toBe('ar');
    const wholeText = pdfText(whole.rawPayload);
    for (const heading of ['خطة مسارك', 'مستشارك الشخصي', 'الأشخاص الذين يدعمونك', 'المكان الذي تعيش فيه'])
      expect(wholeText).toContain(heading);
    expect(wholeText).not.toContain('Your pathway plan');
    // Where they live was checked: the answers and the decision in Arabic ("Yes", "Suitable").
    expect(wholeText).toMatch(/نعم.*مناسب|مناسب.*نعم/);
    expect(wholeText).not.toMatch(/\b(Yes|Suitable|In person)\b/);
    expect(wholeText.replace(/\s+/g, '')).toContain(goal.replace(/\s+/g, ''));
    // The needs assessment's considerations and the Schedule 2 matters in Arabic too, not in English.
    expectLawIn(wholeText, 'ar');
    const planning = await yp.get('/my-plan/approved/pdf?part=planning');
    const planningText = pdfText(planning.rawPayload);
    // "Your pathway plan: the planning section" and "your contingency plan" (pdftotext moves the colons).
    for (const heading of ['خطة مسارك', 'قسم التخطيط', 'خطة الطوارئ الخاصة بك'])
      expect(planningText).toContain(heading);
    expect(planningText).not.toContain('planning section');
    // The same plan downloaded by the worker: English headings, English document.
    for (const part of ['', '?part=planning']) {
      const staff = await pa.get(`/young-people/${ypId}/plans/1/pdf${part}`);
      expect(staff.statusCode).toBe(200);
      expect(pdfLanguage(staff.rawPayload)).toBe('en-GB');
      const text = pdfText(staff.rawPayload);
      expect(text).toContain('Your pathway plan');
      expect(text).not.toMatch(ARABIC);
      if (!part)
        for (const words of lawWords('en').considerations) expect(squeeze(text), words).toContain(squeeze(words));
    }
  });
});

describe('right-to-left plan PDFs', () => {
  it('in Arabic a label/value table reads right to left (label on the right); in English, left to right', async () => {
    // The young person's reference, in the table of their details: "Reference" and its value.
    const [{ reference }] = await t.db.system((tx) =>
      tx.select({ reference: youngPeople.reference }).from(youngPeople).where(eq(youngPeople.id, ypId)),
    );
    await chooseLanguage('ar');
    const arabic = pdfWords((await yp.get('/my-plan/approved/pdf')).rawPayload);
    expect(labelAgainstValue(arabic, reference)).toBe('label on the right');
    await chooseLanguage('en');
    const english = pdfWords((await yp.get('/my-plan/approved/pdf')).rawPayload);
    expect(labelAgainstValue(english, reference)).toBe('label on the left');
    expect(english.find((w) => w.word === 'Reference' && w.x < 100)).toBeDefined();
  });
});

describe('a young person whose language is Tigrinya', () => {
  it('downloads the whole plan PDF with Tigrinya headings and dates', async () => {
    await chooseLanguage('ti');
    const pdf = await yp.get('/my-plan/versions/1/pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdfLanguage(pdf.rawPayload)).toBe('ti');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('ትልሚ መንገድኻ');
    expect(text).toContain('ውልቃዊ ኣማኻሪኻ');
    expect(text).toMatch(ETHIOPIC);
    expect(text).not.toContain('Your pathway plan');
    expectLawIn(text, 'ti');
    await chooseLanguage('en');
  });
});
