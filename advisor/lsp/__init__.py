"""The advisor as a language server: `advisor server` speaks LSP over standard input/output."""
