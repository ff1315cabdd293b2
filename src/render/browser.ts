// One headless Chromium shared by all PDF renders of the process, with a small pool of pages
// (launching the browser costs seconds and opening a page a quarter of one; printing reuses
// them). Pages run without JavaScript, offline, and every request they try is blocked.
// closeBrowser() ends it all; left unused for a while, the browser also closes by itself.

import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RenderError } from './errors.ts';

/** The Debian chromium package's browser; $GONGKAI_CHROMIUM overrides it. */
export function chromiumPath(): string {
  return process.env.GONGKAI_CHROMIUM || '/usr/bin/chromium';
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Idle pages kept for reuse; more may be open while renders run side by side. */
const POOL_SIZE = 4;
/** The browser closes itself after this long unused, so a program that forgot closeBrowser() still ends. */
const IDLE_CLOSE_MS = 15_000;

interface Session {
  browser: Browser;
  context: BrowserContext;
  idle: Page[];
  /** Who wants to hear about the requests each page tries (all are blocked). */
  listeners: WeakMap<Page, (url: string) => void>;
}

let starting: Promise<Session> | null = null;
let busy = 0;
let idleTimer: NodeJS.Timeout | null = null;

async function launch(): Promise<Session> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new RenderError(`生成 PDF 需要 Chromium 浏览器，但找不到 ${executablePath}。请先安装（Debian/Ubuntu：apt-get install chromium fonts-noto-cjk），或用环境变量 GONGKAI_CHROMIUM 指定浏览器路径`);
  }
  const { chromium } = await import('playwright-core');
  let browser: Browser;
  try {
    // No userDataDir: Playwright starts each browser with a fresh temporary profile.
    browser = await chromium.launch({ executablePath, args: ARGS, headless: true });
  } catch (e) {
    throw new RenderError(`无法启动 Chromium（${executablePath}）：${(e as Error).message.split('\n')[0]}`);
  }
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block' });
  const session: Session = { browser, context, idle: [], listeners: new WeakMap() };
  await context.route('**/*', (route) => {
    let page: Page | null = null;
    try {
      page = route.request().frame().page();
    } catch {
      // a request without a frame (a worker): nobody to tell
    }
    if (page) session.listeners.get(page)?.(route.request().url());
    return route.abort('blockedbyclient');
  });
  return session;
}

async function session(): Promise<Session> {
  if (starting) {
    const s = await starting.catch(() => null);
    if (s?.browser.isConnected()) return s;
  }
  starting = launch();
  starting.catch(() => {
    starting = null;
  });
  return starting;
}

/** The shared browser, launched on first use (and again if it went away). */
export async function sharedBrowser(): Promise<Browser> {
  return (await session()).browser;
}

/**
 * Run `use` with a page of the shared browser (from the pool, or a new one). `onBlockedRequest`
 * hears every request the page tries meanwhile.
 */
export async function withPage<T>(use: (page: Page) => Promise<T>, onBlockedRequest?: (url: string) => void): Promise<T> {
  busy++;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  try {
    return await usePage(use, onBlockedRequest);
  } finally {
    if (--busy === 0) {
      idleTimer = setTimeout(() => void closeBrowser(), IDLE_CLOSE_MS);
      idleTimer.unref();
    }
  }
}

async function usePage<T>(use: (page: Page) => Promise<T>, onBlockedRequest?: (url: string) => void): Promise<T> {
  const s = await session();
  const page = s.idle.pop() ?? (await s.context.newPage());
  if (onBlockedRequest) s.listeners.set(page, onBlockedRequest);
  let healthy = false;
  try {
    const result = await use(page);
    healthy = true;
    return result;
  } finally {
    s.listeners.delete(page);
    if (healthy && !page.isClosed() && s.idle.length < POOL_SIZE && s.browser.isConnected()) s.idle.push(page);
    else await page.close().catch(() => undefined);
  }
}

/** Close the shared browser, if one was launched. Safe to call at any time. */
export async function closeBrowser(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const p = starting;
  starting = null;
  const s = await p?.catch(() => null);
  await s?.browser.close().catch(() => undefined);
}
