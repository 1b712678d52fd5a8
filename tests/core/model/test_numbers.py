from __future__ import annotations

import pytest

from tuyengiao.core.model.numbers import KINDS, DocumentNumber, find_numbers

PARSE_ERROR = "expected a document number like '271-KH/HU' or '289/KH-UBND', got {!r}"
DRAFT_PARSE_ERROR = (
    "expected a document number like '271-KH/HU' or '289/KH-UBND' or, for a draft, "
    "'/KH-UBND', got {!r}"
)


def test_parse_party_style() -> None:
    number = DocumentNumber.parse("271-KH/HU")
    assert number == DocumentNumber("271", "KH", "HU", "party")
    assert str(number) == "271-KH/HU"
    assert not number.is_draft


def test_parse_state_style() -> None:
    number = DocumentNumber.parse("289/KH-UBND")
    assert number == DocumentNumber("289", "KH", "UBND", "state")
    assert str(number) == "289/KH-UBND"


def test_parse_state_style_with_year() -> None:
    number = DocumentNumber.parse("30/2020/NĐ-CP")
    assert number == DocumentNumber("30", "NĐ", "CP", "state", "2020")
    assert str(number) == "30/2020/NĐ-CP"
    assert number.kind_name == "Nghị định"


def test_parse_state_style_with_compound_body() -> None:
    number = DocumentNumber.parse("12/QĐ-UBND-VP")
    assert number.body_code == "UBND-VP"
    assert str(number) == "12/QĐ-UBND-VP"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("1039 - CV/HU", "1039-CV/HU"),
        ("1039-CV / HU", "1039-CV/HU"),
        ("  271-KH/HU  ", "271-KH/HU"),
        ("289 / KH - UBND", "289/KH-UBND"),
        ("30 / 2020 / NĐ - CP", "30/2020/NĐ-CP"),
        ("1039\t-\tCV/HU", "1039-CV/HU"),
    ],
)
def test_spaces_are_normalised(text: str, canonical: str) -> None:
    assert str(DocumentNumber.parse(text)) == canonical


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("271-KH/HU", "Kế hoạch"),
        ("1327-QĐ/TU", "Quyết định"),
        ("471/TTr-VHTT", "Tờ trình"),
        ("01-CT/TW", "Chỉ thị"),
        ("1039-CV/HU", "Công văn"),
        ("05-NQ/TW", "Nghị quyết"),
        ("224-KL/TU", "Kết luận"),
        ("12-HD/BTG", "Hướng dẫn"),
        ("45-TB/HU", "Thông báo"),
        ("30-BC/HU", "Báo cáo"),
    ],
)
def test_kind_name(text: str, kind: str) -> None:
    assert DocumentNumber.parse(text).kind_name == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("1327-QD/TU", "Quyết định"), ("471/TTR-VHTT", "Tờ trình"), ("30/2020/ND-CP", "Nghị định"),
     ("12-Kh/HU", "Kế hoạch")],
)
def test_kind_name_typed_without_accents_or_in_capitals(text: str, kind: str) -> None:
    # Keys already treat QĐ and QD as one; the kind must not fall back to 'Văn bản'.
    assert DocumentNumber.parse(text).kind_name == kind


def test_unknown_kind_has_no_name() -> None:
    assert DocumentNumber.parse("12-XY/HU").kind_name is None


def test_every_contract_kind_is_known() -> None:
    contract = {"KH": "Kế hoạch", "NQ": "Nghị quyết", "CT": "Chỉ thị", "KL": "Kết luận",
                "QĐ": "Quyết định", "CV": "Công văn", "HD": "Hướng dẫn", "TB": "Thông báo",
                "BC": "Báo cáo", "TTr": "Tờ trình"}
    assert {code: KINDS[code] for code in contract} == contract


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("271-KH/HU", "271-kh-hu"),
        ("1327-QĐ/TU", "1327-qd-tu"),
        ("289/KH-UBND", "289-kh-ubnd"),
        ("30/2020/NĐ-CP", "30-2020-nd-cp"),
        ("1039 - CV/HU", "1039-cv-hu"),
        ("471/TTr-VHTT", "471-ttr-vhtt"),
    ],
)
def test_slug(text: str, slug: str) -> None:
    assert DocumentNumber.parse(text).slug == slug


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1327-QĐ/TU", "1327-QD/TU"),
        ("01-CT/TW", "1-CT/TW"),
        ("1039 - CV/HU", "1039-CV/HU"),
        ("471/TTr-VHTT", "471/TTR-VHTT"),
        ("005/KH-UBND", "5/KH-UBND"),
    ],
)
def test_same_key(a: str, b: str) -> None:
    assert DocumentNumber.parse(a).key == DocumentNumber.parse(b).key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("271-KH/HU", "272-KH/HU"),
        ("271-KH/HU", "271-KH/TU"),
        ("271-KH/HU", "271-QĐ/HU"),
        ("271-KH/HU", "271/KH-HU"),  # party and state style are different documents
        ("30/2020/NĐ-CP", "30/2021/NĐ-CP"),
        ("10-KH/HU", "100-KH/HU"),
    ],
)
def test_different_keys(a: str, b: str) -> None:
    assert DocumentNumber.parse(a).key != DocumentNumber.parse(b).key


