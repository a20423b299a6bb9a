/**
 * What every browser suite of the console shares: Debian's chromium (skipped loudly when missing on a
 * workstation, a failure when CI=true), the console built from its current sources as `npm run build:console`
 * builds it, and one way of launching the browser (Vietnamese locale, Hồ Chí Minh time, no background traffic).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const repositoryRoot = join(__dirname, '..', '..', '..');
export const screenshots = join(repositoryRoot, 'docs', 'screenshots');

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** For `describeWithTool`. */
export const chromiumTool = {
  name: 'chromium',
  location: existsSync(chromiumPath) ? chromiumPath : null,
  install: 'apt-get install -y chromium',
};

/** Builds the console from its sources into `outDir` with vite; throws with vite's output when it fails. */
export function buildConsole(outDir: string): void {
  const vite = spawnSync(
    process.execPath,
    [
      join(repositoryRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'apps/console/vite.config.ts',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: repositoryRoot, encoding: 'utf8' },
  );
  if (vite.status !== 0) throw new Error(`console build failed:\n${vite.stdout}\n${vite.stderr}`);
}

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  /** The browser profile's temporary folder; the suite removes it after closing the context. */
  profileDir: string;
}

/** A headless chromium with a fresh profile and its first page, which waits up to `timeoutMs` per step. */
export async function launchConsoleBrowser(options: {
  viewport?: { width: number; height: number };
  timeoutMs?: number;
  /** More chromium switches, e.g. a fake camera. */
  args?: string[];
} = {}): Promise<ConsoleBrowser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'vaxledger-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
    ],
    viewport: options.viewport ?? { width: 1280, height: 860 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(options.timeoutMs ?? 15_000);
  return { context, page, profileDir };
}
