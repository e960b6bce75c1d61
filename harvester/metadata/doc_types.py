"""Document types: what the document names itself (leaflet, executive summary, ...)."""

from __future__ import annotations

import re

from harvester.metadata.text import RESPONSE_TO_HARM

# --- document types -----------------------------------------------------------------------

# A link that says only "Report".
BARE_REPORT = re.compile(r"^\W*(?:the\s+)?report\W*$", re.I)
# The words for a study's own report, which say no more of its kind than "the report":
# "Final Report", "Full report".
REPORT_ITSELF = re.compile(r"\b(?:final|full|main)\s+report\b", re.I)
# "presentation" not after a capitalised word of three to eight letters, a review's own
# title ("Operation Lakeland Presentation"), nor after "PowerPoint" or "review". (Checked
# behind the word, so that the lookbehinds run only where the word is.)
_PRESENTATION = (
    r"\bpresentation\b(?!\s+slides)(?<!powerpoint\spresentation)(?<!review\spresentation)"
    + "".join(rf"(?<!(?-i:[A-Z][a-z]{{{n}}})\spresentation)" for n in range(2, 8))
)
# Phrases that name the document itself. In each text the earliest one wins; a text with
# none of them leaves the decision to the next text.
DOC_TYPE_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "other",
        re.compile(
            r"annual report|newsletter|referral form|referral for consideration|"
            r"terms of reference|\btemplate\b|information for (?:families|parents|children|"
            r"young people)|(?:leaflet|guide) for (?:families|parents)|business plan|"
            r"strategic plan|minutes of|press release|statement (?:from|by)|"
            # (a presentation at a learning event teaches the learning, and so does a review's
            # own presentation: "Operation Lakeland Presentation - 2016")
            + _PRESENTATION
            + r"(?!\s*[-–—:]\s*[^\n]{0,40}\blearning\s+event)"
            # (nor one to a conference: "Presentation to Swindon Safeguarding Children Board
            # Conference")
            r"(?!\s+(?:to|at)\s+[^\n]{0,80}\b(?:conference|learning\s+event|seminar|workshop)\b)|"
            # a system of reviews, not one: "Wales to launch faster serious case review system"
            r"\breview\s+system\b|\bsystem\s+of\s+(?:[\w-]+\s+){0,3}?reviews\b|"
            r"news release|for immediate release|annual update|"
            # a review's timeline or chronology, published beside its report: "WG S71 2023 -
            # Summary Timeline", "Appendix 2 – Chronology"
            r"(?m:[-–—:]\s*(?:summary\s+)?(?:timeline|chronology)\W*$)|"
            r"\bresponds to\b|"
            r"(?:response|responded) to (?:the\s+)?publication|guidance on|"
            r"\bpolicy and procedures?\b|"
            r"\baddendum\b|request for (?:consideration|a (?:review|practice review))|"
            r"news release|press statement|media statement|datganiad i['’]r wasg|"
            # a title that starts so, not a sentence about the guidance followed
            r"^\W*(?:procedures? for|guidance (?:on|for)|agenda\b|letter to|dear\s)|"
            r"frequently asked questions|\bFAQs?\b|^\W*what\s+is\s+an?\b|ofsted evaluation|"
            r"yearly report|register of|\bwork\s+plan\b|^\W*announcement\b|"
            # a parliamentary question's date, a court's judgment, a statement at a meeting
            r"\basked\s+on\s+\d|\bon\s+the\s+application\s+of\b|\bdeliver\s+a\s+statement\b|"
            # a request under the Freedom of Information Act, a petition, a court's order,
            # someone's comment, a review's publication to come or asked after
            r"\bfreedom\s+of\s+information\b|(?-i:\bFOI\b)|^\W*petition\b|"
            r"\b(?:judge|court)\s+(?:orders|rules)\b|\bquestions\s+remain\b|"
            r"\bcomments?\s+on\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:review|report)\b|"
            r"\bto\s+be\s+made\s+public\b|"
            # a national charity's or a union's word on a review: "Barnardo's response to ...",
            # "BASW statement on ..."
            r"\b(?:barnardo['’]s|nspcc|basw|unison|children['’]s\s+society|action\s+for\s+children|"
            r"coram)['’]?s?\s+(?:response|responds|statement|comment)\b|"
            # an answer to a broadcast: "Response to BBC Wales Investigates ... documentary"
            r"\bresponse\s+to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,5}?(?:documentary|programme|broadcast)\b|"
            r"^\W*why\s+(?:has|have|is|are|was|were|won['’]t|hasn['’]t|isn['’]t)\s+[^?\n]{0,60}"
            r"\breview\b[^?\n]*\?|"
            # a minister's words to a House, a question asking where a review's document is
            r"\bmr\.?\s+speaker\b|\bmy\s+lords\b|^\W*where\s+(?:is|are)\s+the\b[^?\n]*\?|"
            # a review still to start: "... assurance review to begin"
            r"\breview\s+to\s+(?:begin|start)\b|"
            # "A review into whether the council could have intervened ... has been launched"
            r"\breview\b[^.\n]{0,120}?\bhas\s+been\s+(?:launched|commissioned|ordered|set\s+up)\b|"
            # one agency's part of a review: its management review, its health overview
            r"\bindividual\s+management\s+review\b|\bhealth\s+overview\s+report\b|"
            # (a procedure's title: "LCSPR procedure v4", "(local procedure)", not "breaches of
            # procedure" in a sentence)
            r"(?-i:\bIMRs?\b)|(?<!of\s)\bprocedure\b(?=\s*(?:v\d|\)|$|\s[-–—|(]))|"
            # the list page itself: "This page lists the reviews ...", "There are no
            # thematic reviews at present"
            r"\bthis\s+page\s+lists\b|\breports\s+are\s+listed\b|\bdudalen\s+hon\b|"
            r"\bthere\s+are\s+no\s+(?:[\w-]+\s+){0,3}?(?:reviews|reports)\b|"
            # a review agreed or announced: "has agreed to carry out a thematic review"
            r"\bagreed\s+to\s+(?:carry\s+out|undertake|hold|commission)\b|"
            r"\bto\s+(?:carry\s+out|undertake|conduct)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?review\s+"
            r"(?:after|following|into)\b|"
            # a review confirmed, to be reopened, kept from publication, or rated by inspectors
            r"\bconfirms?\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?review\s+(?:following|after|into)\b|"
            r"\b(?:to\s+be\s+)?reopen(?:ed|ing)?\b|\b(?:stop|prevent|block)\s+(?:the\s+)?publication\b|"
            r"\brated\s+the\s+(?:serious\s+case\s+)?review\b|\brates?\s+(?:[\w'’]+\s+){0,3}?review\b|"
            r"\bannounces\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?review\b|"
            # a decision not to hold a review, a statement standing as a link's whole text
            r"\bdecision\s+(?:on|about)\s+(?:an?\s+|the\s+|whether\s+)?(?:[\w-]+\s+){0,4}?review\b|"
            r"^\W*(?:(?:the\s+)?(?:board|partnership|partners)['’]?s?['’]?\s+)?statement\W*"
            r"(?:\([^)]*\))?\W*$|"
            # ... or as the part of a card's heading after the review's name: "Child S - Board
            # statement"
            r"\s[-–—:]\s*(?:the\s+)?(?:board|partnership|partners)['’]?s?['’]?\s+statement\W*"
            r"(?:\([^)]*\))?\W*$|"
            r"^\W*mental\s+health\s+homicide\s+review\b|"
            # a family's words, a page of questions and answers, guidance that followed
            r"\bmessage\s+from\b|\b(?:father|mother|parent|family)['’]s\s+contribution\b|"
            r"\bquestions\s+and\s+answers\b|^\W*practice\s+guidance\b|"
            r"index of (?:serious case |published )?reviews|list of (?:published )?reviews|"
            r"improvement framework|\bframework\s+document\b|"
            r"\b(?:learning\s+and\s+(?:review|improvement)|review|practice)\s+framework\b|"
            # a letter from a minister, the national panel or a quality assurance panel
            r"\bletter\s+(?:from|to)\b|\bletter\s*\(|^\W*(?:panel\s+)?letter\b|"
            r"(?:briefing|statement|release)\s+for\s+(?:the\s+)?(?:press|media)|"
            # (not a review's own words: "a case that did not meet the criteria")
            r"\b(?:press|media)\s+briefing|(?<!meet\sthe\s)(?<!met\sthe\s)\bcriteria\b"
            r"(?![^.\n]{0,40}\bnot\s+met)|\blocal guidance\b|"
            # a board's or a family's statement, a foreword published alone
            r"\bour\s+statement\b|\bstatement\s+on\s+(?:the\s+)?publication\b|"
            r"\b(?:family|mother|father|parents|grandparents)['’]?s?['’]?\s+statement\b|"
            r"\b(?:minister|chair|leader|councillor|mayor|scrutineer)['’]s\s+statement\b|"
            r"\b(?:panel|feedback|evaluation|JTAI|inspection)\s+letter\b|^\W*letter\s+(?:from|to)\b|"
            r"\blist\s+of\s+(?:the\s+)?(?:published\s+)?(?:reviews|reports)\b|"
            r"\breview procedures?\b|\bdelayed\s+until\b|\bdelays?\s+(?:the\s+)?publication\b|"
            # a review to come, called for, ruled on, or what followed it
            r"\b(?:board|partnership)\s+to\s+review\b|^\W*review\s+to\s+(?:examine|look|consider|"
            r"investigate)\b|"
            r"\b(?:allows|permits|blocks|bars)\s+publication\b|\bwill\s+take\s+(?:another|a\s+further)\b|"
            r"\bstruck\s+off\b|"
            r"evaluation of (?:the\s+|a\s+)?(?:serious case review|scr)(?!s)|adroddiad blynyddol|"
            # a review announced, not the review: "Review ordered into death of baby",
            # "safeguarding review to follow", "will not be published in full"
            # (not a cover's "Review commissioned by ...", "Review commissioned: August 2014")
            r"(?<!date\s)\breviews?\s+(?:(?:ordered|commissioned|announced|launched)(?!\s+by\b|\s*[:|])|"
            r"under\s*way|to\s+follow|will\s+follow)|"
            # a review still being written, or awaited: "a serious case review is being carried
            # out", "I will await the publication of the review"
            # (not a cover's template line: "... in relation to which review is being undertaken")
            r"\b(?:an?|the)\s+(?:[\w-]+\s+){0,3}?review\b[^.]{0,40}?\b(?:is|are)\s+"
            r"(?:now\s+|currently\s+)?being\s+"
            r"(?:carried\s+out|conducted|undertaken|prepared|written)\b|"
            r"\bawait(?:s|ing)?\s+(?:the\s+)?publication\b|"
            # a review refused, called for, rated by inspectors, still going on or to come:
            # "turns down request to release", "why won't ... publish", "calls for a review",
            # "review into a baby's death 'inadequate'", "as review continues", "review begins"
            r"\b(?:turns?\s+down|rejects?|rejected|refuses?|refused|declines?|declined)\s+"
            r"(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,2}?request\b|"
            r"\bwon['’]t\s+(?:\w+\s+)?publish\b|\bbefore\s+it\s+is\s+published\b|"
            r"\bcalls?\s+for\s+(?:an?\s+|the\s+)?(?:(?:serious\s+case|independent|full|case|"
            r"safeguarding|practice)\s+)*(?:review|publication)\b|"
            r"\breview\b(?:\s+(?:into|of)\s+[^.‘“]{0,40}?)?\s*['‘“]?inadequate\b|"
            r"\binadequate['’”]?\s+(?:[\w-]+\s+){0,3}?review\b|"
            r"\breview\s+(?:would|will)\s+follow\b|\breview\s+continues\b|\bwould\s+report\b|"
            # (not what a review found: "Review finds assessments 'started too late'")
            r"\b(?:review|inquiry|investigation)\b(?:(?!\b(?:finds?|found|says?|said)\b)[^.]){0,60}?"
            r"\b(?:begins|began|begun|starts|started|under\s*way|delayed)\b|"
            r"\bmedia\s+release\b|"
            # a review demanded in full, criticised by someone, or a child death review panel
            r"\b(?:demands?|urges?)\s+(?:that\s+)?(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:review|report)\s+"
            r"(?:is|be|are)\s+published\b|"
            r"\breview\b[^.]{0,60}?\bcriticised\s+by\b|"
            r"\bchild\s+death\s+(?:review\s+|overview\s+)+panel\b|"
            # a statement on a trial's end, not on the review's publication
            r"^\W*statement\s+(?:following|after)\s+(?:the\s+)?(?:sentencing|trial|conviction|"
            r"verdict|court)\b|^\W*statement\s+regarding\b|^\W*statement\s*[–—-]\s+(?!publication)|"
            r"\b(?:will(?:\s+not)?|to)\s+be\s+(?:published|launched|held|carried\s+out|undertaken)\b|"
            # a review kept back: "will not publish", "withheld child death review"
            r"\b(?:will\s+not|not\s+to|refuses?\s+to|decided\s+not\s+to)\s+publish\b|\bwithheld\b|"
            r"\bnon[- ]disclosure\b|\bwithholding\b|"
            r"\bto\s+publish\b|publication\s+(?:is|has\s+been|was)\s+delayed|\bprotocol\b|"
            r"\bprompts?\s+(?:a\s+)?(?:[\w-]+\s+){0,3}review\b|\bfocus\s+of\s+(?:a\s+)?review\b|"
            r"\breview\s+(?:has|had)\s+been\s+(?:commissioned|ordered|announced|launched|"
            r"agreed|requested)|"
            r"\bahead\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}review\b|"
            # a review begun, kept back or asked for: "a review is under way", "to hold a
            # review", "launch inquiry into death", "still unpublished", "delay in publishing"
            r"\breview\b[^.]{0,80}?\b(?:is|was)\s+(?:now\s+)?under\s*way\b|"
            r"\breview\b[^.]{0,60}?\b(?:has|had)\s+(?:begun|started)\b|"
            r"\b(?:have|has|had)\s+(?:established|commissioned|set\s+up|launched|ordered)\s+"
            r"(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:review|inquiry)\b|"
            r"\border(?:s|ed)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:inquiry|review)\s+"
            r"(?:after|following|into\s+(?:the\s+)?death)\b|"
            r"\bdecision\s+to\s+commission\b|\bexpected\s+to\s+(?:report|be\s+published)\b|"
            # a report still to come, a review investigated or its scope asked about
            r"\bexpected\s+(?:within|in\s+the\s+(?:next|coming)|by|next|later|soon)\b|"
            r"\bunder\s+investigation\b|\b(?:inquiry|investigation)\s+(?:launched|opened|ordered)\s+into\b|"
            # (from the word naming the review's theme: "CSE review publication delayed")
            r"(?:\b[\w-]+\s+)?review\s+publication\s+(?:is\s+|has\s+been\s+|was\s+)?"
            r"(?:delayed|postponed|put\s+back)\b|\b(?:comments?|views)\s+on\s+(?:the\s+)?scope\s+of\b|"
            # a review still to be done: "the Panel are going to conduct a national review",
            # "will carry out a review"
            r"\b(?:going\s+to|will)\s+(?:conduct|carry\s+out|undertake|hold|lead)\s+"
            r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:review|inquiry)\b|"
            r"\bwould\s+be\s+(?:held|published|carried\s+out)\b|\bpostponed\b|"
            r"\bdelayed\s+for\s+(?:a|the)\s+\w+\s+time\b|\bgalw\s+am\s+gyhoeddi\b|"
            r"(?<!decision\s)\bto\s+hold\s+(?:an?\s+)?(?:[\w-]+\s+){0,4}?(?:review|inquiry)\b|"
            r"\blaunch(?:es|ed)?\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:review|inquiry)\s+into\b|"
            r"\b(?:still\s+)?unpublished\b|\bdelayed\s+again\b|"
            r"\bstill\s+(?:not|yet\s+to)\s+(?:been\s+)?(?:put\s+out|publish(?:ed)?|releas(?:e|ed))\b|"
            r"\bdelays?\s+in\s+publishing\b|\bmust\s+publish\b|"
            # someone else's word on a review: "Commenting on the review ..., the union's
            # general secretary said", an opinion column
            r"(?-i:\bCommenting)\s+on\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:review|report)\b|"
            r"(?-i:\bOpinion\b)(?:\W*$|\s+(?-i:(?=[A-Z][a-z])))|"
            # a review being written, begun or to come, as news tells it: "‘Serious Case
            # Review’ being undertaken", "is conducting an independent child practice review",
            # "began the Serious Case Review into", "could be launched", "to release findings"
            r"\breview['’”]\s+being\s+(?:carried\s+out|conducted|undertaken)\b|"
            r"\b(?:is|are|was|were)\s+(?:now\s+|currently\s+)?conducting\s+(?:an?\s+|the\s+)?"
            r"(?:[\w-]+\s+){0,4}?review\b|"
            r"\bbeg[au]n\s+(?:the\s+|an?\s+|its\s+)?(?:[\w-]+\s+){0,4}?review\b|"
            r"\bcould\s+be\s+(?:launched|held|commissioned|published)\b|\bto\s+release\b|"
            r"\bwithhold(?:s|ing)?\b|"
            # an inspection of one council's or one force's services, not a review
            r"\binspection\s+of\s+(?:local\s+authority\s+)?children['’]s\s+(?:social\s+care\s+)?"
            r"services\b|(?-i:\bILACS\b|\bSIF\b)|\binspection\s+of\s+services\s+for\s+children\b|"
            r"\bnational\s+child\s+protection\s+inspection\b|"
            r"\bservices\s+(?:(?:were|was|have\s+been)\s+)?judged\s+inadequate\b|"
            # a review to be led or examined: "Independent chair to lead national review of ...",
            # "Panel to examine ... in new national review"
            r"\bto\s+(?:lead|examine|investigate)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,6}?"
            r"(?:review|inquiry)\b|\bin\s+(?:a\s+)?new\s+(?:national\s+)?review\b|"
            # a review commissioned, put off, criticised or not to be held, as a headline
            # says it: "Partnership commissions review of ...", "Publication of ... delayed",
            # "Commissioner criticises delay in review", "rejects call for review"
            r"\bcommissions\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?review\b|"
            r"\bpublication\s+of\s+(?:[\w'’-]+\s+){1,12}?(?:delayed|pushed\s+back)\b|"
            r"\bpushed\s+back\b|\bpublication\s+is\s+expected\b|"
            r"\bcriticis(?:e|es|ed)\s+(?!(?:in|by|at)\b)(?:the\s+)?(?:delay\s+in\s+(?:the\s+)?)?"
            r"(?:[\w'’-]+\s+){0,2}?review\b|\brejects?\s+(?:a\s+|the\s+)?calls?\s+for\b|"
            r"\b(?:should|would|is\s+due\s+to)\s+be\s+published\b|"
            r"\bwill\s+be\s+the\s+subject\s+of\b|"
            # an inquest's or a coroner's news
            r"^\W*inquest\s+(?:told|hears?|heard|opens?|concludes|resumes|into)\b|"
            r"prevention\s+of\s+future\s+deaths|prevent\s+future\s+deaths|\bregulation\s+28\b|"
            r"^\W*coroner\b|\bat\s+(?:the|an)\s+inquest\b|"
            # an agency's report to a review panel, a toolkit's templates, a position statement
            r"(?m:^\W*agency\s+report\W*$)|\btemplates\b|\bposition\s+statement\b|"
            # a family's note, an update for the community on a review in progress
            r"\bnote\s+from\s+(?:the\s+|their\s+|his\s+|her\s+)?family\b|"
            r"\bupdate\s+for\s+the\s+community\b|\bcommunity\s+update\b|\breview\s+in\s+progress\b|"
            # ("when will the review be published?", in Welsh)
            r"\bpryd\s+y\s+caiff\b|"
            # a reviewer appointed, a review not yet published, its terms of reference as a
            # file's name ("ChildH_TOR.pdf")
            # (not a title page's date line: "Reviewer appointed: 02/2021")
            r"\b(?:reviewer|author|chair)\s+(?:appointed|named)\b(?!\s*[:|])|"
            r"\bappoint(?:s|ed)\s+(?:an?\s+)?(?:new\s+)?(?:independent\s+)?(?:lead\s+)?"
            r"(?:reviewer|author)\b|\bnot\s+yet\s+(?:been\s+)?published\b|"
            r"(?-i:(?<![A-Za-z])TOR(?![A-Za-z]))",
            re.I | re.M,
        ),
    ),
    (
        "learning-brief",
        re.compile(
            r"7[\s-]*min(?:ute)?s?\b|seven[\s-]*minute|\b7\s?MB\b|learning brief|briefing|"
            # a topic's learning under a label: "Lessons learned: adolescent neglect",
            # "Multi-agency learning: ...", "Spotlight on: self-harm"
            r"^\W*(?:no\.\s*\d{1,3}\s+)?(?:lessons\s+learn(?:ed|t)|"
            r"(?:multi[- ]agency|case\s+review|practice|local)\s+learning|"
            r"learning\s+from\s+(?:practice|thematic\s+reviews)|spotlight(?:\s+on)?)\s*(?:[:–—]|\s-\s)|"
            # someone's summary of a study: "Summary of the ‘Held at arm's length’ report",
            # "Summary of the ... investigation report", "Summary of ‘...: A Triennial Analysis"
            r"^\W*summary\s+of\s+(?:the\s+)?(?:['‘“]|[^\n]{0,100}?\b(?:investigation\s+report|"
            r"(?:triennial|biennial)\s+analysis)\b)|"
            # a learning series' issue: "Lessons Learned Issue 6 April 2015 ..."
            r"\b(?:lessons\s+learn(?:ed|t)|learning)\s+(?:[\w-]+\s+){0,2}?(?:issue|no\.)\s*\d|"
            # slides as a file ("(PPTX, 144.2 KB)"), and a review's presentation on a page of
            # them ("Case Review Presentations")
            r"\((?:pptx?|powerpoint)\b|\bcase\s+review\s+presentations\b|\bpresentation\b|"
            r"leaflet|learning summary|rapid\s+review\s+summary|\bpractitioners?['’]?\s+summary\b|"
            # (not Ofsted's evaluations of many reviews, "Learning lessons from serious case
            # reviews 2009-2010")
            r"learning lessons(?!\s+review)(?!\s+from\s+serious\s+case\s+reviews\b)|"
            r"practice brief|learning note|"
            r"key learning|practice points|practice guide|key messages|learning points|"
            r"learning on (?:a|one) page|summary of (?:the\s+)?learning|learning and improvement "
            r"summary|one[\s-]*minute guide|learning bulletin|key lessons|what we (?:have\s+)?"
            r"learn(?:ed|t)|\bposter\b|infographic|(?<!family\s)(?<!credit:\s)\bhandout\b|"
            r"guidance note|practice note|\bpractice\s+alert\b|"
            r"\b(?:monthly|quarterly)\s+learning\b|\blearning\s+spotlight\b|\blessons\s+for\s+practice\b|"
            r"(?m:^[^\w\n]*lessons\s+learn(?:ed|t)[^\w\n]*$)|"
            r"learning workshop|practitioner\s+workshop|workshop\s+slides|"
            # (not a title page's date line: "Date of learning event | 03/2018")
            r"(?<!date\sof\s)learning event(?!\s*[:|])|"
            r"at a glance|\bslides\b|\btranscript\b|\bwhat\s+you\s+need\s+to\s+know\b|"
            r"learning\s+presentation|\bpractitioners?['’]?\s+briefs?\b|"
            r"summary\W+(?:[\w-]+\W+){0,3}easy[\s-]read|"
            # (an easy-read version of the review; "of the report" is the report's own)
            r"\beasy[\s-]read\b(?!\s+version\s+of\s+the\s+(?:full\s+)?report)|"
            r"\b(?:young\s+people|children)['’]s\s+version\b|"
            r"\bsummary\s+for\s+(?:practitioners|professionals)\b|"
            r"easy[\s-]read\s+summary|child[\s-]friendly|"
            # (not what services are for: "Review of services for children and young people")
            r"(?<!information\s)(?<!services\s)(?<!provision\s)(?<!support\s)"
            r"for\s+(?:children\s+and\s+)?young\s+people\b|"
            r"\bbriffio\b|\b7\s+munud\b|crynodeb\s+(?:o['’]r\s+)?dysgu|\bbriff\s+dysgu\b|\bpodcast\b|"
            r"\bpowerpoint\b|\blearning\s+report\b|\bepisode\s+\d+|"
            r"\blearning\s+(?:from\s+(?:practice|reviews)\s+)?(?:newsletter|bulletin)\b|"
            r"learning for (?:practitioners|professionals|staff)|"
            # "Learning from the thematic review of neglect": what one review teaches
            r"^\W*learning\s+from\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?review\b|"
            # "Child D Learning, published January 2021": learning as the document's noun
            r"\blearning(?=\s*(?:,|\(|$|\s[-–—|]\s))",
            re.I,
        ),
    ),
    (
        "executive-summary",
        re.compile(
            r"\boverview(?:\s+report)?\s*[-–—:]+\s*summary\b|"
            r"overview\s+report[\s:–-]*exec(?:utive|\.)?\s*summ?(?:ary)?\b|"
            # (not "Executive summary and full report published": the report is)
            r"exec(?:utive|\.)?\s*summ?(?:ary|aries)?\b(?!\s+and\s+(?:the\s+)?(?:full|overview)\s+report)|"
            r"summary report|(?:review|SCR|CSPR)\s+summary\b|summary of (?:the\s+|an?\s+)?"
            r"(?:serious case review|SCR|L?CSPR|(?:child\s+)?(?:safeguarding\s+)?practice review)|"
            # A title ending in "Summary": "Child D Summary".
            r"\bsummary\s*(?:\(|$)|summary of the review\b|public summary|"
            # "The seven-page summary of Mr Lock's report"
            r"\bsummary\s+of\s+(?:the\s+)?(?:(?:mr|mrs|ms|dr|professor)\.?\s+)?"
            r"(?:[\w-]+['’]s\s+)?(?:full\s+|final\s+|overview\s+)?report\b|"
            r"\bcrynodeb\b(?!\s+dysgu|\s+o['’]r\s+dysgu|\s+7\s+munud)|\bsummaris(?:es|ing)\s+the\s+full\s+report\b|"
            r"\bSCR\s+ES\b|\b(?:Child|Baby)\s+[A-Z]{1,2}\d{0,2}\s+ES\b",
            re.I,
        ),
    ),
    (
        "action-plan",
        re.compile(
            r"action plan|board response|management response|partnership response|"
            # not "the multi-agency response to Child E": what agencies did, in the report
            # (nor the response to a harm a review looked at: "The response to child sexual
            # exploitation in Rochdale")
            r"(?<!agency )(?<!agencies['’] )(?<!police )(?<!joined up )(?!"
            + RESPONSE_TO_HARM
            + r")"
            r"\bresponse (?:to|from)\b|"
            # a government's response to a national review
            r"\bgovernment\s+response\b|"
            r"response and actions|partnership['’]s response|implementation plan|"
            r"recommendations? tracker|\btimescales?\b.*\bRAG\b|recommendation\s*\|\s*action|"
            r"improvement plan|improvement report|summary of progress|progress report|"
            # "Child Q update report", "a follow-up report on the review's recommendations"
            r"\b(?:update|follow[- ]up)\s+report\b|"
            r"\bresponse\s+of\b|recommendations\s+and\s+progress|"
            r"progress update|update on (?:the\s+)?(?:recommendations|actions)|"
            r"\b(?:board|partnership|lscb|scb|council)['’]s\s+response|\bymateb\b|"
            # "DSCP response", "LSCB Response": a board's abbreviation and its response
            r"(?-i:\b[A-Z]{0,5}(?:L?SC[BP]|SP|SB)\b)\s+response\b|"
            r"progress\s+(?:against|on)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?recommendations|"
            r"\bactions?\s+(?:agreed|taken)\b|statement\s+of\s+(?:the\s+)?actions|"
            # the agencies' statements of what they have done since a review
            r"\b(?:agency|agencies['’]?|partner)\s+statements\b|"
            r"\bactions\s+on\s+the\s+recommendations|\b(?:is|are)\s+responding\b|"
            r"\bcynllun\s+gweithredu\b|"
            r"\bprogress\s+on\s+(?:the\s+)?actions\b|"
            # "what the partnership will do", "implementation of the recommendations"
            r"\bwhat\s+(?:the\s+|our\s+)?(?:partnership|board|partners)\s+(?:will|is\s+going\s+to)\s+do\b|"
            r"\bour\s+plan\s+for\b|\bimplementation\s+of\s+(?:the\s+)?recommendations\b|"
            r"\bpartners['’]\s+response\b|"
            # "The Board's reply to the author's recommendations", "Update on progress", "How
            # we have responded to the review", "Our actions against each recommendation"
            r"\breply\s+to\s+(?:the\s+)?(?:[\w'’]+\s+){0,2}?recommendations\b|"
            # a link that says only "Response" under a review's heading
            r"^\W*response\W*$|"
            r"\bupdate\s+on\s+progress\b|\bhow\s+we\s+(?:have\s+)?responded\b|"
            r"\bour\s+actions\s+(?:against|on)\b|"
            # (a title that is the agencies' response: "Multi-agency response to the Child T
            # review"; not a review's subject: "Multi-agency response to child sexual abuse in
            # the family environment")
            r"^\W*multi[- ]agency\s+(?!" + RESPONSE_TO_HARM + r")response\s+to\b|"
            r"\bresponded\s+to\s+(?:the\s+)?(?:review['’]s\s+)?recommendations\b|"
            # a part of a card's heading: "Child B – Recommendations and actions"
            r"[-–—:]\s*recommendations\s+and\s+actions\W*$",
            re.I,
        ),
    ),
    (
        "thematic-review",
        re.compile(
            # (not the thematic review's executive summary or briefing, which that names)
            r"thematic(?!\s+(?:learning\s+)?(?:brief|briefing|summary|bulletin|from\b))"
            # (nor, on a title page, the summary named on a line below: "Thematic Review /
            # Children Living with Domestic Abuse / Executive Summary")
            r"(?![^\n]{0,80}\n[^\n]{0,80}\n?[^\n]{0,30}\bexecutive\s+summary)"
            r"(?![^\n]{0,80}\b(?:executive\s+summary|briefing|learning\s+brief|action\s+plan|"
            r"poster|leaflet|slides|presentation|podcast|key\s+messages|workshop|"
            r"(?:7|seven)[\s-]*minute))|overarching\s+report|"
            r"\boverview\s+of\s+(?:\w+\s+){0,2}(?:serious\s+case\s+|practice\s+)?reviews\b|"
            r"themed review|(?:child\s+)?sexual\s+exploitation\s+review|\bCSE\s+review|"
            # a report of what many reviews teach, not a year's: "Learning from Reviews Report"
            r"(?<!annual\s)\blearning\s+from\s+(?:(?:case|practice|serious\s+case)\s+)?reviews\s+"
            r"report\b|"
            r"\breview\s+of\s+(?:[\w-]+\s+){0,2}?(?:suicides|deaths)\b|"
            r"review\s+into\s+(?:the\s+)?(?:child\s+)?sexual\s+exploitation|"
            # "a review of practice in relation to young people who go missing"
            r"\breview\s+of\s+(?:multi[- ]agency\s+)?practice\s+(?:in\s+relation\s+to|"
            r"relating\s+to|regarding|with)\s+(?:children|young\s+people|adolescents|babies|"
            r"infants|families|teenagers)\b|"
            r"themes report|meta-analysis|multi-case analysis|cross-case review|"
            # an inspectorate's evaluation of many reviews: "Ofsted's evaluation of serious
            # case reviews from 1 April 2009 to 31 March 2010"
            r"\bevaluation\s+of\s+(?:the\s+)?(?:serious\s+case\s+reviews|SCRs|case\s+reviews)\b|"
            r"^\W*learning\s+lessons\s+from\s+serious\s+case\s+reviews\b|"
            # a study's title: "A study of recommendations arising from serious case reviews"
            r"(?m:^\W*(?:an?\s+)?study\s+of\s+(?:[\w'’-]+\s+){0,5}?"
            r"(?:serious\s+case\s+reviews|case\s+reviews|SCRs|L?CSPRs|practice\s+reviews)\b)|"
            # a title's subtitle saying it studies many reviews: "Missing links: a study of
            # recommendations in case reviews", "Small voices: learning lessons from serious
            # case reviews 2010-2011"
            r":\s*(?=(?:an?\s+)?(?:(?:study|annual\s+review|analysis|overview)\b|(?:key\s+)?themes\s+from\b|"
            r"learning\s+lessons\s+from\b|reviewing\s+)[^\n]*\b(?:reviews|years)\b)|"
            # "a two year analysis of child protection database notifications"
            r"\banalysis\s+of\s+(?:[\w-]+\s+){0,4}?(?:reviews|notifications|SCRs|L?CSPRs)\b"
            r"(?![^\n]{0,80}\b(?:briefing|brief|summary|leaflet|poster|slides)\b)|"
            r"(?m:^\W*themes\s+from\s+(?:[\w-]+\s+){0,3}reviews\b)|multi[- ]case\s+review|"
            r"\b(?:children|young\s+people|infants|babies)\s+from\s+"
            r"(?:different|unrelated|separate)\s+families\b|"
            # several children not of one family: "three unrelated infants", "from three
            # different families", "none related to each other", "did not know one another"
            r"\bunrelated\s+(?:[\w-]+\s+)?(?:children|infants|babies|young\s+people|teenagers|"
            r"families|boys|girls|\d{1,2}-year-olds)\b|"
            r"\bfrom\s+(?:two|three|four|five|six|\d+)\s+(?:different|separate)\s+families\b|"
            r"\b(?:none|not)\s+(?:of\s+them\s+)?related\s+to\s+(?:each\s+other|one\s+another)\b|"
            r"\bdid\s+not\s+know\s+(?:one\s+another|each\s+other)\b|"
            r"\bwhat\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
            r"(?:[\w-]+\s+)?reviews\b|"
            r"\breview\s+of\s+(?:[\w-]+\s+){1,2}cases\b|"
            r"review of (?:several |\d+ |the )?(?:local )?reviews|reviews? of reviews|"
            # A review of several reviews: "Independent Review Published into Serious Case
            # Reviews".
            r"\breview\b[\w ]{0,20}?\b(?:of|into)\s+(?:the\s+|\w+\s+){0,2}?"
            r"(?:serious case reviews|case reviews|SCRs|(?:safeguarding\s+)?practice reviews)|"
            # "a review of six young people's experiences", "audited 20 cases"
            # "reviewing 21 probable suicides", "issues emerging from several serious case
            # reviews"
            r"\b(?:review(?:ed|ing)?|analysis|audit(?:ed)?|summary|examined|emerging\s+from|"
            r"drawn\s+from)\s+(?:of\s+)?(?:the\s+)?"
            r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|"
            r"several|multiple)\s+(?:[\w'’-]+\s+){0,2}?(?:cases|reviews|young people|"
            r"children|deaths|families|babies|infants|suicides|(?-i:L?CSPRs|SCRs))\b",
            re.I,
        ),
    ),
    (
        "overview-report",
        re.compile(
            # "Report and board response": the report, published with the response
            r"overview report|full report|final report|" + BARE_REPORT.pattern + r"|"
            r"\breport\s+and\s+(?:[\w'’]+\s+)?response\b|"
            # "Read the review and the partnership's response"
            r"^\W*read\s+the\s+(?:full\s+)?review\s+and\b|"
            r"\badroddiad\b(?!\s+blynyddol)(?!\s+crynodeb)",
            re.I,
        ),
    ),
]
# Words that only say what kind of work the document belongs to.
WEAK_DOC_TYPE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("learning-brief", re.compile(r"learning from|lessons from", re.I)),
    (
        "overview-report",
        re.compile(
            r"serious case review|safeguarding practice review|\bSCR\b|\bL?CSPR\b|\bL?SCPR\b|"
            r"\bSPR\b|\bCPR\b|child practice review|case review|learning review|\breports?\b|"
            r"\breview\b|"
            r"domestic homicide review|\bDHR\b|safeguarding adults? review",
            re.I,
        ),
    ),
]
# Numbered body text ("1.1 ...") and contents lines ("Executive summary ..... 3") on a
# first page are not the document's title.
# (not a title's number of a case: "Serious Case Review Action Plan – Case 3")
BODY_LINE = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s(?!min)|section\s+\d)|\.{4,}|"
    r"(?<!\bcase)(?<!\bchild)(?<!\bperson)(?<!\bpeople)(?<!\bbaby)(?<!\bcpr)\s\d{1,3}\s*$",
    re.I,
)
# A contents list: what follows it on a first page lists the report's parts, not its kind.
# (and so does a glossary: "IMR / Individual Management Review")
CONTENTS_LINE = re.compile(
    r"^\W*(?:(?:table\s+of\s+)?contents|glossary(?:\s+of\s+terms)?|abbreviations)\W*$", re.I
)


