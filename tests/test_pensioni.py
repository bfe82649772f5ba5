"""Pension rights and cessation dates (fabbisogni/personale/pensioni.py, docs/pensioni.md).

Every expected date is worked out by hand in the comment beside it, from the figures of
fabbisogni/tables/pensioni.yaml (in months: 67 anni = 804, 67a1m = 805, 67a3m = 807; anticipata
uomini 514 / donne 502 to 2026, 515 / 503 in 2027, 517 / 505 from 2028; CPDEL window by year of
maturation 3 / 4 / 5 / 7 / 9 months for ≤2024 / 2025 / 2026 / 2027 / ≥2028) and the date rules:
n months after day d = same day n months later, or the last day of that month when it has no
such day (art. 2963 c.c.); vecchiaia and anticipata start the day after (the window's end for
the anticipata); a collocamento d'ufficio takes effect on the first day of the next month.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from fabbisogni.caso.fascicolo import Dipendente
from fabbisogni.errors import ErroreParametro
from fabbisogni.parametri import Fonte, Parametri, Sovrascrittura
from fabbisogni.personale.pensioni import (
    GIORNO_SUCCESSIVO,
    PRIMO_MESE_SUCCESSIVO,
    Diritto,
    EsitoPensione,
    RequisitiPensione,
    add_months,
    decorrenza_da,
    proietta_pensione,
)

D = date
P = Parametri.predefiniti()
R = RequisitiPensione.carica(P, D(2019, 1, 1), D(2060, 12, 31))
FINE_2025 = D(2025, 12, 31)


def persona(
    nascita: date,
    sesso: str = "M",
    anni: int | None = None,
    mesi: int = 0,
    al: date = FINE_2025,
    **campi: Any,
) -> Dipendente:
    """A person in service; ``anni``/``mesi`` of contributions at ``al`` (None = not given)."""
    dati: dict[str, Any] = {
        "id": "D1",
        "area": "Istruttori",
        "profilo": "Istruttore amministrativo",
        "sesso": sesso,
        "data_nascita": nascita,
        **campi,
    }
    if anni is not None:
        dati |= {"contributi_anni": anni, "contributi_mesi": mesi, "contributi_al": al}
    return Dipendente(**dati)


def diritto(esito: EsitoPensione, tipo: str) -> Diritto:
    d = esito.diritto(tipo)  # type: ignore[arg-type]
    assert d is not None, tipo
    return d


def date_di(d: Dipendente, tipo: str, requisiti: RequisitiPensione = R) -> tuple[Any, Any]:
    x = diritto(proietta_pensione(d, requisiti), tipo)
    return x.maturazione, x.decorrenza


def nomi(x: Diritto) -> set[str]:
    return {p.nome for p in x.parametri}


# --- time arithmetic (art. 2963 c.c.) -------------------------------------------------------


@pytest.mark.parametrize(
    ("giorno", "mesi", "atteso"),
    [
        (D(2025, 1, 15), 1, D(2025, 2, 15)),  # same day of the month
        (D(2025, 1, 31), 1, D(2025, 2, 28)),  # no 31/02: last day of February
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(1960, 2, 29), 12, D(1961, 2, 28)),  # born 29/02: birthday on 28/02 in common years
        (D(1960, 2, 29), 48, D(1964, 2, 29)),  # and on 29/02 in leap years
        (D(2025, 3, 31), -1, D(2025, 2, 28)),  # backwards too
        (D(2025, 12, 31), 9, D(2026, 9, 30)),  # 31/09 does not exist
        (D(1960, 1, 15), 805, D(2027, 2, 15)),  # 67 anni e 1 mese
    ],
)
def test_add_months(giorno: date, mesi: int, atteso: date) -> None:
    assert add_months(giorno, mesi) == atteso


def test_decorrenza_da() -> None:
    assert decorrenza_da(D(2026, 12, 31), GIORNO_SUCCESSIVO) == D(2027, 1, 1)
    assert decorrenza_da(D(2026, 2, 28), GIORNO_SUCCESSIVO) == D(2026, 3, 1)
    assert decorrenza_da(D(2026, 12, 15), PRIMO_MESE_SUCCESSIVO) == D(2027, 1, 1)
    assert decorrenza_da(D(2027, 3, 1), PRIMO_MESE_SUCCESSIVO) == D(2027, 4, 1)


# --- vecchiaia: age, and the requirement in force on the day --------------------------------


@pytest.mark.parametrize(
    ("nascita", "maturazione"),
    [
        # 67 on 20/12/2026, requirement 2026 = 67 anni: met on the birthday
        (D(1959, 12, 20), D(2026, 12, 20)),
        # 67 on 31/12/2026, still 2026: met that day
        (D(1959, 12, 31), D(2026, 12, 31)),
        # 67 on 01/01/2027: the 2027 requirement is 67a1m → 01/02/2027
        (D(1960, 1, 1), D(2027, 2, 1)),
        # 67 on 15/01/2027 → 67a1m on 15/02/2027 (the example of the brief)
        (D(1960, 1, 15), D(2027, 2, 15)),
        # 67a1m on 30/12/2027, inside 2027
        (D(1960, 11, 30), D(2027, 12, 30)),
        # 67a1m on 01/01/2028, but in 2028 the requirement is 67a3m → 01/03/2028
        (D(1960, 12, 1), D(2028, 3, 1)),
        # 67a1m on 10/01/2028 → 2028 needs 67a3m → 10/03/2028
        (D(1960, 12, 10), D(2028, 3, 10)),
        # born 31/01/1960: 67a1m on 31/02/2027 → last day of February, 28/02/2027
        (D(1960, 1, 31), D(2027, 2, 28)),
    ],
)
def test_vecchiaia_eta_e_cambio_anno(nascita: date, maturazione: date) -> None:
    mat, dec = date_di(persona(nascita, anni=35), "vecchiaia")
    assert mat == maturazione
    assert dec == maturazione + timedelta(days=1)  # vecchiaia: from the day after


def test_vecchiaia_regola_e_fonte() -> None:
    v = diritto(proietta_pensione(persona(D(1960, 1, 15), anni=35), R), "vecchiaia")
    assert v.regola.startswith(
        "vecchiaia: 67 anni e 1 mese di età e almeno 20 anni di contributi "
        "(requisiti in vigore il 15/02/2027)"
    )
    assert "età compiuta il 15/02/2027" in v.regola
    assert "decorrenza dal giorno successivo, 16/02/2027" in v.regola
    eta = next(p for p in v.parametri if p.nome == "pensioni.vecchiaia_eta")
    assert eta.valore == "805"
    assert "L. 30 dicembre 2025 n. 199" in eta.fonte
    assert not eta.da_confermare
    assert "pensioni.vecchiaia_contributi" in nomi(v)


def test_vecchiaia_dopo_il_2028_da_confermare() -> None:
    # 67a3m on 15/09/2029 (born 15/06/1962 + 807 months): 2029 keeps 807, marked to confirm
    v = diritto(proietta_pensione(persona(D(1962, 6, 15), anni=30), R), "vecchiaia")
    assert v.maturazione == D(2029, 9, 15)
    eta = next(p for p in v.parametri if p.nome == "pensioni.vecchiaia_eta")
    assert eta.valore == "807"
    assert eta.da_confermare
    assert "decreto" in (eta.nota or "")


@pytest.mark.parametrize(
    ("contributi_mesi", "maturazione"),
    [
        # born 15/03/1959: 67 on 15/03/2026 (2026: 67 anni)
        # 238 months at 31/12/2025 → 240 two months later, 28/02/2026 (no 31/02): age decides
        (238, D(2026, 3, 15)),
        # 228 → 240 twelve months later, 31/12/2026: still 2026, met that day
        (228, D(2026, 12, 31)),
        # 227 → 240 on 31/01/2027; the 2027 age (67a1m, 15/04/2026) is already reached
        (227, D(2027, 1, 31)),
    ],
)
def test_vecchiaia_contributi_minimi(contributi_mesi: int, maturazione: date) -> None:
    d = persona(D(1959, 3, 15), anni=contributi_mesi // 12, mesi=contributi_mesi % 12)
    assert date_di(d, "vecchiaia")[0] == maturazione


def test_vecchiaia_senza_contributi_solo_eta() -> None:
    v = diritto(proietta_pensione(persona(D(1959, 12, 20)), R), "vecchiaia")
    assert v.maturazione == D(2026, 12, 20)  # 67 on 20/12/2026
    assert v.decorrenza == D(2026, 12, 21)
    assert v.nota is not None and "contributi non indicati" in v.nota
    assert "presumendo" in v.nota


# --- anticipata: contributions by sex, window by year of maturation -------------------------


@pytest.mark.parametrize(
    ("sesso", "anni", "mesi", "al", "maturazione", "decorrenza"),
    [
        # uomini, 514 = 42a10m already at 31/12/2025 → met 31/12/2025, window 2025 = 4 months:
        # 30/04/2026 (no 31/04), pension from 01/05/2026
        ("M", 42, 10, FINE_2025, D(2025, 12, 31), D(2026, 5, 1)),
        # one month short (513): met 31/01/2026, window 2026 = 5 → 30/06/2026, from 01/07/2026
        ("M", 42, 9, FINE_2025, D(2026, 1, 31), D(2026, 7, 1)),
        # donne, 502 = 41a10m: met 31/12/2025 (window 4) ...
        ("F", 41, 10, FINE_2025, D(2025, 12, 31), D(2026, 5, 1)),
        # ... and with 501: 31/01/2026 (window 5)
        ("F", 41, 9, FINE_2025, D(2026, 1, 31), D(2026, 7, 1)),
        # a woman with 502 is not a man: men need 514, twelve months later, 31/12/2026
        # (window 5 → 31/05/2027, from 01/06/2027)
        ("M", 41, 10, FINE_2025, D(2026, 12, 31), D(2027, 6, 1)),
    ],
)
def test_anticipata_uomini_donne(
    sesso: str, anni: int, mesi: int, al: date, maturazione: date, decorrenza: date
) -> None:
    d = persona(D(1962, 5, 10), sesso=sesso, anni=anni, mesi=mesi, al=al)
    assert date_di(d, "anticipata") == (maturazione, decorrenza)


@pytest.mark.parametrize(
    ("anni", "mesi", "al", "maturazione", "finestra", "decorrenza"),
    [
        # 2024: 509 at 30/06/2024 → 514 on 30/11/2024; 3 months → 28/02/2025; from 01/03/2025
        (42, 5, D(2024, 6, 30), D(2024, 11, 30), "3", D(2025, 3, 1)),
        # 31/12/2024 vs 01/01/2025: 514 at 31/12/2024 → window 3 → 31/03/2025 → 01/04/2025
        (42, 10, D(2024, 12, 31), D(2024, 12, 31), "3", D(2025, 4, 1)),
        # 513 at 01/12/2024 → 514 on 01/01/2025 → window 4 → 01/05/2025 → 02/05/2025
        (42, 9, D(2024, 12, 1), D(2025, 1, 1), "4", D(2025, 5, 2)),
        # 2025 vs 2026: 514 on 31/12/2025 → 4 → 30/04/2026 → 01/05/2026
        (42, 10, FINE_2025, D(2025, 12, 31), "4", D(2026, 5, 1)),
        # 513 at 01/12/2025 → 514 on 01/01/2026 → window 5 → 01/06/2026 → 02/06/2026
        (42, 9, D(2025, 12, 1), D(2026, 1, 1), "5", D(2026, 6, 2)),
        # 2026 vs 2027: 502 at 31/12/2025 → 514 on 31/12/2026 → 5 → 31/05/2027 → 01/06/2027
        (41, 10, FINE_2025, D(2026, 12, 31), "5", D(2027, 6, 1)),
        # 501 → 514 on 31/01/2027, but 2027 needs 515: 14 months → 28/02/2027;
        # window 7 → 28/09/2027 → 29/09/2027
        (41, 9, FINE_2025, D(2027, 2, 28), "7", D(2027, 9, 29)),
        # 2027 vs 2028: 491 → 515 in 24 months, 31/12/2027 (2027: 515) → 7 → 31/07/2028 → 01/08/2028
        (40, 11, FINE_2025, D(2027, 12, 31), "7", D(2028, 8, 1)),
        # 490 → 515 on 31/01/2028, but 2028 needs 517: 27 months → 31/03/2028;
        # window 9 → 31/12/2028 → 01/01/2029
        (40, 10, FINE_2025, D(2028, 3, 31), "9", D(2029, 1, 1)),
    ],
)
def test_finestra_per_anno_di_maturazione(
    anni: int, mesi: int, al: date, maturazione: date, finestra: str, decorrenza: date
) -> None:
    a = diritto(
        proietta_pensione(persona(D(1963, 6, 1), anni=anni, mesi=mesi, al=al), R), "anticipata"
    )
    assert (a.maturazione, a.decorrenza) == (maturazione, decorrenza)
    f = next(p for p in a.parametri if p.nome == "pensioni.finestra_anticipata_cpdel")
    assert f.valore == finestra
    assert f.da_confermare == (finestra != "3")  # 3 months confirmed; the rest to confirm
    assert f"per i requisiti maturati nel {maturazione.year}" in a.regola


def test_anticipata_senza_contributi() -> None:
    a = diritto(proietta_pensione(persona(D(1962, 5, 10)), R), "anticipata")
    assert (a.maturazione, a.decorrenza) == (None, None)
    assert a.nota == "contributi non indicati: anticipata non calcolabile"


def test_anticipata_gia_maturata_ricostruita_a_ritroso() -> None:
    # 44 anni (528) at 31/12/2025: 514 reached 14 months earlier, 31/10/2024 (window 3 →
    # 31/01/2025 → 01/02/2025)
    a = diritto(proietta_pensione(persona(D(1962, 5, 10), anni=44), R), "anticipata")
    assert (a.maturazione, a.decorrenza) == (D(2024, 10, 31), D(2025, 2, 1))
    assert a.nota is not None and "a ritroso" in a.nota


# --- quota 103 ---------------------------------------------------------------------------------


def test_quota103_maturata_il_31_dicembre_2025() -> None:
    # 62 on 31/12/2025 with 41 anni (492) that day: met 31/12/2025; PA window 9 months →
    # 30/09/2026 (no 31/09) → from 01/10/2026
    q = diritto(proietta_pensione(persona(D(1963, 12, 31), anni=41), R), "quota103")
    assert (q.maturazione, q.decorrenza) == (D(2025, 12, 31), D(2026, 10, 1))
    finestra = next(p for p in q.parametri if p.chiave == "finestra_pa")
    assert finestra.valore == "9"
    assert finestra.da_confermare  # the 2025 PA window is to confirm (docs/ricerca-issue-4 B.3)
    assert "finestra per i dipendenti pubblici di 9 mesi" in q.regola


def test_quota103_non_prorogata_dal_2026() -> None:
    # 62 on 01/01/2026: too late, quota 103 ends with requirements met by 31/12/2025
    q = diritto(proietta_pensione(persona(D(1964, 1, 1), anni=41), R), "quota103")
    assert (q.maturazione, q.decorrenza) == (None, None)
    assert q.nota == "requisiti non raggiunti entro il 31/12/2025"
    assert any(
        p.nome == "pensioni.quota103"
        and p.data_riferimento == D(2026, 1, 1)
        and p.valore == "non applicabile"
        for p in q.parametri
    )
    # contributions reached on 01/01/2026 (491 at 01/12/2025), age long reached: not met
    tardi = persona(D(1960, 6, 1), anni=40, mesi=11, al=D(2025, 12, 1))
    assert date_di(tardi, "quota103") == (None, None)
    # the same person with 492 at 31/12/2025 meets it that day
    assert date_di(persona(D(1960, 6, 1), anni=41), "quota103")[0] == D(2025, 12, 31)


def test_quota103_senza_contributi() -> None:
    q = diritto(proietta_pensione(persona(D(1963, 12, 31)), R), "quota103")
    assert q.maturazione is None
    assert q.nota == "contributi non indicati: quota 103 non calcolabile"


# --- limite ordinamentale -----------------------------------------------------------------


def test_limite_vecchio_regime_65_anni_con_anticipata() -> None:
    # 65 on 20/12/2024 with the anticipata met on 30/11/2024 (509 at 30/06/2024 + 5 months):
    # collocamento d'ufficio, regime until 31/12/2024; not before the anticipata's decorrenza
    # (window 3 → 28/02/2025 → 01/03/2025) although the age limit alone gives 01/01/2025
    d = persona(D(1959, 12, 20), anni=42, mesi=5, al=D(2024, 6, 30))
    lim = diritto(proietta_pensione(d, R), "limite_ordinamentale")
    assert (lim.maturazione, lim.decorrenza) == (D(2024, 12, 20), D(2025, 3, 1))
    assert "regime fino al 31/12/2024" in lim.regola
    assert "pensioni.pa_limiti_eta" in nomi(lim)


def test_limite_vecchio_regime_finestra_gia_trascorsa() -> None:
    # 44 anni at 31/12/2023 → anticipata 31/10/2022 (window 3 → 01/02/2023); 65 on 10/03/2023
    # → collocamento from 01/04/2023
    d = persona(D(1958, 3, 10), anni=44, al=D(2023, 12, 31))
    assert date_di(d, "limite_ordinamentale") == (D(2023, 3, 10), D(2023, 4, 1))


def test_limite_dal_2025_eta_di_vecchiaia() -> None:
    # 65 on 05/01/2025, after 31/12/2024: the old rule no longer applies even with the
    # anticipata met in 2024 (DFP 22982/2025). New limit: 67 on 05/01/2027 → 2027 requires
    # 67a1m → 05/02/2027; collocamento from 01/03/2027
    d = persona(D(1960, 1, 5), anni=42, mesi=5, al=D(2024, 6, 30))
    lim = diritto(proietta_pensione(d, R), "limite_ordinamentale")
    assert (lim.maturazione, lim.decorrenza) == (D(2027, 2, 5), D(2027, 3, 1))
    assert lim.regola.startswith(
        "limite ordinamentale: età della pensione di vecchiaia, 67 anni e 1 mese"
    )
    # 65 in 2024 but anticipata only on 31/01/2025 (513 at 31/12/2024): new regime,
    # 67 on 20/06/2026 (2026: 67 anni) → from 01/07/2026
    d2 = persona(D(1959, 6, 20), anni=42, mesi=9, al=D(2024, 12, 31))
    assert date_di(d2, "limite_ordinamentale") == (D(2026, 6, 20), D(2026, 7, 1))


def test_limite_senza_20_anni_resta_fino_al_minimo() -> None:
    # born 10/03/1960: limit 67a1m on 10/04/2027. 15 anni (180) at 31/12/2025 → 240 after 60
    # months, 31/12/2030, before 71 (10/03/2031): stays until then, leaves from 01/01/2031
    lim = diritto(proietta_pensione(persona(D(1960, 3, 10), anni=15), R), "limite_ordinamentale")
    assert (lim.maturazione, lim.decorrenza) == (D(2030, 12, 31), D(2031, 1, 1))
    assert "pensioni.pa_permanenza_minimo_contributivo" in nomi(lim)
    # 10 anni → 240 on 31/12/2035, after 71: leaves at the limit, without a vecchiaia right
    lim = diritto(proietta_pensione(persona(D(1960, 3, 10), anni=10), R), "limite_ordinamentale")
    assert (lim.maturazione, lim.decorrenza) == (D(2027, 4, 10), D(2027, 5, 1))
    assert lim.nota is not None and "senza diritto" in lim.nota


def test_limite_senza_contributi_presunti() -> None:
    lim = diritto(proietta_pensione(persona(D(1960, 3, 10)), R), "limite_ordinamentale")
    assert (lim.maturazione, lim.decorrenza) == (D(2027, 4, 10), D(2027, 5, 1))
    assert lim.nota is not None and "si presume" in lim.nota


# --- trattenimento -----------------------------------------------------------------------------


def test_trattenimento_fino_a_70_anni() -> None:
    # born 15/03/1960, trattenimento agreed: 70 on 15/03/2030, leaves from 01/04/2030
    d = persona(D(1960, 3, 15), anni=30, trattenimento=True)
    esito = proietta_pensione(d, R)
    t = diritto(esito, "trattenimento")
    assert (t.maturazione, t.decorrenza) == (D(2030, 3, 15), D(2030, 4, 1))
    assert esito.cessazione == t
    assert "pensioni.pa_limiti_eta" in nomi(t)
    # the limit is still reported: 67a1m on 15/04/2027
    assert diritto(esito, "limite_ordinamentale").maturazione == D(2027, 4, 15)


def test_trattenimento_nato_il_29_febbraio() -> None:
    # 70 on 29/02/2030 does not exist → 28/02/2030; leaves from 01/03/2030
    d = persona(D(1960, 2, 29), sesso="F", trattenimento=True)
    assert date_di(d, "trattenimento") == (D(2030, 2, 28), D(2030, 3, 1))


def test_trattenimento_non_previsto_nel_vecchio_regime() -> None:
    d = persona(D(1958, 3, 10), anni=44, al=D(2023, 12, 31), trattenimento=True)
    esito = proietta_pensione(d, R)
    t = diritto(esito, "trattenimento")
    assert t.maturazione is None
    assert esito.cessazione == diritto(esito, "limite_ordinamentale")


# --- 29 February -------------------------------------------------------------------------------


def test_nato_il_29_febbraio() -> None:
    # 67 on 28/02/2027 (2027 is not leap); 2027 requires 67a1m → 29/03/2027
    esito = proietta_pensione(persona(D(1960, 2, 29), sesso="F", anni=30), R)
    assert diritto(esito, "vecchiaia").maturazione == D(2027, 3, 29)
    assert diritto(esito, "limite_ordinamentale").decorrenza == D(2027, 4, 1)


# --- the two ipotesi -----------------------------------------------------------------------


def test_ipotesi_limite_ordinamentale_e_primo_diritto() -> None:
    # born 10/05/1964, 514 at 31/12/2025: anticipata 31/12/2025 → from 01/05/2026 (window 4);
    # no quota 103 (62 only in 2026); limit: 67 on 10/05/2031, 67a3m (807 kept after 2028)
    # on 10/08/2031 → from 01/09/2031
    d = persona(D(1964, 5, 10), anni=42, mesi=10)
    limite = proietta_pensione(d, R)
    primo = proietta_pensione(d, R, "primo_diritto")
    assert limite.cessazione is not None and primo.cessazione is not None
    assert limite.cessazione.tipo == "limite_ordinamentale"
    assert limite.cessazione.decorrenza == D(2031, 9, 1)
    assert primo.cessazione.tipo == "anticipata"
    assert primo.cessazione.decorrenza == D(2026, 5, 1)
    assert limite.diritti == primo.diritti
    assert [x.tipo for x in limite.diritti] == [
        "vecchiaia",
        "anticipata",
        "quota103",
        "limite_ordinamentale",
    ]


def test_primo_diritto_vecchiaia_prima_del_limite() -> None:
    # vecchiaia on demand starts the day after the birthday (15/02/2027 → 16/02/2027), the
    # collocamento d'ufficio on the first of the next month (01/03/2027)
    d = persona(D(1960, 1, 15), anni=35)
    assert proietta_pensione(d, R, "primo_diritto").cessazione.decorrenza == D(2027, 2, 16)  # type: ignore[union-attr]
    assert proietta_pensione(d, R).cessazione.decorrenza == D(2027, 3, 1)  # type: ignore[union-attr]


# --- the period, the tables, overrides -----------------------------------------------------


def test_oltre_fino_al() -> None:
    breve = RequisitiPensione.carica(P, D(2025, 1, 1), D(2030, 12, 31))
    esito = proietta_pensione(persona(D(1980, 5, 10), anni=20), breve)
    assert esito.cessazione is None
    for x in esito.diritti:
        assert x.maturazione is None
    assert diritto(esito, "vecchiaia").nota == "non maturato entro il 31/12/2030"
    # within the period the results are those of the long one; beyond it, none
    d = persona(D(1960, 1, 15), anni=35)
    for corto, lungo in zip(
        proietta_pensione(d, breve).diritti, proietta_pensione(d, R).diritti, strict=True
    ):
        if lungo.maturazione is not None and lungo.maturazione <= D(2030, 12, 31):
            assert (corto.maturazione, corto.decorrenza, corto.regola) == (
                lungo.maturazione,
                lungo.decorrenza,
                lungo.regola,
            )
        else:
            assert corto.maturazione is None


def test_periodo_vuoto() -> None:
    with pytest.raises(ErroreParametro, match="Periodo vuoto"):
        RequisitiPensione.carica(P, D(2026, 1, 1), D(2025, 1, 1))


def test_sovrascrittura_della_finestra() -> None:
    s = Sovrascrittura(
        nome="pensioni.finestra_anticipata_cpdel",
        valore="3",
        fonte=Fonte(atto="Circolare INPS di prova", articolo="punto 1", pubblicazione="inps.it"),
        motivazione="ambito della finestra lunga non applicabile all'iscritto",
    )
    r = RequisitiPensione.carica(Parametri.predefiniti([s]), D(2019, 1, 1), D(2060, 12, 31))
    # 513 at 31/12/2025 → 31/01/2026, window 3 instead of 5 → 30/04/2026 → from 01/05/2026
    a = diritto(proietta_pensione(persona(D(1962, 5, 10), anni=42, mesi=9), r), "anticipata")
    assert a.decorrenza == D(2026, 5, 1)
    assert any(p.sovrascritto for p in a.parametri)


def test_tabelle_pensioni() -> None:
    tab = P.tabelle
    assert [v.valore for v in tab["pensioni.vecchiaia_eta"].versioni] == [
        "804",
        "805",
        "807",
        "807",
    ]
    assert tab["pensioni.vecchiaia_eta"].versioni[-1].da_confermare is True
    assert [v.valore for v in tab["pensioni.finestra_anticipata_cpdel"].versioni] == [
        "3",
        "4",
        "5",
        "7",
        "9",
    ]
    assert tab["pensioni.quota103"].versioni[-1].valore is None
    assert tab["pensioni.quota103"].versioni[-1].dal == D(2026, 1, 1)
    limiti = tab["pensioni.pa_limiti_eta"].versioni
    assert limiti[0].al == D(2024, 12, 31) and limiti[1].dal == D(2025, 1, 1)
    assert limiti[1].valore == {"collocamento_65_con_anticipata": None, "trattenimento_max": "840"}
