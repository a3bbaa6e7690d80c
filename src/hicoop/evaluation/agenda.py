"""The evaluation's section of the promotion meeting's agenda: the latest published scores of
the meeting's year (or the year before) and the adopted allocation, registered with the
meetings app's agenda-source registry in ``AppConfig.ready``."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy

from hicoop.evaluation.choices import RunStatus, ScenarioStatus
from hicoop.evaluation.models import AllocationScenario, EvaluationRun
from hicoop.meetings.agenda_sources import AgendaSource, Context, Entry, register_agenda_source


def evaluation_results(context: Context) -> Iterable[Entry]:
    year = context.meeting.year
    run = (
        EvaluationRun.objects.filter(year__in=[year, year - 1], status=RunStatus.PUBLISHED)
        .order_by("-year", "-created_at", "-pk")
        .first()
    )
    if run is None:
        return []
    top = "；".join(
        f"{s.rank}. {s.locality.name} {s.score}"
        for s in run.scores.select_related("locality").order_by("rank")[:3]
    )
    body = f"前三名：{top}"
    adopted = AllocationScenario.objects.filter(
        year=run.year, status=ScenarioStatus.ADOPTED
    ).first()
    if adopted is not None:
        body += f"。采用的引导资金分配方案：{adopted.name}（{adopted.pot_wan.normalize():f} 万元）"
    return [
        Entry(
            key=f"evaluation:run:{run.pk}",
            title=f"{run.year}年度监测评价结果",
            body=body,
            url=reverse("evaluation:run", args=[run.pk]),
        )
    ]


def register() -> None:
    register_agenda_source(
        AgendaSource(
            "evaluation",
            gettext_lazy("Monitoring and evaluation results"),
            55,
            evaluation_results,
        )
    )
