"""Children's names: pseudonyms and real names as listings, headlines and title pages
give them ("Harry", "Jayden Marsh", "‘Olly’"), and the words that are never names."""

from __future__ import annotations

import re

from harvester.metadata.text import KEEP_UPPER, clean_name
from harvester.metadata.text import REVIEW_KINDS as _REVIEW

# A name: "Harry", "Amelia-Rose", "Zoë", "O’Neill", "McAllister".
NAME = r"(?:O['’]|D['’]|Mc|Mac)?[A-Z][a-zà-öø-ÿ]+(?:-[A-Z][a-zà-öø-ÿ]+)?"
_OPEN_QUOTE = r"['‘“\"]"
_CLOSE_QUOTE = r"(?:['’](?!s\b)|[”\"])"  # an apostrophe before s is a possessive's
# Names may each be in quotes: "‘Emily’ & ‘Jack’", "Claire/Anne".
_QNAME = _OPEN_QUOTE + r"?" + NAME + _CLOSE_QUOTE + r"?"
_NAMES = (
    NAME
    + _CLOSE_QUOTE
    + r"?(?:(?:\s*,\s*"
    + _QNAME
    + r")*\s+(?:and|&)\s+"
    + _QNAME
    + r"|/"
    + NAME
    + r")?"
)
# A first name and a surname, after words that introduce the child: "re Daniel Pelka".
_PERSON = NAME + r"(?:[ \t]+" + NAME + r")?"
# Two children of one family: "Maya and Reuben Castellano".
# Two children of one family and no more: "Jayden and Kai Morris", "Mia and Oscar".
_NAME_AND_NAME = NAME + r"[ \t]+(?:and|&)[ \t]+" + NAME + r"(?:[ \t]+" + NAME + r")?"
# ("Lily, Jack and Ellis Varney")
_CHILDREN = (
    NAME
    + r"(?:(?:,[ \t]*"
    + NAME
    + r")*[ \t]+(?:and|&)[ \t]+"
    + NAME
    + r")?(?:[ \t]+"
    + NAME
    + r")?"
)
# "Highlighting lessons from Harry (2019)", "Learning from the review into 'Ruby'"
# A word for the child before the name, as news items write it: "the death of toddler
# Lewis".
_CHILD_WORD = (
    r"(?i:(?:murdered\s+|tragic\s+)?"
    r"(?:toddler|tot|schoolboy|schoolgirl|teenager|teen|youngster|boy|girl|"
    # ("the deaths of twin girls Maisie and Ruby Tolland")
    r"twin\s+(?:girls|boys|sisters|brothers)|twins|siblings|brothers|sisters))"
)
_WHO_WORD = r"(?:" + _CHILD_WORD + r"\s+)?"
# ("In Respect of the Death of Keanu Williams": the death, then the child)
_DEATH_LEAD = (
    r"(?:in respect of|concerning|review of|review into)\s+(?:the\s+)?"
    r"(?:deaths?|murders?|killings?|(?:serious\s+)?injuries)\s+(?:of|to)"
)
PSEUDONYM = re.compile(
    r"(?i:" + _DEATH_LEAD + r"|"
    r"lessons from|learning from|review of|review into|review on|review concerning|"
    r"case of|in respect of|concerning|story of|death of|injuries to|murder of|care of|"
    r"protect|failed|failing|"
    r"(?:report|summary|briefing|review) for)\s+(?:the\s+)?" + _WHO_WORD + _OPEN_QUOTE + r"?"
    r"(?P<name>" + _NAMES + r")\b(?!['’]s\b)"
)
FULL_NAME = re.compile(
    r"(?i:" + _DEATH_LEAD + r"|"
    r"\bre|in respect of|case of|deaths? of|murders? of|killings? of|inquest into|concerning|"
    r"review (?:on|of|into)|(?:services|support|care)\s+(?:provided\s+)?(?:to|for)|"
    r"(?:family|parents|mother|father)\s+of|protect|failed|failing)\s+"
    r"(?:the\s+)?"
    + _WHO_WORD
    + r"(?P<name>"
    + _CHILDREN
    + r")\b(?!['’]s\b(?!\s+(?i:death|murder|killing|injuries|life|story)))"
    r"(?!\s+(?i:safeguarding|review|serious|board))"
)
# "Toddler Lexi-Mae Dunn: ...", "Caldermoor schoolgirl Sienna Hart": a word for a child,
# then the child's name.
NAME_AFTER_WHO = re.compile(r"\b" + _CHILD_WORD + r"\s+(?P<name>" + _PERSON + r")\b")
# "Logan Mwangi Child Practice Review", "‘Sofia’ Serious Case Review": a name, then the
# kind of review.
# "Leiland-James Michael Corkill: Child Safeguarding Practice Review published": a first,
# middle and last name before the kind of review.
# The shortest run of names the kind of review follows: "Hamzah Khan Serious Case Review".
_FULL_PERSON = NAME + r"(?:[ \t]+" + NAME + r"){0,2}?"
NAME_BEFORE_REVIEW = re.compile(
    # ("Jayden and Kai Morris – Serious Case Review": two children of one family too)
    r"^\W*"
    + _OPEN_QUOTE
    + r"?(?P<name>"
    + _NAME_AND_NAME
    + r"|"
    + _FULL_PERSON
    + r")"
    + _CLOSE_QUOTE
    # (or the kind in brackets: "Noah Bellingham (Serious Case Review, 2018)")
    + r"?(?:\s*[:\-–—,(]\s*(?:(?i:an?)\s+)?|\s+)(?i:"
    + _REVIEW
    + r"|review)\b"
    # (not a parent's name before a review of their child's death: "Chantelle Catterick:
    # Review into daughter's death ...")
    r"(?!\s+(?i:into|of)\s+(?i:(?:his|her|their)\s+)?(?i:daughter|son|stepdaughter|stepson|"
    r"grandson|granddaughter)['’]s)"
)
# "Statement on the Jayden Marsh review", "Board responds to Ollie review": a name between
# a word that introduces it and the kind of review.
NAME_IN_REVIEW = re.compile(
    # ("Report: Freya Lindqvist Learning Review": after a document's word and a colon too)
    r"(?:\b(?i:on|of|to|for|about|into|the)|:)\s+(?P<name>"
    + NAME
    + r"(?:[ \t]+"
    + NAME
    + r"){0,2}?)\s+"
    r"(?i:(?:safeguarding|case|practice|learning)\s+)?(?i:" + _REVIEW + r"|review)\b"
)
# A news item's headline: "Poppi Hartley death: ...", "Ayla-Rose Penn's murder": a first
# name and surname, then what happened.
# "Jaden Okafor: Murder of boy, 14, ...": the same with a colon or a dash between.
NAME_BEFORE_EVENT = re.compile(
    r"^\W*(?P<name>" + NAME + r"[ \t]+" + NAME + r")(?:(?:['’]s)?[ \t]+|\s*[:–—]\s*)"
    r"(?i:death|murder|killing|case|inquest)\b"
)
# "Seven-year-old Shanay Walker died": a named child with an age.
AGED_NAME = re.compile(
    r"\b(?:\d{1,2}|[A-Za-z]+)[- ](?i:year|month|week)[- ](?i:old)\s+(?:(?i:boy|girl|baby)\s+)?"
    r"(?P<name>" + _PERSON + r")\b(?!['’]s\b)"
)
# "Serious Case Review Harry", "SCR Louise - Executive Summary", "Child Safeguarding
# Practice Review: Zac (ZDS22)": a name right after the kind of review, ending the title
# or followed by its date, type or a separator.
NAME_AFTER_REVIEW = re.compile(
    r"(?i:" + _REVIEW + r")(?:\s+(?i:(?:overview\s+|final\s+)?report|executive\s+summary))?"
    # (or in brackets after it: "03/2016 – Serious Case Review (Alexander)")
    r"(?:\s*[:\-–—(]\s*|\s+)(?i:publication\s*:\s*)?" + _OPEN_QUOTE + r"?"
    r"(?P<name>" + _FULL_PERSON + r"|" + _NAMES + r")" + _CLOSE_QUOTE + r"?"
    r"(?=[ \t]*(?:\n|$)|\s*[-–—:|(,)]|\.(?:\s|$)|\s+(?i:was|is|has|public|published|executive|"
    r"overview|full|final|report|"
    r"learning|summary|briefing|here|on\s+\d|\d))"
)
# "the Tyler review", "the Archie case"
NAMED_REVIEW = re.compile(
    r"\b(?i:the)\s+(?P<name>" + _NAMES + r")\s+(?i:review|case|scr|cspr|serious case review)\b"
)
# "Jayden's story", "Harry's review"
POSSESSIVE_NAME = re.compile(
    r"\b" + _WHO_WORD + r"(?P<name>" + NAME + r"(?:[ \t]+" + NAME + r")?)['’]s\s+"
    r"(?i:story|review|case|death|murder|killing|injuries|mother|father|parents|family|"
    r"stepfather|stepmother|stepdad|killer|grandmother|grandfather|gran|nan|grandparents|"
    r"mum|dad|siblings|brother|sister)\b"
)
# A pseudonym in quotes right after a letter: "Child M ‘Vamp’"
QUOTED_AFTER = re.compile(r"\s+[‘“'\"](?P<name>" + NAME + r")[’”'\"]")
# A pseudonym in quotes: "Child Safeguarding Practice Review: 'Archie'"
QUOTED_NAME = re.compile(_OPEN_QUOTE + r"(?P<name>" + _NAMES + r")" + _CLOSE_QUOTE)
_AGE_WORDS = (
    r"(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen)"
)
# "Ivy, aged 2 – published September 2020", "Summer (4)", "Reuben Dunstall, aged three":
# a name and the child's age.
NAME_AGED = re.compile(
    r"(?:^|(?<=/ ))\W*" + _OPEN_QUOTE + r"?(?P<name>" + _PERSON + r")" + _CLOSE_QUOTE + r"?"
    r"(?:,?\s+(?i:aged?)\s+(?:\d{1,2}|" + _AGE_WORDS + r")\b|\s*\((?i:aged?\s+)?\d{1,2}\))"
)
# A listing entry or card titled with a pseudonym: "Harry - Executive Summary", "Harry",
# "Noah (2021) - 7 minute briefing".
LEADING_NAME = re.compile(
    r"^" + _OPEN_QUOTE + r"?(?P<name>" + _NAMES + r")" + _CLOSE_QUOTE + r"?"
    r"(?:\s*\([^)]*\)|\s+(?:19|20)\d\d)?(?:\s+-\s*\S|-\s+\S|\s*[–—:|/]\s*\S|\s*$)"
)
# A name standing alone between a title's separators, after the document's type: "7 minute
# briefing: Poppy and Max", "CSPR – Kai – Published 2024". Trusted only when the document
# itself shows the name as a person (see corroborated).
TITLE_SEPARATOR = re.compile(r"\s[-–—|/]\s|:\s|\s[–—]|[–—]\s|\(|\)")
NAME_SEGMENT = re.compile(_OPEN_QUOTE + r"?(?P<name>" + _NAMES + r")" + _CLOSE_QUOTE + r"?")
PERSON_VERBS = r"(?:was|were|had|lived|died|became|moved|attended|suffered|experienced)"
NOT_NAMES = {
    "Sexual", "Criminal", "Physical", "Emotional", "Sudden", "Unexpected", "Accidental",
    "Welfare", "Centred", "Centered", "Focused", "Focussed", "Looked", "Missing", "Abusive",
    "Protection", "Wellbeing", "Friendly", "Minded", "None", "Nobody", "Neither", "Tracker",
    "Lawrlwytho", "Darllen", "English", "Welsh", "Cymraeg", "Saesneg", "Combined", "Issued",
    "Cousins", "Cousin", "Teenage", "Judge", "Coroner", "Councillor", "Political", "Revealed",
    "Ofsted", "Estyn",
    "Amateur", "Outcome", "Outcomes", "Workshop", "Workshops", "Jan", "Feb", "Mar",
    # a headline's words in title case: "Baby Killed By Father", "Toddler Found Injured"
    "Dies", "Killed", "Suffered", "Found", "Left", "Failed", "Murder", "Injured",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Death", "Deaths", "Injury", "Injuries", "Title", "Name", "Pupils", "School", "Schools",
    "Nursery", "Concerns", "Concerning", "Respect", "Desk", "Based", "Concise", "Extended",
    "Thematic", "Findings", "Progress", "Publishes", "Publish", "Lead", "Reviewer",
    "The", "A", "An", "This", "That", "These", "Our", "Your", "What", "Why", "How", "Who",
    "When", "Where", "Key", "New", "Final", "Full", "Draft", "Redacted", "Updated", "Update",
    "Serious", "Case", "Cases", "Reviews", "Review", "Local", "Previous", "Child", "Children",
    "Baby", "Babies", "Family", "Families", "Young", "People", "Person", "Parents", "Carers",
    "Executive", "Exec", "Summary", "Summaries", "Learning", "Lessons", "Lesson", "Professional",
    "Professionals", "Practice", "Practitioners", "Board", "Boards", "Partnership",
    "Partnerships", "Themed", "Archive", "Archived", "Briefing", "Briefings",
    "Brief", "Briefs", "Action", "Actions", "Plan", "Plans", "Overview", "Report", "Reports",
    "Documents", "Document", "Download", "Downloads", "Home", "Leaflet", "Leaflets",
    "Publications", "Publication", "Resources", "Resource", "Safeguarding", "Research",
    "Guidance", "Contact", "About", "News", "Newsroom", "Newsletter", "Newsletters", "Training",
    "Published", "Introduction", "Contents", "Page", "Pages", "Seven", "Minute", "Multi",
    "Response", "Responses", "Rapid", "National", "Other", "Older", "Annual", "Referral",
    "Referrals", "Terms", "Template", "Templates", "Information", "Read", "View", "Click",
    "Open", "Link", "Links", "Here", "More", "Appendix", "Recommendations",
    "Analysis", "Background", "Conclusion", "Conclusions", "Foreword", "Agenda", "Minutes",
    "Policy", "Procedures", "Strategy", "Audit", "Audits", "Updates", "Events", "Services",
    "Team", "Service", "Council", "Councils", "County", "City", "Borough", "Health", "Police",
    "Education",
    "Social", "Care", "Early", "Help", "Neglect", "Abuse", "Bruising", "Exploitation",
    "Sleep", "Crying", "Fathers", "Men", "Adolescents", "Teenagers", "Infants", "Suicide",
    "Harm", "Disability", "Housing", "Poverty", "Culture", "Trauma", "Grooming", "Drugs",
    "Alcohol", "Domestic", "Parental", "Mental", "Voice", "Curiosity", "Compliance",
    "Escalation", "Thresholds", "Assessment", "Supervision", "Drift", "Delay", "Kinship",
    "Online", "Knife", "Crime", "Gangs", "Lines", "Spring", "Summer", "Autumn", "Winter",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "Word", "Pdf", "Version", "Date", "Author", "Chair",
    "No", "Number", "One", "Two", "Three", "Four", "Five", "Six", "Eight", "Nine", "Ten",
    "Eleven", "Twelve", "Director", "Manager", "Consultant", "Officer", "Associate",
    "Associates", "Ltd", "Limited", "Constabulary", "Mr", "Mrs", "Ms", "Dr", "Nurse", "Doctor",
    "Superintendent", "Inspector",
    "Fabricated", "Induced", "Independent", "Joint", "Historic", "Historical", "Organised",
    "Protocol", "Procedure", "Framework", "Process", "Group", "Panel", "Toolkit", "Checklist",
    "Subgroup", "Committee", "Forms", "Form", "Policies", "Posters", "Videos", "Podcasts",
    "Toolkits", "Addendum", "Poster", "Scrutineer", "Schoolboy", "Schoolgirl", "Teenager",
    "Teen", "Toddler", "Bulletin", "Critical", "Damning", "Scathing", "Landmark", "Major",
    "Second", "First", "Fresh", "Further", "Latest", "Delayed", "Leaked", "Awaited",
    "Postponed", "Withheld", "Unpublished", "Anonymised", "Sitemap",
    # a news site's or a blog's labels, and a headline's quoted word ("'Starved' baby")
    "Timeline", "Tag", "Tags", "Archives", "Category", "Posts", "Source", "Starved",
    # a link's verbs and labels ("Watch Delphine's story", "Questions and answers")
    "Watch", "Listen", "Questions", "Answers", "Easy", "Adran", "Welcome",
    # small words a headline in title case capitalises
    "Of", "To", "In", "Into", "On", "At", "For", "With", "From", "And", "Or", "As", "After",
    "Before", "Over", "Under", "Was", "Were", "Is", "Are", "Has", "Have", "Had", "Be", "Been",
    "Not", "But", "Its", "His", "Her", "Their", "Says", "Finds", "Until", "Born", "Died",
    "Aged", "Support", "Hub", "Hubs", "Centres", "Presentations", "Sub", "Brothers", "Sisters",
    "Designated", "Systemic", "Systems", "Agency",
    # a document's furniture and the kinds of review's qualifiers: "SCR Ref: 0042", "Phase 2
    # report", "Special review", "Individual Management Review", "Composite report"
    "Ref", "Reference", "Doc", "Docx", "Phase", "Stage", "Part", "Special", "Individual",
    "Composite", "Recent", "Anonymous", "Digest", "Commentary", "Letter",
    "Letters", "Written", "Statement", "Statements", "Flow", "Chart", "Course", "Courses",
    "Excel", "Spreadsheet", "Unit", "Units", "Newyddlen",
    # topics' words: "Serious Youth Violence", "Female Genital Mutilation", "Modern Slavery"
    "Violence", "Youth", "Female", "Male", "Genital", "Modern", "Slavery", "Honour", "Forced",
    "Marriage", "Hidden", "Adolescent", "Adolescence", "Sex",
    "Bulletins", "Issue", "Slides", "Podcast", "Transcript",
    "Youngster", "Murdered", "Tragic", "Boy", "Boys", "Girl", "Girls", "Twins", "Siblings",
    "Infant", "Newborn", "Pupil", "By", "Reporter", "Correspondent", "Dydd", "Court",
    # a title's first word that is no name: "It was hard to escape", "If only ..."
    "It", "If", "We", "They", "He", "She", "You",
    # an inquiry's bodies: "Report of the Tribunal of Inquiry into ..."
    "Tribunal", "Inquiry", "Inquiries", "Commissioner", "Inspectorate", "Scrutiny",
    "Internal", "Secretary", "Cabinet",
    # Welsh words of a bilingual title: report, review, practice, children, date, summary.
    "Adroddiad", "Adolygiad", "Adolygiadau", "Ymarfer", "Plant", "Dyddiad", "Crynodeb",
    "Cynllun", "Gweithredu", "Ymateb", "Diogelu", "Bwrdd", "Gweithredol", "Plentyn", "Estynedig",
    "Cryno", "Thematig", "Ynghylch", "Cyhoeddwyd", "Cyhoeddi", "Teulu", "Briffio", "Dysgu",
}  # fmt: skip
# Topic words and abstract nouns are not pseudonyms ("Briefing: Exploitation").
NOT_NAME_ENDING = re.compile(
    r"(?:tions?|sions?|ments?|ness|ity|ities|isms?|ances?|ences?|ships?|ing|ings)$"
)


