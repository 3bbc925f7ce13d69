"""The claims file: its model (:mod:`.model`), its YAML with line numbers (:mod:`.yamlsource`)
and how it is loaded and checked (:mod:`.loading`).

>>> from factcheck.claims import load
>>> load("claims/2020.yaml")                 # doctest: +SKIP
LoadedClaims('claims/2020.yaml', 49 claims)
"""

from ..measures import Measure, Scalar
from .loading import load
from .model import COLUMN_TYPES, KINDS, Claim, ClaimsFile, ColumnSpec, CsvOptions, LoadedClaims, Table, kind
from .yamlsource import LineMap

__all__ = [
    "COLUMN_TYPES", "KINDS", "Claim", "ClaimsFile", "ColumnSpec", "CsvOptions", "LineMap", "LoadedClaims", "Measure",
    "Scalar", "Table", "kind", "load",
]
