// Easy read for a young person (issue 12 §6): turned on and off with a form from any of their pages or their
// account, saved on their account (migration 033, audited) so it follows them to another device; then their
// plan area pages have the easy words and a picture (OpenMoji, credited) beside the area and each question, in
// their language. Staff pages, and another young person's pages, stay as they were. Then the rest of their
// pages (messages, check-ins, reading their plan, asking to look at it again), the words a route puts on a page
// (form errors, the banner after a check-in) and their plan PDF: the easy words when easy read is on, the usual
// ones when it is off. Signed out, the sign-in page follows ?easy= and a cookie, as it follows ?lang=. Then
// what to do when they do not feel safe (the numbers exactly as they are), their account, how we contact them,
// their details and who looked, the privacy page, the invite pages before they have an account (signed out),
// and the lockout after too many wrong passwords (each plural form, Arabic's too).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, youngPersonAccounts } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { addAdvisersYoungPerson, addReview, addYoungPerson, addYoungPersonWritingPlan } from '../support/factories.ts';
import { pdfText } from '../support/pdf-text.ts';

let t: TestApp;
let rows: CouncilRows;
let ypId = '';
let otherId = '';
let reviewId = '';
const username = () => `easy1.${rows.council.slug}`;
const otherName = () => `easy2.${rows.council.slug}`;

const AREA = '/my-plan/areas/accommodation';
const HOUSE = '<img class="app-picture" src="/pictures/1F3E0.svg" alt="" width="48" height="48">';
const THUMBS_UP = '<img class="app-picture" src="/pictures/1F44D.svg" alt="" width="48" height="48">';

const easyReadOf = async (id: string) =>
  (
    await t.db.system((tx) =>
      tx
        .select({ on: youngPersonAccounts.easyRead })
        .from(youngPersonAccounts)
        .where(eq(youngPersonAccounts.youngPersonId, id)),
    )
  )[0]?.on;
const audited = (id: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'account.easy-read'), eq(auditEvents.youngPersonId, id)))
      .orderBy(auditEvents.id),
  );

/** Someone with an open review to have their say in, and an account. */
async function personWithPlan(login: string, address: string) {
  const person = await addYoungPersonWritingPlan(t.db, rows, login);
  const agent = new Agent(t.app, address);
  await agent.signIn(login, PASSWORD);
  return { ...person, agent };
}

let yp: Agent;
let other: Agent;

beforeAll(async () => {
  t = await buildTestApp(undefined, { sessionIdleMinutes: 60 * 24 * 60 }, { logger: { level: 'error' } });
  t.clock.set(`${TODAY}T10:00:00Z`);
  rows = await buildCouncil(t.db, { youngPeople: 3 });
  ({ id: ypId, reviewId, agent: yp } = await personWithPlan(username(), '10.81.0.1'));
  ({ id: otherId, agent: other } = await personWithPlan(otherName(), '10.81.0.2'));
}, 90_000);
afterAll(() => t.close());

