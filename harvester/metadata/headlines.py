"""The child a news item names: which of the people in a headline (or the sentence under
it) is the one whose review it reports.

A headline names its child anywhere ("Missed chances to save Aaliyah Bennett-Clarke,
report concludes", "Logan Pritchard: schoolboy's teachers 'raised alarm'") and names
others beside: a mother, a stepfather, an MP, a judge, a reporter, a surgery, a council.
Each run of names is read with the words either side of it: a word for a child before it
("toddler", "son") or what happened to it after it ("death", ", 4,", "'s grandmother") say
it is the child; a role before it ("mother", "MP", "By") or a verb of a court or of
speaking after it ("jailed", "says") say it is an adult; a word of a place or a body after
it ("Council", "Academy") or "in" before it say it is neither. A run the words do not
place is taken when it is a first name and a surname, never when it is one word alone."""

from __future__ import annotations

import re

from harvester.metadata.names import (
    NAME,
    PEOPLE_OF_PLACE,
    ROLE_AFTER,
    WORD_NAMES,
    is_name,
)
from harvester.metadata.text import clean_name, uncap
from harvester.metadata.titles import STORY_WORDS

# A review's kind written as a word after a name: "Harriet Scr" (a file's "harriet-scr").
REVIEW_WORD = re.compile(r"(?i:scr|l?cspr|e?cpr|spr|dhr|review|report|summary)")

