"""The project site: pages from the example, escaping, broken input, plugin, export, CLI."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import socket
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from pmgov.cli import main
from pmgov.errors import UsageError
from pmgov.site import metrics
from pmgov.site.export import export_pages
from pmgov.site.pages import Page, Render, build_pages
from pmgov.site.snapshot import Snapshot, take_snapshot
from pmgov.site.text import day, esc, money, rich

from conftest import EXAMPLE
from helpers import edit, read

AS_OF = dt.date(2026, 11, 22)
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
)
SLUGS = [
    "index", "charter", "scope", "stakeholders", "raci", "risks", "schedule", "budget",
    "changes", "uat", "training", "lessons", "gate-check",
]  # fmt: skip


def pages_of(root: Path) -> dict[str, Page]:
    return {page.slug: page for page in build_pages(take_snapshot(root, AS_OF))}


class _Live(HTMLParser):
    """Collects markup that would run or fetch something if a browser met it."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src") and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.found.append(f"{tag}[{name}={value}]")


def live_html(text: str) -> list[str]:
    parser = _Live()
    parser.feed(text)
    return parser.found


def test_the_example_gets_every_page_in_reading_order() -> None:
    pages = build_pages(take_snapshot(EXAMPLE, AS_OF))
    assert [p.slug for p in pages] == SLUGS
    for page in pages:
        assert page.markdown.startswith(f"# {page.title}\n")
        assert "Not published" not in page.markdown, page.slug


def test_pages_render_through_markdown_as_html_blocks() -> None:
    """Blank lines never split an HTML block, so Markdown never re-reads artifact text."""
    for page in build_pages(take_snapshot(EXAMPLE, AS_OF)):
        html = markdown.markdown(page.markdown, extensions=["tables", "toc"])
        assert "<p>&lt;" not in html, page.slug
        assert "<p></td>" not in html and "<p><tr" not in html, page.slug


def test_heat_map_counts_the_risks_not_closed() -> None:
    risks = read(EXAMPLE / "governance/risks.yaml")["risks"]
    expected: dict[tuple[int, int], int] = {}
    for risk in risks:
        if risk["status"] != "closed":
            key = (risk["probability"], risk["impact"])
            expected[key] = expected.get(key, 0) + 1
    page = pages_of(EXAMPLE)["risks"].markdown
    cells = re.findall(r'data-probability="(\d)" data-impact="(\d)" data-count="(\d+)"', page) or [
        (p, i, n)
        for i, p, n in re.findall(
            r'data-impact="(\d)" data-probability="(\d)" data-count="(\d+)"', page
        )
    ]
    assert len(cells) == 25
    assert {(int(p), int(i)): int(n) for p, i, n in cells if int(n)} == expected


def test_earned_value_is_summed_over_the_work_packages() -> None:
    snap = take_snapshot(EXAMPLE, AS_OF)
    packages = read(EXAMPLE / "governance/budget.yaml")["work_packages"]
    ev = metrics.earned_value(snap)
    assert ev is not None
    # worked by hand from the example's eight work packages
    assert (ev.bac, ev.pv, ev.ev, ev.ac) == (2400000, 1883200, 1820100, 1945000)
    assert (ev.sv, ev.cv) == (-63100, -124900)
    assert (round(ev.spi or 0, 4), round(ev.cpi or 0, 4)) == (0.9665, 0.9358)
    assert (round(ev.eac or 0), round(ev.vac or 0)) == (2564694, -164694)
    assert ev.ev == pytest.approx(sum(p["budget"] * p.get("percent_complete", 0) / 100
                                      for p in packages))  # fmt: skip
    assert ev.ac == pytest.approx(sum(p.get("actual_cost", 0) for p in packages))
    assert ev.cpi == pytest.approx(ev.ev / ev.ac)
    assert ev.eac == pytest.approx(ev.bac * ev.ac / ev.ev)
    assert ev.vac == pytest.approx(ev.bac - ev.bac * ev.ac / ev.ev)
    page = pages_of(EXAMPLE)["budget"].markdown
    assert money(ev.ac, "GBP") in page and f"{ev.cpi:.2f}" in page


def test_text_helpers_speak_to_a_sponsor() -> None:
    assert day("2026-03-27") == "27 Mar 2026"
    assert day(None) == "&mdash;"
    assert money(1250000, "GBP") == "£1,250,000"
    assert money(-5000, "EUR") == "-€5,000"
    assert money(80000, "CHF") == "CHF 80,000"
    assert money(float("nan"), "GBP") == "&mdash;"
    assert esc("a | b\nc") == "a &#124; b<br>c"


