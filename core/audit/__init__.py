"""The audit log: who changed what, when and from where, for every model, by ORM events."""
