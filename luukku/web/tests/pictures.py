"""Small pictures for tests, made with Pillow: real JPEGs and PNGs, and hand-made malicious ones."""

import io
import struct
import zlib

from PIL import Image


def png(width: int = 24, height: int = 16, colour: tuple = (200, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def jpeg(width: int = 64, height: int = 32, exif: Image.Exif | None = None) -> bytes:
    """A noisy JPEG (so that it has some size to truncate), optionally with EXIF."""
    image = Image.effect_noise((width, height), 60).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=95, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int) -> bytes:
    """A valid PNG header claiming `width` x `height` pixels with a few hundred bytes of data: decoded,
    it would take width * height * 3 bytes of memory."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + b"\x00" * (width * 3)
    compressor = zlib.compressobj(9)
    data = compressor.compress(row * min(height, 4)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")
