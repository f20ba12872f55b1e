// Language server entry point (dist/server.js). The transport (--node-ipc from VS Code, --stdio
// from other editors) is chosen by createConnection from the command line.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

startServer(createConnection(ProposedFeatures.all));
