"""The verification workbook: engine value == cached value == the workbook evaluated by `formulas`.

Expected values come from the engine's result (itself tested against hand arithmetic in
test_regole.py); the cached value is what Excel viewers show before recalculating, the
`formulas` evaluation is what Excel computes. Every case is written and evaluated once per module.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from fabbisogni.caso.fascicolo import Fascicolo
from fabbisogni.caso.lettura import leggi_fascicolo
from fabbisogni.motore import verifica
from fabbisogni.numeri import CENT, RATIO_QUANTUM, round_half_up
from fabbisogni.risultato import Risultato
from fabbisogni.uscite.etichette import (
    COLLOCAZIONE,
    ESITO,
    ESITO_LIMITE,
    ESITO_PRESUPPOSTO,
    REGOLA_DM,
    VINCOLO,
    etichetta,
)
from fabbisogni.uscite.xlsx import FOGLI, scrivi_xlsx
from tests.conftest import FIXTURES
from tests.test_regole import PRESUPPOSTI_SI, assunzione, c557, caso, cessazione

formulas = pytest.importorskip("formulas")
openpyxl = pytest.importorskip("openpyxl")

D = Decimal

# --- generated cases, one per regime the fixtures do not reach ----------------------------------

TESTI_UTENTE = [
    "=SUM(1,1)",
    "@profilo",
    "+39 ufficio tecnico",
    "-1 posto in organico",
    '=HYPERLINK("http://esempio.invalid","clic")',
    "=1+1",
    "-COSFEL verbale n. 3",
    "=A1*2",
    "@servizio",
    "=1/0",
]


def _sopra_soglia_misto() -> Fascicolo:
    # Sopra soglia (1.300.000 / 4.000.000 = 32,5% > 30,9%). 2024: 1.300.000 + 18.000 (F1, al netto
    # dei 12.000 finanziati) + 20.000 (T1) - 150.000 = 1.188.000, under both the path back
    # (32,5% x 4.000.000 = 1.300.000, the higher: rientro graduale) and 0,309 x 4.000.000.
    # 2025: entrate 4.200.000 - 100.000 - 50.000 = 4.050.000; spesa 1.300.000 + 18.000 + 90.000
    # - 150.000 = 1.258.000 > 0,309 x 4.050.000 = 1.251.450 (Tabella 3, the higher limit) and >
    # turn over 30%: 1.300.000 - 150.000 + 45.000 = 1.195.000: superato.
    # Lavoro flessibile senza base: non verificabile finché c'è spesa.
    return caso(
        spesa=1_300_000,
        piano_assunzioni=[
            assunzione("A1", 2025, 90_000, 97_650),
            assunzione(
                "P1",
                2025,
                40_000,
                43_400,
                tipo_contratto="tempo_determinato",
                anno_fine=2027,
                mese_fine=12,
                finanziamento="pnrr_31bis",
            ),
            assunzione(
                "F1",
                2024,
                30_000,
                32_550,
                mese_inizio=5,
                finanziamento="art57_c3septies",
                importo_finanziato=12_000,
            ),
            assunzione(
                "T1",
                2024,
                20_000,
                21_700,
                tipo_contratto="tempo_determinato",
                mese_inizio=3,
                anno_fine=2025,
                mese_fine=6,
            ),
        ],
        cessazioni=[cessazione("C1", 2024, 1, 150_000, 162_750)],
        comma_557=c557(),
        entrate_previste=[
            {
                "anno": 2025,
                "entrate_correnti": 4_200_000,
                "fcde": 100_000,
                "entrate_neutralizzate": 50_000,
            }
        ],
    )


def _virtuoso_resti() -> Fascicolo:
    # 2024: 800.000 + max(800.000 x 26% = 208.000; resti 250.000) = 1.050.000 < 1.076.000 (resti).
    # Comma 557 2025 dato: 1.200.000 - 50.000 - 20.000 = 1.130.000 > 1.100.000: superato, quindi
    # lavoro flessibile al 50% di 60.000 = 30.000 < 35.000 previsti (superato); 2024 al 100%.
    return caso(
        resti_assunzionali_2015_2019=250_000,
        piano_assunzioni=[assunzione("A1", 2024, 60_000, 65_100, mese_inizio=7)],
        comma_557=c557(
            previsioni=[
                {
                    "anno": 2025,
                    "componenti": [{"voce": "previsione 2025", "importo": 1_200_000}],
                    "escluse": [{"voce": "escluse 2025", "importo": 50_000}],
                    "maggior_spesa_dm": 20_000,
                }
            ]
        ),
        lavoro_flessibile={
            "base": {"tipo": "spesa_2009", "importo": 60_000},
            "spesa_prevista": [
                {"anno": 2025, "importo": 35_000, "descrizione": "+ somministrazione estiva"}
            ],
        },
    )


def _senza_spesa_2018_ne_557() -> Fascicolo:
    # Virtuoso nel 2024 ma senza spesa 2018: limite Tabella 2 non determinabile; nessun prospetto
    # del comma 557: lavoro flessibile alla percentuale ordinaria (50% di 40.000 = 20.000).
    return caso(
        spesa_2018=None,
        piano_assunzioni=[
            assunzione("T1", 2025, 24_000, 26_000, tipo_contratto="somministrazione", mese_inizio=4)
        ],
        lavoro_flessibile={"base": {"tipo": "media_2007_2009", "importo": 40_000}},
    )


def _testo_utente() -> Fascicolo:
    presupposti = {k: dict(v) for k, v in PRESUPPOSTI_SI.items()}
    presupposti["bilanci_bdap"] = {"rispettato": False, "note": "=1/0"}
    presupposti["piao"] = {"rispettato": True, "atto": "@servizio"}
    return caso(
        ente={
            "nome": "=1+1",
            "popolazione": 6000,
            "anno_popolazione": 2023,
            "dissesto": True,
            "approvazione_cosfel": {"atto": "-COSFEL verbale n. 3", "data": "01/02/2024"},
        },
        presupposti=presupposti,
        piano_assunzioni=[
            assunzione("A1", 2024, 30_000, profilo="=SUM(1,1)", servizio="@servizio"),
            assunzione("A2", 2025, 30_000, profilo="@profilo"),
            assunzione("A3", 2026, 30_000, profilo="+39 ufficio tecnico", note="=A1*2"),
            assunzione(
                "A4",
                2026,
                30_000,
                profilo="-1 posto in organico",
                note='=HYPERLINK("http://esempio.invalid","clic")',
            ),
        ],
        cessazioni=[cessazione("C1", 2025, 3, 25_000)],
    )


def _rientro_stretto() -> Fascicolo:
    # Sopra soglia, nessun movimento: 2023 e 2024 rientro graduale con il rapporto uguale a quello
    # dell'anno precedente (deve scendere strettamente): superato; 2025 turn over 30% con
    # cessazioni nulle: limite = spesa del rendiconto, rispettato.
    return caso(primo_anno=2023, spesa=1_300_000)


def _asseverazione_negata() -> Fascicolo:
    # Virtuoso, but the revisore refused the asseverazione: only turnover, limit = spesa of the
    # rendiconto 900.000; a replacement within the cessation: 900.000 - 30.000 + 30.000.
    presupposti = {k: dict(v) for k, v in PRESUPPOSTI_SI.items()}
    presupposti["asseverazione_equilibri"] = {"rispettato": False, "atto": "verbale n. 7"}
    return caso(
        presupposti=presupposti,
        cessazioni=[cessazione("C1", 2024, 1, 30_000)],
        piano_assunzioni=[
            assunzione("A1", 2024, 30_000, motivo="sostituzione", sostituisce="C1", mese_inizio=2)
        ],
    )


GENERATI: dict[str, Callable[[], Fascicolo]] = {
    "gen-asseverazione-negata": _asseverazione_negata,
    "gen-sopra-soglia-misto": _sopra_soglia_misto,
    "gen-virtuoso-resti": _virtuoso_resti,
    "gen-senza-2018-e-557": _senza_spesa_2018_ne_557,
    "gen-testo-utente": _testo_utente,
    "gen-rientro-stretto": _rientro_stretto,
}
CASI = sorted(p.name for p in FIXTURES.iterdir() if (p / "fascicolo.yaml").exists()) + list(
    GENERATI
)


def _fascicolo(nome: str) -> Fascicolo:
    return GENERATI[nome]() if nome in GENERATI else leggi_fascicolo(FIXTURES / nome)


# --- writing and evaluating ----------------------------------------------------------------------

Cella = tuple[str, str]  # (sheet title, "A1")


@dataclass
class Cartella:
    f: Fascicolo
    r: Risultato
    percorso: Path
    wb: Any  # openpyxl workbook, formulas as written
    nomi: dict[str, Cella]
    cache: dict[Cella, Any]
    calcolo: dict[Cella, Any] = field(default_factory=dict)

    def cella(self, nome: str) -> Cella:
        return self.nomi[nome]

    def cached(self, nome: str) -> Any:
        return self.cache[self.cella(nome)]

    def calcolato(self, nome: str) -> Any:
        return self.calcolo[self.cella(nome)]


def _nomi(wb: Any) -> dict[str, Cella]:
    nomi = {}
    for nome, dn in wb.defined_names.items():
        ((foglio, cella),) = list(dn.destinations)
        nomi[nome] = (foglio, cella.replace("$", ""))
    return nomi


def _calcola(percorso: Path, fogli: list[str]) -> dict[Cella, Any]:
    """Every cell as the `formulas` package computes it, keyed like openpyxl."""
    titoli = {t.upper(): t for t in fogli}
    sol = formulas.ExcelModel().loads(str(percorso)).finish().calculate()
    out: dict[Cella, Any] = {}
    for chiave, v in sol.items():
        m = re.fullmatch(r"'\[[^\]]+\](.+)'!([A-Z]+\d+)", chiave)
        if not m:
            continue
        x = v.value[0][0] if hasattr(v, "value") else v
        out[(titoli[m[1]], m[2])] = x.item() if hasattr(x, "item") else x
    return out


def _apri(percorso: Path, f: Fascicolo, r: Risultato) -> Cartella:
    wb = openpyxl.load_workbook(percorso)
    valori = openpyxl.load_workbook(percorso, data_only=True)
    cache = {
        (ws.title, c.coordinate): c.value
        for ws in valori.worksheets
        for riga in ws.iter_rows()
        for c in riga
    }
    c = Cartella(f, r, percorso, wb, _nomi(wb), cache)
    c.calcolo = _calcola(percorso, wb.sheetnames)
    return c


@pytest.fixture(scope="module")
def cartelle(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Cartella]:
    cartella = tmp_path_factory.mktemp("xlsx")
    fatte: dict[str, Cartella] = {}

    def prendi(nome: str) -> Cartella:
        if nome not in fatte:
            f = _fascicolo(nome)
            r = verifica(f)
            percorso = cartella / f"{nome}.xlsx"
            scrivi_xlsx(f, r, percorso)
            fatte[nome] = _apri(percorso, f, r)
        return fatte[nome]

    return prendi


# --- comparing --------------------------------------------------------------------------------

TESTI_ND = {"non determinabile", "non verificabile", "nessuno"}


def _confronta(c: Cartella, nome: str, atteso: Any, quantum: Decimal = CENT) -> None:
    """Engine value == cached value == evaluated formula, at the engine's precision."""
    cached, calcolato = c.cached(nome), c.calcolato(nome)
    if atteso is None:
        assert isinstance(cached, str), (nome, cached)
        assert cached.startswith(("non ", "nessuno")), (nome, cached)
        assert calcolato == cached, (nome, calcolato, cached)
    elif isinstance(atteso, Decimal):
        assert isinstance(cached, int | float), (nome, cached)
        assert D(repr(cached)) == atteso, (nome, cached, atteso)
        assert isinstance(calcolato, int | float), (nome, calcolato)
        arrotondato = round_half_up(D(repr(float(calcolato))), quantum)
        vicino = abs(D(repr(float(calcolato))) - atteso) <= quantum / 2 + D("1e-9")
        assert arrotondato == atteso or vicino, (nome, calcolato, atteso)
    else:
        assert cached == atteso, (nome, cached, atteso)
        assert calcolato == atteso, (nome, calcolato, atteso)


