"""Reviewing a draft: the figures of a Markdown article and which claims cover them.

* :mod:`factcheck.draft.markdown` reads the article into blocks of plain text, each
  character traced to its line and column;
* :mod:`factcheck.draft.sentences` splits a block into sentences;
* :mod:`factcheck.draft.phrases` recognises figures and periods in a sentence;
* :mod:`factcheck.draft.figures` puts them together: :func:`find_figures`;
* :mod:`factcheck.draft.coverage` matches the figures to a claims file's claims.

Standard library only: nothing here reads data or runs a query.
"""
