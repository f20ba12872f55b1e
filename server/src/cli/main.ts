// CLI entry point (wired up by the CLI work).
