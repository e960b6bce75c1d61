"""Case names: "Child J", "Children P, Q and R", "the T Family", codes ("W4"), and where
the reader looks for each; children's names are read in names.py."""

from __future__ import annotations

import re

from harvester.metadata.boards import BOARD_NAME, BOARD_PREFIX
from harvester.metadata.briefs import (
    brief_topic,
    cover_brief_topic,
    issue_topic,
    listed_brief_topic,
)
from harvester.metadata.case_forms import coded_case, structured_case
from harvester.metadata.dates import MONTHS
from harvester.metadata.doc_types import stated_doc_type
from harvester.metadata.full_names import NICKNAME, fuller_name
from harvester.metadata.heading_names import heading_pseudonym, heading_review_name
from harvester.metadata.headlines import headline_child
from harvester.metadata.names import (
    NAME,
    NAME_AFTER_REVIEW,
    NAME_SEGMENT,
    QUOTED_NAME,
    TITLE_SEPARATOR,
    corroborated,
    cover_pseudonym,
    is_name,
    join_wrapped_names,
    pseudonym,
    title_page_name,
)
from harvester.metadata.quoted_titles import cover_quoted_title, quoted_title
from harvester.metadata.settings_named import REVIEW_OF_INSTITUTION, institution_subject
from harvester.metadata.subject_headings import study_title, subject_heading
from harvester.metadata.text import SHORT_WORDS, clean_name, file_words, uncap
from harvester.metadata.thematic import (
    announced_subject,
    heading_subject,
    join_wrapped_title,
    thematic_subject,
    title_page_subject,
)
from harvester.metadata.titles import (
    REMARK,
    STORY_WORDS,
    TOLD,
    cover_subject,
    initials,
    listing_title,
    names_a_subject,
    panel_title,
    review_subject,
    specific,
    titled_subject,
)

TITLE_CHILD_LINE = re.compile(
    r"^\W*(?:(?:Re|Subject|In\s+respect\s+of|Concerning)\s*:?\s+)?['‘“](?P<name>"
    + NAME
    + r")['’”](?:,?\s+aged\s+\d{1,2})?\s*$|"
    r"^\W*(?:Re|Subject|In\s+respect\s+of|Concerning)\s*:\s*"
    # ("Re: Baby Elis", "Subject: Child O", "Re: RJ")
    r"(?P<child>(?:(?:Child|Baby|Young\s+Person)\s+)?(?:[A-Z]{1,3}\d{0,2}(?![a-z])|"
    + NAME
    + r")|"
    # "Re: Chloe (SLSCB ref 07/02)", "JADE R. (date of death ...)"
    + NAME
    # (a reference or the review's code in brackets after it: "Re: Child Y (PLSCB 1/2014)")
    + r")\s*(?:\([^)]*\bref(?:erence)?\b[^)]*\)|\([A-Z]{2,}[^)]*\d[^)]*\))?\s*$|"
    r"^\s*(?P<initial>" + NAME + r"\s+[A-Z])\.?\s*$",
    re.M,
)


def briefing_heading(
    title: str | None, context: str | None, link_text: str | None, exclude: frozenset[str]
) -> str | None:
    """A heading that is a topic's title over a line that says the document is a briefing."""
    if not title or not context:
        return None
    beside = context[len(link_text) :] if link_text and context.startswith(link_text) else context
    if stated_doc_type(beside) != "learning-brief" or stated_doc_type(title) is not None:
        return None
    title = clean_name(re.sub(r"\s*\([^)]*\)\s*$", "", title))
    words = re.findall(r"[A-Za-z]+", title)
    if (
        2 <= len(words) <= 8
        and not STORY_WORDS.search(title)
        and not TOLD.search(title)
        and names_a_subject(title, exclude)
    ):
        return title
    return None


def _title_page_child(cover: str, exclude: frozenset[str]) -> str | None:
    """The child a title page's own lines name: a pseudonym on a line of its own or after
    "Re:" ("'Rio'", "Re: 'Cai', aged 4"), "Subject: Child O", "Re: RJ", "Re: Chloe (SLSCB
    ref 07/02)", a first name and an initial ("JADE R.")."""
    for match in TITLE_CHILD_LINE.finditer("\n".join(cover.splitlines()[:12])):
        child = match["child"]
        if child and (
            child.isupper()
            or child.startswith(("Child", "Baby", "Young"))
            or is_name(child, exclude)
        ):
            return child
        if match["initial"] and is_name(match["initial"].split()[0], exclude):
            return match["initial"]
        if match["name"] and is_name(match["name"], exclude):
            return match["name"]
    return None


