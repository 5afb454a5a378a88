"""Helpers shared by the concepts of the meetings plugin (rooms, meetings, briefings)."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from flask import current_app
from flask_babel import gettext as _

from core.errors import VanPhongError

#: Signatures (leading bytes) of the file kinds VanPhong takes for meeting documents.
PDF, ZIP, OLE2 = (b"%PDF-",), (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)

#: Allowed extensions → (content type, accepted leading bytes; empty: UTF-8 text).
DOCUMENT_TYPES: Mapping[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", PDF),
    "doc": ("application/msword", OLE2),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    "xls": ("application/vnd.ms-excel", OLE2),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    "ppt": ("application/vnd.ms-powerpoint", OLE2),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP),
    "odt": ("application/vnd.oasis.opendocument.text", ZIP),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", ZIP),
    "odp": ("application/vnd.oasis.opendocument.presentation", ZIP),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "txt": ("text/plain; charset=utf-8", ()),
}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UploadError(VanPhongError):
    """An uploaded file is refused; the message names the rule (size, type, name)."""


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed :func:`check_upload`: a safe name, the type its extension and
    content agree on, and its bytes."""

    filename: str
    content_type: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def setting(name: str, default: Any) -> Any:
    """A plugin setting: the app's config key ``name`` (e.g. ``MEETINGS_REMIND_BEFORE``), else
    the environment variable ``VANPHONG_<name>``, else ``default``."""
    if name in current_app.config:
        return current_app.config[name]
    return os.environ.get(f"VANPHONG_{name}", default)


def max_upload_bytes() -> int:
    """The size cap of an uploaded document (``MEETINGS_UPLOAD_MAX_BYTES``, default 20 MiB)."""
    return int(setting("MEETINGS_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def clean_filename(name: str) -> str:
    """The last part of a client's file name, in NFC, without control characters."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/")
    name = _CONTROL.sub("", PurePosixPath(name).name).strip().lstrip(".")
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 254 - len(ext)] + dot + ext) if dot else name[:255]
    return name


def check_upload(
    filename: str,
    content: bytes,
    *,
    max_bytes: int | None = None,
    allowed: Mapping[str, tuple[str, tuple[bytes, ...]]] = DOCUMENT_TYPES,
    field: str = "file",
) -> CheckedUpload:
    """Accept ``content`` named ``filename`` only if it is not empty, not larger than
    ``max_bytes`` and of an ``allowed`` kind, by its extension AND its leading bytes (a
    renamed program is refused). The type stored comes from the rule, never from the client."""
    cap = max_upload_bytes() if max_bytes is None else max_bytes
    name = clean_filename(filename)
    if not name:
        raise UploadError(_("File: give the file a name."), field=field)
    if not content:
        raise UploadError(_("File: %(name)s is empty.", name=name), field=field)
    if len(content) > cap:
        raise UploadError(
            _(
                "File: %(name)s is %(size)s; the limit is %(limit)s.",
                name=name,
                size=_megabytes(len(content)),
                limit=_megabytes(cap),
            ),
            field=field,
        )
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in allowed:
        raise UploadError(
            _(
                "File: %(name)s is not an allowed type; allowed: %(types)s.",
                name=name,
                types=", ".join(sorted(allowed)),
            ),
            field=field,
        )
    content_type, signatures = allowed[extension]
    if not _matches(content, signatures):
        raise UploadError(
            _(
                "File: the content of %(name)s is not a %(type)s file.",
                name=name,
                type=extension.upper(),
            ),
            field=field,
        )
    return CheckedUpload(name, content_type, content)


def _matches(content: bytes, signatures: tuple[bytes, ...]) -> bool:
    if signatures:
        return content.startswith(signatures)
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in content


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
