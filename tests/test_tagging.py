"""The theme taxonomy (index/taxonomy.py, index/themes.toml) and the tagger
(harvester/tagging.py)."""

from __future__ import annotations

import random
import time
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from harvester.tagging import ThemeTagger
from index.taxonomy import DEFAULT_TAXONOMY_PATH, Taxonomy, TaxonomyError, load_taxonomy

EVAL_PATH = Path(__file__).parent / "data" / "theme_eval.toml"

# DESIGN.md section 3, "Theme ids": fixed, in this order.
FIXED_THEME_IDS = (
    "neglect", "emotional-abuse", "physical-abuse", "non-mobile-bruising",
    "abusive-head-trauma", "safe-sleep", "infant-crying", "sexual-abuse",
    "sexual-exploitation", "criminal-exploitation", "online-abuse", "domestic-abuse",
    "parental-mental-health", "substance-misuse", "toxic-trio", "hidden-men",
    "voice-of-child", "professional-curiosity", "disguised-compliance",
    "information-sharing", "escalation", "thresholds", "assessment", "family-history",
    "drift-delay", "child-protection-planning", "early-help", "supervision",
    "record-keeping", "self-harm-suicide", "disability", "missing-education",
    "missing-from-home", "fabricated-illness", "culture-ethnicity", "fgm-honour",
    "radicalisation", "housing-poverty", "kinship-private-fostering", "looked-after",
    "pre-birth", "young-carers", "workforce-leadership",
)  # fmt: skip


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="module")
def tagger(taxonomy: Taxonomy) -> ThemeTagger:
    return ThemeTagger(taxonomy)


def write_toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "themes.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- the bundled taxonomy -----------------------------------------------------------


def test_bundled_taxonomy_has_every_fixed_id_in_design_order(taxonomy: Taxonomy) -> None:
    assert len(FIXED_THEME_IDS) == 43
    assert DEFAULT_TAXONOMY_PATH.name == "themes.toml"
    assert set(FIXED_THEME_IDS) <= set(taxonomy.ids)
    fixed_in_file = [i for i in taxonomy.ids if i in FIXED_THEME_IDS]
    assert fixed_in_file == list(FIXED_THEME_IDS)


def test_bundled_themes_are_described_and_have_signals(taxonomy: Taxonomy) -> None:
    for theme in taxonomy.themes:
        assert theme.label and theme.label != theme.id
        assert len(theme.description) > 20, theme.id
        assert len(theme.signals) >= 5, theme.id


def test_taxonomy_lookup(taxonomy: Taxonomy) -> None:
    theme = taxonomy.get("domestic-abuse")
    assert theme is not None and "DV" in theme.abbreviations
    assert taxonomy.label("domestic-abuse") == "Domestic abuse"
    assert taxonomy.get("no-such-theme") is None
    assert taxonomy.label("no-such-theme") == "no-such-theme"
    assert taxonomy.get("toxic-trio").all_of == (
        "domestic-abuse",
        "parental-mental-health",
        "substance-misuse",
    )


# --- loader errors ------------------------------------------------------------------

GOOD_THEME = 'label = "X"\ndescription = "Y"\nsignals = ["x"]\n'


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (GOOD_THEME + 'colour = "red"\n', "'colour'"),
        (GOOD_THEME.replace('["x"]', '"x"'), "'signals'"),
        (GOOD_THEME + "abbreviations = [1]\n", "'abbreviations'"),
        (GOOD_THEME.replace('label = "X"', "label = 3"), "'label'"),
        (GOOD_THEME.replace('label = "X"\n', ""), "'label'"),
        (GOOD_THEME.replace('description = "Y"', "description = []"), "'description'"),
        ('label = "X"\ndescription = "Y"\n', "'signals'"),
        (GOOD_THEME + 'exclude = ["a*b"]\n', "'exclude'"),
        (GOOD_THEME + 'all_of = ["missing"]\n', "'all_of'"),
    ],
)
def test_loader_error_names_file_theme_and_key(tmp_path: Path, body: str, named: str) -> None:
    path = write_toml(tmp_path, f"[themes.my-theme]\n{body}")
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message and "'my-theme'" in message and named in message


