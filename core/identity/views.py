"""Routes only: sign in and sign out. The rules live in :mod:`core.identity.services`."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from core.db import db
from core.identity.forms import LoginForm
from core.identity.services import authenticate

bp = Blueprint("core_auth", __name__)


def safe_next(target: str | None) -> str:
    """A local path to go to after login; anything pointing off-site becomes the admin home."""
    default = url_for("admin.index")
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target or any(ord(c) < 32 for c in target):
        return default
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(form.next.data))
    if form.validate_on_submit():
        user = authenticate(db.session, form.username.data, form.password.data)
        if user is not None:
            db.session.commit()
            session.clear()  # a new session at login: nothing from before survives
            login_user(user)
            return redirect(safe_next(form.next.data))
        flash(_("Wrong username or password, or the account is disabled."), "error")
    return render_template("core/login.html", form=form), 401 if request.method == "POST" else 200


@bp.route("/logout", methods=["POST"])
def logout():
    """POST only, so CSRFProtect checks the token: another site cannot sign a user out."""
    logout_user()
    session.clear()
    return redirect(url_for("core_auth.login"))
