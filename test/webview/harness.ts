/**
 * Serves the panel page exactly as the extension builds it (panelHtml with a nonce and the
 * built dist/webview.js + media/panel.css) on 127.0.0.1, and opens it in Debian Chromium with
 * playwright-core. A stub `acquireVsCodeApi` records what the webview posts; CSP violations,
 * page errors and dialogs are recorded too.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createNonce, panelHtml } from '../../client/src/panel/panelHtml';
import type { ExtensionToPanelMessage } from '../../server/src/engine/protocol';
import { THEMES, type ThemeName } from './themes';

export const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Installs Debian chromium when it is missing (CI does it too). */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  execSync('apt-get install -y chromium', { stdio: 'inherit' });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing and apt-get could not install it`);
}

/** Rebuilds dist/webview.js when any source it bundles is newer (npm test builds first anyway). */
export function ensureWebviewBundle(): void {
  const bundle = path.join(ROOT, 'dist/webview.js');
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  const sources = ['media/src', 'server/src/engine'].flatMap((dir) => listFiles(path.join(ROOT, dir)));
  if (sources.some((file) => statSync(file).mtimeMs > built)) execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

const STATIC_FILES: Record<string, [string, string]> = {
  '/dist/webview.js': ['dist/webview.js', 'text/javascript'],
  '/media/panel.css': ['media/panel.css', 'text/css'],
};

export interface PanelServer {
  origin: string;
  close(): Promise<void>;
}

export async function startPanelServer(): Promise<PanelServer> {
  const server = http.createServer((request, response) => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(panelHtml({ cspSource: origin, scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/media/panel.css`, nonce: createNonce() }));
      return;
    }
    const file = STATIC_FILES[request.url ?? ''];
    if (!file) {
      // Chromium asks for /favicon.ico on its own; VS Code webviews have none either.
      response.writeHead(request.url === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file[1] });
    response.end(readFileSync(path.join(ROOT, file[0])));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Records posted messages and state the way VS Code's webview API would hold them, and CSP violations. */
const STUB_VSCODE_API = `
  window.__posted = [];
  window.__violations = [];
  window.__state = undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
    getState: () => window.__state,
    setState: (state) => { window.__state = state; },
  });
  document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
  // Main-thread tasks over 50 ms (what makes a page feel frozen), to check the simulation yields.
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(entry.duration); }).observe({ type: 'longtask' });
`;

/** `webgl: false` launches Chromium without WebGL, so tfjs falls back to its CPU backend. */
export function launchChromium({ webgl = true } = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: webgl ? CHROMIUM_ARGS : [...CHROMIUM_ARGS, '--disable-software-rasterizer'] });
}

export interface PanelPage {
  page: Page;
  /** CSP violations, uncaught errors, console errors and dialogs seen so far. */
  problems: string[];
  dialogs: string[];
  posted(): Promise<unknown[]>;
  send(message: ExtensionToPanelMessage): Promise<void>;
  setTheme(theme: ThemeName): Promise<void>;
}

/** Opens the panel page; `savedState` is what `getState()` returns, as when VS Code shows a hidden view again. */
export async function openPanel(browser: Browser, origin: string, theme: ThemeName = 'dark', savedState?: unknown): Promise<PanelPage> {
  const page = await browser.newPage({ viewport: { width: 380, height: 1400 }, deviceScaleFactor: 2 });
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // What VS Code provides to every webview, before the page's own script runs. A string, not a
  // function: tsx would wrap a function in helpers the page does not have.
  await page.addInitScript(STUB_VSCODE_API);
  if (savedState !== undefined) await page.addInitScript(`window.__state = ${JSON.stringify(savedState)};`);
  await page.goto(origin);
  const panel: PanelPage = {
    page,
    problems,
    dialogs,
    posted: () => page.evaluate('window.__posted') as Promise<unknown[]>,
    send: (message) => page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`),
    // As VS Code does: theme variables on <html>, the theme kind as a class of <body>.
    setTheme: (name) =>
      page.evaluate(`(() => {
        const theme = ${JSON.stringify(THEMES[name])};
        document.body.className = theme.bodyClass;
        for (const [variable, value] of Object.entries(theme.variables)) document.documentElement.style.setProperty(variable, value);
      })()`),
  };
  await panel.setTheme(theme);
  return panel;
}

/** CSP violations reported by the page itself (securitypolicyviolation events). */
/** Durations (ms) of the main-thread tasks longer than 50 ms so far. */
export function longTasks(page: Page): Promise<number[]> {
  return page.evaluate('window.__longTasks') as Promise<number[]>;
}

export function violations(page: Page): Promise<string[]> {
  return page.evaluate('window.__violations') as Promise<string[]>;
}