COMPOUND_PREFIXES = frozenset(
    {"Multi", "Inter", "Cross", "Non", "Pre", "Post", "Co", "Self", "Re", "Sub"}
)


def is_name(name: str, exclude: frozenset[str] = frozenset()) -> bool:
    parts = [p for p in re.split(r"\s*(?:,|\band\b|&|/|\s)\s*", clean_name(name)) if p]
    for position, part in enumerate(parts):
        # A surname may end as a topic word does ("Amber-Rose Tilling", "Kai Fleming").
        ending = NOT_NAME_ENDING.search(part) and not (position and len(parts) == 2)
        if part in NOT_NAMES or part in exclude or ending:
            return False
        # "Multi-Agency", "Inter-Agency": a word's prefix, not a double-barrelled name.
        if part.split("-")[0] in COMPOUND_PREFIXES:
            return False
    return True


# Lines of a title page that say what the document is: a name standing alone beside one
# of them is the child's ("AMY / A SERIOUS CASE REVIEW", "Overview Report / Jack").
TITLE_LINE = re.compile(
    r"^\W*(?:(?:a|the)\s+)?(?:executive\s+summary\s+of\s+(?:a|the)\s+)?"
    r"(?:(?:final\s+)?overview\s+report|(?:full|final|summary)\s+report|executive\s+summary|"
    + _REVIEW
    + r")\b",
    re.I,
)
NAME_LINE = re.compile(
    r"^\s*"
    + _OPEN_QUOTE
    + r"?(?P<name>"
    + _CHILDREN
    + r"|"
    + _FULL_PERSON
    + r")"
    + _CLOSE_QUOTE
    + r"?\s*$"
)
CREDIT_LINE = re.compile(r"\b(?:author|by|chair|reviewer|written|prepared|lead)\b", re.I)


