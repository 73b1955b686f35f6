"""A small, known month-by-month history that the warehouse, indicator and engine-parity tests share."""

from django.contrib.auth import get_user_model

from .factories import at, event, resident, service


def build() -> dict:
    lempi, matti = resident(80, last_name="Lempinen"), resident(45)
    riikka = get_user_model().objects.get(username="hoitaja.riikka")
    clinic = service("rmk-terveysasema")
    video = service("hml-terveysasema", appointment_type="video")
    flu = service("rmk-terveysasema", campaign=True)
    event("identity.signed_in", at("2026-01-15"), lempi, lempi.user, method="bank")
    event("identity.signed_in", at("2026-01-20"), matti, matti.user, method="mobile")
    event("identity.signed_in", at("2026-01-25"), lempi, lempi.user, method="bank")
    event("identity.signed_in", at("2026-02-03"), lempi, lempi.user, method="bank")
    event("booking.booked", at("2026-01-15"), lempi, lempi.user, service=clinic.code, booked_as="self")
    event("booking.booked", at("2026-02-10"), matti, riikka, service=video.code, booked_as="professional")
    event("booking.booked", at("2026-02-11"), matti, riikka, service=flu.code, booked_as="professional")
    event("booking.booked", at("2026-02-12"), lempi, lempi.user, service=flu.code, booked_as="self")
    event("chat.started", at("2026-01-16"), lempi, None, queue="hoitaja", context=False)
    event("chat.started", at("2026-04-16"), matti, None, queue="hoitaja", context=False)
    event(
        "assessment.made",
        at("2026-01-17"),
        lempi,
        riikka,
        urgency="non_urgent",
        route="hyte",
        by_professional=True,
    )
    event("assessment.made", at("2026-04-02"), matti, matti.user, urgency="self_care", route="self_care")
    event("insight.contact_logged", at("2026-01-18"), None, riikka, channel="phone", unit="rmk-terveysasema")
    event(
        "insight.contact_logged", at("2026-01-19"), None, riikka, channel="in_person", unit="hml-terveysasema"
    )
    event("questionnaire.activated", at("2026-01-15"), lempi, None, key="esitiedot", source="x:1")
    event("questionnaire.activated", at("2026-01-16"), matti, None, key="esitiedot", source="x:2")
    event("questionnaire.activation_cancelled", at("2026-01-20"), matti, None, key="esitiedot", source="x:2")
    event("questionnaire.activation_answered", at("2026-01-21"), lempi, None, key="esitiedot")
    event("questionnaire.answered", at("2026-03-05"), lempi, lempi.user, key="audit", scores={"audit": 9})
    event("questionnaire.answered", at("2026-03-06"), matti, matti.user, key="audit", scores={"audit": 3})
    event("carepath.started", at("2026-01-10"), lempi, riikka, template="diabetes", path="p1")
    event("carepath.ended", at("2026-03-10"), lempi, riikka, template="diabetes", path="p1")
    event("vouchers.granted", at("2026-01-12"), lempi, riikka, unit="ikaantyneiden-palveluohjaus")
    return {"lempi": lempi, "matti": matti, "clinic": clinic, "video": video, "flu": flu}
