"""Page builders: a checked project in, site pages (Markdown with raw HTML) out.

Builders know nothing of MkDocs. Each takes a `Render` (the snapshot plus how
to link to sibling pages) and returns the page body; `build_pages` adds the
heading, stands in for artifacts that are missing or broken, and appends the
findings about the page's artifact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pmgov.messages import ARTIFACT_NAMES
from pmgov.site import html
from pmgov.site.snapshot import Snapshot
from pmgov.site.text import esc


@dataclass(frozen=True)
class Page:
    """One generated page: its file name (without ``.md``), nav title and Markdown."""

    slug: str
    title: str
    markdown: str


@dataclass(frozen=True)
class Render:
    """What a builder needs: the project, and links that work from its own page."""

    snap: Snapshot
    slug: str
    directory_urls: bool = True

    def href(self, slug: str, anchor: str = "") -> str:
        """A relative link from this page to page `slug` (and `anchor` on it)."""
        fragment = f"#{anchor}" if anchor else ""
        if slug == self.slug:
            return fragment or "./"
        if not self.directory_urls:
            return f"{slug}.html{fragment}"
        up = "" if self.slug == "index" else "../"
        target = "" if slug == "index" else f"{slug}/"
        return f"{up}{target}{fragment}" or "./"

    def gate_label(self, gate: str) -> str:
        return gate.capitalize()

    @property
    def gate_labels(self) -> dict[str, str]:
        return {g: self.gate_label(g) for g in self.snap.result.gate_ids}


Builder = Callable[[Render], str]


@dataclass(frozen=True)
class Spec:
    slug: str
    title: str
    kind: str | None
    build: Builder


def specs() -> list[Spec]:
    """Every page in navigation order."""
    from pmgov.site.pages import budget, charter, dashboard, delivery, gates, people, risks
    from pmgov.site.pages import schedule as schedule_

    return [
        Spec("index", "Dashboard", None, dashboard.build),
        Spec("charter", "Charter", "charter", charter.build_charter),
        Spec("scope", "Scope and traceability", "scope", charter.build_scope),
        Spec("stakeholders", "Stakeholders", "stakeholders", people.build_stakeholders),
        Spec("raci", "RACI matrix", "raci", people.build_raci),
        Spec("risks", "Risk register", "risks", risks.build),
        Spec("schedule", "Schedule", "schedule", schedule_.build),
        Spec("budget", "Budget and earned value", "budget", budget.build),
        Spec("changes", "Change log", "changes", delivery.build_changes),
        Spec("uat", "User acceptance testing", "uat", delivery.build_uat),
        Spec("training", "Training plan", "training", delivery.build_training),
        Spec("lessons", "Lessons learned", "lessons", delivery.build_lessons),
        Spec("gate-check", "Gate check", None, gates.build),
    ]


# What a builder may raise when a PMO's looser schema lets through data of another
# shape than pmgov's schemas guarantee: the page says so instead of failing the build.
_SHAPE_ERRORS = (TypeError, ValueError, KeyError, AttributeError, IndexError, ZeroDivisionError)


def build_pages(snap: Snapshot, *, directory_urls: bool = True) -> list[Page]:
    """The project's pages, in navigation order."""
    return [_page(spec, Render(snap, spec.slug, directory_urls)) for spec in specs()]


def _page(spec: Spec, render: Render) -> Page:
    snap = render.snap
    parts = [f"# {spec.title}", ""]
    kind = spec.kind
    if kind is not None and not snap.has(kind):
        parts.append(_stand_in(snap, kind))
    else:
        try:
            parts.append(spec.build(render))
        except _SHAPE_ERRORS as exc:
            parts.append(
                html.note(
                    "danger",
                    "This page could not be laid out",
                    f"pmgov could not read {esc(ARTIFACT_NAMES.get(kind or '', 'the artifacts'))} "
                    f"({esc(type(exc).__name__)}: {esc(exc)}). Run <code>pmgov check</code> and "
                    "compare the policy's schema with <code>pmgov schema</code>.",
                )
            )
    if kind is not None:
        parts += _findings(render, kind)
    return Page(spec.slug, spec.title, "\n".join(parts) + "\n")


def _findings(render: Render, kind: str) -> list[str]:
    """The artifact's findings for the gates due now; later gates' only as a count."""
    snap = render.snap
    result = snap.result
    due = set(result.gates_upto(result.default_gate))
    found = snap.findings(kind)
    now = [f for f in found if f.gate in due]
    later = [f for f in found if f.gate not in due]
    if not now and not later:
        return []
    parts = ["", "## Findings", ""]
    if now:
        parts += [
            f"<p>What the checks found in <code>{esc(snap.files[kind])}</code> for the gates "
            f"due now (up to {esc(render.gate_label(result.default_gate))}):</p>",
            "",
            html.findings_table(now, gate_labels=render.gate_labels),
        ]
    if later:
        gates = sorted({f.gate for f in later}, key=result.gate_ids.index)
        parts += [
            "",
            f"<p>{len(later)} more finding{'s' * (len(later) != 1)} belong to later gates "
            f"({esc(', '.join(render.gate_label(g) for g in gates))}): see the "
            f"{html.link(render.href('gate-check'), 'gate check')}.</p>",
        ]
    return parts


def _stand_in(snap: Snapshot, kind: str) -> str:
    name = ARTIFACT_NAMES.get(kind, kind)
    file = esc(snap.files.get(kind, kind))
    if kind in snap.present:
        return html.note(
            "danger",
            "Not published: this artifact has problems",
            f"{esc(name).capitalize()} (<code>{file}</code>) does not pass its checks, so it "
            "is not shown here. The findings below say what to fix.",
        )
    return html.note(
        "info",
        "Not written yet",
        f"{esc(name).capitalize()} (<code>{file}</code>) does not exist yet. "
        "<code>pmgov status</code> lists what each gate still needs.",
    )
