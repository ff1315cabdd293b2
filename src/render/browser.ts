// One headless Chromium shared by all PDF renders of the process (launching costs far more than
// printing a page). Each render gets its own context; closeBrowser() ends the process.

import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
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

let launching: Promise<Browser> | null = null;

async function launch(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new RenderError(`生成 PDF 需要 Chromium 浏览器，但找不到 ${executablePath}。请先安装（Debian/Ubuntu：apt-get install chromium fonts-noto-cjk），或用环境变量 GONGKAI_CHROMIUM 指定浏览器路径`);
  }
  const { chromium } = await import('playwright-core');
  try {
    // No userDataDir: Playwright starts each browser with a fresh temporary profile.
    return await chromium.launch({ executablePath, args: ARGS, headless: true });
  } catch (e) {
    throw new RenderError(`无法启动 Chromium（${executablePath}）：${(e as Error).message.split('\n')[0]}`);
  }
}

/** The shared browser, launched on first use (and again if it went away). */
export async function sharedBrowser(): Promise<Browser> {
  if (launching) {
    const b = await launching.catch(() => null);
    if (b?.isConnected()) return b;
  }
  launching = launch();
  launching.catch(() => {
    launching = null;
  });
  return launching;
}

/** Close the shared browser, if one was launched. Safe to call at any time. */
export async function closeBrowser(): Promise<void> {
  const p = launching;
  launching = null;
  const b = await p?.catch(() => null);
  await b?.close().catch(() => undefined);
}
