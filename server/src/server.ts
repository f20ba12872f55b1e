// Language server entry point (dist/server.js). The transport (--node-ipc from VS Code, --stdio
// from other editors) is chosen from the command line by createServerConnection.
import { createServerConnection } from './lsp/connection';
import { startServer } from './lsp/server';

startServer(createServerConnection());
