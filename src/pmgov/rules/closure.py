"""Closure: lessons learned end in recommendations."""

from __future__ import annotations

from collections.abc import Iterator

from pmgov.rules import Context, Hit, rule


@rule(
    "lessons.recommendation",
    "At least one lesson learned carries a recommendation",
    "A lesson without a recommendation is a story; the next project needs to know "
    "what to do differently.",
)
def recommendation(ctx: Context) -> Iterator[Hit]:
    if not ctx.has("lessons"):
        return
    if not any(lesson.get("recommendation") for _, lesson in ctx.items("lessons", "lessons")):
        yield Hit(
            "lessons",
            "/lessons",
            "no lesson learned has a recommendation",
            "hold the lessons-learned review and record at least one recommendation",
        )
