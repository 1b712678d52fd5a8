"""core.store.code: one code key for every stage, of named parts; no pickle anywhere."""

from __future__ import annotations

import re
from pathlib import Path

import tuyengiao
from tuyengiao.core.store import code_key
from tuyengiao.core.store.code import PARTS, part_digest

PACKAGE = Path(tuyengiao.__file__).parent


def test_each_part_has_its_own_digest_and_the_key_follows_inputs(tmp_path: Path) -> None:
    digests = {name: part_digest(name) for name in PARTS}
    assert len(set(digests.values())) == len(PARTS)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: A\n")
    first = code_key("package", "rendering", inputs=[config])
    assert first == code_key("package", "rendering", inputs=[config])
    config.write_text("site_name: B\n")
    assert code_key("package", "rendering", inputs=[config]) != first
    assert code_key("core") != code_key("package") != code_key("booklets")
    assert code_key("booklets", extra=("1",)) != code_key("booklets", extra=("2",))


def test_there_is_one_code_key_and_one_write_atomic() -> None:
    """Every stage takes its code key from the store; nothing defines its own."""
    defined = re.compile(r"^def (code_key|write_atomic|link_or_copy|link_tree|hash_bytes)\(",
                         re.MULTILINE)
    found = {}
    for path in PACKAGE.rglob("*.py"):
        for name in defined.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, []).append(path.relative_to(PACKAGE).as_posix())
    assert found == {name: [f"core/store/{module}.py"] for name, module in (
        ("code_key", "code"), ("write_atomic", "files"), ("link_or_copy", "files"),
        ("link_tree", "files"), ("hash_bytes", "hashing"))}


def test_no_pickle_and_no_bytecode_cache_on_disk() -> None:
    """Nothing read from the cache can run code: no pickle, no marshal, no compiled
    templates kept in a file."""
    forbidden = re.compile(r"\b(import pickle|from pickle|pickle\.|marshal|shelve|"
                           r"FileSystemBytecodeCache)\b")
    offenders = [path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
                 if forbidden.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_store_imports_only_the_standard_library() -> None:
    imports = re.compile(r"^\s*(?:from|import) ([\w.]+)", re.MULTILINE)
    for path in (PACKAGE / "core" / "store").glob("*.py"):
        for module in imports.findall(path.read_text(encoding="utf-8")):
            top = module.split(".")[0]
            assert module.startswith("tuyengiao.core.store") or top in {
                "__future__", "collections", "dataclasses", "functools", "hashlib",
                "importlib", "json", "logging", "math", "os", "pathlib", "re", "secrets",
                "shutil", "struct", "sys", "threading", "time", "typing", "fcntl",
                "types"}, (path.name, module)
