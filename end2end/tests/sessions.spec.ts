import { test, expect, type Page, type APIRequestContext } from '@playwright/test';
import { as, hydrated, moveClock, venueFields } from './helpers';

async function serverNow(request: APIRequestContext): Promise<Date> {
  return new Date((await (await request.get('/__test/clock')).json()).now);
}

/** A start time `minutes` from the server's now, on a whole minute (UTC). */
async function startIn(request: APIRequestContext, minutes: number): Promise<Date> {
  const t = new Date((await serverNow(request)).getTime() + minutes * 60_000);
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  return t;
}

async function book(page: Page, model: string, start: Date, opts: { homeVisit?: boolean } = {}) {
  await page.goto('/models');
  await page.getByTestId('models').getByRole('link', { name: new RegExp(model) }).click();
  await hydrated(page);
  if (opts.homeVisit) {
    await page.locator('input[name=scenario][value=home_visit]').check();
    await page.locator('#address').fill('Via Dante 12, Milano');
  }
  await page.locator('#date').fill(venueFields(start).date);
  await page.locator('#time').fill(venueFields(start).time);
  await page.getByLabel(/Massage/).check();
  await page.getByTestId('book').click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f]+$/);
  await expect(page.getByTestId('stage')).toHaveText('Before meeting');
  return page.url().split('/').pop()!;
}

async function balanceOf(page: Page): Promise<number> {
  await page.goto('/client');
  return Number((await page.getByTestId('balance').innerText()).replace(/\D/g, ''));
}

