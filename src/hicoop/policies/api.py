"""``/api/v1/policies/``: dated search, versions, clauses, diffs, editions, applicability and
citations. Errors are ``{code, message, details}`` (the core handler)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hicoop.core.exceptions import NotFound, ValidationFailed
from hicoop.core.openapi import page_of
from hicoop.policies import explain, schemas, selectors
from hicoop.policies.choices import PolicyCategory, PolicyLevel
from hicoop.policies.models import Citation, Clause, Policy
from hicoop.policies.services import citations as citation_services
from hicoop.policies.services import policies as policy_services
from hicoop.policies.services import versions as version_services

TAG = "policies"
_DATE = OpenApiParameter("on", OpenApiTypes.DATE, description="in force on this date")


def _int(raw: Any, name: str) -> int | None:
    if raw in (None, ""):
        return None
    text = str(raw)
    if not text.isdigit() or len(text) > 15:
        raise ValidationFailed(details={name: ["Enter a whole number."]})
    return int(text)


def _choice(raw: str, choices: Any, name: str) -> str:
    if raw and raw not in choices.values:
        raise ValidationFailed(details={name: [f"Choose one of: {', '.join(choices.values)}"]})
    return raw


def filters_from(request: Request) -> selectors.PolicyFilters:
    g = request.query_params
    q = g.get("q", "")
    if len(q) > 200:
        raise ValidationFailed(details={"q": ["At most 200 characters."]})
    return selectors.PolicyFilters(
        q=q,
        on=selectors.parse_date(g.get("on"), None),
        category=_choice(g.get("category", ""), PolicyCategory, "category"),
        level=_choice(g.get("level", ""), PolicyLevel, "level"),
        issuer=_int(g.get("issuer"), "issuer"),
        zone=g.get("zone", "")[:60],
        park=_int(g.get("park"), "park"),
        field=g.get("field", "")[:60],
    )


@extend_schema(
    tags=[TAG],
    summary="Policies in force on a date, searched in Chinese (titles, summaries, clauses)",
    parameters=[
        _DATE,
        OpenApiParameter("q", str),
        OpenApiParameter("category", str, enum=PolicyCategory.values),
        OpenApiParameter("level", str, enum=PolicyLevel.values),
        OpenApiParameter("issuer", int),
        OpenApiParameter("zone", str),
        OpenApiParameter("park", int),
        OpenApiParameter("field", str),
    ],
    responses=page_of(schemas.PolicySearchSerializer, "PolicySearch"),
)
class PolicyList(APIView):
    @extend_schema(operation_id="v1_policies_list")
    def get(self, request: Request) -> Response:
        result = selectors.search(user=request.user, filters=filters_from(request))
        paginator = ListAPIView.pagination_class()  # type: ignore[misc]
        page = paginator.paginate_queryset(result.ids, request, view=self)
        policies = selectors.page_policies(page or [], result.hits)
        data = schemas.PolicySearchSerializer(policies, many=True).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        tags=[TAG],
        summary="Create a policy with its first version (editors)",
        request=OpenApiTypes.OBJECT,
        responses={201: schemas.PolicySerializer},
    )
    def post(self, request: Request) -> Response:
        data = request.data if isinstance(request.data, dict) else {}
        version = data.get("version") if isinstance(data.get("version"), dict) else {}
        fields = {k: v for k, v in data.items() if k not in {"version", "publish"}}
        policy = policy_services.create_policy(
            data=fields, version=version, actor=request.user, publish=data.get("publish") is True
        )
        return Response(schemas.PolicySerializer(policy).data, status=201)


def _policy(request: Request, pk: int) -> Policy:
    return selectors.policy_detail(user=request.user, pk=pk)


@extend_schema(tags=[TAG], summary="One policy", responses=schemas.PolicySerializer)
class PolicyDetail(APIView):
    def get(self, request: Request, pk: int) -> Response:
        return Response(schemas.PolicySerializer(_policy(request, pk)).data)

    @extend_schema(
        tags=[TAG],
        summary="Change catalogue fields (editors)",
        request=OpenApiTypes.OBJECT,
        responses=schemas.PolicySerializer,
    )
    def patch(self, request: Request, pk: int) -> Response:
        policy = policy_services.update_policy(
            policy=_policy(request, pk), changes=request.data, actor=request.user
        )
        return Response(schemas.PolicySerializer(policy).data)


@extend_schema(
    tags=[TAG],
    summary="Versions of a policy (valid time)",
    responses=schemas.VersionSerializer(many=True),
)
class VersionList(APIView):
    def get(self, request: Request, pk: int) -> Response:
        versions = _policy(request, pk).versions.order_by("effective_from")
        return Response(schemas.VersionSerializer(versions, many=True).data)


@extend_schema(
    tags=[TAG],
    summary="Clauses of one version (章/节/条/款)",
    responses=schemas.ClauseSerializer(many=True),
    parameters=[OpenApiParameter("kind", str, enum=["chapter", "section", "article", "paragraph"])],
)
class ClauseList(ListAPIView[Any]):
    serializer_class = schemas.ClauseSerializer

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator asks for the model
            return Clause.objects.none()
        policy = _policy(self.request, int(self.kwargs["pk"]))
        version = selectors.version_of(policy=policy, number=int(self.kwargs["number"]))
        found = version.clauses.order_by("ordinal")
        kind = self.request.query_params.get("kind", "")
        return found.filter(kind=kind) if kind else found


@extend_schema(
    tags=[TAG],
    summary="One clause by its address, e.g. 第十五条 or 第十五条第二款",
    responses=schemas.ClauseSerializer,
)
class ClauseDetail(APIView):
    def get(self, request: Request, pk: int, number: int, address: str) -> Response:
        version = selectors.version_of(policy=_policy(request, pk), number=number)
        return Response(
            schemas.ClauseSerializer(selectors.clause_at(version=version, address=address)).data
        )


@extend_schema(
    tags=[TAG],
    summary="Clause-by-clause differences of two versions",
    parameters=[
        OpenApiParameter("from", int, required=True),
        OpenApiParameter("to", int, required=True),
    ],
    responses=OpenApiTypes.OBJECT,
)
class VersionDiff(APIView):
    def get(self, request: Request, pk: int) -> Response:
        policy = _policy(request, pk)
        a = _int(request.query_params.get("from"), "from")
        b = _int(request.query_params.get("to"), "to")
        if a is None or b is None or a > 32767 or b > 32767:
            raise ValidationFailed(details={"from": ["Give two version numbers: from and to."]})
        old = selectors.version_of(policy=policy, number=a)
        new = selectors.version_of(policy=policy, number=b)
        changes = selectors.compare_versions(old, new)
        return Response({"from": a, "to": b, "changes": [_change(c) for c in changes]})


def _change(change: Any) -> dict[str, Any]:
    return {
        "status": change.status,
        "old_address": change.old.address if change.old else None,
        "new_address": change.new.address if change.new else None,
        "old_text": change.old.text if change.old else None,
        "new_text": change.new.text if change.new else None,
        "pieces": [{"op": p.op, "text": p.text} for p in change.pieces],
    }


class _Step(APIView):
    permission_classes = [IsAuthenticated]
    action = ""

    @extend_schema(tags=[TAG], request=schemas.ChangeInput, responses=schemas.PolicySerializer)
    def post(self, request: Request, pk: int) -> Response:
        policy = _policy(request, pk)
        data = request.data if isinstance(request.data, dict) else {}
        change = {k: data.get(k, "") for k in ("reason", "document", "document_url")}
        on = selectors.parse_date(data.get("on"), None)
        if self.action == "amend":
            version = {
                k: data.get(k, "") for k in ("effective_from", "full_text", "label", "version_date")
            }
            version_services.amend_policy(
                policy=policy, version=version, change=change, actor=request.user
            )
        elif self.action == "repeal":
            version_services.repeal_policy(policy=policy, on=on, change=change, actor=request.user)
        elif self.action == "supersede":
            successor = _policy(request, _int(data.get("successor"), "successor") or 0)
            version_services.supersede_policy(
                policy=policy, successor=successor, on=on, change=change, actor=request.user
            )
        else:
            policy_services.publish_policy(policy=policy, actor=request.user)
        policy.refresh_from_db()
        return Response(schemas.PolicySerializer(policy).data)


@extend_schema(
    tags=[TAG], summary="Amend: a new version from a date (reason and document required)"
)
class Amend(_Step):
    action = "amend"


@extend_schema(tags=[TAG], summary="Repeal from a date (reason and document required)")
class Repeal(_Step):
    action = "repeal"


@extend_schema(tags=[TAG], summary="Superseded by another policy from a date")
class Supersede(_Step):
    action = "supersede"


@extend_schema(tags=[TAG], summary="Publish a draft policy")
class Publish(_Step):
    action = "publish"


@extend_schema(
    tags=[TAG],
    summary="What applies to me: by party (?party=<id>) or by profile fields, on a date",
    parameters=[
        OpenApiParameter("party", int),
        _DATE,
        OpenApiParameter("entity_kind", str),
        OpenApiParameter("park", str),
        OpenApiParameter("zone", str),
        OpenApiParameter("region", str),
        OpenApiParameter("fields", str, many=True),
        OpenApiParameter("foreign_talent", bool),
        OpenApiParameter("size", str),
    ],
    responses=inline_serializer(
        "ApplicableList",
        {
            "on": serializers.DateField(),
            "count": serializers.IntegerField(),
            "results": schemas.ApplicableSerializer(many=True),
        },
    ),
)
class Applicable(APIView):
    def get(self, request: Request) -> Response:
        g = request.query_params
        on = selectors.parse_date(g.get("on"), timezone.localdate())
        party_id = _int(g.get("party"), "party")
        if party_id is not None:
            from hicoop.parties.models import Party

            party = Party.objects.visible_to(request.user).filter(pk=party_id).first()
            if party is None:
                raise NotFound()
            profile = selectors.profile_for_party(party)
        else:
            params: dict[str, Any] = {
                k: g.get(k)
                for k in ("entity_kind", "park", "zone", "region", "foreign_talent", "size")
                if g.get(k)
            }
            if g.getlist("fields"):
                params["fields"] = g.getlist("fields")
            profile = selectors.profile_from_params(params)
        found = selectors.applicable(
            user=request.user, profile=profile, on=on or timezone.localdate()
        )
        names = explain.Names(a.verdict for a in found)
        body = [
            {
                "policy": schemas.PolicySerializer(a.policy).data,
                "version": schemas.VersionSerializer(a.version).data,
                "clauses": schemas.ClauseSerializer(a.clauses, many=True).data,
                "reasons": [
                    {
                        "condition": r.condition,
                        "outcome": r.outcome,
                        "values": list(r.values),
                        "text": explain.sentence(r, names),
                    }
                    for r in a.verdict.reasons
                ],
            }
            for a in found
        ]
        return Response(
            {"on": (on or timezone.localdate()).isoformat(), "count": len(body), "results": body}
        )


@extend_schema(
    tags=[TAG],
    summary="Catalogue editions (published ones for everyone)",
    responses=schemas.EditionSerializer(many=True),
)
class EditionList(ListAPIView[Any]):
    serializer_class = schemas.EditionSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.editions(user=self.request.user)


@extend_schema(tags=[TAG], summary="One edition with its entries", responses=OpenApiTypes.OBJECT)
class EditionDetail(APIView):
    def get(self, request: Request, year: int) -> Response:
        edition = selectors.edition_detail(user=request.user, year=year)
        entries = schemas.EntrySerializer(selectors.edition_entries(edition), many=True).data
        return Response({**schemas.EditionSerializer(edition).data, "entries": entries})


@extend_schema(
    tags=[TAG], summary="What changed since the previous edition", responses=OpenApiTypes.OBJECT
)
class EditionDiff(APIView):
    def get(self, request: Request, year: int) -> Response:
        edition = selectors.edition_detail(user=request.user, year=year)
        previous = selectors.previous_edition(user=request.user, edition=edition)
        rows = selectors.edition_diff(edition, previous)
        return Response(
            {
                "year": edition.year,
                "previous": previous.year if previous else None,
                "changes": [
                    {
                        "change": r.change,
                        "policy": r.policy.pk,
                        "title": r.policy.title,
                        "old_version": r.old.version.number if r.old else None,
                        "new_version": r.new.version.number if r.new else None,
                    }
                    for r in rows
                    if r.change != "unchanged"
                ],
            }
        )


@extend_schema(
    tags=[TAG],
    summary="Citations of policies on records I may see",
    responses=schemas.CitationSerializer(many=True),
)
class CitationList(ListAPIView[Any]):
    serializer_class = schemas.CitationSerializer

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator asks for the model
            return Citation.objects.none()
        return selectors.citation_list(user=self.request.user)

    @extend_schema(
        tags=[TAG],
        summary="Cite a policy version or clause from a demand or cooperation item",
        request=schemas.CitationInput,
        responses={201: schemas.CitationSerializer},
    )
    def post(self, request: Request) -> Response:
        given = schemas.CitationInput(data=request.data if isinstance(request.data, dict) else {})
        given.is_valid(raise_exception=True)
        data = given.validated_data
        app, model = data["record_type"].split(".")
        content_type = ContentType.objects.get(app_label=app, model=model)
        record = (
            content_type.model_class()
            ._default_manager.visible_to(request.user)
            .filter(pk=data["record_id"])
            .first()
        )  # type: ignore[union-attr]
        if record is None:
            raise NotFound()
        policy = _policy(request, data["policy"])
        version = (
            selectors.version_of(policy=policy, number=data["version"])
            if data.get("version")
            else None
        )
        citation = citation_services.cite(
            record=record,
            policy=policy,
            version=version,
            clause=data.get("clause", ""),
            note=data.get("note", ""),
            actor=request.user,
        )
        return Response(schemas.CitationSerializer(citation).data, status=201)


@extend_schema(tags=[TAG], summary="Remove a citation", responses={204: None})
class CitationDetail(APIView):
    permission_classes = [IsAuthenticated]

    def delete(self, request: Request, pk: int) -> Response:
        citation = Citation.objects.editable_by(request.user).filter(pk=pk).first()
        if citation is None:
            raise NotFound()
        citation_services.remove_citation(citation=citation, actor=request.user)
        return Response(status=204)