# What a title page's name line says besides the name: "Re: Kayla Brennan (aged 2)",
# "Jamie Fletcher (DOB 04.02.2009)".
NAME_LINE_PREFIX = re.compile(r"^(?i:re|in\s+respect\s+of|concerning|regarding)\s*:?\s+")
NAME_LINE_REMARK = re.compile(
    r"\s*\((?i:aged?|dob|d\.o\.b|born|a\s+(?:child|boy|girl|baby)|date\s+of\s+birth)[^)]*\)\s*$"
)
# A line that introduces the name on the next: "into the circumstances of".
INTRO_LINE = re.compile(r"\b(?i:of|concerning|regarding|re:?|relating\s+to|about)\s*$")
# A name wrapped over two lines: "concerning Amelia-\nRose", "the death of Bradley\n
# Okonkwo-Price".
_WRAPPED_HYPHEN = re.compile(r"(?<=[a-z])-[ \t]*\n[ \t]*(?=[A-Z][a-z])")
_WRAPPED_SURNAME = re.compile(
    r"(\b(?i:of|concerning|regarding|re:?)[ \t]+"
    + NAME
    + r")[ \t]*\n[ \t]*("
    + NAME
    + r")[ \t]*(?=\n|$)"
)


def join_wrapped_names(cover: str) -> str:
    return _WRAPPED_SURNAME.sub(r"\1 \2", _WRAPPED_HYPHEN.sub("-", cover))


