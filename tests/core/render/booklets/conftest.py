"""The sample corpus' booklets, built once for the module tests of this folder."""

from __future__ import annotations

import pytest
from booklet_helpers import SampleBooklets, booklet_build, copy_sample


@pytest.fixture(scope="session")
def sample_booklets(tmp_path_factory: pytest.TempPathFactory) -> SampleBooklets:
    """Every public booklet of the sample corpus, with the imposed variants."""
    root = copy_sample(tmp_path_factory.mktemp("sample-booklets"))
    build = booklet_build(root, "public", root / "cache")
    files = build.run(imposed=True)
    return SampleBooklets(build, {f.booklet.id: f for f in files})