# "Maya and Reuben Castellano", "Riley O'Donnell", "Kai-Leigh Dawson"
_RUN = re.compile(
    r"(?<![\w'’-])(?P<name>" + NAME + r"(?:[ \t]+" + NAME + r"){0,4}"
    r"(?:[ \t]+(?:and|&)[ \t]+" + NAME + r"(?:[ \t]+" + NAME + r")?)?)(?![\w-])"
)
# The child's family before the child's name: "Dad of Ollie Barraclough".
_PARENT_OF = (
    r"(?:dad|father|mum|mother|parents|family|grandmother|grandfather|grandparents|gran|nan|"
    r"relatives)\s+of"
)
# A word for the child just before the name: "toddler Evie Sutcliffe", "son Gethin".
CHILD_BEFORE = re.compile(
    r"(?i:\b(?:toddler|tot|baby|babies|infant|newborn|boy|girl|schoolboy|schoolgirl|"
    r"teenager|teen|youngster|pupil|student|son|daughter|stepson|stepdaughter|grandson|"
    r"granddaughter|twins?|siblings|brothers|sisters|little|tiny|tragic|murdered|"
    r"(?:\d{1,2}|[a-z]+)[- ](?:year|month|week|day)s?[- ]old|"
    r"deaths?\s+of|murder\s+of|killing\s+of|life\s+of|care\s+of|case\s+of|inquest\s+into|"
    r"(?:murderer|killer)s?\s+of|"
    r"(?:review|report|reviews|reports)\s+(?:into|of|on|about)(?:\s+the\s+(?:deaths?|case)\s+of)?|"
    r"concerning|regarding|relating\s+to|in\s+respect\s+of|"
    r"known\s+as|referred\s+to\s+as|called|named|named\s+in\s+court\s+as|named\s+locally\s+as|"
    r"names\s+(?:him|her)\s+as|justice\s+for|protect|save|failed|failing|"
    # "the review ... calls the baby Theo", "refers to her as Mia"
    r"calls\s+(?:him|her|the\s+(?:baby|child|boy|girl|toddler|teenager|infant))|"
    r"refers\s+to\s+(?:him|her|the\s+(?:baby|child|boy|girl|toddler|teenager|infant))\s+as|"
    r"let\s+down|response\s+to|attack\s+on|assault\s+on|abuse\s+of|neglect\s+of|"
    r"(?:nobody|no\s+one|never)\s+listened\s+to|"
    # what was done to the child: "... killed Chloe in a bath", "shook Alfie"
    r"(?:killed|murdered|shook|starved|battered|abused|neglected|injured|drowned|suffocated)|"
    # "Dad of Ollie Barraclough says ...", "Family of Mia Holt ..."
    + _PARENT_OF
    + r"|"
    r"injuries\s+to|"
    r"(?:child|young\s+person)\s+(?:known|referred\s+to)\s+as)[\s,]+(?:the\s+)?['‘“\"]?)$"
)
_AGE = r"(?:1[0-7]|[0-9])"  # a child's age; an adult's is 18 or more
_AGE_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen)"
)
# A child's age in commas after a name, in any line: "Skye Halloran, two, of ...", "Kobe
# Marsden-Ray, 10 weeks, died ..."
# ... or in apposition: "Ezra Whitlock-Haines, a nine-year-old boy from ..."
AGE_AFTER = re.compile(
    r"^\s*,\s*(?:" + _AGE + r"|" + _AGE_WORDS + r"|\d{1,2}\s+(?:weeks?|months?|days?))\s*,|"
    r"^\s*,\s*an?\s+(?:" + _AGE + r"|" + _AGE_WORDS + r"|\d{1,2}[- ](?:weeks?|months?|days?))"
    r"[- ](?:(?:years?|months?|weeks?|days?)[- ])?old\b",
    re.I,
)
# What follows the child's name: what happened, an age, what is said of the child.
CHILD_AFTER = re.compile(
    r"^(?:['’]s\s+(?:(?:\w+\s+)?(?:death|murder|killing|life|injuries|case|review|story|"
    r"grandmother|grandfather|gran|nan|grandparents|mother|mum|father|dad|parents|family|"
    r"stepfather|stepdad|stepmother|killer|siblings?|brother|sister|school|teachers?|"
    # (not "Kane Dobbs's killing of his partner's son": the killer's)
    r"carers?))\b(?!\s+of\b)"
    r"|\s+(?:death|murder|killing|inquest|case|review|scr|cspr|lcspr|cpr)\b"
    r"|\s*,\s*" + _AGE + r"\s*,|\s*,?\s*aged\s+" + _AGE + r"\b|\s*\(" + _AGE + r"\)"
    r"|\s+(?:died|was\s+(?:\d{1,2}|[a-z]+)\s+(?:years?|months?|weeks?|days?)\s+old)\b"
    r"|\s+was\s+(?:" + _AGE + r"|" + _AGE_WORDS + r")\s+when\b"
    r"|\s*,\s*who\s+(?:died|was)\b)",
    re.I,
)
PARENT_OF = re.compile(r"(?i:\b" + _PARENT_OF + r"\s+)$")
# What happened to the child, after their name: sure in a title as in a story.
DIED_AFTER = re.compile(r"^['’]s\s+(?:death|murder|killing|injuries)\b(?!\s+of\b)", re.I)
# In a headline, a short claim in quotes about the child: "Tyrese 'seen as a threat, not a
# victim'", "Grace 'could have been saved', Welsh review says".
QUOTED_CLAIM = re.compile(r"^\s+['‘“][^'’”]{3,60}['’”]")
# A role just before a name: the person is an adult ("mother Grace Adeyemi", "MP Helen
# Garside", "By Tom Wakefield").
ADULT_BEFORE = re.compile(
    r"(?i:\b(?:mother|mum|father|dad|stepfather|stepdad|stepmother|partner|boyfriend|"
    r"girlfriend|husband|wife|grandmother|grandfather|gran|nan|grandparents?|uncle|aunt|"
    r"carer|mp|minister|judge|councillor|cllr|leader|chief|director|chair|chairman|"
    r"chairwoman|worker|officer|nurse|doctor|dr|professor|prof|author|reporter|"
    r"correspondent|editor|by|campaigner|headteacher|teacher|pc|dc|sgt|dci|mr|mrs|ms|miss|"
    r"sir|dame|lord|lady|killer|murderer|paedophile|abuser|rapist|offender|man|woman|"
    r"spokesperson|spokesman|spokeswoman|inspector|"
    r"detective|superintendent|coroner|barrister|solicitor|neighbour|friend|lawyer|"
    r"scrutineer|reviewer|member|in|at|from|near|across|outside)[\s,]+"
    # a role of a body: "leader of investigation Terry Bamford", "director of children's
    # services Ann Hale"
    r"|\b(?:leader|head|director|chair|chief|member|manager|officer)\s+of\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){1,3})$"
)
# After an adult's name: a court's verb or a verb of speaking, or a role in apposition.
ADULT_AFTER = re.compile(
    r"^(?:\s+(?:jailed|sentenced|convicted|charged|guilty|admits|admitted|cleared|denies|"
    r"denied|resigns|resigned|quits|says|said|told|demands|calls|urges|warns|spoke|speaks|"
    r"apologises|apologizes|appears|appeared|writes|wrote|comments|responds|correspondent|"
    r"reporter|editor)\b"
    r"|\s*,\s*(?:the\s+|who\s+(?:chairs|leads|wrote|led))|\s*\((?:left|right|pictured)\)"
    r"|\s*,\s*(?:1[89]|[2-9]\d)\s*,"  # an adult's age
    # a parent named before their child's death: "Chantelle Catterick: Review into
    # daughter's death finds ..."
    r"|\s*:\s*[\w'’ ]{0,40}?\b(?:daughter|son|stepdaughter|stepson|grandson|granddaughter)"
    r"['’]s\s+(?:death|murder|killing|injuries)\b)",
    re.I,
)
# A place or a body, not a person: "Norbridge Council", "Harper Lane Surgery".
PLACE_WORDS = frozenset(
    {
        "council", "councils", "county", "borough", "city", "town", "village", "court", "crown",
        "school", "academy", "surgery", "lane", "street", "road", "avenue", "close", "drive", "way",
        "house", "park", "hospital", "trust", "police", "primary", "college", "centre",
        "center", "home", "safeguarding", "partnership", "board", "nhs", "evening", "post",
        "echo", "news", "radio", "university", "church", "estate", "ward", "clinic",
        "practice", "health", "services", "community", "local", "regional", "magistrates",
        "nursery", "nurseries", "pre-school", "preschool", "playgroup", "club", "group",
        "commission", "inspectorate", "constabulary", "agency", "office", "department",
    }
)  # fmt: skip
PLACE_AFTER = re.compile(
    r"^\s+(?:children['’]s\s+home|(?:" + "|".join(sorted(PLACE_WORDS)) + r"))\b", re.I
)
# Words a headline may start with that are not names, and names of bodies.
# (besides the words `is_name` refuses everywhere: "Boy", "Twins", "Report", "By")
NOT_HEADLINE_NAMES = frozenset(
    {
        "Mother", "Mum", "Father", "Dad", "Stepfather", "Stepmother", "Grandmother",
        "Grandfather", "Gran", "Nan", "Partner", "Boyfriend", "Girlfriend", "Uncle", "Aunt",
        "Carer", "Judge", "Minister", "Councillor", "Leader", "Chief", "Worker", "Workers",
        "Teacher", "Teachers", "Agencies", "Officers", "Tot", "Little", "Tiny", "Justice",
        "Calls", "Call", "Missed", "Chances", "Failures", "Failings", "Shocking", "Radio",
        "Crown", "Ofsted", "Government", "Inquiry", "Inquest", "Jailed", "Killer", "Killers",
        "Exclusive", "Watch", "Live", "Breaking", "Opinion", "Comment", "Long", "Press",
        "Release", "Statement", "Posted", "Wales", "England", "Britain", "Welsh", "English",
        "British", "Scotland",
    }
)  # fmt: skip