def _celle_formula(c: Cartella) -> list[tuple[Cella, str]]:
    return [
        ((ws.title, x.coordinate), x.value)
        for ws in c.wb.worksheets
        for riga in ws.iter_rows()
        for x in riga
        if x.data_type == "f"
    ]


# --- tests --------------------------------------------------------------------------------------


def test_fogli_in_italiano(cartelle: Callable[[str], Cartella]) -> None:
    c = cartelle("sintetico-virtuoso-2024")
    assert c.wb.sheetnames == list(FOGLI)
    for nome in (
        "Riepilogo",
        "Ente e parametri",
        "Entrate",
        "Spesa personale",
        "Verifica DM",
        "Comma 557",
        "Lavoro flessibile",
        "Piano assunzioni",
        "Cessazioni",
        "Presupposti",
        "Rilievi",
    ):
        assert nome in c.wb.sheetnames
    assert all(len(n) <= 31 for n in c.wb.sheetnames)


@pytest.mark.parametrize("nome", CASI)
def test_ogni_formula_ha_il_valore_che_excel_calcola(
    cartelle: Callable[[str], Cartella], nome: str
) -> None:
    """Cached value == `formulas` evaluation for every formula cell; no error anywhere."""
    c = cartelle(nome)
    celle = _celle_formula(c)
    assert len(celle) > 150
    errori = []
    for cella, formula in celle:
        cached, calcolato = c.cache[cella], c.calcolo.get(cella, "MANCANTE")
        if isinstance(cached, int | float) and not isinstance(cached, bool):
            numero = isinstance(calcolato, int | float) and not isinstance(calcolato, bool)
            # Cached values of money are the engine's, to the cent; ratios to 6 decimals.
            tolleranza = 5.0001e-7 if "%" in c.wb[cella[0]][cella[1]].number_format else 0.0050001
            if not numero or abs(calcolato - cached) > tolleranza + 1e-12 * abs(cached):
                errori.append((cella, formula, cached, calcolato))
        elif cached != calcolato:
            errori.append((cella, formula, cached, calcolato))
    assert not errori, errori[:10]


