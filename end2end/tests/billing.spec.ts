import { test, expect } from '@playwright/test';
import { as, hydrated, moveClock } from './helpers';

// BILL-1/2: buying through a processor's checkout and asking a refund at
// the edges of the 48-hour window.
test.afterAll(async ({ request }) => {
  await moveClock(request, { reset: true });
});

test('r_bill_2_refund_asked_at_47h_is_queued_and_at_49h_refused', async ({ browser, request }) => {
  await moveClock(request, { reset: true });
  const client = await as(browser, 'marco@settle.test');
  const page = client.page;

  const buy = async (processor: string) => {
    await page.goto('/client/billing');
    await page.getByTestId('buy-pack_100').click();
    await expect(page).toHaveURL(/\/client\/checkout\?product=pack_100$/);
    await hydrated(page);
    await page.getByTestId(`processor-${processor}`).check();
    await page.getByTestId('pay').click();
    const number = page.getByTestId('payment-number');
    await expect(number).toBeVisible();
    return (await number.textContent())!.trim();
  };
  const first = await buy('epoch');
  const second = await buy('segpay');
  expect(first).toMatch(/^EP-/);
  expect(second).toMatch(/^SP-/);

  // BILL-5: the billing-support page tells her who charged each purchase.
  await page.goto('/en/help/a/billing-support');
  await expect(page.locator(`tr[data-purchase="${first}"] [data-testid=charged-by]`)).toHaveText('Epoch');
  await expect(page.locator(`tr[data-purchase="${second}"] [data-testid=charged-by]`)).toHaveText('SegPay');

  const ask = async (number: string) => {
    await page.goto('/client/billing');
    await hydrated(page);
    const row = page.locator(`tr[data-purchase="${number}"]`);
    await row.getByTestId('ask-refund').click();
    await row.getByTestId('receipt-number').fill(number);
    await row.getByTestId('send-refund').click();
  };

  await moveClock(request, { advance_seconds: 47 * 3600 });
  await ask(first);
  await expect(page.getByTestId('refund-asked')).toHaveAttribute('data-status', 'open');

  await moveClock(request, { advance_seconds: 2 * 3600 });
  await ask(second);
  const refusal = page.getByRole('alert');
  await expect(refusal).toContainText('48 hours');
  await expect(refusal).toContainText('BILL-2');

  // Only the first reached support's queue; approving gives the money back.
  const support = await as(browser, 'support@settle.test');
  await support.page.goto('/support/billing');
  await hydrated(support.page);
  const queue = support.page.getByTestId('billing-queue');
  await expect(queue.locator('li[data-request]')).toHaveCount(1);
  await expect(queue).toContainText(first);
  await queue.getByTestId('approve').click();
  await expect(support.page.getByText(/Nothing here yet/)).toBeVisible();

  await page.goto('/client/billing');
  await expect(page.locator(`tr[data-purchase="${first}"]`)).toContainText('Refunded');
  await expect(page.getByTestId('requests')).toContainText('approved');
  expect(client.errors).toEqual([]);
  expect(support.errors).toEqual([]);
  await client.context.close();
  await support.context.close();
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('r_bill_2_a_receipt_upload_is_sniffed_and_shown_only_to_support', async ({ browser, request }) => {
  await moveClock(request, { reset: true });
  const client = await as(browser, 'marco@settle.test');
  const page = client.page;
  await page.goto('/client/checkout?product=pack_100');
  await hydrated(page);
  await page.getByTestId('processor-paymentico').check();
  await page.getByTestId('pay').click();
  const number = (await page.getByTestId('payment-number').textContent())!.trim();

  await page.goto('/client/billing');
  await hydrated(page);
  const row = page.locator(`tr[data-purchase="${number}"]`);
  await row.getByTestId('ask-refund').click();
  // A page disguised as an image is refused by its content.
  await row.getByTestId('receipt-file').setInputFiles({
    name: 'receipt.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<html><script>alert(1)</script></html>'),
  });
  await row.getByTestId('send-refund').click();
  await expect(page.getByRole('alert')).toContainText('not accepted');

  // A plain post came back refused: the reader opens the form again.
  await row.getByTestId('ask-refund').click();
  await row.getByTestId('receipt-file').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
  await row.getByTestId('send-refund').click();
  await expect(page.getByTestId('refund-asked')).toHaveAttribute('data-status', 'open');

  const support = await as(browser, 'support@settle.test');
  await support.page.goto('/support/billing');
  const link = support.page.getByTestId('receipt-link');
  await expect(link).toBeVisible();
  const href = (await link.getAttribute('href'))!;
  const file = await support.page.request.get(href);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('image/png');
  expect(file.headers()['x-content-type-options']).toBe('nosniff');
  // Another client cannot open it.
  const other = await as(browser, 'luca@settle.test');
  expect((await other.page.request.get(href)).status()).toBe(404);

  expect(support.errors).toEqual([]);
  await client.context.close();
  await support.context.close();
  await other.context.close();
});

test('r_bill_2_buying_and_asking_work_without_javascript', async ({ browser, request }) => {
  await moveClock(request, { reset: true });
  const { context, page } = await as(browser, 'paolo@settle.test', { javaScriptEnabled: false });
  await page.goto('/client/checkout?product=pack_500');
  await page.getByTestId('processor-webbilling').check();
  await page.getByTestId('pay').click();
  await expect(page).toHaveURL(/\/client\/billing\?bought=WB-/);
  const number = (await page.getByTestId('paid').locator('strong').textContent())!.trim();
  const row = page.locator(`tr[data-purchase="${number}"]`);
  await expect(row.getByTestId('charged-by')).toHaveText('Webbilling');

  // A wrong payment number comes back refused, naming the rule.
  await row.getByTestId('ask-refund').click();
  await row.getByTestId('receipt-number').fill('WB-0000000000');
  await row.getByTestId('send-refund').click();
  await expect(page.getByRole('alert')).toContainText('BILL-2');
  await expect(page.getByRole('alert')).toContainText('payment number');

  const again = page.locator(`tr[data-purchase="${number}"]`);
  await again.getByTestId('ask-refund').click();
  await again.getByTestId('receipt-file').setInputFiles({ name: 'r.png', mimeType: 'image/png', buffer: PNG });
  await again.getByTestId('send-refund').click();
  await expect(page.getByTestId('refund-asked')).toHaveAttribute('data-status', 'open');
  await context.close();
});
