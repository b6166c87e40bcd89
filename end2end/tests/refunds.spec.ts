import { test, expect } from '@playwright/test';
import { as, hydrated, moveClock, recordCall, userId } from './helpers';

const MODEL = 'giulia@settle.test';
const CLIENT = 'luca@settle.test';

test.describe('model refunds (REF)', () => {
  test.afterEach(async ({ request }) => {
    await moveClock(request, { reset: true });
  });

  test('REF-4a: thumbs down → feedback (skip) → refund offer → refunded', async ({ browser, request }) => {
    const call = await recordCall(request, { client: CLIENT, model: MODEL, secs: 180, price: 10 });
    const { page, errors } = await as(browser, MODEL);
    await page.goto(`/model/calls/${call}/rate`);
    await hydrated(page);
    await page.getByTestId('thumb-down').click();
    await expect(page).toHaveURL(/step=feedback/);
    await page.getByTestId('feedback-skip').click();
    await expect(page).toHaveURL(/step=offer/);
    await expect(page.getByTestId('refund-box')).toContainText('Luca gets back 30');
    await expect(page.getByTestId('refund-box')).toContainText('This is final');
    await page.getByTestId('refund-confirm').click();
    await expect(page.getByTestId('refund-done')).toContainText('30 credits returned to Luca');
    expect(errors).toEqual([]);
  });

  test('REF-4b: the chat shows the call as a bubble with the refund control', async ({ browser, request }) => {
    const call = await recordCall(request, { client: CLIENT, model: MODEL, secs: 60, price: 15 });
    const luca = await userId(request, CLIENT);
    const { page } = await as(browser, MODEL);
    await page.goto(`/model/chats/${luca}`);
    await hydrated(page);
    const bubble = page.locator(`[data-testid=call-bubble][data-call="${call}"]`);
    await expect(bubble).toContainText('1 min · 15 credits');
    await bubble.getByTestId('refund-link').click();
    await page.getByTestId('refund-confirm').click();
    await expect(page.getByTestId('refund-done')).toContainText('15 credits returned to Luca');
    await page.goto(`/model/chats/${luca}`);
    await expect(page.locator(`[data-testid=call-bubble][data-call="${call}"] [data-testid=refunded]`)).toBeVisible();
  });

  test('REF-4c: the Calls page has the same control, and works without JavaScript', async ({ browser, request }) => {
    const call = await recordCall(request, { client: CLIENT, model: MODEL, secs: 240, price: 5 });
    const { page } = await as(browser, MODEL, { javaScriptEnabled: false });
    await page.goto('/model/calls');
    const item = page.locator(`[data-call="${call}"]`);
    await expect(item.getByTestId('refund-countdown')).toContainText('left');
    await item.getByTestId('refund-link').click();
    await page.getByTestId('refund-confirm').click();
    // Plain post: back on the page, which now shows the outcome.
    await expect(page.getByTestId('refund-done')).toContainText('20 credits returned to Luca');
    await page.goto('/model/calls');
    await expect(page.locator(`[data-call="${call}"] [data-testid=refunded]`)).toBeVisible();
  });

  test('REF-2: asking twice refunds once', async ({ browser, request }) => {
    const call = await recordCall(request, { client: CLIENT, model: MODEL, secs: 60, price: 7 });
    const { page } = await as(browser, MODEL);
    await page.goto(`/model/calls/${call}/refund`);
    await hydrated(page);
    // Two tabs: both show the button; both press it.
    const second = await page.context().newPage();
    await second.goto(`/model/calls/${call}/refund`);
    await hydrated(second);
    await page.getByTestId('refund-confirm').click();
    await expect(page.getByTestId('refund-done')).toContainText('7 credits');
    await second.getByTestId('refund-confirm').click();
    await expect(second.getByTestId('refund-done')).toContainText('7 credits');
    const res = await page.request.post('/api/model/calls/refund', { form: { call_id: call } });
    expect(res.ok()).toBeTruthy();
    expect((await res.json()).first_time).toBe(false);
  });

  test('REF-3: at 61 minutes the server refuses, whatever the page shows', async ({ browser, request }) => {
    const call = await recordCall(request, { client: CLIENT, model: MODEL, endedSecondsAgo: 60, secs: 60, price: 9 });
    const { page } = await as(browser, MODEL);
    await page.goto(`/model/calls/${call}/refund`);
    await hydrated(page);
    await expect(page.getByTestId('refund-confirm')).toBeVisible();
    await moveClock(request, { advance_seconds: 60 * 60 });
    await page.getByTestId('refund-confirm').click();
    await expect(page.getByRole('alert')).toContainText('60 minutes');
    await expect(page.getByRole('alert')).toContainText('REF-3');
    await page.reload();
    await expect(page.getByTestId('refund-closed')).toBeVisible();
  });

  test('REF-3: the hydrated control counts down and disappears when time runs out', async ({ browser, request }) => {
    const call = await recordCall(request, { client: CLIENT, model: MODEL, endedSecondsAgo: 60 * 60 - 4, secs: 60, price: 3 });
    const { page } = await as(browser, MODEL);
    await page.goto('/model/calls');
    await hydrated(page);
    const item = page.locator(`[data-call="${call}"]`);
    await expect(item.getByTestId('refund-link')).toBeVisible();
    await expect(item.getByTestId('refund-link')).toHaveCount(0, { timeout: 8000 });
  });

  test('REF-5: the client never sees a refund control, even after a thumbs down', async ({ browser, request }) => {
    const call = await recordCall(request, { client: CLIENT, model: MODEL, secs: 120, price: 4 });
    const { page, errors } = await as(browser, CLIENT);
    await page.goto(`/client/calls/${call}/rate`);
    await hydrated(page);
    await page.getByTestId('thumb-down').click();
    await expect(page).toHaveURL(/step=feedback/);
    const noRefund = async () => {
      const html = (await page.content()).toLowerCase();
      expect(html).not.toContain('refund');
      expect(html).not.toContain('rimbors');
      await expect(page.locator('[data-testid*=refund]')).toHaveCount(0);
    };
    await noRefund();
    await page.locator('#feedback').fill('The video froze twice.');
    await page.getByTestId('feedback-send').click();
    await expect(page).toHaveURL(/step=done/);
    await noRefund();
    await page.goto('/client');
    await noRefund();
    const giulia = await userId(request, MODEL);
    await page.goto(`/client/chats/${giulia}`);
    await noRefund();
    expect(errors).toEqual([]);
  });
});
