"""The data behind the claims: where each table is (:mod:`.tables`), its fingerprint
(:mod:`.checksums`) and its declared contract (:mod:`.contracts`, imported when a table
declares one).
"""

from .checksums import sha256
from .tables import Source, csv_options_sql, data_error, describe_root, locate, read_header, repository_root

__all__ = ["Source", "csv_options_sql", "data_error", "describe_root", "locate", "read_header", "repository_root", "sha256"]
