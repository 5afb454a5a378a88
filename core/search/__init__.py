"""The unified search over every enabled plugin's ``search`` hook."""
