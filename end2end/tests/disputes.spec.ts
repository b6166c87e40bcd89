import { test, expect, type Page, type APIRequestContext } from '@playwright/test';
import { as, cancelledHomeVisit, hydrated, recordCall } from './helpers';

async function startIn(request: APIRequestContext, minutes: number): Promise<Date> {
  const now = new Date((await (await request.get('/__test/clock')).json()).now);
  const t = new Date(now.getTime() + minutes * 60_000);
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  return t;
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const digits = async (page: Page, testid: string) => Number((await page.getByTestId(testid).innerText()).replace(/\D/g, ''));

test('DISP-1, DISP-2, DISP-3, SUP-5: three members chat live; support previews, then splits the held credits', async ({ browser, request }) => {
  const client = await as(browser, 'luca@settle.test');
  const model = await as(browser, 'sofia@settle.test');
  const support = await as(browser, 'support@settle.test');

  // A home visit cancelled 4 hours before: a dispute with 300 credits held.
  const start = await startIn(request, 4 * 60);
  await cancelledHomeVisit(client.page, 'Sofia', start, 'Via Dante 12, Milano');

  await client.page.goto('/client');
  const clientBefore = await digits(client.page, 'balance');
  await model.page.goto('/model');
  const modelBefore = await digits(model.page, 'earnings');

  await support.page.goto('/disputes?state=open');
  await support.page.getByTestId('disputes').getByRole('link', { name: 'Luca ↔ Sofia' }).last().click();
  await expect(support.page.getByTestId('dispute-chat')).toContainText('this is Settle support');
  const url = support.page.url().replace(/^https?:\/\/[^/]+/, '');
  await client.page.goto(url);
  await model.page.goto(url);
  for (const p of [client.page, model.page, support.page]) await hydrated(p);

  // A message from the client appears for the other two without a reload.
  await client.page.locator('#body').fill('My daughter fell ill, I had to cancel.');
  await client.page.getByTestId('send').click();
  await expect(model.page.getByTestId('dispute-chat')).toContainText('My daughter fell ill', { timeout: 5000 });
  await expect(support.page.getByTestId('dispute-chat')).toContainText('My daughter fell ill', { timeout: 5000 });
  // Sent means gone from the box: a second click sends nothing (issue 14.8).
  await expect(client.page.locator('#body')).toHaveValue('');
  await expect(client.page.getByTestId('dispute-chat').locator('li', { hasText: 'My daughter fell ill' })).toHaveCount(1);

  // A support note never reaches the parties.
  await support.page.locator('#body').fill('First cancellation for this client.');
  await support.page.getByLabel('note for support only').first().check();
  await support.page.getByTestId('send').click();
  await expect(support.page.getByTestId('dispute-chat')).toContainText('First cancellation');
  await model.page.locator('#body').fill('I was already on my way.');
  await model.page.getByTestId('send').click();
  await expect(client.page.getByTestId('dispute-chat')).toContainText('already on my way', { timeout: 5000 });
  expect(await client.page.content()).not.toContain('First cancellation');
  expect(await model.page.content()).not.toContain('First cancellation');

  // An image reaches the other members live; a disguised file is refused.
  await client.page.getByTestId('attach-file').setInputFiles({ name: 'x.png', mimeType: 'image/png', buffer: Buffer.from('GIF? no: plain text') });
  await client.page.getByTestId('attach').click();
  await expect(client.page.getByRole('alert')).toContainText('not accepted');
  await client.page.getByTestId('attach-file').setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: PNG });
  await client.page.getByTestId('attach').click();
  const image = model.page.getByTestId('chat-image');
  await expect(image).toBeVisible({ timeout: 5000 });
  await expect(support.page.getByTestId('chat-image')).toBeVisible({ timeout: 5000 });
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

  // SUP-5: the preview says what the decision will move (and moves nothing);
  // the balances below show the decision moved exactly that.
  await support.page.locator('#refund').fill('100');
  await support.page.getByTestId('preview').click();
  await expect(support.page.getByTestId('preview-client')).toHaveText('+100 credits');
  await expect(support.page.getByTestId('preview-model')).toHaveText('+140 credits');
  await expect(support.page.getByTestId('preview-platform')).toHaveText('+60 credits');
  await expect(support.page.locator('#refund')).toHaveValue('100');
  await expect(support.page.getByTestId('dispute-state')).toHaveText('Open');

  // Split: 100 back to the client, 200 released to the model (140 after the share).
  await support.page.locator('#refund').fill('100');
  await support.page.locator('#decision-reason').fill('Late cancellation for a real emergency: part of the fee goes back.');
  await support.page.getByTestId('decide').click();
  await expect(support.page.getByTestId('dispute-state')).toHaveText('Decided');
  await expect(client.page.getByTestId('decision')).toBeVisible({ timeout: 5000 });
  await expect(client.page.locator('#body')).toHaveCount(0);

  await client.page.goto('/client');
  expect(await digits(client.page, 'balance')).toBe(clientBefore + 100);
  await model.page.goto('/model');
  expect(await digits(model.page, 'earnings')).toBe(modelBefore + 140);
  for (const who of [client, model, support]) expect(who.errors).toEqual([]);
});

