"""Packages for setuptools: coachdesk, plus the top-level resources/ shipped as package data."""

from setuptools import find_packages, setup

# resources/ (icons, style sheet, report fonts and their licence) stays the one source of truth
# at the top of the checkout; an installed coachdesk carries a copy as coachdesk/_resources.
RESOURCES = ["coachdesk._resources", "coachdesk._resources.icons", "coachdesk._resources.fonts"]

setup(
    packages=[*find_packages(include=["coachdesk", "coachdesk.*"]), *RESOURCES],
    package_dir={"coachdesk._resources": "resources"},
    package_data={
        "coachdesk": [
            "storage/migrations/*.py",
            "storage/migrations/*.mako",
            "storage/migrations/versions/*.py",
        ],
        **{name: ["*.qss", "*.png", "*.ttf", "*.txt"] for name in RESOURCES},
    },
)
