"""A document's metadata read from its listing's texts and title page, as tests give them:
the link, the heading over it, the line beside it and the cover."""

from __future__ import annotations

from harvester.metadata.infer import Hints, Metadata, infer_metadata


def read(
    link: str | None = None, heading: str | None = None, context: str | None = None, cover=""
) -> Metadata:
    return infer_metadata(Hints(link_text=link, heading=heading, context=context), cover)
