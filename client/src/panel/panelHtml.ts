/**
 * The panel's HTML document. Pure (no `vscode` import) so the Chromium test loads exactly the
 * page the extension produces.
 *
 * Security: `default-src 'none'` denies everything not listed; scripts run only with the
 * per-load nonce (no inline code, no `eval`); styles and fonts only from the extension's own resources (`cspSource`). The
 * page itself holds no user data: the script receives the analysis as a message and inserts
 * every string as text.
 */

export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin of the extension's local resources. */
  cspSource: string;
  /** URI of dist/webview.js as the webview sees it. */
  scriptUri: string;
  /** URI of media/panel.css as the webview sees it. */
  styleUri: string;
  /** A fresh random value per page load. */
  nonce: string;
}

export function panelHtml({ cspSource, scriptUri, styleUri, nonce }: PanelHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    // 'wasm-unsafe-eval' permits compiling WebAssembly only (no JS eval): the bundled tfjs
    // depends on long.js, which compiles a tiny wasm module for 64-bit multiplication at load.
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    // The tfjs simulation runs in a worker made from this same bundle: fetched from the
    // extension's resources, started from a blob (VS Code serves resources from another origin).
    `connect-src ${cspSource}`,
    'worker-src blob:',
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">
<title>Gradient Flow</title>
</head>
<body>
<main id="app" aria-busy="true">
<p id="summary" class="summary" role="status" aria-live="polite">Open a TensorFlow.js model to see its gradient flow.</p>
</main>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>
`;
}

/** A nonce from a cryptographically secure source (`crypto.getRandomValues`, Node 20 and browsers). */
export function createNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
