# ruff: noqa: F811
"""Every staff page, as each role that may see it, in a real browser (issue 11, "Done when"):

- axe-core (node_modules/axe-core, pinned in package-lock.json, installed by `make setup`) finds no
  critical and no serious violation, on a desktop window and on a 390 x 844 phone;
- at 390 px the document is no wider than the viewport and the header stays one line, with every
  control of it on the screen.

One test per role walks all of that role's pages and reports every problem of every page at once.
Screenshots: test-artifacts/pages-<role>-<page>-<width>.png.
Run apart from the rest of the suite: `pytest -m browser queues/tests/test_browser_pages.py`.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from clinflow.testing import ROOT, wait_until
from queues.tests.test_browser import (  # noqa: F401  (fixtures)
    ARTIFACTS,
    PASSWORD,
    chromium,
    item_for,
    model_file,
    noshow_model_file,
    orm,
    post_envelope,
    post_message,
    server,
    shot,
    site,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
# the imported fixtures above are used by name (pytest), hence F811 off in this file

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
BLOCKING = ("critical", "serious")


def escalation_inbox() -> str | None:
    """The escalation inbox (issue 11, item 4) once the URL exists."""
    try:
        return reverse("escalation-inbox")
    except NoReverseMatch:
        return None


# page name -> path; `{message}` etc. are the ids of the items the `work` fixture makes
PAGES = {
    "login": "/accounts/login/",
    "home": "/",
    "my-work": "/work/",
    "queue-triage": "/queues/north-nurse-triage/",
    "queue-results": "/queues/north-results/",
    "queue-scheduling": "/queues/north-scheduling/",
    "item-message": "/items/{message}/",
    "item-lab": "/items/{lab}/",
    "item-suggestion": "/items/{suggestion}/",
    "delivery-settings": "/settings/delivery/",
    "scheduling-review": "/scheduling/review/",
    "scheduling-capacity": "/scheduling/capacity/",
}
INBOX = escalation_inbox()
if INBOX:
    PAGES["escalations"] = INBOX
ROLES = {
    "anonymous": ["login"],
    "nurse": ["home", "my-work", "queue-triage", "queue-results", "item-message", "item-lab", "delivery-settings"],
    "scheduler": [
        "home",
        "my-work",
        "queue-scheduling",
        "item-suggestion",
        "delivery-settings",
        "scheduling-review",
        "scheduling-capacity",
    ],
    "manager": [name for name in PAGES if name != "login"],
}


@pytest.fixture
def work(site, noshow_model_file):
    """One item of each kind a page shows: a routine patient message, an abnormal (not critical:
    no interrupt dialog over the pages) lab result, and a reminder call (live no-show model,
    threshold 0). Made before the browser starts, so the ORM is used directly."""
    from ingest.samples import sample_event
    from mlregistry.models import ModelVersion
    from queues.models import WorkItem
    from scheduling.models import SchedulingPolicy
    from scheduling.services import MODEL_NAME, scheduling_policy_update

    name, sha = noshow_model_file
    ModelVersion.objects.create(
        name=MODEL_NAME, version=1, state="live", path=name, sha256=sha, trained_at=timezone.now(), n_samples=1
    )
    policy = SchedulingPolicy.objects.get(facility__slug="north")
    scheduling_policy_update(policy=policy, changes={"reminder_threshold": 0.0}, actor="test")

    post_message(site, subject="Rash", body="An itchy rash on my arm for a week, getting bigger.", mrn="MRN-PG1")
    post_envelope(
        site,
        sample_event(
            "LabResultFinalized",
            result_id="lab-pages-1",
            patient={"mrn": "MRN-PG2", "name": "Ben Example", "birth_date": "1955-07-01", "sex": "male"},
            value=5.4,
            abnormal_flag="H",
        ),
    )
    day = timezone.now().date() + timedelta(days=3)
    post_envelope(
        site,
        sample_event(
            "AppointmentBooked",
            appointment_id="appt-pages-1",
            provider_id="dr-lee",
            patient={"mrn": "MRN-PG3", "name": "Cara Example", "birth_date": "1988-01-01", "sex": "female"},
            booked_at=timezone.now().isoformat(),
            starts_at=f"{day.isoformat()}T09:00:00+00:00",
            reminder_channel="phone",
        ),
    )

    def made(mrn: str, kind: str):
        return wait_until(lambda: WorkItem.objects.filter(patient_mrn=mrn, kind=kind).first(), timeout=60)

    ids = {
        "message": made("MRN-PG1", "message").pk,
        "lab": made("MRN-PG2", "lab_result").pk,
        "suggestion": made("MRN-PG3", "reminder_call").pk,
    }
    return {**site, "ids": ids}


# --- what is checked on each page -------------------------------------------------------------
AXE_RUN = """async () => {
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map(n => n.target.join(" ")),
    }));
}"""

# Header one line: every visible child of the header sits in the same row (their vertical
# extents overlap), the header is no taller than its tallest child plus its padding, and every
# link and button in it is inside the viewport (nothing cut off by overflow) or inside a part of
# the header that scrolls sideways on its own and is itself on the screen.
HEADER_GEOMETRY = """() => {
    const header = document.querySelector("header.top");
    const style = getComputedStyle(header);
    const box = header.getBoundingClientRect();
    const kids = [...header.children].filter(el => el.getClientRects().length && el.offsetWidth > 0);
    const rects = kids.map(el => el.getBoundingClientRect());
    const tallest = Math.max(...rects.map(r => r.height));
    const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    const lowestTop = Math.max(...rects.map(r => r.top));
    const highestBottom = Math.min(...rects.map(r => r.bottom));
    const controls = [...header.querySelectorAll("a, button")].filter(el => el.getClientRects().length);
    const outside = el => {
        const r = el.getBoundingClientRect();
        return r.left < -0.5 || r.right > window.innerWidth + 0.5 || r.width === 0;
    };
    const scroller = el => {
        for (let up = el.parentElement; up && up !== header; up = up.parentElement) {
            const overflow = getComputedStyle(up).overflowX;
            if (overflow === "auto" || overflow === "scroll") return up;
        }
        return null;
    };
    const offscreen = controls
        .filter(el => outside(el) && (!scroller(el) || outside(scroller(el))))
        .map(el => el.textContent.trim() || el.getAttribute("aria-label") || el.tagName);
    return {
        height: box.height, tallest, padding, oneRow: lowestTop < highestBottom, offscreen,
    };
}"""


def page_problems(page, *, label: str, seen: list | None = None) -> list[str]:
    """axe violations (critical / serious) of the page as it is now, as readable lines; every
    violation, whatever its impact, is also appended to `seen`."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_RUN)
    if seen is not None:
        seen += [{"page": label, **v} for v in violations]
    return [
        f"{label}: axe {v['impact']} {v['id']} ({v['help']}) at {v['targets']}"
        for v in violations
        if v["impact"] in BLOCKING
    ]