test.describe('booked sessions (MEET)', () => {
  test.afterEach(async ({ request }) => {
    await moveClock(request, { reset: true });
  });

  test('MEET-2: a step pressed by one party appears on the other\'s open page without a reload', async ({ browser, request }) => {
    // Marco, so Luca's credits stay for the tests below; six hours ahead,
    // so the free cancellation at the end gives his credits back.
    const client = await as(browser, 'marco@settle.test');
    const model = await as(browser, 'giulia@settle.test');
    const before = await balanceOf(client.page);
    const id = await book(client.page, 'Giulia', await startIn(request, 6 * 60));

    // The model has the session open; a mark on the page would not survive a reload.
    await model.page.goto(`/sessions/${id}`);
    await hydrated(model.page);
    await model.page.evaluate(() => { (window as unknown as { stillHere: boolean }).stillHere = true; });
    await expect(model.page.getByTestId('timeline')).not.toContainText('On the way');

    await client.page.goto(`/sessions/${id}`);
    await client.page.getByTestId('on-my-way').click();
    await expect(client.page.getByTestId('on-my-way')).toHaveCount(0);

    await expect(model.page.getByTestId('timeline')).toContainText('On the way', { timeout: 5000 });
    expect(await model.page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    // The page's live part asks for no wasm: only the server's HTML, swapped in.
    const wasm = await model.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length);
    expect(wasm).toBe(0);
    expect(client.errors).toEqual([]);
    expect(model.errors).toEqual([]);

    await client.page.locator('[data-testid=cancel-box] summary').click();
    await client.page.getByTestId('cancel').click();
    await expect(client.page.getByTestId('stage')).toHaveText('Cancelled');
    await expect(model.page.getByTestId('stage')).toHaveText('Cancelled', { timeout: 5000 });
    expect(await balanceOf(client.page)).toBe(before);
  });

  test('MEET-2, MEET-6, MEET-7: a full "at my place" session with an addition confirmed', async ({ browser, request }) => {
    const client = await as(browser, 'luca@settle.test');
    const model = await as(browser, 'giulia@settle.test');
    const before = await balanceOf(client.page);
    const start = await startIn(request, 120);
    const id = await book(client.page, 'Giulia', start);

    // Before anyone is here, the client asks for 30 more minutes.
    await client.page.locator('details summary', { hasText: 'Add to session' }).click();
    await client.page.locator('#label').fill('30 more minutes');
    await client.page.locator('#minutes').fill('30');
    await client.page.locator('#price').fill('120');
    await client.page.getByTestId('propose').click();
    await expect(client.page.getByTestId('additions')).toContainText('waiting for confirmation');

    await model.page.goto(`/sessions/${id}`);
    await hydrated(model.page);
    await model.page.getByTestId('confirm-addition').click();
    await expect(model.page.getByTestId('additions')).toContainText('confirmed');
    expect(await balanceOf(client.page)).toBe(before - 300 - 120);

    // The window opens: the client arrives; the model gives the address, states the services, starts.
    await moveClock(request, { set: start.toISOString() });
    await client.page.goto(`/sessions/${id}`);
    await expect(client.page.getByTestId('address')).toHaveCount(0);
    await client.page.getByTestId('im-here').click();
    await expect(client.page.getByTestId('stage')).toHaveText(/Meeting/);

    await model.page.goto(`/sessions/${id}`);
    await model.page.locator('#details').fill('Door B, apartment 4, 2nd floor');
    await model.page.getByTestId('give-address').click();
    await model.page.getByTestId('declare').click();
    await model.page.getByTestId('start').click();
    await expect(model.page.getByTestId('stage')).toHaveText('In progress');

    await client.page.goto(`/sessions/${id}`);
    await expect(client.page.getByTestId('address')).toContainText('Door B, apartment 4, 2nd floor');
    await client.page.getByTestId('finish').click();
    await expect(client.page.getByTestId('stage')).toHaveText('Completed');
    await expect(client.page.getByTestId('timeline')).toContainText('Session finished');
    expect(client.errors).toEqual([]);
    expect(model.errors).toEqual([]);
  });

  test('MEET-10: a home visit cancelled by the model at the meeting stage; the client sees no private text', async ({ browser, request }) => {
    const client = await as(browser, 'marco@settle.test');
    const model = await as(browser, 'giulia@settle.test');
    const start = await startIn(request, 180);
    const id = await book(client.page, 'Giulia', start, { homeVisit: true });

    await moveClock(request, { set: start.toISOString() });
    await model.page.goto(`/sessions/${id}`);
    await expect(model.page.getByTestId('address')).toContainText('Via Dante 12');
    await model.page.getByTestId('im-here').click();
    await expect(model.page.getByTestId('stage')).toHaveText(/Meeting/);
    await model.page.locator('[data-testid=cancel-box] summary').click();
    await model.page.locator('#reason').selectOption('not_matching_profile');
    await model.page.locator('#other_text').fill('Looked nothing like the photos, and was rude');
    await model.page.getByTestId('cancel').click();
    await expect(model.page.getByTestId('stage')).toHaveText('Cancelled');
    await expect(model.page.getByTestId('dispute')).toBeVisible();

    await client.page.goto(`/sessions/${id}`);
    await expect(client.page.getByTestId('dispute')).toBeVisible();
    await expect(client.page.getByTestId('cancel-reason')).toContainText('Does not match the profile');
    expect(await client.page.content()).not.toContain('nothing like the photos');
  });

  test('MEET-9: cancelling 6 hours before is free, 4 hours before opens a dispute', async ({ browser, request }) => {
    const client = await as(browser, 'marco@settle.test');
    const before = await balanceOf(client.page);
    const early = await book(client.page, 'Sofia', await startIn(request, 6 * 60));
    expect(await balanceOf(client.page)).toBe(before - 300);
    await client.page.goto(`/sessions/${early}`);
    await client.page.locator('[data-testid=cancel-box] summary').click();
    await expect(client.page.locator('#reason')).toHaveCount(0);
    await client.page.getByTestId('cancel').click();
    await expect(client.page.getByTestId('stage')).toHaveText('Cancelled');
    await expect(client.page.getByTestId('dispute')).toHaveCount(0);
    expect(await balanceOf(client.page)).toBe(before);

    const late = await book(client.page, 'Sofia', await startIn(request, 4 * 60));
    await client.page.goto(`/sessions/${late}`);
    await hydrated(client.page);
    await client.page.locator('[data-testid=cancel-box] summary').click();
    await client.page.locator('#reason').selectOption('client_urgent');
    await client.page.getByTestId('cancel').click();
    await expect(client.page.getByTestId('stage')).toHaveText('Cancelled');
    await expect(client.page.getByTestId('dispute')).toBeVisible();
    // Held until support decides.
    expect(await balanceOf(client.page)).toBe(before - 300);
  });
});
