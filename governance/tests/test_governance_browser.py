"""Issue 13's walk in a real browser (Debian's Chromium through Playwright) against a real ASGI
server and a real Celery worker, on the test database: a manager flips triage at North to shadow,
then off (a new message becomes an unscored human item a nurse sees with the banner), then back to
live; runs a candidate in shadow, promotes it, rolls back; every step is in the audit trail with
its note. Run apart: `pytest -m browser governance/tests/test_governance_browser.py`.

The server, worker, demo site and browser fixtures are queues/tests/test_browser.py's (the ORM
goes through `orm(...)` while the browser is open: see that module's docstring)."""

from __future__ import annotations

import re
import uuid

import pytest
from django.utils import timezone

from clinflow.testing import wait_until
from ingest.samples import sample_event
from queues.tests.test_browser import (  # noqa: F401  (fixtures)
    chromium,
    model_file,
    orm,
    post_envelope,
    server,
    shot,
    sign_in,
    site,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _candidate() -> None:
    from mlregistry.models import ModelVersion
    from triage.services import MODEL_NAME

    live = ModelVersion.objects.get(name=MODEL_NAME, version=1)
    ModelVersion.objects.create(
        name=MODEL_NAME,
        version=2,
        state="candidate",
        path=live.path,
        sha256=live.sha256,
        trained_at=timezone.now(),
        n_samples=1,
        training_data={"source": "the shipped seed corpus", "rows": 1},
    )


def _set_rollout(page, rollout: str, reason: str) -> None:
    from playwright.sync_api import expect

    card = page.locator("#triage-north")
    card.locator(f"input[name=rollout][value={rollout}]").check()
    card.locator("input[name=reason]").fill(reason)
    card.get_by_role("button", name="Set rollout").click()
    expect(page.locator("#triage-north [data-testid=rollout]")).to_have_text(rollout)
    expect(page.locator(".flash")).to_contain_text(f"→ {rollout}")


def _model_action(page, version: int, button: str, note: str, expected_state: str) -> None:
    from playwright.sync_api import expect

    row = page.locator(f"#model-triage-clf tr[data-version='{version}']")
    row.locator("input[name=note]").fill(note)
    row.get_by_role("button", name=button).click()
    expect(page.locator(f"#model-triage-clf tr[data-version='{version}']")).to_have_attribute(
        "data-state", expected_state
    )


def test_a_manager_governs_triage_and_its_model_in_the_browser(site, chromium):  # noqa: F811
    from playwright.sync_api import expect

    from audit.models import AuditRecord
    from mlregistry.models import ModelVersion
    from queues.models import WorkItem

    orm(_candidate)  # the browser is open: the ORM runs in a helper thread
    manager = sign_in(chromium, site["url"], "manager")
    manager.goto("/governance/")
    expect(manager.locator("#triage-north [data-testid=rollout]")).to_have_text("live")

    _set_rollout(manager, "shadow", "pilot: compare with the nurses' decisions")
    _set_rollout(manager, "off", "INC-17: emergencies under-called")
    shot(manager, "governance-off")

    # a message arrives while triage is off: a plain human item, not scored
    message_id = f"gov-{uuid.uuid4().hex[:8]}"
    envelope = sample_event(
        "PatientMessageReceived",
        source="urn:emr:browser",
        message_id=message_id,
        facility="north",
        body="I have had a fever for three days",
        patient={"mrn": "MRN-GOV-1"},
    )
    post_envelope(site, envelope)
    wait_until(lambda: orm(lambda: WorkItem.objects.filter(rollout="off", patient_mrn="MRN-GOV-1").exists()))
    nurse = sign_in(chromium, site["url"], "nurse")
    nurse.goto("/queues/north-nurse-triage/")
    expect(nurse.locator("[data-testid=ai-off]")).to_contain_text("INC-17: emergencies under-called")
    row = nurse.locator("#item-rows tr", has_text="Message (not scored)")
    expect(row.first).to_be_visible()
    expect(row.first).to_contain_text("Not scored")
    shot(nurse, "governance-nurse-banner")
    _set_rollout(manager, "live", "INC-17 closed: model fixed")
    # live again: the next message is scored, and its AI mark links to the model's transparency
    # page, which every staff user reads (the nurse too)
    post_envelope(
        site,
        sample_event(
            "PatientMessageReceived",
            source="urn:emr:browser",
            message_id=f"gov-{uuid.uuid4().hex[:8]}",
            facility="north",
            body="Could I get a refill of my blood pressure tablets before next week?",
            patient={"mrn": "MRN-GOV-2"},
        ),
    )
    wait_until(lambda: orm(lambda: WorkItem.objects.filter(rollout="live", patient_mrn="MRN-GOV-2").exists()))
    errors: list[str] = []
    nurse.on("pageerror", lambda e: errors.append(str(e)))
    nurse.goto("/queues/north-nurse-triage/")
    mark = nurse.locator("#item-rows tr", has_text="MRN-GOV-2").locator("a[data-model-link]")
    expect(mark).to_have_attribute("href", "/models/triage-clf/1/")
    expect(mark).to_have_attribute("title", re.compile("A suggestion, not a decision"))
    mark.click()
    expect(nurse.locator("[data-testid=model-state]")).to_have_text("live")
    expect(nurse.locator("[data-testid=input-features]")).to_contain_text("subject and body only")
    assert not errors, errors
    nurse.context.close()

    _model_action(manager, 2, "Run in shadow", "challenger: retrained on the seed corpus", "shadow")
    _model_action(manager, 2, "Promote", "agreement held up over two weeks in shadow", "live")
    expect(manager.locator("#model-triage-clf tr[data-version='1']")).to_have_attribute("data-state", "retired")
    rollback = manager.locator("#model-triage-clf form.gov-rollback")
    rollback.locator("input[name=note]").fill("v2 missed a chest pain message")
    rollback.get_by_role("button", name="Roll back").click()
    expect(manager.locator("#model-triage-clf tr[data-version='1']")).to_have_attribute("data-state", "live")
    # the transparency page of the version in service, from the model table
    manager.locator("#model-triage-clf tr[data-version='1'] a").click()
    expect(manager.locator("[data-testid=model-state]")).to_have_text("live")
    expect(manager.locator("body")).to_contain_text("suggestions")
    shot(manager, "governance-transparency")
    manager.context.close()

    def trail():
        rollouts = [
            (r["after"], r["reason"])
            for r in AuditRecord.objects.filter(action="governance.rollout_set")
            .order_by("seq")
            .values_list("data", flat=True)
        ]
        models = [
            (r["how"], r["version"], r["note"])
            for r in AuditRecord.objects.filter(action="model.state_changed")
            .order_by("seq")
            .values_list("data", flat=True)
        ]
        states = dict(ModelVersion.objects.values_list("version", "state"))
        return rollouts, models, states

    rollouts, models, states = orm(trail)
    assert rollouts == [
        ("shadow", "pilot: compare with the nurses' decisions"),
        ("off", "INC-17: emergencies under-called"),
        ("live", "INC-17 closed: model fixed"),
    ]
    assert models == [
        ("shadow", 2, "challenger: retrained on the seed corpus"),
        ("promote", 2, "agreement held up over two weeks in shadow"),
        ("rollback", 1, "v2 missed a chest pain message"),
    ]
    assert states == {1: "live", 2: "retired"}
