"""Every loading hazard is a finding with a position, never a traceback or silent loss."""

from __future__ import annotations

import pytest

from pmgov import loader


def load(text: str | bytes) -> object:
    data, _ = loader.load(text.encode("utf-8") if isinstance(text, str) else text)
    return data


def problem(text: str | bytes) -> loader.LoadError:
    with pytest.raises(loader.LoadError) as caught:
        load(text)
    return caught.value


@pytest.mark.parametrize(
    ("text", "rule", "line", "column"),
    [
        ("a:\n\tb: 1\n", "yaml.syntax", 2, 1),
        ("a:\n  b: 1\n c: 2\n", "yaml.syntax", 3, 2),
        ("title: Phase 2: rollout\n", "yaml.syntax", 1, 15),
        ("a: 1\n---\nb: 2\n", "yaml.multi-document", 2, 1),
        ("owner: SH-01\nstatus: open\nowner: SH-02\n", "yaml.duplicate-key", 3, 1),
        ("1: a\n'1': b\n", "yaml.duplicate-key", 2, 1),
        ("a: &x [1, 2]\nb: *x\n", "yaml.anchor", 1, 4),
        ("a: !!python/object/apply:os.system ['id']\n", "yaml.tag", 1, 4),
        ("a: !custom value\n", "yaml.tag", 1, 4),
        ("a: ! 12\n", "yaml.tag", 1, 4),
        ("? [a, b]\n: 1\n", "yaml.key", 1, 3),
        ("a: b\x01c\n", "yaml.syntax", 1, 5),
    ],
)
def test_hazards_are_findings_with_positions(text: str, rule: str, line: int, column: int) -> None:
    found = problem(text)
    assert (found.rule, found.line, found.column) == (rule, line, column)
    assert found.message
    assert found.hint


def test_duplicate_key_names_both_lines() -> None:
    found = problem("risks:\n  - id: R-001\n    owner: SH-01\n    owner: SH-02\n")
    assert "lines 3 and 4" in found.message


def test_tab_indentation_gets_the_spaces_hint() -> None:
    assert "spaces" in problem("a:\n\tb: 1\n").hint


def test_alias_bomb_is_refused_before_expansion() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[index]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = "\n".join(lines) + "\n"
    assert len(bomb) < 500
    assert problem(bomb).rule == "yaml.anchor"


def test_alias_alone_is_refused() -> None:
    found = problem("a: [1]\nb: *nothing\n")
    assert (found.rule, found.line, found.column) == ("yaml.alias", 2, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: NO\nb: yes\nc: on\nd: off\ne: y\n",
            {"a": "NO", "b": "yes", "c": "on", "d": "off", "e": "y"},
        ),
        (
            "a: 010\nb: 0o10\nc: 0x1F\nd: 1_000\n",
            {"a": "010", "b": "0o10", "c": "0x1F", "d": "1_000"},
        ),
        (
            "a: 2024-03-01\nb: 2024-03-01T10:00:00Z\n",
            {"a": "2024-03-01", "b": "2024-03-01T10:00:00Z"},
        ),
        ("1: a\ntrue: b\n", {"1": "a", "true": "b"}),
        (
            "a: true\nb: false\nc: 12\nd: -3\ne: 1.5\nf: 1e3\ng: ~\nh:\n",
            {"a": True, "b": False, "c": 12, "d": -3, "e": 1.5, "f": "1e3", "g": None, "h": None},
        ),
        ("a: .inf\nb: .nan\nc: '12'\n", {"a": ".inf", "b": ".nan", "c": "12"}),
        (
            'a: R&D costs * 2 - fine!\nb: "Don\'t !panic"\n',
            {"a": "R&D costs * 2 - fine!", "b": "Don't !panic"},
        ),
    ],
)
def test_yaml_11_surprises_do_not_happen(text: str, expected: object) -> None:
    assert load(text) == expected


def test_utf8_bom_is_fine() -> None:
    assert load(b"\xef\xbb\xbfa: 1\n") == {"a": 1}


def test_non_utf8_bytes_point_at_the_byte() -> None:
    found = problem(b"title: ok\nname: caf\xe9\n")
    assert (found.rule, found.line, found.column) == ("yaml.encoding", 2, 10)


def test_utf16_is_refused_with_advice() -> None:
    found = problem("a: 1\n".encode("utf-16"))
    assert found.rule == "yaml.encoding"
    assert "UTF-8" in found.hint


def test_size_cap_is_checked_before_parsing() -> None:
    with pytest.raises(loader.LoadError) as caught:
        loader.load(b"a: " + b"x" * 200 + b"\n", max_bytes=100)
    assert caught.value.rule == "yaml.too-large"


@pytest.mark.parametrize("depth", [65, 1_000, 60_000])
def test_deep_nesting_is_refused_without_crashing(depth: int) -> None:
    found = problem("a: " + "[" * depth + "]" * depth + "\n")
    assert found.rule == "yaml.too-deep"


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(" " * level + f"k{level}:\n" for level in range(100)) + " " * 100 + "x: 1\n"
    assert problem(text).rule == "yaml.too-deep"


def test_nesting_within_the_cap_loads() -> None:
    assert load("a: " + "[" * 60 + "]" * 60 + "\n") is not None


def test_empty_file_is_none() -> None:
    assert load("") is None
    assert load("# only a comment\n") is None


def test_positions_are_kept_for_findings() -> None:
    from pmgov.model import Document

    data, node = loader.load(b"risks:\n  - id: R-001\n    probability: 7\n")
    doc = Document("risks", "governance/risks.yaml", data, node)
    assert doc.locate("/risks/0/probability") == (3, 18)
    assert doc.locate("/risks/0/probability", key=True) == (3, 5)
    assert doc.locate("/risks/0/missing") == (2, 5)