@pytest.mark.parametrize("nome", CASI)
def test_risultato_dm(cartelle: Callable[[str], Cartella], nome: str) -> None:
    c = cartelle(nome)
    d = c.r.dm
    _confronta(c, "Spesa_personale", d.spesa_personale)
    _confronta(c, "Media_entrate", d.media_entrate)
    _confronta(c, "DM_FCDE", d.fcde)
    _confronta(c, "Entrate_nette", d.entrate_correnti_nette)
    _confronta(c, "Rapporto_base", d.rapporto, RATIO_QUANTUM)
    _confronta(c, "DM_soglia_T1", d.valore_soglia, RATIO_QUANTUM)
    _confronta(c, "DM_soglia_T3", d.soglia_rientro, RATIO_QUANTUM)
    _confronta(c, "Collocazione", d.collocazione)
    _confronta(c, "Collocazione_descrizione", COLLOCAZIONE[d.collocazione])
    _confronta(c, "Spesa_soglia", d.spesa_soglia)
    _confronta(c, "Spesa_massima", d.spesa_massima)
    _confronta(c, "Spazio_assunzionale", d.spazio_assunzionale)
    _confronta(c, "Regola_spazio", etichetta(REGOLA_DM, d.regola_spazio))


@pytest.mark.parametrize("nome", CASI)
def test_risultato_per_anno(cartelle: Callable[[str], Cartella], nome: str) -> None:
    c = cartelle(nome)
    for a in c.r.anni:
        y = a.anno
        _confronta(c, f"Assunzioni_regime_{y}", a.assunzioni)
        _confronta(c, f"Cessazioni_regime_{y}", a.cessazioni)
        _confronta(c, f"Spesa_regime_{y}", a.spesa_personale)
        _confronta(c, f"Spesa_competenza_{y}", a.spesa_competenza)
        _confronta(c, f"Entrate_anno_{y}", a.entrate_correnti)
        _confronta(
            c,
            f"Entrate_fonte_{y}",
            "previsione del fascicolo" if a.entrate_previste else "media dei rendiconti − FCDE",
        )
        _confronta(c, f"Rapporto_{y}", a.rapporto, RATIO_QUANTUM)
        _confronta(c, f"Limite_DM_{y}", a.limite_dm)
        _confronta(c, f"Margine_DM_{y}", a.margine_dm)
        _confronta(c, f"Regola_DM_{y}", etichetta(REGOLA_DM, a.regola_dm))
        _confronta(c, f"Esito_DM_{y}", ESITO_LIMITE[a.esito_dm])
        _confronta(c, f"Spesa_557_{y}", a.spesa_557)
        _confronta(c, f"Limite_557_{y}", a.limite_557)
        _confronta(c, f"Margine_557_{y}", a.margine_557)
        _confronta(c, f"Esito_557_{y}", ESITO_LIMITE[a.esito_557])
        _confronta(c, f"Spesa_flessibile_{y}", a.spesa_flessibile)
        _confronta(c, f"Limite_flessibile_{y}", a.limite_flessibile)
        _confronta(c, f"Margine_flessibile_{y}", a.margine_flessibile)
        _confronta(c, f"Esito_flessibile_{y}", ESITO_LIMITE[a.esito_flessibile])
        _confronta(
            c, f"Vincolo_{y}", etichetta(VINCOLO, a.vincolo) if a.vincolo else "non determinabile"
        )
    _confronta(c, "Esito_complessivo", ESITO[c.r.esito])


