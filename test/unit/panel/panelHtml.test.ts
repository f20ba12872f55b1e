import assert from 'node:assert/strict';
import { createNonce, panelHtml } from '../../../client/src/panel/panelHtml';

describe('panel: HTML and content security policy', () => {
  const html = panelHtml({ cspSource: 'https://file+.vscode-resource.example', scriptUri: 'https://r/dist/webview.js', styleUri: 'https://r/media/panel.css', nonce: 'abc123' });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';

  it('denies everything by default and allows scripts only by nonce', () => {
    const directives = csp.split(';').map((directive) => directive.trim());
    assert.equal(directives[0], "default-src 'none'");
    assert.ok(directives.includes("script-src 'nonce-abc123' 'wasm-unsafe-eval'"));
    assert.ok(directives.includes('connect-src https://file+.vscode-resource.example'));
    assert.ok(directives.includes('worker-src blob:'));
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*|https?:(?!\/\/file\+)/);
  });

  it('loads exactly one script, with the nonce, and no inline code', () => {
    const scripts = html.match(/<script[^>]*>[\s\S]*?<\/script>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="abc123" src="https://r/dist/webview.js"></script>']);
    assert.doesNotMatch(html, /\son\w+=/);
  });

  it('makes a different, unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9]{16,}$/);
  });
});