@pytest.mark.parametrize("bad_id", ["My-Theme", "my_theme", "my--theme", "-x", "x-"])
def test_loader_rejects_bad_theme_ids(tmp_path: Path, bad_id: str) -> None:
    path = write_toml(tmp_path, f'[themes."{bad_id}"]\n{GOOD_THEME}')
    with pytest.raises(TaxonomyError, match="bad theme id"):
        load_taxonomy(path)


def test_loader_reports_unknown_top_level_key_and_bad_toml(tmp_path: Path) -> None:
    path = write_toml(tmp_path, f"version = 2\n[themes.a]\n{GOOD_THEME}")
    with pytest.raises(TaxonomyError, match="'version'"):
        load_taxonomy(path)
    path = write_toml(tmp_path, "[themes.a\n")
    with pytest.raises(TaxonomyError, match="invalid TOML"):
        load_taxonomy(path)
    with pytest.raises(TaxonomyError, match="not found"):
        load_taxonomy(tmp_path / "missing.toml")


# --- an analyst's own theme ---------------------------------------------------------


def test_analyst_added_theme_is_loaded_and_tagged(tmp_path: Path) -> None:
    bundled = DEFAULT_TAXONOMY_PATH.read_text(encoding="utf-8")
    extra = """
[themes.water-safety]
label = "Water safety"
description = "Drowning and near-drowning, supervision near water and at bath time."
signals = ["drown*", "near-drowning", "bath time", "left in the bath", "garden pond"]
abbreviations = ["RNLI"]
exclude = ["drowned out"]
"""
    taxonomy = load_taxonomy(write_toml(tmp_path, bundled + extra))
    assert taxonomy.ids[-1] == "water-safety"
    assert taxonomy.label("water-safety") == "Water safety"
    tagger = ThemeTagger(taxonomy)
    text = "The toddler was left in the bath with her brother and was found drowned."
    assert "water-safety" in tagger.theme_ids(text)
    assert dict(tagger.tag(text))["water-safety"] == pytest.approx(0.75)
    assert "water-safety" not in tagger.theme_ids("Her voice was drowned out by the TV.")
    assert "water-safety" in tagger.theme_ids("Advice from the RNLI was shared.")
    assert "water-safety" not in tagger.theme_ids("Advice from the rnli was shared.")


def test_analyst_theme_defined_by_all_of(tmp_path: Path) -> None:
    path = write_toml(
        tmp_path,
        """
[themes.cats]
label = "Cats"
description = "About cats."
signals = ["cat"]
[themes.dogs]
label = "Dogs"
description = "About dogs."
signals = ["dog"]
[themes.pets]
label = "Cats and dogs"
description = "Both together."
all_of = ["cats", "dogs"]
""",
    )
    tagger = ThemeTagger(load_taxonomy(path))
    assert tagger.theme_ids("A cat and two dogs.") == ["cats", "dogs", "pets"]
    assert tagger.theme_ids("Three cats.") == ["cats"]


# --- matching rules -----------------------------------------------------------------


def test_abbreviations_are_case_sensitive_whole_words(tagger: ThemeTagger) -> None:
    assert "domestic-abuse" in tagger.theme_ids("Police logged a DV incident.")
    assert "domestic-abuse" in tagger.theme_ids("Two DVs were logged.")
    assert "domestic-abuse" not in tagger.theme_ids("police logged a dv incident.")
    assert "domestic-abuse" not in tagger.theme_ids("The advice was to call the GP.")
    assert "looked-after" in tagger.theme_ids("He was LAC at the time.")
    assert "looked-after" not in tagger.theme_ids("There was a lac of food.")


@pytest.mark.parametrize(
    "text",
    [
        "Bruising in a non-mobile baby must always be referred.",
        "Bruising in a non mobile baby must always be referred.",
        "Bruising in a nonmobile baby must always be referred.",
        "Bruising in a non-\nmobile baby must always be referred.",
        "Bruising in a non\u2011mobile baby must always be referred.",
        "BRUISING IN A NON-MOBILE BABY",
    ],
)
def test_hyphens_spaces_line_breaks_and_case_are_tolerated(tagger: ThemeTagger, text: str) -> None:
    assert "non-mobile-bruising" in tagger.theme_ids(text)