@pytest.mark.parametrize("nome", CASI)
def test_prospetto_557(cartelle: Callable[[str], Cartella], nome: str) -> None:
    c = cartelle(nome)
    p = c.r.comma_557
    _confronta(c, "Limite_557", p.limite)
    for col in p.colonne:
        if col.anno is None:
            chiave, abc = "base", "Spesa_557_base"
        elif col.etichetta.startswith("rendiconto"):
            chiave, abc = "rendiconto", "Spesa_557_rendiconto"
        else:
            chiave, abc = str(col.anno), f"Spesa_557_{col.anno}"
        _confronta(c, f"Comma557_{chiave}_A", col.totale)
        _confronta(c, f"Comma557_{chiave}_B", col.escluse)
        _confronta(c, f"Comma557_{chiave}_C", col.maggior_spesa_dm)
        _confronta(c, abc, col.assoggettata)
        if chiave != "base":
            _confronta(c, f"Margine_557_{chiave}", col.margine)
            _confronta(c, f"Esito_557_{chiave}", ESITO_LIMITE[col.esito])


@pytest.mark.parametrize("nome", CASI)
def test_presupposti(cartelle: Callable[[str], Cartella], nome: str) -> None:
    c = cartelle(nome)
    for p in c.r.presupposti:
        _confronta(c, f"Presupposto_{p.chiave}", ESITO_PRESUPPOSTO[p.esito])
    bloccanti = sum(p.effetto == "blocca" and p.esito == "non_rispettato" for p in c.r.presupposti)
    assert c.cached("Presupposti_bloccanti") == c.calcolato("Presupposti_bloccanti") == bloccanti


