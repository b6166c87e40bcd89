// Page weight and Lighthouse for `make bench` (issue 17).
//
// Against a release server in test mode with the demo data (bench/run.sh
// starts it): Playwright drives Debian's Chromium to make what the pages
// show (a call to refund, a booked session, a dispute), then Lighthouse
// 12.2.3 measures each page three times with its default mobile settings
// (simulated slow 4G, 4x CPU slowdown) and the median run is reported.
// Signed-in pages are measured with the person's real session cookie, put
// in the measuring browser's cookie jar (as a header it would not reach the
// page's event stream, which would then be refused).
//
// Usage: node run.mjs <base url> <site pkg dir>   (one JSON line per page)
import { chromium } from 'playwright-core';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';
import { statSync } from 'node:fs';
import { join } from 'node:path';

const [base, pkgDir] = process.argv.slice(2);
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'settle-demo-2026';
const SERVICE_TOKEN = process.env.SETTLE_SERVICE_TOKEN ?? 'bench-service-token';
const RUNS = 3;

const api = async (path, init = {}) => {
  const res = await fetch(base + path, init);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
const now = async () => new Date((await api('/__test/clock')).now);
const userId = async (email) => (await api(`/__test/user?email=${encodeURIComponent(email)}`)).id;

/** The venue's wall clock (the demo people are in Europe/Rome). */
function venueFields(t) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(t);
  const get = (type) => parts.find((p) => p.type === type).value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

async function signedIn(browser, email) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + '/signin');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(/\/(client|model|support)$/);
  const cookies = await context.cookies();
  return { page, cookies };
}

/** Makes the signed-in pages' content; returns the pages to measure. */
async function setUp() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const client = await signedIn(browser, 'luca@settle.test');
    const model = await signedIn(browser, 'giulia@settle.test');

    // A call that ended a minute ago: the model's Calls page has a refund
    // countdown.
    const ended = new Date((await now()).getTime() - 60_000);
    const started = new Date(ended.getTime() - 180_000);
    const res = await fetch(base + '/service/v1/calls', {
      method: 'POST',
      headers: { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        external_id: `bench-${Date.now()}`,
        client_id: await userId('luca@settle.test'),
        model_id: await userId('giulia@settle.test'),
        kind: 'video', price_per_minute: 10,
        started_at: started.toISOString(), ended_at: ended.toISOString(),
        events: [{ at: started.toISOString(), kind: 'connected', detail: 'both sides joined' }],
      }),
    });
    if (res.status !== 201) throw new Error(`recording a call: ${res.status} ${await res.text()}`);

    // Two sessions with Giulia: one booked for tomorrow (the session page),
    // one cancelled 4 hours before its start (a dispute).
    const book = async (minutesAhead) => {
      const t = new Date((await now()).getTime() + minutesAhead * 60_000);
      t.setUTCSeconds(0, 0);
      t.setUTCMinutes(t.getUTCMinutes() + 1);
      const { page } = client;
      await page.goto(base + '/models');
      await page.getByTestId('models').getByRole('link', { name: /Giulia/ }).click();
      await page.locator('#date').fill(venueFields(t).date);
      await page.locator('#time').fill(venueFields(t).time);
      await page.getByTestId('book').click();
      await page.waitForURL(/\/sessions\//);
      return new URL(page.url()).pathname;
    };
    const session = await book(26 * 60);
    await book(4 * 60);
    await client.page.locator('[data-testid=cancel-box] summary').click();
    await client.page.locator('#reason').selectOption('client_urgent');
    await client.page.getByTestId('cancel').click();
    await client.page.getByTestId('dispute').waitFor();
    const dispute = new URL(await client.page.getByTestId('dispute').locator('a').first().evaluate((a) => a.href)).pathname;

    await client.page.goto(base + '/help');
    const article = await client.page.locator('a[href*="/help/a/"]').first().getAttribute('href');
    return [
      // Pages whose only live part, if any, is the notification count load
      // no wasm (expectWasm: false); the others load the islands' bundle if
      // they show an island.
      { name: 'help article', path: article.replace(/^https?:\/\/[^/]+/, ''), expectWasm: false },
      { name: 'help home', path: '/help', expectWasm: false },
      { name: 'sign in', path: '/signin', expectWasm: false },
      { name: 'client sessions list', path: '/sessions', cookies: client.cookies, expectWasm: false },
      { name: 'model Calls', path: '/model/calls', cookies: model.cookies },
      { name: 'client home', path: '/client', cookies: client.cookies },
      { name: 'session page', path: session, cookies: client.cookies },
      { name: 'dispute chat', path: dispute, cookies: client.cookies },
    ];
  } finally {
    await browser.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The bytes of the scripts and wasm a run fetched, as the site stores
 * them precompressed (brotli and gzip). */
function weight(lhr) {
  const items = lhr.audits['network-requests']?.details?.items ?? [];
  const files = items
    .map((i) => new URL(i.url))
    .filter((u) => u.origin === new URL(base).origin && /\/pkg\/.*\.(js|wasm)$/.test(u.pathname))
    .map((u) => join(pkgDir, u.pathname.split('/').pop()));
  const size = (f) => { try { return statSync(f).size; } catch { return 0; } };
  return {
    files: files.length,
    br_kb: files.reduce((n, f) => n + size(`${f}.br`), 0) / 1000,
    gz_kb: files.reduce((n, f) => n + size(`${f}.gz`), 0) / 1000,
  };
}

async function measure(pages) {
  for (const p of pages) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      // A fresh browser per run, its cookie jar holding only the person's
      // cookies: nothing an earlier run left behind is sent.
      const chrome = await chromeLauncher.launch({
        chromePath: CHROMIUM,
        chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
      });
      const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
      try {
        const tab = await browser.newPage();
        if (p.cookies) {
          await tab.setCookie(...p.cookies.map(({ name, value, domain, path, httpOnly, secure, sameSite }) => ({ name, value, domain, path, httpOnly, secure, sameSite })));
        }
        const result = await lighthouse(base + p.path, {
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
        }, undefined, tab);
        const lhr = result.lhr;
        if (lhr.runtimeError) throw new Error(`${p.name}: ${lhr.runtimeError.message}`);
        // A page that sent Lighthouse elsewhere (a lost session goes to the
        // sign-in page) would be measured as that page: refuse it.
        const landed = new URL(lhr.finalDisplayedUrl).pathname;
        if (landed !== new URL(base + p.path).pathname) throw new Error(`${p.name}: landed on ${lhr.finalDisplayedUrl}`);
        const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
        runs.push({
          perf: score('performance'),
          a11y: score('accessibility'),
          best: score('best-practices'),
          seo: score('seo'),
          tbt_ms: lhr.audits['total-blocking-time'].numericValue,
          tti_ms: lhr.audits['interactive'].numericValue,
          failed: Object.values(lhr.audits)
            .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
            .map((a) => a.id),
          ...weight(lhr),
        });
      } finally {
        await browser.disconnect();
        await chrome.kill();
      }
    }
    // The median run by performance score; the other figures of that run.
    const mid = runs.find((r) => r.perf === median(runs.map((r) => r.perf)));
    console.log(JSON.stringify({
      row: 'lighthouse', page: p.name, path: p.path, expect_wasm: p.expectWasm ?? null,
      ...mid,
      tbt_ms: median(runs.map((r) => r.tbt_ms)),
      tti_ms: median(runs.map((r) => r.tti_ms)),
      perf_runs: runs.map((r) => r.perf),
    }));
  }
}

await measure(await setUp());