def test_quotes_plurals_and_wildcards(tagger: ThemeTagger) -> None:
    assert "voice-of-child" in tagger.theme_ids("The child\u2019s voice was not heard.")
    assert "voice-of-child" in tagger.theme_ids("The child's voice was not heard.")
    assert "physical-abuse" in tagger.theme_ids(
        "The child's injuries were not explained by her mother."
    )
    assert "physical-abuse" in tagger.theme_ids("The mother said her baby was bruised.")
    assert "safe-sleep" in tagger.theme_ids("The parents were co-sleeping.")
    assert "safe-sleep" in tagger.theme_ids("The parents were cosleeping.")
    assert "substance-misuse" in tagger.theme_ids("Drug & alcohol services closed the case.")
    assert "workforce-leadership" in tagger.theme_ids("The worker held 32 cases.")
    assert "sexual-abuse" not in tagger.theme_ids("The grapes were rotten.")


def test_exclude_phrases_remove_the_matches_they_cover(tagger: ThemeTagger) -> None:
    assert "neglect" in tagger.theme_ids("The children were neglected.")
    assert "neglect" not in tagger.theme_ids("The grandfather's self-neglect was known.")
    assert "supervision" in tagger.theme_ids("The social worker had no supervision for months.")
    assert "supervision" not in tagger.theme_ids("There was inadequate supervision of the baby.")
    assert "culture-ethnicity" not in tagger.theme_ids("The organisational culture was poor.")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("There were no concerns about domestic abuse.", "domestic-abuse"),
        ("There was no evidence of drug use in the home.", "substance-misuse"),
        ("The mother was not known to mental health services.", "parental-mental-health"),
        ("The father had no history of violence or domestic abuse.", "domestic-abuse"),
        ("There was nothing to suggest neglect.", "neglect"),
    ],
)
def test_generic_negation(tagger: ThemeTagger, text: str, absent: str) -> None:
    assert absent not in tagger.theme_ids(text)


def test_negation_ends_with_its_clause(tagger: ThemeTagger) -> None:
    text = "There were no concerns about domestic abuse, but the father was using heroin."
    assert tagger.theme_ids(text) == ["substance-misuse"]
    text = "There was no evidence of drug use. Later the mother disclosed domestic abuse."
    assert tagger.theme_ids(text) == ["domestic-abuse"]


def test_toxic_trio_fires_when_all_three_are_present(tagger: ThemeTagger) -> None:
    text = (
        "Mother had longstanding depression, father drank heavily, and police were "
        "called to domestic violence incidents."
    )
    tags = dict(tagger.tag(text))
    assert {"domestic-abuse", "parental-mental-health", "substance-misuse"} <= set(tags)
    assert 0 < tags["toxic-trio"] <= 1
    two_of_three = "Mother had depression and father drank heavily."
    assert "toxic-trio" not in tagger.theme_ids(two_of_three)
    assert "toxic-trio" in tagger.theme_ids("The review found the toxic trio in this family.")


def test_scores_sort_and_threshold(tagger: ThemeTagger) -> None:
    text = (
        "Neglect was chronic: the home conditions were poor and the children were "
        "hungry. The mother had depression."
    )
    tags = tagger.tag(text)
    assert tags[0][0] == "neglect" and tags[0][1] > tags[-1][1]
    assert all(0 < score <= 1 for _, score in tags)
    assert tags == sorted(tags, key=lambda t: (-t[1], t[0]))
    assert [t for t, _ in tagger.tag(text, min_score=0.8)] == ["neglect"]
    assert tagger.theme_ids(text) == [t for t, _ in tags]
    assert tagger.tag("") == [] and tagger.tag("The weather was fine.") == []
    assert tagger.explain(text)["parental-mental-health"] == ["depression"]


# --- evaluation -----------------------------------------------------------------------


def load_eval_cases() -> list[dict]:
    with EVAL_PATH.open("rb") as fh:
        return tomllib.load(fh)["case"]


def test_evaluation_set_is_well_formed(taxonomy: Taxonomy) -> None:
    cases = load_eval_cases()
    assert len(cases) >= 40
    labelled = {t for case in cases for t in case["themes"]}
    assert labelled <= set(taxonomy.ids)
    assert set(FIXED_THEME_IDS) <= labelled  # every fixed theme is tested at least once


