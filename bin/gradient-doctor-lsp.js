#!/usr/bin/env node
// The language server over stdio, for any LSP editor (same server VS Code runs).
if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
require('../dist/server.js');
