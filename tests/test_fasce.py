"""Fascia demografica (DM 17/03/2020 art. 3), Tabelle 1 e 3 per fascia, and the parameter tables.

Expected values come from docs/dominio.md §2.1, not from the program.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from fabbisogni.errors import ErroreParametro
from fabbisogni.limiti.fascia import determina_fascia
from fabbisogni.parametri import Fonte, Parametri, Sovrascrittura, carica_tabelle

GIORNO = date(2025, 12, 31)


@pytest.fixture(scope="module")
def parametri() -> Parametri:
    return Parametri.predefiniti()


# Each band edge from both sides: (last inhabitant of the lower band, first of the upper band).
BORDI = [
    (999, "a", 1000, "b"),
    (1999, "b", 2000, "c"),
    (2999, "c", 3000, "d"),
    (4999, "d", 5000, "e"),
    (9999, "e", 10000, "f"),
    (59999, "f", 60000, "g"),
    (249999, "g", 250000, "h"),
    (1499999, "h", 1500000, "i"),
]


@pytest.mark.parametrize(("sotto", "fascia_sotto", "sopra", "fascia_sopra"), BORDI)
def test_bordi_delle_fasce(parametri, sotto, fascia_sotto, sopra, fascia_sopra):
    assert determina_fascia(sotto, 2024, GIORNO, parametri).fascia == fascia_sotto
    assert determina_fascia(sopra, 2024, GIORNO, parametri).fascia == fascia_sopra


def test_estremi(parametri):
    # 0 abitanti is still fascia a (< 1.000); no upper bound for fascia i
    assert determina_fascia(0, 2024, GIORNO, parametri).fascia == "a"
    assert determina_fascia(5_000_000, 2024, GIORNO, parametri).fascia == "i"


def test_la_fascia_dice_quale_popolazione_usa(parametri):
    esito = determina_fascia(9128, 2023, GIORNO, parametri)
    assert esito.anno_popolazione == 2023
    assert "31/12/2023" in esito.passi[0].formula
    assert "Toscana 231/2022" in (esito.passi[0].riferimento or "")


# docs/dominio.md §2.1: Tabella 1 (art. 4) and Tabella 3 (art. 6) per fascia
TABELLE_1_3 = {
    "a": ("0.295", "0.335"),
    "b": ("0.286", "0.326"),
    "c": ("0.276", "0.316"),
    "d": ("0.272", "0.312"),
    "e": ("0.269", "0.309"),
    "f": ("0.270", "0.310"),
    "g": ("0.276", "0.314"),
    "h": ("0.288", "0.329"),
    "i": ("0.253", "0.293"),
}


@pytest.mark.parametrize(("fascia", "valori"), sorted(TABELLE_1_3.items()))
def test_tabelle_1_e_3(parametri, fascia, valori):
    t1, t3 = valori
    v1, _ = parametri.leggi("dm.tabella_1", GIORNO, fascia)
    v3, _ = parametri.leggi("dm.tabella_3", GIORNO, fascia)
    assert v1 == Decimal(t1)
    assert v3 == Decimal(t3)
    # the rientro threshold is always 4 points or so above the virtuoso one
    assert v3 > v1


# docs/dominio.md §2.1: Tabella 2, 2024 column; from 2025 no longer applicable (null)
TABELLA_2_2024 = {
    "a": "0.35",
    "b": "0.35",
    "c": "0.30",
    "d": "0.28",
    "e": "0.26",
    "f": "0.22",
    "g": "0.16",
    "h": "0.11",
    "i": "0.05",
}


@pytest.mark.parametrize(("fascia", "pct"), sorted(TABELLA_2_2024.items()))
def test_tabella_2_2024_e_non_applicabile_dal_2025(parametri, fascia, pct):
    v, _ = parametri.leggi("dm.tabella_2", date(2024, 12, 31), fascia)
    assert v == Decimal(pct)
    v25, usato = parametri.leggi("dm.tabella_2", date(2025, 1, 1), fascia)
    assert v25 is None
    assert usato.valore == "non applicabile"
    assert "180/2025" in usato.fonte


def test_tabella_2_2023_fascia_e_e_il_25_per_cento(parametri):
    # the figure Casorate Primo quoted as "Tabella 3": Tabella 2, fascia e, 2023 = 25%
    v, _ = parametri.leggi("dm.tabella_2", date(2023, 12, 31), "e")
    assert v == Decimal("0.25")


def test_fuori_da_ogni_periodo(parametri):
    # DM 17/03/2020 in force from 20/04/2020: no Tabella 1 on 31/12/2019
    with pytest.raises(ErroreParametro) as exc:
        parametri.leggi("dm.tabella_1", date(2019, 12, 31), "e")
    messaggio = str(exc.value)
    assert "dm.tabella_1" in messaggio
    assert "31/12/2019" in messaggio
    assert "20/04/2020" in messaggio  # the window that does exist


def test_parametro_sconosciuto(parametri):
    with pytest.raises(ErroreParametro, match=r"dm\.tabella_99"):
        parametri.leggi("dm.tabella_99", GIORNO)


def _scrivi_tabella(cartella: Path, testo: str) -> Path:
    cartella.mkdir(parents=True, exist_ok=True)
    (cartella / "prova.yaml").write_text(testo, encoding="utf-8")
    return cartella


def test_tabella_senza_fonte_non_si_carica(tmp_path):
    cartella = _scrivi_tabella(
        tmp_path / "senza_fonte",
        "nome: prova.senza_fonte\n"
        "descrizione: parametro di prova\n"
        "unita: rapporto\n"
        "versioni:\n"
        "  - dal: 2020-01-01\n"
        '    valore: "0.5"\n',
    )
    with pytest.raises(ErroreParametro) as exc:
        carica_tabelle(cartella)
    assert "prova.yaml" in str(exc.value)
    assert "fonte" in str(exc.value)


def test_tabella_con_fonte_si_carica(tmp_path):
    # the same table with its source loads: the failure above is about the missing source
    cartella = _scrivi_tabella(
        tmp_path / "con_fonte",
        "nome: prova.con_fonte\n"
        "descrizione: parametro di prova\n"
        "unita: rapporto\n"
        "versioni:\n"
        "  - dal: 2020-01-01\n"
        "    fonte: {atto: Atto di prova, articolo: art. 1, pubblicazione: G.U. di prova}\n"
        '    valore: "0.5"\n',
    )
    tabelle = carica_tabelle(cartella)
    p = Parametri(tabelle)
    v, usato = p.leggi("prova.con_fonte", date(2024, 1, 1))
    assert v == Decimal("0.5")
    assert usato.fonte == "Atto di prova, art. 1 (G.U. di prova)"


def test_versioni_sovrapposte_non_si_caricano(tmp_path):
    fonte = "    fonte: {atto: Atto di prova, articolo: art. 1, pubblicazione: G.U. di prova}\n"
    cartella = _scrivi_tabella(
        tmp_path / "sovrapposte",
        "nome: prova.sovrapposte\n"
        "descrizione: parametro di prova\n"
        "unita: rapporto\n"
        "versioni:\n"
        "  - dal: 2020-01-01\n"
        "    al: 2024-12-31\n" + fonte + '    valore: "0.5"\n'
        "  - dal: 2024-12-31\n" + fonte + '    valore: "0.6"\n',
    )
    with pytest.raises(ErroreParametro, match="sovrappongono"):
        carica_tabelle(cartella)


FONTE_ENTE = Fonte(
    atto="Decreto di aggiornamento (ipotetico)",
    articolo="art. 1",
    pubblicazione="G.U. di prova",
)


def test_sovrascrittura_usata_e_segnalata():
    s = Sovrascrittura(
        nome="dm.tabella_1",
        chiave="e",
        valore="0.28",
        fonte=FONTE_ENTE,
        motivazione="aggiornamento quinquennale (art. 7 c.2 DM)",
    )
    p = Parametri.predefiniti([s])
    v, usato = p.leggi("dm.tabella_1", GIORNO, "e")
    assert v == Decimal("0.28")
    assert usato.sovrascritto is True
    assert usato.fonte == "Decreto di aggiornamento (ipotetico), art. 1 (G.U. di prova)"
    assert usato.nota == "aggiornamento quinquennale (art. 7 c.2 DM)"
    # the other fasce still come from the table, not overridden
    v_d, usato_d = p.leggi("dm.tabella_1", GIORNO, "d")
    assert v_d == Decimal("0.272")
    assert usato_d.sovrascritto is False


def test_sovrascrittura_dell_intera_tabella():
    s = Sovrascrittura(
        nome="dm.tabella_3",
        valore={"e": "0.30"},
        fonte=FONTE_ENTE,
        motivazione="prova dell'intera tabella",
    )
    p = Parametri.predefiniti([s])
    v, usato = p.leggi("dm.tabella_3", GIORNO, "e")
    assert v == Decimal("0.30")
    assert usato.sovrascritto is True


def test_sovrascrittura_di_parametro_inesistente():
    s = Sovrascrittura(nome="dm.tabella_9", valore="1", fonte=FONTE_ENTE, motivazione="prova")
    with pytest.raises(ErroreParametro, match=r"dm\.tabella_9"):
        Parametri.predefiniti([s])