# Words a headline in title case capitalises that are no names: with these in small letters
# again, capitals mark names as they do in a sentence.
_COMMON_TEXT = """a an the of to in into on onto at by for from with without within about
    against over under after before during until since amid among between through across around near
    and or but nor so yet as than if that this these those there here it its he she they we
    you i me him her his their our your them us who whom whose what which why how when
    where was were is are be been being am has have had having do does did done will would
    shall should can could may might must not no nor never still just only also even again
    finally now then today yesterday new first last second third one two three four five six
    seven eight nine ten all every each some any many more most much other another such
    own same single says said say told tells finds found find reveals revealed reveal
    published publishes publish publication release released releases issued issues
    concludes concluded warns warned calls called urges urged admits admitted missed
    failed failing fails let down up out off back away ahead behind lessons lesson learned
    learnt learning must review reviews report reports reported findings found case cases
    death deaths died dies dead murder murdered killed killing killer injuries injury
    injured harmed harm abuse abused neglect neglected child children baby babies boy boys
    girl girls toddler toddlers teenager teenagers teen teens schoolboy schoolgirl pupil
    pupils son daughter mum mother dad father stepfather stepmother partner boyfriend
    grandmother grandfather gran nan parents family families brother brothers sister
    sisters siblings twins infant infants newborn tot youngster little tiny tragic
    agencies agency services service social worker workers police council councils
    chiefs chief officials board boards partnership safeguarding health visitor visitors
    school schools hospital doctors nurses professionals staff home homes court judge
    jailed sentenced convicted charged guilty trial inquest coroner minister mp
    government ofsted chances chance opportunities opportunity warning warnings signs
    sign failings failures failure mistakes errors concerns concern questions answers
    help support care protection protect protected save saved safe risk risks years
    months weeks days year month week day time times life lives could have would been
    serious practice local rapid independent thematic overview executive summary
    briefing response action plan plans statement letter apology apologises apologised
    sorry critical damning scathing landmark major key vital crucial urgent
    waiting wait delayed delay delays changes change improve improvements recommendations
    recommendation makes made make seen saw see known unknown invisible unseen ignored
    slipped net online groomed exploited exploitation drugs drug alcohol violence domestic
    mental neglect poverty housing over under fire tragedy tragic heartbreak shock"""
