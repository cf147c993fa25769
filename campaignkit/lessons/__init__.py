"""Lessons for pupils (学生课程): lessons by age band on the history timeline."""

from ..core.lazy import lazy_exports
from .compute import bands_of, events_of, lessons_for, questions_of
from .tables import BANDS, LESSONS

_LAZY = {"lesson_view": ".view", "LessonView": ".view"}

__getattr__ = lazy_exports(__name__, _LAZY)

__all__ = ["BANDS", "LESSONS", "bands_of", "events_of", "lessons_for", "questions_of", *_LAZY]
