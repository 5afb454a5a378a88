"""Notifications: an in-app inbox and e-mail, written in the caller's transaction and delivered
from an outbox by the job worker, exactly once per message key."""