COMMON_WORDS = frozenset(_COMMON_TEXT.split())
_AGE_WORD = re.compile(r"\w+-(?:years?|months?|weeks?|days?)-old", re.I)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# A quoted phrase of several words: a title, kept as it stands ("'Out Of Sight'").
_QUOTED_PHRASE = re.compile(r"((?<!\w)['‘“\"][^'’”\"\n]+?\s[^'’”\"\n]*?['’”\"](?!\w))")
_LETTER = re.compile(r"[A-Z]{1,2}\d{0,2}")
# Words that stand before a child's name or letter: kept so while one follows ("Baby Isla").
_BEFORE_A_NAME = frozenset(
    ["baby", "babies", "child", "children", "family", "siblings", "twins", "infant", "case"]
    + ["young", "person", "people"]
)
# A quoted word that describes, not names ("'Invisible'", "'Preventable'").
_DESCRIBING = re.compile(r"^\w{3,}(?:ed|ible|able|ful|ous|ive|ing|less)$")
# A group a word before it describes: "Disabled Children", "Exploited Young People".
GROUP_AFTER = re.compile(
    r"\s+(?i:children|young\s+people|babies|boys|girls|teenagers|adolescents|infants|pupils|"
    r"families)\b"
)


def sentence_case(text: str | None) -> str | None:
    """A headline set in title case (or in capitals), its common words in small letters:
    "Castleholme Teenager Mason Was 'Let Down' By Agencies" -> "Castleholme teenager Mason
    was 'Let Down' by agencies"."""
    if not text:
        return text
    cased = uncap(text)
    # (a title in title case tells no story: "Peer on Peer Abuse", "Serious Youth Violence
    # Thematic Review (Published February 2024)"; and a sentence naming a board has many
    # capitals but its small words small: "Report published by Wexmoor Safeguarding ...")
    capitals = cased != text
    # (or one with no small word at all: "Tewbury Boy's Death 'Preventable', Says Report")
    small_capital = (
        re.search(_SMALL_CAPITAL, cased[1:]) is not None
        or re.search(_SMALL_CAPITAL.pattern.lower(), cased) is None
    )
    if not (_title_cased(cased) and (capitals or small_capital) and _tells_a_story(cased)):
        return text

    def small(match: re.Match[str]) -> str:
        word = match.group(0)
        core = word.rstrip("'’").removesuffix("'s").removesuffix("’s")
        quoted = match.start() > 0 and match.string[match.start() - 1] in "'‘“\""
        after = re.match(r"\s+['‘]?([A-Z][\w'’-]*)", match.string[match.end() :])
        following = after.group(1) if after else ""
        if core.lower() in _BEFORE_A_NAME and (
            _LETTER.fullmatch(following) or (following and following.lower() not in COMMON_WORDS)
        ):
            return word  # "Baby Isla", "Case M"
        before = match.string[: match.start()]
        if core == "A" and re.search(r"(?:\b(?:Child|Children|Baby|Babies|and|And)|,)\s*$", before):
            return word  # "Children A, B and C"
        if (
            core.lower() in COMMON_WORDS
            or _AGE_WORD.fullmatch(core)
            or (quoted and _DESCRIBING.search(core.lower()))
        ):
            return word.lower()
        return word

    parts = _QUOTED_PHRASE.split(cased)
    return "".join(p if i % 2 else _WORD.sub(small, p) for i, p in enumerate(parts))


