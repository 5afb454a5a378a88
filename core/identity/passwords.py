"""Password hashing with argon2id (argon2-cffi's defaults, RFC 9106 low-memory profile)."""

from __future__ import annotations

import functools
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when a username does not exist, so both paths cost the same time.

    Computed on first use, not at import: hashing is deliberately slow.
    """
    return _hasher.hash("vanphong-timing-equaliser")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant-work check: an unknown user costs the same as a wrong password."""
    try:
        matches = _hasher.verify(password_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return matches and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


MIN_LENGTH = 12  # the password policy; services translate the rule names into messages
COMMON_FILE = Path(__file__).with_name("common-passwords.txt")


@functools.cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def policy_problem(password: str, username: str = "") -> str | None:
    """Which rule the password breaks (an untranslated key), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return "short"
    if password.lower() in common_passwords():
        return "common"
    if username and username.lower() in password.lower():
        return "username"
    return None