test('DISP-1, REF-6: a call review is a dispute; support marks it awaiting, then refunds part of the call', async ({ browser, request }) => {
  const call = await recordCall(request, { client: 'luca@settle.test', model: 'giulia@settle.test', secs: 300, price: 10 });
  const client = await as(browser, 'luca@settle.test');
  const model = await as(browser, 'giulia@settle.test');
  const support = await as(browser, 'support@settle.test');

  await client.page.goto(`/client/calls/${call}/review`);
  await client.page.locator('#reason').fill('The picture froze for most of the call.');
  await client.page.getByRole('button', { name: 'Send' }).click();
  await expect(client.page).toHaveURL(/\/client\?review=sent/);
  const clientBefore = await digits(client.page, 'balance');

  // The model finds it among her disputes and gives her side.
  await model.page.goto('/disputes');
  await model.page.getByTestId('disputes').locator('li', { hasText: 'Call review' }).getByRole('link', { name: 'Luca ↔ Giulia' }).click();
  await expect(model.page.getByTestId('dispute-chat')).toContainText("the call's log");
  await expect(model.page.getByTestId('dispute-chat')).toContainText('The picture froze');
  const url = model.page.url().replace(/^https?:\/\/[^/]+/, '');
  await hydrated(model.page);
  await model.page.locator('#body').fill('It looked fine on my side until the last minute.');
  await model.page.getByTestId('send').click();
  await expect(model.page.getByTestId('dispute-chat')).toContainText('until the last minute');

  // Support reads the call's log, marks the dispute awaiting decision; the client sees it live.
  await client.page.goto(url);
  await support.page.goto(url);
  await hydrated(client.page);
  await hydrated(support.page);
  await expect(support.page.getByTestId('dispute-subject')).toHaveAttribute('href', /\/support\/reviews\//);
  await support.page.getByTestId('mark-awaiting').click();
  await expect(support.page.getByTestId('dispute-state')).toHaveText('Awaiting decision');
  await expect(client.page.getByTestId('dispute-chat')).toContainText('preparing the decision', { timeout: 5000 });
  await expect(support.page.getByTestId('mark-awaiting')).toHaveCount(0);

  // More than the call cost is refused with the rule; 20 of 50 goes back.
  await support.page.locator('#refund').fill('60');
  await support.page.locator('#decision-reason').fill('Too much');
  await support.page.locator('#refund').evaluate((el: HTMLInputElement) => el.removeAttribute('max'));
  await support.page.getByTestId('decide').click();
  await expect(support.page.getByRole('alert')).toContainText('DISP-3');
  await support.page.locator('#refund').fill('20');
  await support.page.locator('#decision-reason').fill('The log shows the video dropped for two minutes.');
  await support.page.getByTestId('decide').click();
  await expect(support.page.getByTestId('dispute-state')).toHaveText('Decided');
  await expect(client.page.getByTestId('decision')).toBeVisible({ timeout: 5000 });

  await client.page.goto('/client');
  expect(await digits(client.page, 'balance')).toBe(clientBefore + 20);
  await expect(client.page.locator(`[data-call="${call}"] [data-testid=review-status]`)).toContainText('dropped for two minutes');
  for (const who of [client, model, support]) expect(who.errors).toEqual([]);
});
