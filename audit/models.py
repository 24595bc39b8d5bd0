from django.db import models


class AuditRecord(models.Model):
    """One append-only, hash-chained entry of the audit trail.

    UPDATE and DELETE are refused by database triggers (audit/dbguard.py); `hash` chains each record
    to the one before it, and `manage.py verify_audit` recomputes the chain.
    """

    class ActorType(models.TextChoices):
        SYSTEM = "system"
        SOURCE = "source"  # an integration source (EMR) via its API token
        USER = "user"
        AI = "ai"

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor_type = models.CharField(max_length=16, choices=ActorType.choices)
    actor = models.CharField(max_length=150)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id} by {self.actor}"


class AuditChainHead(models.Model):
    """Single row holding the chain's last seq and hash; locked while a record is appended."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit chain head at #{self.seq}"
