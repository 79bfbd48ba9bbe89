"""Strict YAML reading: plain Python values plus the line and column of every value.

Only the safe subset of YAML is accepted. Everything that YAML 1.1 would guess at (`no`,
`on`, `1:20`, unquoted timestamps), duplicate keys, tabs, explicit tags, alias bombs,
non-UTF-8 bytes, empty files and several documents in one file are errors, not guesses.
Plain scalars resolve as in YAML 1.2's core schema without the surprises: null, true/false,
integers, floats; everything else is a string (dates stay strings for the models to parse).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from explainer.errors import DataIssue

try:
    from yaml import cyaml

    _LIBYAML: Any = cyaml.CParser  # type: ignore[attr-defined]
except ImportError:  # PyYAML built without libyaml: the pure-Python parser does it all
    _LIBYAML = object

MAX_BYTES = 1_000_000
MAX_ALIASES = 16

Loc = tuple[str | int, ...]

_NULL = re.compile(r"^(null|Null|NULL|~|)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_YAML11_WORDS = re.compile(r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_OTHER_NUMBER = re.compile(r"^[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*_[0-9_]*)$")
_DEFAULT_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


@dataclass(frozen=True)
class YamlDocument:
    """A file's value and where each part of it was written (1-based line and column)."""

    path: str
    value: dict[str, Any]
    positions: dict[Loc, tuple[int, int]]
    key_positions: dict[Loc, tuple[int, int]]

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The closest known position for a field path; a missing field points at its parent."""
        table = self.key_positions if key else self.positions
        for end in range(len(loc), -1, -1):
            found = table.get(loc[:end]) or self.positions.get(loc[:end])
            if found:
                return found
        return (1, 1)


class _Loader(yaml.SafeLoader):
    """Composes nodes only; no implicit resolution, so every plain scalar arrives as a string."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - as PyYAML declares it

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_count = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise _TooManyAliases(mark)
        return super().compose_node(parent, index)


class _FastLoader(yaml.composer.Composer, _LIBYAML, yaml.resolver.Resolver):  # type: ignore[misc]
    """The same composer and resolver over libyaml's parser: several times faster.

    Used for a first try only; a file it cannot read is read again by `_Loader`, so every
    error message comes from one parser.
    """

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - as PyYAML declares it

    def __init__(self, stream: str) -> None:
        _LIBYAML.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.alias_count = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                raise _TooManyAliases(self.peek_event().start_mark)
        return yaml.composer.Composer.compose_node(self, parent, index)

    def compose_scalar_node(self, anchor: Any) -> Any:
        node = yaml.composer.Composer.compose_scalar_node(self, anchor)
        if node.style == "":  # libyaml's plain style; PyYAML's is None
            node.style = None
        return node


def _compose(text: str) -> Any:
    """The root node by libyaml when it is there and the file is well formed; else None."""
    if _LIBYAML is object or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None  # PyYAML's reader rejects characters that libyaml lets through
    loader = _FastLoader(text)
    try:
        return loader.get_single_node()
    except Exception:
        return None
    finally:
        loader.dispose()


