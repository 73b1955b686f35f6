"""Pictures in a chat: what is stored is the re-encoded picture under a generated name; it is served as
a download with a fixed type that no browser sniffs or runs; refusals are form errors in the user's
language."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from luukku.chat.models import ChatMessage, ChatQueue, Conversation
from luukku.web.tests.pictures import png, png_bomb

ALWAYS = {str(day): ["00:00", "24:00"] for day in range(7)}
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation_url(client, settings, tmp_path, personas):
    settings.MEDIA_ROOT = tmp_path
    ChatQueue.objects.filter(code="hoitaja").update(hours=ALWAYS)
    client.post(reverse("identity:login"), {"persona": "matti"})
    started = client.post(reverse("chat:start", args=["hoitaja"]))
    return started["Location"]


def test_polyglot_named_html_is_stored_as_a_clean_png_and_served_as_a_download(client, conversation_url):
    polyglot = png(12, 8) + HTML
    sent = client.post(
        conversation_url, {"attachment": SimpleUploadedFile("x.html", polyglot, content_type="text/html")}
    )
    assert sent.status_code == 302
    message = ChatMessage.objects.exclude(attachment="").get()
    assert message.attachment.name.startswith("chat/") and message.attachment.name.endswith(".png")
    assert "x.html" not in message.attachment.name

    response = client.get(reverse("chat:attachment", args=[message.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="kuva-') or disposition.startswith(
        'attachment; filename="picture-'
    )
    assert disposition.endswith(f"-{message.pk}.png\"; filename*=UTF-8''" + disposition.split("''")[1])
    assert ".html" not in disposition
    body = b"".join(response.streaming_content)
    assert b"<script" not in body
    with Image.open(io.BytesIO(body)) as served:
        assert served.format == "PNG" and served.size == (12, 8)


@pytest.mark.parametrize(
    ("upload", "finnish"),
    [
        (
            SimpleUploadedFile("x.html", HTML, content_type="image/png"),
            "Vain kuvia (JPEG tai PNG) voi lähettää.",
        ),
        (
            SimpleUploadedFile("kuva.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
            "Vain kuvia (JPEG tai PNG) voi lähettää.",
        ),
        (SimpleUploadedFile("pommi.png", png_bomb(50_000, 50_000)), None),
        (SimpleUploadedFile("puolikas.png", png(300, 300)[:-40]), None),
    ],
)
def test_refused_upload_is_a_form_error_in_the_users_language(client, conversation_url, upload, finnish):
    refused = client.post(conversation_url, {"attachment": upload})

    assert refused.status_code == 400
    page = refused.content.decode()
    assert 'role="alert"' in page
    if finnish:
        assert finnish in page
    conversation = Conversation.objects.get()
    assert not conversation.messages.exclude(attachment="").exists()


def test_professional_refusal_is_a_form_error(client, conversation_url, django_user_model):
    conversation = Conversation.objects.get()
    client.force_login(django_user_model.objects.get(username="hoitaja.hanna"))
    client.cookies.pop(
        "django_language", None
    )  # another person's browser: the resident's language is not set
    client.post(reverse("chat:professional", args=[conversation.public_id]), {"action": "take"})
    refused = client.post(  # a Swedish-speaking nurse
        reverse("chat:professional", args=[conversation.public_id]),
        {"action": "attach", "attachment": SimpleUploadedFile("a.png", b"GIF89a not really")},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert refused.status_code == 400
    assert "Endast bilder (JPEG eller PNG) kan skickas." in refused.content.decode()
    assert not conversation.messages.exclude(attachment="").exists()
