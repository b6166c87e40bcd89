import { test, expect, type Page } from '@playwright/test';
import { as, cancelledHomeVisit, moveClock, startIn, venueFields } from './helpers';

test.afterEach(async ({ request }) => {
  await moveClock(request, { reset: true });
});

const row = (page: Page, dispute: string) => page.locator(`tr[data-testid=case][data-subject="${dispute}"]`);
const overdueCount = async (page: Page) => {
  await page.goto('/support');
  return Number(await page.locator('[data-testid=queue-count][data-kind=dispute] [data-testid=count-overdue]').innerText());
};

test('SUP-1, SUP-2, SUP-3, SUP-4: two agents share one queue; one takes a dispute, hands it over; unanswered, it turns overdue at 15:00; a saved Italian reply answers it', async ({ browser, request }) => {
  const client = await as(browser, 'marco@settle.test');
  const sara = await as(browser, 'support@settle.test');
  const andrea = await as(browser, 'andrea@settle.test');

  // A home visit cancelled 4 hours before its start: a session dispute.
  // Marco, whose credits the session tests do not need all of; the
  // decision at the end gives them back.
  const start = await startIn(request, 4 * 60);
  const dispute = await cancelledHomeVisit(client.page, 'Marta', start, 'Via Po 3, Torino');

  // Both agents see it unowned, first due in 15 minutes.
  for (const agent of [sara, andrea]) {
    await agent.page.goto('/support/cases?show=unowned');
    await expect(row(agent.page, dispute).getByTestId('case-owner')).toHaveText('nobody yet');
    await expect(row(agent.page, dispute).getByTestId('case-standing')).toHaveAttribute('data-overdue', 'false');
  }

  // Sara takes it; Andrea's page is now stale, and his take is refused in words.
  await row(sara.page, dispute).getByTestId('take-case').click();
  await sara.page.goto('/support/cases?show=mine');
  await expect(row(sara.page, dispute).getByTestId('case-owner')).toHaveText('you');
  await row(andrea.page, dispute).getByTestId('take-case').click();
  await expect(andrea.page.getByRole('alert')).toContainText('Another agent took this case first');
  await andrea.page.goto('/support/cases?show=unowned');
  await expect(row(andrea.page, dispute)).toHaveCount(0);
  await andrea.page.goto('/support/cases');
  await expect(row(andrea.page, dispute).getByTestId('case-owner')).toHaveText('Sara');
  await expect(row(andrea.page, dispute).getByTestId('take-case')).toHaveCount(0);

  // Sara hands it to Andrea; the dispute's own page says who has it.
  await row(sara.page, dispute).getByTestId('hand-to').selectOption({ label: 'Andrea' });
  await row(sara.page, dispute).getByTestId('hand-over').click();
  await andrea.page.goto('/support/cases?show=mine');
  await expect(row(andrea.page, dispute).getByTestId('case-owner')).toHaveText('you');
  await sara.page.goto(`/disputes/${dispute}`);
  await expect(sara.page.getByTestId('case-bar').getByTestId('case-owner')).toHaveText('Andrea');
  // SUP-4: the session's timeline is beside the chat, in words.
  await expect(sara.page.getByTestId('fact-timeline')).toContainText('Marco · Booked');
  await expect(sara.page.getByTestId('fact-timeline')).toContainText('Marco · Cancelled: Urgent matters of the client');

  // Nobody has answered: overdue from the 15th minute, on the queue, the
  // case's page and support's home.
  const due = await row(andrea.page, dispute).getByTestId('case-standing').getAttribute('data-due');
  const dueAt = new Date(due!).getTime();
  await moveClock(request, { set: new Date(dueAt - 5_000).toISOString() });
  const before = await overdueCount(andrea.page);
  await andrea.page.goto('/support/cases?show=mine');
  await expect(row(andrea.page, dispute).getByTestId('case-standing')).toHaveAttribute('data-overdue', 'false');
  await moveClock(request, { set: new Date(dueAt).toISOString() });
  await andrea.page.goto('/support/cases?show=overdue');
  await expect(row(andrea.page, dispute).getByTestId('case-standing')).toHaveAttribute('data-overdue', 'true');
  await expect(row(andrea.page, dispute).getByTestId('case-standing')).toContainText('overdue');
  expect(await overdueCount(andrea.page)).toBe(before + 1);
  await sara.page.goto(`/disputes/${dispute}`);
  await expect(sara.page.getByTestId('case-bar').getByTestId('case-standing')).toHaveAttribute('data-overdue', 'true');


  // SUP-3: Andrea answers with a saved Italian reply, its placeholders
  // filled from the case; sent, it is the case's first answer.
  await andrea.page.goto(`/disputes/${dispute}`);
  await andrea.page.getByTestId('saved-replies').locator('summary').click();
  await andrea.page.getByTestId('reply-lang').selectOption('it');
  await andrea.page.getByTestId('reply-search').fill('entrambi');
  await andrea.page.getByTestId('find-replies').click();
  await andrea.page.getByTestId('saved-reply').filter({ hasText: 'Entrambe le parti' }).getByTestId('insert-reply').click();
  const text = await andrea.page.locator('#body').inputValue();
  expect(text).toContain('Ciao Marco e Marta');
  // Italian writes the hour without a leading zero (0:37, 9:05).
  expect(text).toContain(venueFields(start).time.replace(/^0(\d)/, '$1'));
  expect(text).toMatch(/I \d+ crediti trattenuti/);
  expect(text).not.toContain('{');
  await andrea.page.getByTestId('send').click();
  await expect(andrea.page.getByTestId('dispute-chat')).toContainText('Ciao Marco e Marta');
  await expect(andrea.page.locator('#body')).toHaveValue('');
  await client.page.goto(`/disputes/${dispute}`);
  await expect(client.page.getByTestId('dispute-chat')).toContainText('Ciao Marco e Marta');
  await andrea.page.goto('/support/cases?show=mine');
  await expect(row(andrea.page, dispute).getByTestId('case-standing')).toHaveAttribute('data-overdue', 'false');

  // Settled with everything back to the client: the case leaves the queue.
  await andrea.page.goto(`/disputes/${dispute}`);
  const held = await andrea.page.locator('#refund').getAttribute('max');
  await andrea.page.locator('#refund').fill(held!);
  await andrea.page.locator('#decision-reason').fill('Urgent matter, first time: everything goes back.');
  await andrea.page.getByTestId('decide').click();
  await expect(andrea.page.getByTestId('dispute-state')).toHaveText('Decided');
  await andrea.page.goto('/support/cases');
  await expect(row(andrea.page, dispute)).toHaveCount(0);

  for (const who of [client, sara, andrea]) expect(who.errors).toEqual([]);
});
