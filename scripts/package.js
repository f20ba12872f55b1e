#!/usr/bin/env node
// `npm run package`: builds the production bundles and packs the extension into
// dist-vsix/gradient-doctor.vsix with vsce, without any prompt, then proves what is inside:
// prints the size and a per-folder summary, and fails if sources, tests, node_modules or
// source maps slipped in, or if a file the extension needs at runtime is missing.
//
//   node scripts/package.js [--out PATH]      (also used by test/e2e/run.js)
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_OUT = path.join(ROOT, 'dist-vsix', 'gradient-doctor.vsix');

/** Paths inside the .vsix (under extension/) that must never ship. */
const FORBIDDEN = [
  { test: (p) => /(^|\/)node_modules\//.test(p), why: 'node_modules (bundles are self-contained)' },
  { test: (p) => /^(server|client|media)\/src\//.test(p), why: 'TypeScript sources' },
  { test: (p) => /^test\//.test(p) || /\.test\.[cm]?[jt]s$/.test(p), why: 'tests' },
  { test: (p) => /\.[cm]?ts$/.test(p) && !/\.d\.[cm]?ts$/.test(p), why: 'a TypeScript source' },
  { test: (p) => /\.map$/.test(p), why: 'a source map' },
  { test: (p) => /^(scripts|examples|\.ci|\.git)\//.test(p), why: 'repository tooling or examples' },
];

function main() {
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : DEFAULT_OUT;
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  runVsce(out);

  const entries = readZipEntries(fs.readFileSync(out));
  const files = entries
    .filter((e) => e.name.startsWith('extension/') && !e.name.endsWith('/'))
    .map((e) => ({ ...e, name: e.name.slice('extension/'.length) }));

  const problems = [
    ...files.flatMap((f) => {
      const rule = FORBIDDEN.find((candidate) => candidate.test(f.name));
      return rule ? [`${f.name}: ${rule.why}`] : [];
    }),
    ...requiredFiles(manifest)
      .filter((required) => !files.some((f) => f.name === required))
      .map((required) => `${required}: must be in the package but is missing`),
  ];

  printSummary(out, files);
  if (problems.length > 0) {
    console.error(`\npackage: the .vsix is wrong (${problems.length} problem(s)):`);
    for (const problem of problems) console.error(`  - ${problem}`);
    console.error('Fix .vscodeignore (it is an allow-list) or the build.');
    process.exit(1);
  }
}

/** vsce runs `vscode:prepublish` (esbuild --production) itself before packing. */
function runVsce(out) {
  const vsceDir = path.dirname(require.resolve('@vscode/vsce/package.json'));
  const vsceBin = path.join(vsceDir, require('@vscode/vsce/package.json').bin.vsce);
  console.log(`package: vsce package (runs vscode:prepublish = esbuild --production) -> ${path.relative(ROOT, out)}`);
  // stdin is closed so that any prompt vsce might still ask fails at once instead of hanging CI.
  const result = spawnSync(process.execPath, [vsceBin, 'package', '--no-dependencies', '--out', out], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0 || !fs.existsSync(out)) {
    console.error(`package: vsce package failed (exit ${result.status ?? result.signal}); see its output above.`);
    process.exit(1);
  }
}

function requiredFiles(manifest) {
  // vsce stores LICENSE as LICENSE.txt.
  const required = ['package.json', 'dist/client.js', 'dist/server.js', 'LICENSE.txt'];
  for (const field of [manifest.main, manifest.icon]) {
    if (field) required.push(path.posix.normalize(field));
  }
  return [...new Set(required)];
}

function printSummary(out, files) {
  const size = fs.statSync(out).size;
  const byFolder = new Map();
  for (const f of files) {
    const folder = f.name.includes('/') ? f.name.slice(0, f.name.indexOf('/') + 1) : '(top level)';
    const entry = byFolder.get(folder) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += f.uncompressedSize;
    byFolder.set(folder, entry);
  }
  console.log(`\npackage: ${path.relative(ROOT, out)}  ${formatBytes(size)} (${size} bytes), ${files.length} files`);
  for (const [folder, { count, bytes }] of [...byFolder].sort()) {
    console.log(`  ${folder.padEnd(14)} ${String(count).padStart(3)} files  ${formatBytes(bytes).padStart(9)} unpacked`);
  }
  for (const f of files.sort((a, b) => a.name.localeCompare(b.name))) {
    console.log(`    ${f.name.padEnd(48)} ${formatBytes(f.uncompressedSize).padStart(9)}`);
  }
}

function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/**
 * Names and sizes from a zip's central directory (the .vsix is a zip). Enough for listing;
 * written here rather than depending on one of vsce's internal packages.
 */
function readZipEntries(zip) {
  const END_SIGNATURE = 0x06054b50;
  const ENTRY_SIGNATURE = 0x02014b50;
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END_SIGNATURE) end -= 1;
  if (end < 0) throw new Error('not a zip file: no end-of-central-directory record');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(offset) !== ENTRY_SIGNATURE) throw new Error(`corrupt zip: bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      uncompressedSize: zip.readUInt32LE(offset + 24),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

main();
