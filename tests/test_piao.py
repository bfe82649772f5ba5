"""PIAO sottosezione 3.3: the DOCX read back with python-docx, and the Markdown, on the two real
plans (Casorate Primo, Alzano Lombardo) and on small variations of them.

Every expected figure is recomputed by hand in the comment beside it, from the fixture files
(fixtures/*/fascicolo.yaml and the CSVs), never copied from the program's output.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Mm

from fabbisogni import __version__
from fabbisogni.caso.fascicolo import Fascicolo, Presupposto
from fabbisogni.caso.lettura import leggi_fascicolo
from fabbisogni.motore import verifica
from fabbisogni.uscite.documenti.modello import Documento, Paragrafo, Riga, Segnaposto, Tabella
from fabbisogni.uscite.documenti.piao import PARTI, piao_33
from fabbisogni.uscite.docx import scrivi_docx
from fabbisogni.uscite.markdown import markdown
from tests.conftest import FIXTURES

INTESTAZIONE_CASORATE = (
    "Comune di Casorate Primo — PIAO 2024–2026 — Sottosezione 3.3 Piano triennale dei "
    "fabbisogni di personale"
)

# --- building and reading back ---------------------------------------------------------------


@cache
def fascicolo(nome: str) -> Fascicolo:
    return leggi_fascicolo(FIXTURES / nome)


def documento(f: Fascicolo) -> Documento:
    return piao_33(f, verifica(f))


def con(f: Fascicolo, **campi: Any) -> Fascicolo:
    """A copy of the case with some top-level fields replaced (validated again)."""
    return Fascicolo.model_validate({**f.model_dump(), **campi})


def con_ente(f: Fascicolo, **campi: Any) -> Fascicolo:
    return con(f, ente={**f.ente.model_dump(), **campi})


class Letto:
    """A generated DOCX read back: paragraphs, tables with the paragraph before each one."""

    def __init__(self, percorso: Path) -> None:
        self.doc = Document(str(percorso))
        self.paragrafi = [p.text for p in self.doc.paragraphs]
        self.testo = "\n".join(self.paragrafi)
        self.tabelle: list[tuple[str, list[list[str]]]] = []
        ultimo = ""
        corpo = self.doc.element.body
        tabelle = iter(self.doc.tables)
        for el in corpo.iterchildren():
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "p":
                testo = "".join(t.text or "" for t in el.iter() if t.tag.endswith("}t"))
                if testo.strip():
                    ultimo = testo
            elif tag == "tbl":
                self.tabelle.append((ultimo, celle_docx(next(tabelle))))

    def tabella(self, didascalia: str) -> list[list[str]]:
        trovate = [t for d, t in self.tabelle if d.startswith(didascalia)]
        assert len(trovate) == 1, f"{len(trovate)} tabelle con didascalia «{didascalia}»"
        return trovate[0]


def celle_docx(tabella: Any) -> list[list[str]]:
    """Rows of cell texts; a merged cell counts once (python-docx repeats it per grid column)."""
    righe = []
    for row in tabella.rows:
        celle, visti = [], []
        for c in row.cells:
            if visti and visti[-1] is c._tc:
                continue
            visti.append(c._tc)
            celle.append(c.text)
        righe.append(celle)
    return righe


def scrivi_e_leggi(doc: Documento, tmp_path: Path, nome: str = "piao.docx") -> Letto:
    percorso = tmp_path / nome
    scrivi_docx(doc, percorso)
    return Letto(percorso)


def riga(tabella: list[list[str]], etichetta: str) -> list[str]:
    trovate = [r for r in tabella if r and r[0] == etichetta]
    assert len(trovate) == 1, f"{len(trovate)} righe «{etichetta}»: {[r[0] for r in tabella]}"
    return trovate[0]


def celle_md(testo: str) -> list[list[list[str]]]:
    """Every GitHub table of a Markdown text, as rows of cells (bold and escapes removed)."""
    tabelle: list[list[list[str]]] = []
    corrente: list[list[str]] | None = None
    for linea in testo.splitlines():
        if not linea.startswith("|"):
            corrente = None
            continue
        if re.fullmatch(r"\|(:?-+:?\|)+", linea):
            continue
        if corrente is None:
            corrente = []
            tabelle.append(corrente)
        parti = re.split(r"(?<!\\)\|", linea)[1:-1]
        celle = []
        for c in parti:
            c = c.strip()
            if c.startswith("**") and c.endswith("**") and len(c) >= 4:
                c = c[2:-2]
            celle.append(re.sub(r"\\(.)", r"\1", c))
        corrente.append(celle)
    return tabelle


def non_vuote(tabella: list[list[str]]) -> list[list[str]]:
    return [[c for c in r if c.strip()] for r in tabella]


def segnaposti_docx(letto: Letto) -> list[str]:
    """Paragraphs rendered as placeholders: italic and highlighted in yellow."""
    out = []
    for p in letto.doc.paragraphs:
        runs = [r for r in p.runs if r.text.strip()]
        if runs and all(r.italic and r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in runs):
            out.append(p.text)
    return out


@pytest.fixture(scope="module")
def casorate(tmp_path_factory) -> Letto:
    doc = documento(fascicolo("casorate-primo-2024"))
    return scrivi_e_leggi(doc, tmp_path_factory.mktemp("casorate"))


@pytest.fixture(scope="module")
def alzano(tmp_path_factory) -> Letto:
    doc = documento(fascicolo("alzano-lombardo-2023"))
    return scrivi_e_leggi(doc, tmp_path_factory.mktemp("alzano"))


# --- the page ----------------------------------------------------------------------------------


def test_pagina_a4_intestazione_e_bozza(casorate: Letto):
    s = casorate.doc.sections[0]
    assert abs(s.page_width - Mm(210)) < Mm(0.5) and abs(s.page_height - Mm(297)) < Mm(0.5)
    testata = s.header.paragraphs[0].text
    assert testata.startswith(INTESTAZIONE_CASORATE)
    # esito non verificabile (comma 557 for 2025-2026 missing): a draft
    assert "BOZZA" in testata


def test_senza_bozza_nessuna_marcatura(tmp_path: Path):
    doc = Documento(titolo="Prova", intestazione="Comune di Prova", blocchi=[Paragrafo(testo="x")])
    letto = scrivi_e_leggi(doc, tmp_path)
    assert "BOZZA" not in letto.doc.sections[0].header.paragraphs[0].text
    assert "BOZZA" not in letto.testo
    assert "BOZZA" not in markdown(doc)


def test_scrive_esattamente_nel_percorso_dato(tmp_path: Path):
    # the CLI writes to a temporary name first (".x.docx.123.tmp")
    percorso = tmp_path / ".piao.docx.123.tmp"
    scrivi_docx(Documento(titolo="Prova"), percorso)
    assert percorso.is_file() and [p.name for p in tmp_path.iterdir()] == [percorso.name]
    assert Document(str(percorso)).paragraphs[0].text == "Prova"


# --- Casorate Primo: the real plan -----------------------------------------------------------


def test_casorate_variante_semplificata(casorate: Letto):
    # 28 dipendenti (fascicolo.yaml, ente.dipendenti) < 50
    assert "Ente con meno di 50 dipendenti (28 al 31/12/2023" in casorate.testo
    assert "art. 6 del D.M. 132/2022" in casorate.testo
    assert "3.3.1 Consistenza di personale al 31 dicembre 2023" in casorate.paragrafi
    for titolo in ("3.3.3 Obiettivi di trasformazione", "3.3.5 Formazione del personale"):
        i = next(i for i, p in enumerate(casorate.paragrafi) if p.startswith(titolo))
        assert casorate.paragrafi[i + 1].startswith("Parte omessa: non richiesta agli enti")


def test_casorate_consistenza(casorate: Letto):
    t = casorate.tabella("Personale in servizio al 31/12/2023")
    assert t[0] == ["Profilo professionale", "Servizio", "Unità (teste)", "di cui part-time", "FTE"]
    # consistenza.csv: Funzionari 1+1+1+1+1+1 = 6, all with part_time 0 -> FTE 6,00
    assert riga(t, "Totale Area dei Funzionari e dell'Elevata Qualificazione") == [
        "Totale Area dei Funzionari e dell'Elevata Qualificazione", "6", "0", "6,00",
    ]  # fmt: skip
    # Istruttori 3+2+3+1+4+1 = 14, part_time empty -> n.i.
    assert riga(t, "Totale Area degli Istruttori")[1:] == ["14", "n.i.", "n.i."]
    # Operatori esperti 2+1+3 = 6; Operatori 1+1 = 2
    assert riga(t, "Totale Area degli Operatori esperti")[1:] == ["6", "0", "6,00"]
    assert riga(t, "Totale Area degli Operatori")[1:] == ["2", "n.i.", "n.i."]
    # 6 + 14 + 6 + 2 = 28 = dipendenti dichiarati
    assert riga(t, "Totale complessivo")[1:] == ["28", "n.i.", "n.i."]
    # area heading rows span the table
    assert ["Area degli Istruttori"] in t
    assert riga(t, "Agente di polizia locale") == [
        "Agente di polizia locale", "Servizio polizia locale", "4", "n.i.", "n.i.",
    ]  # fmt: skip
    i = casorate.paragrafi.index("Personale in servizio al 31/12/2023")
    nota = casorate.paragrafi[i + 1]
    assert "n.i. = non indicato nel fascicolo" in nota
    # the ente's own note, quoted from the PIAO (seeds/001, riga 2321)
    assert "Con determinazione n. 13 del 31.03.2023" in casorate.testo


def test_casorate_prospetto_dm(casorate: Letto):
    t = casorate.tabella("Prospetto del D.M. 17/03/2020")
    assert riga(t, "(a) Spesa di personale, rendiconto 2023")[1] == "1.266.856,58"
    # (5.180.000 + 5.300.000 + 5.446.922) / 3 = 5.308.974,00; - FCDE 180.000 = 5.128.974,00
    assert riga(t, "Media delle entrate correnti 2020–2022")[1] == "5.308.974,00"
    assert riga(t, "(b) Entrate correnti nette")[1] == "5.128.974,00"
    # 1.266.856,58 / 5.128.974,00 = 0,24700000 -> 24,70%
    assert riga(t, "Rapporto (a) / (b)")[1] == "24,70%"
    assert riga(t, "Valore soglia, Tabella 1 (fascia e)")[1] == "26,9%"
    assert riga(t, "Soglia di rientro, Tabella 3 (fascia e)")[1] == "30,9%"
    # 26,9% x 5.128.974,00 = 1.379.694,006 -> 1.379.694,01
    assert riga(t, "Spesa corrispondente al valore soglia (Tabella 1 × (b))")[1] == "1.379.694,01"
    # 1.147.023,02 x 1,26 = 1.445.249,0052 -> 1.445.249,01: above Tabella 1, which binds
    assert riga(t, "Limite art. 5 per il 2024 (spesa 2018 incrementata)")[1] == "1.445.249,01"
    # 1.379.694,006 - 1.266.856,58 = 112.837,426 -> 112.837,43
    assert riga(t, "Spazio assunzionale 2024 (spesa massima − (a))")[1] == "112.837,43"
    assert "è pari al 24,70%" in casorate.testo
    assert "il valore soglia della Tabella 1 è il 26,9%" in casorate.testo
    assert (
        "lo spazio assunzionale, rispetto alla spesa dell'ultimo rendiconto, è di 112.837,43 €"
        in (casorate.testo)
    )


def test_casorate_sostenibilita_anno_per_anno(casorate: Letto):
    t = casorate.tabella("Sostenibilità del piano, anno per anno")
    assert t[0] == ["", "2024", "2025", "2026"]
    # hires a regime: 32.747,89 + 3 x 30.150,00 = 123.197,89 (piano_assunzioni.csv, all in 2024)
    assert (
        riga(t, "+ assunzioni in servizio al 31/12 (costo annuo a regime)")[1:]
        == ["123.197,89"] * 3
    )
    # cessations: 32.747,89 + 30.150,00 + 30.150,00 = 93.047,89 (cessazioni.csv, all in 2024)
    assert riga(t, "− cessazioni fino all'anno (costo annuo a regime)")[1] == "93.047,89"
    # 1.266.856,58 + 123.197,89 - 93.047,89 = 1.297.006,58
    assert riga(t, "Spesa di personale a regime")[1:] == ["1.297.006,58"] * 3
    # 1.297.006,58 / 5.128.974,00 = 0,252878 -> 25,29%
    assert riga(t, "Rapporto spesa / entrate")[1] == "25,29%"
    # 2024: Tabella 1 binds (1.379.694,01); 2025-2026: Tabella 2 no longer applies, Tabella 1
    assert riga(t, "Limite di spesa D.M.")[1:] == ["1.379.694,01"] * 3
    # 1.379.694,01 - 1.297.006,58 = 82.687,43
    assert riga(t, "Margine (limite − spesa a regime)")[1:] == ["82.687,43"] * 3
    assert riga(t, "Esito")[1:] == ["rispettato"] * 3


def test_casorate_comma_557_e_flessibile(casorate: Letto):
    t = casorate.tabella("Prospetto del comma 557-quater")
    assert t[0] == ["Voce", "media 2011-2013", "previsione 2024"]
    assert riga(t, "(A − B − C) Componenti assoggettate al limite")[1:] == [
        "1.342.603,00",
        "1.297.888,00",
    ]
    # 1.342.603,00 - 1.297.888,00 = 44.715,00
    assert riga(t, "Margine")[-1] == "44.715,00"
    assert "Per gli anni 2025 e 2026 il fascicolo non contiene la previsione" in casorate.testo
    f = casorate.tabella("Prospetto del lavoro flessibile")
    # parametro motivato 12.550,00 (G.C. 56/2022), spesa 2024 12.550,00: margine 0
    assert riga(f, "2024") == ["2024", "12.550,00", "12.550,00", "0,00", "rispettato"]
    assert "Deliberazione di Giunta Comunale n. 56 del 30/06/2022" in casorate.testo


def test_casorate_cessazioni(casorate: Letto):
    t = casorate.tabella("Cessazioni previste 2024–2026")
    assert [r[0] for r in t[2:5]] == ["C1", "C2", "C4"]  # by month: 1, 3, 7
    assert riga(t, "C2")[1] == "01/03/2024"
    # 32.747,89 + 30.150,00 + 30.150,00 = 93.047,89; with IRAP 34.938,30 + 2 x 32.166,64 = 99.271,58
    assert riga(t, "Totale 2024") == ["Totale 2024", "3 unità", "", "93.047,89", "99.271,58"]
    assert ["2025 — nessuna cessazione registrata nel fascicolo"] in t
    # the ente's note on later years, quoted (seeds/001, riga 2390)
    assert "Per le successive annualità (2025-2026) potrebbero realizzarsi" in casorate.testo


def test_casorate_piano_2024(casorate: Letto):
    t = casorate.tabella("Piano delle assunzioni 2024")
    assert t[0] == [
        "Profilo", "Area", "Contratto", "Part-time / FTE", "Motivo", "Decorrenza",
        "Costo annuo (D.M.)", "Costo annuo con IRAP",
    ]  # fmt: skip
    assert ["Servizi per il Territorio"] in t  # a heading row per servizio, merged
    assert riga(t, "Specialista in attività tecniche") == [
        "Specialista in attività tecniche", "Funzionari ed EQ", "tempo indeterminato",
        "tempo pieno", "sostituzione (C1)", "01/04/2024", "32.747,89", "34.938,30",
    ]  # fmt: skip
    # 32.747,89 + 3 x 30.150,00 = 123.197,89; with IRAP 34.938,30 + 3 x 32.166,64 = 131.438,22
    assert riga(t, "Totale 2024")[1:] == ["123.197,89", "131.438,22"]
    # capacity: 1.379.694,01 - 1.266.856,58 + 93.047,89 = 205.885,32
    assert riga(t, "Capacità assunzionale 2024")[1:] == ["205.885,32", ""]
    # 205.885,32 - 123.197,89 = 82.687,43 = the DM margin of 2024
    assert riga(t, "Differenza rispetto alla capacità assunzionale")[1:] == ["82.687,43", ""]


def test_casorate_testi_senza_segnaposti(casorate: Letto):
    assert segnaposti_docx(casorate) == []
    # seeds/001, righe 2394, 2419, 2370
    assert "Analogamente a quanto previsto nei precedenti piani triennali" in casorate.testo
    assert "La programmazione del fabbisogno del personale anni 2024-2026 potrà" in casorate.testo
    assert (
        "Si da atto che a seguito dell'approvazione del rendiconto 2023"
        in casorate.paragrafi[
            casorate.paragrafi.index(
                next(p for p in casorate.paragrafi if p.startswith("Si da atto che a seguito"))
            )
        ]
    )  # its own paragraph
    assert "Dato atto che l'ente ha effettuato la ricognizione" in casorate.testo


def test_casorate_note_di_verifica(casorate: Letto):
    t = next(t for _, t in casorate.tabelle if t[0] == ["Gravità", "Rilievo", "Riferimento"])
    gravita = [r[0] for r in t[1:]]
    assert set(gravita) == {"grave", "attenzione"}  # informativa left out
    assert any("118.033,00" in r[1] for r in t[1:] if r[0] == "grave")  # the declared spazio
    assert not any("da confermare sul testo ufficiale" in r[1] for r in t[1:])
    assert "La verifica delle cifre ha prodotto 7 rilievi gravi" in casorate.testo


def test_casorate_nota_di_chiusura(casorate: Letto):
    chiusura = casorate.paragrafi[-1]
    assert f"fabbisogni, versione {__version__}" in chiusura
    # parameters read at 31/12 of each year of the triennio 2024-2026
    assert "dal 31/12/2024 al 31/12/2026" in chiusura
    assert "Tabella 3, fascia e: 30,9%" in chiusura  # marked to confirm in the table


# --- Alzano Lombardo: the table with Costo, Capacità and Differenza filled ------------------


def test_alzano_tabella_completata(alzano: Letto):
    t = alzano.tabella("Piano delle assunzioni 2023")
    gruppi = [r[0] for r in t if len(r) == 1]
    assert gruppi == [
        "Assetto del territorio",
        "Rilancio delle attività commerciali",
        "Legalità",
        "Sicurezza urbana",
        "Sostituzione cessazioni",
    ]
    dati = [r for r in t[1:] if len(r) == 8]
    assert len(dati) == 11  # eleven people, as in the document
    # the two part-time of the document (X): A05 and A09, 50%
    assert [r[0] for r in dati if r[3] == "part-time 50%"] == [
        "Esecutore amministrativo",
        "Istruttore amministrativo",
    ]
    assert riga(t, "Esecutore amministrativo")[6:] == ["13.402,14", "14.298,57"]
    # piano_assunzioni.csv: 26.804,27 + 8 x 30.150,00 + 13.402,14 + 15.075,00 = 296.481,41
    # with IRAP: 28.597,13 + 8 x 32.166,64 + 14.298,57 + 16.083,32 = 316.312,14
    assert riga(t, "Totale 2023")[1:] == ["296.481,41", "316.312,14"]
    # No asseverazione in the case yet (it comes with the parere): the DM spaces are checked.
    # entrate nette: (9.740.000 + 9.810.000 + 10.120.000) / 3 - 340.000 = 9.550.000,00
    # 2023, fascia f: Tabella 1 27,0% x 9.550.000 = 2.578.500,00; Tabella 2 21%:
    # 2.105.000 x 1,21 = 2.547.050,00 < 2.578.500 -> limit 2.547.050,00
    # spesa 2021 = 2.138.500 + 18.400 = 2.156.900,00; cessations 15.075 + 30.150 + 30.150 = 75.375
    # capacity = 2.547.050,00 - 2.156.900,00 + 75.375,00 = 465.525,00
    assert riga(t, "Capacità assunzionale 2023")[1] == "465.525,00"
    # 465.525,00 - 296.481,41 = 169.043,59
    assert riga(t, "Differenza rispetto alla capacità assunzionale")[1] == "169.043,59"
    # ... which is the DM margin: 2.547.050,00 - (2.156.900,00 + 296.481,41 - 75.375,00)
    s = alzano.tabella("Sostenibilità del piano, anno per anno")
    assert riga(s, "Margine (limite − spesa a regime)")[1] == "169.043,59"


def test_alzano_anni_senza_assunzioni(alzano: Letto):
    t = alzano.tabella("Piano delle assunzioni 2024")
    assert ["Nessuna assunzione programmata nel 2024"] in t
    assert riga(t, "Totale 2024")[1:] == ["0,00", "0,00"]
    # the 2023 hires still weigh on 2024: 296.481,41
    assert riga(t, "Costo a regime di tutte le assunzioni del piano in servizio al 31/12/2024")[
        1:
    ] == ["296.481,41", ""]
    # 2024: Tabella 2 22%: 2.105.000 x 1,22 = 2.568.100,00 < 2.578.500,00
    # capacity 2.568.100,00 - 2.156.900,00 + 75.375,00 = 486.575,00; - 296.481,41 = 190.093,59
    assert riga(t, "Differenza rispetto alla capacità assunzionale")[1] == "190.093,59"


def test_alzano_asseverazione_negata_solo_turnover(tmp_path: Path):
    f = fascicolo("alzano-lombardo-2023")
    pres = {k: v.model_dump() for k, v in f.presupposti.items()}
    pres["asseverazione_equilibri"] = Presupposto(
        rispettato=False, atto="verbale n. 1"
    ).model_dump()
    letto = scrivi_e_leggi(documento(con(f, presupposti=pres)), tmp_path)
    # Asseverazione refused: only turnover. Limit = spesa 2021 = 2.156.900,00 every year;
    # capacity = 2.156.900,00 - 2.156.900,00 + 75.375,00 (cessations) = 75.375,00
    # differenza = 75.375,00 - 296.481,41 = -221.106,41, the same every year (no later hires)
    s = letto.tabella("Sostenibilità del piano, anno per anno")
    margini = riga(s, "Margine (limite − spesa a regime)")[1:]
    assert margini == ["-221.106,41"] * 3
    for anno in (2023, 2024, 2025):
        t = letto.tabella(f"Piano delle assunzioni {anno}")
        assert riga(t, f"Capacità assunzionale {anno}")[1] == "75.375,00"
        assert riga(t, "Differenza rispetto alla capacità assunzionale")[1] == "-221.106,41"


def test_alzano_variante_completa_e_segnaposti(alzano: Letto):
    # no ente.dipendenti, no consistenza: the full variant, and it says why
    assert "Il fascicolo non indica il numero dei dipendenti" in alzano.testo
    testi = segnaposti_docx(alzano)
    attesi = {p.chiave: p.contenuto for p in PARTI}
    for chiave in (
        "consistenza",
        "evoluzione_fabbisogni",
        "obiettivi_trasformazione",
        "strategia_copertura",
        "formazione",
        "soprannumero_eccedenze",
    ):
        assert any(attesi[chiave] in s for s in testi), chiave
    assert (
        "⚠ [Da compilare a cura dell'ente: obiettivi di trasformazione dell'allocazione delle "
        "risorse (D.M. 132/2022, art. 4, c. 1, lett. c))]"
    ) in testi
    assert "Parte omessa" not in alzano.testo


def test_testi_dati_tolgono_i_segnaposti(tmp_path: Path):
    f = fascicolo("alzano-lombardo-2023")
    testi = {
        "evoluzione_fabbisogni": "Testo sull'evoluzione.",
        "obiettivi_trasformazione": "Testo sugli obiettivi.",
        "strategia_copertura": "Testo sulla strategia.",
        "formazione": "Testo sulla formazione.",
        "soprannumero_eccedenze": "Nessuna eccedenza.",
    }
    letto = scrivi_e_leggi(documento(con(f, testi=testi)), tmp_path)
    segnaposti = segnaposti_docx(letto)
    # only the consistenza is left: the case has no consistenza.csv, and that is data, not text
    assert len(segnaposti) == 1 and "consistenza di personale" in segnaposti[0]
    for t in ("Testo sull'evoluzione.", "Testo sugli obiettivi.", "Testo sulla formazione."):
        assert t in letto.paragrafi


def test_casorate_senza_testi_ha_i_segnaposti(tmp_path: Path):
    f = con(fascicolo("casorate-primo-2024"), testi={})
    letto = scrivi_e_leggi(documento(f), tmp_path)
    segnaposti = segnaposti_docx(letto)
    assert len(segnaposti) == 2  # evoluzione dei fabbisogni, strategia di copertura
    assert "stima dell'evoluzione dei fabbisogni di personale" in segnaposti[0]
    assert "strategia di copertura del fabbisogno" in segnaposti[1]
    # no text on eccedenze: the declared ricognizione (G.C. n. 3 del 16/01/2024) is stated
    assert (
        "Ricognizione annuale delle eccedenze di personale (art. 33 D.Lgs. 165/2001): "
        "Deliberazione di Giunta Comunale n. 3 del 16/01/2024 — ricognizione con esito negativo."
    ) in letto.paragrafi


# --- the simplified variant at the threshold (50 employees, D.M. 132/2022 art. 6) -------------


@pytest.mark.parametrize(("dipendenti", "semplificata"), [(49, True), (50, False)])
def test_soglia_50_dipendenti(tmp_path: Path, dipendenti: int, semplificata: bool):
    f = con_ente(con(fascicolo("casorate-primo-2024"), testi={}), dipendenti=dipendenti)
    letto = scrivi_e_leggi(documento(f), tmp_path)
    segnaposti = " ".join(segnaposti_docx(letto))
    assert ("Ente con meno di 50 dipendenti" in letto.testo) is semplificata
    assert ("PIAO in forma semplificata ai sensi dell'art. 6" in letto.testo) is semplificata
    assert ("obiettivi di trasformazione dell'allocazione" in segnaposti) is not semplificata
    assert ("strategie di formazione del personale" in segnaposti) is not semplificata
    assert ("Parte omessa" in letto.testo) is semplificata
    # kept in both: consistenza, capacità, cessazioni, evoluzione, piano, eccedenze
    for didascalia in (
        "Personale in servizio al 31/12/2023",
        "Prospetto del D.M. 17/03/2020",
        "Cessazioni previste 2024–2026",
        "Piano delle assunzioni 2024",
    ):
        letto.tabella(didascalia)
    assert "3.3.6 Situazioni di soprannumero ed eccedenze di personale" in letto.paragrafi


def test_dipendenti_dalla_consistenza(tmp_path: Path):
    # no declared number: the heads of consistenza.csv, 28 (see test_casorate_consistenza)
    f = con_ente(fascicolo("casorate-primo-2024"), dipendenti=None)
    letto = scrivi_e_leggi(documento(f), tmp_path)
    assert "Ente con meno di 50 dipendenti (28 al 31/12/2023, somma della consistenza" in (
        letto.testo
    )


def test_formazione_data_da_un_ente_piccolo_resta_facoltativa(tmp_path: Path):
    f = con(fascicolo("casorate-primo-2024"), testi={"formazione": "Piano formativo dell'ente."})
    letto = scrivi_e_leggi(documento(f), tmp_path)
    i = letto.paragrafi.index("3.3.5 Formazione del personale")
    assert letto.paragrafi[i + 1].startswith("Parte facoltativa: non richiesta")
    assert letto.paragrafi[i + 2] == "Piano formativo dell'ente."


# --- what the case does not give ---------------------------------------------------------


def test_limite_dm_non_determinabile(tmp_path: Path):
    # without the 2018 spesa, Tabella 2 (2024) cannot be applied: no limit for 2024
    f = con(fascicolo("casorate-primo-2024"), spesa_2018=None)
    letto = scrivi_e_leggi(documento(f), tmp_path)
    t = letto.tabella("Piano delle assunzioni 2024")
    assert riga(t, "Capacità assunzionale 2024")[1] == "non determinabile"
    assert riga(t, "Differenza rispetto alla capacità assunzionale")[1] == "non determinabile"
    assert "non sono determinabili" in letto.testo
    # 2025: Tabella 2 no longer applies, Tabella 1 does: 205.885,32 as in 2024 above
    t25 = letto.tabella("Piano delle assunzioni 2025")
    assert riga(t25, "Capacità assunzionale 2025")[1] == "205.885,32"


def test_nessuna_cessazione_nel_fascicolo(tmp_path: Path):
    f = con(fascicolo("alzano-lombardo-2023"), cessazioni=[], piano_assunzioni=[])
    letto = scrivi_e_leggi(documento(f), tmp_path)
    assert "Il fascicolo non registra cessazioni per il triennio 2023–2025." in letto.paragrafi
    assert "non sono previste cessazioni" not in letto.testo.lower()
    assert any("cessazioni" in s for s in segnaposti_docx(letto))


# --- Italian formatting, half up ---------------------------------------------------------


def _entrate(f: Fascicolo, importo: str) -> Fascicolo:
    """Three rendiconti with the same titolo I, no FCDE: entrate nette = ``importo``."""
    rendiconti = [
        {"anno": r.anno, "entrate": {"titolo_1": importo, "titolo_2": 0, "titolo_3": 0}}
        for r in f.rendiconti
    ]
    return con(f, rendiconti=rendiconti, fcde={"anno": f.fcde.anno, "importo": 0})


def test_rapporto_arrotondato_per_eccesso(tmp_path: Path):
    f = fascicolo("casorate-primo-2024")
    f = _entrate(f, "1.000.000,00")
    sp = f.spesa_personale.model_dump()
    sp["componenti"] = [{"voce": "spesa", "importo": "246.250,00"}]
    f = con(f, spesa_personale=sp)
    letto = scrivi_e_leggi(documento(f), tmp_path)
    t = letto.tabella("Prospetto del D.M. 17/03/2020")
    # 246.250 / 1.000.000 = 0,24625 exactly: half up 24,63% (half even would give 24,62%)
    assert riga(t, "Rapporto (a) / (b)")[1] == "24,63%"


def test_importo_arrotondato_per_eccesso(tmp_path: Path):
    f = _entrate(fascicolo("casorate-primo-2024"), "1.000.005,00")
    sp = f.spesa_personale.model_dump()
    sp["componenti"] = [{"voce": "spesa", "importo": "200.000,00"}]  # 20%: below Tabella 1
    f = con(f, spesa_personale=sp)
    letto = scrivi_e_leggi(documento(f), tmp_path)
    t = letto.tabella("Prospetto del D.M. 17/03/2020")
    # 26,9% x 1.000.005,00 = 269.001,345: half up 269.001,35 (half even 269.001,34)
    assert riga(t, "Spesa corrispondente al valore soglia (Tabella 1 × (b))")[1] == "269.001,35"
    assert "pari a 269.001,35 €" in letto.testo  # prose: amount with the euro sign


# --- Markdown: the same content ----------------------------------------------------------


@pytest.mark.parametrize("caso", ["casorate-primo-2024", "alzano-lombardo-2023"])
def test_markdown_stesse_celle_del_docx(tmp_path: Path, caso: str):
    doc = documento(fascicolo(caso))
    letto = scrivi_e_leggi(doc, tmp_path)
    md = celle_md(markdown(doc))
    docx = [t for _, t in letto.tabelle]
    assert len(md) == len(docx) >= 9
    for t_md, t_docx in zip(md, docx, strict=True):
        assert non_vuote(t_md) == non_vuote(t_docx)


def test_markdown_tabelle_titoli_segnaposti():
    doc = Documento(
        titolo="Prova",
        bozza=True,
        blocchi=[
            Segnaposto(testo="[Da compilare a cura dell'ente: qualcosa]"),
            Tabella(
                didascalia="Tabella di prova",
                intestazioni=["Voce", "Importo"],
                allineamento=["sx", "dx"],
                righe=[
                    Riga(celle=["a | b", "1.234,50"]),
                    Riga(tipo="gruppo", celle=["Gruppo"]),
                    Riga(tipo="totale", celle=["Totale", "1.234,50"]),
                ],
            ),
        ],
    )
    md = markdown(doc)
    righe = md.splitlines()
    assert "> ⚠ [Da compilare a cura dell'ente: qualcosa]" in righe
    assert "> **BOZZA**" in md
    assert "|:---|---:|" in righe  # number column right-aligned
    assert "| a \\| b | 1.234,50 |" in righe  # the pipe in the text is escaped
    assert "| **Gruppo** |  |" in righe
    assert "| **Totale** | **1.234,50** |" in righe
    assert celle_md(md) == [
        [["Voce", "Importo"], ["a | b", "1.234,50"], ["Gruppo", ""], ["Totale", "1.234,50"]]
    ]


# --- review of the text: consistent with the figures and the rules applied ------------------


def md_di(f: Fascicolo) -> str:
    return markdown(documento(f))


def paragrafi_doc(doc: Documento) -> list[str]:
    """Paragraph texts and table notes, in order."""
    out = []
    for b in doc.blocchi:
        if isinstance(b, (Paragrafo, Segnaposto)):
            out.append(b.testo)
        elif isinstance(b, Tabella) and b.nota:
            out.append(b.nota)
    return out


def _asseverazione(f: Fascicolo, **campi: Any) -> Fascicolo:
    pres = {k: v.model_dump() for k, v in f.presupposti.items()}
    pres["asseverazione_equilibri"] = Presupposto(**campi).model_dump()
    return con(f, presupposti=pres)


def test_alzano_asseverazione_non_documentata_spazi_dm_da_asseverare():
    # no asseverazione in the case: the DM spaces are computed (465.525,00), usable only once
    # the revisore assevera; never «solo turn over» or «solo entro le cessazioni» as a fact
    testi = paragrafi_doc(documento(fascicolo("alzano-lombardo-2023")))
    tutto = "\n".join(testi)
    assert "solo assunzioni entro le cessazioni" not in tutto
    assert "sono consentite solo entro le cessazioni" not in tutto
    a1 = [
        t for t in testi if "utilizzabili solo dopo" in t and "art. 33, comma 2, D.L. 34/2019" in t
    ]
    assert a1 and all("da documentare" in t for t in a1)
    note_piano = [t for t in testi if t.startswith("Capacità 2023 = ")]
    assert len(note_piano) == 1
    assert "utilizzabili solo dopo l'asseverazione" in note_piano[0]
    assert "da documentare" in note_piano[0]
    presupposti = next(t for t in testi if t.startswith("Dei presupposti"))
    assert "ancora da documentare" in presupposti


def test_alzano_asseverazione_negata_dice_solo_turnover():
    f = _asseverazione(fascicolo("alzano-lombardo-2023"), rispettato=False, atto="verbale n. 1")
    testi = paragrafi_doc(documento(f))
    tutto = "\n".join(testi)
    assert "da documentare" not in " ".join(t for t in testi if "asseverato" in t)
    assert "non ha asseverato" in tutto
    note_piano = [t for t in testi if t.startswith("Capacità 2023 = ")]
    assert "solo turn over" in note_piano[0]
    assert "utilizzabili solo dopo" not in tutto
    presupposti = next(t for t in testi if t.startswith("Dei presupposti"))
    assert "solo assunzioni entro le cessazioni" in presupposti


@pytest.mark.parametrize("caso", ["casorate-primo-2024", "sintetico-piccolo-562"])
def test_asseverazione_resa_nessuna_frase_sulla_mancanza(caso: str):
    testi = paragrafi_doc(documento(fascicolo(caso)))
    tutto = "\n".join(testi)
    assert "in mancanza dell'asseverazione" not in tutto
    assert "utilizzabili solo dopo" not in tutto
    assert "non ha asseverato" not in tutto


def test_piccolo_562_cita_il_comma_562():
    md = md_di(fascicolo("sintetico-piccolo-562"))
    assert "#### a.2) Tetto della spesa di personale: art. 1, comma 562, L. 296/2006" in md
    # «commi 557 e 562» of art. 9 c.28 is a different phrase; the esito's motivation is the
    # engine's own summary
    testo = "\n".join(x for x in md.splitlines() if not x.startswith("Esito della verifica"))
    assert "comma 557" not in testo
    assert "557-ter" not in md
    assert "dal prospetto del comma 562" in md
    # the hiring ban for 2026 cites comma 562
    assert (
        "Nel 2026 il limite è superato: ne deriva il divieto di procedere ad assunzioni a "
        "qualsiasi titolo (art. 1, comma 562, L. 296/2006"
    ) in md


def test_sopra_soglia_regola_di_ogni_anno():
    f = fascicolo("sintetico-sopra-soglia")
    r = verifica(f)
    md = md_di(f)
    assert "graduale riduzione" not in md
    # the rule actually applied, per year: 2024 rientro, 2025 and 2026 turn over ridotto
    assert [a.regola_dm for a in r.anni] == ["rientro_graduale", "turnover_30", "turnover_30"]
    assert (
        "per il 2024, percorso di rientro: il rapporto deve scendere (D.M. art. 6); per gli anni "
        "2025 e 2026, turn over ridotto per i comuni sopra la Tabella 3 (D.M. art. 6)"
    ) in md


def test_percentuali_tabella_2_e_anno_nella_chiusura():
    md = md_di(fascicolo("casorate-primo-2024"))
    assert "incrementata del 26,0% della Tabella 2" in md  # 0.26 -> one decimal
    assert "26%" not in md
    chiusura = paragrafi_doc(documento(fascicolo("alzano-lombardo-2023")))[-1]
    # 2023 fascia f 21%, 2024 22%: each with its year
    assert "Tabella 2, fascia f, 2023: 21,0%" in chiusura
    assert "Tabella 2, fascia f, 2024: 22,0%" in chiusura


def test_atto_senza_punto_e_virgola_e_nota_sostituzioni():
    md = md_di(fascicolo("casorate-primo-2024"))
    assert "; del " not in md
    assert "Deliberazione di Giunta Comunale n. 3 del 16/01/2024; ricognizione con esito" in md
    # the footnote's example is a real id of the case, not an invented «C1» (Alzano has C01)
    alzano = md_di(fascicolo("alzano-lombardo-2023"))
    assert "Sostituzione (C1)" not in alzano
    assert "tra parentesi l'identificativo della cessazione sostituita (ad esempio C01)" in alzano


def test_pnrr_cita_art_31_bis():
    testi = paragrafi_doc(documento(fascicolo("sintetico-virtuoso-2025")))
    nota = next(t for t in testi if t.startswith("Costo annuo (D.M.)"))
    assert "3-septies" not in nota
    assert "PNRR (art. 31-bis D.L. 152/2021)" in nota


def test_segnaposti_consistenza_ed_eccedenze():
    md = md_di(fascicolo("sintetico-piccolo-562"))
    assert "consistenza.csv" not in md
    assert "tabella della consistenza" in md
    # the ricognizione is declared with an act only: the esito is asked for
    i = md.index("## 3.3.6")
    sezione = md[i : md.index("Note di verifica", i)]
    assert "Deliberazione di Giunta n. 1 (sintetica)" in sezione
    assert "> ⚠ [Da compilare a cura dell'ente:" in sezione and "esito" in sezione
    assert "consistenza.csv" not in md_di(fascicolo("casorate-primo-2024"))