def title_page_name(cover: str, exclude: frozenset[str] = frozenset()) -> str | None:
    """A name on a line of its own next to the title page's "Serious Case Review" or
    "Overview Report" line, or below a line that introduces it ("into the circumstances
    of"), and not next to an author's credit."""
    lines = [line.strip() for line in cover.splitlines() if line.strip()][:12]
    for i, line in enumerate(lines):
        line = NAME_LINE_REMARK.sub("", NAME_LINE_PREFIX.sub("", line))
        # ("HOLLY" on its own line, not a kind's initials: "SCR")
        if line.isupper() and line.isalpha() and 3 <= len(line) <= 12 and line not in KEEP_UPPER:
            line = line.capitalize()
        match = NAME_LINE.match(line)
        if not match or not is_name(match.group("name"), exclude):
            continue
        before = lines[max(0, i - 1) : i]
        around = before + lines[i + 1 : i + 2]
        if (
            any(TITLE_LINE.match(a) for a in around) or any(INTRO_LINE.search(b) for b in before)
        ) and not any(CREDIT_LINE.search(b) for b in before):
            return clean_name(match.group("name"))
    return None


# A table row's or a card's text: "Lily Overview report 15/07/2022".
NAME_BEFORE_DOCUMENT = re.compile(
    r"^\W*(?P<name>" + _FULL_PERSON + r")\s+(?i:(?:partnership|board)\s+)?"
    r"(?i:overview\s+report|executive\s+summary|"
    r"learning\s+summary|(?:7|seven)[- ]minute\s+briefing|learning\s+brief(?:ing)?|"
    r"(?:full|final)\s+report|action\s+plan)\b"
)
# A file's name: its document's kind, the child's name, a year ("Overview report Leyla
# 2013", "7MB Freddie Sutton 2019").
NAME_IN_FILE_NAME = re.compile(
    r"^(?i:7MB|SCR|L?CSPR|overview\s+report|executive\s+summary|learning\s+brief(?:ing)?|"
    r"(?:7|seven)\s+minute\s+briefing)\s+(?P<name>" + _PERSON + r")\s+(?:19|20)\d\d$"
)
# A child's full name, then the date it was published: "Poppy Wexford – published March
# 2016", "Keira Dunn (June 2019)".
NAME_DATED = re.compile(
    r"^\W*(?P<name>" + _PERSON + r")\s*[-–—:|(,]\s*(?i:published\s+|pub\.?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:[A-Za-z]+\.?\s+)?(?:19|20)\d\d\b"
)
# "a 14-year-old boy, named only as Tommy", "named in the report only as Kieran", "the
# review refers to the 17-year-old victim as TJ", "named in court as ...", "today's report
# names him as ..."
NAMED_AS = re.compile(
    r"\b(?i:(?:named|referred\s+to|known|identified)"
    r"(?:\s+in\s+(?:the\s+(?:report|review)|court))?"
    r"(?:\s+only)?|(?:refers\s+to|names)\s+(?:him|her|them|the\s+(?:[\w-]+\s+){1,3}?)"
    r"(?:only\s+)?)"
    r"\s+(?i:as)\s+" + _OPEN_QUOTE + r"?(?P<name>" + _NAMES + r"|[A-Z]{2,3})\b(?!['’]s\b)"
)
PSEUDONYM_PATTERNS = (
    NAMED_AS,
    NAME_AFTER_WHO,
    FULL_NAME,
    PSEUDONYM,
    NAME_AFTER_REVIEW,
    NAME_BEFORE_REVIEW,
    NAME_IN_REVIEW,
    NAME_BEFORE_EVENT,
    AGED_NAME,
    NAME_AGED,
    QUOTED_NAME,
    NAMED_REVIEW,
    POSSESSIVE_NAME,
    LEADING_NAME,
    NAME_BEFORE_DOCUMENT,
    NAME_DATED,
    NAME_IN_FILE_NAME,
)


