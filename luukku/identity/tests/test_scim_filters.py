"""The SCIM filter grammar (RFC 7644 § 3.4.2.2) evaluated on JSON: precedence, grouping, negation,
value filters, case rules and comparisons."""

import pytest

from luukku.identity.scim.errors import ScimError
from luukku.identity.scim.filters import matches, parse_filter, parse_patch_path

USER = {
    "id": "2819c223-7f76-453a-919d-413861904646",
    "externalId": "Idm-1",
    "userName": "Hilkka.Hoitaja",
    "title": "sairaanhoitaja",
    "active": True,
    "emails": [{"value": "hilkka@work.example", "type": "work"}, {"value": "h@home.example", "type": "home"}],
    "meta": {"lastModified": "2026-05-01T10:00:00Z"},
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "E1001"},
}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('username eq "hilkka.hoitaja"', True),  # names and string values ignore case
        ('userName EQ "Hilkka.Hoitaja"', True),
        ('externalId eq "idm-1"', False),  # externalId is case-exact
        ('title eq "lääkäri" or title eq "sairaanhoitaja" and active eq false', False),  # and binds tighter
        ('(title eq "lääkäri" or title eq "sairaanhoitaja") and active eq true', True),
        ('not (userName sw "x")', True),
        ('emails[type eq "home" and value ew "@home.example"]', True),
        ('emails[type eq "home" and value co "work"]', False),
        ('emails.value co "work.example"', True),
        ('emails co "home"', True),
        ("nickName pr", False),
        ("emails pr and title pr", True),
        ('meta.lastModified gt "2026-04-30T23:59:59+03:00"', True),
        ('meta.lastModified lt "2026-05-01T13:00:01+03:00"', True),
        ('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "E1001"', True),
        ('title ne "sairaanhoitaja"', False),
        ("nickName eq null", True),
        ('userName eq "say \\"hi\\""', False),
    ],
)
def test_filter_on_json(expression, expected):
    assert matches(parse_filter(expression), USER) is expected


def test_a_quoted_value_may_hold_spaces_brackets_and_escaped_quotes():
    node = parse_filter('title eq "a (b) [c] \\"d\\""')
    assert node.value == 'a (b) [c] "d"'


@pytest.mark.parametrize(
    "expression", ["", "userName", 'userName eq "x" extra', "emails[type eq", "x" * 2001]
)
def test_unreadable_filters(expression):
    with pytest.raises(ScimError) as raised:
        parse_filter(expression)
    assert raised.value.status == 400 and raised.value.scim_type == "invalidFilter"


def test_patch_paths():
    target = parse_patch_path('emails[type eq "work"].value')
    assert (target.path.name, target.sub) == ("emails", "value") and target.filter is not None
    assert parse_patch_path("name.givenName").path.sub == "givenname"
    with pytest.raises(ScimError) as raised:
        parse_patch_path('emails[type eq "work"]value')
    assert raised.value.scim_type == "invalidPath"
