"""Packages for setuptools: coachdesk, plus the top-level resources/ shipped as package data."""

from setuptools import find_packages, setup

# resources/ (icons, style sheet, report fonts and their licence) stays the one source of truth
# at the top of the checkout; an installed coachdesk carries a copy as coachdesk/_resources.
setup(
    packages=[*find_packages(include=["coachdesk", "coachdesk.*"]), "coachdesk._resources"],
    package_dir={"coachdesk._resources": "resources"},
    package_data={
        "coachdesk": [
            "storage/migrations/*.py",
            "storage/migrations/*.mako",
            "storage/migrations/versions/*.py",
        ],
        "coachdesk._resources": ["*.qss", "icons/*", "fonts/*"],
    },
)
