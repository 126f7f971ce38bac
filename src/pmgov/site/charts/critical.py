"""The critical path of a schedule as drawn: the chain of driving predecessors.

The path starts at the task that finishes last and walks back through its
predecessors, at each step following the one that finishes last (all of them on
a tie): the work that the end date waits for. Dates are the planned ones the
Gantt draws, so the highlighted chain is the one the reader sees leading to the
end of the plan. A finish the day before the start makes a zero-length item (a
milestone): milestones link tasks but never start the walk. Unknown and
self-references are ignored, a dependency cycle ends the walk where it closes.
Linear in tasks plus links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

Tasks = Mapping[str, tuple[dt.date, dt.date, Sequence[str]]]


def _finish(start: dt.date, finish: dt.date) -> int:
    """The day an item is done: its finish, or its date for a zero-length milestone."""
    return max(start, finish).toordinal()


def critical_path(tasks: Tasks) -> set[str]:
    """Ids on the critical path; `tasks` maps id to (start, finish, predecessor ids)."""
    if not tasks:
        return set()
    done = {tid: _finish(start, finish) for tid, (start, finish, _) in tasks.items()}
    real = [tid for tid, (start, finish, _) in tasks.items() if finish >= start] or list(tasks)
    end = max(done[tid] for tid in real)
    path: set[str] = set()
    stack = [tid for tid in real if done[tid] == end]
    while stack:
        node = stack.pop()
        if node in path:
            continue
        path.add(node)
        preds = [p for p in dict.fromkeys(tasks[node][2]) if p in tasks and p != node]
        if preds:
            latest = max(done[p] for p in preds)
            stack.extend(p for p in preds if done[p] == latest)
    return path
