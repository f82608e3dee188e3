/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download cannot reach the
 * internet from here). Installed by the test setup when missing. The flags keep Chromium from
 * calling Google's services, which this closed network refuses; WebGL comes from SwiftShader with
 * the default flags (adding --use-gl=swiftshader turns it off), which MapLibre needs.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type BrowserServer, chromium, type Download, type Locator, type Page } from 'playwright-core';
import { chromiumPackage, ensureDebianPackages } from '../../common/debian.ts';

export const screenshotDir = join(process.cwd(), 'test-output', 'screenshots');

function launchOptions() {
	const executablePath = process.env.CHROMIUM_PATH ?? chromiumPackage.binary;
	if (!process.env.CHROMIUM_PATH) ensureDebianPackages([chromiumPackage]);
	return {
		executablePath,
		args: [
			'--no-sandbox',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic',
		],
	};
}

/** A Chromium of this process's own (the benchmarks; a browser test file outside the `system` project). */
export async function launchBrowser(): Promise<Browser> {
	return chromium.launch(launchOptions());
}

/**
 * One Chromium for every browser test file of a run, started by the `system` project's global
 * setup (tests/support/global-setup.ts): each file connects to it (`testBrowser`,
 * tests/support/journey.ts) and works in contexts of its own, as it did in a browser of its own.
 */
export async function launchBrowserServer(): Promise<BrowserServer> {
	return chromium.launchServer(launchOptions());
}

/** Connects to the shared Chromium (`launchBrowserServer`) at its WebSocket address. */
export async function connectBrowser(wsEndpoint: string): Promise<Browser> {
	return chromium.connect(wsEndpoint);
}

/**
 * The file a download wrote, copied where this process can read it: `download.path()` refuses on
 * a browser connected to over the network (the shared one), `saveAs` streams the file here.
 */
export async function downloadedFile(download: Download): Promise<string> {
	const path = join(mkdtempSync(join(tmpdir(), 'slmi-download-')), download.suggestedFilename());
	await download.saveAs(path);
	return path;
}

/** Every request a page makes that is not to the app on loopback: the list must stay empty. */
export function recordForeignRequests(context: BrowserContext): string[] {
	const foreign: string[] = [];
	context.on('request', (request) => {
		const url = new URL(request.url());
		if (url.protocol === 'data:' || url.protocol === 'blob:') return;
		if (url.hostname !== '127.0.0.1') foreign.push(request.url());
	});
	return foreign;
}

/**
 * Pictures to look at, asserted by no test: written only when SLMI_SCREENSHOTS is set (e.g.
 * `SLMI_SCREENSHOTS=1 npx vitest run tests/e2e/layout.test.ts`). A full-page picture cost Chromium
 * and the PNG encoder 0.2–1.2 s on the busy 2-core machine, as much as axe-core on the same page,
 * and the largest browser files took 90 of them per run (tests/README.md).
 */
export const screenshotsWanted = () => !!process.env.SLMI_SCREENSHOTS;

export async function screenshot(page: Page, name: string): Promise<string | null> {
	if (!screenshotsWanted()) return null;
	mkdirSync(screenshotDir, { recursive: true });
	const path = join(screenshotDir, `${name}.png`);
	await page.screenshot({ path, fullPage: true });
	return path;
}

/** A picture of one element (a card), under the same condition as `screenshot`. */
export async function elementScreenshot(locator: Locator, name: string): Promise<string | null> {
	if (!screenshotsWanted()) return null;
	mkdirSync(screenshotDir, { recursive: true });
	const path = join(screenshotDir, `${name}.png`);
	await locator.screenshot({ path });
	return path;
}
