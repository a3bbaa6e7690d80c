"""The pure rules (no database): decide, diff and the A/B/C score."""

from __future__ import annotations

import json
from pathlib import Path

from hicoop.engine import worklist as w

LEGAL = w.Rule("T-01", "72", "2-07", "legal", w.RESTRICTED, ("a", "b"), "ref 1")
MEDIA = w.Rule("T-02", "63", "", "media", w.PROHIBITED, (), "ref 2")
GROUP = w.Rule("T-09", "723", "", "", w.PROHIBITED, (), "ref 9")


class TestDecide:
    def test_given_no_rule_matches_then_not_listed_with_every_entry_examined(self) -> None:
        found = w.decide([LEGAL, MEDIA], w.Position(("65", "I"), "2-02", "technical"))
        assert found.decision == w.NOT_LISTED
        assert [(e.code, e.reason) for e in found.examined] == [
            ("T-01", "industry"),
            ("T-02", "industry"),
        ]

    def test_given_a_middle_group_entry_when_a_finer_occupation_then_it_matches(self) -> None:
        found = w.decide([LEGAL], w.Position(("723", "72", "L"), "2-07-01", "legal"))
        assert found.decision == w.RESTRICTED
        assert found.conditions == ("a", "b")
        assert found.deciding == LEGAL

    def test_given_restricted_and_prohibited_match_then_prohibited_decides(self) -> None:
        found = w.decide([LEGAL, GROUP], w.Position(("723", "72", "L"), "2-07", "legal"))
        assert found.decision == w.PROHIBITED
        assert found.deciding == GROUP
        assert found.conditions == ()

    def test_position_kind_mismatch_is_reported(self) -> None:
        found = w.decide([LEGAL], w.Position(("72",), "2-07", "general"))
        assert found.examined[0].reason == "position_kind"


class TestDiff:
    def test_added_removed_tightened_relaxed(self) -> None:
        looser = w.Rule("T-01", "72", "2-07", "legal", w.RESTRICTED, ("a",), "ref 1")
        stricter = w.Rule("T-01", "72", "2-07", "legal", w.PROHIBITED, (), "ref 1")
        kinds = {c.key: c.kind for c in w.diff([LEGAL, MEDIA], [looser, GROUP])}
        assert kinds == {
            ("72", "2-07", "legal"): "relaxed",
            ("63", "", "media"): "removed",
            ("723", "", ""): "added",
        }
        assert w.diff([LEGAL], [stricter])[0].kind == "tightened"
        assert w.diff([LEGAL], [LEGAL]) == []


class TestScore:
    table = w.table_from_data(
        json.loads((Path(__file__).parents[1] / "data" / "points_2017.json").read_text())
    )

    def test_given_a_senior_researcher_then_class_a_with_each_factor(self) -> None:
        answers = {
            "salary": 50,
            "education": "doctorate",
            "experience": 12,
            "working_months": 12,
            "chinese": "hsk4",
            "age": 40,
            "bonuses": ["top_university", "fortune500"],
        }
        found = w.score(self.table, answers)
        points = {f.code: f.points for f in found.factors}
        assert points["salary"] == 20 and points["experience"] == 15 and points["bonuses"] == 5
        assert found.total == 20 + 20 + 15 + 15 + 8 + 15 + 5
        assert found.grade == "A"

    def test_thresholds(self) -> None:
        assert (
            w.score(
                self.table,
                {
                    "salary": 25,
                    "education": "master",
                    "working_months": 12,
                    "age": 30,
                    "experience": 5,
                },
            ).grade
            == "B"
        )
        assert w.score(self.table, {"salary": 6}).grade == "C"
