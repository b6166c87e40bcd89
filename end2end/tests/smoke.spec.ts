import { test, expect } from '@playwright/test';
import { DEMO, hydrated, moveClock, signIn, watchConsole } from './helpers';

test.describe('foundation smoke', () => {
  for (const [role, email] of Object.entries(DEMO)) {
    test(`${role} signs in and sees the ${role} home`, async ({ page }) => {
      const errors = watchConsole(page);
      await page.goto('/signin');
      await hydrated(page);
      await signIn(page, email);
      await expect(page).toHaveURL(new RegExp(`/${role}$`));
      await expect(page.getByTestId(`${role}-home`)).toBeVisible();
      await expect(page.getByTestId('user-badge')).toContainText('Signed in as');
      expect(errors).toEqual([]);
    });
  }

  test('a role cannot open another role\'s home', async ({ page }) => {
    await signIn(page, DEMO.client);
    await expect(page).toHaveURL(/\/client$/);
    const res = await page.goto('/support');
    expect(res?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  });

  test('signing out ends the session on the server', async ({ page, context }) => {
    await page.goto('/signin');
    await hydrated(page);
    await signIn(page, DEMO.model);
    await expect(page).toHaveURL(/\/model$/);
    const cookie = (await context.cookies()).find((c) => c.name === 'settle_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/$/);
    // Replaying the old cookie must not sign anyone in.
    await context.addCookies([{ ...cookie!, value: cookie!.value }]);
    const res = await page.goto('/model');
    await expect(page).toHaveURL(/\/signin\?next=/);
    expect(res?.ok()).toBeTruthy();
  });

  test('a hydrated page reacts to a click without a reload', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto('/signin');
    await hydrated(page);
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42));
    const password = page.locator('#password');
    await expect(password).toHaveAttribute('type', 'password');
    await page.getByTestId('toggle-password').click();
    await expect(password).toHaveAttribute('type', 'text');
    await expect(page.getByTestId('toggle-password')).toHaveText('Hide password');
    // Same document: the marker survived, so nothing reloaded.
    expect(await page.evaluate(() => (window as unknown as { __marker: number }).__marker)).toBe(42);
    expect(errors).toEqual([]);
  });

  test('the wasm client is served content-hashed and compressed', async ({ request }) => {
    // The islands loader names the bundle; a page without islands never fetches it.
    const html = await (await request.get('/signin')).text();
    const wasmHref = html.match(/\/pkg\/settle\.[0-9a-f]{16}\.wasm/)?.[0] ?? null;
    expect(wasmHref).toMatch(/^\/pkg\/settle\.[0-9a-f]{16}\.wasm$/);
    const res = await request.get(wasmHref!, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.ok()).toBeTruthy();
    expect(['br', 'gzip']).toContain(res.headers()['content-encoding']);
    expect(res.headers()['cache-control']).toContain('immutable');
  });

  test('/it shows Italian, and Accept-Language picks it too', async ({ page, browser }) => {
    await page.goto('/it/signin');
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect(page.getByRole('heading', { name: 'Accedi' })).toBeVisible();
    await hydrated(page);
    await expect(page.getByRole('heading', { name: 'Accedi' })).toBeVisible();

    const italian = await browser.newContext({ locale: 'it-IT', extraHTTPHeaders: { 'Accept-Language': 'it-IT,it;q=0.9' } });
    const p = await italian.newPage();
    await p.goto('/');
    await expect(p.locator('html')).toHaveAttribute('lang', 'it');
    await expect(p.getByRole('heading', { name: 'Benvenuto su Settle' })).toBeVisible();
    // The URL beats the browser's language.
    await p.goto('/en');
    await expect(p.getByRole('heading', { name: 'Welcome to Settle' })).toBeVisible();
    await italian.close();
  });

  test('signing in under /it keeps Italian', async ({ page }) => {
    await page.goto('/it/signin');
    await hydrated(page);
    await signIn(page, DEMO.client, '/it/signin');
    await expect(page).toHaveURL(/\/it\/client$/);
    await expect(page.getByRole('heading', { name: 'Il tuo account' })).toBeVisible();
  });

  test('a wrong password gets a clear message and no session', async ({ page, context }) => {
    await page.goto('/signin');
    await hydrated(page);
    await page.locator('#email').fill(DEMO.client);
    await page.locator('#password').fill('not the password');
    await page.locator('form button[type=submit]').click();
    await expect(page.getByRole('alert')).toContainText('do not match');
    expect((await context.cookies()).find((c) => c.name === 'settle_session')).toBeUndefined();
  });

  test('unknown addresses answer 404 with the not-found page', async ({ page }) => {
    const res = await page.goto('/no/such/page');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  });

  test('sessions expire after 30 days on the server clock', async ({ page, request }) => {
    await signIn(page, DEMO.client);
    await expect(page).toHaveURL(/\/client$/);
    try {
      await moveClock(request, { advance_seconds: 31 * 24 * 3600 });
      await page.goto('/client');
      await expect(page).toHaveURL(/\/signin\?next=%2Fclient|\/signin\?next=\/client/);
    } finally {
      await moveClock(request, { reset: true });
    }
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the sign-in form works as a plain post', async ({ page }) => {
    await signIn(page, DEMO.support);
    await expect(page).toHaveURL(/\/support$/);
    await expect(page.getByTestId('support-home')).toBeVisible();
  });

  test('a refused sign-in shows the error on the server-rendered page', async ({ page }) => {
    await page.goto('/signin');
    await page.locator('#email').fill(DEMO.support);
    await page.locator('#password').fill('wrong password here');
    await page.locator('form button[type=submit]').click();
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole('alert')).toContainText('do not match');
  });

  test('sign-up works as a plain post and never creates support', async ({ page }) => {
    const email = `new-${Date.now()}@example.com`;
    await page.goto('/signup');
    await page.locator('#display_name').fill('New Client');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill('a long enough password');
    await page.getByTestId('adult').check();
    await page.getByTestId('terms').check();
    await page.locator('form button[type=submit]').click();
    await expect(page).toHaveURL(/\/client$/);
    await expect(page.getByTestId('client-home')).toBeVisible();
  });
});
