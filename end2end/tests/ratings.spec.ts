import { test, expect } from '@playwright/test';
import { as, hydrated, moveClock, recordCall } from './helpers';

test.describe('ratings (RATE)', () => {
  test.afterEach(async ({ request }) => {
    await moveClock(request, { reset: true });
  });

  test('RATE-5: the removal request is offered from 48 to 72 hours, then shows as pending; past 72 hours it is not offered', async ({ browser, request }) => {
    const early = await recordCall(request, { client: 'marco@settle.test', model: 'marta@settle.test', secs: 30, price: 1 });
    const client = await as(browser, 'marco@settle.test');
    await client.page.goto(`/ratings/call/${early}`);
    await hydrated(client.page);
    await client.page.locator('#stars').selectOption('1');
    await client.page.getByTestId('rate-submit').click();
    await expect(client.page.getByTestId('rated')).toBeVisible();

    const model = await as(browser, 'marta@settle.test');
    const item = () => model.page.getByTestId('ratings-received').locator('li', { hasText: 'Marco' }).first();
    // Before 48 hours: ask the rater first; no form.
    await model.page.goto('/ratings');
    await expect(item().getByTestId('removal-window')).toContainText('ask Marco');
    await expect(item().locator('summary')).toHaveCount(0);

    // At 49 hours: the form, saying until when; sent, it shows as pending.
    await moveClock(request, { advance_seconds: 49 * 3600 });
    await model.page.goto('/ratings');
    await hydrated(model.page);
    await expect(item().getByTestId('removal-window')).toContainText('until');
    await item().locator('summary').click();
    await item().locator('select[name=ground]').selectOption('short_call');
    await item().getByTestId('ask-removal').click();
    await expect(model.page.getByTestId('request-sent')).toBeVisible();
    await expect(item().getByTestId('removal-pending')).toBeVisible();
    await expect(item().locator('summary')).toHaveCount(0);

    // Past 72 hours nothing is offered, and the page says since when.
    await moveClock(request, { advance_seconds: 24 * 3600 });
    const late = await recordCall(request, { client: 'paolo@settle.test', model: 'marta@settle.test', secs: 30, price: 1 });
    const paolo = await as(browser, 'paolo@settle.test');
    await paolo.page.goto(`/ratings/call/${late}`);
    await hydrated(paolo.page);
    await paolo.page.locator('#stars').selectOption('2');
    await paolo.page.getByTestId('rate-submit').click();
    await expect(paolo.page.getByTestId('rated')).toBeVisible();
    await moveClock(request, { advance_seconds: 73 * 3600 });
    await model.page.goto('/ratings');
    const paolos = model.page.getByTestId('ratings-received').locator('li', { hasText: 'Paolo' }).first();
    await expect(paolos.getByTestId('removal-window')).toContainText('closed');
    await expect(paolos.locator('summary')).toHaveCount(0);
  });

  test('RATE-3/4: the star form opens with the current rating, says until when, and past 48 hours offers only removal', async ({ browser, request }) => {
    const call = await recordCall(request, { client: 'luca@settle.test', model: 'sofia@settle.test', secs: 90, price: 1 });
    const client = await as(browser, 'luca@settle.test');
    await client.page.goto(`/ratings/call/${call}`);
    await hydrated(client.page);
    await expect(client.page.getByTestId('rating-until')).toContainText('rate this call until');
    await client.page.locator('#stars').selectOption('2');
    await client.page.locator('#comment').fill('Sound kept dropping');
    await client.page.getByTestId('rate-submit').click();
    await expect(client.page.getByTestId('rated')).toBeVisible();
    // Opened again: the stars and the comment as they stand.
    await client.page.goto(`/ratings/call/${call}`);
    await hydrated(client.page);
    await expect(client.page.locator('#stars')).toHaveValue('2');
    await expect(client.page.locator('#comment')).toHaveValue('Sound kept dropping');
    await expect(client.page.getByTestId('rating-until')).toContainText('change this rating until');
    // Past 48 hours: no form to change it, only removal, and since when.
    await moveClock(request, { advance_seconds: 48 * 3600 });
    await client.page.goto(`/ratings/call/${call}`);
    await hydrated(client.page);
    await expect(client.page.getByTestId('rating-state')).toContainText('only removed');
    await expect(client.page.getByTestId('rate-submit')).toHaveCount(0);
    await expect(client.page.getByTestId('current-rating')).toContainText('Sound kept dropping');
    await client.page.getByTestId('remove-own-rating').click();
    await expect(client.page.getByTestId('rating-state')).toContainText('You removed');
  });

  test('RATE-6: a flagged comment reaches the queue on its own and support removes it', async ({ browser, request }) => {
    const call = await recordCall(request, { client: 'luca@settle.test', model: 'marta@settle.test', secs: 120, price: 2 });
    const client = await as(browser, 'luca@settle.test');
    await client.page.goto(`/ratings/call/${call}`);
    await hydrated(client.page);
    await client.page.locator('#stars').selectOption('2');
    await client.page.locator('#comment').fill('She gave me her number: 333 123 4567, call her directly');
    await client.page.getByTestId('rate-submit').click();
    await expect(client.page.getByTestId('rated')).toBeVisible();

    const support = await as(browser, 'support@settle.test');
    await support.page.goto('/support/ratings');
    await hydrated(support.page);
    const entry = support.page.getByTestId('rating-queue').locator('li', { hasText: '333 123 4567' });
    await expect(entry).toContainText('Personal information');
    await entry.locator('input[name=reason]').first().fill('Phone number in the comment (RATE-6)');
    await entry.getByTestId('remove-rating').click();
    await expect(support.page.getByTestId('rating-queue').locator('li', { hasText: '333 123 4567' })).toHaveCount(0);

    await client.page.goto('/ratings');
    await expect(client.page.getByTestId('ratings-given').locator('li', { hasText: '333 123 4567' }).getByTestId('removed')).toBeVisible();
  });
});
