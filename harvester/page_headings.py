"""The headings of a listing page: for every link, the title a reader sees above it (a
heading, an accordion's trigger, a tab's label, a bold line standing for a heading, the
page's own title over a section called "Documents") and the lines under that heading
before its first link."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from harvester.metadata.titles import specific

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# A heading that only names a part of a page: "Documents", "Downloads", "Related files".
SECTION_ONLY = re.compile(
    r"^\W*(?:(?:the|our|and|of|this|key|further|supporting|related|useful|"
    r"documents?|downloads?|attachments?|files?|resources?|publications?|"
    r"information|links?|read)\W*)+$",
    re.I,
)
# What titles a group of links without a heading element: an accordion's trigger, a
# disclosure's summary, a table's caption.
TITLE_TAGS = ("summary", "caption", "legend")
TITLE_CLASSES = re.compile(
    r"accordion[-_]*(title|header|heading|trigger|toggle|button|label)|panel-title|"
    r"collapsible[-_]*(header|title)|toggle[-_]*title",
    re.I,
)
# A bold paragraph longer than this is emphasis, not a heading.
MAX_BOLD_TITLE = 120
# The lines under a section's heading kept as its documents' context.
MAX_LEDE = 200


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def is_title(tag: Tag) -> bool:
    """A heading, or what stands for one: an accordion's trigger, a summary, a caption."""
    if tag.name in HEADINGS or tag.name in TITLE_TAGS:
        return True
    if tag.name == "button" and (tag.get("aria-controls") or tag.get("aria-expanded")):
        return True
    if tag.name == "p" and bold_line(tag):
        return True
    return bool(TITLE_CLASSES.search(" ".join(tag.get("class") or [])))


def bold_line(tag: Tag) -> bool:
    """A paragraph that is one short bold line and no link: a heading written in bold
    ("<p><strong>2013 – Westmarch – Children L and M</strong></p>")."""
    bold = tag.find(["strong", "b"])
    if bold is None or tag.find("a") is not None:
        return False
    text = clean(tag.get_text(" "))
    return 0 < len(text) <= MAX_BOLD_TITLE and clean(bold.get_text(" ")) == text


def _labelled_by(
    link: Tag, soup: BeautifulSoup, labels: dict[str, str | None], inner: Tag | None = None
) -> str | None:
    """The label of the tab panel (or region) the link sits in: tabs come before all their
    panels, so the nearest title above a link would be the last tab's. `labels` remembers
    the labels found, by id. `inner`: the nearest heading above the link, which wins when
    it sits inside the same panel."""
    for parent in link.parents:
        label_id = parent.get("aria-labelledby") if isinstance(parent, Tag) else None
        if label_id and inner is not None and any(p is parent for p in inner.parents):
            return None  # a heading inside the panel, above the link, is nearer
        if label_id:
            key = str(label_id).split()[0]
            if key not in labels:
                label = soup.find(id=key)
                labels[key] = clean(label.get_text(" ")) or None if label is not None else None
            if labels[key]:
                return labels[key]
    return None


def headings_before(soup: BeautifulSoup) -> tuple[dict[int, str | None], dict[int, str]]:
    """For every link (by id), the text of the nearest heading above it in document order
    (or inside it, when the link is a whole card), and the lines under that heading before
    its first link (a review's date and summary: "Child H / Published Spring 2021 / ...").
    One pass over the page: asking each link for its previous heading is quadratic, and a
    listing of a few hundred rows then takes seconds."""
    nearest: dict[int, str | None] = {}
    ledes: dict[int, str] = {}
    labels: dict[str, str | None] = {}
    current: str | None = None
    current_tag: Tag | None = None
    page_title: str | None = None  # the page's h1: on a review's own page, its name
    page_lede = ""
    lede = ""
    for tag in soup.find_all(lambda t: t.name == "a" or is_title(t)):
        if tag.name == "a":
            inner = tag.find(HEADINGS)
            title = clean(inner.get_text(" ")) if inner is not None else None
            section, section_lede = current, lede
            if page_title and (section is None or SECTION_ONLY.match(section)):
                # "Documents", "Downloads" under "Child Safeguarding Practice Review: Baby
                # Indigo": the page is the review's, and its title (and the date under it)
                # names the documents'.
                section, section_lede = page_title, lede or page_lede
            if title and title == clean(tag.get_text(" ")):
                # (a link that is only its heading says its title itself: the heading
                # above it says what the list is, "Published reviews")
                title = None
            nearest[id(tag)] = title or _labelled_by(tag, soup, labels, current_tag) or section
            if section_lede and not title:
                ledes[id(tag)] = section_lede
        elif tag.find_parent("a") is None:
            current = clean(tag.get_text(" ")) or None
            current_tag = tag
            if tag.name == "h1":
                # A page of many reviews is titled by its kind ("Safeguarding practice
                # reviews"); a review's own page by its name.
                page_title = current if current and specific(current) else None
                page_lede = _lede(tag) if page_title else ""
            lede = _lede(tag) if tag.name in HEADINGS[1:] else ""
    return nearest, ledes


def _lede(heading: Tag) -> str:
    """The lines right after a section's heading, up to its first link: a review's date
    and a line about it. Not a page's introduction (under its h1)."""
    parts: list[str] = []
    for sibling in heading.next_siblings:
        if isinstance(sibling, Tag):
            if sibling.name in HEADINGS or sibling.name == "a" or sibling.find("a", href=True):
                break
            parts.append(sibling.get_text(" "))
        else:
            parts.append(str(sibling))
        if sum(len(p) for p in parts) > MAX_LEDE:
            break
    return clean(" ".join(parts))[:MAX_LEDE]
