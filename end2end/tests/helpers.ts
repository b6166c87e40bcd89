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
    // A refused request (4xx) is logged by the browser; the page shows the
    // refusal itself, which the tests check. Server faults (5xx) count.
    const refusal = /Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text());
    if (msg.type() === 'error' && !refusal) errors.push(msg.text());
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

/** A start time `minutes` from the server's now, on a whole minute (UTC). */
export async function startIn(request: APIRequestContext, minutes: number): Promise<Date> {
  const now = new Date((await (await request.get('/__test/clock')).json()).now);
  const t = new Date(now.getTime() + minutes * 60_000);
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  return t;
}

export const SERVICE_TOKEN = 'e2e-service-token';

export async function userId(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.get(`/__test/user?email=${encodeURIComponent(email)}`);
  expect(res.ok()).toBeTruthy();
  return (await res.json()).id;
}

/** Records a finished call as the call system would; returns its id. */
export async function recordCall(
  request: APIRequestContext,
  opts: { client: string; model: string; endedSecondsAgo?: number; secs?: number; price?: number },
): Promise<string> {
  const now = new Date((await (await request.get('/__test/clock')).json()).now);
  const ended = new Date(now.getTime() - (opts.endedSecondsAgo ?? 60) * 1000);
  const started = new Date(ended.getTime() - (opts.secs ?? 120) * 1000);
  const res = await request.post('/service/v1/calls', {
    headers: { authorization: `Bearer ${SERVICE_TOKEN}` },
    data: {
      external_id: `e2e-${Date.now()}-${Math.random()}`,
      client_id: await userId(request, opts.client),
      model_id: await userId(request, opts.model),
      kind: 'video',
      price_per_minute: opts.price ?? 10,
      started_at: started.toISOString(),
      ended_at: ended.toISOString(),
      events: [
        { at: started.toISOString(), kind: 'connected', detail: 'both sides joined' },
        { at: ended.toISOString(), kind: 'dropped', detail: 'client connection lost' },
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).call_id;
}

/** Signs in in a fresh browser context (one per role in a test). */
export async function as(browser: import('@playwright/test').Browser, email: string, opts: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: opts.javaScriptEnabled ?? true });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/(client|model|support)$/);
  return { context, page, errors };
}

/** The booking form's date and time for an instant: the wall clock where
 * the session happens (TIME-2). The demo models and clients are in
 * Europe/Rome. */
export function venueFields(t: Date, zone = 'Europe/Rome'): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(t);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** Books a home visit with `model` starting at `start` and cancels it for
 * an urgent matter of the client: within 5 hours of the start, that opens
 * a session dispute (MEET-9). Returns the dispute's id. */
export async function cancelledHomeVisit(page: Page, model: string, start: Date, address: string): Promise<string> {
  await page.goto('/models');
  await page.getByTestId('models').getByRole('link', { name: new RegExp(model) }).click();
  await page.locator('input[name=scenario][value=home_visit]').check();
  await page.locator('#address').fill(address);
  await page.locator('#date').fill(venueFields(start).date);
  await page.locator('#time').fill(venueFields(start).time);
  await page.getByTestId('book').click();
  await expect(page).toHaveURL(/\/sessions\//);
  await page.locator('[data-testid=cancel-box] summary').click();
  await page.locator('#reason').selectOption('client_urgent');
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('dispute')).toBeVisible();
  const href = await page.getByTestId('dispute-link').getAttribute('href');
  return href!.split('/').pop()!;
}
