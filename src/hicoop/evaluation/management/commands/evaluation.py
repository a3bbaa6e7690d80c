"""``hicoop evaluation …``: run the year's evaluation (a job), list scores and allocations,
publish a run and replay an adopted allocation from the shell."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hicoop.core.actors import OPERATOR
from hicoop.core.jobs.console import summary, wait
from hicoop.core.management.commands._output import run_service
from hicoop.evaluation import selectors
from hicoop.evaluation.models import EvaluationRun
from hicoop.evaluation.services import runs, scenarios


def _year(value: str) -> int:
    try:
        year = int(value)
    except ValueError:
        raise CommandError(f"年份须为数字 / the year must be a number: {value}") from None
    if not 2000 <= year <= 2100:
        raise CommandError(f"年份须在 2000–2100 之间 / a year between 2000 and 2100: {year}")
    return year


class Command(BaseCommand):
    help = (
        "Evaluation: 'run --year Y [--no-wait]', 'scores --year Y', 'allocations --year Y', "
        "'publish RUN', 'replay --year Y'."
    )

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="evaluate a year (a job with progress)")
        run.add_argument("--no-wait", action="store_true", help="queue the job and return")
        publish = sub.add_parser("publish", help="publish a run's scores")
        publish.add_argument("run", type=int)
        parsers = [run, publish]
        for name, text in (
            ("scores", "the year's scores"),
            ("allocations", "the adopted allocation"),
            ("replay", "replay the adopted allocation from its stored inputs"),
        ):
            parsers.append(sub.add_parser(name, help=text))
        for p in parsers:
            if p is not publish:
                p.add_argument("--year", type=_year, required=True)
            p.add_argument("--user", default="", help="act as this user (scope checks apply)")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["user"])
        getattr(self, f"_{options['action']}")(actor, options)

    def _actor(self, username: str) -> Any:
        if not username:
            return OPERATOR
        found = get_user_model().objects.filter(username=username, is_active=True).first()
        if found is None:
            raise CommandError(f"未知用户 / unknown user: {username}")
        return found

    def _run(self, actor: Any, options: dict[str, Any]) -> None:
        job = run_service(lambda: runs.start_run(year=options["year"], actor=actor))
        if options["no_wait"]:
            self.stdout.write(json.dumps({"job": job.pk}))
            return
        job = wait(job, out=self.stderr)
        if job.error:
            raise CommandError(summary(job))
        self.stdout.write(json.dumps(job.result, ensure_ascii=False))

    def _publish(self, actor: Any, options: dict[str, Any]) -> None:
        run = EvaluationRun.objects.filter(pk=options["run"]).first()
        if run is None:
            raise CommandError(f"没有这次评价 / no such run: {options['run']}")
        run_service(lambda: runs.publish_run(run=run, actor=actor))
        self.stdout.write("published")

    def _scores(self, actor: Any, options: dict[str, Any]) -> None:
        run = selectors.current_run(user=actor, year=options["year"])
        if run is None:
            raise CommandError("该年度没有评价结果 / no scores for that year")
        for s in selectors.scores_of(run=run):
            self.stdout.write(f"{s.rank:>3}  {s.score:>6}  {s.locality.name}  {s.explanation}")

    def _allocations(self, actor: Any, options: dict[str, Any]) -> None:
        rows = selectors.adopted_allocation(user=actor, year=options["year"])
        if not rows:
            raise CommandError("该年度没有采用的分配方案 / no adopted allocation for that year")
        for r in rows:
            self.stdout.write(f"{r.wan:>16} 万元  {r.score:>6}  {r.locality}")
        self.stdout.write(f"Σ {sum(r.fen for r in rows) / 1_000_000} 万元")

    def _replay(self, actor: Any, options: dict[str, Any]) -> None:
        scenario = selectors.adopted_scenario(user=actor, year=options["year"])
        if scenario is None:
            raise CommandError("该年度没有采用的分配方案 / no adopted allocation for that year")
        again = run_service(lambda: scenarios.replay(scenario=scenario))
        same = again == {k: int(v) for k, v in scenario.shares.items()}
        self.stdout.write(json.dumps({"identical": same, "total_fen": sum(again.values())}))
        if not same:
            raise CommandError("重放结果不同 / the replay differs")
