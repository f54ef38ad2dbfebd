"""The benchmark's corpus generator: a valid region of any size, the same every time."""

from __future__ import annotations

from pathlib import Path

from groeiperspectief.bench import write_corpus
from groeiperspectief.validate import check


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generated_region_is_valid_varied_and_deterministic(tmp_path: Path) -> None:
    corpus = write_corpus(30, tmp_path / "a")
    result = check(tmp_path / "a")

    assert result.problems.errors == []
    entries = result.entries
    assert len(entries.projecten) == 30 == corpus.projects
    assert len(entries.opgaven) == corpus.opgaven >= 16
    assert 4 <= len(entries.themas) <= 8
    assert len(entries.kern) == 7
    # Every variant and every status occurs; coalitions of 2 to 15; dependencies exist (and passed the cycle check).
    assert {d.variant for p in entries.projecten.values() for d in p.deelnemers.values()} == {
        "volledig",
        "solidariteit",
        "instap",
        "geen",
    }
    assert {p.status for p in entries.projecten.values()} == {
        "idee",
        "verkenning",
        "voorbereiding",
        "uitvoering",
        "afgerond",
        "gestopt",
    }
    assert all(2 <= len(p.deelnemers) <= 15 for p in entries.projecten.values())
    assert any(o.hangt_af_van for o in entries.opgaven.values())
    # Realistic bodies: a few hundred words per project.
    assert 100 <= corpus.words / corpus.files <= 600

    write_corpus(30, tmp_path / "b")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    write_corpus(30, tmp_path / "c", seed=8)
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
