"""The critical path of a schedule (critical path method, finish-to-start links).

Durations are calendar days, finish inclusive: a task from 1 to 3 March lasts 3
days; a finish the day before the start makes a zero-length item (a milestone).
The network is logic-driven: a task without predecessors starts on its scheduled
date, any other as soon as its predecessors finish (so a gap a planner left
before a task, a weekend or a buffer, does not hide the chain that drives the
end date). The backward pass runs from the project's latest early finish, and a
task is critical when its total float is zero or less. Unknown predecessors are
ignored, and so are links inside a dependency cycle, so every task is decided.
Linear in tasks plus links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

Tasks = Mapping[str, tuple[dt.date, dt.date, Sequence[str]]]


def _edges(tasks: Tasks) -> dict[str, list[str]]:
    """Successors of each task, from known predecessors only, without duplicates."""
    succs: dict[str, list[str]] = {tid: [] for tid in tasks}
    for tid, (_, _, preds) in tasks.items():
        for pred in dict.fromkeys(preds):
            if pred in tasks and pred != tid:
                succs[pred].append(tid)
    return succs


def _components(succs: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Strongly connected component of each task (iterative Tarjan, no recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    comp: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = 0
    for root in succs:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = succs[node]
            if pos < len(children):
                work.append((node, pos + 1))
                child = children[pos]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    comp[member] = index[node]
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return comp


def _order(succs: Mapping[str, Sequence[str]]) -> list[str]:
    """Tasks in topological order (Kahn); the links must form no cycle."""
    indegree = dict.fromkeys(succs, 0)
    for children in succs.values():
        for child in children:
            indegree[child] += 1
    ready = [tid for tid, deg in indegree.items() if deg == 0]
    order: list[str] = []
    while ready:
        node = ready.pop()
        order.append(node)
        for child in succs[node]:
            indegree[child] -= 1
            if indegree[child] == 0:
                ready.append(child)
    return order


def critical_path(tasks: Tasks) -> set[str]:
    """Ids of the critical tasks; `tasks` maps id to (start, finish, predecessor ids)."""
    if not tasks:
        return set()
    succs = _edges(tasks)
    comp = _components(succs)
    succs = {tid: [c for c in children if comp[c] != comp[tid]] for tid, children in succs.items()}
    order = _order(succs)
    duration = {tid: max(0, (finish - start).days + 1) for tid, (start, finish, _) in tasks.items()}
    driven = {child for children in succs.values() for child in children}
    early_start = {tid: -(10**9) if tid in driven else tasks[tid][0].toordinal() for tid in tasks}
    for node in order:
        finish = early_start[node] + duration[node]
        for child in succs[node]:
            early_start[child] = max(early_start[child], finish)
    end = max(early_start[tid] + duration[tid] for tid in tasks)
    late_start: dict[str, int] = {}
    for node in reversed(order):
        children = succs[node]
        late_finish = min((late_start[c] for c in children), default=end)
        late_start[node] = late_finish - duration[node]
    return {tid for tid in tasks if late_start[tid] - early_start[tid] <= 0}
