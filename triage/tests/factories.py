"""Factories for triage's own rows. There is no service that writes a TriageScore alone (the
`message_triage` handler scores and routes in one go), so a test that picks the AI output makes
the score here and routes it itself."""

from __future__ import annotations

import factory

from triage.models import TriageScore


class TriageScoreFactory(factory.django.DjangoModelFactory[TriageScore]):
    """The AI output for one patient message (`event` is required), as `message_triage` stores it;
    the classifier agrees with the final urgency unless the test says otherwise."""

    class Meta:
        model = TriageScore

    model_name = "triage-clf"
    model_version = "1"
    ruleset_version = "1"
    urgency = "routine"
    intent = "symptom"
    confidence = 0.9
    model_urgency = factory.SelfAttribute("urgency")
    model_confidence = factory.SelfAttribute("confidence")
    tier = "task"
    rationale = factory.LazyFunction(list)
    disposition = factory.LazyAttribute(lambda o: f"Disposition for {o.urgency}")
    latency_ms = 1.0
