"""API representations of cooperation items, key tasks, pairings and their reports."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from hicoop.cooperation.choices import ItemStatus, Side
from hicoop.cooperation.models import (
    CooperationItem,
    Indicator,
    ItemAgreement,
    ItemVersion,
    KeyTask,
    Milestone,
    Pairing,
    PairingActivity,
    PairingPlatform,
    PairingResult,
    ProgressReport,
)
from hicoop.cooperation.transitions import missing_sides
from hicoop.core.models import WorkflowEvent
from hicoop.parties.schemas import PartyRefSerializer


class IndicatorSerializer(serializers.ModelSerializer):
    attainment = serializers.FloatField(read_only=True)

    class Meta:
        model = Indicator
        fields = ["code", "kind", "name", "unit", "target", "actual", "weight", "attainment"]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "title", "due_on", "done_on", "weight"]


class AgreementSerializer(serializers.ModelSerializer):
    """One side's agreement to an item (``on_behalf``: by the joint office, with a reason)."""

    class Meta:
        model = ItemAgreement
        fields = ["side", "version", "agreed_name", "on_behalf", "reason", "at"]


class AgreeSerializer(serializers.Serializer):
    side = serializers.ChoiceField(
        choices=Side.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="For a person on both sides: which side agrees now",
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Required when the joint office agrees on behalf of both sides",
    )


class ItemSerializer(serializers.ModelSerializer):
    measure = serializers.IntegerField(source="measure.number", read_only=True)
    fields = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    hainan_parties = PartyRefSerializer(many=True, read_only=True)
    partner_parties = PartyRefSerializer(many=True, read_only=True)
    pairing = serializers.SlugRelatedField(slug_field="key", read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    agreements = AgreementSerializer(many=True, read_only=True)
    awaiting_sides = serializers.SerializerMethodField(
        help_text="Sides whose agreement a proposed item still waits for"
    )

    class Meta:
        model = CooperationItem
        fields = [
            "id",
            "number",
            "title",
            "measure",
            "mode",
            "fields",
            "origin",
            "origin_note",
            "source_demand",
            "pairing",
            "hainan_parties",
            "partner_parties",
            "goals",
            "hainan_lead",
            "hainan_lead_contact",
            "partner_lead",
            "partner_lead_contact",
            "year",
            "status",
            "status_changed_at",
            "progress",
            "weight",
            "report_every_days",
            "version",
            "indicators",
            "milestones",
            "agreements",
            "awaiting_sides",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(Side.choices)))
    def get_awaiting_sides(self, item: CooperationItem) -> list[str]:
        if item.status != ItemStatus.PROPOSED:
            return []
        return missing_sides({a.side for a in item.agreements.all()})


class ItemWriteSerializer(serializers.Serializer):
    """Item content; the services validate it and report every problem by field."""

    title = serializers.CharField(required=False, allow_blank=True)
    measure = serializers.IntegerField(required=False)
    mode = serializers.CharField(required=False)
    fields = serializers.ListField(child=serializers.CharField(), required=False)
    hainan_parties = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Party ids, keys (mechanism:KEY) or names",
    )
    partner_parties = serializers.ListField(child=serializers.CharField(), required=False)
    goals = serializers.CharField(required=False, allow_blank=True)
    hainan_lead = serializers.CharField(required=False, allow_blank=True)
    hainan_lead_contact = serializers.CharField(required=False, allow_blank=True)
    partner_lead = serializers.CharField(required=False, allow_blank=True)
    partner_lead_contact = serializers.CharField(required=False, allow_blank=True)
    pairing = serializers.CharField(required=False, allow_blank=True)
    year = serializers.IntegerField(required=False)
    weight = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)
    report_every_days = serializers.IntegerField(required=False)
    indicators = serializers.ListField(
        child=serializers.DictField(),
        required=False,
        help_text="[{code?, kind, name?, unit?, target, weight?}]",
    )
    milestones = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="[{id?, title, due_on, weight?}]"
    )
    source_demand = serializers.IntegerField(required=False)
    origin = serializers.CharField(required=False)
    origin_note = serializers.CharField(required=False, allow_blank=True)


