"""Loading the tables: lazily, from a cache keyed by the file's bytes, never stale."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from fabbisogni.errors import ErroreParametro
from fabbisogni.parametri import Parametri, TabellePigre, carica_tabelle

FONTE = "    fonte: {atto: Atto di prova, articolo: art. 1, pubblicazione: G.U. di prova}\n"


def _tabella(nome: str, valore: str) -> str:
    return (
        f"nome: {nome}\ndescrizione: parametro di prova\nunita: rapporto\nversioni:\n"
        f'  - dal: 2020-01-01\n{FONTE}    valore: "{valore}"\n'
    )


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "fabbisogni"


def test_una_tabella_cambiata_non_viene_dalla_cache(tmp_path, cache):
    cartella = tmp_path / "t"
    cartella.mkdir()
    (cartella / "a.yaml").write_text(_tabella("prova.a", "0.5"), encoding="utf-8")
    p = Parametri(TabellePigre(cartella))
    assert p.leggi("prova.a", date(2024, 1, 1))[0] == Decimal("0.5")
    assert len(list(cache.glob("a-*.pickle"))) == 1
    (cartella / "a.yaml").write_text(_tabella("prova.a", "0.6"), encoding="utf-8")
    p = Parametri(TabellePigre(cartella))
    assert p.leggi("prova.a", date(2024, 1, 1))[0] == Decimal("0.6")


def test_cache_inutilizzabile_ignorata(tmp_path, monkeypatch):
    cartella = tmp_path / "t"
    cartella.mkdir()
    (cartella / "a.yaml").write_text(_tabella("prova.a", "0.5"), encoding="utf-8")
    non_cartella = tmp_path / "un-file"
    non_cartella.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(non_cartella))
    assert TabellePigre(cartella)["prova.a"].versioni[0].valore == "0.5"


def test_cache_corrotta_ignorata(tmp_path, cache):
    cartella = tmp_path / "t"
    cartella.mkdir()
    (cartella / "a.yaml").write_text(_tabella("prova.a", "0.5"), encoding="utf-8")
    TabellePigre(cartella)["prova.a"]
    for f in cache.glob("a-*.pickle"):
        f.write_bytes(b"non un pickle")
    assert TabellePigre(cartella)["prova.a"].versioni[0].valore == "0.5"


def test_si_legge_solo_il_file_che_serve(tmp_path, cache):
    cartella = tmp_path / "t"
    cartella.mkdir()
    (cartella / "a.yaml").write_text(_tabella("prova.a", "0.5"), encoding="utf-8")
    # b.yaml has no source: loading it would fail, and a lazy load of a.yaml never touches it
    (cartella / "b.yaml").write_text(
        "nome: prova.b\ndescrizione: d\nunita: rapporto\nversioni:\n  - dal: 2020-01-01\n"
        '    valore: "1"\n',
        encoding="utf-8",
    )
    t = TabellePigre(cartella)
    assert "prova.b" in t and len(t) == 2
    assert t["prova.a"].nome == "prova.a"
    with pytest.raises(ErroreParametro, match="fonte"):
        t["prova.b"]
    with pytest.raises(KeyError):
        t["prova.c"]


def test_nome_ripetuto_in_due_file(tmp_path, cache):
    cartella = tmp_path / "t"
    cartella.mkdir()
    (cartella / "a.yaml").write_text(_tabella("prova.a", "0.5"), encoding="utf-8")
    (cartella / "b.yaml").write_text(_tabella("prova.a", "0.6"), encoding="utf-8")
    with pytest.raises(ErroreParametro, match="due volte"):
        TabellePigre(cartella)


def test_tutte_le_tabelle_del_pacchetto_si_caricano():
    tutte = carica_tabelle()
    assert set(tutte) == set(TabellePigre())
