// A young person's pages in their language (issue 12 §5): chosen with ?lang= before signing in (kept in a
// cookie), with a form once signed in (saved on their account, audited, and back on another device at
// sign-in); <html lang dir> right; words from routes (errors, banners) in the same language; no English
// left on any of their pages in any language; staff pages in English whatever the cookie says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, youngPersonAccounts } from '../../src/data/schema.ts';
import { LANGUAGE_COOKIE, LANGUAGES } from '../../src/http/i18n.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { addYoungPerson, addYoungPersonAccount } from '../support/factories.ts';
import { pageWords } from '../support/text.ts';
import { YOUNG_PERSON_PAGES } from '../support/young-person-pages.ts';

let t: TestApp;
let rows: CouncilRows;
let ypId = '';
let threadId = '';
const username = () => `lang1.${rows.council.slug}`;

const htmlTag = (html: string) => /<html[^>]*>/.exec(html)?.[0] ?? '';
const accountLanguage = async () =>
  (
    await t.db.system((tx) =>
      tx
        .select({ language: youngPersonAccounts.language })
        .from(youngPersonAccounts)
        .where(eq(youngPersonAccounts.youngPersonId, ypId)),
    )
  )[0]?.language;

/** A form in Arabic sent wrong (400) then right (303): the page with the errors, and the page after. */
async function badThenGood(agent: Agent, url: string, wrong: Record<string, string>, right: Record<string, string>) {
  await agent.get(`${url}?lang=ar`);
  const bad = await agent.post(url, wrong);
  expect(bad.statusCode).toBe(400);
  const done = await agent.post(url, right);
  expect(done.statusCode).toBe(303);
  return { bad: bad.body, after: (await agent.get(String(done.headers.location))).body };
}

/** The page that asks why their worker looked, from their list of who has looked. */
async function askLink(agent: Agent): Promise<string> {
  const link = /href="(\/my-record\/looks\/\d+\/ask)"/.exec((await agent.get('/my-record/looks')).body)?.[1];
  expect(link).toBeDefined();
  return link!;
}

/** Common English words: none may be left on a young person's page in another language. */
const ENGLISH = /\b(the|you|your|and|to|is|of|for|with|this|what|how|are|not|page|sign|home|help|message|messages)\b/i;
/** The page's words a person reads, without what people wrote or are called (from the test's own data). */
function wordsOf(html: string, known: string[]): string {
  let text = pageWords(
    html.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]*lang="en"[^>]*>[^<]*</g, '<'),
  );
  for (const k of known) text = text.split(k).join(' ');
  return text;
}

beforeAll(async () => {
  t = await buildTestApp(undefined, { sessionIdleMinutes: 60 * 24 * 60 }, { logger: { level: 'error' } });
  t.clock.set(`${TODAY}T10:00:00Z`);
  rows = await buildCouncil(t.db, { youngPeople: 4 });
  const pa = staffByLocal(rows, 'pa');
  ypId = (
    await addYoungPerson(t.db, rows, {
      personalAdviserId: pa.id,
      teamId: pa.teamId!,
      dateOfBirth: '2006-05-10',
      episodes: [{ start: '2020-01-01', end: '2024-05-10' }],
    })
  ).id;
  await addYoungPersonAccount(t.db, rows, ypId, username());
  // A thread to read, started by their worker.
  const worker = new Agent(t.app, '10.61.1.1');
  await worker.signIn(signInFor(rows, 'pa'), PASSWORD);
  await worker.get(`/young-people/${ypId}/messages/new`);
  const started = await worker.post(`/young-people/${ypId}/messages/new`, { subject: 'Zzsubject', body: 'Zzbody' });
  threadId = /\/messages\/([0-9a-f-]{36})/.exec(String(started.headers.location))![1];
  // Their worker opens their record, so "who has looked" has a row to ask about.
  expect((await worker.get(`/young-people/${ypId}`)).statusCode).toBe(200);
}, 90_000);
afterAll(() => t.close());

