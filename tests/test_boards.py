"""The board table (index/boards.toml): names, abbreviations and areas over time, and the
canonical names that reach the index's board facet and case identities."""

from __future__ import annotations

from pathlib import Path

import pytest

from harvester.catalog import Catalog
from harvester.ingest import ingest_paths
from harvester.metadata import Hints, infer_metadata
from harvester.pipeline import sync_index
from harvester.store import BlobStore
from index import LessonSearcher, SearchQuery
from index.boards import BoardTableError, load_board_table, parse_board_table
from index.location import DataDir
from tests.documents import make_pdf


@pytest.fixture(scope="module")
def table():
    return load_board_table()


def test_the_bundled_table_covers_england_and_wales(table) -> None:
    nations = [area.nation for area in table.areas]
    assert nations.count("wales") >= 22 + 6  # every council and the regional boards
    assert nations.count("england") >= 150
    for area in table.areas:
        years = [(b.start or 0, b.end or 9999) for b in area.boards]
        assert all(start <= end for start, end in years), area.id


@pytest.mark.parametrize(
    ("written", "year", "expected"),
    [
        ("Peterborough Safeguarding Children Board", None, "peterborough"),
        ("Peterborough Local Safeguarding Children Board", 2012, "peterborough"),
        ("PETERBOROUGH SAFEGUARDING CHILDREN BOARD", None, "peterborough"),
        ("Peterborough LSCB", 2014, "peterborough"),
        ("RBSCB", None, "rochdale"),  # initials one board used
        ("PSCB", None, "?"),  # Peterborough's, Plymouth's and Portsmouth's: no guess
        ("Cambridgeshire and Peterborough Safeguarding Children Partnership", 2021, None),
        ("Birmingham Safeguarding Children Partnership", 2022, "birmingham"),
        # "Children's" written without its apostrophe, or without the "s".
        ("Sandwell Childrens Safeguarding Partnership", 2022, "sandwell"),
        ("Sandwell Children Safeguarding Partnership", 2022, "sandwell"),
        ("Fenmarsh Safeguarding Children Board", 2015, "?"),  # a fictional board
    ],
)
def test_names_as_written_resolve_to_their_area(table, written, year, expected) -> None:
    known = table.known(written, year)
    if expected == "?":
        assert known is None
        return
    assert known is not None
    if expected:
        assert known.area == expected
    assert known.name in {b.name for a in table.areas for b in a.boards}


def test_a_place_has_the_board_of_its_year_and_its_successor_after(table) -> None:
    then = table.in_place("Peterborough", 2016)
    later = table.in_place("Peterborough", 2021)
    assert then.name == "Peterborough Safeguarding Children Board"
    assert later.area == "cambridgeshire-and-peterborough"
    assert table.in_place("Ceredigion", 2012).area == "ceredigion"
    assert table.in_place("Ceredigion", 2019).area == "mid-and-west-wales"
    assert table.in_place("Nowhere Town", 2016) is None


def test_a_joint_board_covers_its_areas_for_its_years() -> None:
    table = parse_board_table(
        {
            "areas": {
                "east": {"name": "East", "boards": [{"name": "East Board", "until": 2018}]},
                "west": {"name": "West", "boards": [{"name": "West Board", "until": 2018}]},
                "east-and-west": {
                    "name": "East and West",
                    "covers": ["east", "west"],
                    "boards": [{"name": "East and West Partnership", "from": 2019}],
                },
            }
        }
    )
    assert table.in_place("West", 2017).name == "West Board"
    assert table.in_place("West", 2020).name == "East and West Partnership"


def test_a_board_named_as_the_table_has_it_is_read_however_its_name_is_built() -> None:
    table = parse_board_table(
        {
            "areas": {
                "fenmarsh": {
                    "name": "Fenmarsh",
                    "boards": [
                        {"name": "Fenmarsh Safeguarding Children Board", "until": 2019},
                        {
                            "name": "Fenmarsh Together for Vulnerable People",
                            "aliases": ["Fenmarsh Keeping People Safe Partnership"],
                            "from": 2019,
                        },
                    ],
                }
            }
        }
    )
    cover = "FENMARSH TOGETHER FOR VULNERABLE PEOPLE\nChild Safeguarding Practice Review\nChild T"
    meta = infer_metadata(Hints(link_text="Download"), cover, boards=table)
    assert (meta.board, meta.area) == ("Fenmarsh Together for Vulnerable People", "fenmarsh")
    listed = Hints(link_text="Child T", context="Fenmarsh Keeping People Safe Partnership, 2021")
    meta = infer_metadata(listed, "Child Safeguarding Practice Review", boards=table)
    assert (meta.board, meta.area) == ("Fenmarsh Together for Vulnerable People", "fenmarsh")
    # A name's words apart, or a short name, are not the board.
    assert table.named_in("people in Fenmarsh work together for vulnerable children") is None
    assert table.named_in("Fenmarsh") is None


