// Drives the VS Code workbench (code-server 4.100.3 = VS Code 1.100.3) the way a user does:
// Quick Open, the command palette, the Problems panel, the Ctrl+. quick-fix menu and webviews.
// The CSS selectors below are VS Code's own DOM; they are the only place that knows it.
const { waitUntil } = require('./waitUntil');

// How long the workbench may take to react to one user action. Generous: on a loaded 2-core
// machine, Quick Open's first file search can take over 10 s while extensions activate.
const UI_TIMEOUT_MS = 30_000;

const SELECTORS = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  commandCenter: '.command-center .command-center-quick-pick',
  quickInput: '.quick-input-widget',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  problemsPanel: '.markers-panel',
  problemsRow: '.markers-panel .monaco-list-row',
  actionWidgetRow: '.action-widget .monaco-list-row.action',
  editorLines: '.editor-instance .view-lines',
  lightbulb: '.editor-instance .lightBulbWidget',
  activeTab: '.tabs-container .tab.active',
  editorLine: '.editor-instance .view-lines .view-line',
  hover: '.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents',
};

class Workbench {
  constructor(page, { timeoutMs = 60_000 } = {}) {
    this.page = page;
    this.timeoutMs = timeoutMs;
  }

  async open(url, folder) {
    await this.page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await this.page.locator(SELECTORS.workbench).waitFor({ timeout: this.timeoutMs });
    // The explorer lists the workspace once the remote file system is connected.
    await this.page.locator(SELECTORS.explorerRow).first().waitFor({ timeout: this.timeoutMs });
  }

  /**
   * Opens Quick Open from the title bar's command center (a click works whatever has the
   * keyboard focus, unlike Ctrl+P) and types `text` (">" + title searches commands).
   */
  async quickInput(text) {
    await this.page.locator(SELECTORS.commandCenter).click();
    const input = this.page.locator(`${SELECTORS.quickInput} input`);
    await input.waitFor({ timeout: UI_TIMEOUT_MS });
    await input.fill(text);
  }

  /** Quick Open by file name; resolves when its editor tab is active. */
  async openFile(fileName) {
    await this.quickInput(fileName);
    const row = this.page.locator(SELECTORS.quickInputRow).filter({ hasText: fileName }).first();
    await row.waitFor({ timeout: UI_TIMEOUT_MS }).catch(() => {
      throw new Error(`Quick Open listed no file named ${fileName} within ${UI_TIMEOUT_MS / 1000}s`);
    });
    await row.click();
    await this.page
      .locator(SELECTORS.activeTab)
      .filter({ hasText: fileName })
      .waitFor({ timeout: UI_TIMEOUT_MS })
      .catch(() => {
        throw new Error(`Quick Open did not open ${fileName} in an editor tab`);
      });
    await this.page.locator(SELECTORS.editorLines).first().waitFor({ timeout: UI_TIMEOUT_MS });
  }

  /** Runs a command by its palette title ("Category: Title"); fails if the palette lacks it. */
  async runCommand(title) {
    await this.quickInput(`>${title}`);
    const rows = this.page.locator(SELECTORS.quickInputRow);
    const row = rows.filter({ hasText: title }).first();
    try {
      await row.waitFor({ timeout: UI_TIMEOUT_MS });
    } catch {
      const offered = await rows.allInnerTexts().catch(() => []);
      await this.page.keyboard.press('Escape');
      throw new Error(`the command palette has no command "${title}"; it offered: ${JSON.stringify(offered)}`);
    }
    await row.click();
  }

  async showProblems() {
    if (!(await this.page.locator(SELECTORS.problemsPanel).isVisible())) {
      await this.runCommand('View: Focus Problems');
    }
    await this.page.locator(SELECTORS.problemsPanel).waitFor({ timeout: UI_TIMEOUT_MS });
  }

  /**
   * What the Problems panel shows, in order: `{ file, message, source, code, line }` per marker.
   * Related-information rows (no source) are left out. The list is virtualized: only rows that
   * fit the panel are in the DOM, which is why the viewport is tall.
   */
  async readProblems() {
    return this.page.locator(SELECTORS.problemsRow).evaluateAll((rows) => {
      const problems = [];
      let file = null;
      for (const row of rows) {
        const header = /problems? in file (.+?) of folder/.exec(row.getAttribute('aria-label') ?? '');
        if (header) {
          file = header[1];
          continue;
        }
        const text = (selector) => row.querySelector(selector)?.textContent.trim() ?? '';
        if (!row.querySelector('.marker-source')) continue;
        problems.push({
          file,
          message: text('.marker-message'),
          source: text('.marker-source'),
          code: text('.marker-code').replace(/^\(|\)$/g, ''),
          line: Number(/Ln (\d+)/.exec(text('.marker-line'))?.[1]),
        });
      }
      return problems;
    });
  }

  /** Waits until `predicate(problems)` holds; returns the problems then seen. */
  async waitForProblems(what, predicate, timeoutMs = this.timeoutMs) {
    return waitUntil(
      what,
      async () => {
        const problems = await this.readProblems();
        return { ok: predicate(problems), seen: problems };
      },
      { timeoutMs },
    );
  }

