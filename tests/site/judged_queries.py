"""The judged query set: (corpus, query, URL of the document expected in the top 3).

``sample`` is the repository's own ``content/``; ``generated`` is
:func:`search_corpus.write_search_corpus`. Queries are typed as people type them:
mostly without diacritics, numbers in several spellings.
"""

from __future__ import annotations

JUDGED: tuple[tuple[str, str, str], ...] = (
    # --- sample corpus -------------------------------------------------------
    ("sample", "271-KH/HU", "van-ban/271-kh-hu/"),
    ("sample", "271 kh hu", "van-ban/271-kh-hu/"),
    ("sample", "271/kh-hu", "van-ban/271-kh-hu/"),
    ("sample", "1039-CV/HU", "van-ban/1039-cv-hu/"),
    ("sample", "1039 cv hu", "van-ban/1039-cv-hu/"),
    ("sample", "14 kh tu", "van-ban/14-kh-tu/"),
    ("sample", "1327-QD/TU", "hoi-dap/de-an-1327/"),
    ("sample", "de an 1327", "van-ban/271-kh-hu/"),
    ("sample", "tong ket 10 nam de an 1327", "van-ban/271-kh-hu/"),
    ("sample", "nghi quyet dai hoi xiii", "van-ban/14-kh-tu/"),
    ("sample", "hoi dap dai hoi xiii", "hoi-dap/dai-hoi-xiii/"),
    ("sample", "vi sao phai hoc tap quan triet", "hoi-dap/dai-hoi-xiii/"),
    ("sample", "hoc tap quan triet nghi quyet", "van-ban/1039-cv-hu/"),
    ("sample", "dang vien o nong thon", "huong-dan/bcv-1039-cv-hu/"),
    ("sample", "bao cao vien", "huong-dan/bcv-1039-cv-hu/"),
    ("sample", "dinh huong cho bao cao vien", "huong-dan/bcv-1039-cv-hu/"),
    ("sample", "Đảng viên ở nông thôn", "huong-dan/bcv-1039-cv-hu/"),
    ("sample", "kawm thiab tshaj tawm", "tieng-mong/dai-hoi-xiii-hmn/"),
    ("sample", "phiaj xwm tshuaj xyuas", "tieng-mong/271-kh-hu-hmn/"),
    ("sample", "tieng mong de an 1327", "tieng-mong/271-kh-hu-hmn/"),
    ("sample", "hoi dap tong ket de an 1327", "hoi-dap/de-an-1327/"),
    ("sample", "thoi han nop bao cao", "hoi-dap/de-an-1327/"),
    ("sample", "tam duong", "van-ban/1039-cv-hu/"),
    ("sample", "hai duong", "van-ban/14-kh-tu/"),
    ("sample", "phong tho", "van-ban/271-kh-hu/"),
    # --- generated corpus ----------------------------------------------------
    ("generated", "289/KH-UBND", "van-ban/289-kh-ubnd/"),
    ("generated", "289 kh ubnd", "van-ban/289-kh-ubnd/"),
    ("generated", "289-kh-ubnd", "van-ban/289-kh-ubnd/"),
    ("generated", "1327-QD/TU", "van-ban/1327-qd-tu/"),
    ("generated", "1327-QĐ/TU", "van-ban/1327-qd-tu/"),
    ("generated", "1327 qd tu", "van-ban/1327-qd-tu/"),
    ("generated", "30/2020/ND-CP", "van-ban/30-2020-nd-cp/"),
    ("generated", "30 nd cp", "van-ban/30-2020-nd-cp/"),
    ("generated", "5-QD/HU", "van-ban/05-qd-hu/"),
    ("generated", "05 qđ hu", "van-ban/05-qd-hu/"),
    ("generated", "30/KH-UBND", "van-ban/30-kh-ubnd/"),
    ("generated", "5 nq hu", "van-ban/5-nq-hu/"),
    ("generated", "bản", "van-ban/41-kh-hu/"),
    ("generated", "bán", "van-ban/77-kh-ubnd/"),
    ("generated", "thon ban vung cao", "van-ban/41-kh-hu/"),
    ("generated", "mua ban cho phien", "van-ban/77-kh-ubnd/"),
    ("generated", "học tập", "hoi-dap/hoc-tap-lam-theo/"),
    ("generated", "hoc tap va lam theo", "hoi-dap/hoc-tap-lam-theo/"),
    ("generated", "tap huan hoc sinh", "hoi-dap/tap-huan/"),
    ("generated", "duong loi doi ngoai", "huong-dan/duong-loi/"),
    ("generated", "đường lối", "huong-dan/duong-loi/"),
    ("generated", "kawm ntawv", "tieng-mong/kawm-ntawv/"),
    ("generated", "giao duc chinh tri tu tuong", "van-ban/289-kh-ubnd/"),
    ("generated", "loa truyen thanh", "van-ban/30-kh-ubnd/"),
    ("generated", "chuyen doi so", "van-ban/30-kh-ubnd/"),
    ("generated", "hinh thuc so", "van-ban/5-nq-hu/"),
    ("generated", "cong tac van thu", "van-ban/30-2020-nd-cp/"),
)
