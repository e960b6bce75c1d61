"""The web app for any WSGI server (`waitress-serve scr.wsgi:app`, gunicorn, mod_wsgi):
built from the config file SCR_CONFIG names (default: ./config.toml), as `scr serve`
builds it."""

from __future__ import annotations

import os

from scr.config import load_config
from scr.services import Services

app = Services(load_config(os.environ.get("SCR_CONFIG", "config.toml"))).create_app()
