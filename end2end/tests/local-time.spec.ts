import { test, expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, moveClock, venueFields } from './helpers';

// TIME-1..3 as a new Italian client on a phone lives them: an Italian
// browser in Europe/Rome at 390×844, every time read in Rome, bookings
// entered on the venue's clock, and the clock changes of the last Sundays
// of March and October.

const PHONE = {
  viewport: { width: 390, height: 844 },
  locale: 'it-IT',
  timezoneId: 'Europe/Rome',
  hasTouch: true,
};

const MONTHS_IT = ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'];

/** An instant as an Italian reader in Rome reads it: `3 dic 2026, 21:30`. */
function italian(t: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(t);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${Number(get('day'))} ${MONTHS_IT[Number(get('month')) - 1]} ${get('year')}, ${Number(get('hour'))}:${get('minute')}`;
}

/** Signs a new client up at /it/signup on a phone; the page is at /it/client after. */
async function newItalianClient(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto('/it/signup');
  await hydrated(page);
  // TIME-1: the zone is proposed from the browser.
  await expect(page.getByTestId('time-zone')).toHaveValue('Europe/Rome');
  await page.locator('#display_name').fill(name);
  await page.locator('#email').fill(`${name.toLowerCase().replace(/\W/g, '')}-${Date.now()}@example.com`);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.getByTestId('adult').check();
  await page.getByTestId('terms').check();
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(/\/it\/client$/);
  return page;
}

/** Opens the phone menu and follows one of its links. */
async function viaMenu(page: Page, name: string) {
  await page.locator('details.nav-menu > summary').click();
  await page.locator('nav.site-nav').getByRole('link', { name, exact: true }).click();
}

/** The booking form of Giulia, reached from the menu. */
async function openGiulia(page: Page) {
  await viaMenu(page, 'Modelle');
  await expect(page).toHaveURL(/\/it\/models$/);
  await page.getByTestId('models').getByRole('link', { name: /Giulia/ }).click();
  await hydrated(page);
}

async function fillStart(page: Page, date: string, time: string) {
  await page.locator('input[name=payment][value=direct]').check();
  await page.locator('#date').fill(date);
  await page.locator('#time').fill(time);
}

async function serverNow(page: Page): Promise<Date> {
  return new Date((await (await page.request.get('/__test/clock')).json()).now);
}

test.describe('local time (TIME)', () => {
  test.afterEach(async ({ request }) => {
    await moveClock(request, { reset: true });
  });

  test('TIME-1/2: a new client signs up in Italian on a phone, books in local time and finds the session again', async ({ browser }) => {
    const page = await newItalianClient(browser, 'Chiara Rossi');
    // The header leaves the phone's screen to the page.
    const header = await page.locator('header').first().boundingBox();
    expect(header!.height).toBeLessThanOrEqual(844 / 6);

    await openGiulia(page);
    const now = await serverNow(page);
    const start = new Date(now.getTime() + 26 * 3600_000);
    start.setUTCSeconds(0, 0);
    const f = venueFields(start);
    await fillStart(page, f.date, f.time);
    // Before paying: the start, the total, the deadlines, in Rome's time.
    await expect(page.getByTestId('quote-start')).toContainText(italian(start));
    await expect(page.getByTestId('quote-free-cancel')).toContainText(italian(new Date(start.getTime() - 5 * 3600_000)));
    await expect(page.getByTestId('quote-window')).toContainText(italian(new Date(start.getTime() - 30 * 60_000)));
    await expect(page.getByTestId('quote-total')).toContainText('crediti');
    await page.getByTestId('book').click();
    await expect(page).toHaveURL(/\/it\/sessions\/[0-9a-z-]+$/);
    const sessionUrl = page.url();
    await expect(page.getByTestId('session')).toContainText(italian(start));
    await expect(page.getByTestId('stage')).toHaveText("Prima dell'incontro");

    // Found again from the navigation, every time in Rome and in Italian.
    await page.goto('/it/client');
    await viaMenu(page, 'Incontri');
    await expect(page).toHaveURL(/\/it\/sessions$/);
    const line = page.getByTestId('sessions').locator('li', { hasText: 'Giulia' }).first();
    await expect(line).toContainText(italian(start));
    await line.getByRole('link').click();
    await expect(page).toHaveURL(sessionUrl);
    await expect(page.locator('main')).not.toContainText('UTC');
    await page.context().close();
  });

  test('TIME-3: on the spring change 02:30 does not exist in Rome; the ±30-minute window and the 5-hour rule count real time', async ({ browser, request }) => {
    // A week before the change, so the new account's session stays live.
    await moveClock(request, { set: '2027-03-21T10:00:00Z' });
    const page = await newItalianClient(browser, 'Marco Bianchi');
    await openGiulia(page);

    // 02:30 on 28 March is skipped by the clocks: refused, with the reason.
    await fillStart(page, '2027-03-28', '02:30');
    await expect(page.getByTestId('quote-error')).toContainText('non esiste');
    await page.getByTestId('book').click();
    await expect(page.getByRole('alert').filter({ hasText: 'non esiste' }).first()).toBeVisible();
    await expect(page).toHaveURL(/\/it\/models\//);

    // 03:15 CEST exists; thirty real minutes before it is 01:45 CET.
    await page.locator('#time').fill('03:15');
    await expect(page.getByTestId('quote-start')).toContainText('28 mar 2027, 3:15 CEST');
    await expect(page.getByTestId('quote-window')).toContainText('28 mar 2027, 1:45 CET – 28 mar 2027, 3:45 CEST');
    // Five real hours before 03:15 CEST (01:15 UTC) is 20:15 UTC, 21:15 CET.
    await expect(page.getByTestId('quote-free-cancel')).toContainText('27 mar 2027, 21:15 CET');
    await page.getByTestId('book').click();
    await expect(page).toHaveURL(/\/it\/sessions\//);
    const session = page.url();

    // The 5-hour rule at its edge: free at 20:14:59 UTC, a reason from 20:15.
    await moveClock(request, { set: '2027-03-27T20:14:59Z' });
    await page.goto(session);
    await hydrated(page);
    await page.locator('[data-testid=cancel-box] summary').click();
    await expect(page.locator('#reason')).toHaveCount(0);
    await moveClock(request, { set: '2027-03-27T20:15:00Z' });
    await page.goto(session);
    await hydrated(page);
    await page.locator('[data-testid=cancel-box] summary').click();
    await expect(page.locator('#reason')).toHaveCount(1);

    // The window at its opening edge: no "Sono qui" at 00:44:59 UTC, there at 00:45.
    await moveClock(request, { set: '2027-03-28T00:44:59Z' });
    await page.goto(session);
    await hydrated(page);
    await expect(page.getByTestId('im-here')).toHaveCount(0);
    await moveClock(request, { set: '2027-03-28T00:45:00Z' });
    await page.goto(session);
    await hydrated(page);
    await expect(page.getByTestId('im-here')).toBeVisible();
    await page.context().close();
  });

  test('TIME-3: on the autumn change 02:30 happens twice; the first is booked and the quote says so', async ({ browser, request }) => {
    await moveClock(request, { set: '2027-10-24T10:00:00Z' });
    const page = await newItalianClient(browser, 'Elena Verdi');
    await openGiulia(page);
    await fillStart(page, '2027-10-31', '02:30');
    await expect(page.getByTestId('quote-ambiguous')).toContainText('31 ott 2027, 2:30 CEST');
    await expect(page.getByTestId('quote-start')).toContainText('31 ott 2027, 2:30 CEST');
    // Thirty real minutes after the first 02:30 the wall clock reads 02:00 CET.
    await expect(page.getByTestId('quote-window')).toContainText('31 ott 2027, 2:00 CEST – 31 ott 2027, 2:00 CET');
    await page.context().close();
  });

  test('TIME-1: the browser is sent offsets, never the time-zone database', async ({ request }) => {
    const html = await (await request.get('/signin')).text();
    const wasm = html.match(/\/pkg\/[^"']+\.wasm/);
    expect(wasm, 'the page names its wasm').not.toBeNull();
    const bytes = Buffer.from(await (await request.get(wasm![0])).body()).toString('latin1');
    // Names only the IANA database knows: none of them is in the client.
    for (const zone of ['Pacific/Chatham', 'America/Argentina/Buenos_Aires', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      expect(bytes.includes(zone), zone).toBe(false);
    }
  });
});
