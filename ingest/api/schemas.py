"""Response shapes for the OpenAPI document only (drf-spectacular reads them; the views build
plain dicts): the event status and the score in it (CONTRACT.md, v1.1 additions included)."""

from __future__ import annotations

from rest_framework import serializers

from vocabulary import CareLevel, Intent, Tier, Urgency


class RationaleEntrySerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="protocol | term | result (older scores: rule)")
    protocol = serializers.CharField(required=False, help_text="kind protocol: the complaint protocol")
    criterion = serializers.CharField(required=False, help_text="kind protocol: the criterion that fired")
    criterion_text = serializers.CharField(required=False, help_text="what the nurse checks")
    care_level = serializers.ChoiceField(choices=CareLevel.choices, required=False)
    source = serializers.CharField(  # type: ignore[assignment]  # a field named like Field.source
        required=False, help_text="the guideline the criterion comes from"
    )
    source_url = serializers.URLField(required=False)
    span = serializers.ListField(child=serializers.IntegerField(), allow_null=True, required=False)
    text = serializers.CharField(required=False, help_text="the words of the message that matched")


class ScoreSerializer(serializers.Serializer):
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    care_level = serializers.ChoiceField(
        choices=CareLevel.choices,
        help_text=(
            "v1.1: emergency (911 / ED now), same_day, within_3_days, within_2_weeks, self_care, administrative; "
            "urgency follows from it (emergency → emergent, same_day → urgent, within_* / self_care → routine, "
            "administrative → non_clinical)"
        ),
    )
    protocol = serializers.CharField(allow_null=True, help_text="v1.1: the complaint protocol that decided, if any")
    intent = serializers.ChoiceField(choices=Intent.choices)
    confidence = serializers.FloatField()
    tier = serializers.ChoiceField(choices=Tier.choices, allow_null=True)
    rationale = RationaleEntrySerializer(many=True)
    disposition = serializers.CharField()
    model = serializers.CharField()
    model_version = serializers.CharField()


class WorkItemStatusSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    queue = serializers.CharField()
    tier = serializers.ChoiceField(choices=Tier.choices)
    state = serializers.CharField()
    effect = serializers.CharField()


class EventStatusSerializer(serializers.Serializer):
    event_id = serializers.UUIDField()
    type = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.source
    source_event_id = serializers.CharField()
    status = serializers.ChoiceField(choices=["received", "processing", "processed", "failed"])
    attempts = serializers.IntegerField()
    last_error = serializers.CharField(allow_null=True)
    received_at = serializers.DateTimeField(allow_null=True)
    processed_at = serializers.DateTimeField(allow_null=True)
    next_attempt_at = serializers.DateTimeField(allow_null=True)
    score = ScoreSerializer(allow_null=True, help_text="null until scored")
    work_item = WorkItemStatusSerializer(allow_null=True, help_text="null when none was made")
