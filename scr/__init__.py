"""The `scr` command line: composes the harvester, the index and the web app."""
