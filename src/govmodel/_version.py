"""The version of govmodel."""

__version__ = "0.1.0"