describe('easy read', () => {
  it('is off at first, and offered on each of their pages and their account', async () => {
    expect(await easyReadOf(ypId)).toBe(false);
    for (const url of ['/', '/check-in', '/my-plan', AREA, '/account']) {
      const page = await yp.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('action="/easy-read"');
      expect(page.body, url).toContain('name="easyRead" value="on"');
      expect(page.body, url).toContain('Turn on easy read');
      expect(page.body, url).not.toContain('class="app-picture"');
    }
    const area = (await yp.get(AREA)).body;
    expect(area).toContain('<h1 class="govuk-heading-l">Where you live</h1>');
    expect(area).not.toContain('"readAloud"');
  });

  it('turns on with a form, back to the same page: saved on their account and audited', async () => {
    await yp.get(AREA);
    const on = await yp.post('/easy-read', { easyRead: 'on', back: AREA });
    expect(on.statusCode).toBe(303);
    expect(on.headers.location).toBe(AREA);
    expect(await easyReadOf(ypId)).toBe(true);
    expect((await audited(ypId)).map((a) => [a.actorId, a.details])).toEqual([[ypId, { easyRead: true }]]);
  });

  it('gives their area page the easy words, a picture beside the area and each question, and the credit', async () => {
    const area = (await yp.get(AREA)).body;
    expect(area).toContain(`<h1 class="govuk-heading-l">${HOUSE}Your home</h1>`);
    expect(area).toContain('<title>Your home – Your plan – Pathway</title>');
    expect(area).toContain('Where do you live now? Where do you want to live?');
    expect(area).toContain(`${THUMBS_UP}What is good?`);
    expect(area).toContain('What worries you?');
    expect(area).toContain('0 is very bad. 10 is very good.');
    expect(area).not.toContain('What is going well');
    // Six pictures: the area's and one per question (going well, worries, wants, disagreement, the number).
    expect(area.match(/class="app-picture"/g)).toHaveLength(6);
    // A key with no easy words keeps its usual ones.
    expect(area).toContain('Back to your plan');
    // The source and licence the pictures' licence asks for, and the words for "Read this aloud".
    expect(area).toMatch(/Pictures in easy read: <a [^>]*href="https:\/\/openmoji.org\/"[^>]*>OpenMoji<\/a>/);
    expect(area).toContain('CC BY-SA 4.0</a>');
    expect(area).toContain('&quot;readAloud&quot;:&quot;Read this aloud&quot;');
    expect(area).toContain('name="easyRead" value="off"');
    const list = (await yp.get('/my-plan')).body;
    expect(list).toContain(`href="/my-plan/areas/accommodation">${HOUSE}Your home</a>`);
  });

  it('serves the chosen pictures from this site, and nothing else from the symbol set', async () => {
    const svg = await yp.get('/pictures/1F3E0.svg');
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toContain('<svg');
    expect((await yp.get('/pictures/1F600.svg')).statusCode).toBe(404);
    expect((await yp.get('/pictures/../package.json')).statusCode).toBe(404);
  });

  it('is in their language: the easy words and pictures in Arabic', async () => {
    await yp.get('/');
    expect((await yp.post('/language', { lang: 'ar', back: '/' })).statusCode).toBe(303);
    const area = (await yp.get(AREA)).body;
    expect(area).toContain('lang="ar" dir="rtl"');
    expect(area).toContain(`<h1 class="govuk-heading-l">${HOUSE}بيتك</h1>`);
    expect(area).toContain('أين تعيش الآن؟ أين تريد أن تعيش؟');
    expect(area).toContain(`${THUMBS_UP}ما الجيد؟`);
    expect(area).toContain('أوقف القراءة السهلة');
    expect(area).toContain('اقرأ هذا بصوت عالٍ');
    await yp.post('/language', { lang: 'en', back: '/' });
  });

  it('follows them to another device', async () => {
    const laptop = new Agent(t.app, '10.81.0.3');
    await laptop.signIn(username(), PASSWORD);
    expect((await laptop.get(AREA)).body).toContain(`${HOUSE}Your home`);
  });

  it('leaves another young person’s setting and pages as they were', async () => {
    expect(await easyReadOf(otherId)).toBe(false);
    const area = (await other.get(AREA)).body;
    expect(area).toContain('<h1 class="govuk-heading-l">Where you live</h1>');
    expect(area).not.toContain('class="app-picture"');
    expect(area).toContain('name="easyRead" value="on"');
  });

  it('leaves staff pages as they were, and refuses staff the setting', async () => {
    const worker = new Agent(t.app, '10.81.0.4');
    await worker.signIn(signInFor(rows, 'pa'), PASSWORD);
    const page = await worker.get(`/reviews/${reviewId}/areas/accommodation`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('action="/easy-read"');
    expect(page.body).not.toContain('class="app-picture"');
    expect(page.body).not.toContain('Your home');
    expect((await worker.get('/account')).body).not.toContain('action="/easy-read"');
    const refused = await worker.post('/easy-read', { easyRead: 'on', back: '/' });
    expect(refused.statusCode).toBe(403);
    // The refusal is audited, as every refusal is.
    const refusals = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.actorId, staffByLocal(rows, 'pa').id),
            eq(auditEvents.outcome, 'denied'),
            eq(auditEvents.entityId, '/easy-read'),
          ),
        ),
    );
    expect(refusals).toHaveLength(1);
  });

  it('turns off from their account page, back to it, audited', async () => {
    const account = (await yp.get('/account')).body;
    expect(account).toContain('Easy read is on.');
    const off = await yp.post('/easy-read', { easyRead: 'off', back: '/account' });
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe('/account');
    expect(await easyReadOf(ypId)).toBe(false);
    expect((await audited(ypId)).map((a) => a.details)).toEqual([{ easyRead: true }, { easyRead: false }]);
    const area = (await yp.get(AREA)).body;
    expect(area).toContain('<h1 class="govuk-heading-l">Where you live</h1>');
    expect(area).not.toContain('class="app-picture"');
    expect((await yp.get('/account')).body).toContain('Easy read is off.');
  });

  it('refuses a choice that is neither on nor off, and goes back only to a page of this site', async () => {
    await yp.get('/');
    expect((await yp.post('/easy-read', { easyRead: 'maybe', back: '/' })).statusCode).toBe(400);
    const away = await yp.post('/easy-read', { easyRead: 'off', back: 'https://example.com/' });
    expect(away.headers.location).toBe('/');
  });
});