def test_precision_and_recall_on_labelled_lessons(tagger: ThemeTagger) -> None:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # set -> tp, fp, fn
    for case in load_eval_cases():
        got, expected = set(tagger.theme_ids(case["text"])), set(case["themes"])
        for key in (case.get("set", "written-first"), "all"):
            counts[key][0] += len(got & expected)
            counts[key][1] += len(got - expected)
            counts[key][2] += len(expected - got)
    for key, (tp, fp, fn) in sorted(counts.items()):
        print(f"{key:>14}: micro P={tp / (tp + fp):.3f} R={tp / (tp + fn):.3f} ({tp=} {fp=} {fn=})")
    tp, fp, fn = counts["all"]
    assert tp / (tp + fp) >= 0.80
    assert tp / (tp + fn) >= 0.70


def test_tagging_is_fast(tagger: ThemeTagger) -> None:
    words = " ".join(case["text"] for case in load_eval_cases()).split()
    rng = random.Random(7)
    paragraphs = []
    for _ in range(1000):
        start = rng.randrange(len(words) - 80)
        paragraphs.append(" ".join(words[start : start + 80]))
    started = time.perf_counter()
    for paragraph in paragraphs:
        tagger.tag(paragraph)
    elapsed = time.perf_counter() - started
    print(f"tagged 1000 paragraphs of 80 words in {elapsed:.3f}s")
    assert elapsed < 3.0  # target is under 1 s on one core; leave room for slow CI machines


def test_the_one_pass_scan_finds_exactly_what_the_word_by_word_scan_finds():
    from harvester.tagging import normalise

    tagger = ThemeTagger(load_taxonomy())
    assert tagger._scan is not None
    texts = [
        "Bruising in a non-mobile baby is never normal; the DV and CSE history was not shared.",
        "Mother's new partner was unknown to agencies. No concerns about neglect were raised.",
        "The GP did not refer to CAMHS; LACs and EHCPs were not reviewed at the ICPC.",
        "Co-sleeping on a sofa after drinking alcohol: safe sleep advice was not revisited.",
    ]
    for text in texts:
        norm = normalise(text)
        lowered = norm.lower()
        fast = tagger._find(norm, lowered)
        slow = tagger._find_word_by_word(norm, lowered)
        assert {k: [(m.start, m.end) for m in v] for k, v in fast.items()} == {
            k: [(m.start, m.end) for m in v] for k, v in slow.items()
        }
        assert fast


def test_a_signal_starting_with_a_lone_star_falls_back_to_the_word_by_word_scan(tmp_path):
    path = tmp_path / "themes.toml"
    path.write_text(
        '[themes.caseloads]\nlabel = "Caseloads"\ndescription = "Workload."\n'
        'signals = ["* caseload*"]\n',
        encoding="utf-8",
    )
    tagger = ThemeTagger(load_taxonomy(path))
    assert tagger._scan is None
    assert tagger.theme_ids("Her high caseloads meant visits were missed.") == ["caseloads"]


# --- everyday words and the safeguarding context -------------------------------------------


@pytest.mark.parametrize(
    ("text", "theme", "tagged"),
    [
        ("The flight's delay was announced at the gate.", "drift-delay", False),
        ("The delay in holding the conference left the baby with her mother.", "drift-delay", True),
        ("They were drinking coffee on the terrace.", "substance-misuse", False),
        ("Mother was drinking heavily while caring for the children.", "substance-misuse", True),
        ("Religion and race were debated in parliament.", "culture-ethnicity", False),
        ("The children were neglected.", "neglect", True),
        ("The garden was neglected for years.", "neglect", False),
        # A signal that needs no context makes the whole text about safeguarding.
        ("Domestic abuse was reported; the drinking went on.", "substance-misuse", True),
    ],
)
def test_everyday_words_count_only_in_the_safeguarding_context(
    tagger: ThemeTagger, text: str, theme: str, tagged: bool
) -> None:
    assert (theme in tagger.theme_ids(text)) is tagged


