"""The command line: headless commands and the entry that opens the app."""
