// Panel webview entry point (wired up by the panel work).
