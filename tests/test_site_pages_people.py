"""The stakeholder, RACI, change log, UAT, training and lessons pages of the site."""

from __future__ import annotations

import datetime as dt
import html as html_
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
import pytest

from pmgov.model import PHASES
from pmgov.site.pages import Render, build_pages
from pmgov.site.pages.delivery import build_changes, build_lessons, build_training, build_uat
from pmgov.site.pages.people import build_raci, build_stakeholders
from pmgov.site.snapshot import take_snapshot

from helpers import edit, read

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "crm-cloud-migration"
AS_OF = dt.date(2026, 11, 22)
GOV = "governance"

BUILDERS: dict[str, Callable[[Render], str]] = {
    "stakeholders": build_stakeholders,
    "raci": build_raci,
    "changes": build_changes,
    "uat": build_uat,
    "training": build_training,
    "lessons": build_lessons,
}
ROW = re.compile(r'<tr id="(?P<id>[^"]+)"(?P<attrs>[^>]*)>(?P<body>.*?)</tr>')


def page(root: Path, slug: str) -> str:
    return BUILDERS[slug](Render(take_snapshot(root, AS_OF), slug))


def rendered(body: str) -> str:
    return markdown.markdown(body, extensions=["tables", "attr_list", "md_in_html"])


def rows(body: str) -> dict[str, tuple[str, str]]:
    """Table rows with an id: id -> (attributes after the id, inner HTML)."""
    return {m["id"]: (m["attrs"], m["body"]) for m in ROW.finditer(body)}


def section(body: str, heading: str) -> str:
    """The page text under `## heading`, up to the next heading."""
    return body.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def figure(body: str, label: str) -> str:
    found = re.search(
        rf'pmgov-figure-label">{re.escape(label)}</div><div class="pmgov-figure-value">([^<]*)<',
        body,
    )
    assert found, f"no figure {label!r}"
    return found[1]


def text(body: str) -> str:
    """What a reader sees: the tags dropped, the entities decoded."""
    return html_.unescape(re.sub(r"<[^>]+>", " ", body))


def hrefs(body: str) -> list[str]:
    return [html_.unescape(h) for h in re.findall(r'href="([^"]*)"', body)]


def governance(name: str) -> Any:
    return read(EXAMPLE / GOV / f"{name}.yaml")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "crm"
    shutil.copytree(EXAMPLE, target)
    return target


# Every page -----------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(BUILDERS))
def test_page_is_raw_html_blocks_markdown_leaves_alone(slug: str) -> None:
    body = page(EXAMPLE, slug)
    for block in body.split("\n\n"):
        assert block.startswith(("<", "## ")), block[:80]
        assert "\n\n" not in block
        if block.startswith("## "):
            assert "\n" not in block
    out = rendered(body)
    assert "<pre>" not in out
    assert "&lt;div" not in out
    assert "&lt;table" not in out


def test_links_lead_to_anchors_that_exist() -> None:
    pages = {p.slug: p.markdown for p in build_pages(take_snapshot(EXAMPLE, AS_OF))}
    ids = {slug: set(re.findall(r'\bid="([^"]+)"', body)) for slug, body in pages.items()}
    for slug in BUILDERS:
        for href in hrefs(pages[slug]):
            target, _, fragment = href.partition("#")
            other = target.strip("./").split("/")[0] or slug
            assert other in pages, href
            assert not fragment or fragment in ids[other], f"{slug}: {href}"


# Stakeholders ---------------------------------------------------------------


def test_stakeholders_register_grid_and_plan() -> None:
    data = governance("stakeholders")
    body = page(EXAMPLE, "stakeholders")
    found = rows(body)
    chart = section(body, "Power and interest")
    assert '<div class="pmgov-chart">' in chart
    assert "<svg" in chart
    for person in data["stakeholders"]:
        ident = person["id"]
        assert person["name"] in found[ident][1]
        assert f'data-stakeholder="{ident}"' in chart
        assert f"#{ident}" in hrefs(chart)
    for item in data["communication_plan"]:
        owner = next(p["name"] for p in data["stakeholders"] if p["id"] == item["owner"])
        cells = found[item["id"]][1]
        assert owner in cells
        for ref in item["audience"]:
            assert f"#{ref}" in hrefs(cells)


# RACI -----------------------------------------------------------------------


def test_raci_shows_every_role_activity_and_letter() -> None:
    data = governance("raci")
    people = {p["id"]: p["name"] for p in governance("stakeholders")["stakeholders"]}
    body = page(EXAMPLE, "raci")
    header = text(body.split("</thead>", 1)[0])
    for role in data["roles"]:
        assert role["name"] in header
        assert people[role["holder"]] in header
    found = rows(body)
    for activity in data["activities"]:
        attrs, cells = found[activity["id"]]
        assert "pmgov-row-bad" not in attrs
        letters = list(activity["assignments"].values())
        for letter in "RACI":
            assert cells.count(f'class="pmgov-raci-{letter.lower()}"') == letters.count(letter)
    for legend in ("Responsible", "Accountable", "Consulted", "Informed"):
        assert legend in body.split("\n\n", 1)[0]
    # Rows come grouped under their phase, in gate order.
    groups = re.findall(r'scope="rowgroup">([^<]+)<', body)
    assert groups == [p.capitalize() for p in PHASES]


