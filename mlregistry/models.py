from django.db import models


class ModelVersion(models.Model):
    """The model registry: one row per trained model file (candidate → shadow → live → retired).

    The table keeps the name it had when the registry lived in the triage app (`triage_modelversion`),
    so moving the model here moved no rows (mlregistry/migrations/0001_initial.py)."""

    class State(models.TextChoices):
        CANDIDATE = "candidate"
        SHADOW = "shadow"
        LIVE = "live"
        RETIRED = "retired"

    name = models.CharField(max_length=64)
    version = models.PositiveIntegerField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.CANDIDATE)
    path = models.CharField(max_length=500, help_text="skops file, relative to the models directory")
    sha256 = models.CharField(max_length=64)
    metrics = models.JSONField(default=dict)
    n_samples = models.PositiveIntegerField(default=0)
    trained_at = models.DateTimeField()
    created_by = models.CharField(max_length=150, default="system")
    training_data = models.JSONField(
        default=dict, blank=True, help_text="What it was trained on: source, rows, date range, label origin"
    )
    promoted_at = models.DateTimeField(null=True, blank=True, help_text="When it last went live")
    state_changed_at = models.DateTimeField(null=True, blank=True)
    state_changed_by = models.CharField(max_length=150, blank=True)
    state_note = models.TextField(blank=True, help_text="The note of the last state change (promotion, rollback)")

    class Meta:
        db_table = "triage_modelversion"
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="model_name_version")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version} ({self.state})"


class ModelFactSheet(models.Model):
    """The parts of a model's transparency page (ONC HTI-1 source attributes) a person must write and
    review, per model name: what the registry and live monitoring cannot know. Until someone at the
    site reviews them the page shows the text the product ships, marked as not yet reviewed."""

    name = models.CharField(max_length=64, unique=True)
    purpose = models.TextField(blank=True, help_text="Intended use, intended users, the decision it supports")
    out_of_scope = models.TextField(blank=True, help_text="Cautioned out-of-scope use")
    fairness_approach = models.TextField(blank=True)
    external_validation = models.TextField(blank=True)
    update_schedule = models.TextField(blank=True)
    reviewed_by = models.CharField(max_length=150, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"fact sheet of {self.name}"
