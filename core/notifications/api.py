"""REST endpoints of the caller's own notifications: ``/api/v1/me/notifications``."""

from __future__ import annotations

from typing import Any

from flask_login import current_user
from marshmallow import fields

from core.api import ApiBlueprint, Filter, Resource, equals, requires
from core.db import db
from core.notifications import services
from core.notifications.models import Notification
from core.notifications.schemas import MarkedSchema, MarkReadSchema, NotificationSchema

bp = ApiBlueprint(
    "core_api_notifications",
    __name__,
    url_prefix="/api/v1/me",
    description="The caller's own in-app notifications.",
)


class NotificationResource(Resource):
    name = "notifications"
    model = Notification
    schema = NotificationSchema
    permission = "core.notification"
    filters = {
        "unread": Filter(
            fields.Boolean(metadata={"description": "Only unread (true) or only read (false)."}),
            lambda unread: (
                Notification.read_at.is_(None) if unread else Notification.read_at.is_not(None)
            ),
        ),
        "type": equals(Notification.type),
    }
    sorts = {"created_at": Notification.created_at}
    default_sort = "-created_at"
    searchable = (Notification.subject,)

    def scope(self, paths: set[str]) -> Any:
        return Notification.user_id == current_user.id

    def criteria(self, args: dict[str, Any], paths: set[str] | None) -> list[Any]:
        return [self.scope(set()), *super().criteria(args, None)]

    def get(self, id: int, paths: set[str] | None) -> Any:
        return super().get(id, set())  # one's own, whatever one's scope


NotificationResource().register(bp)


@bp.route("/notifications/read", methods=["POST"])
@requires("core.notification.view")
@bp.arguments(MarkReadSchema)
@bp.response(200, MarkedSchema)
def mark_read(data: dict[str, Any]) -> Any:
    """Mark some of one's notifications read (``ids``), or all of them."""
    marked = services.mark_read(db.session, current_user, data.get("ids"))
    db.session.commit()
    return {"marked": marked}
