import { test, expect } from '@playwright/test';
import { as, hydrated, watchConsole } from './helpers';

// HELP-1..4 and BILL-5/6 in a real browser. The tests run in order: the
// reader's "no" is what support then sees counted.
test.describe.configure({ mode: 'serial' });

test('r_bill_6_an_italian_reader_lands_in_italian_searches_and_votes_no', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'it-IT', extraHTTPHeaders: { 'Accept-Language': 'it' } });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await page.goto('/help');
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Centro assistenza');
  // Help pages load no wasm and no JS module: links and forms are plain.
  await expect(page.locator('script[type=module], link[rel=modulepreload], link[rel=preload]')).toHaveCount(0);

  await page.getByTestId('help-q').fill('assistenza pagamenti');
  await page.getByRole('button', { name: 'Cerca' }).click();
  const results = page.getByTestId('search-results');
  await expect(results.locator('mark').first()).toBeVisible();
  await results.getByRole('link', { name: /Assistenza pagamenti/ }).first().click();

  await expect(page).toHaveURL(/\/help\/a\/assistenza-pagamenti$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Assistenza pagamenti');
  await expect(page.locator('link[rel=alternate][hreflang=en]')).toHaveAttribute('href', /^https?:\/\/[^/]+\/en\/help\/a\/billing-support$/);
  await expect(page.locator('link[rel=alternate][hreflang=it]')).toHaveAttribute('href', /^https?:\/\/[^/]+\/it\/help\/a\/assistenza-pagamenti$/);
  await expect(page.locator('meta[name=description]')).toHaveAttribute('content', /processore/);
  // BILL-5: the processors, from data, in Italian.
  const processors = page.getByTestId('processors');
  for (const name of ['Paymentico', 'Epoch', 'SegPay', 'CentroBill', 'Webbilling', 'Wtseticket']) {
    await expect(processors).toContainText(name);
  }
  await expect(processors.locator('tr[data-processor=webbilling]')).toContainText('Europa');

  await page.getByTestId('vote-no').click();
  await expect(page).toHaveURL(/voted=1/);
  await expect(page.getByTestId('vote-thanks')).toBeVisible();
  await expect(page.getByTestId('vote-no')).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
  await context.close();
});

test('r_help_4_support_sees_the_no_edits_the_article_and_compares_revisions', async ({ browser }) => {
  // An anonymous reader's copy of the article, served from memory from now on.
  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  for (let i = 0; i < 2; i++) await readerPage.goto('/it/help/a/assistenza-pagamenti');
  await expect(readerPage.getByTestId('help-article')).not.toContainText('entro tre giorni');

  const { context, page, errors } = await as(browser, 'support@settle.test');
  await page.goto('/support/help');
  const row = page.locator('tr[data-article=assistenza-pagamenti][data-locale=it]');
  await expect(row.getByTestId('tally')).toHaveText('0 / 1');
  await expect(row.getByTestId('share-no')).toHaveText('100%');
  await row.getByTestId('edit').click();
  await hydrated(page);

  const body = page.getByTestId('body');
  const original = await body.inputValue();
  const lines = original.split('\n');
  // Reformat one line (emphasis only) and add a new one.
  const target = lines.findIndex((l) => /^[A-Za-zÀ-ú]/.test(l) && l.split(' ').length > 3);
  const words = lines[target].split(' ');
  words[0] = `**${words[0]}**`;
  lines[target] = words.join(' ');
  lines.push('', 'Se il processore non risponde entro tre giorni, scrivi anche a noi.');
  await body.fill(lines.join('\n'));
  await page.getByTestId('preview').click();
  await expect(page.getByTestId('preview-pane')).toContainText('entro tre giorni');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('saved')).toBeVisible();
  // The save cleared the readers' copy.
  await readerPage.goto('/it/help/a/assistenza-pagamenti');
  await expect(readerPage.getByTestId('help-article')).toContainText('entro tre giorni');
  await reader.close();

  await page.getByRole('link', { name: 'Revisions' }).first().click();
  await expect(page.getByTestId('diff-inline')).toBeVisible();
  await expect(page.locator('tr[data-change=diff-added]').filter({ hasText: 'entro tre giorni' })).toHaveCount(1);
  await expect(page.locator('tr[data-change=diff-reformatted]')).toHaveCount(1);
  await expect(page.getByTestId('rev-a')).toHaveValue('1');
  await expect(page.getByTestId('rev-b')).toHaveValue('2');
  await page.getByTestId('view-side').check();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('diff-side')).toBeVisible();
  await expect(page.getByTestId('diff-side').locator('td[data-change=diff-reformatted]')).toHaveCount(2);

  // Readers see the new revision, and search finds it.
  await page.goto('/it/help/search?q=tre+giorni+processore');
  await expect(page.getByTestId('search-results')).toContainText('Assistenza pagamenti');
  expect(errors).toEqual([]);
  await context.close();
});

test('r_help_1_help_pages_are_complete_without_javascript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/en/help');
  await expect(page.getByRole('heading', { name: 'Topics' })).toBeVisible();
  await page.getByRole('link', { name: 'Billing and credits' }).click();
  await expect(page).toHaveURL(/\/en\/help\/c\/billing$/);
  await page.getByRole('link', { name: /Billing support/ }).click();
  await expect(page.getByTestId('help-article')).toContainText('Paymentico');
  await expect(page.locator('nav.crumbs li')).toHaveCount(3);

  // Search with a typo is a plain GET form.
  await page.getByTestId('help-q').fill('refnud a call');
  await page.getByTestId('help-q').press('Enter');
  await expect(page).toHaveURL(/\/en\/help\/search\?q=refnud/);
  await expect(page.getByTestId('search-results').getByRole('link').first()).toBeVisible();

  // Voting is a plain form post that comes back to the article.
  await page.goto('/en/help/a/billing-support');
  await page.getByTestId('vote-yes').click();
  await expect(page).toHaveURL(/\/en\/help\/a\/billing-support\?voted=1/);
  await expect(page.getByTestId('vote-thanks')).toBeVisible();

  // The language switch leads to the Italian translation.
  await page.getByRole('link', { name: 'Italiano', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Assistenza pagamenti');
  await context.close();
});
