"""Printable booklets: A5 PDFs made from the same documents as the site.

Stages, one module each (none imports MkDocs):

* :mod:`.definitions` reads ``data/booklets.yml`` into located definitions;
* :mod:`.spec` chooses the booklets of one audience's view (automatic + defined);
* :mod:`.assemble` turns a booklet into one HTML document with print CSS;
* :mod:`.pdf` renders it with WeasyPrint into a deterministic PDF;
* :mod:`.impose` makes the print-shop variant (two-up, saddle stitch);
* :mod:`.build` runs all of it in parallel, with a content-hash cache.
"""
