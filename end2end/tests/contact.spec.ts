import { test, expect, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { as } from './helpers';

/** The mails the test SMTP server (scripts/smtp-sink.py) took for `to`. */
function mailsTo(to: string): { subject: string; text: string; html: string }[] {
  const dir = process.env.SETTLE_E2E_MAILDIR;
  if (!dir) throw new Error('SETTLE_E2E_MAILDIR is not set: run through scripts/e2e.sh');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('mail-') && f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))
    .filter((m) => (m.to as string[]).includes(to));
}

async function noScrollSideways(page: Page) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(wide).toBeLessThanOrEqual(0);
}

test('SUP-6, HELP-6: an anonymous reader answers "No" on an article, writes to support, and support\'s answer reaches their e-mail at the test SMTP server', async ({ browser }) => {
  const reader = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await reader.newPage();
  const address = `reader-${Date.now()}@example.com`;

  // The article did not help: "No", then the way to support, with the article.
  // (An article no other test counts the answers of.)
  await page.goto('/it/help/a/come-funzionano-le-contestazioni');
  await page.getByTestId('vote-no').click();
  await expect(page.getByTestId('contact-after-no')).toBeVisible();
  await page.getByTestId('contact-link').click();
  await expect(page).toHaveURL(/\/it\/help\/contact\?article=/);
  await expect(page.getByTestId('contact-article')).toContainText('Come funzionano le contestazioni');
  await noScrollSideways(page);

  // A bad address is refused in words; nothing is sent.
  await page.getByTestId('contact-message').fill('Il mio acquisto di ieri non compare tra i crediti.');
  await page.getByTestId('contact-email').fill('non-un-indirizzo@');
  await page.getByTestId('contact-email').evaluate((el: HTMLInputElement) => { el.type = 'text'; });
  await page.getByTestId('contact-send').click();
  await expect(page.getByRole('alert')).toContainText('indirizzo e-mail');
  await page.getByTestId('contact-message').fill('Il mio acquisto di ieri non compare tra i crediti.');
  await page.getByTestId('contact-email').fill(address);
  await page.getByTestId('contact-send').click();
  await expect(page.getByTestId('contact-sent')).toContainText(address);
  const mine = page.url();
  expect(mine).toMatch(/\/it\/help\/contact\/[0-9a-f-]+\?key=[0-9a-f]{64}&sent=1$/);
  const id = new URL(mine).pathname.split('/').pop()!;

  // Support finds it in the queue (with the address), opens it, sees the
  // article it came from, and answers.
  const sara = await as(browser, 'support@settle.test');
  await sara.page.goto('/support/cases?kind=contact');
  const line = sara.page.locator(`tr[data-testid=case][data-subject="${id}"]`);
  await expect(line).toContainText(address);
  await line.getByRole('link').first().click();
  await expect(sara.page).toHaveURL(new RegExp(`/support/contact/${id}$`));
  await expect(sara.page.getByTestId('contact-writer')).toHaveText(address);
  await expect(sara.page.getByTestId('contact-article')).toContainText('Italiano');
  await expect(sara.page.getByTestId('contact-chat')).toContainText('non compare tra i crediti');
  const answer = `Ciao! Abbiamo trovato il tuo acquisto (${Date.now()}): i crediti sono ora nel tuo portafoglio.`;
  await sara.page.getByTestId('contact-answer').fill(answer);
  await sara.page.getByTestId('contact-answer-send').click();
  await expect(sara.page.getByTestId('contact-chat')).toContainText(answer);

  // The answer reaches the reader's mailbox, in Italian, with the private link.
  await expect.poll(() => mailsTo(address).length, { timeout: 20_000 }).toBe(1);
  const mail = mailsTo(address)[0];
  expect(mail.subject).toBe("L'assistenza di Settle ha risposto al tuo messaggio");
  expect(mail.text).toContain(answer);
  const link = mail.text.match(/https?:\/\/\S+\/it\/help\/contact\/\S+/)![0];
  expect(link).toContain(`/it/help/contact/${id}?key=`);

  // The link opens the conversation, answer included, and takes a reply.
  await page.goto(new URL(link).pathname + new URL(link).search);
  await expect(page.getByTestId('contact-chat')).toContainText(answer);
  await page.locator('#contact-more').fill('Grazie mille!');
  await page.getByRole('button', { name: 'Aggiungi' }).click();
  await expect(page.getByTestId('contact-chat')).toContainText('Grazie mille!');

  // HELP-6: support sees the "No" on the article and the request it led to.
  await sara.page.goto('/support/insights');
  const article = sara.page
    .locator('[data-testid=article-no]')
    .filter({ has: sara.page.locator(`a[href$="/support/contact/${id}"]`) });
  await expect(article).toHaveCount(1);
  await expect(article).toContainText('Italiano');
  expect(Number(await article.getByTestId('no-count').innerText())).toBeGreaterThanOrEqual(1);

  // Closed, the request takes nothing more; the reader is told in words.
  await sara.page.goto(`/support/contact/${id}`);
  await sara.page.getByTestId('contact-close').click();
  await expect(sara.page.getByTestId('contact-answer')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('contact-closed')).toBeVisible();
  await reader.close();
  await sara.context.close();
});

test('SUP-6, HELP-6: every page links to support from its footer; support sees searches that found nothing', async ({ browser }) => {
  const client = await as(browser, 'luca@settle.test');
  await client.page.goto('/sessions');
  const footer = client.page.getByTestId('footer-contact');
  await expect(footer).toHaveAttribute('href', '/help/contact?from=/sessions');
  await footer.click();
  await expect(client.page.getByText('You are signed in as Luca')).toBeVisible();
  await expect(client.page.getByTestId('contact-email')).toHaveCount(0);

  const word = `zzqx${Date.now() % 100000}`;
  await client.page.goto(`/it/help/search?q=${word}`);
  await expect(client.page.getByTestId('no-results')).toBeVisible();
  const sara = await as(browser, 'support@settle.test');
  await sara.page.goto('/support/insights');
  await expect(sara.page.locator('[data-testid=searches][data-lang=it] [data-testid=empty-searches]')).toContainText(word);
  await client.context.close();
  await sara.context.close();
});
