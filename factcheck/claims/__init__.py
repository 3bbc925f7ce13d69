"""The claims file: its model (:mod:`.model`), its YAML with line numbers (:mod:`.yamlsource`)
and how it is loaded and checked (:mod:`.loading`).

>>> from factcheck.claims import load
>>> load("claims/2020.yaml")                 # doctest: +SKIP
LoadedClaims('claims/2020.yaml', 49 claims)
"""

from .loading import load
from .model import (AGGREGATES, COLUMN_TYPES, KINDS, Change, Claim, ClaimsFile, ColumnSpec, Count, CountDistinct,
                    CsvOptions, Extreme, LoadedClaims, Max, Mean, Measure, Median, Min, Ratio, RatioParts, Scalar,
                    Share, Streak, Sum, Table, Top, Value, kind)
from .yamlsource import LineMap

__all__ = [
    "AGGREGATES", "COLUMN_TYPES", "KINDS", "Change", "Claim", "ClaimsFile", "ColumnSpec", "Count", "CountDistinct",
    "CsvOptions", "Extreme", "LineMap", "LoadedClaims", "Max", "Mean", "Measure", "Median", "Min", "Ratio",
    "RatioParts", "Scalar", "Share", "Streak", "Sum", "Table", "Top", "Value", "kind", "load",
]
