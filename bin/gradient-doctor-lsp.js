#!/usr/bin/env node
// The language server over stdio, for any LSP editor (same server and launch options VS Code uses).
require('../dist/stdioServer.js');
