"""Uploaded pictures: recognised by content, re-encoded without metadata, refused when not a clean
JPEG/PNG, damaged or a decompression bomb."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image

from luukku.web import images
from luukku.web.downloads import attachment_disposition

from .pictures import jpeg, png, png_bomb

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" '
    b'onload="alert(1)"><script>alert(2)</script><rect width="10" height="10"/></svg>'
)


def _upload(name: str, data: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _refusal(upload) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        images.clean_picture(upload)
    return refused.value


def test_png_magic_followed_by_html_named_html_is_refused():
    refused = _refusal(_upload("x.html", b"\x89PNG\r\n\x1a\n" + HTML, "text/html"))
    assert refused.code == "damaged"  # it claims to be a PNG but is not one


def test_svg_sent_as_png_is_refused():
    refused = _refusal(_upload("kuva.png", SVG, "image/png"))
    assert refused.code == "not_a_picture"


def test_text_file_with_a_picture_name_is_refused():
    refused = _refusal(_upload("kuva.jpg", b"just some text\n" * 10, "image/jpeg"))
    assert refused.code == "not_a_picture"


def test_gif_is_not_accepted_even_though_it_is_an_image():
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="GIF")
    assert _refusal(_upload("kuva.gif", out.getvalue(), "image/gif")).code == "not_a_picture"


def test_truncated_jpeg_is_refused_as_damaged():
    whole = jpeg(200, 200)
    refused = _refusal(_upload("kuva.jpg", whole[: len(whole) // 2], "image/jpeg"))
    assert refused.code == "damaged"


def test_truncated_png_is_refused_as_damaged():
    whole = png(300, 300)
    assert _refusal(_upload("kuva.png", whole[: len(whole) - 40])).code == "damaged"


@pytest.mark.parametrize("size", [(50_000, 50_000), (8_000, 6_000)])
def test_huge_dimensions_are_refused_before_decoding(size):
    bomb = png_bomb(*size)
    assert len(bomb) < 100_000  # tiny on disk, gigabytes when decoded
    refused = _refusal(_upload("pommi.png", bomb))
    assert refused.code == "too_many_pixels"
    assert "40" in " ".join(refused.messages)


def test_too_many_bytes_is_refused():
    big = _upload("iso.jpg", b"\xff\xd8\xff" + b"\x00" * images.MAX_BYTES, "image/jpeg")
    assert _refusal(big).code == "too_large"


def test_jpeg_with_gps_is_reencoded_without_exif_and_keeps_its_orientation():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the camera was turned: show rotated 90° clockwise
    exif[ExifTags.Base.Make] = "Kamera Oy"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (60.0, 59.0, 45.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (24.0, 27.0, 50.0),
    }
    original = jpeg(64, 32, exif=exif)
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test picture really has a position

    picture = images.clean_picture(_upload("IMG_0001.JPG", original, "image/jpeg"))

    assert picture.content_type == "image/jpeg"
    assert picture.file.name.endswith(".jpg") and "IMG_0001" not in picture.file.name
    content = picture.file.read()
    assert b"Exif" not in content and b"Kamera Oy" not in content
    with Image.open(io.BytesIO(content)) as after:
        assert after.format == "JPEG"
        assert not after.getexif()
        assert "exif" not in after.info
        assert after.size == (32, 64)  # turned upright, then stored without the orientation tag
        assert (picture.width, picture.height) == (32, 64)


def test_png_text_chunks_and_trailing_polyglot_are_dropped():
    image = Image.new("RGBA", (10, 6), (0, 128, 255, 128))
    from PIL.PngImagePlugin import PngInfo

    meta = PngInfo()
    meta.add_text("Comment", "kotiosoite Linnankatu 12")
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=meta)
    polyglot = out.getvalue() + SVG + HTML  # a valid PNG with markup after its end

    picture = images.clean_picture(_upload("x.html", polyglot, "text/html"))

    content = picture.file.read()
    assert picture.content_type == "image/png" and picture.file.name.endswith(".png")
    assert b"<script" not in content and b"<svg" not in content and b"Linnankatu" not in content
    with Image.open(io.BytesIO(content)) as after:
        assert after.format == "PNG" and after.mode == "RGBA" and after.size == (10, 6)
        assert after.getpixel((3, 3)) == (0, 128, 255, 128)
        assert not after.text


def test_served_as_only_trusts_the_extensions_this_module_gives():
    assert images.served_as("chat/2026/05/ab12.png") == ("image/png", "png")
    assert images.served_as("chat/2026/05/ab12.jpg") == ("image/jpeg", "jpg")
    assert images.served_as("chat/2025/01/x.html") == ("application/octet-stream", "bin")
    assert images.served_as("chat/2025/01/kuva.svg") == ("application/octet-stream", "bin")


def test_attachment_disposition_has_a_safe_ascii_name_and_the_exact_one():
    header = attachment_disposition('bild-ä "x"/../y.png')
    assert header.startswith('attachment; filename="bild-a_x_.._y.png"; ')
    assert header.endswith("filename*=UTF-8''bild-%C3%A4%20%22x%22%2F..%2Fy.png")


@settings(max_examples=300)
@given(
    base=st.sampled_from([jpeg(48, 32), png(20, 12)]),
    edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=12),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
)
def test_mangled_pictures_are_refused_or_come_out_clean(base, edits, cut):
    """Whatever bytes arrive, the answer is a clean picture or a refusal in words, never a crash."""
    data = bytearray(base)
    for where, value in edits:
        data[where % len(data)] = value
    if cut is not None:
        data = data[: cut % len(data)]
    try:
        picture = images.clean_picture(_upload("f", bytes(data)))
    except ValidationError as refused:
        assert refused.code in {"not_a_picture", "damaged", "too_many_pixels"}
        return
    with Image.open(io.BytesIO(picture.file.read())) as clean:
        clean.load()
        assert clean.format in {"JPEG", "PNG"} and not clean.getexif()
