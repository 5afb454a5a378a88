"""Helpers shared by the planning concepts.

Uploads: the core has no upload helper, so planning keeps files itself, under
``<instance>/uploads/planning/<folder>/`` with a random name. :func:`store_upload` refuses a file
over :data:`UPLOAD_MAX_BYTES` or of a type not in :data:`ALLOWED_TYPES` (judged by the file
name's extension, never by what the browser claims), and removes the file again when the
session's transaction rolls back (:func:`track_uploads`), so a refused change leaves no file
behind.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.orm import Session

from core.errors import VanPhongError

#: The largest file accepted (10 MiB).
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
#: Accepted extensions and the content type files of each are served with.
ALLOWED_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
_CHUNK = 64 * 1024
_PENDING = "planning_uploads"


@dataclass(frozen=True)
class StoredFile:
    """A file kept under the instance folder: ``filename`` as uploaded, ``stored_name`` on disk."""

    filename: str
    stored_name: str
    content_type: str
    size: int


def upload_root(folder: str) -> Path:
    """Where files of ``folder`` (e.g. ``"tasks"``) are kept."""
    settings = current_app.extensions["vanphong"].settings
    return Path(settings.instance_path) / "uploads" / "planning" / folder


def clean_filename(name: str) -> str:
    """The file's own name, without folders or control characters, at most 255 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable()).strip()
    return base[-255:]


def store_upload(
    session: Session, stream: IO[bytes], filename: str, folder: str, *, field: str = "files"
) -> StoredFile:
    """Save ``stream`` under ``folder`` and return what to record about it.

    Raises :class:`VanPhongError` (naming ``field``) for an empty name, a type not allowed or a
    file over the cap. The file is deleted again if ``session``'s transaction rolls back.
    """
    shown = clean_filename(filename)
    extension = Path(shown).suffix.lower()
    if not shown or extension not in ALLOWED_TYPES:
        raise VanPhongError(
            _(
                "Attachment %(name)s: only these types are accepted: %(types)s.",
                name=shown or "?",
                types=", ".join(sorted(ALLOWED_TYPES)),
            ),
            field=field,
        )
    root = upload_root(folder)
    root.mkdir(parents=True, exist_ok=True)
    stored = f"{secrets.token_hex(16)}{extension}"
    path = root / stored
    size = 0
    with path.open("wb") as out:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > UPLOAD_MAX_BYTES:
                out.close()
                path.unlink(missing_ok=True)
                raise VanPhongError(
                    _(
                        "Attachment %(name)s: at most %(mb)d MB.",
                        name=shown,
                        mb=UPLOAD_MAX_BYTES // (1024 * 1024),
                    ),
                    field=field,
                )
            out.write(chunk)
    session.info.setdefault(_PENDING, []).append(path)
    return StoredFile(shown, stored, ALLOWED_TYPES[extension], size)


def stored_path(folder: str, stored_name: str) -> Path:
    """The path of a stored file (``stored_name`` comes from the database, never from input)."""
    return upload_root(folder) / Path(stored_name).name


def _keep_uploads(session: Session) -> None:
    session.info.pop(_PENDING, None)


def _drop_uploads(session: Session) -> None:
    for path in session.info.pop(_PENDING, []):
        Path(path).unlink(missing_ok=True)


def track_uploads() -> None:
    """Remove the files a rolled-back transaction stored; keep those of a committed one.
    Called once while the app is built (a listener added during a commit would disturb it)."""
    for name, listener in (("after_commit", _keep_uploads), ("after_rollback", _drop_uploads)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
