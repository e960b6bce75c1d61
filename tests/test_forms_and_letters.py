"""The review a form, a letter or one agency's report is about: its case is kept when the
document is not the review itself ("other"), as long as its own lines name it."""

from __future__ import annotations

from harvester.metadata import normalise_case
from tests.hints import read


def test_an_evaluation_form_s_initials_of_the_child_are_the_case() -> None:
    cover = (
        "Page 1 of 12\nHarrowden Chambers,\nMill Lane, Eastwick, EW2 3QP 01632-960000\n"
        "Revised Serious Case Review\nLSCB: Pellingford\nInitials of Child: RT\n"
        "Date of Death: 04/02/07\nDate first SCR sent to Ofsted: 12/09/07"
    )
    assert read(cover=cover).case == "RT"
    # ... on one line, as text extraction runs it together
    line = "Re-consideration of Serious Case Review LSCB: Pellingford Initials of Child HD Date"
    assert read(cover=line).case == "HD"


def test_a_letter_s_subject_line_names_its_review() -> None:
    cover = (
        "Ofsted\nUnit 2, Weir House, Castle Street, Ashby AB1 2CD\n3 June 2009\n"
        "Mr Peter Lowe\nIndependent Chair, Ormsby Safeguarding Children Board\nDear Mr Lowe\n"
        "Evaluation of serious case review: Child W\n"
        "Thank you for submitting the overview report and executive summary of the review."
    )
    meta = read(cover=cover)
    assert meta.doc_type == "other"
    assert meta.case == "Child W"


def test_one_agency_s_report_on_a_review_of_two_children_keeps_both() -> None:
    cover = (
        "Ormsby Safeguarding Children Board\nSerious Case Review – Child C and Child D\n"
        "Individual Management Review: Ormsby Council Children's Services\n"
        "Version 2 FINAL – 4 May 2015"
    )
    meta = read(cover=cover)
    assert meta.doc_type == "other"
    assert normalise_case(meta.case or "") == "Children C and D"


def test_a_post_listing_several_reviews_names_none_of_them() -> None:
    meta = read(
        heading="Partnership publishes three child safeguarding practice reviews",
        context="Posted 3 May 2021. The partnership has today published reviews concerning "
        "Child E, Child F and the G Family, together with a statement from the scrutineer.",
    )
    assert meta.case is None
