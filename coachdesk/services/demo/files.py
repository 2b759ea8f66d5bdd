"""Tiny but valid PDF and PNG files made in code, for demo certificates and CPD evidence."""

from __future__ import annotations

import base64
import struct
import zlib
from functools import cache

from coachdesk.services.exchange.types import AttachmentRecord


def pdf_bytes(title: str, line: str) -> bytes:
    """A one-page A4 PDF with two lines of Helvetica text and a correct cross-reference table."""

    def esc(text: str) -> str:
        text = text.encode("ascii", "replace").decode("ascii")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = (
        f"BT /F1 20 Tf 72 760 Td ({esc(title)}) Tj ET\n"
        f"BT /F1 12 Tf 72 730 Td ({esc(line)}) Tj ET\n"
        "BT /F1 9 Tf 72 60 Td (Demonstration file made by coachdesk) Tj ET\n"
    ).encode("ascii")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(content) + content + b"endstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def png_bytes(width: int = 24, height: int = 16, shade: int = 0) -> bytes:
    """A small greyscale PNG (a framed badge pattern), valid for any image viewer."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            edge = x in (0, width - 1) or y in (0, height - 1)
            rows.append(40 if edge else (200 + shade + 3 * ((x + y) % 8)) % 256)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


@cache
def certificate(programme: str, as_image: bool) -> AttachmentRecord:
    """A certificate attachment in the exchange shape (filename, media_type, base64 data)."""
    if as_image:
        data = png_bytes(shade=len(programme) % 40)
        return {
            "filename": "certificate-scan.png",
            "media_type": "image/png",
            "data": base64.b64encode(data).decode("ascii"),
        }
    data = pdf_bytes("Certificate of accreditation", programme)
    return {
        "filename": "accreditation-certificate.pdf",
        "media_type": "application/pdf",
        "data": base64.b64encode(data).decode("ascii"),
    }


@cache
def cpd_evidence(title: str) -> AttachmentRecord:
    """A certificate of attendance for a CPD record."""
    data = pdf_bytes("Certificate of attendance", title)
    return {
        "filename": "attendance.pdf",
        "media_type": "application/pdf",
        "data": base64.b64encode(data).decode("ascii"),
    }