/** A page of theirs with the usual words and the easy ones that stand for them (each printed once, or not at all). */
type Words = { url: () => string; usual: string[]; easy: string[] };

describe('easy read on the rest of a young person’s pages', () => {
  let reader: Agent;
  let readerName = '';
  let readerId = '';
  let signingId = '';
  let threadId = '';
  const PAGES: Words[] = [
    {
      url: () => '/messages',
      usual: ['>About</th>', '>With</th>'],
      easy: ['>What it is about</th>', '>Who with</th>'],
    },
    {
      url: () => '/messages/new',
      usual: ['My personal adviser, ', 'Messages are kept. They cannot be deleted.'],
      easy: ['My worker, ', 'We keep your messages. No one can delete them.'],
    },
    {
      url: () => `/messages/${threadId}`,
      usual: ['<p class="govuk-body">With ', 'Messages are kept.'],
      easy: ['<p class="govuk-body">You are writing to ', 'We keep your messages.'],
    },
    {
      url: () => '/check-in',
      usual: ['Choose all that fit.', 'Your personal adviser can read this.', 'by the next working day.'],
      easy: [
        'You can pick more than one.',
        'Your worker reads this.',
        'Your worker will contact you by the next work day.',
      ],
    },
    {
      url: () => '/check-ins',
      usual: ['A line going from your oldest check-in', '>About</th>'],
      easy: ['The line shows your check-ins. The oldest is on the left.', '>What it was about</th>'],
    },
    {
      url: () => '/my-plan',
      usual: ['By signing, you say this plan is yours', 'If you do not agree, tell us what and why'],
      easy: ['When you sign, you say: this is my plan.', 'Do you not agree? Tell us what. Tell us why.'],
    },
    {
      url: () => `/reviews/${signingId}/read`,
      usual: ['<h1 class="govuk-heading-l">Your pathway plan</h1>', 'class="govuk-heading-s">Working towards<'],
      easy: ['<h1 class="govuk-heading-l">Your plan</h1>', 'class="govuk-heading-s">Your goal<'],
    },
    {
      url: () => '/my-plan/approved',
      usual: ['<h1 class="govuk-heading-l">Your pathway plan</h1>', 'Actions: '],
      easy: ['<h1 class="govuk-heading-l">Your plan</h1>', 'Next steps: '],
    },
    {
      url: () => '/my-plan/ask-for-a-review',
      usual: ['What has changed, or what do you want to talk about?'],
      easy: ['What has changed? What do you want to talk about?'],
    },
    {
      // What to do now: the numbers stay exactly as they are (this council has no out-of-hours number yet).
      url: () => '/not-safe',
      usual: [
        'If you are in danger now, call 999.',
        'Samaritans are there day and night, every day of the year. Call 116 123.',
        'main number and ask for the out-of-hours team.',
        'You can find this page at any time from your home page.',
      ],
      easy: [
        'Are you in danger now? Call 999.',
        'You can call Samaritans at any time. Day or night. Call 116 123. It is free.',
        'Call your council. Ask for the out-of-hours team. They help when the office is closed.',
        'You can always find this page on your home page.',
      ],
    },
    {
      url: () => '/account',
      usual: ['If you see a phone or computer you do not know, sign out there'],
      easy: ['Do you see a phone or computer you do not know? Sign out there. Then ask your worker for help.'],
    },
    {
      url: () => '/account/contact',
      usual: ['We can send you a message when your plan is ready for you to read and sign,'],
      easy: ['We can send you a message. We send one when your plan is ready to sign.'],
    },
    {
      url: () => '/my-record',
      usual: ['If something is wrong, tell your worker and they will fix it.'],
      easy: ['Is something wrong? Tell your worker. They will fix it.'],
    },
    {
      url: () => '/my-record/looks',
      usual: ['These are the staff who opened or changed your record.'],
      easy: ['These staff opened or changed your record.'],
    },
    {
      url: () => '/help/privacy',
      usual: ['so the people helping you can do their job.', 'Every time someone looks at it,'],
      easy: ['So the people who help you can do their job.', 'When someone looks at it, we write down who and when.'],
    },
  ];
  /** Each page has its usual words and not the easy ones, or the other way round. */
  async function expectWords(on: boolean) {
    for (const page of PAGES) {
      const res = await reader.get(page.url());
      expect(res.statusCode, page.url()).toBe(200);
      for (const words of on ? page.easy : page.usual) expect(res.body, `${page.url()}: ${words}`).toContain(words);
      for (const words of on ? page.usual : page.easy) expect(res.body, `${page.url()}: ${words}`).not.toContain(words);
    }
  }

  beforeAll(async () => {
    const adviser = staffByLocal(rows, 'pa');
    const managerId = staffByLocal(rows, 'tm').id;
    readerName = `easy3.${rows.council.slug}`;
    const person = await addAdvisersYoungPerson(t.db, rows, readerName);
    readerId = person.id;
    // An approved plan to read and download, and the next one ready for them to read and sign.
    const review = { youngPersonId: person.id, adviserId: adviser.id, managerId };
    await addReview(t.db, rows, { ...review, stage: 'approved', on: '2026-06-15' });
    signingId = (await addReview(t.db, rows, { ...review, stage: 'awaiting_signatures', on: '2026-11-20' })).id;
    reader = new Agent(t.app, '10.81.0.5');
    await reader.signIn(readerName, PASSWORD);
    await reader.get('/messages/new');
    const sent = await reader.post('/messages/new', { to: adviser.id, subject: 'Zzrent', body: 'Zzmy rent is late' });
    threadId = /\/messages\/([0-9a-f-]{36})/.exec(String(sent.headers.location))![1];
    await reader.get('/check-in');
    expect((await reader.post('/check-in', { feeling: '4', topics: 'money' })).statusCode).toBe(303);
  }, 90_000);

  it('off: messages, check-ins, their plan and asking to look at it again have the usual words', async () => {
    await expectWords(false);
  });

  it('on: the same pages have the easy words instead', async () => {
    await reader.get('/');
    expect((await reader.post('/easy-read', { easyRead: 'on', back: '/' })).statusCode).toBe(303);
    await expectWords(true);
  });

  it('on: the words a route puts on the page, a form’s error and the banner after a check-in, are easy too', async () => {
    await reader.get('/my-plan/ask-for-a-review');
    const long = await reader.post('/my-plan/ask-for-a-review', { description: 'x'.repeat(2001) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('This is too long. Use 2,000 letters or fewer.');
    expect(long.body).not.toContain('Keep it to 2,000 characters or fewer');
    await reader.get('/check-in');
    const help = await reader.post('/check-in', { feeling: '2', needsHelp: 'yes' });
    expect(help.statusCode).toBe(303);
    const after = (await reader.get(String(help.headers.location))).body;
    expect(after).toMatch(/Thank you\. We told your (worker|team)\./);
    expect(after).not.toContain('We have told your');
    // A message written after the office closed (20:00 on a Monday), its subject too long.
    t.clock.set(`${TODAY}T20:00:00Z`);
    const closed = (await reader.get('/messages/new')).body;
    expect(closed).toContain('The office is closed now. Your worker reads your message when it opens.');
    expect(closed).not.toContain('Your message will be read when the office opens.');
    const tooLong = await reader.post('/messages/new', {
      to: staffByLocal(rows, 'pa').id,
      subject: 'x'.repeat(201),
      body: 'Hi',
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('This is too long. Use 200 letters or fewer.');
    expect(tooLong.body).not.toContain('Write 200 characters or fewer');
    t.clock.set(`${TODAY}T10:00:00Z`);
  });

  it('on: /not-safe keeps the council’s out-of-hours number as it is, and says their worker was told', async () => {
    const admin = new Agent(t.app, '10.81.0.12');
    await admin.signIn(signInFor(rows, 'admin'), PASSWORD);
    await admin.get('/admin/contact-settings');
    const saved = await admin.post('/admin/contact-settings', {
      outOfHoursPhone: '0300 555 0199',
      officeOpens: '09:00',
      officeCloses: '17:00',
    });
    expect(saved.statusCode).toBe(303);
    await reader.get('/check-in');
    const res = await reader.post('/check-in', { feeling: '1', notSafe: 'yes' });
    expect(String(res.headers.location)).toMatch(/^\/not-safe\?/);
    const page = (await reader.get(String(res.headers.location))).body;
    expect(page).toContain('Is the office closed? Call your council on 0300 555 0199.');
    expect(page).not.toContain('out-of-hours number is');
    expect(page).toMatch(/We told your worker\. They will contact you by \d+ \w+ 2026\./);
    expect(page).not.toContain('We have told your personal adviser');
    expect(page).toContain('Are you in danger now? Call 999.');
  });

  it('on: both plan PDFs have the easy headings; their worker’s download of the same plan has the usual ones', async () => {
    const whole = await reader.get('/my-plan/approved/pdf');
    expect(whole.statusCode).toBe(200);
    const text = pdfText(whole.rawPayload);
    for (const words of ['This is your whole plan. It is your plan.', 'Your goal', 'Next steps', 'Your money'])
      expect(text, words).toContain(words);
    for (const words of ['Your pathway plan', 'What you are working towards', 'Assessment of need'])
      expect(text, words).not.toContain(words);
    const planning = pdfText((await reader.get('/my-plan/approved/pdf?part=planning')).rawPayload);
    expect(planning).toContain('Your plan: your goals and next steps');
    expect(planning).toContain('If things go wrong');
    expect(planning).not.toContain('planning section');
    const worker = new Agent(t.app, '10.81.0.6');
    await worker.signIn(signInFor(rows, 'pa'), PASSWORD);
    const staff = pdfText((await worker.get(`/young-people/${readerId}/plans/1/pdf`)).rawPayload);
    expect(staff).toContain('Your pathway plan');
    expect(staff).toContain('What you are working towards');
    expect(staff).not.toContain('This is your whole plan. It is your plan.');
  });

  it('off again: the PDF has the usual headings', async () => {
    await reader.get('/');
    await reader.post('/easy-read', { easyRead: 'off', back: '/' });
    const text = pdfText((await reader.get('/my-plan/approved/pdf')).rawPayload);
    expect(text).toContain('Your pathway plan');
    expect(text).toContain('What you are working towards');
    expect(text).not.toContain('Your goal');
  });
});

describe('easy read on the sign-in page, signed out', () => {
  const USUAL = [
    'Forgotten your password? Ask your worker or your council',
    'If you are a young person and your worker gave you a code,',
    'Turn on easy read',
  ];
  const EASY = [
    'Forgot your password? Ask your worker for a new code.',
    'If you have a code, <a class="govuk-link" href="/invite">use it to make your account</a>.',
    'Turn off easy read',
  ];

  it('is off at first, with a link (no JavaScript needed) that turns it on', async () => {
    const visitor = new Agent(t.app, '10.81.0.7');
    const page = (await visitor.get('/sign-in')).body;
    for (const words of USUAL) expect(page).toContain(words);
    for (const words of EASY) expect(page).not.toContain(words);
    expect(page).toContain('<a class="govuk-link" href="/sign-in?easy=1">Turn on easy read</a>');
    // A visitor has no account: no form to save it on.
    expect(page).not.toContain('action="/easy-read"');
    expect(visitor.cookie('pathway_easy')).toBeUndefined();
  });

  it('turns on with ?easy=1, kept on this device in a cookie, and off with ?easy=0', async () => {
    const visitor = new Agent(t.app, '10.81.0.8');
    const on = (await visitor.get('/sign-in?easy=1')).body;
    for (const words of EASY) expect(on).toContain(words);
    for (const words of USUAL) expect(on).not.toContain(words);
    expect(on).toContain('href="/sign-in?easy=0"');
    expect(visitor.cookie('pathway_easy')).toBe('1');
    // The cookie keeps it: the next visit, and the timeout's message, are in easy read.
    const later = (await visitor.get('/sign-in?timeout=1')).body;
    expect(later).toContain('You did nothing here for a while. So we signed you out. What you saved is safe.');
    expect(later).not.toContain('because you were not active');
    // With the language chosen the same way, and in it: Arabic's easy words.
    const arabic = (await visitor.get('/sign-in?lang=ar')).body;
    expect(arabic).toContain('نسيت كلمة المرور؟ اطلب رمزاً جديداً من الموظف المسؤول عنك.');
    expect(arabic).toContain('href="/sign-in?easy=0"');
    await visitor.get('/sign-in?lang=en');
    const off = (await visitor.get('/sign-in?easy=0')).body;
    for (const words of USUAL) expect(off).toContain(words);
    for (const words of EASY) expect(off).not.toContain(words);
    expect(visitor.cookie('pathway_easy')).toBe('0');
    // Anything else is no choice: the cookie decides.
    expect((await visitor.get('/sign-in?easy=yes')).body).toContain('Turn on easy read');
    // The privacy notice names the cookie.
    const privacy = await visitor.get('/help/privacy');
    expect(privacy.statusCode).toBe(200);
    expect(privacy.body).toContain('one to remember if you chose easy read');
  });

  it('is set from a young person’s account when they sign in, and is theirs again when they sign out', async () => {
    const phone = new Agent(t.app, '10.81.0.9');
    await phone.signIn(username(), PASSWORD);
    await phone.get('/');
    await phone.post('/easy-read', { easyRead: 'on', back: '/' });
    await phone.post('/sign-out', {});
    // Kept from their account ('a1'), not chosen by a visitor ('1').
    expect(phone.cookie('pathway_easy')).toBe('a1');
    const signedOut = (await phone.get('/sign-in?signed-out=1')).body;
    expect(signedOut).toContain('Forgot your password? Ask your worker for a new code.');
    // Signing in on another device with easy read off (a cookie of '0') brings their setting there too.
    const laptop = new Agent(t.app, '10.81.0.10');
    await laptop.get('/sign-in?easy=0');
    await laptop.signIn(username(), PASSWORD);
    expect(laptop.cookie('pathway_easy')).toBe('a1');
    await phone.signIn(username(), PASSWORD);
    await phone.post('/easy-read', { easyRead: 'off', back: '/' });
  });

  it('turned on signed out, goes on with a young person when they sign in: saved on their account, audited', async () => {
    const before = (await audited(otherId)).length;
    expect(await easyReadOf(otherId)).toBe(false);
    const phone = new Agent(t.app, '10.81.0.12');
    await phone.get('/sign-in?easy=1');
    await phone.signIn(otherName(), PASSWORD);
    expect(phone.cookie('pathway_easy')).toBe('a1');
    const home = (await phone.get('/')).body;
    expect(home).toContain('Turn off easy read');
    expect(await easyReadOf(otherId)).toBe(true);
    const rows = await audited(otherId);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)?.details).toEqual({ easyRead: true });
    // Turned off signed out is not carried: their account's setting stays, and so does easy read.
    const laptop = new Agent(t.app, '10.81.0.13');
    await laptop.get('/sign-in?easy=0');
    await laptop.signIn(otherName(), PASSWORD);
    expect(await easyReadOf(otherId)).toBe(true);
    expect((await audited(otherId)).length).toBe(before + 1);
    await phone.post('/easy-read', { easyRead: 'off', back: '/' });
    expect(await easyReadOf(otherId)).toBe(false);
    // On a shared phone, the setting kept from the last young person's account is not saved on the next one's.
    const shared = new Agent(t.app, '10.81.0.14');
    await shared.signIn(username(), PASSWORD);
    await shared.post('/easy-read', { easyRead: 'on', back: '/' });
    await shared.post('/sign-out', {});
    expect((await shared.get('/sign-in')).body).toContain('Turn off easy read');
    await shared.signIn(otherName(), PASSWORD);
    expect(await easyReadOf(otherId)).toBe(false);
    expect((await shared.get('/')).body).toContain('Turn on easy read');
    expect(shared.cookie('pathway_easy')).toBe('a0');
    await shared.post('/sign-out', {});
    await shared.signIn(username(), PASSWORD);
    await shared.post('/easy-read', { easyRead: 'off', back: '/' });
  });

  it('leaves staff pages as they were, whatever the cookie says', async () => {
    const desk = new Agent(t.app, '10.81.0.11');
    await desk.get('/sign-in?easy=1');
    await desk.signIn(signInFor(rows, 'pa'), PASSWORD);
    const home = (await desk.get('/')).body;
    expect(home).not.toContain('easy read');
    expect(home).not.toContain('app-easy-read-choice');
  });
});

describe('easy read before a young person has an account, and when sign-in is locked, signed out', () => {
  let code = '';
  const USUAL = [
    'Your worker gave you a code with 8 letters and numbers',
    'This code is not right, or it has run out.',
    'It may have been used already, or it is more than 7 days old.',
    'You will use them to sign in to see and write your plan.',
    'You can use your email address, or make one up.',
    'At least 10 characters.',
    'Password must be 10 characters or more.',
  ];
  const EASY = [
    'Your worker gave you a code. It has 8 letters and numbers, like ABCD-2345. It works for 7 days.',
    'This code does not work. Check it. Or ask your worker for a new one',
    'Maybe it was used already. Or it is more than 7 days old.',
    'You use them to sign in. Then you can see your plan and write in it.',
    'You can use your email address. Or make up a name.',
    'Use 10 letters or more. Three random words are good. They are easy to remember and hard to guess.',
    'Use 10 letters or more. Three random words work well',
  ];

  beforeAll(async () => {
    const adviser = staffByLocal(rows, 'pa');
    const person = await addYoungPerson(t.db, rows, {
      dateOfBirth: '2007-05-10',
      episodes: [{ start: '2021-01-01', end: '2025-05-10' }],
      personalAdviserId: adviser.id,
      teamId: adviser.teamId!,
    });
    const worker = new Agent(t.app, '10.81.0.13');
    await worker.signIn(signInFor(rows, 'pa'), PASSWORD);
    await worker.get(`/young-people/${person.id}`);
    const invited = await worker.post(`/young-people/${person.id}/invitations`, {});
    code = /class="app-code">([A-Z0-9-]+)</.exec(invited.body)![1];
  }, 30_000);

  /** The code page, a wrong code, a link that does not work, and the page that sets up the account with an error. */
  async function invitePages(visitor: Agent) {
    const codePage = await visitor.get('/invite');
    const wrong = await visitor.post('/invite', { code: 'ZZZZ-9999' });
    const invalid = await visitor.get('/invite/no-such-invitation-token-at-all');
    await visitor.get('/invite');
    const accept = await visitor.post('/invite', { code });
    const short = await visitor.post('/invite/accept', {
      credentialKind: 'code',
      credential: code,
      username: `easy5.${rows.council.slug}`,
      password: 'short',
      confirm: 'short',
    });
    expect([codePage, wrong, invalid, accept, short].map((r) => r.statusCode)).toEqual([200, 400, 404, 200, 400]);
    return [codePage, wrong, invalid, accept, short].map((r) => r.body).join('\n');
  }

  it('off: the invite pages and their errors have the usual words', async () => {
    const pages = await invitePages(new Agent(t.app, '10.81.0.14'));
    for (const words of USUAL) expect(pages, words).toContain(words);
    for (const words of EASY) expect(pages, words).not.toContain(words);
  });

  it('on (?easy=1, kept in the cookie): the invite pages and their errors have the easy words', async () => {
    const visitor = new Agent(t.app, '10.81.0.16');
    await visitor.get('/invite?easy=1');
    const pages = await invitePages(visitor);
    for (const words of EASY) expect(pages, words).toContain(words);
    for (const words of USUAL) expect(pages, words).not.toContain(words);
  });

  it('on: the lockout after too many wrong passwords is in easy words, with the plural form each number needs', async () => {
    const login = `easy6.${rows.council.slug}`;
    await addAdvisersYoungPerson(t.db, rows, login);
    const phone = new Agent(t.app, '10.81.0.17');
    await phone.get('/sign-in?easy=1');
    const wrong = () => phone.post('/sign-in', { login, password: 'not the password' });
    for (let i = 0; i < 4; i++) expect((await wrong()).statusCode).toBe(400);
    const locked = await wrong();
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('You typed a wrong password too many times. Wait 15 minutes. Then try again');
    expect(locked.body).not.toContain('This account is locked');
    // Arabic has six forms: 15 takes "many", 2 the dual, 1 the singular.
    await phone.get('/sign-in?lang=ar');
    expect((await wrong()).body).toContain('كتبت كلمة مرور خاطئة مرات كثيرة. انتظر 15 دقيقةً. ثم حاول مرة أخرى');
    t.clock.set(`${TODAY}T10:13:30Z`);
    expect((await wrong()).body).toContain('انتظر دقيقتين. ثم حاول مرة أخرى');
    t.clock.set(`${TODAY}T10:14:30Z`);
    expect((await wrong()).body).toContain('انتظر دقيقة واحدة. ثم حاول مرة أخرى');
    await phone.get('/sign-in?lang=en');
    expect((await wrong()).body).toContain('Wait 1 minute. Then try again');
    // Easy read off: the usual words.
    await phone.get('/sign-in?easy=0');
    const usual = (await wrong()).body;
    expect(usual).toContain('Too many wrong passwords. This account is locked for 1 minute');
    expect(usual).not.toContain('You typed a wrong password');
    t.clock.set(`${TODAY}T10:00:00Z`);
  });

  it('on: too many tries from one phone or computer is told in easy words too, and in the usual ones when off', async () => {
    const phone = new Agent(t.app, '10.81.0.18');
    await phone.get('/sign-in?easy=1');
    // Names nobody has, so no account locks: what stops them is the device's (the address's) limit.
    const guess = (i: number) =>
      phone.post('/sign-in', { login: `nobody${i}.${rows.council.slug}`, password: 'a guess' });
    let tries = 0;
    let answer = await guess(tries);
    while (answer.statusCode === 400 && tries < 30) answer = await guess(++tries);
    expect(answer.statusCode).toBe(429);
    expect(tries).toBe(20);
    expect(answer.body).toMatch(/Too many tries on this phone or computer\. Wait \d+ minutes\. Then try again/);
    expect(answer.body).not.toContain('Too many tries from this device');
    await phone.get('/sign-in?easy=0');
    const usual = (await guess(++tries)).body;
    expect(usual).toMatch(/Too many tries from this device\. Wait \d+ minutes and try again/);
    expect(usual).not.toContain('Too many tries on this phone or computer');
  });
});