def test_i_casi_toccano_ogni_regime(cartelle: Callable[[str], Cartella]) -> None:
    regole = {a.regola_dm for n in CASI for a in cartelle(n).r.anni}
    assert regole >= {
        "tabella_1",
        "tabella_2",
        "resti_2015_2019",
        "tabella_2_senza_spesa_2018",
        "solo_turnover",
        "intermedio",
        "rientro_graduale",
        "turnover_30",
        "rientrato",
    }
    derivate = [col for n in CASI for col in cartelle(n).r.comma_557.colonne if col.derivata]
    assert derivate
    flex = {
        (a.esito_557, a.limite_flessibile is not None) for n in CASI for a in cartelle(n).r.anni
    }
    assert {(True, True), (False, True), (None, True), (None, False)} <= flex
    esiti = {cartelle(n).r.esito for n in CASI}
    assert esiti == {"conforme", "non_conforme", "non_verificabile"}


def test_casi_generati_come_da_calcolo_a_mano(cartelle: Callable[[str], Cartella]) -> None:
    c = cartelle("gen-sopra-soglia-misto")
    anni = {a.anno: a for a in c.r.anni}
    assert anni[2024].regola_dm == "rientro_graduale"
    assert anni[2024].limite_dm == D(1_300_000)
    assert anni[2024].spesa_personale == D(1_188_000)
    assert anni[2025].regola_dm == "rientrato"
    assert anni[2025].limite_dm == D(1_251_450)
    assert anni[2025].margine_dm == D(-6_550)
    assert c.calcolato("Limite_DM_2024") == pytest.approx(1_300_000)
    assert c.calcolato("Limite_DM_2025") == pytest.approx(1_251_450)
    assert c.calcolato("Esito_DM_2025") == "superato"
    c = cartelle("gen-virtuoso-resti")
    assert c.calcolato("Limite_DM_2024") == pytest.approx(1_050_000)
    assert c.calcolato("Limite_flessibile_2025") == pytest.approx(30_000)
    assert c.calcolato("Limite_flessibile_2024") == pytest.approx(60_000)
    c = cartelle("gen-rientro-stretto")
    assert [c.calcolato(f"Esito_DM_{a}") for a in (2023, 2024, 2025)] == [
        "superato",
        "superato",
        "rispettato",
    ]


