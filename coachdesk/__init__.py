"""coachdesk: the register, rules and reports of an NHS Coaching and Mentoring Hub."""


def __getattr__(name: str) -> str:
    """``coachdesk.__version__``, read from the installed metadata when first asked for (so
    start-up does not import ``importlib.metadata``)."""
    if name != "__version__":
        raise AttributeError(f"module 'coachdesk' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("coachdesk")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0.0.0+source"
    globals()["__version__"] = found
    return found
