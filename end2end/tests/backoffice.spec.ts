import * as fs from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { as, hydrated, recordCall, userId } from './helpers';

const CLIENT = 'paolo@settle.test';
const MODEL = 'marta@settle.test';

async function balance(page: Page): Promise<number> {
  const text = await page.getByTestId('customer-balance').innerText();
  return Number(text.replace(/\D/g, ''));
}

test('TXN-2, TXN-4, TXN-5, TXN-6: two partial refunds, a deletion, a withdrawal to zero and its payout', async ({ browser, request }) => {
  const call = await recordCall(request, { client: CLIENT, model: MODEL, secs: 600, price: 10 });
  const paolo = await userId(request, CLIENT);
  const { page, errors } = await as(browser, 'support@settle.test');

  await page.goto('/support/customers?q=paolo');
  await page.getByRole('link', { name: 'Paolo' }).click();
  await expect(page).toHaveURL(new RegExp(`/support/customers/${paolo}$`));
  await hydrated(page);
  const start = await balance(page);

  // The call's charge row: 100 credits, refundable in full.
  const chargeRow = page.locator('tr[data-kind=call_charge]').first();
  await expect(chargeRow).toContainText('-100');

  // First partial refund: the panel proposes 100; lower it to 30.
  await chargeRow.getByTestId('refund-txn').click();
  await expect(page.locator('#amount')).toHaveValue('100');
  await page.locator('#amount').fill('30');
  await page.locator('#reason').fill('Video froze for three minutes');
  await page.getByTestId('refund-submit').click();
  await expect(page).toHaveURL(new RegExp(`/support/customers/${paolo}$`));
  await expect(page.getByTestId('customer-balance')).toHaveText(String(start + 30).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f'));

  // Second partial refund: the panel now proposes what is left (70).
  await page.locator('tr[data-kind=call_charge]').first().getByTestId('refund-txn').click();
  await expect(page.locator('#amount')).toHaveValue('70');
  await page.locator('#amount').fill('20');
  await page.locator('#reason').fill('Audio dropped at the end');
  await page.getByTestId('refund-submit').click();
  await expect(page).toHaveURL(new RegExp(`/support/customers/${paolo}$`));
  await expect.poll(() => balance(page)).toBe(start + 50);

  // Over the cap: refused with the rule named, nothing changes.
  await page.locator('tr[data-kind=call_charge]').first().getByTestId('refund-txn').click();
  await page.locator('#amount').fill('51');
  await page.locator('#reason').fill('too much');
  await page.locator('#amount').evaluate((el) => el.removeAttribute('max'));
  await page.getByTestId('refund-submit').click();
  await expect(page.getByRole('alert')).toContainText('TXN-2');
  await expect(page.getByRole('alert')).toContainText('50');
  await page.goto(`/support/customers/${paolo}`);
  await hydrated(page);
  await expect.poll(() => balance(page)).toBe(start + 50);

  // Delete the first (30) refund: the balance goes back by 30, the entry stays, marked.
  const firstRefund = page.locator('tr[data-kind=support_refund]', { hasText: 'Video froze' });
  await firstRefund.locator('input[name=reason]').fill('Entered on the wrong call');
  await firstRefund.getByTestId('delete-refund').click();
  await expect.poll(() => balance(page)).toBe(start + 20);
  await expect(page.locator('tr[data-kind=support_refund]', { hasText: 'Video froze' }).getByTestId('deleted-note')).toContainText('Entered on the wrong call');
  await expect(page.locator('tr[data-kind=refund_deletion]')).toHaveCount(1);

  // Withdraw everything: the balance is exactly zero.
  const all = start + 20;
  await page.locator('.correction summary').click();
  await page.locator('#amount').fill(String(-all));
  await page.locator('#processor').selectOption('segpay');
  await page.locator('#correction-reason').fill('Customer asked to withdraw the balance');
  await page.getByTestId('correct-balance').click();
  await expect.poll(() => balance(page)).toBe(0);

  // Going below zero is refused with the rule named.
  await page.locator('#amount').fill('-1');
  await page.locator('#correction-reason').fill('one more');
  await page.getByTestId('correct-balance').click();
  await expect(page.getByRole('alert').filter({ hasText: 'TXN-5' })).toBeVisible();
  expect(await balance(page)).toBe(0);

  // Record the payout through SegPay.
  const withdrawal = page.locator('tr[data-kind=correction]').first();
  await withdrawal.locator('input[name=reference]').fill('SEG-2026-0042');
  await withdrawal.getByTestId('record-payout').click();
  await expect(page.locator('tr[data-kind=correction]').first().getByTestId('paid-out')).toContainText('SEG-2026-0042');
  await expect(page.locator('tr[data-kind=payout]')).toHaveCount(1);
  expect(await balance(page)).toBe(0);

  // The list as a spreadsheet: the same entries, with the payout.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('txn-csv').click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\n')[0]).toContain('Reference');
  expect(csv).toContain('SEG-2026-0042');
  const customerPage = page.url();

  // Every one of these movements is in the audit log, with who and why,
  // and each links to the customer's list, found by its reference.
  await page.goto('/support/audit?action=money');
  const audit = page.getByTestId('audit');
  await expect(audit.locator('tr[data-action="money:payout"]').first()).toContainText('SEG-2026-0042');
  await audit.locator('tr[data-action="money:payout"]').first().getByTestId('audit-subject').click();
  await expect(page).toHaveURL(new RegExp(`${new URL(customerPage).pathname}\\?q=T-`));
  await expect(page.locator('tr[data-kind=payout]')).toHaveCount(1);
  await page.goto('/support/audit?action=money');
  await expect(audit.locator('tr[data-action="money:correction"]').first()).toContainText('Customer asked to withdraw the balance');
  await expect(audit.locator('tr[data-action="money:refund_deletion"]').first()).toContainText('Entered on the wrong call');
  expect(errors).toEqual([]);
  expect(call).toBeTruthy();
});

test('REF-6: a client asks support to review a call; support grants part of it', async ({ browser, request }) => {
  const call = await recordCall(request, { client: 'marco@settle.test', model: 'sofia@settle.test', secs: 300, price: 8 });
  const client = await as(browser, 'marco@settle.test');
  await client.page.goto(`/client/calls/${call}/review`);
  await client.page.locator('#reason').fill('The call kept dropping on my side.');
  await client.page.getByRole('button', { name: 'Send' }).click();
  await expect(client.page).toHaveURL(/\/client\?review=sent/);
  const before = Number((await client.page.getByTestId('balance').innerText()).replace(/\D/g, ''));

  const support = await as(browser, 'support@settle.test');
  await support.page.goto('/support/reviews');
  await support.page.getByRole('link', { name: 'Marco → Sofia' }).first().click();
  await expect(support.page.getByTestId('call-log')).toContainText('client connection lost');
  await hydrated(support.page);
  await support.page.locator('#grant-amount').fill('16');
  await support.page.locator('#grant-note').fill('Two minutes were lost to the connection.');
  await support.page.getByTestId('grant').click();
  await expect(support.page.getByTestId('decided')).toContainText('granted');

  await client.page.goto('/client');
  await expect(client.page.getByTestId('balance')).toContainText(String(before + 16));
  await expect(client.page.locator(`[data-call="${call}"] [data-testid=review-status]`)).toContainText('Two minutes were lost');
});

test('REF-2 and TXN-3: after support refunds a call in part the model is offered the rest, in full nothing; entries carry references', async ({ browser, request }) => {
  const call = await recordCall(request, { client: 'marco@settle.test', model: 'marta@settle.test', secs: 240, price: 10 });
  const marco = await userId(request, 'marco@settle.test');
  const support = await as(browser, 'support@settle.test');
  const model = await as(browser, 'marta@settle.test');
  const refund = async (amount: string) => {
    await support.page.goto(`/support/customers/${marco}`);
    await hydrated(support.page);
    await support.page.locator('tr[data-kind=call_charge]').first().getByTestId('refund-txn').click();
    await support.page.locator('#amount').fill(amount);
    await support.page.locator('#reason').fill('Connection dropped twice');
    await support.page.getByTestId('refund-submit').click();
    await expect(support.page).toHaveURL(new RegExp(`/support/customers/${marco}$`));
  };
  const item = () => model.page.locator(`[data-call="${call}"]`);

  await refund('15');
  await model.page.goto('/model/calls');
  await expect(item().getByTestId('refund-link')).toHaveText('Refund 25 credits');

  // The refund names the charge by its reference, which leads to its row.
  const charge = support.page.locator('tr[data-kind=call_charge]').first();
  const reference = (await charge.getByTestId('txn-ref').textContent())!.trim();
  expect(reference).toMatch(/^T-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  const refundRow = support.page.locator('tr[data-kind=support_refund]').first();
  await expect(refundRow.getByTestId('txn-refers-to')).toHaveText(reference);
  await expect(refundRow.getByTestId('txn-refers-to')).toHaveAttribute('href', `#${reference}`);

  await refund('25');
  await model.page.goto('/model/calls');
  await expect(item().getByTestId('refunded-by-support')).toBeVisible();
  await expect(item().getByTestId('refund-link')).toHaveCount(0);
  expect(support.errors).toEqual([]);
  expect(model.errors).toEqual([]);
});