def test_dati_in_celle_di_input_con_nome(cartelle: Callable[[str], Cartella]) -> None:
    c = cartelle("sintetico-virtuoso-2024")
    for nome in ("Entrate_titolo_1_2021", "FCDE", "Spesa_2018", "Soglia_T1_2024", "Tabella_2_2024"):
        foglio, cella = c.cella(nome)
        x = c.wb[foglio][cella]
        assert x.data_type != "f"
        assert x.fill.fgColor.rgb.endswith("FFF2CC"), nome
    # Tabella 2 no longer applies from 2025: an empty input cell, not a zero.
    foglio, cella = c.cella("Tabella_2_2025")
    assert c.wb[foglio][cella].value is None
    # Derived figures are formulas and not styled as inputs.
    for nome in ("Entrate_nette", "Rapporto_base", "Limite_DM_2024", "Esito_complessivo"):
        foglio, cella = c.cella(nome)
        assert c.wb[foglio][cella].data_type == "f"
        assert not c.wb[foglio][cella].fill.fgColor.rgb.endswith("FFF2CC")


def test_commenti_con_la_norma(cartelle: Callable[[str], Cartella]) -> None:
    c = cartelle("sintetico-virtuoso-2024")

    def commento(nome: str) -> str:
        foglio, cella = c.cella(nome)
        x = c.wb[foglio][cella].comment
        assert x is not None, nome
        return x.text

    assert "D.M. 17/03/2020" in commento("Rapporto_base")
    assert "art. 5" in commento("Limite_DM_2024")
    assert "L. 296/2006" in commento("Limite_557")
    assert "D.L. 78/2010" in commento("Limite_flessibile_2024")
    assert "Tabella 1" in commento("Soglia_T1_2024") or "tabella_1" in commento("Soglia_T1_2024")


def test_parametri_usati_elencati(cartelle: Callable[[str], Cartella]) -> None:
    c = cartelle("casorate-primo-2024")
    righe = {
        tuple(x for x in riga[:4]) for riga in c.wb["Ente e parametri"].iter_rows(values_only=True)
    }
    for u in c.r.parametri:
        valore = re.sub(r"Decimal\('([^']*)'\)", r"\1", u.valore)
        assert (u.nome, u.chiave, valore, u.data_riferimento.strftime("%d/%m/%Y")) in righe
    assert any(r[0] == "dm.tabella_1" and r[2] == "0.269" for r in righe)


def test_formattazione_condizionale_e_grafico(cartelle: Callable[[str], Cartella]) -> None:
    c = cartelle("sintetico-piccolo-562")
    regole = c.wb["Verifica DM"].conditional_formatting
    assert any("superato" in str(r.formula) for cf in regole for r in cf.rules)
    assert any("<0" in str(r.formula) for cf in regole for r in cf.rules)
    with zipfile.ZipFile(c.percorso) as z:
        grafici = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert grafici
        xml = z.read(grafici[0]).decode()
    assert "Verifica DM" in xml and "Tabella 1" in xml and "Tabella 3" in xml


