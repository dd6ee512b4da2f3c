"""coach: a local voice practice coach for behavioral (STAR) interviews."""

__version__ = "0.1.0"
