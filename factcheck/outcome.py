"""The words of a verdict: pass / fail / unverifiable, why, and the notes an editor sees.

Kept apart from :mod:`factcheck.report` so that measure kinds can name a reason
without importing the report (which lists every kind's typed details).
"""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNVERIFIABLE = "unverifiable"


class Reason(StrEnum):
    """Why a claim failed or could not be checked. Stable: tools match on these."""

    OUT_OF_TOLERANCE = "out_of_tolerance"      # the figure is off by more than its wording allows
    WRONG_DIRECTION = "wrong_direction"        # said a rise, the data show a fall (or the reverse)
    QUALIFIER_CROSSED = "qualifier_crossed"    # "a majority" at 49.6%, "nearly half" at 52%
    WRONG_RANK = "wrong_rank"                  # "the fewest since 2012" when it is not
    WRONG_VALUES = "wrong_values"              # "Instagram and Snapchat" when the top two differ
    MARKED_UNVERIFIABLE = "marked_unverifiable"  # the claim's author says the data cannot settle it
    TABLE_MISSING = "table_missing"            # an optional table's file is not there
    PERIOD_NOT_COVERED = "period_not_covered"  # a period the claim names has no data
    ZERO_DENOMINATOR = "zero_denominator"      # a share or ratio over nothing
    NO_ROWS = "no_rows"                        # no row passed the filter, so there is no figure
    NOT_ENCODED = "not_encoded"                # the claim has no measure yet (see `factcheck suggest`)


class NoteCode(StrEnum):
    """Things an editor should see even when a claim passes."""

    SMALL_BASE = "small_base"                # the figure rests on fewer than 30 records
    FRAGILE = "fragile"                      # one record more or less would flip the verdict
    UNKNOWNS_EXCLUDED = "unknowns_excluded"  # rows left out because a value was unknown
    RECORD_IS_THE_DATA = "record_is_the_data"  # "on record" means since the data begins
    MOSTLY_UNKNOWN = "mostly_unknown"        # a warning: the figure rests on fewer rows than it left out
    WINDOW_SENSITIVE = "window_sensitive"    # the change holds only against the chosen base period
    SPELLING_VARIANTS = "spelling_variants"  # a warning: a compared value has twins in the column ('Facebook ')
    UNIT_UNKNOWN = "unit_unknown"            # a warning: a duration compared with values of no known unit
    PERIODS_SPACED = "periods_spaced"        # the data's periods come every so many years (elections)
    PERIODS_WITHOUT_VALUE = "periods_without_value"  # an extreme's window holds periods with no value (0/0)
    PERIOD_PARTIAL = "period_partial"        # a warning: a year named is only partly in the data (it ends in June)
    UNMATCHED_LOOKUP = "unmatched_lookup"    # a warning: a lookup finds no row for some keys ('Mississipi')
    UNKNOWNS_COUNTED = "unknowns_counted"    # a ratio's denominator counts rows its numerator's condition cannot tell
    PARTS_UNMATCHED = "parts_unmatched"      # a warning: a ratio's rows with one part's value and not the other's
    REPORTERS_DIFFER = "reporters_differ"    # a warning: a change's two periods hold other reporters (one stopped)
    GROUP_ENDED = "group_ended"              # a warning: a period named is after a reporting group's last row
    MISSING_REPORTS = "missing_reports"      # a warning: no period named, and a group counted missed some
    FILTER_UNKNOWN = "filter_unknown"        # a warning: a filter saying "not" leaves out rows with blanks it cannot tell
    TOTAL_ROW = "total_row"                  # a warning: the rows include a table's "Total" row (a sum comes out double)
    ROWS_ARE_COUNTS = "rows_are_counts"      # a share, top (a warning) or count of rows that each hold a count (inmates)


REASON_TEXT: dict[Reason, str] = {
    Reason.OUT_OF_TOLERANCE: "the computed figure is outside what the wording allows",
    Reason.WRONG_DIRECTION: "the change goes the other way",
    Reason.QUALIFIER_CROSSED: "the figure is on the wrong side of the qualifier",
    Reason.WRONG_RANK: "the value does not rank as the claim says",
    Reason.WRONG_VALUES: "the values differ from those the claim names",
    Reason.MARKED_UNVERIFIABLE: "the claims file says this data cannot settle it",
    Reason.TABLE_MISSING: "a table the claim needs is not available",
    Reason.PERIOD_NOT_COVERED: "a period the claim names is outside the data",
    Reason.NOT_ENCODED: "the claim has no measure yet: `factcheck suggest` proposes one",
    Reason.ZERO_DENOMINATOR: "the denominator is zero",
    Reason.NO_ROWS: "no rows match the claim's filter",
}

MISSING_REPORT = "is a missing report, not a zero"
"""How the message of a ``period_not_covered`` says that a group of a table declared ``reported_by``
sent no report for a period the claim names (the period is in the data: the other groups have it)."""
MISSING_REPORT_TEXT = ("a group the table is reported by has no row in a period the claim names: "
                       "a missing report, not a zero")
"""The plain meaning of such a ``period_not_covered``, in place of "outside the data"."""
