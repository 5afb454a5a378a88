"""Text helpers shared by the core and plugins: Vietnamese-aware folding for search."""

from __future__ import annotations

import hashlib
import unicodedata

#: Every Vietnamese letter with a diacritic, upper and lower case (for SQL ``translate``).
VIETNAMESE_LETTERS = (
    "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
    "ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ"
)


def fold(text: str | None) -> str | None:
    """Lower case without diacritics: "Nguyễn Văn Ấn" → "nguyen van an"; đ/Đ → d."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fold_sql_function() -> str:
    """PostgreSQL ``vp_fold(text)``, the same folding as :func:`fold` for Vietnamese text."""
    source = VIETNAMESE_LETTERS
    target = "".join(fold(c) or "" for c in source)
    return (
        "CREATE OR REPLACE FUNCTION vp_fold(value text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
        f"$$ SELECT lower(translate(value, '{source}', '{target}')) $$"
    )


def digest(secret: str) -> str:
    """The SHA-256 of a secret (API token, feed address) as stored: the secret itself never is."""
    return hashlib.sha256(secret.encode()).hexdigest()
