from django.db.models import QuerySet

from audit.models import AuditRecord


def audit_records_for(*, object_type: str, object_id: str) -> QuerySet[AuditRecord]:
    return AuditRecord.objects.filter(object_type=object_type, object_id=str(object_id)).order_by("seq")