# Children's names that are words too: a name only in quotes ("Serious Case Review:
# ‘Summer’").
WORD_NAMES = frozenset(
    {"Summer", "Autumn", "Spring", "Winter", "April", "May", "June", "July", "August", "Hope"}
)
# A person's role after their name: a professional, not the child ("Robert Lake,
# independent chairman of the board").
ROLE_AFTER = re.compile(
    r"\s*,?\s*(?:the\s+)?(?:(?:independent|interim|deputy|assistant|acting|former)\s+)?"
    r"(?:chair|chairman|chairwoman|chairperson|chief|director|author|reviewer|head|manager|"
    r"officer|councillor|minister|spokes(?:person|man|woman)|detective|inspector|"
    r"superintendent|professor|lead\s+reviewer)\b",
    re.I,
)

# What a person did to a child: "Review into Kane Dobbs's killing of his partner's son".
PERPETRATOR_AFTER = re.compile(
    r"(?:\s+[A-Z][\w-]+)?['’]s?\s+(?:\w+\s+)?(?:killing|murder|abuse|attack|assault|neglect|treatment|"
    r"manslaughter|mistreatment|ill-treatment)\s+of\b",
    re.I,
)

# A word that begins an author's name, then the author's role: " Raynes Director".
AUTHOR_AFTER = re.compile(r"[ \t]+" + NAME + r"(?=(?i:" + ROLE_AFTER.pattern + r"))")


