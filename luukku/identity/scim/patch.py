"""PATCH (RFC 7644 § 3.5.2) applied to a copy of a resource's JSON representation.

The patched JSON is then read like the body of a PUT, so one mapping (and one set of rules) serves
both. Operation names and attribute names are case-insensitive, as identity managers send them in
either case.
"""

import copy

from django.utils.translation import gettext as _

from .errors import ScimError
from .filters import PatchPath, attr_path, get_ci, matches, parse_patch_path
from .schemas import EXTENSION_SCHEMAS, PATCH_OP, attribute_definition

OPERATIONS = {"add", "replace", "remove"}
READ_ONLY = {"id", "meta", "schemas"}  # common attributes (RFC 7643 § 3.1) the service provider sets


def _key(container: dict, name: str) -> str | None:
    return next((key for key in container if key.lower() == name.lower()), None)


def _set(container: dict, name: str, value: object) -> None:
    container[_key(container, name) or name] = value


def _remove(container: dict, name: str) -> None:
    key = _key(container, name)
    if key is not None:
        del container[key]


def _put(container: dict, op: str, name: str, value: object) -> None:
    if op == "remove":
        _remove(container, name)
    else:
        _set(container, name, value)


def _container(resource: dict, schema: str) -> dict:
    if not schema:
        return resource
    key = _key(resource, schema) or schema
    if not isinstance(resource.get(key), dict):
        resource[key] = {}
    return resource[key]


def _same_item(left: object, right: object) -> bool:
    if isinstance(left, dict) and isinstance(right, dict) and "value" in {k.lower() for k in left}:
        return get_ci(left, "value") == get_ci(right, "value")
    return left == right


def _apply(resource: dict, op: str, target: PatchPath, value: object) -> None:
    if not target.path.schema and target.path.name in READ_ONLY:
        detail = _("%(attribute)s cannot be changed.") % {"attribute": target.path.name}
        raise ScimError(400, detail, "mutability")
    definition = attribute_definition(target.path.schema, target.path.name)
    if definition is None:
        raise ScimError(
            400, _("Unknown attribute: %(path)s") % {"path": target.path.key()[:200]}, "invalidPath"
        )
    if definition["mutability"] == "readOnly":
        raise ScimError(
            400, _("%(attribute)s cannot be changed.") % {"attribute": definition["name"]}, "mutability"
        )
    container = _container(resource, target.path.schema)
    name, multi = definition["name"], definition["multiValued"]
    current = get_ci(container, name)
    if target.filter is not None:
        if not multi:
            raise ScimError(400, _("Only multi-valued attributes can be filtered."), "invalidPath")
        items = current if isinstance(current, list) else []
        chosen = [item for item in items if isinstance(item, dict) and matches(target.filter, item)]
        if op == "remove":
            if target.sub:
                for item in chosen:
                    _remove(item, target.sub)
            else:
                _set(container, name, [item for item in items if not any(item is c for c in chosen)])
            return
        if not chosen:
            raise ScimError(400, _("No value matched the filter."), "noTarget")
        for item in chosen:
            if target.sub:
                _set(item, target.sub, value)
            elif isinstance(value, dict):
                item.update(value)
            else:
                raise ScimError(400, _("The value must be an object."), "invalidValue")
        return
    if target.path.sub:
        if multi:
            items = current if isinstance(current, list) else []
            for item in items:
                if isinstance(item, dict):
                    _put(item, op, target.path.sub, value)
            if not items and op != "remove":
                _set(container, name, [{target.path.sub: value}])
            return
        holder = current if isinstance(current, dict) else {}
        _put(holder, op, target.path.sub, value)
        _set(container, name, holder)
        return
    if op == "remove":
        if multi and value is not None:  # remove the listed values (e.g. members by value)
            unwanted = value if isinstance(value, list) else [value]
            items = current if isinstance(current, list) else []
            _set(container, name, [i for i in items if not any(_same_item(i, u) for u in unwanted)])
        else:
            _remove(container, name)
        return
    if multi:
        values = value if isinstance(value, list) else [value]
        if op == "add":
            items = list(current) if isinstance(current, list) else []
            if any(get_ci(v, "primary") is True for v in values):  # one primary value (RFC 7644 § 3.5.2)
                for item in items:
                    if isinstance(item, dict):
                        _remove(item, "primary")
            items += [v for v in values if not any(_same_item(v, i) for i in items)]
            values = items
        _set(container, name, values)
        return
    if definition["type"] == "complex":
        if not isinstance(value, dict):
            raise ScimError(400, _("The value must be an object."), "invalidValue")
        holder = dict(current) if isinstance(current, dict) else {}
        for sub, sub_value in value.items():
            _set(holder, sub, sub_value)
        _set(container, name, holder)
        return
    _set(container, name, value)


def apply_patch(resource: dict, body: object) -> dict:
    """The resource's JSON after the PatchOp `body`; raises ScimError for a malformed request."""
    if not isinstance(body, dict) or PATCH_OP not in (get_ci(body, "schemas") or []):
        raise ScimError(400, _("The request is not a SCIM PatchOp."), "invalidSyntax")
    operations = get_ci(body, "Operations")
    if not isinstance(operations, list) or not operations:
        raise ScimError(400, _("The PatchOp has no operations."), "invalidSyntax")
    result = copy.deepcopy(resource)
    extensions = {urn.lower(): urn for urn in EXTENSION_SCHEMAS}
    for operation in operations:
        if not isinstance(operation, dict):
            raise ScimError(400, _("An operation must be an object."), "invalidSyntax")
        op = str(get_ci(operation, "op") or "").lower()
        if op not in OPERATIONS:
            raise ScimError(400, _("The operation must be add, replace or remove."), "invalidSyntax")
        path, value = get_ci(operation, "path"), get_ci(operation, "value")
        if path in (None, ""):
            if op == "remove":
                raise ScimError(400, _("A remove operation needs a path."), "noTarget")
            if not isinstance(value, dict):
                raise ScimError(400, _("Without a path the value must be an object."), "invalidValue")
            for key, item in value.items():
                if key.lower() == "schemas":
                    continue
                if key.lower() in extensions and isinstance(item, dict):
                    for sub_key, sub_item in item.items():
                        target = PatchPath(attr_path(f"{extensions[key.lower()]}:{sub_key}", "invalidPath"))
                        _apply(result, op, target, sub_item)
                else:
                    _apply(result, op, parse_patch_path(key), item)
        elif isinstance(path, str):
            _apply(result, op, parse_patch_path(path), value)
        else:
            raise ScimError(400, _("The path must be a string."), "invalidPath")
    return result