def test_markdown_fields_are_rendered_and_sanitised() -> None:
    out = rich("**bold** [ok](https://example.org) [mail](mailto:a@b.org) " + " ".join(PAYLOADS))
    assert "<strong>bold</strong>" in out
    assert 'href="https://example.org"' in out and 'href="mailto:a@b.org"' in out
    assert live_html(out) == []
    assert "&lt;script&gt;" in out  # shown as text, not dropped silently
    assert "\n\n" not in out


def test_payloads_in_artifacts_show_as_text(example: Path) -> None:
    edit(
        example,
        "governance/risks.yaml",
        set_={"/risks/0/title": PAYLOADS[0], "/risks/0/cause": PAYLOADS[1],
              "/risks/1/title": PAYLOADS[2]},
    )  # fmt: skip
    edit(
        example,
        "governance/charter.yaml",
        set_={"/purpose": " ".join(PAYLOADS), "/objectives/0/statement": PAYLOADS[1]},
    )
    edit(example, "governance/scope.yaml", set_={"/requirements/0/description": PAYLOADS[2]})
    pages = pages_of(example)
    for page in pages.values():
        assert live_html(page.markdown) == [], page.slug
        rendered = markdown.markdown(page.markdown, extensions=["tables", "attr_list"])
        assert live_html(rendered) == [], page.slug
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["risks"].markdown


def test_a_broken_artifact_shows_its_findings_and_the_rest_still_publishes(
    example: Path,
) -> None:
    edit(example, "governance/risks.yaml", set_={"/risks/0/probability": 9})
    (example / "governance/lessons.yaml").unlink()
    pages = pages_of(example)
    assert "Not published: this artifact has problems" in pages["risks"].markdown
    assert "## Findings" in pages["risks"].markdown
    assert "probability 9" in pages["risks"].markdown
    assert "Not written yet" in pages["lessons"].markdown
    assert "pmgov-bar" in pages["schedule"].markdown
    assert "The risk log is not available" in pages["index"].markdown


def test_links_follow_the_url_style() -> None:
    snap = take_snapshot(EXAMPLE, AS_OF)
    assert Render(snap, "index").href("risks", "R-001") == "risks/#R-001"
    assert Render(snap, "risks").href("index") == "../"
    assert Render(snap, "risks").href("uat", "T-1") == "../uat/#T-1"
    assert Render(snap, "risks").href("risks", "x") == "#x"
    assert Render(snap, "risks", directory_urls=False).href("uat") == "uat.html"


def _site(root: Path, tmp: Path, *args: str) -> tuple[int, Path]:
    out = tmp / "out"
    code = main(["site", "build", str(root), "--site-dir", str(out), *args])
    return code, out


def test_site_build_publishes_every_page_offline(example: Path, tmp_path: Path) -> None:
    code, out = _site(example, tmp_path, "--strict")
    assert code == 0
    for slug in SLUGS:
        page = out / "governance" / ("index.html" if slug == "index" else f"{slug}/index.html")
        text = page.read_text(encoding="utf-8")
        assert re.search(r'href="[./]*(governance/)?pmgov\.css"', text), slug
        # nothing is fetched from the web (plain links, such as the theme's credit, may leave)
        assert not re.search(r'(src="https?:|<link[^>]*href="https?:|url\(https?:)', text), slug
    assert (out / "search" / "search_index.json").is_file()
    assert not (example / "docs" / "governance").exists()  # nothing written into docs/


def test_a_project_without_mkdocs_yml_gets_a_default_site(example: Path, tmp_path: Path) -> None:
    (example / "mkdocs.yml").unlink()
    shutil.rmtree(example / "docs")
    code, out = _site(example, tmp_path)
    assert code == 0
    assert (out / "governance" / "risks" / "index.html").is_file()
    assert not (example / "mkdocs.yml").exists()


def test_strict_fails_on_a_failing_gate_only_when_the_plugin_asks(
    example: Path, tmp_path: Path
) -> None:
    edit(example, "governance/risks.yaml", set_={"/risks/0/probability": 9})
    assert _site(example, tmp_path, "--strict")[0] == 0
    config = example / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - pmgov\n", "  - pmgov:\n      strict: true\n"
        ),
        encoding="utf-8",
    )
    assert _site(example, tmp_path, "--strict")[0] == 1
    assert _site(example, tmp_path)[0] == 0


