"""API shapes of the catalogue (read side; writes are parsed by the services' declared inputs)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from hicoop.policies.models import Citation, Clause, Edition, EditionEntry, Policy, PolicyVersion


class PolicySerializer(serializers.ModelSerializer[Policy]):
    issuer_name = serializers.CharField(read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    regions = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    parks = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    zones = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    fields = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = Policy
        fields = [
            "id",
            "title",
            "title_en",
            "doc_number",
            "issuer",
            "issuer_name",
            "level",
            "level_label",
            "category",
            "category_label",
            "tags",
            "fields",
            "regions",
            "parks",
            "zones",
            "entity_kinds",
            "sizes",
            "foreign_talent",
            "benefit_summary",
            "benefit_summary_en",
            "benefit_clauses",
            "source_url",
            "source_note",
            "is_demo",
            "status",
            "status_label",
            "superseded_by",
            "updated_at",
        ]
        read_only_fields = fields


class ClauseHitSerializer(serializers.Serializer[Any]):
    address = serializers.CharField()
    version = serializers.IntegerField()
    text = serializers.CharField()
    matched = serializers.ListField(child=serializers.CharField())


class PolicySearchSerializer(PolicySerializer):
    clause_hits = serializers.SerializerMethodField()

    class Meta(PolicySerializer.Meta):
        fields = [*PolicySerializer.Meta.fields, "clause_hits"]
        read_only_fields = fields

    def get_clause_hits(self, policy: Policy) -> list[dict[str, Any]]:
        return [
            {"address": c.address, "version": c.version.number, "text": c.text, "matched": m}
            for c, m in getattr(policy, "hits", [])
        ]


@extend_schema_serializer(component_name="PolicyVersion")
class VersionSerializer(serializers.ModelSerializer[PolicyVersion]):
    origin_label = serializers.CharField(source="get_origin_display", read_only=True)

    class Meta:
        model = PolicyVersion
        fields = [
            "number",
            "label",
            "version_date",
            "effective_from",
            "effective_to",
            "origin",
            "origin_label",
            "change_reason",
            "change_document",
            "change_document_url",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "version_date": {"allow_null": True},
            "effective_to": {"allow_null": True},
        }


class ClauseSerializer(serializers.ModelSerializer[Clause]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Clause
        fields = ["address", "kind", "kind_label", "label", "heading", "text", "number"]
        read_only_fields = fields


class EntrySerializer(serializers.ModelSerializer[EditionEntry]):
    policy_title = serializers.CharField(source="policy.title", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)

    class Meta:
        model = EditionEntry
        fields = ["policy", "policy_title", "version", "category", "summary", "summary_en"]
        read_only_fields = fields


class EditionSerializer(serializers.ModelSerializer[Edition]):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Edition
        fields = [
            "year",
            "title",
            "title_en",
            "introduction",
            "introduction_en",
            "as_of",
            "status",
            "status_label",
            "published_on",
        ]
        read_only_fields = fields
        extra_kwargs = {"published_on": {"allow_null": True}}


class CitationSerializer(serializers.ModelSerializer[Citation]):
    record_type = serializers.SerializerMethodField()
    policy_title = serializers.CharField(source="policy.title", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    clause = serializers.SerializerMethodField()
    superseded = serializers.BooleanField(read_only=True)

    class Meta:
        model = Citation
        fields = [
            "id",
            "record_type",
            "object_id",
            "policy",
            "policy_title",
            "version",
            "clause",
            "note",
            "superseded",
            "created_at",
        ]
        read_only_fields = fields

    def get_record_type(self, citation: Citation) -> str:
        return f"{citation.content_type.app_label}.{citation.content_type.model}"

    def get_clause(self, citation: Citation) -> str | None:
        return citation.clause.address if citation.clause_id else None


class CitationInput(serializers.Serializer[Any]):
    record_type = serializers.ChoiceField(
        choices=["listings.demand", "cooperation.cooperationitem"]
    )
    record_id = serializers.IntegerField(min_value=1, max_value=2**53)
    policy = serializers.IntegerField(min_value=1, max_value=2**53)
    version = serializers.IntegerField(min_value=1, max_value=32767, required=False)
    clause = serializers.CharField(max_length=80, required=False, allow_blank=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ChangeInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)
    document = serializers.CharField(max_length=300)
    document_url = serializers.CharField(max_length=500, required=False, allow_blank=True)
    on = serializers.DateField(required=False, help_text="repeal/supersede: no longer applies from")
    successor = serializers.IntegerField(min_value=1, max_value=2**53, required=False)
    effective_from = serializers.DateField(
        required=False, help_text="amend: the new version's start"
    )
    full_text = serializers.CharField(max_length=400000, required=False, allow_blank=True)
    label = serializers.CharField(max_length=100, required=False, allow_blank=True)


class ApplicableReasonSerializer(serializers.Serializer[Any]):
    condition = serializers.CharField()
    outcome = serializers.CharField()
    values = serializers.ListField(child=serializers.CharField())
    text = serializers.CharField(allow_null=True)


class ApplicableSerializer(serializers.Serializer[Any]):
    policy = PolicySerializer()
    version = VersionSerializer()
    clauses = ClauseSerializer(many=True)
    reasons = ApplicableReasonSerializer(many=True)
