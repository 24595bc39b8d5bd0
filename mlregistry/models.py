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

    class Meta:
        db_table = "triage_modelversion"
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="model_name_version")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version} ({self.state})"
