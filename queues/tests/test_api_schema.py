"""The staff API in OpenAPI: the document is generated without an error or a warning, every staff
operation answers a documented component (problems for its 4xx), and the documentation
serializers (queues/api/schemas.py) name exactly the keys and types of the bodies the API really
sends, built here from factories through the client, so the document cannot drift from the API."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern
from django.utils import timezone
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers

from ingest.models import Event
from ingest.samples import sample_event
from ingest.services import event_ingest
from ingest.tests.factories import IntegrationSourceFactory
from queues import representations
from queues.api import schemas
from queues.api.urls import urlpatterns
from queues.models import Queue, RoutingPolicy, WorkItem
from queues.routing import Decision
from queues.services import delivery, items
from queues.services.items import item_route
from queues.tests.conftest import login

PROBLEM_REF = "#/components/schemas/Problem"


# --- a body against its documentation serializer -----------------------------------------------
def _is_datetime(value: object) -> bool:
    try:
        return isinstance(value, str) and datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def _is_uuid(value: object) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def _scalar_problem(value: object, field: Any) -> str | None:
    """Why `value` is not of the documented scalar `field`'s type (None: it is)."""
    checks: list[tuple[type, Callable[[Any], bool]]] = [
        (serializers.ChoiceField, lambda v: not isinstance(v, bool) and v in field.choices),
        (serializers.BooleanField, lambda v: isinstance(v, bool)),
        (serializers.IntegerField, lambda v: isinstance(v, int) and not isinstance(v, bool)),
        (serializers.FloatField, lambda v: isinstance(v, int | float) and not isinstance(v, bool)),
        (serializers.UUIDField, _is_uuid),
        (serializers.DateTimeField, _is_datetime),
        (serializers.URLField, lambda v: isinstance(v, str) and re.match(r"https?://", v) is not None),
        (serializers.CharField, lambda v: isinstance(v, str)),
        (serializers.DictField, lambda v: isinstance(v, dict)),
    ]
    for kind, ok in checks:
        if isinstance(field, kind):
            return None if ok(value) else f"{value!r} is not a {type(field).__name__}"
    return f"{type(field).__name__} is not checked by this test"


def conformance(value: object, field: Any, seen: set, path: str = "body") -> list[str]:
    """Every way `value` differs from its documentation `field` (a serializer or a field): a key the
    body has and the serializer does not declare, a required key the body lacks, a null where the
    field is not nullable, a value of another type. Adds (serializer, key) to `seen` for each key."""
    if value is None:
        return [] if field.allow_null else [f"{path}: null, but not documented as nullable"]
    if isinstance(field, serializers.ListSerializer | serializers.ListField):
        if not isinstance(value, list):
            return [f"{path}: {value!r} is not a list"]
        return [p for i, v in enumerate(value) for p in conformance(v, field.child, seen, f"{path}[{i}]")]
    if isinstance(field, serializers.Serializer):
        if not isinstance(value, dict):
            return [f"{path}: {value!r} is not an object"]
        declared = field.fields
        out = [f"{path}.{key}: not documented" for key in value if key not in declared]
        out += [
            f"{path}.{key}: documented as required, missing"
            for key, f in declared.items()
            if f.required and key not in value
        ]
        for key, item in value.items():
            if key in declared:
                seen.add((type(field), key))
                out += conformance(item, declared[key], seen, f"{path}.{key}")
        return out
    problem = _scalar_problem(value, field)
    return [f"{path}: {problem}"] if problem else []


def documented_serializers(field: Any) -> set[type[serializers.Serializer]]:
    """The serializer classes a documentation serializer is made of (itself and the nested ones)."""
    if isinstance(field, serializers.ListSerializer | serializers.ListField):
        return documented_serializers(field.child)
    if isinstance(field, serializers.Serializer):
        return {type(field)}.union(*(documented_serializers(f) for f in field.fields.values()))
    return set()


def test_the_check_names_an_undocumented_key_a_missing_key_a_wrong_type_and_an_unexpected_null():
    body = {"delivery": 7, "acknowledged_at": "2026-12-03T08:00:00+00:00"}
    doc = schemas.InterruptAckSerializer()
    assert conformance(body, doc, set()) == []
    assert conformance({**body, "extra": 1}, doc, set()) == ["body.extra: not documented"]
    assert conformance({"delivery": 7}, doc, set()) == ["body.acknowledged_at: documented as required, missing"]
    assert conformance({**body, "delivery": "7"}, doc, set()) == ["body.delivery: '7' is not a IntegerField"]
    assert conformance({**body, "acknowledged_at": None}, doc, set()) == [
        "body.acknowledged_at: null, but not documented as nullable"
    ]
    assert conformance({**body, "acknowledged_at": "2026-12-03T08:00:00"}, doc, set()) != []  # no zone
    many = schemas.InterruptAckAllSerializer()
    assert conformance({"acknowledged": [1, "2"]}, many, set()) == ["body.acknowledged[1]: '2' is not a IntegerField"]