def test_a_place_named_after_the_kind_of_board_is_that_places_board() -> None:
    table = parse_board_table(
        {
            "areas": {
                "fenmarsh-east": {
                    "name": "Fenmarsh East",
                    "boards": [{"name": "Fenmarsh East Safeguarding Children Board"}],
                },
            }
        }
    )
    for cover in (
        "LSCB Fenmarsh East\nSerious Case Review\nChild T",
        "Safeguarding Children Partnership for Fenmarsh East\nChild T",
        "Safeguarding Children in Fenmarsh East\nSerious Case Review",
    ):
        meta = infer_metadata(Hints(link_text="Download"), cover, boards=table)
        assert meta.area == "fenmarsh-east", cover
    unknown = "Safeguarding Children in Education\nSerious Case Review"
    assert infer_metadata(Hints(link_text="Download"), unknown, boards=table).area is None


def test_a_place_a_title_names_after_in_is_that_places_board() -> None:
    table = parse_board_table(
        {
            "areas": {
                "north-and-south-rilby": {
                    "name": "North and South Rilby",
                    "nation": "wales",
                    "boards": [{"name": "North and South Rilby Regional Safeguarding Board"}],
                },
                "fenmarsh": {
                    "name": "Fenmarsh",
                    "boards": [{"name": "Fenmarsh Safeguarding Children Board"}],
                },
            }
        }
    )
    cover = "A desk based review of self-harm among care leavers in North and South\nRilby"
    title = "Thematic Review of Neglect in North and South Rilby – Published 2021"
    assert infer_metadata(Hints(link_text=title), "", boards=table).area == "north-and-south-rilby"
    assert infer_metadata(Hints(link_text="Download"), cover, boards=table).area is None
    joined = cover.replace("\n", " ")
    meta = infer_metadata(Hints(link_text="Download"), joined, boards=table)
    assert meta.area == "north-and-south-rilby"
    # "LSCB: Fenmarsh": the place after the kind of board and a colon.
    colon = "Re-consideration of Serious Case Review LSCB: Fenmarsh Initials of Child HD"
    assert infer_metadata(Hints(link_text="Download"), colon, boards=table).area == "fenmarsh"
    # A place the table does not know names no board.
    unknown = "Thematic Review of Neglect in Westmarch"
    assert infer_metadata(Hints(link_text=unknown), "", boards=table).area is None


def test_a_joint_area_is_known_in_either_order() -> None:
    table = parse_board_table(
        {
            "areas": {
                "westmoor-and-easton": {
                    "name": "Westmoor and Easton",
                    "boards": [{"name": "Westmoor and Easton Safeguarding Children Board"}],
                },
            }
        }
    )
    for written in ("Easton and Westmoor LSCB", "Easton & Westmoor Safeguarding Children Board"):
        assert table.known(written, 2017).area == "westmoor-and-easton", written
    assert table.in_place("Easton and Westmoor").area == "westmoor-and-easton"


def test_a_joint_boards_name_wrapped_over_two_lines_is_the_joint_board() -> None:
    table = parse_board_table(
        {
            "areas": {
                "easton": {
                    "name": "Easton",
                    "boards": [{"name": "Easton Safeguarding Children Board"}],
                },
                "westmoor-and-easton": {
                    "name": "Westmoor and Easton",
                    "boards": [{"name": "Westmoor and Easton Safeguarding Children Board"}],
                },
            }
        }
    )
    cover = "Westmoor and\nEaston Safeguarding Children Board\nFamily F Serious Case Review"
    meta = infer_metadata(Hints(link_text="Download"), cover, boards=table)
    assert meta.area == "westmoor-and-easton"
    alone = infer_metadata(Hints(link_text="Download"), cover.split("\n", 1)[1], boards=table)
    assert alone.area == "easton"


def test_a_broken_table_is_reported_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(BoardTableError, match="unknown area 'nowhere'"):
        parse_board_table({"areas": {"a": {"name": "A", "succeeded_by": "nowhere"}}})
    with pytest.raises(BoardTableError, match="unknown board key 'since'"):
        parse_board_table({"areas": {"a": {"name": "A", "boards": [{"name": "B", "since": 1}]}}})
    bad = tmp_path / "boards.toml"
    bad.write_text("[areas.a\n", encoding="utf-8")
    with pytest.raises(BoardTableError, match="invalid TOML"):
        load_board_table(bad)