def _name_beside(code: str, text: str, exclude: frozenset[str]) -> str | None:
    """A first name right after a review's code ("ADS14 Polly*"), or one in quotes after its
    letter in the same line ("Final Child E Report January 2022 – “Eddie”")."""
    at = text.find(code)
    if at < 0:
        return None
    after = text[at + len(code) :]
    said = re.match(
        r"\s+['‘“\"]?(?P<name>[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)['’”\"]?\*?\s*(?:$|\n|[–—(|])", after
    )
    said = said or re.search(
        r"[–—:-]\s*['‘“\"](?P<name>[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)['’”\"]", after
    )
    if said and is_name(said["name"], exclude) and said["name"].lower() not in MONTHS:
        return said["name"]
    return None


def _written_as_elsewhere(code: str, texts: list[str]) -> str:
    """A code as another of the entry's texts writes it: "DARSB 3/2018" for "DARSB 3 2018",
    and "GSCB 02/2014" for a file name's "CPR GSCB 02 2014" under a heading that spells out
    the kind ("Child Practice Review GSCB 02/2014")."""
    bare = re.sub(r"^(?:E?CPR|SCR|L?CSPR)\s+(?=[A-Z]{2,})", "", code)
    for form in dict.fromkeys((code, bare)):
        pattern = re.compile(r"[\s/-]+".join(re.escape(p) for p in re.split(r"[\s/-]+", form)))
        for text in texts:
            found = pattern.search(text)
            if found and "/" in found.group(0) and "/" not in code:
                return found.group(0)
    return code


def find_case(*texts: str | None, exclude: frozenset[str] = frozenset()) -> str | None:
    """The case name as the board writes it ("T Family", "Child J", "Harry"), from the
    first text that has one; pseudonyms only when no text names a case the usual way."""
    present = [t for t in texts if t]
    for text in present:
        found = structured_case(text)
        if found:
            return found
    for text in present:
        name = pseudonym(text, exclude)
        if name:
            return name
    return None


def case_from_url(url: str | None) -> str | None:
    if not url:
        return None
    words = file_words(url)
    match = re.search(
        r"\b(child(?:ren)?|baby|family)\s+([a-z]{1,2}\d{0,2}(?:\s+and\s+[a-z]{1,2}\d{0,2})*)(?=\s|$)",
        words,
        re.I,
    )
    if match:
        # "children l and m" -> "Children L and M"
        ids = [i.upper() for i in re.split(r"\s+and\s+", match.group(2), flags=re.I)]
        if ids[0] not in SHORT_WORDS:
            return f"{match.group(1).capitalize()} {' and '.join(ids)}"
    return None


# A news outlet's name after a headline: "... murdered – The Daily Courier".
OUTLET_SUFFIX = re.compile(
    r"\s+[-–—|]\s+(?:The\s+)?(?:[A-Z][\w'’]+\s+){0,3}(?:News|Post|Courier|Echo|Times|Mail|"
    r"Gazette|Telegraph|Guardian|Mirror|Express|Herald|Chronicle|Mercury|Advertiser|Press|"
    r"Journal|Standard|Star|Argus|Sentinel|Observer|Independent|Radio|FM|BBC|ITV)\s*$"
)

# A board's name after a heading: "Freya Lindqvist Learning Review – Ottermere
# Safeguarding Children Partnership".
BOARD_SUFFIX = re.compile(r"\s+[-–—|]\s+(?:[Tt]he\s+)?(?:" + BOARD_NAME + r")\s*$")


def case_words(text: str | None) -> str | None:
    """A listing's text without what names no case: a board's name before or after it, a
    news outlet's after it, a nickname inside a child's name."""
    if not text:
        return text
    text = BOARD_SUFFIX.sub("", OUTLET_SUFFIX.sub("", BOARD_PREFIX.sub("", text)))
    # a list's tag before a heading: "[LCSPR] Olivia – report", "[National] ..."
    text = re.sub(r"^\s*\[[A-Za-z][\w ]{0,18}\]\s*", "", text)
    # (not "The ‘Robin’ Family": a first name before it)
    return NICKNAME.sub(lambda m: m["first"] if is_name(m["first"]) else m.group(0), text)


