"""Claims drafted for the figures of the article that no claim checks (``suggest --not-checked``).

An editor adds a paragraph to a draft after ``init`` wrote the claims file, and ``run`` says
``not checked: 31 (line 81) in "Of the 257 new defendants, 31 were women"``. This drafts the
claims ``init`` would have written for those figures (an id, the sentence as ``says``, the
figure as ``expect`` says it), searches the measures that meet each one over the claims file's
own tables (its derives and lookups too, which ``init`` never had) and gives the claims back as
YAML to paste under ``claims:``, the suggestions as comments under each. The claims file is only
read: what goes into it is the editor's choice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..claims import LoadedClaims, load
from ..claims.model import Claim
from ..errors import DataError, Problem, UsageError
from . import Suggestions, suggest

__all__ = ["Drafted", "draft_not_checked"]


@dataclass
class Drafted:
    """What ``draft_not_checked`` found: the article (as the claims file names it), how many of its
    figures no claim checks, the drafted claims as YAML list items (empty when every figure is
    checked, noted or ignored) and the suggestions behind their comments."""

    claims_file: str
    article: str
    not_checked: int
    yaml: str
    suggestions: Suggestions

    def text(self) -> str:
        """What the command prints: the drafted claims under a comment that says what to do with them,
        or that there is nothing to draft. YAML throughout, so the whole of it can be pasted."""
        if not self.not_checked:
            return (f"# every figure of {self.article} is checked, noted or ignored by {self.claims_file}: "
                    "nothing to draft\n")
        n = self.not_checked
        claims = len(self.suggestions.claims)
        head = [f"# {n} figure{'s' if n != 1 else ''} of {self.article} {'are' if n != 1 else 'is'} checked by no "
                f"claim of {self.claims_file}: {'a claim is' if claims == 1 else f'{claims} claims are'} drafted "
                "below, with the measures that meet each figure as comments.",
                "# Check each: keep one measure (uncomment it) or write your own, then paste the claims under "
                "claims:. A figure that needs no check goes under ignore:, with why."]
        return "\n".join(head) + "\n\n" + self.yaml


def draft_not_checked(claims: str | Path | LoadedClaims, *, top: int = 5, data_root: str | Path | None = None,
                      every_reading: bool = False,
                      before_reading: Callable[[list[tuple[str, Path]]], None] | None = None) -> Drafted:
    """Draft a claim for each figure of the claims file's article that no claim checks, each with
    up to ``top`` suggested measures. Raises :class:`~factcheck.errors.FactcheckError` on bad input
    (a file without ``article:`` is a usage error: there is nothing to cover)."""
    from ..draft.review import covered
    from ..engine import article_problems
    from ..starter import claim_blocks, draft_claims, suggestion_comments

    loaded = claims if isinstance(claims, LoadedClaims) else load(claims)
    article = loaded.model.article
    if article is None:
        raise UsageError([Problem("the claims file names no article, so no figure of one can be left unchecked",
                                  file=str(loaded.path),
                                  hint="name the draft at the top of the claims file (article: story.md, relative to "
                                       "it); --not-checked drafts claims for its figures that no claim checks")])
    problems = article_problems(loaded)  # inside the repository, a file: before a byte of it is read
    if problems:
        raise DataError(problems)
    found = covered(loaded)
    assert found is not None  # the file names an article
    coverage, sentences = found
    wanted = {(f.figure.line, f.figure.column, f.figure.text) for f in coverage.not_checked}
    if not wanted:
        return Drafted(str(loaded.path), article, 0, "", Suggestions([]))
    taken = {c.id for c in loaded.model.claims}
    drafted = draft_claims(sentences, taken, keep=lambda f: (f.line, f.column, f.text) in wanted)
    stubs = [Claim.model_validate({"id": c["id"], "says": c["says"], "expect": c["expect"]}) for c in drafted]
    with_stubs = LoadedClaims(loaded.model.model_copy(update={"claims": [*loaded.model.claims, *stubs]}),
                              loaded.path, loaded.lines, loaded.text)
    suggested = suggest(with_stubs, [c.id for c in stubs], top=top, data_root=data_root,
                        every_reading=every_reading, before_reading=before_reading)
    comments = suggestion_comments(suggested)
    for c in drafted:  # a sentence edited since its claim was written: that claim is stale, not missing
        edited = [st.id for st in coverage.stale if st.closest == c["says"] and st.similarity >= EDITED]
        if edited:
            ids = " and ".join(f"'{i}'" for i in edited)
            comments[c["id"]] = [f"    # the sentence of claim {ids} as edited (its says is no longer in the "
                                 "article): update its says and expect rather than add this claim",
                                 *comments.get(c["id"], [])]
    text = "\n".join(claim_blocks(drafted, comments)).rstrip("\n") + "\n"
    return Drafted(str(loaded.path), article, len(wanted), text, suggested)


EDITED = 0.6
"""How alike (difflib's ratio, as ``run``'s stale hint measures it) a stale claim's ``says`` and a
sentence must be for the sentence to be said to be that claim's, edited."""