  /**
   * Goes to a problem from the Problems panel (click + Enter reveals it with the editor focused),
   * opens the quick-fix menu with Ctrl+. and picks the action whose title matches. Returns the
   * titles the menu offered.
   */
  async applyQuickFix(problem, titlePattern) {
    const row = this.page
      .locator(SELECTORS.problemsRow)
      .filter({ has: this.page.locator('.marker-code', { hasText: problem.code }) })
      .filter({ has: this.page.locator('.marker-line', { hasText: `Ln ${problem.line},` }) })
      .first();
    await row.click();
    await this.page.keyboard.press('Enter');
    await waitUntil(
      'the editor to take focus after revealing the problem',
      async () => {
        const focused = await this.page.evaluate(() => document.activeElement?.className ?? '');
        return { ok: /inputarea/.test(focused), seen: `focused element class: ${focused}` };
      },
      { timeoutMs: UI_TIMEOUT_MS },
    );
    // Moving the cursor schedules VS Code's own (debounced) code-action request, which cancels
    // a Ctrl+. request still in flight ("No code actions available"). Like a user, wait for the
    // lightbulb that request shows, then press Ctrl+.
    await this.page.locator(SELECTORS.lightbulb).waitFor({ timeout: UI_TIMEOUT_MS }).catch(() => {
      throw new Error(`no lightbulb appeared at the ${problem.code} problem: VS Code found no code actions there`);
    });
    await this.page.keyboard.press('Control+.');
    const actions = this.page.locator(SELECTORS.actionWidgetRow);
    await actions.first().waitFor({ timeout: UI_TIMEOUT_MS }).catch(() => {
      throw new Error('Ctrl+. opened no quick-fix menu at the problem');
    });
    const titles = await actions.evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent));
    if (!titles.some((title) => titlePattern.test(title))) {
      await this.page.keyboard.press('Escape');
      throw new Error(`the quick-fix menu has no action matching ${titlePattern}; it offered: ${JSON.stringify(titles)}`);
    }
    // The menu blocks pointer events while it is open, so choose with the keyboard as users do.
    const focused = this.page.locator(`${SELECTORS.actionWidgetRow}.focused`);
    for (let moves = 0; !titlePattern.test((await focused.getAttribute('aria-label')) ?? ''); moves += 1) {
      if (moves > titles.length) throw new Error(`could not move the quick-fix menu's focus to ${titlePattern}`);
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
    return titles;
  }

  async editorText() {
    return this.page.locator(SELECTORS.editorLines).first().innerText();
  }

  /** Waits until `probe(text)` of the visible editor lines (inlay hints included) is truthy; resolves with it. */
  async waitForEditorText(what, probe, timeoutMs = this.timeoutMs) {
    return waitUntil(
      what,
      async () => {
        const text = await this.editorText();
        const result = probe(text);
        return { ok: Boolean(result), seen: result || text.slice(0, 2000) };
      },
      { timeoutMs },
    );
  }

  /**
   * Moves the mouse over `token` on the editor line containing `lineText`, as a user hovers a
   * word, and resolves with the hover widget's text once it matches `pattern`.
   */
  async hoverToken(lineText, token, pattern, timeoutMs = UI_TIMEOUT_MS) {
    const line = this.page.locator(SELECTORS.editorLine).filter({ hasText: lineText }).first();
    const word = line.locator('span > span').filter({ hasText: new RegExp(`^${token}$`) }).first();
    await word.waitFor({ timeout: timeoutMs });
    return waitUntil(
      `a hover over "${token}" whose text matches ${pattern}`,
      async () => {
        // Leave and come back: a hover that opened too early (before the server answered) refreshes.
        await this.page.mouse.move(5, 5);
        await word.hover();
        // editor.hover.delay is 300 ms; the card comes with the language servers' answers.
        let text = '';
        for (let waited = 0; waited < 3_000 && !pattern.test(text); waited += 250) {
          await this.page.waitForTimeout(250);
          text = (await this.page.locator(SELECTORS.hover).allInnerTexts().catch(() => [])).join('\n');
        }
        return { ok: pattern.test(text), seen: text || '(no hover shown)' };
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  async dismissHover() {
    await this.page.mouse.move(5, 5);
    await this.page.keyboard.press('Escape');
  }

  /**
   * The frame of a webview whose document satisfies `probe(frame)`. VS Code nests each webview
   * as an outer iframe (its host page) around an inner one with the extension's HTML.
   */
  async findWebviewFrame(what, probe, timeoutMs = this.timeoutMs) {
    return waitUntil(
      what,
      async () => {
        const urls = [];
        for (const frame of this.page.frames()) {
          if (frame === this.page.mainFrame()) continue;
          urls.push(frame.url().slice(0, 120));
          const result = await probe(frame).catch(() => null);
          if (result) return { ok: true, seen: { frame, result } };
        }
        return { ok: false, seen: `frames: ${JSON.stringify(urls)}` };
      },
      { timeoutMs },
    );
  }
}

module.exports = { Workbench };