def named_for(found: str, texts: list[str]) -> str | None:
    """The child's name an entry gives beside the letter or code its review uses: "Kallum
    Breck, named as Child P in the serious case review", "Reggie Fanshawe, referred to in
    the report as Child N"."""
    for text in texts:
        # (a first name and surname: a single word before it is more often a place's)
        said = re.search(
            r"(?P<name>" + NAME + r"[ \t]+" + NAME + r"),[ \t]+(?:who\s+is\s+)?"
            r"(?:(?:named|referred\s+to|known)(?:\s+in\s+the\s+(?:[\w-]+\s+){0,3}?"
            r"(?:report|review))?\s+as|called)\s+['‘“]?" + re.escape(found) + r"\b",
            text,
        )
        # "The report - which refers to Reggie as Child K - said ..."
        said = said or re.search(
            r"\brefers\s+to\s+(?P<name>"
            + NAME
            + r"(?:[ \t]+"
            + NAME
            + r")?)\s+as\s+['‘“]?"
            + re.escape(found)
            + r"\b",
            text,
        )
        # "Child J was Jamie-Lee Wardrop", "refers to her as Baby M, but she was named at
        # her parents' request as Megan Pugh-Harries"
        full = r"(?P<name>" + NAME + r"[ \t]+" + NAME + r")"
        said = said or re.search(re.escape(found) + r"\s+(?:was|is)\s+" + full + r"\b", text)
        said = said or re.search(
            re.escape(found) + r"\b[^.]{0,80}?\b(?:he|she|they)\s+(?:was|were|has\s+been|"
            r"have\s+been|can\s+(?:now\s+)?be)\s+named\b[^.]{0,40}?\bas\s+" + full + r"\b",
            text,
        )
        # "The Rookmere board's review calls Ava 'Child A'"
        said = said or re.search(
            r"\b(?:calls|called|refers\s+to)\s+(?P<name>" + NAME + r")\s+(?:throughout\s+)?"
            r"(?:as\s+)?['‘“]?" + re.escape(found) + r"\b",
            text,
        )
        if said and is_name(said["name"]):
            return clean_name(said["name"])
        # "... refers to him throughout as 'Child R'": the child the item names otherwise
        if re.search(
            r"\b(?:calls|called|refers\s+to|referred\s+to)\s+(?:him|her|them)\s+"
            r"(?:throughout\s+)?(?:as\s+)?['‘“]?" + re.escape(found) + r"\b",
            text,
        ):
            for other in texts:
                child = headline_child(other, frozenset(), False) if other else None
                if child and len(child.split()) > 1 and not structured_case(child):
                    return child
    return None


def title_only(cover: str) -> str:
    """A title page's first lines that are not sentences (not ending in a full stop, not
    long)."""
    lines = cover.splitlines()[:15]
    return "\n".join(
        line
        for line in lines
        if len(line.split()) < 14 and not (line.rstrip().endswith(".") and len(line.split()) > 5)
    )


def _in_brackets(code: str, text: str) -> bool:
    """Whether `code` stands in brackets in `text`: "(LCSPR 2020/03)"."""
    return re.search(r"\(\s*" + re.escape(code) + r"\s*\)", text) is not None


