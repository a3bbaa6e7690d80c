"""``hicoop match …``: run matching in the three modes and work the interest loop from a shell."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import QuerySet

from hicoop.core.actors import OPERATOR, is_system
from hicoop.core.management.commands._output import run_service
from hicoop.listings.models import Demand
from hicoop.matchmaking import selectors, services
from hicoop.matchmaking.models import Interest, MatchCandidate, MatchRun


class Command(BaseCommand):
    help = (
        "Matching: 'point DEMAND' (点对点), 'coalition DEMAND' (多对一), 'batch' (一对一), "
        "'show RUN', 'interest CANDIDATE', 'partner-interest DEMAND --partner PARTY', "
        "'answer INTEREST --accept|--decline REASON', 'interests'."
    )

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        point = sub.add_parser("point", help="ranked partners for one demand")
        point.add_argument("demand", type=int)
        point.add_argument("--k", type=int, default=10)
        coalition = sub.add_parser("coalition", help="a coalition covering a demand's requirements")
        coalition.add_argument("demand", type=int)
        coalition.add_argument("--max-partners", type=int, default=3)
        batch = sub.add_parser("batch", help="one-to-one assignment of all open demands")
        batch.add_argument("--year", type=int, default=None)
        show = sub.add_parser("show", help="print a stored run")
        show.add_argument("run", type=int)
        interest = sub.add_parser("interest", help="express interest in a run's candidate")
        interest.add_argument("candidate", type=int)
        interest.add_argument("--message", default="")
        offer = sub.add_parser(
            "partner-interest", help="a partner expresses interest in a published demand"
        )
        offer.add_argument("demand", type=int)
        offer.add_argument("--partner", type=int, required=True, help="the partner party's id")
        offer.add_argument("--message", default="")
        answer = sub.add_parser("answer", help="accept or decline an expression of interest")
        answer.add_argument("interest", type=int)
        choice = answer.add_mutually_exclusive_group(required=True)
        choice.add_argument("--accept", action="store_true")
        choice.add_argument(
            "--decline", metavar="REASON", help="not_relevant, no_capacity, terms, other"
        )
        answer.add_argument("--note", default="")
        sub.add_parser("interests", help="list expressions of interest")
        for p in (point, coalition, batch, show, interest, offer, answer, sub.choices["interests"]):
            p.add_argument("--user", default="", help="act as this user (scope checks apply)")
            p.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["user"])
        actions = {
            "point": self._point,
            "coalition": self._coalition,
            "batch": self._batch,
            "show": self._show,
            "interest": self._interest,
            "partner-interest": self._partner_interest,
            "answer": self._answer,
        }
        actions.get(options["action"], self._interests)(actor, options)

    def _point(self, actor: Any, options: dict[str, Any]) -> None:
        demand = self._demand(options["demand"])
        run = run_service(
            lambda: services.run_point_to_point(
                demand=demand, actor=actor, on=dt.date.today(), k=options["k"]
            )
        )
        self._print_run(run, options)

    def _coalition(self, actor: Any, options: dict[str, Any]) -> None:
        demand = self._demand(options["demand"])
        run = run_service(
            lambda: services.run_coalition(
                demand=demand,
                actor=actor,
                on=dt.date.today(),
                max_partners=options["max_partners"],
            )
        )
        self._print_run(run, options)

    def _batch(self, actor: Any, options: dict[str, Any]) -> None:
        run = run_service(
            lambda: services.run_batch(actor=actor, on=dt.date.today(), year=options["year"])
        )
        self._print_run(run, options)

    def _show(self, actor: Any, options: dict[str, Any]) -> None:
        run = _one(_runs(actor), options["run"], "match run", "匹配运行")
        self._print_run(run, options)

    def _interest(self, actor: Any, options: dict[str, Any]) -> None:
        candidates = MatchCandidate.objects.filter(run__in=_runs(actor))
        candidate = _one(
            candidates.select_related("demand", "partner", "run"),
            options["candidate"],
            "candidate",
            "候选",
        )
        made = run_service(
            lambda: services.express_interest(
                demand=candidate.demand,
                partner=candidate.partner,
                candidate=candidate,
                actor=actor,
                message=options["message"],
            )
        )
        self.stdout.write(
            f"interest {made.pk}: {made.demand.title} → {made.partner.name} ({made.status})"
        )

    def _answer(self, actor: Any, options: dict[str, Any]) -> None:
        found = _one(_interests(actor), options["interest"], "expression of interest", "合作意向")
        done = run_service(
            lambda: services.respond_interest(
                interest=found,
                actor=actor,
                accept=options["accept"],
                reason=options["decline"] or "",
                note=options["note"],
                on=dt.date.today(),
            )
        )
        item = f" → item {done.item.number}" if done.item is not None else ""
        self.stdout.write(f"interest {done.pk}: {done.status}{item}")

    def _interests(self, actor: Any, options: dict[str, Any]) -> None:
        for row in _interests(actor):
            self.stdout.write(
                f"{row.pk:>5}  {row.status:<10} {row.demand.title} → {row.partner.name}"
            )

    def _partner_interest(self, actor: Any, options: dict[str, Any]) -> None:
        from hicoop.parties.models import Party

        demand = self._demand(options["demand"])
        partner = _one(Party.objects.all(), options["partner"], "party", "主体")
        made = run_service(
            lambda: services.express_interest_as_partner(
                demand=demand, partner=partner, actor=actor, message=options["message"]
            )
        )
        self.stdout.write(
            f"interest {made.pk}: {made.partner.name} → {made.demand.title} ({made.status})"
        )

    def _actor(self, username: str) -> Any:
        if not username:
            return OPERATOR
        found = get_user_model().objects.filter(username=username).first()
        if found is None:
            raise CommandError(f"No user {username!r}. / 没有用户 {username!r}。")
        return found

    def _demand(self, pk: int) -> Demand:
        return _one(Demand.objects.all(), pk, "demand", "需求")

    def _print_run(self, run: MatchRun, options: dict[str, Any]) -> None:
        candidates = list(selectors.candidates_of(run))
        if options.get("json"):
            rows = [
                {
                    "candidate": c.pk,
                    "demand": c.demand_id,
                    "rank": c.rank,
                    "partner": c.partner.name,
                    "score": round(c.score, 4),
                    "selected": c.selected,
                    "covers": c.covers,
                    "reasons": c.reasons,
                }
                for c in candidates
            ]
            self.stdout.write(
                json.dumps(
                    {
                        "run": run.pk,
                        "mode": run.mode,
                        "summary": run.summary,
                        "weights": run.weights,
                        "candidates": rows,
                    },
                    ensure_ascii=False,
                    indent=1,
                    default=str,
                )
            )
            return
        self.stdout.write(
            f"run {run.pk} · {run.mode} · {run.engine_version} · {run.duration_ms} ms"
        )
        self.stdout.write(f"summary: {json.dumps(run.summary, ensure_ascii=False, default=str)}")
        for c in candidates:
            mark = "*" if c.selected else " "
            terms = "、".join((c.reasons.get("evidence") or [{}])[0].get("matched_terms", [])[:6])
            covers = "、".join(x["requirement"] for x in c.covers)
            extra = f" covers: {covers}" if covers else ""
            self.stdout.write(
                f"{mark} [{c.pk}] d{c.demand_id} #{c.rank} {c.partner.name}  {c.score:.3f}  {terms}{extra}"
            )


def _runs(actor: Any) -> QuerySet[MatchRun]:
    """The runs the acting user may see (every run for the operator)."""
    return MatchRun.objects.all() if is_system(actor) else selectors.run_list(user=actor)


def _interests(actor: Any) -> QuerySet[Interest]:
    """The expressions of interest the acting user may see (all for the operator)."""
    if is_system(actor):
        return Interest.objects.select_related("demand", "partner")
    return selectors.interest_list(user=actor)


def _one(found: QuerySet[Any], pk: int, what: str, what_zh: str) -> Any:
    """The record ``pk`` of ``found``, or a bilingual error (missing, or not the user's to see)."""
    row = found.filter(pk=pk).first()
    if row is None:
        raise CommandError(
            f"No {what} {pk} (or not yours to see). / 没有编号为 {pk} 的{what_zh}（或无权查看）。"
        )
    return row