# What a document-sharing site prints around a first page ("Upload: others", "4 views",
# "TRANSCRIPT"), and a sentence: neither is the document's title.
NOT_TITLE_LINE = re.compile(
    r"^\s*(?i:transcript|upload\b.*|post\s+on\b.*|\d+\s+(?:views?|downloads?)|category:?|"
    r"documents|view|download|embed\s+size.*|citation\s+preview)\s*$|"
    r"^(?=(?:\S+\s+){7}).*\.\s*$"
)


def title_lines(cover: str) -> str:
    lines: list[str] = []
    for line in cover.splitlines():
        if CONTENTS_LINE.match(line):
            break
        if not BODY_LINE.search(line) and not NOT_TITLE_LINE.match(line):
            lines.append(line)
    return "\n".join(lines)


def find_doc_type(*texts: str | None, default: str = "other", own_title: str | None = None) -> str:
    """The first text, in order of trust, that names the kind of document decides; words
    that only name the kind of review ("Serious Case Review") count when none does, and
    then the document's own title (`own_title`, its title page's lines) first: a link
    "Serious Case Review – Child K" to a cover titled "Learning from Serious Case Review
    Child K"; `default` when no text names a kind."""
    return (
        stated_doc_type(*texts, own_title)
        or _named_by(WEAK_DOC_TYPE_RULES, [t for t in (own_title, *texts) if t])
        or default
    )


def stated_doc_type(*texts: str | None) -> str | None:
    """The kind of document the first text that names one says it is ("executive
    summary", "final report"); None when they only name the kind of review."""
    return _named_by(DOC_TYPE_RULES, [t for t in texts if t])


# What a news site prints around its items: "Sign up to our morning newsletter".
NEWS_CHROME = re.compile(
    r"\bsign\s+up\s+(?:to|for)\s+(?:our\s+|the\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:newsletters?|e-?mails?|alerts|briefing)\b|\bregister\s+now\s+to\s+keep\s+reading\b",
    re.I,
)


def _named_by(rules: list[tuple[str, re.Pattern[str]]], texts: list[str]) -> str | None:
    for text in texts:
        text = NEWS_CHROME.sub(" ", text)
        best: tuple[int, str] | None = None
        for doc_type, pattern in rules:
            match = pattern.search(text)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), doc_type)
        if best:
            return best[1]
    return None