def read_case(
    link_text: str | None,
    context: str | None,
    heading: str | None,
    file_title: str | None,
    cover: str,
    named: str | None,
    exclude: frozenset[str] = frozenset(),
) -> str | None:
    """The listing's case name the usual way ("Child J"), or its code ("W4"); a thematic
    review's subject as the card's heading or the listing gives it (the title page's fuller
    form when it has one); a pseudonym the listing gives plainly, then one it gives after
    the type and the document shows as a person; a thematic title page's subject; the
    cover's case, name or pseudonym, the heading alone ("Oscar" over a card) when the page
    or the document bears it out, then the URL; a subject when nothing names a child: a
    thematic review's, a title's, a national panel review's, the subject beside the kind
    of review ("Historic Abuse - An Independent Review of Cases"), and last a list link's
    title alone."""
    cover = join_wrapped_names(cover)
    link_text, context, heading = (case_words(t) for t in (link_text, context, heading))
    listing = [uncap(t) for t in (link_text, context, heading, file_title) if t]
    # (the line beside a link, read again without the link's words before it: "Sudden
    # unexpected death in infancy: a thematic review of six cases, published June 2020")
    if link_text and context and context.startswith(link_text) and len(context) > len(link_text):
        listing.append(uncap(context[len(link_text) :].strip(" /|·-–—")))
    # A review said to relate to a school or a home: named by it, whatever the heading quotes.
    for text in listing:
        found = REVIEW_OF_INSTITUTION.search(text)
        if found:
            return clean_name(found.group("name"))
    # A phrase in quotes beside the kind of review titles it before any code does.
    bracketed = None
    for read in (structured_case, quoted_title, coded_case):
        for text in listing:
            found = read(text)
            if found and read is coded_case and _in_brackets(found, text):
                # "Tomos – Extended Child Practice Review Report (NBSB 02/2022)": the code
                # is the reference of a review the entry may name otherwise.
                bracketed = bracketed or found
                continue
            if found:
                # "LCSPR C17" beside a title page's "Child C17", "Children J" (of a link's
                # "Children J K L") beside the cover's "Children J, K and L": the fuller name.
                fuller = structured_case(cover) if read in (coded_case, structured_case) else None
                longer = fuller and (
                    (read is coded_case and fuller.endswith(" " + found))
                    or fuller.startswith((found + ",", found + " and "))
                    # "J1" of a link's "SCR J1 J2" beside the cover's "Children J1 and J2"
                    or (
                        read is coded_case
                        and found in re.split(r"\s*(?:,|\band\b|&)\s*|\s+", fuller)
                    )
                )
                if longer:
                    return fuller
                # "Baby Connor" over "... baby Connor Stobart": the child's full name
                baby = re.fullmatch(r"Baby (?P<first>[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)", found)
                if baby and is_name(baby["first"], exclude):
                    full = fuller_name(baby["first"], tuple(listing), exclude)
                    if full != baby["first"] and full.startswith(baby["first"] + " "):
                        return full
                # a review's reference in the listing, the child on the title page's lines:
                # "LCSPR 2023/02" over "'Rio'", "WSCB SCR 2011/02" over "Subject: Child O"
                # (or a child the title's own lines name: "Serious Case Review 2016/03 / Child U")
                child = (
                    _title_page_child(cover, exclude)
                    or structured_case("\n".join(title_only(cover).splitlines()[:6]))
                    if read is coded_case
                    else None
                )
                if child and found not in child:
                    return child
                # the child's name the entry gives for the review's letter or code
                everything = [*listing, cover]
                named = named_for(found, everything) if read is not quoted_title else None
                if named:
                    return fuller_name(named, tuple(listing), exclude)
                # the name the review gives the child beside its code or letter: "Serious
                # Case Review ADS14 Polly", "Child E Report – “Eddie”"
                named = _name_beside(found, text, exclude) if read is not quoted_title else None
                if named:
                    return named
                # a code as a file's name writes it ("DARSB 3 2018"), as the page does
                return _written_as_elsewhere(found, everything) if read is coded_case else found
    # (its first lines, a title wrapped over them read as one)
    joined_cover = join_wrapped_title(cover)
    title_block = "\n".join([line for line in joined_cover.splitlines() if line][:6])
    # A card headed by its thematic review's subject, whatever its description says.
    found = heading_subject(heading, link_text or "", context or "") if heading else None
    if found:
        # (a brief's heading: its topic, "Practitioner briefing on sibling sexual abuse")
        return brief_topic(found, exclude) or found
    for text in listing:
        if "thematic" in text.lower():
            found = thematic_subject(text)
            if found:
                # The title page's fuller title: "Domestic Abuse and Children under Five".
                # ... or the listing's other line that spells out its initials ("SUDI").
                fullers = [title_page_subject(title_block, exclude) or ""]
                fullers += [thematic_subject(other) or "" for other in listing if other != text]
                for fuller in fullers:
                    # (a subject reworded keeps its initials: "sudden unexpected infant deaths")
                    # and a file's name keeps its words ("Neglect Teenagers")
                    spelt = (
                        fuller.lower().startswith(found.lower())
                        or (sorted(initials(fuller)) == sorted(found) if fuller else False)
                        # ("HSB" of a file's name, the heading's "Harmful Sexual Behaviour in
                        # Primary-age Children")
                        or (
                            bool(fuller)
                            and re.fullmatch(r"[A-Z]{2,6}", found) is not None
                            and initials(fuller).startswith(found)
                        )
                        or (
                            len(found.split()) > 1
                            and set(found.lower().split()) < set(fuller.lower().split())
                            and names_a_subject(fuller)
                        )
                    )
                    if fuller and spelt:
                        return fuller
                return found
    # A link that says only what it is ("Download", "Transcript (PDF)", "Progress report
    # (March 2011)") is titled by the heading over it, read here as the link would be; a
    # heading of a word or two is read as a heading (it may be a place: "Fenmarsh").
    titled_by_heading = bool(
        heading
        and len(heading.split()) >= 3
        and link_text
        and not specific(REMARK.sub("", link_text))
    )
    for text in (heading if titled_by_heading else link_text, context, file_title):
        found = pseudonym(uncap(text), exclude) if text else None
        if found:
            return fuller_name(found, (link_text, context, heading, cover), exclude)
    # A news item's headline, then the sentence under it: the child among those it names.
    for text, headline in ((link_text, True), (context, False), (heading, True)):
        # (the sentence under a headline: the context after the link's own words)
        lede = None
        if headline and text:
            lede = context[len(text) :] if context and context.startswith(text) else context
        found = headline_child(text, exclude, headline, lede)
        if found:
            return fuller_name(found, (link_text, context, heading), exclude)
    # A heading names places and topics too, but not right after the kind of review or in
    # quotes.
    found = pseudonym(uncap(heading or ""), exclude, (NAME_AFTER_REVIEW, QUOTED_NAME))
    if found:
        return fuller_name(found, (heading, link_text, context, cover), exclude)
    # A heading that is only a name and the kind of review: "Ethan – Serious Case Review".
    found = heading_review_name(heading, exclude)
    if found:
        return found
    if bracketed:
        return _written_as_elsewhere(bracketed, listing)
    for text in (link_text, context):
        for segment in TITLE_SEPARATOR.split(text or "")[1:]:
            match = NAME_SEGMENT.fullmatch(segment.strip())
            name = match.group("name") if match else ""
            if name and is_name(name, exclude) and corroborated(name, cover):
                return fuller_name(clean_name(name), (link_text, context, heading, cover), exclude)
    # A title page's title in quotes on its own line: "“Why did nobody see me?”" (before a
    # thematic review's subject below it).
    found = cover_quoted_title(cover) if not structured_case(title_only(cover)) else None
    if found:
        return found
    # A thematic review's title page names its subject before its text names the children.
    if "thematic" in title_block.lower():
        # (a title that names its group first: "Families A, B and C / A Thematic Review of
        # Neglect in Three Families")
        first = next((line for line in title_block.splitlines() if line.strip()), "")
        found = structured_case(first) or title_page_subject(title_block, exclude)
        if found:
            return found
    # The title's lines first: a sentence further down names siblings, other reviews and
    # the codes the child was known by ("Her children, Child Z1 and Child Z2, were ...").
    titles = title_only(cover)
    found = (
        structured_case(titles)
        or _title_page_child(uncap(titles), exclude)
        or coded_case(titles)
        or title_page_name(cover, exclude)
        or cover_pseudonym(titles, exclude)
    )
    if found:
        return found
    # A briefing, leaflet or poster titled by its topic, and a school or a home its title
    # names, before a name further down its first page.
    for text in (heading, link_text, *cover.splitlines()[:3]):
        found = brief_topic(uncap(text), exclude) if text else None
        if found:
            return found
    for text in (heading, link_text, titles):
        found = issue_topic(text, exclude) if text else None
        if found:
            return found
    found = (
        listed_brief_topic(heading, link_text)
        or cover_brief_topic(uncap(joined_cover), exclude)
        or institution_subject("\n".join(titles.splitlines()[:4]))
    )
    if found:
        return found
    found = (
        structured_case(cover)
        or coded_case(cover)
        or heading_pseudonym(heading, cover, exclude, link_text, context)
        or cover_pseudonym(cover, exclude)
        or case_from_url(named)
    )
    if found:
        return found
    found = institution_subject(link_text, heading, file_title, "\n".join(titles.splitlines()[:4]))
    if found:
        return found
    for text in (*listing, cover):
        found = thematic_subject(text)
        if found:
            return found
    for text in (*listing, *cover.splitlines()[:3]):
        found = titled_subject(text.strip())
        if found:
            return found
    found = panel_title(cover)
    if found:
        return found
    # A news item's headline announcing a review by its subject.
    found = announced_subject(heading or "") or announced_subject(link_text or "")
    if found:
        return found
    # A heading that is only its group's or its issue's subject and the kind of document.
    for text in (heading, link_text):
        found = subject_heading(text, exclude)
        if found:
            return found
    # Last, a review named by its subject beside the kind of review.
    # (Not the heading alone: a heading's name before the kind of review may be a place's.)
    # The heading last: a place before the kind of review reads the same ("Fenmarsh – Serious
    # Case Review"), and only the places the reader knows are excluded.
    for text in (link_text, context, file_title, *cover.splitlines()[:6], heading):
        found = review_subject(uncap(text), exclude) if text else None
        if found:
            return found
    found = cover_subject(cover, exclude)
    if found:
        return found
    found = listing_title(link_text, heading or "", exclude, context or "") if link_text else None
    if found:
        return found
    # A learning product's card: its heading the topic, the line under it saying what it is
    # ("Neglect of older children" over "A seven minute briefing for practitioners ...").
    found = briefing_heading(link_text or heading, context, link_text, exclude)
    if found:
        return found
    # Last, a study's own title before the subject its subtitle names ("It was hard to
    # escape: safeguarding children at risk from criminal exploitation").
    return next(filter(None, (study_title(text, exclude) for text in listing)), None)
