import pytest

from luukku.assessment import recommendations
from luukku.directory.models import DirectoryService

from .factories import make_service

pytestmark = pytest.mark.django_db


def test_hyte_recommendation_links_to_matching_services_of_the_residents_municipality():
    DirectoryService.objects.all().delete()
    own = make_service("Liikuntaneuvonta", kind="own", municipality="694", at=(60.74, 24.77))
    group = make_service("Kävelyryhmä", keywords="liikunta, ulkoilu", municipality="694", at=(60.73, 24.78))
    make_service("Liikuntaneuvonta", kind="own", municipality="109")  # another municipality
    make_service("Hieronta", municipality="694")  # not a wellbeing recommendation

    links = recommendations.links("hyte", "694")
    assert [link["url"].split("/")[2] for link in links] == [str(own.public_id), str(group.public_id)]
    assert links[0]["title"] == "Liikuntaneuvonta"
    assert recommendations.links("booking", "694") == []  # only HYTE and self-care recommendations
