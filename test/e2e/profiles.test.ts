// Issue 12 §4 in a real browser: a worker writes their profile with a photo (a file input, no JavaScript
// needed); their young person sees it on their home and its own page at 320 px without JavaScript, sees
// who has looked at their record and asks why. Every page is checked with axe.
import { beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import {
  checkWithoutJs,
  describeBrowser,
  expectNoAxeViolations,
  heading,
  newContext,
  PHONE,
  signIn,
  browserSetUp,
  visit,
  type TestServer,
} from '../support/browser.ts';

let server: TestServer;
let browser: Browser;
let login = '';
let personId = '';
let adviser = { email: '', displayName: '', id: '' };

describeBrowser('workers’ profiles and who has looked', () => {
  const setUp = browserSetUp(['profiles']);
  beforeAll(() => {
    ({ server, browser } = setUp);
    ({ id: personId, login, adviser } = setUp.youngPeople[0]);
  });

  it('profile with a photo → on their home at 320 px → who looked → ask why, the young person without JavaScript', async () => {
    const staff = await newContext(browser, server, { javaScriptEnabled: false });
    const pa = await staff.newPage();
    await signIn(pa, adviser.email);
    await visit(pa, '/profile');
    await checkWithoutJs(pa);
    await pa.getByLabel('About me').fill('I have worked with young people for 8 years. I like cooking.');
    await pa.getByLabel("When I'm around").fill('Monday to Thursday');
    const photo = await sharp({ create: { width: 900, height: 900, channels: 3, background: '#1d70b8' } })
      .png()
      .toBuffer();
    await pa.getByLabel('Photo (optional)').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: photo });
    await Promise.all([pa.waitForURL('**/profile?**'), pa.getByRole('button', { name: 'Save profile' }).click()]);
    expect(await pa.locator('.govuk-notification-banner').innerText()).toContain('saved');
    expect(await pa.locator('img.app-profile-photo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
    await checkWithoutJs(pa);

    const young = await newContext(browser, server, { viewport: PHONE, javaScriptEnabled: false });
    const yp = await young.newPage();
    await signIn(yp, login);
    const home = await yp.locator('main').innerText();
    expect(home).toContain('Your workers');
    expect(home).toContain('I like cooking.');
    await checkWithoutJs(yp);
    await yp.getByRole('link', { name: `More about ${adviser.displayName}` }).click();
    expect(await heading(yp)).toBe(adviser.displayName);
    expect(await yp.locator('main').innerText()).toContain('Monday to Thursday');
    expect(
      await yp
        .getByRole('img', { name: `Photo of ${adviser.displayName}` })
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBe(480);
    await checkWithoutJs(yp);

    // The adviser looks at the record; the young person sees it (job and team only, by default).
    await visit(pa, `/young-people/${personId}`);
    await visit(yp, '/');
    await yp.getByRole('link', { name: 'See who has looked at your record' }).click();
    expect(await heading(yp)).toBe('Who has looked at your record');
    const list = await yp.locator('main').innerText();
    expect(list).toContain('Personal adviser');
    expect(list).not.toContain(adviser.displayName);
    await checkWithoutJs(yp);
    await yp
      .getByRole('link', { name: /Ask why/ })
      .first()
      .click();
    await checkWithoutJs(yp);
    await yp.getByLabel('Your question').fill('What were you looking for?');
    await Promise.all([
      yp.waitForURL(/\/messages\/[0-9a-f-]{36}/),
      yp.getByRole('button', { name: 'Send question' }).click(),
    ]);
    expect(await yp.locator('.govuk-notification-banner').innerText()).toContain('Your question has been sent');
    await checkWithoutJs(yp);

    const withJs = await newContext(browser, server);
    const paJs = await withJs.newPage();
    await signIn(paJs, adviser.email);
    await visit(paJs, '/inbox');
    expect(await paJs.locator('[data-inbox]').innerText()).toContain('Why did someone look at my record?');
    await expectNoAxeViolations(paJs);
    await staff.close();
    await young.close();
    await withJs.close();
  });
});
