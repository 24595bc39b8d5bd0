"""Fixtures shared by the intake tests."""

import pytest

from ingest import handlers
from ingest.tests.factories import IntegrationSourceFactory


@pytest.fixture
def source():
    """An integration source allowed every type (bound to the first source URI it uses)."""
    return IntegrationSourceFactory()


@pytest.fixture
def calls(monkeypatch):
    """Register a counting handler for AppointmentNoShow (removed afterwards)."""
    seen: list[str] = []

    def handler(event):
        seen.append(str(event.pk))
        return {"seen": len(seen)}

    monkeypatch.setitem(handlers._HANDLERS, "AppointmentNoShow", [handler])
    return seen