def test_a_user_page_in_the_way_is_never_replaced(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = example / "docs" / "governance" / "risks.md"
    mine.parent.mkdir()
    mine.write_text("# my own risks page\n", encoding="utf-8")
    assert _site(example, tmp_path)[0] == 1
    assert "docs/governance/risks.md already exists" in capsys.readouterr().err
    assert mine.read_text(encoding="utf-8") == "# my own risks page\n"


def test_mkdocs_yml_without_the_plugin_is_refused(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = example / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - pmgov\n", ""), "utf-8")
    assert _site(example, tmp_path)[0] == 2
    assert "does not list the pmgov plugin" in capsys.readouterr().err


def test_export_writes_pages_once_and_never_over_foreign_files(tmp_path: Path) -> None:
    pages = build_pages(take_snapshot(EXAMPLE, AS_OF))
    docs = tmp_path / "docs"
    folder = export_pages(pages, docs)
    assert sorted(p.name for p in folder.glob("*.md")) == sorted(f"{s}.md" for s in SLUGS)
    export_pages(pages, docs)  # an earlier export is replaced whole
    (folder / "notes.md").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match=r"notes\.md"):
        export_pages(pages, docs)
    assert (folder / "notes.md").read_text(encoding="utf-8") == "mine"
    foreign = tmp_path / "other"
    (foreign / "governance").mkdir(parents=True)
    with pytest.raises(UsageError, match="not written by"):
        export_pages(pages, foreign)
    assert [p.name for p in docs.iterdir()] == ["governance"]  # no staging left behind


def test_exported_pages_build_with_plain_mkdocs(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = tmp_path / "docs"
    assert main(["site", "export", str(docs), str(EXAMPLE)]) == 0
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: export\ntheme: {name: material, font: false}\n"
        "extra_css: [governance/pmgov.css]\n",
        encoding="utf-8",
    )
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"), strict=True)
    build(config)
    assert (tmp_path / "site" / "governance" / "gate-check" / "index.html").is_file()


def test_snapshot_reports_names_not_ids() -> None:
    snap: Snapshot = take_snapshot(EXAMPLE, AS_OF)
    people = {s["id"]: s["name"] for s in read(EXAMPLE / "governance/stakeholders.yaml")[
        "stakeholders"]}  # fmt: skip
    assert snap.person("SH-01") == people["SH-01"]
    assert snap.person("SH-99") == "SH-99"


def test_a_site_dir_holding_other_files_is_never_emptied(example: Path, tmp_path: Path) -> None:
    keep = tmp_path / "out" / "thesis.txt"
    keep.parent.mkdir()
    keep.write_text("mine", encoding="utf-8")
    assert _site(example, tmp_path)[0] == 2
    assert keep.read_text(encoding="utf-8") == "mine"
    keep.unlink()
    assert _site(example, tmp_path)[0] == 0
    assert _site(example, tmp_path)[0] == 0  # an earlier build may be replaced


@pytest.mark.parametrize("section", ["/tmp/x", "../up", "", "a/../../b"])
def test_export_refuses_a_section_outside_the_docs_folder(tmp_path: Path, section: str) -> None:
    pages = build_pages(take_snapshot(EXAMPLE, AS_OF))
    with pytest.raises(UsageError, match="must be a folder name"):
        export_pages(pages, tmp_path / "docs", section)
    assert not (tmp_path / "docs").exists()


def test_export_never_replaces_a_page_edited_by_hand(tmp_path: Path) -> None:
    pages = build_pages(take_snapshot(EXAMPLE, AS_OF))
    folder = export_pages(pages, tmp_path / "docs")
    edited = folder / "risks.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "my note\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"risks\.md"):
        export_pages(pages, tmp_path / "docs")
    assert edited.read_text(encoding="utf-8").endswith("my note\n")


def test_an_export_beside_the_plugin_is_named_as_such(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["site", "export", str(example / "docs"), str(example)]) == 0
    assert _site(example, tmp_path)[0] == 1
    assert "written by `pmgov site export`" in capsys.readouterr().err


def test_serve_on_a_busy_port_says_so(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = main(["site", "serve", str(example), "--dev-addr", f"127.0.0.1:{port}"])
    assert code == 2
    assert f"cannot serve on 127.0.0.1:{port}" in capsys.readouterr().err


def test_code_blocks_keep_their_blank_lines() -> None:
    out = rich("```\nfirst\n\nthird\n```")
    assert "first&#10;&#10;third" in out
    assert "\n\n" not in out


def test_a_test_case_without_a_result_reads_not_run(example: Path) -> None:
    edit(example, "governance/uat.yaml", remove=["/test_cases/0/result"])
    case = read(example / "governance/uat.yaml")["test_cases"][0]["id"]
    assert f"{case}</a> (not-run)" in pages_of(example)["scope"].markdown