_SMALL_CAPITAL = re.compile(
    r"\b(?:Of|To|In|Into|For|And|Was|Were|Is|Are|By|On|At|With|From|After|Over|As|Has|"
    r"Have|Had|Be|Been|Not|Its|Her|His)\b"
)


def _tells_a_story(text: str) -> bool:
    """Words of a headline's story, not a title's date label ("Published February 2024")."""
    return any(
        not (
            m.group(0).lower().startswith("publish")
            and re.match(r"\W*(?:on\s+)?(?:\d|[A-Za-z]+\.?\s+\d)", text[m.end() :])
        )
        for m in STORY_WORDS.finditer(text)
    )


def _title_cased(text: str) -> bool:
    """A headline set in title case, where capitals no longer mark names."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) >= 4]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _trim(run: str, exclude: frozenset[str]) -> tuple[int, int]:
    """Where the run's name starts and ends without the words at its ends that are no names
    ("Tiny Bella Ashworth")."""
    words = list(re.finditer(r"\S+", run))
    while words and (words[0][0] in NOT_HEADLINE_NAMES or not _name_word(words[0][0], exclude)):
        words = words[1:]
    while words and (
        words[-1][0] in NOT_HEADLINE_NAMES
        or not (
            _name_word(words[-1][0], exclude)
            # a surname that ends as a topic word does, after a first name ("Ellie-Mae
            # Banning", "Kai Fleming")
            or (
                len(words) == 2
                and is_name(words[0][0], exclude)
                and is_name(f"{words[0][0]} {words[1][0]}", exclude)
            )
        )
        or words[-1][0] in {"and", "&"}
    ):
        words = words[:-1]
    return (words[0].start(), words[-1].end()) if words else (0, 0)


def _name_word(word: str, exclude: frozenset[str]) -> bool:
    return word in {"and", "&"} or word in WORD_NAMES or is_name(word, exclude)


def _segments(text: str) -> list[str]:
    """The parts of a line that may name the child: not a byline or a date line."""
    parts = re.split(r"\s+[|·•/]\s+|\s+[-–—]\s+", text)
    return [
        p
        for p in parts
        if not re.match(
            r"\W*(?i:by|posted|published|updated|last\s+updated|first\s+published)\b", p
        )
        and not re.search(r"(?i:\b(?:correspondent|reporter|editor|newsroom)\b)", p)
    ]


def headline_child(
    text: str | None,
    exclude: frozenset[str] = frozenset(),
    headline: bool = True,
    lede: str | None = None,
) -> str | None:
    """The child a news item's headline or lede names, or None when it names none (or is
    no headline: a title names its subject without telling a story, so there only a word
    for the child before a name says it is one: "response to Holly Saunders review").
    In a lede (`headline` False) only the words beside a name say it is the child's.
    A headline's child named only by standing first or by having a full name gives way
    to one the sentence under it (`lede`) names by what it says of them: "Natalie Quinn:
    'I warned them'" over "... the death of her son Reggie, aged 14 months"."""
    children = list(named_children(text, exclude, headline))
    if not children:
        return _lede_subject(text, lede, exclude) if headline else None
    found = children[0][0]
    if lede is None or any(sure for name, sure in children if name == found):
        return found
    named = next((name for name, sure in named_children(lede, exclude, False) if sure), None)
    return named or found


