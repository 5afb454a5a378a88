"""Back-office list of users (read and disable; roles and org chart come with their issue)."""

from flask_babel import lazy_gettext as _l

from core.admin import ModelView
from core.identity.models import User


class UserView(ModelView):
    permission = "core.user"
    column_list = ("username", "full_name", "email", "active", "is_superuser", "last_login_at")
    column_searchable_list = ("username", "full_name", "email")
    column_filters = ("active", "is_superuser")
    column_labels = {
        "username": _l("Username"),
        "full_name": _l("Full name"),
        "email": _l("E-mail"),
        "active": _l("Active"),
        "is_superuser": _l("Superuser"),
        "last_login_at": _l("Last login"),
    }
    can_view_details = True
    # Read-only until user management lands with roles: every change goes through
    # core.identity.services, and the admin forms for it come with that issue.
    can_create_default = False
    can_edit_default = False
    can_delete_default = False  # disable instead: a user's history stays attributable

    def __init__(self) -> None:
        super().__init__(User, name=_l("Users"), endpoint="core_user", category=_l("System"))
