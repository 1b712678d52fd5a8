"""Thin MkDocs adapters over :mod:`tuyengiao.core`; they run on ProperDocs as well.

Importing any of them picks the engine first (:mod:`tuyengiao.mkdocs.engine`), so their
``mkdocs.*`` imports work on either.
"""

from tuyengiao.mkdocs import engine as engine
