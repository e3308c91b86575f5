"""Command-line subcommands, kept apart so `python -m game` starts fast."""
