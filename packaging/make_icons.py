"""Make the Windows .ico and macOS .icns from resources/icons/coachdesk.png (needs Pillow)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "coachdesk.png"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def make_icons(out: Path) -> dict[str, Path]:
    """Write coachdesk.ico and coachdesk.icns into ``out``; return their paths by suffix."""
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    image = Image.open(SOURCE).convert("RGBA")
    ico, icns = out / "coachdesk.ico", out / "coachdesk.icns"
    image.save(ico, format="ICO", sizes=ICO_SIZES)
    # Pillow writes the sizes up to the source's; macOS scales the 256 px face for larger.
    image.save(icns, format="ICNS")
    return {"ico": ico, "icns": icns}


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons"
    for path in make_icons(target).values():
        print(path)
