"""Client eligibility (SPEC section 1): band and region, or the leadership programme."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coachdesk.domain.enums import Band
from coachdesk.domain.settings import HubSettings

if TYPE_CHECKING:
    from coachdesk.domain.hub_facts import PersonFacts

_BAND_RANK = {b.value.casefold(): i for i, b in enumerate(Band) if b is not Band.OTHER}


@dataclass(frozen=True)
class Eligibility:
    """Whether a person may be a client, with the plain-English reasons for that outcome."""

    eligible: bool
    reasons: list[str]

    def summary(self) -> str:
        """The reasons as one phrase, e.g. ``band 3 is below the eligible bands; ...``."""
        return "; ".join(self.reasons)


def _squash(text: str) -> str:
    return "".join(text.split()).casefold()


def _band_reason(band: str | None, eligible_bands: list[str]) -> tuple[bool, str]:
    if band is None or not band.strip():
        return False, "no band recorded"
    wanted = {_squash(b) for b in eligible_bands}
    key = _squash(band)
    shown = band.strip()
    if key in wanted:
        return True, f"band {shown} is an eligible band"
    ranks = [_BAND_RANK[b] for b in wanted if b in _BAND_RANK]
    if key in _BAND_RANK and ranks and _BAND_RANK[key] < min(ranks):
        return False, f"band {shown} is below the eligible bands"
    return False, f"band {shown} is not one of the eligible bands"


def _region_reason(region: str | None, hub_region: str) -> tuple[bool, str]:
    if region is None or not region.strip():
        return False, "no region recorded"
    if _squash(region) == _squash(hub_region):
        return True, f"works in the hub's region {hub_region}"
    return False, f"works in {region.strip()}, not the hub's region {hub_region}"


def eligibility(person: PersonFacts, settings: HubSettings) -> Eligibility:
    """Whether ``person`` meets SPEC 1's client test, and why.

    Eligible means: band in ``settings.eligible_bands`` and region equal to ``settings.region``
    (both compared case- and space-insensitively), or on (or an alumnus of) the leadership
    programme. The reasons explain the outcome: for an eligible person the conditions met,
    for an ineligible one the conditions that fail.

    The line manager's agreement, also named in SPEC 1, is deliberately not part of this test:
    it has its own alert, ``manager-agreement-missing``, so a missing agreement is reported
    once and an override of eligibility never hides it. Recorded overrides are likewise
    applied by the caller (the ``eligibility-unmet`` rule), not here.
    """
    band_ok, band_why = _band_reason(person.band, settings.eligible_bands)
    region_ok, region_why = _region_reason(person.region, settings.region)
    reasons: list[str] = []
    if band_ok and region_ok:
        reasons += [band_why, region_why]
    if person.leadership_programme:
        reasons.append("on the leadership programme")
    if reasons:
        return Eligibility(True, reasons)
    failing = [why for ok, why in ((band_ok, band_why), (region_ok, region_why)) if not ok]
    return Eligibility(False, [*failing, "not on the leadership programme"])