def test_context_words_and_signal_kinds_come_from_the_taxonomy(tmp_path: Path) -> None:
    path = write_toml(
        tmp_path,
        """
[context]
words = ["pupil"]

[themes.water-safety]
label = "Water safety"
description = "Drowning."
signals = ["near-drowning"]
context_signals = ["pond"]
everyday_signals = ["water"]
""",
    )
    taxonomy = load_taxonomy(path)
    assert taxonomy.context == ("pupil",)
    assert taxonomy.get("water-safety").signals == ("near-drowning", "pond", "water")
    tagger = ThemeTagger(taxonomy)
    assert tagger.theme_ids("The pond was deep.") == []
    assert tagger.theme_ids("The pupil fell into the pond.") == ["water-safety"]
    assert tagger.theme_ids("The pupil drank the water.") == []
    assert tagger.theme_ids("The pupil and another pupil played in the water.") == ["water-safety"]
    assert tagger.theme_ids("A near-drowning in the water.") == ["water-safety"]
    with pytest.raises(TaxonomyError, match="context"):
        load_taxonomy(write_toml(tmp_path, '[context]\nphrases = ["x"]\n' + path.read_text()))


def test_plain_english_text_is_almost_never_tagged(tagger: ThemeTagger) -> None:
    """English with no safeguarding content: sentences drawn from wordfreq's English word
    list by frequency (fixed seeds). The target is at most 1 tag per 10,000 words."""
    from wordfreq import top_n_list, word_frequency

    words = top_n_list("en", 30000)
    weights = [word_frequency(w, "en") for w in words]
    total = tags = 0
    for seed in range(4):
        rng = random.Random(seed)
        for _ in range(1500):
            paragraph = " ".join(
                " ".join(rng.choices(words, weights, k=rng.randint(6, 22))).capitalize() + "."
                for _ in range(rng.randint(3, 7))
            )
            total += len(paragraph.split())
            tags += len(tagger.theme_ids(paragraph))
    per_10k = tags / total * 10_000
    print(f"plain English: {tags} tags in {total} words = {per_10k:.2f} per 10,000 words")
    assert total > 400_000
    assert per_10k <= 1.0


# --- precision judged by hand ------------------------------------------------------------


def _judged_precision(tagger: ThemeTagger, lessons: str, judgments: str) -> tuple[int, int]:
    """(right, all) over the tags the tagger gives now; a tag nobody judged counts as
    wrong, so a change that adds tags needs new judgments before it can score."""
    data = Path(__file__).parent / "data"
    with (data / judgments).open("rb") as fh:
        verdicts = {
            (lesson["id"], j["theme"]): j["verdict"]
            for lesson in tomllib.load(fh)["lesson"]
            for j in lesson["judgments"]
        }
    with (data / lessons).open("rb") as fh:
        texts = tomllib.load(fh)["lesson"]
    assert len(texts) == 100
    right = total = 0
    for lesson in texts:
        for theme in tagger.theme_ids(f"{lesson['section']}\n{lesson['text']}"):
            total += 1
            right += verdicts.get((lesson["id"], theme)) == "right"
    return right, total


@pytest.mark.parametrize(
    ("lessons", "judgments", "floor"),
    [
        # The first set's judgments also guided the taxonomy's last revision (0.67 before).
        ("precision_lessons.toml", "precision_judgments.toml", 0.75),
        # The second set was written and judged after that revision: the clean measure.
        ("precision_lessons_2.toml", "precision_judgments_2.toml", 0.70),
    ],
)
def test_precision_on_lessons_judged_by_hand(
    tagger: ThemeTagger, lessons: str, judgments: str, floor: float
) -> None:
    right, total = _judged_precision(tagger, lessons, judgments)
    print(f"{lessons}: {right} of {total} tags judged right = {right / total:.3f}")
    assert total >= 100
    assert right / total >= floor


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("The father was controlling and coercive towards the mother.", "domestic-abuse"),
        ("Agencies knew little about the men in the child's life.", "hidden-men"),
        ("Nobody asked who else was living at the address.", "hidden-men"),
        ("At twelve he was caring for his disabled mother most evenings.", "young-carers"),
        ("The risks were not weighed up when the plan ended.", "assessment"),
        (
            "The father used controlling and threatening behaviour towards the mother.",
            "domestic-abuse",
        ),
        (
            "Staff took reassurance from the parents and accepted explanations for the marks.",
            "professional-curiosity",
        ),
        ("Health visitors had never met the father, who was the baby's main carer.", "hidden-men"),
        (
            "Each referral was judged as not reaching the level for statutory intervention.",
            "thresholds",
        ),
        (
            "She feared her family would take her abroad and she would be made to marry.",
            "fgm-honour",
        ),
        ("No assessment of her needs as a child was completed.", "assessment"),
    ],
)
def test_common_ways_reviews_put_a_theme(tagger: ThemeTagger, text: str, theme: str) -> None:
    assert theme in [t for t, _ in tagger.tag(text)]


