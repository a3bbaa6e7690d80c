"""API representations of match runs, candidates and expressions of interest."""

from __future__ import annotations

from rest_framework import serializers

from hicoop.matchmaking.models import Interest, MatchCandidate, MatchRun
from hicoop.parties.schemas import PartyRefSerializer


class CandidateSerializer(serializers.ModelSerializer):
    partner = PartyRefSerializer(read_only=True)

    class Meta:
        model = MatchCandidate
        fields = ["id", "demand", "partner", "rank", "score", "selected", "reasons", "covers"]


class RunSerializer(serializers.ModelSerializer):
    class Meta:
        model = MatchRun
        fields = [
            "id",
            "mode",
            "demand",
            "year",
            "params",
            "weights",
            "engine_version",
            "formula",
            "inputs",
            "summary",
            "duration_ms",
            "created_at",
        ]


class RunDetailSerializer(RunSerializer):
    candidates = CandidateSerializer(many=True, read_only=True)

    class Meta(RunSerializer.Meta):
        fields = [*RunSerializer.Meta.fields, "candidates"]


class RunCreateSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(choices=["point_to_point", "many_to_one", "one_to_one"])
    demand = serializers.IntegerField(
        required=False, help_text="Required for point_to_point and many_to_one"
    )
    k = serializers.IntegerField(required=False, default=10)
    max_partners = serializers.IntegerField(required=False, default=3)
    year = serializers.IntegerField(required=False, allow_null=True, default=None)


class InterestSerializer(serializers.ModelSerializer):
    partner = PartyRefSerializer(read_only=True)
    item = serializers.SlugRelatedField(slug_field="number", read_only=True)

    class Meta:
        model = Interest
        fields = [
            "id",
            "demand",
            "partner",
            "direction",
            "candidate",
            "run",
            "message",
            "status",
            "decline_reason",
            "decline_note",
            "sent_at",
            "answered_at",
            "item",
        ]


class InterestCreateSerializer(serializers.Serializer):
    candidate = serializers.IntegerField(
        required=False, help_text="A candidate of a run (or give demand + partner)"
    )
    demand = serializers.IntegerField(required=False)
    partner = serializers.IntegerField(required=False)
    message = serializers.CharField(required=False, allow_blank=True, default="")


class PartnerInterestCreateSerializer(serializers.Serializer):
    demand = serializers.IntegerField(min_value=1, help_text="A published demand")
    partner = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Your organisation that expresses interest (needed if you have several)",
    )
    message = serializers.CharField(required=False, allow_blank=True, default="")


class AnswerSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="not_relevant, no_capacity, terms or other (when declining)",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class FeedbackSerializer(serializers.Serializer):
    """One answered interest as the engine learns from it."""

    demand = serializers.IntegerField()
    partner = serializers.IntegerField()
    outcome = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)
    run = serializers.IntegerField(allow_null=True)
    at = serializers.DateTimeField(allow_null=True)
