"""The unified calendar: every enabled plugin's entries on one week view and a personal feed."""
