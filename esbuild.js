// Bundles the extension client, the language server, the CLI and the panel webview.
// Each bundle is self-contained: the .vsix ships no node_modules.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const bundles = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs', target: 'node20' },
  { entryPoints: ['server/src/stdioServer.ts'], outfile: 'dist/stdioServer.js', platform: 'node', format: 'cjs', target: 'node20' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20' },
  { entryPoints: ['media/src/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

async function main() {
  const contexts = await Promise.all(bundles.map((options) => esbuild.context({ ...common, ...options })));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