class _TooManyAliases(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


class _Reader:
    """Turns a node tree into values, collecting issues instead of stopping at the first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.issues: list[DataIssue] = []
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.key_positions: dict[Loc, tuple[int, int]] = {}

    def issue(self, node: yaml.Node, loc: Loc, message: str) -> None:
        mark = node.start_mark
        self.issues.append(
            DataIssue(self.path, mark.line + 1, mark.column + 1, format_loc(loc), message)
        )

    def value(self, node: yaml.Node, loc: Loc) -> Any:
        self.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _DEFAULT_TAGS:
            self.issue(node, loc, f"the tag {node.tag!r} is not allowed (remove it)")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return tuple(self.value(item, (*loc, i)) for i, item in enumerate(node.value))
        assert isinstance(node, yaml.ScalarNode)  # the composer makes only these three kinds
        return self.scalar(node, loc)

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or (
                isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<"
            ):
                self.issue(key_node, loc, "merge keys (<<) are not allowed (write the keys out)")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.issue(key_node, loc, "keys must be plain words")
                continue
            key = key_node.value
            if key in result:
                first = self.key_positions[(*loc, key)]
                self.issue(
                    key_node,
                    (*loc, key),
                    f"duplicate key (first written on line {first[0]}; keep one of them)",
                )
                continue
            self.key_positions[(*loc, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.value(value_node, (*loc, key))
        return result

    def scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        text = node.value
        if node.style is not None:  # quoted or block scalars are always strings
            return text
        if _NULL.match(text):
            return None
        if _BOOL.match(text):
            return text.lower() == "true"
        if _INT.match(text):
            return int(text)
        if _FLOAT.match(text):
            return float(text)
        if _YAML11_WORDS.match(text):
            self.issue(
                node,
                loc,
                f"{text!r} is ambiguous in YAML (some readers take it as a yes/no); "
                f'quote it ("{text}") or write true/false',
            )
        elif _SEXAGESIMAL.match(text) or _OTHER_NUMBER.match(text):
            self.issue(
                node, loc, f"{text!r} is ambiguous in YAML (a number in some readers); quote it"
            )
        return text


def format_loc(loc: Loc) -> str:
    """('status', 2, 'date') -> 'status[2].date'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_yaml(file: Path, display: str) -> tuple[YamlDocument | None, list[DataIssue]]:
    """Read one data file strictly. Returns the document, or None and the issues."""

    def fail(message: str, line: int = 1, column: int = 1) -> tuple[None, list[DataIssue]]:
        return None, [DataIssue(display, line, column, "", message)]

    raw = file.read_bytes()
    if len(raw) > MAX_BYTES:
        return fail(f"the file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} (split it)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return fail("the file is not UTF-8 (save it as UTF-8)", line, column)
    if text.startswith("\ufeff"):
        return fail("the file starts with a byte-order mark (save it as UTF-8 without BOM)")
    tab_issues = [
        DataIssue(display, n, line.index("\t") + 1, "", "a tab character (indent with spaces)")
        for n, line in enumerate(text.splitlines(), start=1)
        if "\t" in line
    ]
    if tab_issues:
        return None, tab_issues
    node = _compose(text)
    if node is None:
        node, issue = _compose_strictly(text)
        if issue is not None:
            return fail(*issue)
    if node is None:
        return fail("the file is empty (write the record, or delete the file)")
    if not isinstance(node, yaml.MappingNode):
        return fail("the file must hold a mapping of keys to values at the top level")
    reader = _Reader(display)
    value = reader.mapping(node, ())
    reader.positions[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if reader.issues:
        return None, reader.issues
    return YamlDocument(display, value, reader.positions, reader.key_positions), []


def _compose_strictly(text: str) -> tuple[Any, tuple[str, int, int] | None]:
    """The root node by PyYAML's own parser, or what is wrong and where."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        return None, _control_character(error, text)
    try:
        node = loader.get_single_node()
    except _TooManyAliases as error:
        message = f"more than {MAX_ALIASES} aliases (*name); write the values out"
        return None, (message, error.mark.line + 1, error.mark.column + 1)
    except yaml.composer.ComposerError as error:
        mark = error.problem_mark or error.context_mark
        message = "several YAML documents in one file (keep one; remove '---')"
        if "undefined alias" in str(error.problem):
            message = f"{error.problem} (define the anchor or remove the alias)"
        return None, (message, *_mark(mark))
    except yaml.MarkedYAMLError as error:
        problem = error.problem or "invalid YAML"
        return None, (f"invalid YAML: {problem}", *_mark(error.problem_mark))
    except yaml.reader.ReaderError as error:
        return None, _control_character(error, text)
    finally:
        loader.dispose()
    return node, None


def _control_character(error: yaml.reader.ReaderError, text: str) -> tuple[str, int, int]:
    line = text.count("\n", 0, error.position) + 1
    column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return f"the control character U+{code:04X} is not allowed (delete it)", line, column


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
