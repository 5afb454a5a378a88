"""Routes only: sign in, sign out, change one's password, choose a language. The rules live
in :mod:`core.identity.services`."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from core.audit.services import record
from core.db import db
from core.identity import sessions
from core.identity.forms import LocaleForm, LoginForm, PasswordForm
from core.identity.services import (
    IdentityError,
    SignInRefused,
    change_own_password,
    find_user,
    sign_in,
)

bp = Blueprint("core_auth", __name__)


def safe_next(target: str | None) -> str:
    """A local path to go to next; anything pointing off-site becomes the admin home."""
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
        if current_user.is_authenticated:
            return redirect(safe_next(form.next.data))
    status = 200
    if form.validate_on_submit():
        try:
            user = sign_in(
                db.session, form.username.data, form.password.data, request.remote_addr or ""
            )
        except SignInRefused as refusal:
            # What was typed is kept only if it names an account: people type passwords there.
            known = find_user(db.session, form.username.data)
            record("login_failed", "core_user", known.id if known else "", actor="")
            flash(str(refusal), "error")
            status = 429 if refusal.until else 401
        else:
            sessions.start(user)  # a new session id: nothing from before survives
            login_user(user)
            db.session.commit()
            record("login", "core_user", user.id)
            return redirect(safe_next(form.next.data))
    elif request.method == "POST":
        status = 400
    return render_template("core/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    """POST only, so CSRFProtect checks the token: another site cannot sign a user out."""
    if current_user.is_authenticated:
        record("logout", "core_user", current_user.id)
    sessions.end()
    db.session.commit()
    return redirect(url_for("core_auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            change_own_password(db.session, current_user, form.current.data, form.new.data)
        except IdentityError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("Your password was changed; your other sessions were signed out."), "success")
            return redirect(url_for("admin.index"))
    return render_template("core/password.html", form=form)


@bp.route("/locale", methods=["POST"])
def set_locale():
    """Switch the language; a signed-in user keeps the choice in their profile."""
    form = LocaleForm()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            current_user.locale = form.locale.data
            db.session.commit()
    return redirect(safe_next(form.next.data))
