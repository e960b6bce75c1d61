"""Atom feeds: newly added documents, and new lessons matching a saved search."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("feeds", __name__)
