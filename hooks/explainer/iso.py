"""ISO 3166-1 country codes, including the ranges ISO leaves to users (e.g. XK for Kosovo)."""

from __future__ import annotations

import re
from functools import cache

import pycountry

# ISO 3166-1 reserves these for user assignment; XK/XKX (Kosovo) is the best-known use.
_USER_ALPHA2 = re.compile(r"^(AA|Q[M-Z]|X[A-Z]|ZZ)$")
_USER_ALPHA3 = re.compile(r"^(AA[A-Z]|Q[M-Z][A-Z]|X[A-Z]{2}|ZZ[A-Z])$")


@cache
def _alpha2() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


@cache
def _alpha3() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


def is_valid_alpha2(code: str) -> bool:
    return code in _alpha2() or bool(_USER_ALPHA2.match(code))


def is_valid_alpha3(code: str) -> bool:
    return code in _alpha3() or bool(_USER_ALPHA3.match(code))
