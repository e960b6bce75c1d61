"""An inspectorates' joint review of one area's services is a review of a theme, named by
no child: the area, the inspectorates and the services it looked at are no case."""

from __future__ import annotations

import pytest

from harvester.metadata.headlines import headline_child
from tests.hints import read

COVER = (
    "Joint area review\nLambeth Children’s Services Authority Area\n"
    "Review of services for children and young people, with particular reference to "
    "safeguarding.\nOfsted Healthcare Commission HM Inspectorate of Constabulary\n"
    "Age group: All\nPublished: 12 June 2007\nReference no: 875"
)


def test_a_joint_area_review_is_a_thematic_review_of_no_case() -> None:
    meta = read(cover=COVER)
    assert (meta.case, meta.doc_type, meta.year) == (None, "thematic-review", 2007)


def test_services_for_young_people_are_no_version_for_young_people() -> None:
    line = "Review of services for children and young people in Marlhurst"
    assert read(cover=line).doc_type != "learning-brief"
    assert read(link="A guide for young people", heading="Child K").doc_type == "learning-brief"


def test_a_line_of_inspectorates_names_no_child() -> None:
    # (a library's record gives the title page's lines run together as its title)
    meta = read(link=" ".join(COVER.splitlines()), cover=COVER)
    assert meta.case is None


def test_a_body_s_name_is_no_child_s_name() -> None:
    line = (
        "Review of services for children and young people, with particular reference to "
        "safeguarding. Ofsted Healthcare Commission HM Inspectorate of Probation Published:"
    )
    assert headline_child(line) is None


@pytest.mark.parametrize(
    ("headline", "lede"),
    [
        (
            "Eastmere must improve child protection – report",
            "A review carried out by four inspectorates finds weak leadership.",
        ),
        (
            "Eastmere council failed to protect children, says report",
            "A council has been criticised by two watchdogs.",
        ),
        ("Boards need a clearer role, says committee report", "Published 3 March 2011"),
        ("Ofsted and fellow inspectorates reveal serious case review failings", ""),
    ],
)
def test_a_report_of_inspectorates_or_a_committee_is_a_review_of_a_theme(
    headline: str, lede: str
) -> None:
    meta = read(link=headline, heading="News", context=lede)
    assert (meta.case, meta.doc_type) == (None, "thematic-review")


def test_one_child_s_review_criticised_by_a_watchdog_is_still_the_child_s() -> None:
    meta = read(
        link="Watchdogs criticise agencies in Baby T review",
        heading="News",
        context="The serious case review into the death of Baby T was published today.",
    )
    assert meta.case == "Baby T" and meta.doc_type == "overview-report"
