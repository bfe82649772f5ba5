"""Every branch of fabbisogni/limiti/, on small cases built in Python, and the synthetic fixtures
end to end.

Expected values come from hand arithmetic written beside each assertion (docs/dominio.md §2.1-2.3),
never from the program's output. The base case is the one of fixtures/sintetico-virtuoso-2024:
fascia e, entrate nette 4.000.000, spesa 900.000 (22,5%), spesa 2018 800.000.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest

from fabbisogni.caso.fascicolo import PRESUPPOSTI_DICHIARATI, Cessazione, Fascicolo
from fabbisogni.caso.lettura import leggi_fascicolo
from fabbisogni.limiti.comma557 import verifica_557
from fabbisogni.limiti.flessibile import verifica_flessibile
from fabbisogni.limiti.movimenti import costo_dm, mesi_in_servizio, mesi_senza_servizio
from fabbisogni.limiti.piano import verifica_piano_dm
from fabbisogni.limiti.presupposti import verifica_presupposti
from fabbisogni.limiti.sostenibilita import calcola_dm, limite_virtuoso
from fabbisogni.motore import verifica
from fabbisogni.parametri import Parametri
from tests.conftest import FIXTURES, ROOT

D = Decimal
P = Parametri.predefiniti()
ENTRATE = D(4_000_000)  # (3.000.000 + 500.000 + 600.000) - FCDE 100.000

# --- factory -----------------------------------------------------------------------------

PRESUPPOSTI_SI = {k: {"rispettato": True, "atto": f"atto {k}"} for k in PRESUPPOSTI_DICHIARATI}


def _rendiconti(primo_anno: int) -> list[dict[str, Any]]:
    return [
        {
            "anno": a,
            "entrate": {"titolo_1": 3_000_000, "titolo_2": 500_000, "titolo_3": 600_000},
        }
        for a in range(primo_anno - 3, primo_anno)
    ]


def caso(primo_anno: int = 2024, spesa: Any = 900_000, **campi: Any) -> Fascicolo:
    """A Fascicolo for a comune of 6.000 inhabitants (fascia e); ``campi`` replace top keys."""
    dati: dict[str, Any] = {
        "ente": {
            "nome": "Comune di prova",
            "popolazione": 6000,
            "anno_popolazione": primo_anno - 1,
        },
        "primo_anno": primo_anno,
        "rendiconti": _rendiconti(primo_anno),
        "fcde": {"anno": primo_anno - 1, "importo": 100_000},
        "spesa_personale": {
            "anno": primo_anno - 1,
            "componenti": [{"voce": "macroaggregato 101", "importo": spesa}],
        },
        "spesa_2018": 800_000,
        "presupposti": copy.deepcopy(PRESUPPOSTI_SI),
    }
    dati.update(copy.deepcopy(campi))
    return Fascicolo.model_validate(dati)


def assunzione(id: str, anno: int, costo: Any, irap: Any = None, **campi: Any) -> dict[str, Any]:
    return {
        "id": id,
        "anno": anno,
        "area": "Istruttori",
        "profilo": "Istruttore",
        "costo_annuo": costo,
        "costo_annuo_con_irap": irap if irap is not None else costo,
        **campi,
    }


def cessazione(id: str, anno: int, mese: int, costo: Any, irap: Any = None) -> dict[str, Any]:
    return {
        "id": id,
        "anno": anno,
        "mese": mese,
        "area": "Istruttori",
        "profilo": "Istruttore",
        "causa": "pensione",
        "costo_annuo": costo,
        "costo_annuo_con_irap": irap if irap is not None else costo,
    }


COMMA_557 = {
    "base": {
        "tipo": "media_2011_2013",
        "componenti": [{"voce": "media 2011-2013", "importo": 1_150_000}],
        "escluse": [{"voce": "escluse", "importo": 50_000}],
    },
    "rendiconto": {
        "anno": 2023,
        "componenti": [{"voce": "spese 2023", "importo": 1_000_000}],
        "escluse": [{"voce": "escluse", "importo": 60_000}],
    },
}  # limite 1.150.000 - 50.000 = 1.100.000; rendiconto 1.000.000 - 60.000 = 940.000


def c557(anno_rendiconto: int = 2023, **campi: Any) -> dict[str, Any]:
    c = copy.deepcopy(COMMA_557)
    c["rendiconto"]["anno"] = anno_rendiconto
    c.update(campi)
    return c


def piano(f: Fascicolo, asseverazione: bool = True):
    dm = calcola_dm(f, "e", P)
    return dm, {a.anno: a for a in verifica_piano_dm(f, "e", dm, asseverazione, P)}


# --- DM: ratio and collocazione ------------------------------------------------------------


def test_rapporto_virtuoso_e_spazio_2024():
    dm = calcola_dm(caso(), "e", P)
    # media (4.100.000 x 3) / 3 = 4.100.000; - FCDE 100.000 = 4.000.000
    assert dm.media_entrate == D(4_100_000)
    assert dm.entrate_correnti_nette == ENTRATE
    # 900.000 / 4.000.000 = 0,225
    assert dm.rapporto == D("0.225000")
    assert dm.collocazione == "virtuoso"
    # 0,269 x 4.000.000 = 1.076.000
    assert dm.spesa_soglia == D(1_076_000)
    # Tabella 2 2024, fascia e: 800.000 x 1,26 = 1.008.000 < 1.076.000 -> binds
    assert dm.spesa_massima == D(1_008_000)
    assert dm.regola_spazio == "tabella_2"
    # 1.008.000 - 900.000 = 108.000
    assert dm.spazio_assunzionale == D(108_000)


@pytest.mark.parametrize(
    ("spesa", "collocazione"),
    [
        (D("1076000.00"), "virtuoso"),  # 0,269 x 4.000.000 = 1.076.000: equal is still virtuoso
        (D("1076000.01"), "intermedio"),
        (D("1236000.00"), "intermedio"),  # 0,309 x 4.000.000 = 1.236.000: equal is intermedio
        (D("1236000.01"), "sopra_soglia"),
    ],
)
def test_confini_della_collocazione(spesa, collocazione):
    assert calcola_dm(caso(spesa=spesa), "e", P).collocazione == collocazione


def test_spesa_e_entrate_neutralizzate_e_rettifiche():
    rendiconti = _rendiconti(2024)
    for r in rendiconti:
        r["entrate_neutralizzate"] = [
            {
                "voce": "contributo per assistente sociale",
                "importo": 30_000,
                "tipo": "fondo_poverta",
                "riferimento": "L. 178/2020 c.797",
            }
        ]
    f = caso(
        rendiconti=rendiconti,
        spesa_personale={
            "anno": 2023,
            "componenti": [{"voce": "macroaggregato 101", "importo": 900_000}],
            "rettifiche": [
                {
                    "voce": "incentivi funzioni tecniche",
                    "importo": -20_000,
                    "riferimento": "Corte dei conti Lombardia 73/2021/PAR",
                }
            ],
            "neutralizzate": [
                {
                    "voce": "assunzione finanziata da terzi",
                    "importo": 40_000,
                    "tipo": "art57_c3septies",
                    "riferimento": "art. 57 c.3-septies DL 104/2020",
                }
            ],
        },
    )
    dm = calcola_dm(f, "e", P)
    # spesa = 900.000 - 20.000 (rettifica) - 40.000 (neutralizzata) = 840.000
    assert dm.spesa_rettifiche == D(-20_000)
    assert dm.spesa_neutralizzata == D(40_000)
    assert dm.spesa_personale == D(840_000)
    # entrate per anno 4.100.000 - 30.000 = 4.070.000; nette 4.070.000 - 100.000 = 3.970.000
    assert dm.entrate_correnti_nette == D(3_970_000)
    # 840.000 / 3.970.000 = 0,2115869... -> 0,211587
    assert dm.rapporto == D("0.211587")


# --- DM: limite_virtuoso (art. 4 c.2, art. 5) ---------------------------------------------


def test_tabella_2_vincola_nel_2024():
    lim = limite_virtuoso(caso(), "e", 2024, ENTRATE, D(900_000), P)
    # min(0,269 x 4.000.000 = 1.076.000; 800.000 x 1,26 = 1.008.000) = 1.008.000
    assert lim.regola == "tabella_2"
    assert lim.limite == D(1_008_000)


def test_dal_2025_solo_tabella_1():
    lim = limite_virtuoso(caso(), "e", 2025, ENTRATE, D(900_000), P)
    # Tabella 2 null from 2025: 0,269 x 4.000.000 = 1.076.000 (spesa 2018 ignored)
    assert lim.regola == "tabella_1"
    assert lim.limite == D(1_076_000)


def test_tabella_1_vincola_nel_2024_se_la_spesa_2018_e_alta():
    f = caso(spesa_2018=900_000)
    lim = limite_virtuoso(f, "e", 2024, ENTRATE, D(900_000), P)
    # 900.000 x 1,26 = 1.134.000 > 1.076.000 -> Tabella 1
    assert lim.regola == "tabella_1"
    assert lim.limite == D(1_076_000)


@pytest.mark.parametrize(
    ("resti", "regola", "limite"),
    [
        # resti 100.000 < Tabella 2 increment 208.000 (800.000 x 0,26): Tabella 2, and the
        # resti are NOT added (800.000 + 208.000 + 100.000 = 1.108.000 would be wrong)
        (100_000, "tabella_2", 1_008_000),
        # resti 250.000 > 208.000: 800.000 + 250.000 = 1.050.000 < 1.076.000 (not 1.258.000)
        (250_000, "resti_2015_2019", 1_050_000),
        # resti 300.000: 800.000 + 300.000 = 1.100.000 > 1.076.000 -> always within Tabella 1
        (300_000, "tabella_1", 1_076_000),
    ],
)
def test_resti_assunzionali_alternativi_mai_sommati(resti, regola, limite):
    f = caso().model_copy(update={"resti_assunzionali_2015_2019": D(resti)})
    lim = limite_virtuoso(f, "e", 2024, ENTRATE, D(900_000), P)
    assert lim.regola == regola
    assert lim.limite == D(limite)


def test_resti_non_contano_dal_2025():
    f = caso().model_copy(update={"resti_assunzionali_2015_2019": D(250_000)})
    lim = limite_virtuoso(f, "e", 2025, ENTRATE, D(900_000), P)
    assert lim.regola == "tabella_1"
    assert lim.limite == D(1_076_000)


def test_senza_spesa_2018_il_2024_non_e_verificabile():
    f = caso().model_copy(update={"spesa_2018": None})
    lim = limite_virtuoso(f, "e", 2024, ENTRATE, D(900_000), P)
    assert lim.limite is None
    assert lim.regola == "tabella_2_senza_spesa_2018"
    # 2025: the 2018 spesa is no longer needed
    lim25 = limite_virtuoso(f, "e", 2025, ENTRATE, D(900_000), P)
    assert lim25.limite == D(1_076_000)
    r = verifica(f)
    assert r.dm.spazio_assunzionale is None
    assert r.anni[0].esito_dm is None
    assert r.anni[1].esito_dm is True
    assert r.esito == "non_verificabile"


def test_piano_virtuoso_confine_2024_2025():
    # the same spesa 1.015.000 in both years: over Tabella 2 in 2024, within Tabella 1 in 2025
    f = caso(piano_assunzioni=[assunzione("A1", 2024, 115_000)])
    _, anni = piano(f)
    # 900.000 + 115.000 = 1.015.000 > 1.008.000 (Tabella 2 2024)
    assert anni[2024].spesa_personale == D(1_015_000)
    assert anni[2024].regola == "tabella_2"
    assert anni[2024].esito is False
    # 1.015.000 <= 1.076.000 (Tabella 1), margin 61.000
    assert anni[2025].regola == "tabella_1"
    assert anni[2025].esito is True
    assert anni[2025].margine == D(61_000)


def test_entrate_previste_nel_limite_dell_anno():
    f = caso(
        primo_anno=2025,
        entrate_previste=[{"anno": 2026, "entrate_correnti": 4_500_000, "fcde": 100_000}],
    )
    _, anni = piano(f)
    # 2025: no forecast, 0,269 x 4.000.000 = 1.076.000
    assert anni[2025].entrate_previste is False
    assert anni[2025].limite == D(1_076_000)
    # 2026: 4.500.000 - 100.000 = 4.400.000; 0,269 x 4.400.000 = 1.183.600
    assert anni[2026].entrate_correnti == D(4_400_000)
    assert anni[2026].limite == D(1_183_600)


# --- asseverazione ---------------------------------------------------------------------------


def test_senza_asseverazione_solo_turnover():
    f = caso(piano_assunzioni=[assunzione("A1", 2024, 75_000)])
    _, anni = piano(f, asseverazione=False)
    # the limit is the rendiconto spesa 900.000; 900.000 + 75.000 = 975.000 > 900.000
    assert anni[2024].regola == "solo_turnover"
    assert anni[2024].limite == D(900_000)
    assert anni[2024].esito is False


def test_asseverazione_negata_nel_fascicolo():
    presupposti = copy.deepcopy(PRESUPPOSTI_SI)
    presupposti["asseverazione_equilibri"]["rispettato"] = False
    # a replacement within the cessation: 900.000 - 30.000 + 30.000 = 900.000 <= 900.000
    f = caso(
        presupposti=presupposti,
        comma_557=c557(),
        cessazioni=[cessazione("C1", 2024, 1, 30_000)],
        piano_assunzioni=[
            assunzione("A1", 2024, 30_000, motivo="sostituzione", sostituisce="C1", mese_inizio=2)
        ],
    )
    r = verifica(f)
    assert [a.regola_dm for a in r.anni] == ["solo_turnover"] * 3
    assert [a.limite_dm for a in r.anni] == [D(900_000)] * 3
    # effetto "solo_turnover": not blocking by itself
    assert r.esito == "conforme"


def test_asseverazione_non_documentata_spazi_dm_ma_non_verificabile():
    presupposti = copy.deepcopy(PRESUPPOSTI_SI)
    del presupposti["asseverazione_equilibri"]
    r = verifica(caso(presupposti=presupposti, comma_557=c557()))
    # the revisore has not spoken yet: the DM spaces are checked (Tabella 2 in 2024) ...
    assert r.anni[0].regola_dm != "solo_turnover"
    assert r.anni[0].limite_dm != D(900_000)
    # ... but the plan cannot be declared conforme until the asseverazione is documented
    assert r.esito == "non_verificabile"
    assert "asseverazione degli equilibri" in r.motivazione_esito


# --- intermedio ------------------------------------------------------------------------------


def test_intermedio_non_puo_alzare_il_rapporto():
    # spesa 1.160.000 / 4.000.000 = 29%: 26,9% < 29% <= 30,9%
    f = caso(
        spesa=1_160_000,
        piano_assunzioni=[assunzione("A1", 2025, 10_000)],
        entrate_previste=[{"anno": 2026, "entrate_correnti": 4_500_000, "fcde": 100_000}],
    )
    dm, anni = piano(f)
    assert dm.collocazione == "intermedio"
    assert dm.spazio_assunzionale is None
    # 2024: spesa unchanged 1.160.000 = 29% x 4.000.000: the ratio is kept, allowed
    assert anni[2024].regola == "intermedio"
    assert anni[2024].limite == D(1_160_000)
    assert anni[2024].esito is True
    # 2025: 1.160.000 + 10.000 = 1.170.000 > 1.160.000: ratio raised to 29,25%
    assert anni[2025].spesa_personale == D(1_170_000)
    assert anni[2025].esito is False
    # 2026: entrate 4.400.000; 29% x 4.400.000 = 1.276.000 >= 1.170.000
    assert anni[2026].limite == D(1_276_000)
    assert anni[2026].esito is True


# --- sopra soglia ----------------------------------------------------------------------------


def test_sopra_soglia_rientro_graduale_2024_e_turnover_dal_2025():
    # spesa 1.400.000 / 4.000.000 = 35% > 30,9%
    f = caso(
        spesa=1_400_000,
        cessazioni=[
            cessazione("C1", 2024, 1, 40_000),
            cessazione("C2", 2025, 1, 60_000),
            cessazione("C3", 2026, 1, 100_000),
        ],
        piano_assunzioni=[assunzione("A1", 2025, 30_000)],
    )
    dm, anni = piano(f)
    assert dm.collocazione == "sopra_soglia"
    # 2024: 1.400.000 - 40.000 = 1.360.000 -> 34% < 35% of the rendiconto (still > 30,9%)
    assert anni[2024].regola == "rientro_graduale"
    assert anni[2024].limite == D(1_400_000)  # 35% x 4.000.000
    assert anni[2024].esito is True
    # 2025: spesa 1.400.000 - 100.000 + 30.000 = 1.330.000 (33,25% > 30,9%)
    # limit 1.400.000 - 100.000 + 30% x 100.000 = 1.330.000
    assert anni[2025].regola == "turnover_30"
    assert anni[2025].spesa_personale == D(1_330_000)
    assert anni[2025].limite == D(1_330_000)
    assert anni[2025].esito is True
    # 2026: 1.330.000 - 100.000 = 1.230.000 <= 30,9% x 4.000.000 = 1.236.000: back under.
    # The turn over limit, 1.400.000 - 200.000 + 30% x 200.000 = 1.260.000, is more generous:
    # the plan may use either, so the limit (and the margin) is the higher one.
    assert anni[2026].regola == "turnover_30"
    assert anni[2026].limite == D(1_260_000)
    assert anni[2026].margine == D(30_000)
    assert anni[2026].esito is True


def test_sopra_soglia_rientrato_quando_la_tabella_3_concede_di_piu():
    # 2025: cessation of 300.000 -> turn over limit 1.400.000 - 300.000 + 30% x 300.000 =
    # 1.190.000; Tabella 3: 30,9% x 4.000.000 = 1.236.000, the higher: «rientrato".
    f = caso(spesa=1_400_000, cessazioni=[cessazione("C1", 2025, 1, 300_000)])
    _, anni = piano(f)
    assert anni[2025].regola == "rientrato"
    assert anni[2025].limite == D(1_236_000)
    assert anni[2025].margine == D(1_236_000 - 1_100_000)
    assert anni[2025].esito is True
    # a hire of 100.000 goes past the turn over limit (1.200.000 > 1.190.000) but the ratio
    # stays under Tabella 3: still conforme, margin 36.000
    f = caso(
        spesa=1_400_000,
        cessazioni=[cessazione("C1", 2025, 1, 300_000)],
        piano_assunzioni=[assunzione("A1", 2025, 100_000)],
    )
    _, anni = piano(f)
    assert anni[2025].regola == "rientrato"
    assert anni[2025].margine == D(36_000)
    assert anni[2025].esito is True
    # 136.000,01 of hires is one cent too many under both limits
    f = caso(
        spesa=1_400_000,
        cessazioni=[cessazione("C1", 2025, 1, 300_000)],
        piano_assunzioni=[assunzione("A1", 2025, "136000.01")],
    )
    _, anni = piano(f)
    assert anni[2025].esito is False
    assert anni[2025].margine == D("-0.01")


def test_sopra_soglia_2024_rientro_graduale_o_tabella_3():
    # 2024 (no turn over rate): the ratio must fall below 35% (limit 35% x 4.000.000 =
    # 1.400.000, not to be reached) or be back under Tabella 3 (1.236.000): the first is higher.
    f = caso(spesa=1_400_000, cessazioni=[cessazione("C1", 2024, 1, "0.01")])
    _, anni = piano(f)
    assert anni[2024].regola == "rientro_graduale"
    assert anni[2024].limite == D(1_400_000)
    assert anni[2024].esito is True  # 1.399.999,99 / 4.000.000 < 35%


def test_sopra_soglia_2024_rapporto_fermo_non_ammesso():
    # no cessation: 1.400.000 / 4.000.000 = 35%, equal to the rendiconto: it must go down
    _, anni = piano(caso(spesa=1_400_000))
    assert anni[2024].regola == "rientro_graduale"
    assert anni[2024].esito is False


def test_sopra_soglia_turnover_oltre_il_30_per_cento():
    # primo_anno 2025: turn over 30% from the first year
    f = caso(
        primo_anno=2025,
        spesa=1_400_000,
        cessazioni=[cessazione("C1", 2025, 1, 100_000)],
        piano_assunzioni=[assunzione("A1", 2025, 30_001)],
    )
    _, anni = piano(f)
    # limit 1.400.000 - 100.000 + 30.000 = 1.330.000; spesa 1.330.001
    assert anni[2025].regola == "turnover_30"
    assert anni[2025].limite == D(1_330_000)
    assert anni[2025].esito is False


# --- the plan: a regime and di competenza ---------------------------------------------------


def test_competenza_pro_rata_dal_mese_di_inizio():
    f = caso(
        piano_assunzioni=[
            assunzione("A1", 2024, 36_000, mese_inizio=4),
            assunzione("A2", 2024, 24_000, mese_inizio=12),
        ],
        cessazioni=[cessazione("C1", 2024, 7, 30_000)],
    )
    _, anni = piano(f)
    # a regime: 900.000 + 36.000 + 24.000 - 30.000 = 930.000
    assert anni[2024].spesa_personale == D(930_000)
    # competenza: 36.000 x 9/12 = 27.000 (Apr-Dec); 24.000 x 1/12 = 2.000 (Dec);
    # C1 first month without service July: 30.000 x 6/12 = 15.000
    # 900.000 + 27.000 + 2.000 - 15.000 = 914.000
    assert anni[2024].spesa_competenza == D(914_000)
    # 2025: all twelve months -> equals a regime
    assert anni[2025].spesa_competenza == D(930_000)


def test_contratto_a_termine_finito_nell_anno():
    a = assunzione(
        "T1", 2024, 24_000, tipo_contratto="tempo_determinato", anno_fine=2024, mese_fine=6
    )
    _, anni = piano(caso(piano_assunzioni=[a]))
    # not in service on 31/12/2024: nothing a regime; di competenza 24.000 x 6/12 = 12.000
    assert anni[2024].assunzioni_regime == D(0)
    assert anni[2024].spesa_competenza == D(912_000)


def test_mesi_di_servizio():
    f = caso(
        piano_assunzioni=[assunzione("A1", 2024, 12_000, mese_inizio=4)],
        cessazioni=[cessazione("C1", 2024, 7, 12_000)],
    )
    a, c = f.piano_assunzioni[0], f.cessazioni[0]
    assert [mesi_in_servizio(a, y) for y in (2024, 2025)] == [9, 12]  # Apr-Dec
    assert [mesi_senza_servizio(c, y) for y in (2024, 2025)] == [6, 12]  # Jul-Dec


def test_quota_finanziata_fuori_dal_rapporto_dm():
    f = caso(
        piano_assunzioni=[
            assunzione(
                "F1", 2024, 36_000, finanziamento="art57_c3septies", importo_finanziato=12_000
            ),
            assunzione("F2", 2024, 30_000, finanziamento="fondo_poverta"),
            assunzione("P1", 2024, 40_000, finanziamento="pnrr_31bis"),
        ]
    )
    f1, f2, p1 = f.piano_assunzioni
    assert costo_dm(f1) == D(24_000)  # 36.000 - 12.000 funded
    assert costo_dm(f2) == D(0)  # fully funded by the Fondo povertà
    assert costo_dm(p1) == D(0)  # art. 31-bis: "non rileva" for art. 33 DL 34/2019
    _, anni = piano(f)
    assert anni[2024].spesa_personale == D(924_000)  # 900.000 + 24.000


# --- comma 557 ------------------------------------------------------------------------------


def test_557_derivato_con_irap_e_di_competenza():
    f = caso(
        comma_557=c557(),
        piano_assunzioni=[assunzione("A1", 2024, 36_000, 39_060, mese_inizio=4)],
        cessazioni=[cessazione("C1", 2024, 7, 30_000, 32_550)],
    )
    e = verifica_557(f, P)
    assert e.comma == "557-quater"
    assert e.limite == D(1_100_000)  # 1.150.000 - 50.000
    c24, c25 = e.anni[2024], e.anni[2025]
    assert c24.derivata is True
    # with IRAP, not 36.000: 39.060 x 9/12 = 29.295; C1 32.550 x 6/12 = 16.275
    # 940.000 + 29.295 - 16.275 = 953.020
    assert c24.assoggettata == D(953_020)
    # 2025: 940.000 + 39.060 - 32.550 = 946.510
    assert c25.assoggettata == D(946_510)
    assert c25.margine == D(153_490)  # 1.100.000 - 946.510
    assert c25.esito is True


def test_557_quota_finanziata_tra_le_escluse():
    f = caso(
        comma_557=c557(),
        piano_assunzioni=[
            assunzione(
                "F1",
                2024,
                36_000,
                39_060,
                finanziamento="art57_c3septies",
                importo_finanziato=12_000,
            )
        ],
    )
    col = verifica_557(f, P).anni[2024]
    # A: 1.000.000 + 39.060 = 1.039.060; B: 60.000 + 39.060 x 12.000/36.000 (13.020) = 73.020
    assert col.totale == D(1_039_060)
    assert col.escluse == D(73_020)
    assert col.assoggettata == D(966_040)  # 940.000 + 26.040


def test_557_pnrr_in_deroga_fino_al_2026_e_nel_limite_dal_2027():
    p1 = assunzione(
        "P1",
        2025,
        40_000,
        43_400,
        tipo_contratto="tempo_determinato",
        finanziamento="pnrr_31bis",
        anno_fine=2027,
        mese_fine=12,
    )
    f = caso(primo_anno=2025, comma_557=c557(anno_rendiconto=2024), piano_assunzioni=[p1])
    e = verifica_557(f, P)
    # 2025 and 2026: in deroga (art. 31-bis DL 152/2021, until 31/12/2026) -> 940.000
    assert e.anni[2025].assoggettata == D(940_000)
    assert e.anni[2026].assoggettata == D(940_000)
    # 2027: counted, 940.000 + 43.400 = 983.400
    assert e.anni[2027].assoggettata == D(983_400)
    # the same boundary for flexible work: 0 in 2026, 40.000 (no IRAP) in 2027
    flex = {x.anno: x for x in verifica_flessibile(f, {}, P)}
    assert flex[2026].spesa == D(0)
    assert flex[2027].spesa == D(40_000)


def test_557_previsione_del_fascicolo_prevale():
    previsione = {
        "anno": 2024,
        "componenti": [{"voce": "previsione 2024", "importo": 1_150_000}],
        "escluse": [{"voce": "escluse", "importo": 60_000}],
        "maggior_spesa_dm": 40_000,
    }
    f = caso(comma_557=c557(previsioni=[previsione]))
    e = verifica_557(f, P)
    col = e.anni[2024]
    assert col.derivata is False
    # A - B - C = 1.150.000 - 60.000 - 40.000 = 1.050.000 <= 1.100.000
    assert col.assoggettata == D(1_050_000)
    assert col.esito is True
    assert e.anni[2025].derivata is True


def test_557_superato():
    previsione = {"anno": 2024, "componenti": [{"voce": "previsione", "importo": 1_100_001}]}
    col = verifica_557(caso(comma_557=c557(previsioni=[previsione])), P).anni[2024]
    assert col.esito is False  # 1.100.001 > 1.100.000
    assert col.margine == D(-1)


@pytest.mark.parametrize(("popolazione", "comma"), [(1000, "562"), (1001, "557-quater")])
def test_562_fino_a_1000_abitanti(popolazione, comma):
    f = caso(comma_557=c557())
    f = f.model_copy(update={"ente": f.ente.model_copy(update={"popolazione": popolazione})})
    assert verifica_557(f, P).comma == comma


def test_557_assente():
    e = verifica_557(caso(), P)
    assert e.presente is False
    assert e.anni == {}
    assert verifica(caso()).esito == "non_verificabile"


# --- lavoro flessibile ----------------------------------------------------------------------


def _flex(base: dict[str, Any], **campi: Any) -> Fascicolo:
    return caso(lavoro_flessibile={"base": base}, **campi)


@pytest.mark.parametrize(
    ("in_regola", "limite"),
    [(True, 40_000), (False, 20_000), (None, 20_000)],  # 100% / 50% / 50% of 40.000
)
def test_flessibile_50_o_100_per_cento(in_regola, limite):
    f = _flex({"tipo": "spesa_2009", "importo": 40_000})
    x = verifica_flessibile(f, {2024: in_regola}, P)[0]
    assert x.limite == D(limite)


def test_flessibile_media_2007_2009():
    f = _flex({"tipo": "media_2007_2009", "importo": 30_000})
    x = verifica_flessibile(f, {2024: False}, P)[0]
    assert x.limite == D(15_000)  # 50% x 30.000


def test_flessibile_parametro_motivato():
    f = _flex({"tipo": "parametro_motivato", "importo": 12_550, "atto": "Delibera GC n. 1"})
    for in_regola in (True, False):
        assert verifica_flessibile(f, {2024: in_regola}, P)[0].limite == D(12_550)


def test_parametro_motivato_senza_atto_rifiutato():
    with pytest.raises(ValueError, match="atto"):
        _flex({"tipo": "parametro_motivato", "importo": 12_550})


def test_flessibile_cosa_conta():
    f = _flex(
        {"tipo": "spesa_2009", "importo": 100_000},
        piano_assunzioni=[
            assunzione(
                "TD", 2024, 24_000, 26_040, tipo_contratto="tempo_determinato", mese_inizio=4
            ),
            assunzione("C1", 2024, 60_000, tipo_contratto="art110_c1"),
            assunzione("C2", 2024, 12_000, tipo_contratto="art110_c2"),
            assunzione("TI", 2024, 30_000),
        ],
    )
    x = verifica_flessibile(f, {2024: True}, P)[0]
    # TD 24.000 x 9/12 = 18.000 (no IRAP); art. 110 c.2 12.000; art. 110 c.1 and TI out
    assert x.spesa == D(30_000)
    assert x.limite == D(100_000)
    assert x.esito is True


def test_flessibile_senza_base():
    assert verifica_flessibile(caso(), {}, P)[0].esito is True  # nothing planned
    td = assunzione("TD", 2024, 24_000, tipo_contratto="tempo_determinato")
    x = verifica_flessibile(caso(piano_assunzioni=[td]), {}, P)[0]
    assert x.limite is None
    assert x.esito is None


# --- presupposti ----------------------------------------------------------------------------


def _presupposti(f: Fascicolo, esiti_557: list[bool | None]) -> dict[str, str]:
    return {p.chiave: p.esito for p in verifica_presupposti(f, esiti_557, P)}


@pytest.mark.parametrize(
    ("esiti", "atteso"),
    [
        ([True, True, True], "rispettato"),
        ([True, False, None], "non_rispettato"),
        ([True, None, True], "non_documentato"),
        ([], "non_documentato"),
    ],
)
def test_presupposto_557_calcolato(esiti, atteso):
    assert _presupposti(caso(), esiti)["comma_557"] == atteso


def test_presupposto_dichiarato_no_blocca():
    presupposti = copy.deepcopy(PRESUPPOSTI_SI)
    presupposti["bilanci_bdap"]["rispettato"] = False
    f = caso(presupposti=presupposti, comma_557=c557())
    assert _presupposti(f, [True])["bilanci_bdap"] == "non_rispettato"
    r = verifica(f)
    assert r.esito == "non_conforme"
    assert "bilanci trasmessi alla BDAP" in r.motivazione_esito


def test_presupposto_non_documentato():
    presupposti = copy.deepcopy(PRESUPPOSTI_SI)
    del presupposti["piao"]
    r = verifica(caso(presupposti=presupposti, comma_557=c557()))
    assert {p.chiave: p.esito for p in r.presupposti}["piao"] == "non_documentato"
    assert r.esito == "non_verificabile"
    assert "PIAO adottato" in r.motivazione_esito


def test_dissesto_senza_e_con_cosfel():
    ente = {"nome": "Comune di prova", "popolazione": 6000, "anno_popolazione": 2023}
    assert _presupposti(caso(ente=ente), [True])["condizione_finanziaria"] == "rispettato"
    dissesto = caso(ente=ente | {"dissesto": True})
    assert _presupposti(dissesto, [True])["condizione_finanziaria"] == "non_rispettato"
    assert verifica(dissesto).esito == "non_conforme"
    cosfel = caso(
        ente=ente | {"dissesto": True, "approvazione_cosfel": {"atto": "Decisione COSFEL n. 1"}}
    )
    assert _presupposti(cosfel, [True])["condizione_finanziaria"] == "rispettato"


def test_base_tutto_rispettato_e_conforme():
    r = verifica(
        caso(comma_557=c557(), lavoro_flessibile={"base": {"tipo": "spesa_2009", "importo": 0}})
    )
    assert r.esito == "conforme"


# --- input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("causa", ["dimissioni", "altro"])
def test_causa_di_cessazione_canonica(causa):
    dati = cessazione("C1", 2024, 1, 30_000) | {"causa": causa}
    assert Cessazione.model_validate(dati).causa == causa


# --- the synthetic fixtures, end to end ------------------------------------------------------

ESITI_FIXTURE = {
    "sintetico-virtuoso-2024": ("conforme", 0),
    "sintetico-virtuoso-2025": ("conforme", 0),
    "sintetico-intermedio": ("non_conforme", 1),
    "sintetico-sopra-soglia": ("conforme", 0),
    "sintetico-piccolo-562": ("non_conforme", 1),
}


@pytest.mark.parametrize(("nome", "atteso"), sorted(ESITI_FIXTURE.items()))
def test_fixture_exit_code(nome, atteso):
    esito, codice = atteso
    proc = subprocess.run(
        [sys.executable, "cli.py", "verifica", str(FIXTURES / nome)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == codice, proc.stderr
    assert verifica(leggi_fascicolo(FIXTURES / nome)).esito == esito


def _r(nome: str):
    return verifica(leggi_fascicolo(FIXTURES / nome))


def test_fixture_virtuoso_2024():
    r = _r("sintetico-virtuoso-2024")
    assert r.ente.fascia == "e"
    assert r.dm.spazio_assunzionale == D(108_000)  # 800.000 x 1,26 - 900.000
    assert [a.regola_dm for a in r.anni] == ["tabella_2", "tabella_1", "tabella_1"]
    assert [a.limite_dm for a in r.anni] == [D(1_008_000), D(1_076_000), D(1_076_000)]
    # 900.000 + 75.000; + 40.000; + 30.000 - 30.000
    assert [a.spesa_personale for a in r.anni] == [D(975_000), D(1_015_000), D(1_015_000)]
    # 940.000 + 37.975 x 9/12 + 43.400 = 1.011.881,25
    assert r.anni[0].spesa_557 == D("1011881.25")
    assert r.anni[0].limite_flessibile == D(40_000)  # 100% of 40.000


def test_fixture_virtuoso_2025():
    r = _r("sintetico-virtuoso-2025")
    assert r.ente.fascia == "d"
    assert r.dm.spazio_assunzionale == D(80_000)  # 0,272 x 2.500.000 - 600.000
    assert [a.regola_dm for a in r.anni] == ["tabella_1"] * 3
    assert r.anni[1].limite_dm == D(707_200)  # 0,272 x 2.600.000
    # PNRR P1 outside the 557 limit in 2026, inside in 2027: 733.925 + 43.400
    assert [a.spesa_557 for a in r.anni] == [D("676962.50"), D(733_925), D(777_325)]
    assert [a.spesa_flessibile for a in r.anni] == [D(0), D(0), D(40_000)]


def test_fixture_intermedio():
    r = _r("sintetico-intermedio")
    assert r.dm.collocazione == "intermedio"
    assert r.dm.rapporto == D("0.290000")  # 580.000 / 2.000.000
    assert [a.esito_dm for a in r.anni] == [True, False, False]  # 580.000; 610.000; 610.000


def test_fixture_sopra_soglia():
    r = _r("sintetico-sopra-soglia")
    assert r.dm.collocazione == "sopra_soglia"
    assert [a.regola_dm for a in r.anni] == ["rientro_graduale", "turnover_30", "turnover_30"]
    # 35% x 1.000.000; 350.000 - 50.000 + 15.000; 350.000 - 70.000 + 21.000
    assert [a.limite_dm for a in r.anni] == [D(350_000), D(315_000), D(301_000)]
    assert [a.spesa_personale for a in r.anni] == [D(330_000), D(309_000), D(295_000)]


def test_fixture_piccolo_562():
    r = _r("sintetico-piccolo-562")
    assert r.ente.fascia == "a"
    assert r.comma_557.comma == "562"
    assert r.comma_557.limite == D(295_000)  # 305.000 - 10.000
    # 260.000 + 16.275; 260.000 + 32.550 + 16.275; 260.000 + 32.550
    assert [a.spesa_557 for a in r.anni] == [D(276_275), D(308_825), D(292_550)]
    # 2026: 557 breached -> 50% of 12.000
    assert [a.limite_flessibile for a in r.anni] == [D(12_000), D(6_000), D(12_000)]
    # DM 2026: 295.000 = 0,295 x 1.000.000, equal is allowed
    assert r.anni[1].esito_dm is True
    assert {p.chiave: p.esito for p in r.presupposti}["comma_557"] == "non_rispettato"


# --- art. 5 c.3: small comuni in an Unione (flagged, not computed) ---------------------------


@pytest.mark.parametrize(("popolazione", "segnalato"), [(4_999, True), (5_000, False)])
def test_unione_segnalata_sotto_i_5000_abitanti(popolazione, segnalato):
    # DM art. 5 c.3: comuni "con meno di 5.000 abitanti" in an Unione
    f = caso()
    f = f.model_copy(
        update={
            "ente": f.ente.model_copy(update={"popolazione": popolazione, "unione_di_comuni": True})
        }
    )
    codici = {r.codice for r in verifica(f).rilievi}
    assert ("UNIONE" in codici) is segnalato


def test_unione_non_segnalata_fuori_unione():
    f = caso()
    f = f.model_copy(update={"ente": f.ente.model_copy(update={"popolazione": 4_999})})
    assert "UNIONE" not in {r.codice for r in verifica(f).rilievi}


def test_divieto_del_comma_562_citato_dal_motore():
    from fabbisogni.caso.lettura import leggi_fascicolo

    r = verifica(leggi_fascicolo(ROOT / "fixtures" / "sintetico-piccolo-562"))
    tetto = next(p for p in r.presupposti if p.chiave == "comma_557")
    # 800 abitanti ≤ 1.000: comma 562, whose own text bars hiring; 557-ter is for comma 557
    assert tetto.riferimento == "art. 1, comma 562, L. 296/2006"
    assert tetto.note == "dal prospetto del comma 562"
    assert all("557-ter" not in x.riferimento for x in r.rilievi)


def test_sostituzione_anticipata_un_mese_prima_e_al_mese_giusto():
    # C1 leaves from March 2025 (first month without service); A1 replaces it.
    def con_inizio(mese: int) -> list[str]:
        f = caso(
            cessazioni=[cessazione("C1", 2025, 3, 30_000)],
            piano_assunzioni=[
                assunzione(
                    "A1", 2025, 30_000, sostituisce="C1", mese_inizio=mese, motivo="sostituzione"
                )
            ],
        )
        return [x.messaggio for x in verifica(f).rilievi if x.codice == "SOSTITUZIONE-ANTICIPATA"]

    # from February: one month paid twice
    (messaggio,) = con_inizio(2)
    assert "per 1 mese il posto è pagato due volte" in messaggio
    assert "dal 02/2025" in messaggio and "dal 03/2025" in messaggio
    # from March, the first month without service: no finding
    assert con_inizio(3) == []
    # from January: two months
    (messaggio,) = con_inizio(1)
    assert "per 2 mesi" in messaggio
