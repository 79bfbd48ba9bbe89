"""Vendored browser assets (plotly.js bundle, topojson) served by the site itself.

The files live in `explainer/assets/` with their provenance in `VENDOR.md`; each is checked
against its recorded sha256 before it is served, so a swapped file fails the build.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"
SITE_FOLDER = "assets/explainer"


@dataclass(frozen=True)
class Asset:
    """One vendored file: its name in `assets/`, where the site serves it, and its hash."""

    name: str
    sha256: str

    @property
    def site_path(self) -> str:
        return f"{SITE_FOLDER}/{self.name}"


PLOTLY_BUNDLE = Asset(
    "plotly-geo-4.1.1.min.js", "3da0a26e92ce47dad2b18c6e7cf5018335a003f50f5fe41710f52508af579b7c"
)
WORLD_TOPOJSON = Asset(
    "world_110m.json", "d75915eaa31c870df6b972c9e5bb86910197825f33dcfef740f3b2f68cffe843"
)
CENTROIDS = Asset(
    "centroids_50m.json", "6710094074bf16bfc81b0d563fd0c84cc86eb08fa32c4017715ddd1d42b23f52"
)
SERVED = (PLOTLY_BUNDLE, WORLD_TOPOJSON)
# The folder plotly.js fetches `world_110m.json` from (its `topojsonURL` config option).
TOPOJSON_FOLDER = f"{SITE_FOLDER}/"


class AssetError(RuntimeError):
    """A vendored file is missing or differs from the hash recorded for it."""


@cache
def read_asset(asset: Asset) -> bytes:
    path = ASSETS / asset.name
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise AssetError(f"{path} is missing; see {ASSETS / 'VENDOR.md'}") from None
    digest = hashlib.sha256(content).hexdigest()
    if digest != asset.sha256:
        raise AssetError(
            f"{path} has sha256 {digest}, expected {asset.sha256}; "
            f"re-vendor it as {ASSETS / 'VENDOR.md'} describes"
        )
    return content


def site_files() -> dict[str, bytes]:
    """The vendored files to add to the site, by their path in it."""
    return {asset.site_path: read_asset(asset) for asset in SERVED}


@cache
def centroids() -> dict[str, tuple[float, float]]:
    """ISO 3166 alpha-3 code -> (longitude, latitude) of the country's 50m centroid."""
    raw = json.loads(read_asset(CENTROIDS))
    return {code: (float(lon), float(lat)) for code, (lon, lat) in raw.items()}


@cache
def drawn_countries() -> frozenset[str]:
    """Alpha-3 codes that have a shape on the 110m world map."""
    topology = json.loads(read_asset(WORLD_TOPOJSON))
    geometries = topology["objects"]["countries"]["geometries"]
    return frozenset(g["id"] for g in geometries if g.get("id"))
