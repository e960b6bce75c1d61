"""Reviews named by their subject in the forms boards, inquiries and news give them: an
audit named by its theme, an inquiry or an investigation announced by what it looks into,
and news of such a review still to come."""

from __future__ import annotations

import pytest

from tests.hints import read


@pytest.mark.parametrize(
    ("link", "theme"),
    [
        ("Neglect Quality Assurance Audit", "Neglect"),
        ("Physical abuse audit (2022- 2023)", "Physical abuse"),
        ("Multi-agency case audit – emotional abuse", "emotional abuse"),
    ],
)
def test_an_audit_named_by_its_theme_is_a_review_of_it(link: str, theme: str) -> None:
    meta = read(link=link, heading="Multi-agency audits")
    assert (meta.case, meta.doc_type) == (theme, "thematic-review")


def test_an_agency_s_own_audit_is_no_review_of_a_theme() -> None:
    meta = read(link="Section 11 audit", heading="Multi-agency audits")
    assert (meta.case, meta.doc_type) == (None, "other")