class AdjustSerializer(ItemWriteSerializer):
    year = serializers.IntegerField(help_text="The year the new version applies from")
    reason = serializers.CharField()
    decision_ref = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    decision_ref = serializers.CharField(allow_blank=True)


class StatusChangeSerializer(serializers.Serializer):
    action = serializers.CharField(required=False, allow_blank=True, default="")
    to = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Target status, instead of an action",
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ReportSerializer(serializers.ModelSerializer):
    reporter_party = PartyRefSerializer(read_only=True)
    files = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "as_of",
            "text",
            "values",
            "milestones_done",
            "progress_after",
            "reporter_party",
            "side",
            "submitted_name",
            "submitted_at",
            "files",
        ]

    def get_files(self, obj: Any) -> list[str]:
        return [a.name for a in getattr(obj, "files", [])]


class ReportWriteSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)
    as_of = serializers.CharField(required=False, allow_blank=True)
    values = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict
    )
    milestones_done = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


@extend_schema_serializer(component_name="ItemVersion")
class VersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ItemVersion
        fields = [
            "number",
            "year",
            "content",
            "changes",
            "reason",
            "decision_ref",
            "actor_name",
            "at",
        ]


@extend_schema_serializer(component_name="StatusEvent")
class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkflowEvent
        fields = ["action", "from_status", "to_status", "actor_name", "reason", "at"]


class TaskSerializer(serializers.ModelSerializer):
    department = PartyRefSerializer(read_only=True)
    supporting_units = PartyRefSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = KeyTask
        fields = [
            "id",
            "number",
            "title",
            "title_en",
            "description",
            "department",
            "supporting_units",
            "deadline",
            "status",
            "status_changed_at",
            "progress",
            "milestones",
        ]


class MilestonePlanSerializer(serializers.Serializer):
    milestones = serializers.ListField(child=serializers.DictField())
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class PlatformSerializer(serializers.ModelSerializer):
    class Meta:
        model = PairingPlatform
        fields = ["id", "name", "kind", "status", "built_on", "description"]


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = PairingActivity
        fields = ["id", "held_on", "kind", "title", "description", "participants", "talents"]


class ResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = PairingResult
        fields = ["id", "achieved_on", "kind", "title", "description"]


class PairingSerializer(serializers.ModelSerializer):
    hainan_parks = PartyRefSerializer(many=True, read_only=True)
    helpers = PartyRefSerializer(many=True, read_only=True)
    fields = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    platforms = PlatformSerializer(many=True, read_only=True)
    activities = ActivitySerializer(many=True, read_only=True)
    results = ResultSerializer(many=True, read_only=True)
    items = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)

    class Meta:
        model = Pairing
        fields = [
            "id",
            "key",
            "title",
            "title_en",
            "hainan_parks",
            "helpers",
            "fields",
            "goals",
            "goals_en",
            "started_on",
            "is_active",
            "platforms",
            "activities",
            "results",
            "items",
        ]


class PairingRowSerializer(serializers.Serializer):
    """A platform, activity or result to add; fields depend on the kind of row."""

    name = serializers.CharField(required=False)
    title = serializers.CharField(required=False)
    kind = serializers.CharField(required=False)
    status = serializers.CharField(required=False)
    built_on = serializers.CharField(required=False, allow_blank=True)
    held_on = serializers.CharField(required=False)
    achieved_on = serializers.CharField(required=False)
    participants = serializers.IntegerField(required=False)
    talents = serializers.IntegerField(required=False)
    description = serializers.CharField(required=False, allow_blank=True)


class DifferenceSerializer(serializers.Serializer):
    path = serializers.CharField()
    label = serializers.CharField()
    old = serializers.CharField(allow_blank=True)
    new = serializers.CharField(allow_blank=True)


class ComparisonSerializer(serializers.Serializer):
    """Two versions of an item and what differs between them."""

    a = serializers.IntegerField()
    b = serializers.IntegerField()
    differences = DifferenceSerializer(many=True)
