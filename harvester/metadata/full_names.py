"""A child's name in its fullest form: a first name one line of an item gives, with the
surname, the double first name or the other children another line gives ("Review into
Oliver's death published" over "... the death of 11-month-old Oliver Shaw"), and the real
name beside the one a review uses ("calls him 'Oscar'. He was Mason Tribe")."""

from __future__ import annotations

import re

from harvester.metadata.boards import BOARD_NAME
from harvester.metadata.headlines import (
    PLACE_AFTER,
    PLACE_WORDS,
    REVIEW_WORD,
    named_children,
)
from harvester.metadata.names import (
    DOCUMENT_WORDS,
    NAME,
    NAMES_LINE,
    is_name,
    pseudonym,
)
from harvester.metadata.text import clean_name

# A board's place and initials after an item's words ("... the Death Of Lola Halbury and
# Wrenfield SCP · 11th January 2024"): no surname of the child.
BOARD_AFTER = re.compile(r"\s+(?:" + BOARD_NAME + r")\b.*$", re.S)


# A nickname between a child's first name and surname: "Benjamin ‘Benji’ Coles",
# "Elizabeth (Lizzie) Carrow", "Samuel (‘Sam’) Ogunleye".
NICKNAME = re.compile(
    r"(?P<first>\b[A-Z][a-z]{2,})\s+(?:[‘'“\"](?P<nick>[A-Z][a-z]+)[’'”\"]|"
    r"\(['‘]?(?P<bracketed>[A-Z][a-z]+)['’]?\))(?=\s+(?P<surname>" + NAME + r"))"
    r"(?!\s+(?:Family|Children|Siblings)\b)"
)
# "Madison Grey, 14, known to her family as Maddie"
KNOWN_AS = re.compile(
    r"(?P<full>" + NAME + r"\s+" + NAME + r")\b[^.;]{0,40}?\bknown\s+(?:to\s+\w+\s+\w+\s+)?"
    r"as\s+[‘'“\"]?(?P<nick>" + NAME + r")\b"
)


def _nicknamed(nick: str, text: str) -> str | None:
    """The name `nick` stands for in `text`, if it gives one."""
    for match in NICKNAME.finditer(text):
        if nick in (match["nick"], match["bracketed"]):
            return f"{match['first']} {match['surname']}"
    for match in KNOWN_AS.finditer(text):
        if match["nick"] == nick:
            return match["full"]
    return None


def _real_name_for(name: str, text: str, exclude: frozenset[str]) -> str | None:
    """A full name an item gives as the child's real one, for the one-word name the review
    or the family uses."""
    if not re.search(r"['‘“]" + re.escape(name) + r"['’”]", text):
        return None  # only where the name stands in quotes, as a pseudonym or a nickname
    full = NAME + r"[ \t]+" + NAME
    said = (
        re.search(r"\b(?:[Hh]e|[Ss]he)\s+was\s+(?P<name>" + full + r")\b", text)
        or re.search(
            r"(?P<name>" + full + r")\s*[-–—,(]\s*['‘“]" + re.escape(name) + r"['’”]", text
        )
        # "Lily can be named as Sophia Grindley"
        or re.search(
            re.escape(name)
            + r"['’]?\s+(?:can|may)\s+(?:now\s+)?be\s+named\s+as\s+(?P<name>"
            + full
            + r")\b",
            text,
        )
    )
    if said and is_name(said["name"], exclude) and said["name"].split()[0] != name:
        return clean_name(said["name"])
    return None


def _members_with_surnames(
    members: list[str], texts: tuple[str | None, ...], exclude: frozenset[str]
) -> str | None:
    """Children's first names each with the surname the item gives them: one surname after
    them all when they share it ("Lily and Grace Haworth"), else each its own."""
    surnames: list[str] = []
    for member in members:
        pattern = re.escape(member) + r"[ \t]+(" + NAME + r")\b(?![ \t]+[A-Z][a-z])"
        found = next(
            (
                m[1]
                for text in texts
                for m in re.finditer(pattern, text or "")
                if is_name(m[1], exclude)
                and m[1] not in members
                and m[1] not in DOCUMENT_WORDS
                and not REVIEW_WORD.fullmatch(m[1])
                and m[1].lower() not in PLACE_WORDS
            ),
            None,
        )
        if found is None:
            return None
        surnames.append(found)
    if len(set(surnames)) == 1:
        return f"{', '.join(members[:-1])} and {members[-1]} {surnames[0]}"
    full = [f"{m} {s}" for m, s in zip(members, surnames, strict=True)]
    return f"{', '.join(full[:-1])} and {full[-1]}"


