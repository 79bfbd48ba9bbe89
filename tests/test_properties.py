"""Property: any YAML-ish input gives a dataset or a DataError, never another exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.errors import DataError
from explainer.loading import load_dataset
from tests.conftest import TINY_SITE

TARGETS = ["states/norway.yml", "sources/main.yml", "events/all.yml", "accord.yml"]
ORIGINAL = {t: (TINY_SITE / "data" / t).read_text(encoding="utf-8") for t in TARGETS}

scalars = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["no", "yes", "on", "1:20", "2025-13-06", "~", "null", "0x1F", "&a", "*a"]),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
)
yamlish = st.one_of(
    st.text(alphabet=st.sampled_from(list("abc:- \n\t[]{}&*!#'\"|>%@`,?0129.")), max_size=200),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.lists(st.tuples(st.sampled_from(["slug", "name", "role", "status", "x"]), scalars)).map(
        lambda pairs: "\n".join(f"{k}: {v}" for k, v in pairs)
    ),
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    target = draw(st.sampled_from(TARGETS))
    text = ORIGINAL[target]
    how = draw(st.sampled_from(["replace", "insert", "truncate"]))
    if how == "replace":
        return target, draw(yamlish)
    cut = draw(st.integers(0, len(text)))
    if how == "truncate":
        return target, text[:cut]
    return target, text[:cut] + draw(yamlish) + text[cut:]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_arbitrary_input_gives_a_dataset_or_a_data_error(case: tuple[str, str]) -> None:
    target, text = case
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(TINY_SITE / "data", data)
        (data / target).write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            load_dataset(data)
        except DataError as error:
            assert error.issues, "a DataError must say what is wrong"
            for issue in error.issues:
                assert issue.line >= 1 and issue.column >= 1 and issue.message
