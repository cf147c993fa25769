"""What the hub's commands refuse, in Chinese (exit 2, nothing stored)."""


class HubError(Exception):
    """A hub command that cannot be done as asked: its message says why, in Chinese."""
