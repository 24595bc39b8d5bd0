import pytest

from triage.tests.conftest import live_model, trained_model_file  # noqa: F401  (fixtures)


@pytest.fixture
def live_triage_model(live_model):  # noqa: F811
    """The triage classifier, live (trained once per session from the seed corpus)."""
    return live_model