describe('before signing in', () => {
  it('?lang= shows the sign-in page in that language, right to left for Arabic, and keeps it in a cookie', async () => {
    const visitor = new Agent(t.app, '10.61.0.1');
    const first = await visitor.get('/sign-in?lang=ar');
    expect(htmlTag(first.body)).toContain('lang="ar" dir="rtl"');
    expect(first.body).toContain('تسجيل الدخول إلى Pathway');
    expect(visitor.cookie(LANGUAGE_COOKIE)).toBe('ar');
    // The cookie keeps it; an unknown language changes nothing.
    const again = await visitor.get('/sign-in?lang=xx');
    expect(htmlTag(again.body)).toContain('lang="ar" dir="rtl"');
    // Every language is offered, named in itself, as a link that keeps the page.
    for (const l of LANGUAGES.filter((l) => l.code !== 'ar'))
      expect(again.body).toContain(
        `href="/sign-in?lang=${l.code}" hreflang="${l.code}" lang="${l.code}" dir="${l.dir}">${l.name}</a>`,
      );
    expect(again.body).toMatch(/<span lang="ar" dir="rtl" aria-current="true">العربية<\/span>/);
    const ti = await visitor.get('/sign-in?lang=ti');
    expect(htmlTag(ti.body)).toContain('lang="ti" dir="ltr"');
    expect(htmlTag(ti.body)).toContain('app-script-ethiopic');
  });

  it('form errors from the route are in the page’s language', async () => {
    const visitor = new Agent(t.app, '10.61.0.2');
    await visitor.get('/sign-in?lang=ar');
    const res = await visitor.post('/sign-in', { login: '', password: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('هناك مشكلة');
    expect(res.body).toContain('اكتب بريدك الإلكتروني أو اسم المستخدم');
    expect(res.body).toMatch(/<title>خطأ: /);
    const wrong = await visitor.post('/sign-in', { login: username(), password: 'not the password' });
    expect(wrong.body).toContain('البريد الإلكتروني أو اسم المستخدم أو كلمة المرور غير صحيح');
  });

  it('serves the Arabic and Ethiopic fonts from this site, and nothing else from that folder', async () => {
    const visitor = new Agent(t.app, '10.61.0.3');
    const font = await visitor.get('/fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf');
    expect(font.statusCode).toBe(200);
    expect(font.rawPayload.subarray(0, 4).toString('hex')).toBe('00010000');
    expect((await visitor.get('/fonts/noto-sans-ethiopic/700Bold/NotoSansEthiopic_700Bold.ttf')).statusCode).toBe(200);
    expect((await visitor.get('/fonts/noto-sans-arabic/package.json')).statusCode).toBe(404);
    expect((await visitor.get('/fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf')).statusCode).toBe(404);
  });
});

describe('a signed-in young person', () => {
  it('chooses with a form: saved on their account (audited), and back on another device when they sign in', async () => {
    const phone = new Agent(t.app, '10.61.2.1');
    await phone.signIn(username(), PASSWORD);
    const home = await phone.get('/');
    expect(htmlTag(home.body)).toContain('lang="en" dir="ltr"');
    expect(home.body).toContain('action="/language"');
    const chosen = await phone.post('/language', { lang: 'ti', back: '/check-ins?lang=ar' });
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe('/check-ins');
    expect(await accountLanguage()).toBe('ti');
    const audited = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'account.language'), eq(auditEvents.youngPersonId, ypId))),
    );
    expect(audited.map((a) => a.details)).toContainEqual({ language: 'ti' });
    const page = await phone.get('/check-ins');
    expect(htmlTag(page.body)).toContain('lang="ti" dir="ltr"');
    expect(page.body).toContain('ኩነታትካ ከመይ ነይሩ');
    // Another device: no cookie yet, and the account's language comes back at sign-in.
    const laptop = new Agent(t.app, '10.61.2.2');
    await laptop.signIn(username(), PASSWORD);
    expect(laptop.cookie(LANGUAGE_COOKIE)).toBe('ti');
    expect(htmlTag((await laptop.get('/')).body)).toContain('lang="ti"');
    // Back to English, for the next tests.
    await phone.post('/language', { lang: 'en', back: '/' });
    expect(await accountLanguage()).toBe('en');
  });

  it('choosing on two devices at once: each choice is saved and audited, and the last one stands', async () => {
    const phone = new Agent(t.app, '10.61.2.5');
    const laptop = new Agent(t.app, '10.61.2.6');
    await phone.signIn(username(), PASSWORD);
    await laptop.signIn(username(), PASSWORD);
    await phone.get('/');
    await laptop.get('/');
    const before = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'account.language'), eq(auditEvents.youngPersonId, ypId))),
    );
    const [a, b] = await Promise.all([
      phone.post('/language', { lang: 'ps', back: '/' }),
      laptop.post('/language', { lang: 'ckb', back: '/' }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
    expect(['ps', 'ckb']).toContain(await accountLanguage());
    const after = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'account.language'), eq(auditEvents.youngPersonId, ypId))),
    );
    expect(after.length - before.length).toBe(2);
    await phone.post('/language', { lang: 'en', back: '/' });
  });

  it('refuses a language not on the list, and goes back only to a page of this site', async () => {
    const phone = new Agent(t.app, '10.61.2.3');
    await phone.signIn(username(), PASSWORD);
    await phone.get('/');
    expect((await phone.post('/language', { lang: 'xx', back: '/' })).statusCode).toBe(400);
    const away = await phone.post('/language', { lang: 'ar', back: 'https://example.com/' });
    expect(away.headers.location).toBe('/');
    await phone.post('/language', { lang: 'en', back: '/' });
  });

  it('gets words from the route in their language: errors next to the field, and the banner after checking in', async () => {
    const phone = new Agent(t.app, '10.61.2.4');
    await phone.signIn(username(), PASSWORD);
    const { bad, after } = await badThenGood(phone, '/check-in', { words: 'kept' }, { feeling: '4' });
    expect(bad).toContain('اختر كيف تسير أمورك');
    expect(after).toContain('شكرًا لأنك أخبرتنا بحالك.');
  });

  it('gets the words of "how we contact you" and "ask why" in their language: errors, banners, dates', async () => {
    const phone = new Agent(t.app, '10.61.2.7');
    await phone.signIn(username(), PASSWORD);
    const contact = { channel: 'email', email: 'not an address' };
    const { bad, after } = await badThenGood(phone, '/account/contact', contact, { channel: 'none' });
    expect(bad).toContain('اكتب بريدًا إلكترونيًا، مثل name@example.com');
    expect(after).toContain('حفظنا الطريقة التي تريد أن نتواصل معك بها.');
    expect(after).toContain('لن نرسل لك أي رسائل.');
    const ask = await askLink(phone);
    const form = await phone.get(ask);
    // The role and the date are in Arabic too, not only the sentence around them.
    expect(form.body).toContain('مستشار شخصي');
    expect(form.body).toMatch(/أنت تسأل عن: مستشار شخصي، [^<]+، في \d{1,2} [\u0600-\u06FF]+ \d{4}\./);
    expect((await phone.post(ask, { body: '' })).body).toContain('اكتب سؤالك');
    const sent = await phone.post(ask, { body: 'Zzwhy' });
    expect(sent.statusCode).toBe(303);
    const thread = await phone.get(String(sent.headers.location));
    expect(thread.body).toContain('أرسلنا سؤالك. ستصلك إجابة قبل');
    // The question itself goes to the worker in English.
    expect(thread.body).toContain('I want to know why');
    await phone.post('/language', { lang: 'en', back: '/' });
  });

  it.each(LANGUAGES.filter((l) => l.code !== 'en').map((l) => [l.code, l.dir]))(
    'in %s, every page they see has <html lang dir> right and no English words left',
    async (code, dir) => {
      const phone = new Agent(t.app, '10.61.3.1');
      await phone.signIn(username(), PASSWORD);
      await phone.get(`/?lang=${code}`);
      const known = ['Pathway', 'README', 'Zzsubject', 'Zzbody', '999', '116 123'];
      for (const staff of rows.staff) known.push(staff.displayName, staff.email);
      known.push(...rows.teams.map((team) => team.name));
      const ask = await askLink(phone);
      const workerPage = `/workers/${staffByLocal(rows, 'pa').id}`;
      for (const url of [...YOUNG_PERSON_PAGES, `/messages/${threadId}`, workerPage, ask, '/no-such-page']) {
        const res = await phone.get(url);
        expect(res.statusCode, url).toBe(url === '/no-such-page' ? 404 : 200);
        expect(htmlTag(res.body), url).toContain(`lang="${code}" dir="${dir}"`);
        const words = wordsOf(res.body, known);
        expect(ENGLISH.exec(words)?.[0], `${code} ${url}: ${words.slice(0, 300)}`).toBeUndefined();
      }
    },
  );
  it.each(LANGUAGES.filter((l) => l.code !== 'en').map((l) => [l.code, l.dir]))(
    'in %s, the pages before signing in (sign in, a code from their worker, a link that ran out) too',
    async (code, dir) => {
      const visitor = new Agent(t.app, '10.61.3.2');
      await visitor.get(`/sign-in?lang=${code}`);
      const pages = [
        ['/sign-in', 200],
        ['/invite', 200],
        ['/invite/no-such-invitation-token-at-all', 404],
      ] as const;
      for (const [url, status] of pages) {
        const res = await visitor.get(url);
        expect(res.statusCode, url).toBe(status);
        expect(htmlTag(res.body), url).toContain(`lang="${code}" dir="${dir}"`);
        const words = wordsOf(res.body, ['Pathway', 'README', 'ABCD-2345']);
        expect(ENGLISH.exec(words)?.[0], `${code} ${url}: ${words.slice(0, 300)}`).toBeUndefined();
      }
      const empty = await visitor.post('/invite', { code: '' });
      expect(empty.statusCode).toBe(400);
      expect(ENGLISH.exec(wordsOf(empty.body, ['Pathway']))?.[0]).toBeUndefined();
    },
  );
});

describe('staff', () => {
  it('read their pages in English, whatever language the cookie holds', async () => {
    const pa = new Agent(t.app, '10.61.4.1');
    await pa.get('/sign-in?lang=ar');
    await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
    for (const url of ['/', `/messages/${threadId}`, '/messages?lang=ar', '/no-such-page']) {
      const res = await pa.get(url);
      expect(htmlTag(res.body), url).toContain('lang="en" dir="ltr"');
      expect(res.body, url).not.toContain('app-languages');
    }
  });

  it('administrators see each language and whether a council’s translator has checked it', async () => {
    const admin = new Agent(t.app, '10.61.4.2');
    await admin.signIn(signInFor(rows, 'admin'), PASSWORD);
    const page = await admin.get('/admin/languages');
    expect(page.statusCode).toBe(200);
    const words = pageWords(page.body);
    for (const name of ['Arabic', 'Pashto', 'Dari', 'Tigrinya', 'Kurdish Sorani']) expect(words).toContain(name);
    expect(words.match(/Not checked/g)).toHaveLength(5);
    const pa = new Agent(t.app, '10.61.4.3');
    await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
    expect((await pa.get('/admin/languages')).statusCode).toBe(403);
  });
});
