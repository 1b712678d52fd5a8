"""Study results (appendices 1–3 of plan 271-KH/HU): schema, checks, totals, outputs.

Pipeline: :mod:`.schema` (the tables, defined once) → :mod:`.load` (read and
check ``data/``) → :mod:`.aggregate` (district totals per year) →
:mod:`.tables` (an appendix as header cells and rows) → outputs
(:mod:`.output` for text/CSV/JSON, :mod:`.xlsx`, :mod:`.page` for the site).
"""
