import { test, expect } from '@playwright/test';
import { as, hydrated, recordCall, userId } from './helpers';

// Issue 14.8: a form that was sent does not invite a second, accidental post.
test('a sent chat message leaves an empty box and appears once', async ({ browser, request }) => {
  await recordCall(request, { client: 'paolo@settle.test', model: 'sofia@settle.test', secs: 60, price: 1 });
  const { page, errors } = await as(browser, 'sofia@settle.test');
  const paolo = await userId(request, 'paolo@settle.test');
  await page.goto(`/model/chats/${paolo}`);
  await hydrated(page);
  const text = `See you on Friday ${Date.now()}`;
  await page.locator('#body').fill(text);
  await page.getByTestId('chat-send').click();
  await expect(page.getByTestId('chat')).toContainText(text);
  await expect(page.locator('#body')).toHaveValue('');
  // Sending the empty box is stopped by the browser: still one message.
  await page.getByTestId('chat-send').click();
  await expect(page.getByTestId('chat').locator('li', { hasText: text })).toHaveCount(1);
  expect(errors).toEqual([]);
});
