from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from luukku.web import throttle
from luukku.web.forms import Action, run_action
from luukku.web.routes import Audience, route

from . import services
from .forms import ContactForm, SearchForm
from .models import LANGUAGES, ContactRequest, DirectoryService, TargetGroup


def home_municipality(request: HttpRequest) -> str:
    """The signed-in resident's own home municipality (their own data: never someone they act for)."""
    resident = getattr(request.user, "resident", None) if request.user.is_authenticated else None
    return getattr(resident, "municipality_code", "") or ""


def query_from(form: SearchForm, home: str) -> services.Query:
    data = form.cleaned_data
    text = data.get("haku") or ""
    coordinates = services.home_of(home)
    default_sort = "relevance" if text else ("distance" if coordinates else "name")
    return services.Query(
        text=text,
        municipality=data.get("kunta") or "",
        kind=data.get("tyyppi") or "",
        target_group=data.get("kohderyhma") or "",
        language=data.get("kieli") or "",
        open_now=bool(data.get("auki")),
        accessible=bool(data.get("esteeton")),
        home=coordinates,
        sort=data.get("jarjestys") or default_sort,
        page=data.get("sivu") or 1,
    )


def map_settings() -> dict:
    return {
        "tiles": settings.LUUKKU_MAP_TILES,
        "attribution": settings.LUUKKU_MAP_ATTRIBUTION,
    }


def markers(results: services.Results) -> list[dict]:
    return [
        {
            "lat": hit.service.latitude,
            "lon": hit.service.longitude,
            "name": hit.service.local_name,
            "url": reverse("directory:detail", args=[hit.service.public_id]),
        }
        for hit in results.hits
        if hit.service.latitude is not None
    ]


@route(Audience.PUBLIC, "own")
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    home = home_municipality(request)
    if form.is_bound and form.is_valid():
        results = services.search(query_from(form, home))
    elif not form.is_bound:
        form = SearchForm({})
        form.is_valid()
        results = services.search(query_from(form, home))
    status = 400 if form.is_bound and form.errors else 200
    params = request.GET.copy()
    params.pop("sivu", None)
    context = {
        "form": form,
        "results": results,
        "markers": markers(results) if results else [],
        "map": map_settings(),
        "home": home,
        "query_string": params.urlencode(),
        "target_groups": dict(TargetGroup.choices),
        "languages": LANGUAGES,
    }
    template = "directory/_results.html" if request.htmx else "directory/search.html"
    return render(request, template, context, status=status)


def _person(request: HttpRequest):
    return request.acting_for if getattr(request.user, "resident", None) is not None else None


@route(Audience.PUBLIC, "own")
@sensitive_post_parameters("phone", "name", "message")
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, public_id) -> HttpResponse:
    """A service's page; a resident (signed in or not) sends a contact request to the giving unit and, when
    signed in, sees the status of their own requests."""
    service = get_object_or_404(
        DirectoryService.objects.published()
        .select_related("provider", "booking_service", "unit")
        .prefetch_related("locations__hours", "contacts"),
        public_id=public_id,
    )
    locations = [
        {"location": location, "open": services.is_open(location), "hours": list(location.hours.all())}
        for location in service.locations.all()
    ]
    marker = (
        [{"lat": service.latitude, "lon": service.longitude, "name": service.local_name, "url": ""}]
        if service.latitude is not None
        else []
    )
    person = _person(request)
    contact_form = None
    status = 200
    if services.contact_unit(service) is not None:
        initial = {"name": person.full_name} if person else {}
        contact_form = ContactForm(initial=initial)
        if request.method == "POST":
            actions = {
                "contact": Action(
                    ContactForm,
                    lambda data: services.request_contact(
                        service,
                        data["name"],
                        data["phone"],
                        data["message"],
                        person=person,
                        address=throttle.address_key(request),
                    ),
                    _("Your contact request was sent. You will be called back."),
                )
            }
            try:
                contact_form, sent = run_action(request, actions)
            except throttle.Throttled as limited:
                contact_form = ContactForm(request.POST)
                contact_form.is_valid()
                contact_form.add_error(None, limited.message)
                sent, status = None, 429
            if sent is not None:
                return redirect("directory:detail", public_id=service.public_id)
            status = status if status == 429 else 400
    elif request.method == "POST":
        status = 400
    own_requests = list(ContactRequest.objects.filter(person=person, service=service)[:10]) if person else []
    return render(
        request,
        "directory/detail.html",
        {
            "contact_form": contact_form,
            "own_requests": own_requests,
            "service": service,
            "locations": locations,
            "markers": marker,
            "map": map_settings(),
            "holiday": services.closed_for_holiday(services.local_now().date()),
            "target_groups": [
                TargetGroup(g).label for g in service.target_group_list if g in TargetGroup.values
            ],
            "languages": [LANGUAGES.get(code, code) for code in service.language_list],
            "stale": services.is_stale(service),
        },
        status=status,
    )
