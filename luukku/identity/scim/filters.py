"""SCIM filters and attribute paths (RFC 7644 § 3.4.2.2 and § 3.5.2).

A filter is parsed once into a small tree, then either turned into a Django query (`to_q`, Users) or
evaluated on a resource's JSON (`matches`, Groups and PATCH value filters). Attribute names are
case-insensitive; a schema URN prefix (`urn:...:User:userName`) is accepted.
"""

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from .errors import ScimError
from .schemas import CORE_SCHEMAS, EXTENSION_SCHEMAS

TOKEN = re.compile(r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<punct>[()\[\]])|(?P<word>[^\s()\[\]"]+))')
COMPARISONS = {"eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"}
ORDERING = {"gt", "ge", "lt", "le"}
ORM_ORDERING = {"gt": "gt", "ge": "gte", "lt": "lt", "le": "lte"}
# Values compared exactly (RFC 7643: caseExact true); every other string ignores case.
CASE_EXACT = {"id", "externalid", "members", "members.value", "groups", "groups.value"}
MAX_FILTER_LENGTH = 2000


@dataclass(frozen=True)
class AttrPath:
    schema: str  # "" for the core schemas, else the extension's URN (as declared)
    name: str  # lower case
    sub: str = ""  # lower case sub-attribute, or ""

    def key(self) -> str:
        base = f"{self.name}.{self.sub}" if self.sub else self.name
        return f"{self.schema.lower()}:{base}" if self.schema else base


@dataclass(frozen=True)
class Compare:
    path: AttrPath
    op: str
    value: object


@dataclass(frozen=True)
class Present:
    path: AttrPath


@dataclass(frozen=True)
class Logical:
    op: str  # "and" / "or"
    left: "Node"
    right: "Node"


@dataclass(frozen=True)
class Not:
    inner: "Node"


@dataclass(frozen=True)
class ValueFilter:
    """attr[filter]: elements of a multi-valued attribute that match."""

    path: AttrPath
    filter: "Node"


Node = Compare | Present | Logical | Not | ValueFilter


def _invalid(detail: str, scim_type: str = "invalidFilter") -> ScimError:
    return ScimError(400, detail, scim_type)


def attr_path(text: str, scim_type: str = "invalidFilter") -> AttrPath:
    """`userName`, `name.givenName`, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:x`."""
    schema = ""
    lowered = text.lower()
    if lowered.startswith("urn:"):
        known = sorted(CORE_SCHEMAS + EXTENSION_SCHEMAS, key=len, reverse=True)
        urn = next((u for u in known if lowered.startswith(u.lower() + ":")), None)
        if urn is None:
            raise _invalid(_("Unknown schema in attribute path: %(path)s") % {"path": text[:200]}, scim_type)
        schema = "" if urn in CORE_SCHEMAS else urn
        text = text[len(urn) + 1 :]
    name, _dot, sub = text.partition(".")
    if not re.fullmatch(r"\$?[A-Za-z][\w$-]*", name) or (sub and not re.fullmatch(r"[A-Za-z][\w$-]*", sub)):
        raise _invalid(_("Invalid attribute path: %(path)s") % {"path": text[:200]}, scim_type)
    return AttrPath(schema, name.lower(), sub.lower())


class _Parser:
    def __init__(self, text: str, scim_type: str) -> None:
        if len(text) > MAX_FILTER_LENGTH:
            raise _invalid(_("The filter is too long."), scim_type)
        self.scim_type = scim_type
        self.tokens: list[tuple[str, str]] = []
        position = 0
        text = text.rstrip()
        while position < len(text):
            match = TOKEN.match(text, position)
            if match is None or match.end() == position:
                raise _invalid(_("The filter cannot be read."), scim_type)
            kind = match.lastgroup
            self.tokens.append((kind, match.group(kind)))
            position = match.end()
        self.position = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def peek_word(self) -> str:
        token = self.peek()
        return token[1].lower() if token and token[0] == "word" else ""

    def take(self, kind: str, value: str | None = None) -> str:
        token = self.peek()
        if token is None or token[0] != kind or (value is not None and token[1] != value):
            raise _invalid(_("The filter cannot be read."), self.scim_type)
        self.position += 1
        return token[1]

    def done(self) -> None:
        if self.peek() is not None:
            raise _invalid(_("The filter cannot be read."), self.scim_type)

    def any_of(self) -> Node:
        node = self.all_of()
        while self.peek_word() == "or":
            self.position += 1
            node = Logical("or", node, self.all_of())
        return node

    def all_of(self) -> Node:
        node = self.unary()
        while self.peek_word() == "and":
            self.position += 1
            node = Logical("and", node, self.unary())
        return node

    def unary(self) -> Node:
        if self.peek_word() == "not":
            self.position += 1
            self.take("punct", "(")
            inner = self.any_of()
            self.take("punct", ")")
            return Not(inner)
        if self.peek() == ("punct", "("):
            self.position += 1
            inner = self.any_of()
            self.take("punct", ")")
            return inner
        return self.expression()

    def expression(self) -> Node:
        path = attr_path(self.take("word"), self.scim_type)
        if self.peek() == ("punct", "["):
            self.position += 1
            inner = self.any_of()
            self.take("punct", "]")
            return ValueFilter(path, inner)
        op = self.take("word").lower()
        if op == "pr":
            return Present(path)
        if op not in COMPARISONS:
            raise _invalid(_("Unknown comparison: %(op)s") % {"op": op[:20]}, self.scim_type)
        token = self.peek()
        if token is None or token[0] == "punct":
            raise _invalid(_("The filter cannot be read."), self.scim_type)
        self.position += 1
        try:
            value = json.loads(token[1])
        except ValueError:
            raise _invalid(_("The filter cannot be read."), self.scim_type) from None
        if isinstance(value, (list, dict)):
            raise _invalid(_("The filter cannot be read."), self.scim_type)
        return Compare(path, op, value)


def parse_filter(text: str) -> Node:
    parser = _Parser(text, "invalidFilter")
    node = parser.any_of()
    parser.done()
    return node


@dataclass(frozen=True)
class PatchPath:
    path: AttrPath
    filter: Node | None = None  # attr[filter]
    sub: str = ""  # attr[filter].sub


def parse_patch_path(text: str) -> PatchPath:
    parser = _Parser(text, "invalidPath")
    path = attr_path(parser.take("word"), "invalidPath")
    if parser.peek() != ("punct", "["):
        parser.done()
        return PatchPath(path)
    parser.position += 1
    node = parser.any_of()
    parser.take("punct", "]")
    sub = ""
    if parser.peek() is not None:
        word = parser.take("word")
        if not re.fullmatch(r"\.[A-Za-z][\w$-]*", word) or path.sub:
            raise _invalid(_("Invalid attribute path: %(path)s") % {"path": text[:200]}, "invalidPath")
        sub = word[1:].lower()
    parser.done()
    return PatchPath(path, node, sub)


# --- Evaluating on JSON ------------------------------------------------------------------------------


def get_ci(container: object, name: str) -> object:
    """A member of a JSON object by case-insensitive name."""
    if not isinstance(container, dict):
        return None
    for key, value in container.items():
        if key.lower() == name.lower():
            return value
    return None


def _values(resource: dict, path: AttrPath) -> list:
    container = get_ci(resource, path.schema) if path.schema else resource
    value = get_ci(container, path.name)
    if value is None:
        return []
    if isinstance(value, list):
        if path.sub:
            return [get_ci(item, path.sub) for item in value if isinstance(item, dict)]
        return [get_ci(item, "value") if isinstance(item, dict) else item for item in value]
    if isinstance(value, dict):
        return [get_ci(value, path.sub)] if path.sub else []
    return [] if path.sub else [value]


def _moment(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _compare(op: str, have: object, want: object, case_exact: bool) -> bool:
    if want is None:
        return (have is None) == (op == "eq") if op in {"eq", "ne"} else False
    if have is None:
        return op == "ne"
    if isinstance(want, bool) or isinstance(have, bool):
        if op not in {"eq", "ne"}:
            raise _invalid(_("Booleans can only be compared with eq and ne."))
        return (have == want) == (op == "eq")
    if op in ORDERING and _moment(have) and _moment(want):
        have, want = _moment(have), _moment(want)
    elif isinstance(have, str) and isinstance(want, str):
        if not case_exact:
            have, want = have.lower(), want.lower()
    elif not (isinstance(have, (int, float)) and isinstance(want, (int, float))):
        return op == "ne"
    match op:
        case "eq":
            return have == want
        case "ne":
            return have != want
        case "co":
            return isinstance(have, str) and want in have
        case "sw":
            return isinstance(have, str) and have.startswith(want)
        case "ew":
            return isinstance(have, str) and have.endswith(want)
        case "gt":
            return have > want
        case "ge":
            return have >= want
        case "lt":
            return have < want
        case _:
            return have <= want


def matches(node: Node, resource: dict) -> bool:
    """Whether a resource (or an element of a multi-valued attribute) satisfies the filter."""
    match node:
        case Logical(op="and"):
            return matches(node.left, resource) and matches(node.right, resource)
        case Logical():
            return matches(node.left, resource) or matches(node.right, resource)
        case Not():
            return not matches(node.inner, resource)
        case Present():
            return any(value not in (None, "", [], {}) for value in _values(resource, node.path))
        case ValueFilter():
            container = get_ci(resource, node.path.schema) if node.path.schema else resource
            items = get_ci(container, node.path.name)
            return isinstance(items, list) and any(
                isinstance(item, dict) and matches(node.filter, item) for item in items
            )
        case Compare():
            exact = node.path.key() in CASE_EXACT
            values = _values(resource, node.path) or [None]
            if node.op == "ne":
                return all(_compare("ne", value, node.value, exact) for value in values)
            return any(_compare(node.op, value, node.value, exact) for value in values)
    raise _invalid(_("The filter cannot be read."))


# --- Turning into a Django query -------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """Where a SCIM attribute is stored: the ORM lookup path and how values compare."""

    orm: str
    kind: str = "text"  # "text" (ignores case), "exact", "bool", "datetime", "uuid"


def _field(path: AttrPath, fields: dict[str, Field]) -> Field:
    field = fields.get(path.key())
    if field is None:
        raise _invalid(_("Filtering by %(attribute)s is not supported.") % {"attribute": path.key()[:200]})
    return field


def _comparison_q(field: Field, op: str, value: object) -> Q:
    if value is None:
        if op not in {"eq", "ne"}:
            raise _invalid(_("null can only be compared with eq and ne."))
        empty = Q(**{f"{field.orm}__isnull": True})
        if field.kind in {"text", "exact"}:
            empty |= Q(**{field.orm: ""})
        return empty if op == "eq" else ~empty
    if field.kind == "bool":
        if not isinstance(value, bool) or op not in {"eq", "ne"}:
            raise _invalid(_("Booleans can only be compared with eq and ne to true or false."))
        query = Q(**{field.orm: value})
        return query if op == "eq" else ~query
    if not isinstance(value, str):
        raise _invalid(_("This attribute is compared with a string."))
    if field.kind == "uuid":
        if op not in {"eq", "ne"}:
            raise _invalid(_("Identifiers can only be compared with eq and ne."))
        try:
            query = Q(**{field.orm: uuid.UUID(value)})
        except ValueError:
            query = Q(pk__in=[])  # a malformed id matches nothing
        return query if op == "eq" else ~query
    if field.kind == "datetime":
        moment = _moment(value)
        if moment is None or op not in ORDERING | {"eq", "ne"}:
            raise _invalid(_("Dates are compared with eq, ne, gt, ge, lt or le to an ISO 8601 date-time."))
        if op in {"eq", "ne"}:
            query = Q(**{field.orm: moment})
            return query if op == "eq" else ~query
        return Q(**{f"{field.orm}__{ORM_ORDERING[op]}": moment})
    if "\x00" in value:
        raise _invalid(_("The filter cannot be read."))
    insensitive = "i" if field.kind == "text" else ""
    lookups = {
        "eq": f"{insensitive}exact",
        "ne": f"{insensitive}exact",
        "co": f"{insensitive}contains",
        "sw": f"{insensitive}startswith",
        "ew": f"{insensitive}endswith",
        "gt": "gt",
        "ge": "gte",
        "lt": "lt",
        "le": "lte",
    }
    query = Q(**{f"{field.orm}__{lookups[op]}": value})
    return ~query if op == "ne" else query


def to_q(node: Node, fields: dict[str, Field], prefix: AttrPath | None = None) -> Q:
    """The filter as a Django query over the attributes `fields` maps (others: invalidFilter)."""

    def scoped(path: AttrPath) -> AttrPath:
        return AttrPath(prefix.schema, prefix.name, path.name) if prefix else path

    match node:
        case Logical(op="and"):
            return to_q(node.left, fields, prefix) & to_q(node.right, fields, prefix)
        case Logical():
            return to_q(node.left, fields, prefix) | to_q(node.right, fields, prefix)
        case Not():
            return ~to_q(node.inner, fields, prefix)
        case Present():
            return ~_comparison_q(_field(scoped(node.path), fields), "eq", None)
        case ValueFilter() if prefix is None:
            return to_q(node.filter, fields, node.path)
        case Compare():
            return _comparison_q(_field(scoped(node.path), fields), node.op, node.value)
    raise _invalid(_("The filter cannot be read."))
