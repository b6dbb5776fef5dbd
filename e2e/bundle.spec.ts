/** The production bundle: the devtools (tests' and benchmarks' hooks) are chunks of their own, loaded on ?devtools. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const ASSETS = join('dist', 'assets');
/** Names only the devtools modules hold. */
const DEVTOOLS = ['__cpmDebug', 'recordCamera', 'benchGraph', 'verifyFixture', 'loseDevice'];

test("the app's chunks hold none of the devtools, which load only on ?devtools", async ({ page }) => {
  const scripts = readdirSync(ASSETS).filter((name) => name.endsWith('.js'));
  const chunks = scripts.filter((name) => !/^(pageTools|workerTools)-/.test(name));
  expect(chunks.some((name) => name.startsWith('cpm.worker-'))).toBe(true);
  expect(chunks.length).toBe(scripts.length - 2);
  for (const chunk of chunks) {
    const code = readFileSync(join(ASSETS, chunk), 'utf8');
    for (const name of DEVTOOLS) expect(code.includes(name), `${name} in ${chunk}`).toBe(false);
  }
  await page.goto('/?model=cpm-test');
  await expect(page.getByTestId('model-status')).toContainText('UNTRAINED');
  expect(await page.evaluate(() => '__cpmDebug' in window)).toBe(false);
  await page.goto('/?model=cpm-test&devtools');
  await expect(page.getByTestId('model-status')).toContainText('UNTRAINED');
  expect(await page.evaluate(async () => (await window.__cpmDebug.memory()).numTensors)).toBeGreaterThan(0);
});