def width_problems(page, *, label: str) -> list[str]:
    """The document no wider than the window (no sideways scrolling), on a desktop and on a phone."""
    problems = []
    width, viewport = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if width > viewport:
        wide = page.evaluate(
            """() => [...document.querySelectorAll("body *")]
                .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
                .slice(0, 5)
                .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                    + (typeof el.className === "string" && el.className
                        ? "." + el.className.trim().split(/\\s+/).join(".") : ""))"""
        )
        problems.append(f"{label}: document is {width} px wide at {viewport} px (widest: {wide})")
    return problems


def phone_problems(page, *, label: str) -> list[str]:
    problems = width_problems(page, label=label)
    header = page.evaluate(HEADER_GEOMETRY)
    if not header["oneRow"] or header["height"] > header["tallest"] + header["padding"] + 1:
        problems.append(f"{label}: the header is more than one line: {header}")
    if header["offscreen"]:
        problems.append(f"{label}: header controls off the screen: {header['offscreen']}")
    return problems


def open_page(page, path: str, *, signed_in: bool) -> None:
    from playwright.sync_api import expect

    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
    page.wait_for_load_state("load")
    if signed_in:  # the live connection settles the header's status before it is measured
        expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
    if "capacity" in path:
        expect(page.locator("#capacity-chart .main-svg").first).to_be_visible()


def walk(browser, *, base: str, role: str, ids: dict) -> list[str]:
    """Open each page of the role on a desktop window and on a phone; every problem found."""
    context = browser.new_context(viewport=DESKTOP, base_url=base)
    page = context.new_page()
    if role != "anonymous":
        page.goto("/accounts/login/")
        page.fill("#id_username", role)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
    problems: list[str] = []
    seen: list[dict] = []
    for name in ROLES[role]:
        path = PAGES[name].format(**ids)
        for size, viewport in (("desktop", DESKTOP), ("390", PHONE)):
            label = f"{role} {name} {path} ({size})"
            page.set_viewport_size(viewport)
            open_page(page, path, signed_in=role != "anonymous")
            problems += page_problems(page, label=label, seen=seen)
            problems += phone_problems(page, label=label) if viewport is PHONE else width_problems(page, label=label)
            shot(page, f"pages-{role}-{name}-{size}")
            # what a closed <details> hides (the decision forms of an item page) is checked open
            if page.evaluate("() => document.querySelectorAll('details:not([open])').length"):
                page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
                problems += page_problems(page, label=f"{label} with every panel open", seen=seen)
                if viewport is PHONE:
                    problems += phone_problems(page, label=f"{label} with every panel open")
                shot(page, f"pages-{role}-{name}-{size}-open")
        if name == ROLES[role][0] and role != "anonymous":  # the shortcuts help, once per role
            page.set_viewport_size(DESKTOP)
            page.click("#help-button")
            page.locator("#help-close").wait_for(state="visible")
            problems += page_problems(page, label=f"{role} {name} with the shortcuts help open", seen=seen)
            shot(page, f"pages-{role}-help")
    context.close()
    # every violation (the moderate and minor ones too), for whoever improves the pages next
    (ARTIFACTS / f"pages-axe-{role}.json").write_text(json.dumps(seen, indent=1))
    return problems


@pytest.fixture
def axe_file():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make setup` (npm ci installs axe-core from package-lock.json)")
    return AXE


@pytest.mark.parametrize("role", list(ROLES))
def test_every_staff_page_passes_axe_and_fits_390_px(work, chromium, axe_file, role):
    problems = walk(chromium, base=work["url"], role=role, ids=work["ids"])
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


def test_the_axe_check_finds_a_serious_violation_when_there_is_one(work, chromium, axe_file):
    """The check can fail: a page with an unlabelled field and low-contrast text is reported."""
    context = chromium.new_context(viewport=DESKTOP, base_url=work["url"])
    page = context.new_page()
    open_page(page, "/accounts/login/", signed_in=False)
    page.evaluate("""() => {
        document.getElementById("id_username").labels.forEach(label => label.remove());
        document.querySelector("h1").style.color = "#ccc";
    }""")
    problems = page_problems(page, label="broken login")
    page.set_viewport_size(PHONE)
    page.evaluate("""() => { document.querySelector("main").style.minWidth = "900px"; }""")
    problems += phone_problems(page, label="broken login")
    context.close()
    text = "\n".join(problems)
    assert "label" in text and "color-contrast" in text and "px wide at 390 px" in text, text
