"""The back office: Flask-Admin with permission-aware base views.

Every view a plugin returns from ``register_admin_views`` must derive from :class:`ModelView`
or :class:`BaseView` here; the core refuses others, so no page escapes the permission check.
"""

from core.admin.views import BaseView, ModelView, SecureView, expose

__all__ = ["BaseView", "ModelView", "SecureView", "expose"]
