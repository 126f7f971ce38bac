"""Property-based: no input, however odd, makes the loader raise anything but LoadError."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmgov import loader

YAMLISH = st.text(
    alphabet=st.sampled_from([*"ab01:- \n\t[]{},#&*!|>'\"?%@`~.\\", "\u00e9", "\ufeff"]),
    max_size=200,
)


def _survives(raw: bytes) -> None:
    try:
        loader.load(raw)
    except loader.LoadError as exc:
        assert exc.rule.startswith("yaml.")
        assert exc.message


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_yamlish_text_never_raises_anything_else(text: str) -> None:
    _survives(text.encode("utf-8"))


@settings(max_examples=200)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_raise_anything_else(raw: bytes) -> None:
    _survives(raw)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30),
)
DATA = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(
                st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                min_size=1,
                max_size=10,
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=300)
@given(DATA)
def test_safe_dump_round_trips_through_the_loader(data: Any) -> None:
    """What PyYAML writes (quoting what needs quotes) reads back unchanged."""
    text = yaml.safe_dump({"root": data}, allow_unicode=True)
    try:
        loaded, _ = loader.load(text.encode("utf-8"))
    except loader.LoadError as exc:
        assert exc.rule in {"yaml.syntax", "yaml.tag"}, exc.message
        return
    assert loaded == {"root": data}