def test_testo_utente_resta_testo(cartelle: Callable[[str], Cartella]) -> None:
    c = cartelle("gen-testo-utente")
    trovati: dict[str, str] = {}
    for ws in c.wb.worksheets:
        for riga in ws.iter_rows():
            for x in riga:
                if isinstance(x.value, str) and x.value in TESTI_UTENTE:
                    trovati[x.value] = x.data_type
                    assert x.data_type == "s", (ws.title, x.coordinate, x.value)
                    # Excel's evaluation leaves it alone.
                    assert c.calcolo.get((ws.title, x.coordinate), x.value) == x.value
    assert set(trovati) == set(TESTI_UTENTE)
    # The ente in dissesto with a COSFEL approval (an act starting with "-") meets the condition.
    _confronta(c, "Presupposto_condizione_finanziaria", "rispettato")
    _confronta(c, "Presupposto_bilanci_bdap", "non rispettato")
    _confronta(c, "Esito_complessivo", "non conforme")


def _what_if(c: Cartella, cartella: Path, modifiche: dict[str, Any]) -> dict[Cella, Any]:
    wb = openpyxl.load_workbook(c.percorso)
    for nome, valore in modifiche.items():
        foglio, cella = c.cella(nome)
        wb[foglio][cella].value = valore
    percorso = cartella / f"what-if-{len(list(cartella.iterdir()))}.xlsx"
    wb.save(percorso)
    return _calcola(percorso, wb.sheetnames)


def test_what_if_entrate(cartelle: Callable[[str], Cartella], tmp_path: Path) -> None:
    """Titolo I 2021 + 300.000: media 4.100.000 + 100.000, entrate nette 4.100.000."""
    c = cartelle("sintetico-virtuoso-2024")
    assert c.calcolato("Entrate_nette") == pytest.approx(4_000_000)
    prima = c.cached("Entrate_titolo_1_2021")
    nuovo = _what_if(c, tmp_path, {"Entrate_titolo_1_2021": prima + 300_000})

    def v(nome: str) -> Any:
        return nuovo[c.cella(nome)]

    assert v("Media_entrate") == pytest.approx(4_200_000)
    assert v("Entrate_nette") == pytest.approx(4_100_000)
    # 900.000 / 4.100.000
    assert v("Rapporto_base") == pytest.approx(900_000 / 4_100_000)
    # 26,9% x 4.100.000 = 1.102.900
    assert v("Spesa_soglia") == pytest.approx(1_102_900)
    # 2025 has no forecast: Tabella 1 x the new average = 1.102.900 (was 1.076.000)
    assert v("Limite_DM_2025") == pytest.approx(1_102_900)
    assert v("Margine_DM_2025") == pytest.approx(1_102_900 - c.r.anni[1].spesa_personale)
    # 2024 is still bound by Tabella 2: 800.000 x 1,26 = 1.008.000
    assert v("Limite_DM_2024") == pytest.approx(1_008_000)


def test_what_if_spesa_e_asseverazione(cartelle: Callable[[str], Cartella], tmp_path: Path) -> None:
    """Spesa 900.000 -> 1.150.000 on 4.000.000: 28,75%, intermedio (Tabella 1 26,9%, Tabella 3
    30,9%); without asseverazione nothing changes for an intermedio; the limit of 2025 is
    1.150.000 x 4.000.000 / 4.000.000."""
    c = cartelle("sintetico-virtuoso-2024")
    foglio, cella = c.cella("Spesa_componenti")
    formula = c.wb[foglio][cella].value
    prima_voce = re.match(r"=SUM\(([A-Z]+\d+):", formula)[1]  # type: ignore[index]
    wb = openpyxl.load_workbook(c.percorso)
    wb[foglio][prima_voce].value = 1_150_000
    foglio_a, cella_a = c.cella("Presupposto_asseverazione_equilibri")
    wb[foglio_a][cella_a].value = "non documentato"
    percorso = tmp_path / "spesa.xlsx"
    wb.save(percorso)
    nuovo = _calcola(percorso, wb.sheetnames)

    def v(nome: str) -> Any:
        return nuovo[c.cella(nome)]

    assert v("Spesa_personale") == pytest.approx(1_150_000)
    assert v("Collocazione") == "intermedio"
    assert v("Spazio_assunzionale") == "nessuno"
    assert v("Limite_DM_2025") == pytest.approx(1_150_000)
    assert v("Regola_DM_2025") == REGOLA_DM["intermedio"]
    assert v("Presupposti_non_documentati") == 1
    assert v("Esito_complessivo") in (ESITO["non_conforme"], ESITO["non_verificabile"])