# A place before the body that serves it: "South Yorkshire Police's handling of ...".
BODY_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'’-]*)*\s+"
    r"(?i:police|constabulary|(?:county\s+|borough\s+|city\s+)?councils?|nhs)\b"
)
# A place's people after a place's name: "death of Tregelyn girl", "Harbury mum".
PEOPLE_OF_PLACE = re.compile(
    r"\s+(?i:girl|boy|baby|teenager|teen|toddler|youngster|schoolgirl|schoolboy|pupil|student|"
    r"man|woman|mum|dad|couple|infant)\b"
)


QUOTED_DESCRIBES = re.compile(
    r"['’”\"]\s+(?i:council|team|social|services|agencies|agency|board|authority|system|"
    r"failings?|failures?|culture|department|staff|workers?|officials?|handling|decisions?|"
    r"mistakes?|errors?|"
    # ("'Radical' shift needed in ...")
    r"shift|change|changes|overhaul|reform|rethink)\b"
)
# ... and a quoted adjective before the review it judges: "“Inadequate” Serious Case Review"
# (not a name before its review: "'Isla' review")
QUOTED_JUDGES_REVIEW = re.compile(
    r"['’”\"]\s+(?i:serious\s+case\s+review|(?:child\s+death\s+)?review|report)\b"
)
# (and a judgement's participle: "'Discredited' serious case review model", "'Flawed' review")
ADJECTIVE = re.compile(
    r"\w{5}(?:ate|ous|ful|less|able|ible|ive)$|\w{2}(?:ited|awed|tched|iled)$", re.I
)


