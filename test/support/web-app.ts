// The web app as a user meets it, for the browser tests, screenshots and the bench: the server
// on embedded storage (PGlite) in a temp directory, first run done (accounts, demo corpus),
// serving the built app from web/dist; and headless Debian Chromium through playwright-core.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { initialize } from '../../src/cli/serve.ts';
import { buildApp } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/store/open.ts';

export const WEB_DIST = resolve(import.meta.dirname, '../../web/dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RunningApp {
  url: string;
  store: Store;
  app: FastifyInstance;
  /** Passwords printed at first start, by login (admin, demo-supervisor, demo-agency). */
  passwords: Map<string, string>;
  close(): Promise<void>;
}

export async function startWebApp(options: { demo?: boolean } = {}): Promise<RunningApp> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`web/dist 不存在：先运行 npm run build（${WEB_DIST}）`);
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-web-'));
  const store = await openStore({ dataDir: join(dir, 'data') });
  const credentials = await initialize(store, options.demo ?? true);
  const app = await buildApp({ store, webDir: WEB_DIST, loginRateLimit: 1000, uploadRateLimit: 1000 });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address.replace('127.0.0.1', 'localhost'),
    store,
    app,
    passwords: new Map(credentials.map((c) => [c.login, c.password])),
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core run in the page; its serious and critical violations, described. */
export async function accessibility(page: Page): Promise<string[]> {
  // A dropdown still closing (antd keeps its list in the page until its animation ends, then marks
  // it hidden) is not the page a user reads: let it settle first, for up to five seconds.
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden), .ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
  for (let i = 0; i < 100 && (await open.count()) > 0; i++) await page.waitForTimeout(50);
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}（${v.help}）：${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('，')}`);
}

/** Sign in through the login page as a user would; resolves on the corpus list. */
export async function signIn(page: Page, url: string, login: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.fill('#login', login);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${url}/`);
}
