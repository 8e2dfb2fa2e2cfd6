"""One page per language, compared as an image with a reference kept in the repository.

The references were looked at (see the closing notes of issue 3). After an intended change of
layout, look at the new pages and refresh them: ``MITHAQ_UPDATE_REFERENCE=1 pytest tests/render``.
"""

import io
import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageOps, ImageStat

from .conftest import EXAMPLES

REFERENCE = Path(__file__).parent / "reference"
PAGE, DPI = 3, 40  # page 1: the cover, page 2: the contents
TOLERANCE = 0.2  # difference / ink of the reference; Arabic vs French pages score over 1


def drift(image: Image.Image, reference: Image.Image) -> float:
    """How far a page is from its reference, relative to the ink on the reference page.

    A light blur absorbs anti-aliasing and sub-pixel shifts; a mean over the whole page would
    be dominated by white paper and miss a mirrored or reflowed page.
    """
    a, b = (im.filter(ImageFilter.GaussianBlur(1)) for im in (image, reference))
    ink = ImageStat.Stat(ImageOps.invert(b)).mean[0]
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0] / max(ink, 1e-6)


def _page_image(pdf: bytes) -> Image.Image:
    png = subprocess.run(
        ["pdftoppm", "-f", str(PAGE), "-l", str(PAGE), "-r", str(DPI), "-gray", "-png", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(png)).convert("L")


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_first_chapter_page_looks_like_its_reference(rendered, lang):
    example = next(p for p in EXAMPLES if p.name.startswith("rural"))
    image = _page_image(rendered.get(example, lang, "pdf"))
    path = REFERENCE / f"{example.stem}-{lang}-page{PAGE}.png"
    if os.environ.get("MITHAQ_UPDATE_REFERENCE"):
        image.save(path)
    reference = Image.open(path).convert("L")
    assert image.size == reference.size
    assert drift(image, reference) < TOLERANCE


def test_the_comparison_tells_a_different_or_mirrored_page_apart():
    ar, fr = (Image.open(p).convert("L") for p in sorted(REFERENCE.glob("rural-*.png")))
    assert drift(ar, ar) == 0
    assert drift(fr, ar) > 5 * TOLERANCE
    assert drift(ImageOps.mirror(ar), ar) > 5 * TOLERANCE