# A headline's child named by what they were ("Boy, 7, 'slipped through net'", "murdering
# boy, 3"), and a lede's sentence opening with a full name and what happened to them.
CHILD_UNNAMED = re.compile(
    r"(?i:\b(?:boy|girl|baby|toddler|infant|teenager|schoolboy|schoolgirl|daughter|son|"
    r"stepdaughter|stepson)\b(?:,\s*\d{1,2},)?)"
)
LEDE_SUBJECT = re.compile(
    r"(?:^|[.–—-]\s+)(?P<name>" + NAME + r"(?:[ \t]+" + NAME + r")+)"
    # (an age between: "Iolo Pritchard-Rees, aged two, died ...")
    r"(?:\s*,\s*(?:aged\s+)?(?:"
    + _AGE
    + r"|"
    + _AGE_WORDS
    + r")(?:\s+(?:years?|months?|weeks?)(?:\s+old)?)?\s*,)?"
    r"\s+(?:was|had|died|suffered)\b(?!\s+(?:jailed|sentenced|convicted|charged|arrested))"
)


def _lede_subject(headline: str | None, lede: str | None, exclude: frozenset[str]) -> str | None:
    """The child a lede names first when the headline names none but says one was hurt."""
    if not headline or not lede or not STORY_WORDS.search(headline + " " + lede):
        return None
    if not CHILD_UNNAMED.search(headline):
        return None
    found = LEDE_SUBJECT.search(lede)
    if found and is_name(found["name"], exclude):
        return clean_name(found["name"])
    return None


GREETING = re.compile(r"^\W*(?i:welcome|hello|foreword)\s*[-–—:|]")


def named_children(text: str | None, exclude: frozenset[str], headline: bool = True):
    """The children a line names, in order: those the words beside them say are children,
    then (in a headline not set in title case) the first full name they do not place."""
    # (a newsletter's greeting names its writer: "Welcome - Annie Hudson")
    if not text or GREETING.match(text):
        return
    story = STORY_WORDS.search(text) is not None
    loose = headline and story and not _title_cased(text)
    fallback: str | None = None
    for segment in _segments(text):
        for match in _RUN.finditer(segment):
            first, last = _trim(match.group("name"), exclude)
            if first == last:
                continue
            start, end = match.start("name") + first, match.start("name") + last
            name = " ".join(segment[start:end].split())
            before, after = segment[:start], segment[end:]
            # Every word of it a name ("Summer" only beside a surname).
            words = [w for w in name.split() if w not in {"and", "&"}]
            named = all(
                is_name(w, exclude) or (w in WORD_NAMES and len(words) > 1) for w in words
            ) or (len(words) == 2 and is_name(name, exclude))
            word_name = len(words) == 1 and words[0] in WORD_NAMES and CHILD_AFTER.match(after)
            if not (named or word_name):
                continue
            # A word describing a group: "neglect of Disabled Children".
            if len(words) == 1 and _DESCRIBING.match(words[0].lower()) and GROUP_AFTER.match(after):
                continue
            # A place or a body, an adult, or a date ("Dydd Iau 4 Gorffennaf 2019").
            if (
                # a proper name of a place or a body, whichever of its words are names
                any(w.lower() in PLACE_WORDS for w in match.group("name").split())
                or PLACE_AFTER.match(after)
                or PEOPLE_OF_PLACE.match(after)
                # (the parent of the child speaks: "Dad of Ollie Barraclough says ...")
                or (ADULT_AFTER.match(after) and not PARENT_OF.search(before))
                or ROLE_AFTER.match(after)
                or re.match(r"\s+\d", after)
            ):
                continue
            adult = ADULT_BEFORE.search(before) or ADULT_BEFORE.search(segment[: match.start()])
            # a possessive of what no child has: "Review into Oakbridge's services"
            owner = re.match(r"['’]s\s", after) is not None
            if (adult or owner) and not CHILD_AFTER.match(after):
                continue
            opens = before.strip(" '‘“\"") == "" and re.match(r"\s*[:–—]", after)
            # "'We let Harley down'"
            let_down = re.search(r"\blet\s+$", before) and re.match(r"\s+down\b", after)
            sure = (
                CHILD_BEFORE.search(before)
                or (story and CHILD_AFTER.match(after))
                # (what happened to them, in any line: "Lessons from Harvey Moss's death")
                or DIED_AFTER.match(after)
                or (story and headline and QUOTED_CLAIM.match(after))
                or AGE_AFTER.match(after)
                or let_down
            )
            if sure or (story and opens):
                yield clean_name(name), bool(sure)
            elif fallback is None and len(words) >= 2 and loose:
                fallback = clean_name(name)
    if fallback:
        yield fallback, False
