"""Pictures people upload: recognised from their content, decoded and re-encoded, so that what is
stored and served is a plain JPEG or PNG made here — never the uploaded bytes, their name or the
browser's idea of their type.

Re-encoding drops everything but the pixels: EXIF (GPS position, camera, time), XMP, ICC profiles,
comments and any bytes hidden after the image (HTML/SVG polyglots). The EXIF orientation is applied to
the pixels first, so a phone photo still stands the right way up. The pixel count is checked from
the header before anything is decoded, so a small file that would expand to gigabytes is refused.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel phone photo; far below what would exhaust memory
JPEG_QUALITY = 88

# Pillow format name -> (served content type, stored extension)
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}
CONTENT_TYPES = {f".{extension}": content_type for content_type, extension in FORMATS.values()}

NOT_A_PICTURE = _("Only pictures (JPEG or PNG) can be sent.")
TOO_LARGE = _("The picture is too large: at most 5 MB.")
DAMAGED = _("The picture could not be read: the file may be damaged or incomplete. Try another picture.")
TOO_MANY_PIXELS = _("The picture is too large: at most %(megapixels)d megapixels.")


@dataclass(frozen=True)
class CleanPicture:
    file: ContentFile  # named with a generated name and the extension of its real type
    content_type: str
    width: int
    height: int


def _too_many_pixels() -> ValidationError:
    limit = {"megapixels": MAX_PIXELS // 10**6}
    return ValidationError(TOO_MANY_PIXELS, code="too_many_pixels", params=limit)


def _probe(data: bytes) -> str:
    """The format the content really is (from its signature), after checking its size and integrity."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=tuple(FORMATS)) as probe:
                kind = probe.format
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        TOO_MANY_PIXELS,
                        code="too_many_pixels",
                        params={"megapixels": MAX_PIXELS // 1_000_000},
                    )
                probe.verify()  # checksums and structure, without decoding the pixels
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except UnidentifiedImageError:
        raise ValidationError(NOT_A_PICTURE, code="not_a_picture") from None
    except Exception:  # hostile input makes Pillow's parsers raise many kinds of error
        raise ValidationError(DAMAGED, code="damaged") from None
    return kind


def _target_mode(kind: str, mode: str) -> str:
    if kind == "JPEG":
        return "L" if mode == "L" else "RGB"
    return mode if mode in ("1", "L", "LA", "RGB", "RGBA") else "RGBA"


def _reencode(data: bytes, kind: str) -> tuple[bytes, int, int]:
    try:
        with Image.open(io.BytesIO(data), formats=(kind,)) as image:
            image.load()  # a truncated file fails here (LOAD_TRUNCATED_IMAGES stays off)
            upright = ImageOps.exif_transpose(image)
            pixels = upright.convert(_target_mode(kind, upright.mode))
    except Exception:  # as in _probe: a damaged or hostile file, not a server error
        raise ValidationError(DAMAGED, code="damaged") from None
    # A new image from the pixels alone: no info dictionary (EXIF, ICC, text chunks) is carried over.
    bare = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    out = io.BytesIO()
    if kind == "JPEG":
        bare.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        bare.save(out, format="PNG", optimize=True)
    return out.getvalue(), bare.width, bare.height


def clean_picture(upload) -> CleanPicture:
    """A JPEG or PNG upload re-encoded without metadata, under a generated name; ValidationError (in
    the user's language) for anything else, a damaged or truncated file, or one that is too large."""
    if upload.size is None or upload.size > MAX_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large")
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    upload.seek(0)
    if len(data) > MAX_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large")
    kind = _probe(data)
    content, width, height = _reencode(data, kind)
    content_type, extension = FORMATS[kind]
    return CleanPicture(
        ContentFile(content, name=f"{uuid.uuid4().hex}.{extension}"), content_type, width, height
    )


def served_as(name: str) -> tuple[str, str]:
    """(content type, extension) a stored picture is served with, from the extension this module gave
    it; anything else (a file stored before pictures were re-encoded) is served as opaque bytes."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix], suffix[1:]
    return "application/octet-stream", "bin"
