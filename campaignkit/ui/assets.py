"""Files that ship inside the package beside the Python: the pages' JavaScript (``js/``
folders), read once at import, so scripts are edited, linted and diffed as JavaScript."""

from __future__ import annotations

from importlib.resources import files


def script(package: str, name: str) -> str:
    """``package``'s ``js/name`` as text (``package``: the caller's ``__package__``)."""
    return (files(package) / "js" / name).read_text(encoding="utf-8")
