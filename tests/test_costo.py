"""Cost of a position (rules/costo.py): CCNL Funzioni Locali tables, the ente's own figures.

Expected values are written as hand arithmetic in the comments (tables in
fabbisogni/tables/ccnl_funzioni_locali.yaml; composition in docs/costi.md), never copied from the
program's output. Rounding: each component half-up to the cent; the tredicesima is one monthly
payment, tabellare ÷ 12, rounded.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fabbisogni.caso.fascicolo import CostoProfilo
from fabbisogni.errors import ErroreFabbisogni
from fabbisogni.parametri import Fonte, Parametri, Sovrascrittura
from fabbisogni.personale.costo import (
    CostoNonDeterminabile,
    costo_competenza,
    costo_posto,
)

D = Decimal
UNO = D(1)

FONTE_ENTE = Fonte(
    atto="Determinazione del servizio personale (ipotetica)",
    articolo="prospetto dei costi",
    pubblicazione="atti dell'ente",
)

# The INAIL rate is the ente's: the tables leave it null. 0,40% is an ASSUMPTION that splits the
# 27,08% of oneri implied by the Casorate figures into CPDEL 23,80% + TFS 2,88% + INAIL 0,40%;
# only the total 27,08% is implied by those figures.
INAIL_040 = Sovrascrittura(
    nome="ccnl_fl.oneri_ente",
    chiave="inail",
    valore="0.0040",
    fonte=FONTE_ENTE,
    motivazione="tasso INAIL dell'ente (ipotesi di prova)",
)


@pytest.fixture(scope="module")
def parametri() -> Parametri:
    return Parametri.predefiniti()


@pytest.fixture(scope="module")
def con_inail() -> Parametri:
    return Parametri.predefiniti([INAIL_040])


def voce(costo, codice):
    return next(v for v in costo.voci if v.codice == codice).importo


# --- the hand check: Casorate Primo ------------------------------------------------------
# fixtures/casorate-primo-2024 (README, «Costi delle posizioni»): the rows of piano_assunzioni.csv
# and cessazioni.csv cost a Funzionario 32.747,89 / 34.938,30 with IRAP and an Istruttore
# 30.150,00 / 32.166,64, on the tables in force in 2023. The PIAO text in seeds/001 does not
# state these costs: they are the fixture's, rebuilt here from the tables.


def test_casorate_funzionario(con_inail):
    c = costo_posto(
        "Funzionari ed EQ", "Specialista in attività tecniche", UNO, date(2023, 12, 31), con_inail
    )
    # tabellare 23.212,35; tredicesima 23.212,35 / 12 = 1.934,3625 → 1.934,36; comparto 622,80
    assert voce(c, "tabellare") == D("23212.35")
    assert voce(c, "tredicesima") == D("1934.36")
    assert voce(c, "comparto") == D("622.80")
    # retribuzioni 23.212,35 + 1.934,36 + 622,80 = 25.769,51
    assert c.retribuzioni == D("25769.51")
    # CPDEL 25.769,51 × 23,80% = 6.133,1434 → 6.133,14; TFS × 2,88% = 742,1619 → 742,16;
    # INAIL × 0,40% = 103,0780 → 103,08
    assert (voce(c, "cpdel"), voce(c, "tfs"), voce(c, "inail")) == (
        D("6133.14"),
        D("742.16"),
        D("103.08"),
    )
    # 25.769,51 + 6.133,14 + 742,16 + 103,08 = 32.747,89
    assert c.annuo == D("32747.89")
    # IRAP 25.769,51 × 8,50% = 2.190,408 → 2.190,41; 32.747,89 + 2.190,41 = 34.938,30
    assert voce(c, "irap") == D("2190.41")
    assert c.annuo_con_irap == D("34938.30")
    assert c.origine == "ccnl"
    assert c.nota is None  # INAIL given: nothing left out


def test_casorate_istruttore(con_inail):
    c = costo_posto("Istruttori", "Agente di Polizia Locale", UNO, date(2023, 12, 31), con_inail)
    # 21.392,87 + 1.782,74 (21.392,87 / 12 = 1.782,739) + 549,60 = 23.725,21
    assert c.retribuzioni == D("23725.21")
    # 23,80% 5.646,5999 → 5.646,60; 2,88% 683,2860 → 683,29; 0,40% 94,9008 → 94,90
    # 23.725,21 + 5.646,60 + 683,29 + 94,90 = 30.150,00
    assert c.annuo == D("30150.00")
    # IRAP 23.725,21 × 8,50% = 2.016,643 → 2.016,64; 30.150,00 + 2.016,64 = 32.166,64
    assert c.annuo_con_irap == D("32166.64")


# --- each area, each version of the tables (INAIL not given: 0) --------------------------
# columns: area, day, tabellare, tredicesima, comparto, cost without IRAP, with IRAP
# retribuzioni R = tabellare + tredicesima + comparto; cost = R + R×23,80% + R×2,88% (each
# rounded); IRAP = R × 8,50% rounded.
AREE_VERSIONI = [
    # 2023 (CCNL 16/11/2022, dal 1/4/2023)
    # R = 23.212,35 + 1.934,36 + 622,80 = 25.769,51; + 6.133,14 + 742,16 = 32.644,81; IRAP 2.190,41
    ("Funzionari ed EQ", date(2023, 4, 1), "23212.35", "1934.36", "622.80", "32644.81", "34835.22"),
    # R = 21.392,87 + 1.782,74 + 549,60 = 23.725,21; + 5.646,60 + 683,29 = 30.055,10; IRAP 2.016,64
    ("Istruttori", date(2023, 4, 1), "21392.87", "1782.74", "549.60", "30055.10", "32071.74"),
    # R = 19.034,51 + 1.586,21 (1.586,209) + 471,72 = 21.092,44; + 5.020,00 (5.019,9987)
    #   + 607,46 (607,4623) = 26.719,90; IRAP 1.792,8574 → 1.792,86
    (
        "Operatori esperti",
        date(2023, 6, 30),
        "19034.51",
        "1586.21",
        "471.72",
        "26719.90",
        "28512.76",
    ),
    # R = 18.283,31 + 1.523,61 (1.523,609) + 388,80 = 20.195,72; + 4.806,58 (4.806,5814)
    #   + 581,64 (581,6367) = 25.583,94; IRAP 1.716,6362 → 1.716,64
    ("Operatori", date(2023, 12, 31), "18283.31", "1523.61", "388.80", "25583.94", "27300.58"),
    # 2024-2025 (CCNL 23/02/2026 art. 56): 2023 + 12 × 144,11 / 132,81 / 118,17 / 113,51
    # 23.212,35 + 1.729,32 = 24.941,67; /12 = 2.078,4725 → 2.078,47; R = 27.642,94;
    # + 6.579,02 (6.579,0197) + 796,12 (796,1167) = 35.018,08; IRAP 2.349,6499 → 2.349,65
    ("Funzionari ed EQ", date(2024, 1, 1), "24941.67", "2078.47", "622.80", "35018.08", "37367.73"),
    # 21.392,87 + 1.593,72 = 22.986,59; /12 = 1.915,549 → 1.915,55; R = 25.451,74;
    # + 6.057,51 (6.057,5141) + 733,01 (733,0101) = 32.242,26; IRAP 2.163,3979 → 2.163,40
    ("Istruttori", date(2025, 6, 30), "22986.59", "1915.55", "549.60", "32242.26", "34405.66"),
    # 19.034,51 + 1.418,04 = 20.452,55; /12 = 1.704,379 → 1.704,38; R = 22.628,65;
    # + 5.385,62 (5.385,6187) + 651,71 (651,7051) = 28.665,98; IRAP 1.923,4353 → 1.923,44
    (
        "Operatori esperti",
        date(2025, 12, 31),
        "20452.55",
        "1704.38",
        "471.72",
        "28665.98",
        "30589.42",
    ),
    # 18.283,31 + 1.362,12 = 19.645,43; /12 = 1.637,119 → 1.637,12; R = 21.671,35;
    # + 5.157,78 (5.157,7813) + 624,13 (624,1349) = 27.453,26; IRAP 1.842,0648 → 1.842,06
    ("Operatori", date(2024, 7, 1), "19645.43", "1637.12", "388.80", "27453.26", "29295.32"),
    # dal 2026 (art. 60): + 12 × 14,37 / 12,68 / 10,89 / 8,97 nel tabellare, tolti dal comparto
    # 24.941,67 + 172,44 = 25.114,11; /12 = 2.092,8425 → 2.092,84; comparto (51,90 − 14,37) × 12
    # = 450,36; R = 27.657,31; + 6.582,44 (6.582,4398) + 796,53 (796,5305) = 35.036,28;
    # IRAP 2.350,8714 → 2.350,87
    ("Funzionari ed EQ", date(2026, 1, 1), "25114.11", "2092.84", "450.36", "35036.28", "37387.15"),
    # 22.986,59 + 152,16 = 23.138,75; /12 = 1.928,229 → 1.928,23; comparto 33,12 × 12 = 397,44;
    # R = 25.464,42; + 6.060,53 (6.060,5320) + 733,38 (733,3753) = 32.258,33; IRAP 2.164,4757
    ("Istruttori", date(2026, 12, 31), "23138.75", "1928.23", "397.44", "32258.33", "34422.81"),
    # 20.452,55 + 130,68 = 20.583,23; /12 = 1.715,269 → 1.715,27; comparto 28,42 × 12 = 341,04;
    # R = 22.639,54; + 5.388,21 (5.388,2105) + 652,02 (652,0188) = 28.679,77; IRAP 1.924,3609
    (
        "Operatori esperti",
        date(2027, 3, 1),
        "20583.23",
        "1715.27",
        "341.04",
        "28679.77",
        "30604.13",
    ),
    # 19.645,43 + 107,64 = 19.753,07; /12 = 1.646,089 → 1.646,09; comparto 23,43 × 12 = 281,16;
    # R = 21.680,32; + 5.159,92 (5.159,9162) + 624,39 (624,3932) = 27.464,63; IRAP 1.842,8272
    ("Operatori", date(2026, 1, 1), "19753.07", "1646.09", "281.16", "27464.63", "29307.46"),
]


@pytest.mark.parametrize(
    ("area", "giorno", "tabellare", "tredicesima", "comparto", "annuo", "con_irap"),
    AREE_VERSIONI,
)
def test_costo_per_area_e_versione(
    parametri, area, giorno, tabellare, tredicesima, comparto, annuo, con_irap
):
    c = costo_posto(area, "profilo qualsiasi", UNO, giorno, parametri)
    assert voce(c, "tabellare") == D(tabellare)
    assert voce(c, "tredicesima") == D(tredicesima)
    assert voce(c, "comparto") == D(comparto)
    assert voce(c, "inail") == 0
    assert c.annuo == D(annuo)
    assert c.annuo_con_irap == D(con_irap)
    assert c.origine == "ccnl"
    # INAIL left out: the cost says so
    assert c.nota is not None and "INAIL" in c.nota


def test_part_time_con_centesimi_dispari(parametri):
    # Operatori esperti 2024 at FTE 0,5: each component × 0,5, then rounded half-up
    c = costo_posto("Operatori esperti", "Operatore esperto", D("0.5"), date(2024, 3, 1), parametri)
    assert voce(c, "tabellare") == D("10226.28")  # 20.452,55 × 0,5 = 10.226,275 → 10.226,28
    assert voce(c, "tredicesima") == D("852.19")  # 20.452,55 / 12 × 0,5 = 852,1896 → 852,19
    assert voce(c, "comparto") == D("235.86")  # 471,72 × 0,5
    assert c.retribuzioni == D("11314.33")  # 10.226,28 + 852,19 + 235,86
    assert voce(c, "cpdel") == D("2692.81")  # 11.314,33 × 23,80% = 2.692,8105
    assert voce(c, "tfs") == D("325.85")  # 11.314,33 × 2,88% = 325,8527
    assert c.annuo == D("14332.99")  # 11.314,33 + 2.692,81 + 325,85
    assert c.annuo_con_irap == D("15294.71")  # IRAP 11.314,33 × 8,50% = 961,718 → 961,72
    assert "× FTE 0,5" in next(v for v in c.voci if v.codice == "tabellare").formula


# --- date boundaries ---------------------------------------------------------------------


def test_prima_del_1_aprile_2023_nessuna_tabella(parametri):
    with pytest.raises(CostoNonDeterminabile) as exc:
        costo_posto("Istruttori", "Istruttore amministrativo", UNO, date(2023, 3, 31), parametri)
    messaggio = str(exc.value)
    assert "31/03/2023" in messaggio
    assert "ccnl_fl.tabellare_annuo" in messaggio
    assert "costi_profilo" in messaggio and "costo_annuo" in messaggio
    assert isinstance(exc.value, ValueError) and isinstance(exc.value, ErroreFabbisogni)
    # and the first day of the tables works
    c = costo_posto("Istruttori", "Istruttore amministrativo", UNO, date(2023, 4, 1), parametri)
    assert voce(c, "tabellare") == D("21392.87")


@pytest.mark.parametrize(
    ("prima", "tab_prima", "dopo", "tab_dopo"),
    [
        (date(2023, 12, 31), "23212.35", date(2024, 1, 1), "24941.67"),
        (date(2025, 12, 31), "24941.67", date(2026, 1, 1), "25114.11"),
    ],
)
def test_bordi_delle_versioni(parametri, prima, tab_prima, dopo, tab_dopo):
    a = costo_posto("Funzionari ed EQ", "Funzionario", UNO, prima, parametri)
    b = costo_posto("Funzionari ed EQ", "Funzionario", UNO, dopo, parametri)
    assert voce(a, "tabellare") == D(tab_prima)
    assert voce(b, "tabellare") == D(tab_dopo)


def test_comparto_ridotto_dal_2026(parametri):
    # 51,90 × 12 = 622,80 until 31/12/2025; (51,90 − 14,37) × 12 = 450,36 from 1/1/2026
    a = costo_posto("Funzionari ed EQ", "Funzionario", UNO, date(2025, 12, 31), parametri)
    b = costo_posto("Funzionari ed EQ", "Funzionario", UNO, date(2026, 1, 1), parametri)
    assert (voce(a, "comparto"), voce(b, "comparto")) == (D("622.80"), D("450.36"))


# --- overrides and the ente's own figures ------------------------------------------------


def test_sovrascrittura_aliquota_irap(parametri):
    irap_9 = Sovrascrittura(
        nome="ccnl_fl.irap",
        valore="0.09",
        fonte=FONTE_ENTE,
        motivazione="aliquota di prova",
    )
    p = Parametri.predefiniti([irap_9])
    c = costo_posto("Funzionari ed EQ", "Funzionario", UNO, date(2023, 12, 31), p)
    assert c.annuo == D("32644.81")  # unchanged: IRAP is outside the cost without IRAP
    assert c.irap == D("2319.26")  # 25.769,51 × 9% = 2.319,2559 → 2.319,26
    assert c.annuo_con_irap == D("34964.07")  # 32.644,81 + 2.319,26
    usato = next(u for u in c.parametri if u.nome == "ccnl_fl.irap")
    assert usato.sovrascritto and usato.nota == "aliquota di prova"


def test_sovrascrittura_inail_segnalata(con_inail):
    c = costo_posto("Funzionari ed EQ", "Funzionario", UNO, date(2023, 12, 31), con_inail)
    usato = next(u for u in c.parametri if u.chiave == "inail")
    assert usato.sovrascritto and usato.valore == "0.0040"
    cpdel = next(u for u in c.parametri if u.chiave == "cpdel")
    assert not cpdel.sovrascritto and not cpdel.da_confermare


def test_senza_inail_il_passo_lo_dice(parametri):
    c = costo_posto("Istruttori", "Istruttore", UNO, date(2024, 1, 1), parametri)
    inail = next(v for v in c.voci if v.codice == "inail")
    assert inail.importo == 0
    assert "non in tabella" in inail.formula and "chiave «inail»" in inail.formula


def test_costo_del_profilo_indicato_dall_ente(parametri):
    cp = CostoProfilo(
        area="Istruttori",
        profilo="Agente di  Polizia Locale",
        costo_annuo="31000.00",
        costo_annuo_con_irap="33100.00",
        fonte="cedolino di marzo 2024",
    )
    # case- and space-insensitive match; scaled by FTE 0,5
    c = costo_posto(
        "Istruttori", "agente di polizia locale", D("0.5"), date(2024, 5, 1), parametri, [cp]
    )
    assert c.origine == "profilo"
    assert c.annuo == D("15500.00")  # 31.000,00 × 0,5
    assert c.annuo_con_irap == D("16550.00")  # 33.100,00 × 0,5
    assert "cedolino di marzo 2024" in (c.nota or "")
    # another area with the same profile name does not match: CCNL tables
    altro = costo_posto(
        "Funzionari ed EQ", "Agente di Polizia Locale", UNO, date(2024, 5, 1), parametri, [cp]
    )
    assert altro.origine == "ccnl"


def test_costo_del_profilo_senza_irap_ricava_l_irap(parametri):
    cp = CostoProfilo(
        area="Istruttori",
        profilo="Istruttore tecnico",
        costo_annuo="31000.00",
        fonte="prospetto ragioneria",
    )
    c = costo_posto("Istruttori", "Istruttore tecnico", UNO, date(2024, 5, 1), parametri, [cp])
    # retribuzioni = 31.000,00 / (1 + 23,80% + 2,88%) = 31.000,00 / 1,2668 = 24.471,108 → 24.471,11
    # IRAP = 24.471,11 × 8,50% = 2.080,044 → 2.080,04
    assert c.retribuzioni == D("24471.11")
    assert c.annuo == D("31000.00")
    assert c.annuo_con_irap == D("33080.04")
    assert "IRAP ricavata" in (c.nota or "")


def test_costi_nella_riga_entrambi(parametri):
    cp = CostoProfilo(area="Istruttori", profilo="Istruttore", costo_annuo="99999.00", fonte="x")
    c = costo_posto(
        "Istruttori",
        "Istruttore",
        UNO,
        date(2024, 5, 1),
        parametri,
        [cp],
        costo_annuo=D("30150.00"),
        costo_annuo_con_irap=D("32166.64"),
    )
    # the row wins over costi_profilo and over the tables; figures taken as they are
    assert c.origine == "ente"
    assert (c.annuo, c.annuo_con_irap) == (D("30150.00"), D("32166.64"))
    assert c.nota is None and c.parametri == ()


def test_costo_nella_riga_senza_irap(con_inail):
    c = costo_posto(
        "Funzionari ed EQ",
        "Specialista",
        UNO,
        date(2024, 4, 1),
        con_inail,
        costo_annuo=D("32747.89"),
    )
    # retribuzioni = 32.747,89 / 1,2708 = 25.769,507 → 25.769,51; IRAP × 8,50% = 2.190,41
    assert c.origine == "ente"
    assert c.annuo == D("32747.89")
    assert c.annuo_con_irap == D("34938.30")
    assert "IRAP ricavata" in (c.nota or "")
    assert {u.nome for u in c.parametri} == {"ccnl_fl.oneri_ente", "ccnl_fl.irap"}


def test_costo_con_irap_senza_costo_e_un_errore(parametri):
    with pytest.raises(CostoNonDeterminabile, match="indicarli entrambi"):
        costo_posto(
            "Istruttori",
            "Istruttore",
            UNO,
            date(2024, 5, 1),
            parametri,
            costo_annuo_con_irap=D("32166.64"),
        )


# --- Dirigenti ----------------------------------------------------------------------------


def test_dirigente_senza_costo_e_un_errore_chiaro(parametri):
    with pytest.raises(CostoNonDeterminabile) as exc:
        costo_posto("Dirigenti", "Dirigente area tecnica", UNO, date(2025, 1, 1), parametri)
    messaggio = str(exc.value)
    assert "Dirigente area tecnica" in messaggio and "Dirigenti" in messaggio
    assert "costi_profilo" in messaggio and "fascicolo.yaml" in messaggio
    assert "costo_annuo" in messaggio


def test_dirigente_con_costo_del_profilo(parametri):
    cp = CostoProfilo(
        area="Dirigenti",
        profilo="Dirigente area tecnica",
        costo_annuo="80000.00",
        costo_annuo_con_irap="84000.00",
        fonte="determina n. 1/2025",
    )
    c = costo_posto("Dirigenti", "Dirigente area tecnica", UNO, date(2025, 1, 1), parametri, [cp])
    assert (c.origine, c.annuo, c.annuo_con_irap) == ("profilo", D("80000.00"), D("84000.00"))


def test_area_sconosciuta(parametri):
    with pytest.raises(CostoNonDeterminabile, match="area «Quadri» non riconosciuta"):
        costo_posto("Quadri", "x", UNO, date(2025, 1, 1), parametri)


# --- the trace ----------------------------------------------------------------------------


def test_passi_del_costo(parametri):
    c = costo_posto("Operatori", "Operatore", UNO, date(2023, 12, 31), parametri)
    passi = c.passi("piano.A9.costo", "A9 Operatore")
    codici = [p.codice for p in passi]
    assert codici == [
        "piano.A9.costo.tabellare",
        "piano.A9.costo.tredicesima",
        "piano.A9.costo.comparto",
        "piano.A9.costo.retribuzioni",
        "piano.A9.costo.cpdel",
        "piano.A9.costo.tfs",
        "piano.A9.costo.inail",
        "piano.A9.costo.irap",
        "piano.A9.costo.annuo",
        "piano.A9.costo.annuo_con_irap",
    ]
    annuo = passi[-2]
    # 18.283,31 + 1.523,61 + 388,80 + 4.806,58 + 581,64 + 0 = 25.583,94
    assert annuo.valore == "25583.94"
    assert sum(D(d.valore) for d in annuo.input) == D("25583.94")
    assert passi[-1].valore == "27300.58"
    # the Operatori tabellare 2023 is marked to confirm in the table; it shows in the step
    tab = passi[0].parametri[0]
    assert tab.nome == "ccnl_fl.tabellare_annuo" and tab.chiave == "operatori"
    assert tab.da_confermare


# --- cost di competenza ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mese", "atteso"),
    [
        (1, "32747.89"),  # 12/12
        (7, "16373.95"),  # 32.747,89 × 6 / 12 = 16.373,945 → 16.373,95 (half-up)
        (12, "2728.99"),  # 32.747,89 / 12 = 2.728,9908 → 2.728,99
    ],
)
def test_costo_di_competenza(mese, atteso):
    assert costo_competenza(D("32747.89"), mese) == D(atteso)


@pytest.mark.parametrize("mese", [0, 13])
def test_competenza_mese_non_valido(mese):
    with pytest.raises(ValueError, match="mese di inizio"):
        costo_competenza(D("1000.00"), mese)


def test_passi_del_costo_dell_ente(parametri):
    # both figures given: no retribuzioni to show, IRAP = 32.166,64 − 30.150,00 = 2.016,64
    c = costo_posto(
        "Istruttori",
        "Istruttore",
        UNO,
        date(2024, 5, 1),
        parametri,
        costo_annuo=D("30150.00"),
        costo_annuo_con_irap=D("32166.64"),
    )
    passi = c.passi("cessazioni.C2.costo", "C2")
    assert [p.codice for p in passi] == [
        "cessazioni.C2.costo.ente",
        "cessazioni.C2.costo.irap",
        "cessazioni.C2.costo.annuo",
        "cessazioni.C2.costo.annuo_con_irap",
    ]
    assert passi[1].valore == "2016.64"
    # only the cost without IRAP given: the derived retribuzioni come before the IRAP
    c = costo_posto(
        "Istruttori", "Istruttore", UNO, date(2024, 5, 1), parametri, costo_annuo=D("31000.00")
    )
    passi = c.passi("cessazioni.C2.costo", "C2")
    assert [p.codice.rsplit(".", 1)[1] for p in passi] == [
        "ente",
        "retribuzioni",
        "irap",
        "annuo",
        "annuo_con_irap",
    ]
    assert passi[1].valore == "24471.11"  # 31.000,00 / 1,2668 = 24.471,108
    assert "IRAP ricavata" in passi[-1].formula


def test_sovrascrittura_scritta_all_italiana():
    # The ente writes the rate as it reads it on the INAIL notice: "0,40%" is 0.004, the same as
    # INAIL_040 above, so the Funzionario of 2023 costs Casorate's 32.747,89.
    italiano = INAIL_040.model_copy(update={"valore": "0,40%"})
    c = costo_posto(
        "Funzionari ed EQ",
        "Funzionario",
        UNO,
        date(2023, 12, 31),
        Parametri.predefiniti([italiano]),
    )
    assert c.annuo == D("32747.89")
