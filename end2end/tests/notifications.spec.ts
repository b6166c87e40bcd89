import { test, expect, type Page } from '@playwright/test';
import { as, hydrated, moveClock, signIn, startIn, venueFields, watchConsole } from './helpers';

/** Books `model` for `start` as the signed-in client; answers the session id. */
async function book(page: Page, model: string, start: Date) {
  await page.goto('/models');
  await page.getByTestId('models').getByRole('link', { name: new RegExp(model) }).click();
  await hydrated(page);
  await page.locator('#date').fill(venueFields(start).date);
  await page.locator('#time').fill(venueFields(start).time);
  await page.getByLabel(/Massage/).check();
  await page.getByTestId('book').click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f]+$/);
  return page.url().split('/').pop()!;
}

test.describe('notifications (NOTE-1, NOTE-3)', () => {
  test.afterEach(async ({ request }) => {
    await moveClock(request, { reset: true });
  });

  test('NOTE-1: the model\'s header count goes up live when the client is on the way; the list says so in Italian', async ({ browser, request }) => {
    const client = await as(browser, 'luca@settle.test');
    // The model reads Italian (her browser asks for it; she set no language).
    const context = await browser.newContext({ locale: 'it-IT' });
    const modelPage = await context.newPage();
    const modelErrors = watchConsole(modelPage);
    await signIn(modelPage, 'giulia@settle.test');
    await expect(modelPage).toHaveURL(/\/model$/);

    const start = await startIn(request, 180);
    const id = await book(client.page, 'Giulia', start);

    // Her page shows her unread count, rendered with the page.
    await modelPage.goto('/model');
    await hydrated(modelPage);
    const before = Number(await (await modelPage.request.post('/api/notifications/unread')).json());
    const count = modelPage.getByTestId('notice-count');
    await expect(count).toHaveText(String(before));
    await expect(modelPage.getByTestId('notices-link')).toContainText('Notifiche');
    // Marks this very document: a reload would lose it.
    await modelPage.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    // The client presses "On my way".
    await client.page.goto(`/sessions/${id}`);
    await hydrated(client.page);
    await client.page.getByTestId('on-my-way').click();
    await expect(client.page.getByTestId('on-my-way')).toHaveCount(0);

    // Her count goes up without a reload.
    await expect(count).toHaveText(String(before + 1), { timeout: 15_000 });
    expect(await modelPage.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

    // The list says it in her language, marked as new in words.
    await modelPage.getByTestId('notices-link').click();
    await expect(modelPage).toHaveURL(/\/notifications$/);
    // Other tests moved the clock: find this notice by its words, not its place.
    const first = modelPage.getByTestId('notice').filter({ hasText: 'Luca è in viaggio' }).first();
    await expect(first).toContainText('Luca è in viaggio');
    await expect(first.getByTestId('notice-new')).toHaveText('Nuova');

    // Opening it goes to the session and marks it read.
    await first.getByTestId('notice-link').click();
    await expect(modelPage).toHaveURL(new RegExp(`/sessions/${id}$`));
    await expect(modelPage.getByTestId('notice-count')).toHaveText(String(before));

    expect(client.errors).toEqual([]);
    expect(modelErrors).toEqual([]);
    await context.close();
  });
});
