// Language server entry point (wired up by the LSP work).
