/**
 * The HTML report in a real browser: headless Chromium (Debian's, driven by
 * playwright-core) opens the page that `explore --out` wrote, from disk, for
 * the seed example and for a scenario of 1,000 outcomes. No console error, the
 * chart, every task's lane and every shown outcome's replay command are on the
 * page, and a screenshot is saved in the test's temporary folder.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { show, tempDir, type Exploration } from './helpers.js';
import { raw } from './raw.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// .ci/run installs Debian's chromium; elsewhere the test says it is skipped rather than failing on a machine without it.
const run = existsSync(CHROMIUM) || process.env.CI === 'true';

/** Two tasks whose sleeps end together (2 orders), then choose(1000): 1,000 outcomes of 2 executions each. */
const THOUSAND = `export default {
  name: 'thousand',
  async main({ go, choose, print, sleep, waitGroup }) {
    const wg = waitGroup();
    wg.add(2);
    for (const t of ['left', 'right']) go(async () => { await sleep(1); wg.done(); }, t);
    await wg.wait();
    await print('value ' + (await choose(1000)));
  },
};
`;

let tmp: Awaited<ReturnType<typeof tempDir>>;
let browser: Browser;

beforeAll(async () => {
  tmp = await tempDir('html');
  if (run) browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await tmp.remove();
});

/** Explores `file` with --out into the temp folder, opens the page and checks it against the JSON report. */
async function checkPage(file: string, name: string): Promise<{ report: Exploration; screenshot: string }> {
  const out = join(tmp.dir, name);
  const r = await raw(['explore', file, '--strategy', 'exhaustive', '--out', out]);
  expect(r.code, show(r)).toBe(1);
  const report = JSON.parse(await readFile(join(out, `${name}.json`), 'utf8')) as Exploration;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (req) => {
    if (!req.url().startsWith('file:')) errors.push(`network request: ${req.url()}`);
  });
  await page.goto(pathToFileURL(join(out, `${name}.html`)).href, { waitUntil: 'load' });
  const shown = Math.min(report.outcomes.length, 20);
  expect(await page.title()).toBe(`interleave: ${report.scenario.name}`);
  expect(await page.locator('#chart svg').isVisible()).toBe(true);
  expect(await page.locator('#chart rect.bar').count()).toBe(shown + (report.outcomes.length > shown ? 1 : 0));
  const articles = page.locator('article.outcome');
  expect(await articles.count()).toBe(shown);
  for (let i = 0; i < shown; i++) {
    const o = report.outcomes[i]!;
    const article = articles.nth(i);
    expect(await article.locator('.replay-command').textContent()).toBe(o.replay);
    const lanes = await article.locator('.lane-name').evaluateAll((els) => els.map((e) => e.getAttribute('data-task')));
    const tasks = new Set(['main', ...o.trace!.map((s) => s.task), ...o.unfinished]);
    expect(lanes.sort()).toEqual([...tasks].sort());
    expect(await article.locator('svg.swimlane [data-step]').count()).toBe(o.trace!.length);
  }
  // The copy button answers.
  await articles.first().locator('button.copy').click();
  await expect.poll(() => articles.first().locator('button.copy').textContent()).toMatch(/^(copied|select and copy)$/);
  const screenshot = join(tmp.dir, `${name}.png`);
  await page.screenshot({ path: screenshot, fullPage: false });
  await page.close();
  expect(errors).toEqual([]);
  return { report, screenshot };
}

describe.skipIf(!run)('the HTML report in headless Chromium', { timeout: 300_000 }, () => {
  it('scenarios/workers.ts: chart, the lanes of main, Pam and Jim, 4 replay commands, no console error', async () => {
    const { report, screenshot } = await checkPage('scenarios/workers.ts', 'workers');
    expect(report.outcomes).toHaveLength(4);
    expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
  });

  it('a scenario of 1,000 outcomes: 20 shown, the rest in one row', async () => {
    const file = await tmp.write('thousand.ts', THOUSAND);
    const { report, screenshot } = await checkPage(file, 'thousand');
    expect(report.outcomes).toHaveLength(1000);
    expect(report.executions).toBe(2000);
    const html = await readFile(join(tmp.dir, 'thousand', 'thousand.html'), 'utf8');
    expect(html).toContain('…and 980 more outcomes, 98.0% of executions (1,960 executions)');
    expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
  });
});