def test_documents_get_canonical_board_names_and_keep_their_cases_apart(
    tmp_path: Path, tagger
) -> None:
    """A board's documents written with its name in different forms share one canonical
    name, one facet value and one case; its successor partnership's review of another
    "Child J" stays a case of its own."""
    folder = tmp_path / "reviews"
    folder.mkdir()
    lesson = [
        "Key learning",
        "5.1 Bruising in a non-mobile baby must always prompt a referral to children's social",
        "care and a paediatric assessment on the same day.",
    ]
    (folder / "child-j-executive-summary.pdf").write_bytes(
        make_pdf(
            [
                [
                    "PETERBOROUGH LOCAL SAFEGUARDING CHILDREN BOARD",
                    "Serious Case Review: Child J",
                    "Executive Summary",
                    "Published July 2015",
                ],
                lesson,
            ]
        )
    )
    (folder / "child-j-leaflet.pdf").write_bytes(
        make_pdf([["Peterborough LSCB", "Child J Professionals Leaflet", "September 2015"], lesson])
    )
    (folder / "child-j-2021.pdf").write_bytes(
        make_pdf(
            [
                [
                    "Cambridgeshire and Peterborough Safeguarding Children Partnership",
                    "Child Safeguarding Practice Review: Child J",
                    "Overview report",
                    "Published 4 March 2021",
                ],
                lesson,
            ]
        )
    )
    paths = DataDir(tmp_path / "data")
    with Catalog(paths.catalog) as catalog:
        store = BlobStore(paths.store)
        ingest_paths([folder], catalog, store)
        sync_index(paths.root, catalog, store, tagger, log=lambda _m: None)
    table = load_board_table()
    partnership = table.in_place("Peterborough", 2021).name
    with LessonSearcher(paths.root) as searcher:
        response = searcher.search(SearchQuery(per_page=50))
        boards = {f.value: f.count for f in response.facets["board"]}
        assert boards == {"Peterborough Safeguarding Children Board": 2, partnership: 1}
        cases = {(h.board, h.case_id) for h in response.results}
    case_ids = {case_id for _board, case_id in cases}
    assert len(case_ids) == 2
    assert any(c.startswith("peterborough-child-j-2015") for c in case_ids)
    assert any(c.startswith("cambridgeshire-and-peterborough-child-j-2021") for c in case_ids)


def test_a_document_hosted_by_a_successor_names_its_board_and_its_publisher(tmp_path: Path):
    """The seed case: the partnership's site hosts its predecessor board's leaflet."""
    from harvester.metadata import Hints, infer_metadata
    from index.records import DocumentRecord, LessonRecord
    from index.writer import rebuild
    from search_app import AppConfig, create_app

    partnership = "Cambridgeshire and Peterborough Safeguarding Children Partnership"
    meta = infer_metadata(
        Hints(
            "Child J Professionals Leaflet",
            None,
            "Highlighting lessons from Child J (July 2015)",
            board=partnership,
        ),
        "Peterborough Safeguarding Children Board\nChild J Professionals Leaflet",
    )
    assert meta.board == "Peterborough Safeguarding Children Board"
    assert meta.publisher and meta.publisher.startswith("Cambridgeshire and Peterborough")
    document = DocumentRecord(
        doc_id="0123456789abcdef",
        title="Child J Professionals Leaflet",
        case=meta.case,
        case_id=meta.case_id,
        board=meta.board,
        year=meta.year,
        doc_type=meta.doc_type,
        source_url="http://127.0.0.1/child-j.pdf",
        sha256="0" * 64,
        pages=1,
        publisher=meta.publisher,
    )
    lesson = LessonRecord(
        "0123456789abcdef-0001",
        "0123456789abcdef",
        "lesson",
        "Bruising in a non-mobile baby.",
        "Key learning",
        1,
        1,
    )
    rebuild(tmp_path, iter([(document, [lesson])]))
    client = create_app(AppConfig(tmp_path), TESTING=True).test_client()
    page = client.get("/documents/0123456789abcdef").get_data(as_text=True)
    assert "Peterborough Safeguarding Children Board" in page
    assert f"Published by</dt><dd>{meta.publisher}" in page
    [hit] = client.get("/api/search?q=bruising").get_json()["results"]
    assert (hit["board"], hit["publisher"]) == (meta.board, meta.publisher)


def test_a_board_written_with_its_place_s_possessive_is_known() -> None:
    table = load_board_table()
    known = table.known("Solihull’s Local Safeguarding Children’s Partnership")
    assert known is not None and known.area == "solihull"
    # (a name no place of the table begins stays unknown)
    assert table.known("Nowhere's Local Safeguarding Children Partnership") is None