def pseudonym(
    text: str,
    exclude: frozenset[str] = frozenset(),
    patterns: tuple[re.Pattern[str], ...] = PSEUDONYM_PATTERNS,
) -> str | None:
    """The first name one of `patterns` finds (in their order) that is a name."""
    for pattern in patterns:
        for match in pattern.finditer(text):
            name, start = match.group("name"), match.start("name")
            quoted = start > 0 and text[start - 1] in "'‘“\""
            # a word quoted before what it describes is someone's word for it, not a name:
            # "'Chaotic' council team", "“Inadequate” Serious Case Review"
            end = match.end("name")
            if quoted and (
                QUOTED_DESCRIBES.match(text, end)
                or (ADJECTIVE.search(name) and QUOTED_JUDGES_REVIEW.match(text, end))
            ):
                continue
            # A word that is a name too, when quoted or given an age ("Summer, aged 4").
            word_name = (quoted or pattern is NAME_AGED) and name in WORD_NAMES
            # ... or before a surname ("Summer Kowalczyk death").
            first, _, rest = name.partition(" ")
            word_name = word_name or (
                first in WORD_NAMES and rest and " " not in rest and is_name(rest, exclude)
            )
            if pattern is PSEUDONYM and _title_runs_on(text, end, exclude):
                # a title in capitals after "review of": "Review of Harmful Sexual
                # Behaviours", not "Review of Logan Mwangi"
                continue
            if not (is_name(name, exclude) or word_name):
                if pattern is NAME_DATED:  # a whole name or none ("Safeguarding Matters")
                    continue
                name = _after_words(name, exclude)
            if (
                name
                and (is_name(name, exclude) or (word_name and name not in exclude))
                and not ROLE_AFTER.match(text, match.end("name"))
                and not PERPETRATOR_AFTER.match(text, match.end("name"))
                and not PEOPLE_OF_PLACE.match(text, match.end("name"))
                and not BODY_AFTER.match(text, match.end("name"))
            ):
                return clean_name(_without_author(name, text, match.end("name")))
    return None


