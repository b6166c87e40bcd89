import { test, expect } from '@playwright/test';
import { as, hydrated, moveClock, recordCall } from './helpers';

test.describe('ratings (RATE)', () => {
  test.afterEach(async ({ request }) => {
    await moveClock(request, { reset: true });
  });

  test('RATE-5: a removal request at 73 hours is refused with the rule named', async ({ browser, request }) => {
    const call = await recordCall(request, { client: 'marco@settle.test', model: 'marta@settle.test', secs: 30, price: 1 });
    const client = await as(browser, 'marco@settle.test');
    await client.page.goto(`/ratings/call/${call}`);
    await hydrated(client.page);
    await client.page.locator('#stars').selectOption('1');
    await client.page.getByTestId('rate-submit').click();
    await expect(client.page.getByTestId('rated')).toBeVisible();

    await moveClock(request, { advance_seconds: 73 * 3600 });
    const model = await as(browser, 'marta@settle.test');
    await model.page.goto('/ratings');
    await hydrated(model.page);
    const item = model.page.getByTestId('ratings-received').locator('li', { hasText: 'Marco' }).first();
    await item.locator('summary').click();
    await item.locator('select[name=ground]').selectOption('short_call');
    await item.getByTestId('ask-removal').click();
    await expect(model.page.getByRole('alert')).toContainText('RATE-5');
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
