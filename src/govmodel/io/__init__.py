"""Reading and writing structures: govmodel's own format, and the exchange formats."""

from govmodel.io.native import dump, dumps, load, loads

__all__ = ["dump", "dumps", "load", "loads"]