def test_raci_marks_the_rows_the_checks_flag(project: Path) -> None:
    file = f"{GOV}/raci.yaml"
    edit(
        project,
        file,
        set_={
            "/activities/0/assignments": {"SPON": "A", "PM": "A", "CIO": "R"},  # two A
            "/activities/1/assignments": {"PM": "C", "CHG": "R"},  # no A
            "/activities/2/assignments": {"CIO": "A", "PM": "C"},  # no R
            "/activities/3/assignments": {"QA": "C", "SPON": "A", "PM": "R"},  # undeclared
        },
    )
    snap = take_snapshot(project, AS_OF)
    body = build_raci(Render(snap, "raci"))
    found = rows(body)
    bad = {ident for ident, (attrs, _) in found.items() if "pmgov-row-bad" in attrs}
    assert bad == {"ACT-01", "ACT-02", "ACT-03"}
    assert "2 Accountables" in found["ACT-01"][1]
    assert "no Accountable" in found["ACT-02"][1]
    assert "no Responsible" in found["ACT-03"][1]
    flagged = {
        ident
        for f in snap.findings("raci")
        if f.rule in ("raci.accountable", "raci.responsible")
        for ident in re.findall(r"ACT-\d+", f.message)
    }
    assert flagged == bad
    assert "not declared" in body.split("</thead>", 1)[0]
    assert 'class="pmgov-raci-c"' in found["ACT-04"][1]


# Change log -----------------------------------------------------------------


def test_change_log_figures_table_and_descriptions() -> None:
    changes = governance("changes")["changes"]
    body = page(EXAMPLE, "changes")
    statuses = [c["status"] for c in changes]
    assert figure(body, "Change requests") == str(len(changes))
    assert figure(body, "Approved") == str(
        statuses.count("approved") + statuses.count("implemented")
    )
    assert figure(body, "Rejected") == str(statuses.count("rejected"))
    assert figure(body, "Pending decision") == str(
        statuses.count("submitted") + statuses.count("under-review")
    )
    found = rows(body)
    tones = {"approved": "good", "implemented": "good", "rejected": "neutral"}
    for change in changes:
        cells = found[change["id"]][1]
        tone = tones.get(change["status"], "warn" if change["status"] == "under-review" else "")
        if tone:
            assert f"pmgov-badge pmgov-{tone}" in cells
        assert f"£{change['impact']['cost']:,}" in cells
        assert f'id="{change["id"]}-detail"' in body
    assert "10 Jun 2026" in found["CR-001"][1]  # raised, as a sponsor reads dates
    assert "Helen Marsh" in found["CR-001"][1]  # decided by, as a name
    assert "+25 days" in found["CR-004"][1]


def test_change_description_is_rendered_markdown(project: Path) -> None:
    edit(project, f"{GOV}/changes.yaml", set_={"/changes/0/description": "Needs **consent**."})
    body = page(project, "changes")
    assert "<strong>consent</strong>" in section(body, "Descriptions")


# UAT ------------------------------------------------------------------------


def test_uat_lists_each_test_case_once_with_requirement_links() -> None:
    cases = governance("uat")["test_cases"]
    body = page(EXAMPLE, "uat")
    table = section(body, "Test cases")
    found = rows(table)
    assert list(found) == [c["id"] for c in cases]
    for case in cases:
        assert table.count(f">{case['id']}<") == 1
        links = hrefs(found[case["id"]][1])
        for req in case["requirements"]:
            assert f"../scope/#{req}" in links


def test_uat_pass_rates_match_the_results() -> None:
    cases = governance("uat")["test_cases"]
    results = [c.get("result", "not-run") for c in cases]
    passed = results.count("pass")
    executed = sum(r in ("pass", "fail") for r in results)  # blocked: could not run
    body = page(EXAMPLE, "uat")
    assert figure(body, "Executed") == f"{executed} of {len(cases)}"
    assert figure(body, "Pass rate") == f"{100 * passed / executed:.1f}%"
    assert figure(body, "Passed of all cases") == f"{100 * passed / len(cases):.1f}%"
    assert figure(body, "Failed") == str(results.count("fail"))


