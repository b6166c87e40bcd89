import { expect, type Page, type BrowserContext, type APIRequestContext } from '@playwright/test';

export const DEMO_PASSWORD = 'settle-demo-2026';
export const DEMO = {
  support: 'support@settle.test',
  model: 'giulia@settle.test',
  client: 'luca@settle.test',
} as const;

/** Collects console errors and uncaught exceptions of a page. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  return errors;
}

/** Waits until the wasm client has hydrated the page. */
export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

export async function signIn(page: Page, email: string, path = '/signin') {
  await page.goto(path);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('form button[type=submit]').click();
}

/** Moves the server's clock (only exists when the server runs in test mode). */
export async function moveClock(request: APIRequestContext, body: Record<string, unknown>) {
  const res = await request.post('/__test/clock', { data: body });
  expect(res.ok()).toBeTruthy();
  return (await res.json()).now as string;
}

export type { BrowserContext };
