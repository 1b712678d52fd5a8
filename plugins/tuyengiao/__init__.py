"""tuyengiao: a static-site content system for Vietnamese propaganda boards.

The package is split in two:

* :mod:`tuyengiao.core` is a plain Python pipeline, ``load → validate → link →
  render``, that imports nothing from MkDocs, so it can be tested alone and
  carried to another engine.
* :mod:`tuyengiao.mkdocs` holds thin MkDocs adapters over the core.
"""

__version__ = "0.1.0"
