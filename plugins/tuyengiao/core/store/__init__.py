"""The one cache store of a project (stage 0: imports nothing but the standard library).

* :mod:`.store`: :class:`CacheStore` (entries) and :class:`FileSet` (plain
  files checked by their stamps), one prune policy;
* :mod:`.entry`: the one format of an entry (checked header + JSON or bytes);
* :mod:`.shape`: checks of decoded values (a wrong shape is a miss);
* :mod:`.files`: ``write_atomic``, ``link_or_copy``, ``link_tree``, stamps;
* :mod:`.code`: the one code key, made of named parts;
* :mod:`.hashing`: content hashes.
"""

from tuyengiao.core.store.code import code_key
from tuyengiao.core.store.entry import (
    dump_json,
    join_json_bytes,
    json_bytes_parts,
    load_json,
    pack,
    split_json_bytes,
    unpack,
)
from tuyengiao.core.store.files import (
    Stamp,
    is_temp,
    link_or_copy,
    link_tree,
    remove_others,
    stamp_of,
    write_atomic,
)
from tuyengiao.core.store.hashing import digest16, hash_bytes, hash_text
from tuyengiao.core.store.shape import (
    BadEntry,
    as_bool,
    as_dict,
    as_float,
    as_int,
    as_ints,
    as_list,
    as_name,
    as_str,
    as_strs,
)
from tuyengiao.core.store.store import (
    CACHE_DIR,
    DECODE_ERRORS,
    CacheStore,
    FileSet,
    take_damaged,
    today,
)

__all__ = [
    "CACHE_DIR",
    "DECODE_ERRORS",
    "BadEntry",
    "CacheStore",
    "FileSet",
    "Stamp",
    "as_bool",
    "as_dict",
    "as_float",
    "as_int",
    "as_ints",
    "as_list",
    "as_name",
    "as_str",
    "as_strs",
    "code_key",
    "digest16",
    "dump_json",
    "hash_bytes",
    "hash_text",
    "is_temp",
    "join_json_bytes",
    "json_bytes_parts",
    "link_or_copy",
    "link_tree",
    "load_json",
    "pack",
    "remove_others",
    "split_json_bytes",
    "stamp_of",
    "take_damaged",
    "today",
    "unpack",
    "write_atomic",
]