# --- the real bodies ----------------------------------------------------------------------------
def _json(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def _post(client: Client, url: str, body: object = None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def suggestion(facility) -> WorkItem:
    """A scheduling suggestion (reminder call), routed as the scheduling app routes one."""
    source = IntegrationSourceFactory.create(source_uris=["urn:emr:schema"])
    ingested = event_ingest(
        source=source, envelope=sample_event("AppointmentBooked", source="urn:emr:schema", facility=facility.slug)
    )
    routed = item_route(
        event=Event.objects.get(pk=ingested.event_id),
        facility=facility,
        kind=WorkItem.Kind.REMINDER_CALL,
        reason=f"reminder-{uuid.uuid4().hex[:8]}",
        patient_mrn="MRN-S",
        title="Call to remind",
        urgency="non_clinical",
        decision=Decision("suggestion", "scheduling", 4, 1440, False, "test"),
        score={"model": "noshow", "urgency": "non_clinical", "tier": "suggestion", "confidence": 0.7, "risk": 0.7},
        policy=RoutingPolicy.objects.get(workflow="triage", facility=facility),
    )
    assert routed.item is not None
    return routed.item


@pytest.fixture
def bodies(make_item, north, nurse, manager, scheduler, django_capture_on_commit_callbacks):
    """Each documentation serializer with the bodies the API answered for it, every optional and
    nullable key both present and not where the API can send it so."""
    nurse_client, manager_client, scheduler_client = login(nurse), login(manager), login(scheduler)
    delivery.presence_join(user=nurse, channel_name="c-nurse")
    urgent = make_item(tier="interrupt", urgency="emergent", priority=1)
    with django_capture_on_commit_callbacks(execute=True):
        delivery.item_deliver(item_id=urgent.pk)
    with django_capture_on_commit_callbacks(execute=True):
        items.item_escalate(item_id=urgent.pk, user=nurse, comment="needs a provider")  # the manager's interrupt
    routine, other = make_item(), make_item()
    triage = Queue.objects.get(facility=north, kind="triage").slug
    claimed = _json(_post(nurse_client, f"/api/v1/items/{routine.pk}/claim"))
    assert claimed["claimed_by"] == "nurse"
    resolved = _json(_post(nurse_client, f"/api/v1/items/{other.pk}/resolve", {"decision": "accept"}))
    first_page = _json(nurse_client.get(f"/api/v1/queues/{triage}/items/?state=all&page_size=1"))
    second_page = _json(nurse_client.get(f"/api/v1/queues/{triage}/items/?state=all&page_size=1&page=2"))
    assert first_page["next"] and second_page["previous"]  # both links, and null at either end

    now = timezone.now()
    what = representations.interrupt_what(
        urgent,
        data={
            "result_id": "r-1",
            "code": {"system": "http://loinc.org", "code": "2823-3", "display": "Potassium"},
            "value": 6.1,
            "unit": "mmol/L",
            "abnormal_flag": "HH",
            "appointment_id": "a-1",
            "starts_at": (now + timedelta(days=1)).isoformat(),
            "patient": {"mrn": "MRN-1", "name": "Jane Doe", "birth_date": "1980-04-02"},
            "body": "My chest feels tight",
        },
        now=datetime.now(tz=UTC),
        tz_name="UTC",
    )
    assert what["lab"] and what["appointment"]

    pending_nurse = _json(nurse_client.get("/api/v1/interrupts/"))
    pending_manager = _json(manager_client.get("/api/v1/interrupts/"))
    assert pending_manager and pending_manager[0]["level"] == 1
    frame_with_lab = {**pending_nurse[0], "what": what}  # a lab/appointment card, as interrupt_frame builds it
    assert set(frame_with_lab) == representations.INTERRUPT_KEYS
    ack = _json(_post(nurse_client, f"/api/v1/interrupts/{pending_nurse[0]['delivery']}/ack"))
    ack_all = _json(_post(manager_client, "/api/v1/interrupts/ack-all"))

    policies = _json(manager_client.get("/api/v1/policies/"))
    policy = _json(manager_client.get(f"/api/v1/policies/{policies[0]['id']}"))
    changed = _json(
        manager_client.patch(
            f"/api/v1/policies/{policy['id']}",
            data=json.dumps({"suppression_minutes": 30}),
            content_type="application/json",
        )
    )
    prefs = _json(nurse_client.get("/api/v1/me/delivery"))
    prefs_put = _json(
        nurse_client.put(
            "/api/v1/me/delivery",
            data=json.dumps({"follow_all": False, "followed_queues": [triage]}),
            content_type="application/json",
        )
    )

    reminder = suggestion(north)
    batch = _json(
        _post(
            scheduler_client,
            "/api/v1/items/decide",
            {"items": [str(reminder.pk), str(urgent.pk)], "decision": "accept"},
        )
    )
    assert batch["decided"] and batch["failed"]

    problems = [
        _json(nurse_client.get(f"/api/v1/items/{uuid.uuid4()}"), 404),
        _json(_post(nurse_client, f"/api/v1/items/{routine.pk}/snooze", {"until": "soon"}), 400),
        _json(_post(nurse_client, f"/api/v1/items/{other.pk}/claim"), 409),
        _json(Client().get("/api/v1/queues/"), 401),
    ]
    return [
        (schemas.QueueSerializer(many=True), [_json(nurse_client.get("/api/v1/queues/"))]),
        (schemas.ItemPageSerializer(), [first_page, second_page]),
        (
            schemas.ItemDetailSerializer(),
            [
                _json(nurse_client.get(f"/api/v1/items/{urgent.pk}")),  # a nurse sees the messages
                _json(nurse_client.get(f"/api/v1/items/{other.pk}")),  # decided
                _json(scheduler_client.get(f"/api/v1/items/{reminder.pk}")),  # no messages key
            ],
        ),
        (schemas.ItemSummarySerializer(), [claimed, resolved]),
        (schemas.InterruptFrameSerializer(many=True), [pending_nurse, pending_manager, [frame_with_lab]]),
        (schemas.InterruptAckSerializer(), [ack]),
        (schemas.InterruptAckAllSerializer(), [ack_all]),
        (schemas.PolicySerializer(many=True), [policies]),
        (schemas.PolicySerializer(), [policy, changed]),
        (schemas.PreferencesSerializer(), [prefs, prefs_put]),
        (schemas.BatchDecisionResultSerializer(), [batch]),
        (schemas.ProblemSerializer(), problems),
    ]


@pytest.mark.django_db
def test_every_body_the_staff_api_sends_has_exactly_the_documented_keys_and_types(bodies):
    seen: set = set()
    found = [p for doc, answers in bodies for body in answers for p in conformance(body, doc, seen)]
    assert found == []
    documented = set().union(*(documented_serializers(doc) for doc, _ in bodies))
    never_sent = sorted(f"{cls.__name__}.{key}" for cls in documented for key in cls().fields if (cls, key) not in seen)
    assert never_sent == [], "documented, but no body of the API has it"


def test_every_staff_response_shape_is_checked_against_real_bodies():
    """A documentation serializer added to schemas.py without a real body in `bodies` is caught."""
    in_module = {
        cls
        for cls in vars(schemas).values()
        if isinstance(cls, type) and issubclass(cls, serializers.Serializer) and cls.__module__ == schemas.__name__
    }
    requests_only = {schemas.PolicyChangesSerializer}
    checked = {
        schemas.QueueSerializer,
        schemas.ItemPageSerializer,
        schemas.ItemDetailSerializer,
        schemas.InterruptFrameSerializer,
        schemas.InterruptAckSerializer,
        schemas.InterruptAckAllSerializer,
        schemas.PolicySerializer,
        schemas.PreferencesSerializer,
        schemas.BatchDecisionResultSerializer,
        schemas.ProblemSerializer,
    }
    reachable = set().union(*(documented_serializers(cls()) for cls in checked))
    assert in_module - requests_only - reachable == set()


# --- the generated document ---------------------------------------------------------------------
def test_generating_the_schema_emits_no_error_and_no_warning(tmp_path, capsys):
    GENERATOR_STATS.reset()  # earlier generations in this process would hide repeated messages
    call_command("spectacular", "--file", str(tmp_path / "schema.yml"), "--validate")
    err = capsys.readouterr().err
    assert not GENERATOR_STATS, err
    assert "Error" not in err and "Warning" not in err, err


@pytest.mark.django_db
def test_the_schema_endpoint_logs_no_error(capsys):
    GENERATOR_STATS.reset()
    response = Client().get("/api/schema/?format=json")
    assert response.status_code == 200
    assert not GENERATOR_STATS, capsys.readouterr().err


def _operations() -> list[tuple[str, str]]:
    out = []
    for pattern in urlpatterns:
        assert isinstance(pattern, URLPattern)
        path = "/api/v1/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
        view = pattern.callback.view_class  # type: ignore[attr-defined]  # an APIView's as_view()
        out += [(path, method) for method in ("get", "post", "put", "patch", "delete") if hasattr(view, method)]
    return out


OPERATIONS = _operations()


@pytest.fixture(scope="module")
def document():
    return SchemaGenerator().get_schema(request=None, public=True)


def _refs(schema: dict) -> list[str]:
    if "$ref" in schema:
        return [schema["$ref"]]
    return _refs(schema["items"]) if schema.get("type") == "array" else []


def test_the_staff_api_has_operations():
    assert len(OPERATIONS) >= 18 and ("/api/v1/items/{item_id}/claim", "post") in OPERATIONS


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_each_staff_operation_answers_a_documented_component_and_problems(document, path, method):
    responses = document["paths"][path][method]["responses"]
    [ok] = [code for code in responses if code in ("200", "201", "202")]
    refs = _refs(responses[ok]["content"]["application/json"]["schema"])
    assert refs, f"{method} {path} answers no component"
    components = document["components"]["schemas"]
    assert all(ref.removeprefix("#/components/schemas/") in components for ref in refs)
    errors = {code: r for code, r in responses.items() if code.startswith("4")}
    assert {"401", "403"} <= set(errors)
    for code, answer in errors.items():
        assert answer["content"] == {"application/problem+json": {"schema": {"$ref": PROBLEM_REF}}}, code