def test_key_of_zero_serial_is_kept() -> None:
    assert DocumentNumber.parse("0-KH/HU").key == "0-KH/HU"


def test_canonical_form_keeps_what_the_editor_printed() -> None:
    # Normalising is for lookups; the page shows the number as printed.
    assert str(DocumentNumber.parse("01-CT/TW")) == "01-CT/TW"
    assert str(DocumentNumber.parse("1327-QĐ/TU")) == "1327-QĐ/TU"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [("/KH-UBND", "/KH-UBND"), ("/ KH - UBND", "/KH-UBND"), ("-KH/HU", "-KH/HU")],
)
def test_draft_with_allow_draft(text: str, canonical: str) -> None:
    number = DocumentNumber.parse(text, allow_draft=True)
    assert number.is_draft
    assert number.serial == ""
    assert str(number) == canonical
    assert number.kind_name == "Kế hoạch"


def test_draft_is_refused_without_allow_draft() -> None:
    with pytest.raises(ValueError) as info:
        DocumentNumber.parse("/KH-UBND")
    assert str(info.value) == PARSE_ERROR.format("/KH-UBND")


def test_allow_draft_still_parses_full_numbers() -> None:
    number = DocumentNumber.parse("289/KH-UBND", allow_draft=True)
    assert not number.is_draft
    assert str(number) == "289/KH-UBND"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "271-KH",
        "KH/HU",
        "123456-KH/HU",
        "271-KH/HU/X",
        "271_KH/HU",
        "Kế hoạch 271-KH/HU",
        "271-KH/HU, 272-KH/HU",
    ],
)
def test_invalid_numbers(text: str) -> None:
    with pytest.raises(ValueError) as info:
        DocumentNumber.parse(text)
    assert str(info.value) == PARSE_ERROR.format(text)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("45-kh/hu", "45-KH/HU"),
        ("271/kh-ubnd", "271/KH-UBND"),
        ("12/ttr-ubnd", "12/TTr-UBND"),
        ("1327-qđ/tu", "1327-QĐ/TU"),
        ("30/2020/nđ-cp", "30/2020/NĐ-CP"),
        ("1039 - cv/hu", "1039-CV/HU"),
    ],
)
def test_a_field_in_lower_case_is_read_and_normalised(text: str, canonical: str) -> None:
    """The README promises that case does not matter: ``number: 45-kh/hu`` is 45-KH/HU."""
    number = DocumentNumber.parse(text)
    assert str(number) == canonical
    assert number.key == DocumentNumber.parse(canonical).key


def test_lower_case_in_running_text_is_not_a_number() -> None:
    assert list(find_numbers("xem 45-kh/hu và 45-KH/HU")) == [
        m for m in find_numbers("xem 45-kh/hu và 45-KH/HU") if str(m.number) == "45-KH/HU"]
    assert len(list(find_numbers("xem 45-kh/hu"))) == 0


def test_invalid_number_with_allow_draft_mentions_drafts() -> None:
    with pytest.raises(ValueError) as info:
        DocumentNumber.parse("abc", allow_draft=True)
    assert str(info.value) == DRAFT_PARSE_ERROR.format("abc")


def found(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_numbers(text)]


def test_find_several_numbers() -> None:
    text = ("Thực hiện Kế hoạch số 148-KH/TU của Tỉnh ủy, Kế hoạch số 289/KH-UBND "
            "và Nghị định 30/2020/NĐ-CP.")
    assert found(text) == ["148-KH/TU", "289/KH-UBND", "30/2020/NĐ-CP"]
    assert [str(m.number) for m in find_numbers(text)] == [
        "148-KH/TU", "289/KH-UBND", "30/2020/NĐ-CP",
    ]


def test_find_numbers_gives_spans() -> None:
    text = "Xem 271-KH/HU."
    (mention,) = find_numbers(text)
    assert (mention.start, mention.end) == (4, 13)


def test_find_number_with_spaces_is_normalised() -> None:
    (mention,) = find_numbers("Công văn số 1039 - CV/HU ngày 10/5/2023")
    assert str(mention.number) == "1039-CV/HU"


@pytest.mark.parametrize(
    "text",
    [
        "abc271-KH/HU",
        "271-KH/HUx",
        "x/271-KH/HU",
        "271-KH/HU/2023",
        "271-KH/HU-2",
        "A271-KH/HU",
        "_271-KH/HU",
        "https://example.org/271-KH/HU",
    ],
)
def test_numbers_glued_to_other_text_are_not_matched(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "ngày 28/8/2013",
        "ngày 20/02/2023",
        "giai đoạn 2021 - 2025",
        "giai đoạn 2021-2025",
        "nhiệm kỳ 2020/2025",
        "tỷ lệ 98/100",
        "khoản 3-4",
    ],
)
def test_dates_and_ranges_are_not_numbers(text: str) -> None:
    assert found(text) == []


def test_number_at_end_of_sentence_and_in_brackets() -> None:
    assert found("(271-KH/HU), 1039-CV/HU; «01-CT/TW».") == ["271-KH/HU", "1039-CV/HU",
                                                            "01-CT/TW"]