def _title_runs_on(text: str, end: int, exclude: frozenset[str]) -> bool:
    """Whether the words after a would-be name go on in capitals with a word that is no
    name ("Harmful Sexual Behaviours", "Vulnerable Adolescents")."""
    following = re.match(r"[ \t]+([A-Z][\w'’-]*)", text[end:])
    return bool(following and following[1] != "And" and not is_name(following[1], exclude))


def _after_words(name: str, exclude: frozenset[str]) -> str:
    """A name run on from a word before or after it that is no name ("Read Amara's review",
    "SCR Daisy Exec Summary"): the name without it; "" when what is left is no name either."""
    words = name.split()
    while len(words) > 1 and not is_name(words[0], exclude):
        words = words[1:]
    while len(words) > 1 and words[-1] in DOCUMENT_WORDS:  # "Daisy Exec Summary"
        words = words[:-1]
    rest = " ".join(words)
    whole = NAMES_ONLY.fullmatch(rest) is not None
    return rest if rest != name and whole and is_name(rest, exclude) else ""


NAMES_ONLY = re.compile(NAME + r"(?:\s+" + NAME + r")*")
# Words after a name that say what the document is ("Daisy Exec Summary"); other words
# after one may be the rest of a title ("Hillcrest Park School").
DOCUMENT_WORDS = frozenset(
    {"Exec", "Executive", "Summary", "Report", "Overview", "Final", "Full", "Briefing"}
)


def _without_author(name: str, text: str, end: int) -> str:
    """A child's name run into an author's credit ("... in respect of Jeanette Barry Raynes
    Director"): the name's last word begins the author's name."""
    words = name.split()
    author = AUTHOR_AFTER.match(text, end)
    return " ".join(words[:-1]) if len(words) > 1 and author else name


def corroborated(name: str, document: str) -> bool:
    """The document shows `name` as a person: on a line of its own, or doing something
    ("Poppy (4) and Max (2) were found", "Leo was 16")."""
    first = re.split(r"\s*(?:,|\band\b|&)\s*", name)[0]
    if re.search(r"^\s*" + _OPEN_QUOTE + r"?" + re.escape(name) + r"\W*$", document, re.M):
        return True
    return (
        re.search(
            r"\b" + re.escape(first) + r"(?:['’]s\b|(?:\s*\(\d+\))?(?:\s+and\s+[A-Z][a-z]+"
            r"(?:\s*\(\d+\))?)?\s+" + PERSON_VERBS + r"\b)",
            document,
        )
        is not None
    )


# A line that is only children's names: "Tegan and Rosie", "‘Emily’ & ‘Jack’".
NAMES_LINE = re.compile(_OPEN_QUOTE + r"?(?P<name>" + _NAMES + r")" + _CLOSE_QUOTE + r"?")


def cover_pseudonym(cover: str, exclude: frozenset[str]) -> str | None:
    found = pseudonym(cover, exclude, (FULL_NAME, PSEUDONYM, QUOTED_NAME))
    # "Response to the Local Child Safeguarding Practice Review: Isabelle": a name after
    # the kind of review on the same line.
    lines = (line for line in cover.splitlines()[:12] if line.strip())
    return found or next(
        filter(None, (pseudonym(ln, exclude, (NAME_AFTER_REVIEW,)) for ln in lines)), None
    )


# A child's death named by the child, in title case: "the Death of Keanu Williams".
DEATH_OF_NAMED = re.compile(
    r"(?:the\s+)?(?i:deaths?|murders?|killings?|injuries)\s+(?i:of|to)\s+"
    r"[A-Z][\w'’-]+(?:\s+(?:and\s+)?[A-Z][\w'’-]+)*$"
)


def spelled_initials(case: str, cover: str) -> str:
    """Children's initials a file's name gives ("LCSPR LBF final") as the title page names
    the children: "Lacey, Bryony and Finn"."""
    # (the initials as read, in capitals or not: "LBF", "Lbf")
    if not re.fullmatch(r"[A-Z][A-Za-z]{1,3}", case):
        return case
    for line in cover.splitlines()[:12]:
        names = re.fullmatch(
            r"\s*([A-Z][a-z]+(?:(?:,\s*|\s+(?:and|&)\s+)[A-Z][a-z]+){1,3})\s*", line
        )
        if names and "".join(w[0] for w in re.findall(r"[A-Z][a-z]+", names[1])) == case.upper():
            return names[1]
    return case