def test_uat_exit_criteria_and_sign_off(project: Path) -> None:
    body = page(EXAMPLE, "uat")
    assert "not met" not in section(body, "Exit criteria")
    sign_off = section(body, "Sign-off")
    assert "accepted with conditions" in sign_off
    assert "Helen Marsh" in sign_off
    assert "20 Nov 2026" in sign_off
    # Reopen the critical defect: the exit criterion fails and its severity row is marked.
    defects = read(project / GOV / "uat.yaml")["defects"]
    index = next(i for i, d in enumerate(defects) if d["severity"] == "critical")
    edit(project, f"{GOV}/uat.yaml", set_={f"/defects/{index}/status": "open"})
    edit(project, f"{GOV}/uat.yaml", remove=["/sign_off"])
    body = page(project, "uat")
    assert "not met" in section(body, "Exit criteria")
    severity = section(body, "Defects by severity")
    assert re.search(r'<tr class="pmgov-row-bad"><td><span[^>]*>critical<', severity)
    assert "not been signed off" in section(body, "Sign-off")


# Training and lessons -------------------------------------------------------


def test_training_figures_and_tables() -> None:
    data = governance("training")
    body = page(EXAMPLE, "training")
    live = [s for s in data["sessions"] if s["status"] != "cancelled"]
    delivered = sum(s["status"] == "delivered" for s in live)
    assert figure(body, "Sessions delivered") == f"{delivered} of {len(live)}"
    found = rows(body)
    for kind in ("audiences", "sessions", "documentation"):
        for item in data[kind]:
            assert item["id"] in found
    assert "Emma Clarke" in found["TRN-01"][1]
    assert "#AUD-05" in hrefs(found["TRN-01"][1])


def test_lessons_grouped_by_phase_in_gate_order() -> None:
    lessons = governance("lessons")["lessons"]
    body = page(EXAMPLE, "lessons")
    headings = re.findall(r"^## (.+)$", body, flags=re.MULTILINE)
    used = [p for p in PHASES if any(lesson["phase"] == p for lesson in lessons)]
    assert headings == [p.capitalize() for p in used]
    for lesson in lessons:
        part = section(body, lesson["phase"].capitalize())
        assert f'id="{lesson["id"]}"' in part
        label = "went well" if lesson["type"] == "went-well" else "to improve"
        assert label in part


# Missing optional fields and hostile text -----------------------------------


def test_optional_fields_may_be_absent(project: Path) -> None:
    edit(
        project,
        f"{GOV}/stakeholders.yaml",
        remove=["/stakeholders/0/organisation", "/stakeholders/0/attitude"],
    )
    edit(project, f"{GOV}/changes.yaml", remove=["/changes/7/impact", "/changes/7/description"])
    edit(project, f"{GOV}/training.yaml", remove=["/sessions/0/trainer", "/sessions/0/date"])
    edit(project, f"{GOV}/lessons.yaml", remove=["/lessons/0/impact", "/lessons/0/owner"])
    edit(project, f"{GOV}/uat.yaml", remove=["/test_cases/0/tester", "/test_cases/0/executed"])
    for slug in BUILDERS:
        body = page(project, slug)
        assert ">None<" not in body, slug
        if slug != "raci":  # elsewhere an absent value shows as a dash, not an empty cell
            assert not re.search(r"<(td|dd)[^>]*></(td|dd)>", body), slug
    assert "&mdash;" in rows(page(project, "changes"))["CR-008"][1]


PAYLOAD = "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))"


def _live(text: str) -> list[str]:
    """Markup the payload would have become, had it got through."""
    found = re.findall(r"<script", text, flags=re.IGNORECASE)
    found += re.findall(r"<[^>]*\bonerror\s*=", text, flags=re.IGNORECASE)
    found += re.findall(r"href\s*=\s*[\"']?\s*javascript", text, flags=re.IGNORECASE)
    return found


def test_hostile_text_stays_text(project: Path) -> None:
    edit(project, f"{GOV}/stakeholders.yaml", set_={"/stakeholders/0/name": "Helen " + PAYLOAD})
    edit(project, f"{GOV}/changes.yaml", set_={"/changes/0/description": PAYLOAD})
    edit(project, f"{GOV}/lessons.yaml", set_={"/lessons/0/what_happened": PAYLOAD})
    edit(project, f"{GOV}/lessons.yaml", set_={"/lessons/1/title": PAYLOAD})
    edit(project, f"{GOV}/raci.yaml", set_={"/activities/0/name": PAYLOAD})
    edit(project, f"{GOV}/uat.yaml", set_={"/entry_criteria/0": PAYLOAD})
    snap = take_snapshot(project, AS_OF)
    assert all(snap.has(kind) for kind in BUILDERS)
    for slug, build in BUILDERS.items():
        body = build(Render(snap, slug))
        assert not _live(body), slug
        assert not _live(rendered(body)), slug
    # The values are shown as text, not dropped.
    assert "Helen " + PAYLOAD in text(page(project, "stakeholders"))
    assert PAYLOAD in text(page(project, "lessons"))
    assert "<script>alert(1)</script>" in text(section(page(project, "changes"), "Descriptions"))
    for built in build_pages(snap):
        assert not _live(built.markdown), built.slug