def _listed_with(name: str, texts: tuple[str | None, ...], exclude: frozenset[str]) -> str | None:
    """The children a line lists with the child, or two named in full: "Ella" beside "Ella,
    Rhys and Cai Morgan", "Jayden Price" beside "Jayden Price and Kacie-Louise Deakin"."""
    words = len(name.split())
    listed = r"(?:,[ \t]*" + NAME + r")*[ \t]+(?:and|&)[ \t]+" + NAME + r"(?:[ \t]+" + NAME + r")?"
    pattern = r"(?<![\w'’-])" + re.escape(name) + listed + r"\b(?![ \t]+[A-Z][a-z])"
    for text in texts:
        for match in re.finditer(pattern, text or ""):
            found = match.group(0)
            parts = re.split(r"\s*(?:,|\band\b|&)\s*", found)
            # (two named in full without commas; a list ending in the surname they share,
            # not a line of people: "Niamh McCallion, Bernard and Eileen Devlin")
            if (
                (len(parts) == 2 if words == 2 else len(parts[-1].split()) == 2)
                and is_name(found, exclude)
                and not any(p.split()[-1] in DOCUMENT_WORDS for p in parts)
            ):
                return clean_name(found)
    return None


def fuller_name(name: str, texts: tuple[str | None, ...], exclude: frozenset[str]) -> str:
    """A first name as one line gives it, with the surname another line of the same item
    gives the child ("Review into Oliver's death published" over "... the death of
    11-month-old Oliver Shaw", "Statement from Alfie-Jay's grandparents" under "Alfie-Jay
    Brennock: Serious Case Review")."""
    words = len(name.split())
    # Children named by their first names, each with a surname elsewhere: "Lily & Grace" over
    # "Lily Haworth (aged 8) and her sister Grace Haworth".
    members = re.split(r"\s*(?:,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)", name)
    if len(members) > 1 and all(re.fullmatch(NAME, m) for m in members):
        full = _members_with_surnames(members, texts, exclude)
        if full:
            return full
    listed = _listed_with(name, texts, exclude) if words <= 2 else None
    if listed:
        return listed
    # The child's own name beside the one the review gives: "calls him 'Oscar'. He was Mason
    # Tribe", "Thomas Gillard - 'Tommy' to his family".
    for text in texts:
        real = _real_name_for(name, text or "", exclude) if words == 1 else None
        if real:
            return real
    # A line that starts with the link's words is read with a break after them, so that a
    # name cannot run on into the next words ("... the Death of Gethin Morse | Senedd, ..."),
    # and its lede after them is read again on its own.
    first = texts[0] if texts else None
    ledes = {
        i: t[len(first) :].strip(" /")
        for i, t in enumerate(texts)
        if i and first and t and t != first and t.startswith(first)
    }
    texts = tuple(f"{first} | {ledes[i]}" if i in ledes else t for i, t in enumerate(texts))
    for text in (*texts, *ledes.values()):
        text = BOARD_AFTER.sub("", text) if text else text
        children = [child for child, _sure in named_children(text, exclude)]
        # (a line that is only a name: "Lacey-Jo Pennock" over "Lacey overview report")
        alone = re.fullmatch(NAME + r"(?:[ \t]+" + NAME + r")?", (text or "").strip())
        whole = [alone.group(0)] if alone and "-" in alone.group(0) else []
        for found in (*children, pseudonym(text or "", exclude), *whole):
            # the review's children, of whom this is one: "Jayden and Kai Morris" over "Kai"
            members = re.split(r"\s*(?:,|\band\b|&)\s*", found or "")
            one_of = any(m == name or m.startswith(name + " ") for m in members)
            if words == 1 and len(members) > 1 and one_of and is_name(found or "", exclude):
                return clean_name(found or "")
            # one word more: the surname ("Lily, Jack and Ellis" -> "... Ellis Varney")
            extra = found.split()[-1] if found else ""
            if (
                found
                and found.startswith(name + " ")
                and len(found.split()) == words + 1
                and extra not in name.split()
            ):
                return found
            # the whole of a double first name, and its surname ("Lacey" under "Lacey-Jo
            # Pennock", "Layla" beside "Layla-Rae")
            double = re.match(
                re.escape(name) + r"-([A-Z][a-z]+)(?:\s+" + NAME + r")?$", found or ""
            )
            if (
                double
                and words == 1
                and is_name(double[1], exclude)
                and double[1] not in DOCUMENT_WORDS
            ):
                return double.group(0)
        if text and words == 1:
            # the whole of a double first name a line gives ("Tia" beside "Tia-Marie
            # Golightly died in 2016")
            double = re.search(
                r"(?<![\w'’-])" + re.escape(name) + r"-([A-Z][a-z]+)(?:[ \t]+(" + NAME + r"))?\b",
                text,
            )
            if (
                double
                and is_name(double[1], exclude)
                and double[1] not in DOCUMENT_WORDS
                and (double[2] is None or is_name(double[2], exclude))
            ):
                return double.group(0)
            # the name a nickname stands for: "Sam" beside "Samuel ‘Sam’ Ogunleye", "Maddie"
            # beside "Madison Grey, 14, known to her family as Maddie"
            full = _nicknamed(name, text)
            if full and is_name(full, exclude):
                return clean_name(full)
        if words > 1:
            continue
        # ... or the heading naming the review's children: "Tegan and Rosie" over "Rosie".
        names = NAMES_LINE.fullmatch((text or "").strip())
        listed = re.split(r"\s*(?:,|\band\b|&)\s*", names.group("name")) if names else []
        if names and name in listed and is_name(names.group("name"), exclude):
            return clean_name(names.group("name"))
    if words == 1:
        # A first name is the child's, wherever the item writes it with a surname: "the
        # Amelia-Rae review" over "... said: 'Amelia-Rae Fisk was failed'".
        for text in texts:
            # (not a line of names: "... in respect of Jeanette Barry Raynes Director")
            # (a surname after a particle: "Iestyn ap Gwilym")
            pattern = (
                re.escape(name)
                + r"[ \t]+((?:(?:ap|ab|van|von|de|da|di|du|le)[ \t]+)?"
                + NAME
                + r")\b(?![ \t]+[A-Z][a-z])"
            )
            for match in re.finditer(pattern, text or ""):
                surname = match[1]
                if (
                    is_name(surname.split()[-1], exclude)
                    and surname not in DOCUMENT_WORDS
                    and not REVIEW_WORD.fullmatch(surname)
                    # a place's name: "Oliver Road surgery"
                    and surname.lower() not in PLACE_WORDS
                    and not PLACE_AFTER.match(text[match.end() :])
                ):
                    full = f"{name} {surname}"
                    return _listed_with(full, texts, exclude) or full
        # ... or the surname alone, as a news item's lede calls the child the second time,
        # in the headline's own words: "'Authorities failed to protect Hakeem'" over "...
        # could have done better to protect Hussain".
        headline = texts[0] or ""
        for frame in re.finditer(
            r"\b(?i:protect|save|failed|death\s+of|killing\s+of)\s+" + re.escape(name) + r"\b",
            headline,
        ):
            words_before = frame.group(0)[: -len(name)]
            pattern = re.escape(words_before) + r"(" + NAME + r")\b(?![ \t]+[A-Z])"
            for text in texts[1:]:
                for said in re.finditer(pattern, text or ""):
                    surname = said[1]
                    if (
                        surname != name
                        and is_name(surname, exclude)
                        and surname.lower() not in PLACE_WORDS
                    ):
                        return f"{name} {surname}"
    return name
