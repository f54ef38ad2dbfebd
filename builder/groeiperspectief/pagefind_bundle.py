"""Pagefind's bundle made reproducible: the same site gives the same bytes.

Pagefind (1.5) writes its filter chunks in the order of a Rust hash map, seeded anew on every
run: the values of a filter, and the filters in the index's metadata, come out in a different
order each time, and so do the chunks' content-hashed names. The words' index and the page
fragments are stable. This module puts filter values and filters in sorted order, names each
rewritten file by a hash of its content as Pagefind does, and points the metadata and the entry
file at the new names. The files are gzipped CBOR behind a ``pagefind_dcd`` signature; the few
CBOR types they use are read and written here (no library for 60 lines).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

__all__ = ["make_reproducible"]

SIGNATURE = b"pagefind_dcd"


def make_reproducible(bundle: Path) -> None:
    """Rewrite the filter chunks, the metadata and the entry file of the bundle at ``bundle`` in a fixed order."""
    renamed: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        name, values = _read(path)
        new = _write(bundle / "filter", path, [name, sorted(values, key=lambda v: v[0])], ".pf_filter", 7)
        renamed[path.name.removesuffix(".pf_filter")] = new
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        # [version, pages, index chunks, filters [[name, chunk]], sorts, meta fields]
        meta[3] = sorted([name, renamed.get(chunk, chunk)] for name, chunk in meta[3])
        language["hash"] = _write(bundle, meta_path, meta, ".pf_meta", 10, prefix="pagefind.")
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: geen Pagefind-bestand")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{path.name}: onverwachte bytes na het einde")
    return value


def _write(folder: Path, old: Path, value: Any, suffix: str, digits: int, *, prefix: str = "") -> str:
    """Write ``value`` as ``<prefix><language>_<hash><suffix>``, remove ``old``; the new name without prefix and suffix."""
    data = SIGNATURE + _encode(value)
    language = old.name.removeprefix(prefix).split("_", 1)[0]
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    old.unlink()
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name


def _decode(data: bytes, i: int) -> tuple[Any, int]:
    """One CBOR item at ``data[i:]`` (integers, strings, arrays, maps, simple values) and the index after it."""
    major, info = data[i] >> 5, data[i] & 31
    i += 1
    if info < 24:
        n = info
    elif 24 <= info <= 27:
        size = 1 << (info - 24)
        n = int.from_bytes(data[i : i + size], "big")
        i += size
    else:
        raise ValueError(f"CBOR met onbepaalde lengte ({info}) wordt niet gelezen")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major == 2:
        return bytes(data[i : i + n]), i + n
    if major == 3:
        return data[i : i + n].decode("utf-8"), i + n
    if major in (4, 5):
        items = []
        for _ in range(n * (2 if major == 5 else 1)):
            item, i = _decode(data, i)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2]))), i
    if major == 7 and n in _SIMPLE:
        return _SIMPLE[n], i
    raise ValueError(f"CBOR-type {major}/{n} wordt niet gelezen")


_SIMPLE = {20: False, 21: True, 22: None}


def _head(major: int, n: int) -> bytes:
    """A CBOR head in its shortest form, as Pagefind (serde) writes it.

    >>> _head(0, 23), _head(0, 24), _head(4, 300)
    (b'\\x17', b'\\x18\\x18', b'\\x99\\x01,')
    """
    if n < 24:
        return bytes([major << 5 | n])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 << (info - 24)):
            return bytes([major << 5 | info]) + struct.pack(fmt, n)
    raise ValueError("getal te groot voor CBOR")


def _encode(value: Any) -> bytes:
    """``value`` as CBOR; ``_decode`` reads it back.

    >>> _decode(_encode(["soort", [["Project", [1, 300]], [b"x", -2, {"a": None}]]]), 0)[0]
    ['soort', [['Project', [1, 300]], [b'x', -2, {'a': None}]]]
    """
    if value is None or isinstance(value, bool):
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise TypeError(f"kan {type(value).__name__} niet als CBOR schrijven")
