"""Thin MkDocs adapters over :mod:`tuyengiao.core`."""
