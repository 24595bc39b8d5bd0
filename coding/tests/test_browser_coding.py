"""A coder works the coder queue in a real browser (Chromium through Playwright, real ASGI server and
Celery worker): the findings of an encounter posted by the EMR arrive in the queue with their rule,
the coder opens one and sees the evidence and the fix, accepts it, and overrides another with a
coding reason. Run: `pytest -m browser coding/tests/test_browser_coding.py`."""

from __future__ import annotations

import re

import pytest

from clinflow.testing import wait_until
from queues.tests.test_browser import PASSWORD, orm, post_envelope, resolved_state, shot, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ENCOUNTER = {
    "encounter_id": "enc-browser-1",
    "facility": "north",
    "patient": {"mrn": "COD-1", "name": "Cory Example", "birth_date": "1958-06-01", "sex": "male"},
    "duration_min": 25,
    "diagnoses": [{"system": "ICD-10-CM", "code": "I50.9"}, {"system": "ICD-10-CM", "code": "E11"}],
    "procedures": [
        {"system": "CPT", "code": "99215", "modifiers": []},
        {"system": "CPT", "code": "20610", "modifiers": []},
    ],
    "documentation_flags": ["type_systolic", "acuity_chronic"],
    "body": "SECRET message text an EMR put on the encounter",
}


@pytest.fixture
def findings(site):
    """The coder may sign in to the real server; one messy encounter posted through the API."""
    from django.contrib.auth import get_user_model

    from ingest.samples import sample_event
    from queues.models import WorkItem

    coder = get_user_model().objects.get(username="coder")
    coder.set_password(PASSWORD)
    coder.save(update_fields=["password"])
    post_envelope(site, sample_event("EncounterClosed", **ENCOUNTER))
    assert wait_until(lambda: WorkItem.objects.filter(kind__in=WorkItem.CODING_KINDS).count() == 4, timeout=60)
    return {**site, "items": {i.kind: i for i in WorkItem.objects.filter(kind__in=WorkItem.CODING_KINDS)}}


def test_a_coder_opens_a_finding_accepts_one_and_overrides_one_with_a_reason(findings, chromium):
    from playwright.sync_api import expect

    from audit.models import AuditRecord
    from queues.models import WorkItem

    items = findings["items"]
    assert set(items) == {
        "coding_em_time",
        "coding_dx_unspecified",
        "coding_modifier_missing",
        "coding_dx_not_billable",
    }
    page = sign_in(chromium, findings["url"], "coder")
    page.goto("/queues/north-coding/")
    rows = page.locator("#item-rows tr.row")
    expect(rows).to_have_count(4)
    em_row = page.locator("#item-rows tr.row", has_text="E/M level not supported")
    expect(em_row).to_contain_text("COD-1")
    expect(em_row.locator(".r-rule")).to_contain_text("25 min documented")
    expect(page.locator("body")).not_to_contain_text("SECRET")
    shot(page, "coding-1-queue")

    # open the E/M-time finding: the rule, the evidence, the suggested fix and the source
    em = items["coding_em_time"]
    em_row.locator("a.item-link").click()
    page.wait_for_url(re.compile(rf"/items/{em.pk}/"))
    card = page.get_by_test_id("coding-finding")
    expect(card.locator(".coding-rule")).to_contain_text("E/M level not supported by the documented time")
    expect(card.locator(".coding-evidence")).to_contain_text("99215 billed (total time 40-54 min); 25 min documented")
    expect(card.locator(".coding-fix")).to_contain_text("The time supports 99213")
    expect(card.locator(".coding-source")).to_contain_text("MLN006764")
    expect(page.locator("body")).not_to_contain_text("SECRET")
    shot(page, "coding-2-finding")
    page.click("#btn-accept")
    resolved_state(em.pk, page=page)
    decided = orm(lambda: WorkItem.objects.filter(pk=em.pk).values_list("decision", "resolved_by__username").get())
    assert decided == ("accept", "coder")

    # override the unspecified-code finding: the code stands, with a coding reason
    spec = items["coding_dx_unspecified"]
    page.goto(f"/items/{spec.pk}/")
    expect(page.get_by_test_id("coding-finding").locator(".coding-fix")).to_contain_text("I50.22")
    page.locator("#panel-override summary").click()
    expect(page.locator("select#ov-urgency")).to_have_count(0)  # a coder sets no clinical urgency
    reasons = page.locator("#ov-reason option")
    expect(reasons).to_contain_text(["Choose…", "The documentation supports the code as billed"])
    expect(page.locator("#ov-reason")).not_to_contain_text("Clinical judgement")
    page.fill("#ov-disposition", "Keep I50.9: the note says 'heart failure' only; flags came from a template.")
    page.select_option("#ov-reason", "documentation_supports_code")
    shot(page, "coding-3-override")
    page.click("#form-override button[type=submit]")
    resolved_state(spec.pk, page=page)
    page.goto(f"/items/{spec.pk}/")
    expect(page.locator("#resolved-summary")).to_contain_text("override")
    expect(page.locator("#history")).to_contain_text("The documentation supports the code as billed")
    shot(page, "coding-4-overridden")

    def audited():
        record = AuditRecord.objects.filter(action="work_item.resolved", object_id=str(spec.pk)).get()
        return record.actor, record.data["human"]["decision"], record.data["human"]["reason_code"]

    assert orm(audited) == ("coder", "override", "documentation_supports_code")
    # back in the queue: the two decided findings are gone, two remain
    page.goto("/queues/north-coding/")
    expect(page.locator("#item-rows tr.row")).to_have_count(2)


def test_a_manager_edits_the_documentation_policy_with_validation_in_the_browser(site, chromium):
    """The owner's page (/coding/policy/): a bad threshold is refused naming its line and nothing is
    saved; a good one saves a new version, audited."""
    from playwright.sync_api import expect

    from coding.models import DocumentationPolicy

    def current():
        policy = DocumentationPolicy.objects.get(facility__slug="north")
        return policy.version, dict(policy.order_hours)

    version_before, _ = orm(current)
    errors: list[str] = []
    page = sign_in(chromium, site["url"], "manager")
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/coding/policy/")
    form = page.locator("form.gov-form").filter(has=page.locator("input[name=facility][value=north]"))
    form.locator("textarea[name=order_hours]").fill("default: lots\nverbal: 24")
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("policy-errors").first).to_be_visible()
    expect(page.locator(".field-error").first).to_contain_text("line 1")
    assert orm(current)[0] == version_before  # nothing saved
    form = page.locator("form.gov-form").filter(has=page.locator("input[name=facility][value=north]"))
    form.locator("textarea[name=order_hours]").fill("*: 36\nverbal: 24\ntelephone: 48")
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("policy-errors")).to_have_count(0)
    expect(page.get_by_test_id("policy-version").first).to_contain_text(f"version {version_before + 1}")
    version_after, hours = orm(current)
    assert version_after == version_before + 1 and hours == {"*": 36, "verbal": 24, "telephone": 48}
    from audit.models import AuditRecord

    changed = orm(
        lambda: list(AuditRecord.objects.filter(action="documentation_policy.changed").values_list("actor", flat=True))
    )
    assert changed == ["manager"]  # one change (the refused one wrote nothing), by the manager
    shot(page, "coding-5-policy")
    assert not errors, errors