@pytest.mark.parametrize(
    ("name", "floor"),
    [
        ("keyword_descriptions.toml", 0.75),
        # Written later by another hand; its misses (0.74 before) then guided the phrases.
        ("keyword_descriptions_2.toml", 0.85),
        # Short summaries in varied everyday wording, written blind by a third hand: 0.74 when
        # first scored; its misses then guided paraphrases added to the taxonomy.
        ("keyword_descriptions_3.toml", 0.85),
        # A fourth hand, in the national catalogue's, boards' briefings' and libraries'
        # shapes, saying each idea in other words: 0.64 when first scored.
        ("keyword_descriptions_4.toml", 0.80),
        # A fifth hand, in three periods' cataloguing styles and practitioners' shorthand
        # (CIN plan, SGO, "left out of the assessment"): 0.80 when first scored.
        ("keyword_descriptions_6.toml", 0.87),
        # A sixth hand, with the 2021-2025 updates' practice themes said in other words
        # ("nobody asking the girl what her life was like"): 0.66 when first scored.
        ("keyword_descriptions_7.toml", 0.79),
    ],
)
def test_catalogue_keywords_found_in_catalogue_style_descriptions(
    tagger: ThemeTagger, name: str, floor: float
) -> None:
    """Catalogue-style descriptions with the keywords a cataloguer would attach: the share
    of the keywords' themes the tagger finds in the descriptions (tune sets: their misses
    guided the taxonomy's phrases)."""
    path = Path(__file__).parent / "data" / name
    with path.open("rb") as fh:
        entries = tomllib.load(fh)["entry"]
    keywords = dict(tagger.taxonomy.catalogue)
    unmapped = {k for e in entries for k in e["keywords"] if k.lower() not in keywords}
    assert not unmapped, unmapped
    found = wanted = 0
    for entry in entries:
        want = {t for k in entry["keywords"] for t in keywords[k.lower()]}
        found += len(want & set(tagger.theme_ids(entry["description"])))
        wanted += len(want)
    assert len(entries) >= 100 and wanted >= 300
    assert found / wanted >= floor, f"{found} of {wanted}"


@pytest.mark.parametrize(
    ("name", "floor"),
    [
        # 0.707 when first scored; its misses then guided phrases.
        ("real_shapes_catalogue.toml", 0.77),
        # A second writer's, kept unseen by the phrases: 0.663 with the taxonomy as it
        # stood before either set, 0.674 with the phrases the first set led to.
        ("real_shapes_catalogue_2.toml", 0.66),
        # A third writer's, also unseen by the phrases: 0.669 with the taxonomy as it stood
        # before the national sets, 0.679 after. (Phrases drawn from its misses took it to
        # 0.76 but left the second writer's at 0.674 and tagged judged lessons anew; not
        # kept.)
        ("real_shapes_catalogue_3.toml", 0.67),
    ],
)
def test_catalogue_keywords_found_in_a_national_collections_entries(
    tagger: ThemeTagger, name: str, floor: float
) -> None:
    """The national collection's entries written blind (also read for their metadata in
    tests/test_board_pages.py): the share of their keywords' themes the tagger finds in
    their descriptions."""
    path = Path(__file__).parent / "data" / name
    with path.open("rb") as fh:
        entries = tomllib.load(fh)["entry"]
    keywords = dict(tagger.taxonomy.catalogue)
    found = wanted = 0
    for entry in entries:
        want = {t for k in entry["keywords"] for t in keywords[k.lower()]}
        found += len(want & set(tagger.theme_ids(entry["summary"])))
        wanted += len(want)
    assert len(entries) >= 100 and wanted >= 250
    assert found / wanted >= floor, f"{found} of {wanted}"
