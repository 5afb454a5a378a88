"""REST endpoints of the audit log (read only): ``/api/v1/audit``."""

from __future__ import annotations

from core.api import ApiBlueprint, Filter, Resource, When, equals
from core.audit.models import AuditEntry
from core.audit.schemas import AuditEntrySchema

bp = ApiBlueprint(
    "core_api_audit",
    __name__,
    url_prefix="/api/v1",
    description="The audit log: every change and security event, never edited.",
)


class AuditResource(Resource):
    name = "audit"
    model = AuditEntry
    schema = AuditEntrySchema
    permission = "core.audit"
    agency_wide = frozenset({"view", "manage"})  # the log spans every unit
    filters = {
        "actor_id": equals(AuditEntry.actor_id),
        "action": equals(AuditEntry.action),
        "object_type": equals(AuditEntry.object_type),
        "object_id": equals(AuditEntry.object_id),
        "since": Filter(
            When(metadata={"description": "At or after this time."}),
            lambda at: AuditEntry.at >= at,
        ),
        "until": Filter(
            When(metadata={"description": "Before this time."}),
            lambda at: AuditEntry.at < at,
        ),
    }
    sorts = {"at": AuditEntry.at}
    default_sort = "-at"
    searchable = (AuditEntry.actor, AuditEntry.note)


AuditResource().register(bp)
