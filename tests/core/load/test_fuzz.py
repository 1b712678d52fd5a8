"""Property tests (Hypothesis): the loaders of editors' input never raise, whatever they
are given; every problem is located and short. A few examples each here;
``scripts/bench_fuzz`` runs 10,000 each and times them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import fuzz_targets as targets

QUICK = settings(max_examples=40, deadline=None, database=None,
                 suppress_health_check=list(HealthCheck))


@QUICK
@given(targets.documents())
def test_frontmatter_loader(text: str) -> None:
    targets.check_document(text)


@QUICK
@given(targets.any_text())
def test_frontmatter_loader_on_any_text(text: str) -> None:
    targets.check_document("---\n" + text + "\n---\n")


@QUICK
@given(targets.numbers())
def test_number_parser(text: str) -> None:
    targets.check_number(text)


@pytest.fixture(scope="module")
def data_project() -> targets.DataProject:
    return targets.DataProject()


@QUICK
@given(text=targets.study_csvs())
def test_study_csv_loader(data_project: targets.DataProject, text: str) -> None:
    targets.check_data_file(data_project, "study.csv", text)


@pytest.mark.parametrize("name", ["external.yml", "portal.yml", "booklets.yml",
                                  "study.yml", "units.yml"])
def test_data_file_loaders(data_project: targets.DataProject, name: str) -> None:
    @QUICK
    @given(text=targets.any_text())
    def each(text: str) -> None:
        targets.check_data_file(data_project, name, text)

    each()
    data_project.write("units.yml", "- id: u1\n  name: Xã Một\n  kind: dang_bo_co_so\n")
