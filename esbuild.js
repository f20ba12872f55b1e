// Bundles the extension client, the language server, the CLI and the panel webview.
// Each bundle is self-contained: the .vsix ships no node_modules.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Our sources import TypeScript as `import ts from 'typescript'`; esbuild converts the CommonJS
 * package for each importing file anew (__toESM copies its ~2,200 exports as getters), which cost
 * ~60 ms of every start of the CLI, its workers and the server. Routed through one ES module, the
 * conversion runs once and every importer shares it.
 */
const typescriptOnce = {
  name: 'typescript-once',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, (args) => (args.namespace === 'typescript-once' ? undefined : { path: 'typescript', namespace: 'typescript-once' }));
    build.onLoad({ filter: /.*/, namespace: 'typescript-once' }, () => ({ contents: "import ts from 'typescript';\nexport default ts;\n", resolveDir: __dirname }));
  },
};

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [typescriptOnce],
};

const bundles = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs', target: 'node20' },
  { entryPoints: ['server/src/stdioServer.ts'], outfile: 'dist/stdioServer.js', platform: 'node', format: 'cjs', target: 'node20' },
  // The CLI: a small launcher (dist/cli.js) that runs the commands' bundle through a V8 code cache;
  // `simulate` alone needs tfjs, in a bundle of its own that other commands never read.
  { entryPoints: ['server/src/cli/launcher.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cliMain.js', platform: 'node', format: 'cjs', target: 'node20' },
  { entryPoints: ['server/src/cli/simulate.ts'], outfile: 'dist/cliSimulate.js', platform: 'node', format: 'cjs', target: 'node20' },
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
