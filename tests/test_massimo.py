"""`fabbisogni massimo` and `fabbisogni margini`: the answers are tight, checked with the engine.

Every check here builds its own copy of the case and runs :func:`fabbisogni.motore.verifica` on
it, independently of the solver's own path (which prepares the case once and reuses it): the
extra hires are left without cost, so the engine costs them itself from the CCNL tables or the
ente's ``costi_profilo``. Hand figures come from the fixtures' READMEs and ``docs/costi.md``.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from fabbisogni.analisi.massimo import (
    EsitoMassimo,
    OpzioneNonValida,
    margini,
    massimo,
    massimo_profili,
)
from fabbisogni.caso.fascicolo import Assunzione, Cessazione, EntratePreviste, Fascicolo
from fabbisogni.caso.lettura import leggi_fascicolo
from fabbisogni.motore import verifica
from fabbisogni.risultato import AnnoRisultato, Risultato
from tests.conftest import FIXTURES
from tests.test_input import esegui

D = Decimal


def caso(nome: str) -> Fascicolo:
    return leggi_fascicolo(FIXTURES / nome)


def con_assunzioni(f: Fascicolo, e: EsitoMassimo, n: int) -> Risultato:
    """The case with ``n`` more hires like the solver's, left uncosted: the engine costs them
    (CCNL tables or the ente's profile costs). When the plan already has the same figure with
    a cost typed in, the solver uses that cost (as a new row of the plan would): the rows carry
    it, and the test checks it is the plan row's."""
    c = e.costo
    costi: dict[str, Decimal | None] = {}
    if c.origine == "piano":
        uguali = [
            a
            for a in f.piano_assunzioni
            if a.profilo.casefold() == c.profilo.casefold() and a.costo_annuo is not None
        ]
        assert any(a.costo_annuo == c.annuo and a.fte == c.fte for a in uguali) or c.fte != 1
        costi = {"costo_annuo": c.annuo, "costo_annuo_con_irap": c.annuo_con_irap}
    righe = [
        Assunzione(
            id=f"T{i}",
            anno=c.anno,
            area=c.area,
            profilo=c.profilo,
            fte=c.fte,
            tipo_contratto=c.tipo_contratto,
            mese_inizio=c.mese_inizio,
            **costi,
        )
        for i in range(1, n + 1)
    ]
    # riferimento: the case's own plan, for which its declared 557 forecasts were written
    return verifica(
        f.model_copy(update={"piano_assunzioni": [*f.piano_assunzioni, *righe]}), riferimento=f
    )


def anno(r: Risultato, a: int) -> AnnoRisultato:
    return next(x for x in r.anni if x.anno == a)


def esito(r: Risultato, limite: str, a: int) -> bool | None:
    x = anno(r, a)
    return {"dm": x.esito_dm, "557": x.esito_557, "flessibile": x.esito_flessibile}[limite]


def margine(r: Risultato, limite: str, a: int) -> Decimal | None:
    x = anno(r, a)
    return {"dm": x.margine_dm, "557": x.margine_557, "flessibile": x.margine_flessibile}[limite]


def superati(r: Risultato) -> list[tuple[str, int]]:
    return [
        (lim, x.anno)
        for x in r.anni
        for lim in ("dm", "557", "flessibile")
        if esito(r, lim, x.anno) is False
    ]


def senza(f: Fascicolo, *ids: str) -> Fascicolo:
    return f.model_copy(
        update={"piano_assunzioni": [a for a in f.piano_assunzioni if a.id not in ids]}
    )


# --- tightness on every kind of case ------------------------------------------------------------

TIGHT = [
    ("sintetico-virtuoso-2025", "Istruttore amministrativo", 2025, {}),
    (
        "sintetico-virtuoso-2025",
        "Funzionario tecnico PNRR",
        2027,
        {"tipo_contratto": "tempo_determinato", "fte": "0,1"},
    ),
    ("sintetico-virtuoso-2024", "Funzionario contabile", 2024, {"mese_inizio": 7}),
    ("sintetico-sopra-soglia", "Istruttore amministrativo part-time 30%", 2025, {"fte": "0,1"}),
    ("sintetico-sopra-soglia", "Operatore esperto", 2024, {"fte": "0,2"}),
    ("sintetico-personale", "Agente di Polizia Locale", 2027, {}),
    (
        "sintetico-personale",
        "Specialista in attività contabili",
        2028,
        {"mese_inizio": 5, "fte": "0,5"},
    ),
    ("casorate-primo-2024", "Istruttore amministrativo", 2024, {}),
    ("casorate-primo-2024", "Specialista in attività tecniche", 2025, {"mese_inizio": 4}),
    ("sintetico-virtuoso-2024", "Istruttore amministrativo", 2025, {}),
    (
        "sintetico-virtuoso-2024",
        "Agente di Polizia Locale",
        2026,
        {"tipo_contratto": "tempo determinato"},
    ),
    ("alzano-lombardo-2023", "Agente di polizia locale", 2023, {"mese_inizio": 4}),
]


@pytest.mark.parametrize(("nome", "profilo", "a", "opzioni"), TIGHT)
def test_answer_is_tight(nome: str, profilo: str, a: int, opzioni: dict) -> None:
    f = caso(nome)
    e = massimo(f, profilo, a, **opzioni)
    assert e.gia_superati == []  # the case in breach is tested below
    n = e.assunzioni
    assert n is not None
    # n hires: every verifiable limit holds in every year
    r_n = con_assunzioni(f, e, n)
    assert superati(r_n) == [], (n, superati(r_n))
    # the room reported is the engine's after n hires
    for s in e.margini:
        assert margine(r_n, s.limite, s.anno) == s.margine
    # n + 1 hires: the named limit breaks, in the named year, by the named amount
    r_oltre = con_assunzioni(f, e, n + 1)
    v = e.ferma
    assert v is not None
    assert esito(r_oltre, v.limite, v.anno) is False
    assert margine(r_oltre, v.limite, v.anno) == -v.eccedenza
    assert v.eccedenza > 0
    assert {(x.limite, x.anno) for x in e.superati_oltre} == set(superati(r_oltre))
    # and the limits that cannot be verified are said
    nv = {
        (lim, x.anno)
        for x in r_n.anni
        for lim in ("dm", "557", "flessibile")
        if esito(r_n, lim, x.anno) is None
    }
    assert nv <= {(x.limite, x.anno) for x in e.non_verificabili}


def test_several_fixtures_give_a_positive_count() -> None:
    # the tightness test is not only about n = 0
    conteggi = [massimo(caso(n), p, a, **o).assunzioni for n, p, a, o in TIGHT]
    assert sum(1 for c in conteggi if c and c >= 1) >= 5, conteggi


def test_unit_cost_is_the_engine_cost() -> None:
    # docs/costi.md: an Istruttore from the CCNL 2024-2025 tables, INAIL not given (a profile
    # the plan does not have, so nothing but the tables can cost it)
    e = massimo(caso("sintetico-virtuoso-2025"), "Istruttore contabile", 2025, area="Istruttori")
    assert e.costo.origine == "ccnl"
    # 22.986,59 + 13ª 1.915,55 + comparto 549,60 = 25.451,74; + CPDEL 23,80% 6.057,51
    # + TFS 2,88% 733,01 = 32.242,26; + IRAP 8,50% 2.163,40 = 34.405,66
    assert e.costo.annuo == D("32242.26")
    assert e.costo.annuo_con_irap == D("34405.66")
    # the ente's own cost of the profile (costi_profilo) wins over the tables
    p = massimo(caso("sintetico-personale"), "Agente di Polizia Locale", 2027)
    assert (p.costo.origine, p.costo.annuo, p.costo.annuo_con_irap) == (
        "profilo",
        D("36500.00"),
        D("38900.00"),
    )


# --- hand arithmetic on sintetico-virtuoso-2025 ----------------------------------------------


def test_hand_virtuoso_2025_no_room() -> None:
    """README: DM margin 10.000 in 2025, 2.200 in 2026 and 2027 (limit 707.200, spesa 705.000).
    A hire in 2025 weighs a regime on 2026 too: room 2.200 ÷ 32.242,26 (an Istruttore from the
    CCNL tables) → 0, and the first hire breaks the DM limit of 2026 (the smallest margin), not
    that of 2025."""
    e = massimo(caso("sintetico-virtuoso-2025"), "Istruttore contabile", 2025, area="Istruttori")
    assert e.assunzioni == 0
    assert e.gia_superati == []
    assert e.ferma is not None
    assert (e.ferma.limite, e.ferma.anno, e.ferma.regola) == ("dm", 2026, "tabella_1")
    assert e.ferma.eccedenza == D("32242.26") - D("2200.00")  # 30.042,26
    assert e.non_verificabili == []


def test_a_profile_of_the_plan_costs_as_in_the_plan() -> None:
    """sintetico-virtuoso-2025 has an Istruttore amministrativo (A1) costing 35.000,00, 37.975,00
    with IRAP, typed by the ente: one more costs the same, not the CCNL 32.242,26. The first
    breaks the DM limit of 2026 by 35.000 − 2.200 = 32.800."""
    f = caso("sintetico-virtuoso-2025")
    e = massimo(f, "Istruttore amministrativo", 2025)
    assert (e.costo.origine, e.costo.annuo, e.costo.annuo_con_irap) == (
        "piano",
        D("35000.00"),
        D("37975.00"),
    )
    assert e.costo.nota is not None and "Riga A1 del piano" in e.costo.nota
    assert e.ferma is not None and e.ferma.eccedenza == D("32800.00")
    # half time: 35.000 × 0,5 = 17.500, 37.975 × 0,5 = 18.987,50
    m = massimo(f, "istruttore  AMMINISTRATIVO", 2025, fte="0,5")
    assert (m.costo.origine, m.costo.annuo, m.costo.annuo_con_irap) == (
        "piano",
        D("17500.00"),
        D("18987.50"),
    )
    # sintetico-sopra-soglia: a part-time row (FTE 0,3, 9.000 / 9.765) is brought to full time,
    # 30.000 / 32.550, then to the FTE asked: 0,1 → 3.000 / 3.255
    s = massimo(
        caso("sintetico-sopra-soglia"), "Istruttore amministrativo part-time 30%", 2025, fte="0,1"
    )
    assert (s.costo.origine, s.costo.annuo, s.costo.annuo_con_irap) == (
        "piano",
        D("3000.00"),
        D("3255.00"),
    )
    # the ente's cost of the profile (costi_profilo) still comes first: tested above with the
    # Agente di Polizia Locale of sintetico-personale


def test_hand_virtuoso_2025_without_a3() -> None:
    """Without A3 (35.000 from 2026): DM margin 2026 = 707.200 − 670.000 = 37.200; the 557
    margin 2027 = 780.000 − (777.325 − 37.975) = 40.650. An Istruttore from January 2026 costs
    (CCNL 2026) 23.138,75 + 1.928,23 + 397,44 = 25.464,42, + CPDEL 6.060,53 + TFS 733,38 =
    32.258,33, + IRAP 2.164,48 = 34.422,81. DM: 37.200 ÷ 32.258,33 = 1,15; 557: 40.650 ÷
    34.422,81 = 1,18 → 1 hire; the 2nd breaks the DM limit of 2026 by 2 × 32.258,33 − 37.200."""
    f = senza(caso("sintetico-virtuoso-2025"), "A3")
    e = massimo(f, "Istruttore contabile", 2026, area="Istruttori")
    assert e.costo.annuo == D("32258.33")
    assert e.costo.annuo_con_irap == D("34422.81")
    assert e.assunzioni == 1
    assert e.ferma is not None
    assert (e.ferma.limite, e.ferma.anno) == ("dm", 2026)
    assert e.ferma.eccedenza == 2 * D("32258.33") - D("37200")  # 27.316,66
    anche = {(v.limite, v.anno): v.eccedenza for v in e.superati_oltre}
    assert anche[("557", 2027)] == 2 * D("34422.81") - D("40650")  # 28.195,62
    resta = {(s.limite, s.anno): s.margine for s in e.margini}
    assert resta[("dm", 2026)] == D("37200") - D("32258.33")
    assert resta[("557", 2027)] == D("40650") - D("34422.81")

    # several profiles: the same room in euro, from 2026
    p = massimo_profili(f, ["Istruttore amministrativo", "Istruttore tecnico"], 2026)
    spazio = {s.limite: (s.importo, s.anno_vincolante) for s in p.spazio}
    assert spazio["dm"] == (D("37200.00"), 2026)
    assert spazio["557"] == (D("40650.00"), 2027)
    assert "flessibile" not in spazio  # a tempo indeterminato hire does not weigh on it
    assert [x.assunzioni for x in p.profili] == [1, 1]


def test_later_year_binds_for_the_557() -> None:
    """sintetico-virtuoso-2024: 557 margins 35.225 in 2025 and 40.650 in 2026, DM margin 61.000
    in 2025. An Istruttore from July 2025 (32.242,26; with IRAP 34.405,66) weighs on the 557 for
    6/12 in 2025 (17.202,83) and in full from 2026: two fit 2025 (34.405,66 ≤ 35.225) but not
    2026 (68.811,32 > 40.650). The DM, a regime, would allow 61.000 ÷ 32.242,26 = 1,89. So: one
    hire, and the 557 of 2026, the year after the hire, stops the second, by 28.161,32."""
    e = massimo(
        caso("sintetico-virtuoso-2024"),
        "Istruttore contabile",
        2025,
        mese_inizio=7,
        area="Istruttori",
    )
    assert e.assunzioni == 1
    assert e.ferma is not None
    assert (e.ferma.limite, e.ferma.anno, e.ferma.regola) == ("557", 2026, "557-quater")
    assert e.ferma.eccedenza == 2 * D("34405.66") - D("40650")
    assert e.costo.competenza_con_irap == D("17202.83")


# --- already in breach ---------------------------------------------------------------------------


def test_case_already_in_breach() -> None:
    """sintetico-intermedio: DM limit 580.000, spesa 610.000 in 2026 and 2027 (README)."""
    e = massimo(caso("sintetico-intermedio"), "Istruttore tecnico", 2025)
    assert e.assunzioni == 0
    assert e.ferma is None
    assert [(v.limite, v.anno, v.regola, v.eccedenza) for v in e.gia_superati] == [
        ("dm", 2026, "intermedio", D("30000.00")),
        ("dm", 2027, "intermedio", D("30000.00")),
    ]


# --- part-time -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nome", "profilo", "a"),
    [
        ("casorate-primo-2024", "Istruttore amministrativo", 2024),
        ("sintetico-personale", "Agente di Polizia Locale", 2027),
        ("sintetico-virtuoso-2024", "Istruttore contabile", 2025),
    ],
)
def test_half_time_gives_about_twice(nome: str, profilo: str, a: int) -> None:
    f = caso(nome)
    area = "Istruttori" if profilo == "Istruttore contabile" else None
    pieno = massimo(f, profilo, a, area=area).assunzioni
    meta = massimo(f, profilo, a, fte="0,5", area=area).assunzioni
    assert pieno is not None and meta is not None
    assert pieno >= 1
    # floor(R ÷ (c/2)) is 2·floor(R ÷ c) or one more
    assert meta in (2 * pieno, 2 * pieno + 1), (pieno, meta)


# --- bad requests ----------------------------------------------------------------------------------


def test_bad_requests_in_the_api() -> None:
    f = caso("sintetico-virtuoso-2025")
    with pytest.raises(OpzioneNonValida, match="non presente nel fascicolo"):
        massimo(f, "Astronauta", 2025)
    with pytest.raises(OpzioneNonValida, match="fuori dal triennio"):
        massimo(f, "Istruttore amministrativo", 2030)
    with pytest.raises(OpzioneNonValida, match="fuori intervallo"):
        massimo(f, "Istruttore amministrativo", 2025, fte="1,5")
    with pytest.raises(OpzioneNonValida, match="fuori intervallo"):
        massimo(f, "Istruttore amministrativo", 2025, fte=0)
    with pytest.raises(OpzioneNonValida, match="area «Pilota» non riconosciuta"):
        massimo(f, "Astronauta", 2025, area="Pilota")
    # an unknown profile with its area is fine, costed from the tables
    e = massimo(f, "Astronauta", 2025, area="Istruttori")
    assert e.costo.area == "Istruttori" and e.costo.origine == "ccnl"


# --- margini ---------------------------------------------------------------------------------------


def _con_entrate(f: Fascicolo, a: int, nette: Decimal) -> Risultato:
    """The case with the entrate nette of year ``a`` set to ``nette`` (FCDE kept)."""
    vecchie = next((e for e in f.entrate_previste if e.anno == a), None)
    fcde = vecchie.fcde if vecchie else D(0)
    nuove = EntratePreviste(anno=a, entrate_correnti=nette + fcde, fcde=fcde)
    altre = [e for e in f.entrate_previste if e.anno != a]
    return verifica(f.model_copy(update={"entrate_previste": [*altre, nuove]}))


def test_entrate_fall_tabella_1_by_hand() -> None:
    """Tabella 1: limit = 27,2% × entrate; the fall is margin ÷ 27,2%, to the cent, down.
    2025: 10.000 ÷ 0,272 = 36.764,70(5…); 2026: 2.200 ÷ 0,272 = 8.088,23(5…)."""
    f = caso("sintetico-virtuoso-2025")
    m = {x.anno: x for x in margini(f)}
    assert m[2025].entrate.caduta_massima == D("36764.70")
    assert m[2025].entrate.caduta_percentuale == D("0.014706")  # 36.764,70 ÷ 2.500.000
    assert (m[2025].entrate.anno_superato, m[2025].entrate.regola) == (2025, "tabella_1")
    assert m[2026].entrate.caduta_massima == D("8088.23")
    assert m[2027].entrate.caduta_massima == D("8088.23")
    # exactly that fall keeps the limit; one cent, or one euro, more breaks it
    for a, base in ((2025, D("2500000")), (2026, D("2600000"))):
        caduta = m[a].entrate.caduta_massima
        assert esito(_con_entrate(f, a, base - caduta), "dm", a) is True
        assert esito(_con_entrate(f, a, base - caduta - D("0.01")), "dm", a) is False
        assert esito(_con_entrate(f, a, base - caduta - D("1")), "dm", a) is False


def test_entrate_other_rules() -> None:
    # intermedio: limit = 29% × entrate of the year; 2025 at the limit (margin 0): no fall;
    # 2026 broken by 30.000: entrate must rise to 610.000 ÷ 0,29 = 2.103.448,27(6…) → +103.448,28
    m = {x.anno: x for x in margini(caso("sintetico-intermedio"))}
    assert m[2025].entrate.caduta_massima == D("0.00")
    assert m[2026].entrate.aumento_necessario == D("103448.28")
    f = caso("sintetico-intermedio")
    assert esito(_con_entrate(f, 2026, D("2103448.28")), "dm", 2026) is True
    assert esito(_con_entrate(f, 2026, D("2103448.27")), "dm", 2026) is False
    # sopra soglia 2024, rientro graduale: 330.000 ÷ (1.000.000 − x) < 35% → x < 57.142,857…
    s = {x.anno: x for x in margini(caso("sintetico-sopra-soglia"))}
    assert s[2024].entrate.caduta_massima == D("57142.85")
    assert s[2024].entrate.regola == "rientro_graduale"
    # turn over 30% from 2025: the limit does not depend on the entrate
    assert s[2025].entrate.caduta_massima is None and s[2025].entrate.verificabile
    assert s[2025].entrate.regola == "turnover_30"


def test_spesa_margins_and_rules_named() -> None:
    m = margini(caso("casorate-primo-2024"))
    a24 = {x.limite: x for x in m[0].limiti}
    # By hand: limit 26,9% × 5.128.974,00 = 1.379.694,01; spesa 2024 a regime = 1.266.856,58
    # + hires (32.747,89 + 3 × 30.150,00) − cessations (32.747,89 + 2 × 30.150,00) =
    # 1.297.006,58; margin 1.379.694,01 − 1.297.006,58 = 82.687,43.
    assert a24["dm"].margine == D("82687.43")
    assert a24["dm"].regola == "tabella_1"
    assert a24["557"].margine == D("44715.00")
    assert a24["557"].regola == "557-quater"
    # 557 not verifiable in 2025 and 2026 (README); 2024 is the ente's declared forecast
    # (1.297.888,00 in its PIAO), which a what-if moves by what it adds: 1.342.603,00 −
    # 1.297.888,00 = 44.715,00 of room, verifiable
    assert [x.limiti[1].esito for x in m] == [True, None, None]
    # a permanent rise from 2025 on: the smallest DM margin from 2025 on
    assert m[1].limiti[0].margine_permanente == D("82687.43")
    # the 557 of 2025-2026 cannot be verified: no permanent room can be stated from 2024 on,
    # though the 2024 figure itself has a margin
    assert a24["557"].margine_permanente is None


def test_cessations_needed_intermedio() -> None:
    """DM 2026 over by 30.000; the case's only cessation costs 32.000: one is enough."""
    m = {x.anno: x for x in margini(caso("sintetico-intermedio"))}
    dm = m[2026].limiti[0]
    assert dm.esito is False and dm.riduzione_necessaria == D("30000.00")
    assert dm.cessazioni is not None and dm.cessazioni.numero == 1
    media = m[2026].cessazione_media
    assert media is not None
    assert (media.origine, media.annuo) == ("cessazioni", D("32000.00"))


def test_cessations_needed_above_tabella_3() -> None:
    """sintetico-sopra-soglia with 30.000 more hired in 2025: spesa 339.000, turn over limit
    315.000, margin −24.000. Above Tabella 3 a cessation frees only 30% of its cost for the turn
    over (limit = spesa del rendiconto − 70% of the cessations): with the average cessation
    (20.000 + 30.000 + 20.000) ÷ 3 = 23.333,33 that alone would take ⌈24.000 ÷ 7.000⌉ = 4. But
    two cessations bring the spesa to 339.000 − 46.666,66 = 292.333,34, under the Tabella 3
    threshold 32,6% × 900.000 = 293.400: the limit holds as «rientrato». One is not enough
    (315.666,67 > 298.666,67 and > 293.400). The engine finds 2."""
    f = caso("sintetico-sopra-soglia")
    extra = Assunzione(
        id="X",
        anno=2025,
        area="Istruttori",
        profilo="Istruttore",
        costo_annuo=D("30000.00"),
        costo_annuo_con_irap=D("32550.00"),
    )
    g = f.model_copy(update={"piano_assunzioni": [*f.piano_assunzioni, extra]})
    m = {x.anno: x for x in margini(g)}
    dm = m[2025].limiti[0]
    assert (dm.esito, dm.regola, dm.margine) == (False, "turnover_30", D("-24000.00"))
    assert dm.cessazioni is not None and dm.cessazioni.numero == 2

    def con_cessazioni(k: int) -> Risultato:
        righe = [
            Cessazione(
                id=f"K{i}",
                anno=2025,
                mese=1,
                area="Istruttori",
                profilo="media",
                causa="altro",
                costo_annuo=D("23333.33"),
                costo_annuo_con_irap=D("25316.67"),
            )
            for i in range(k)
        ]
        return verifica(g.model_copy(update={"cessazioni": [*g.cessazioni, *righe]}))

    assert esito(con_cessazioni(2), "dm", 2025) is True
    assert anno(con_cessazioni(2), 2025).regola_dm == "rientrato"
    assert esito(con_cessazioni(1), "dm", 2025) is False


def test_cessations_do_not_fix_flexible_work() -> None:
    """sintetico-piccolo-562, 2026: comma 562 over by 13.825 (one average cessation, from the
    plan's hires: (30.000 + 15.000) ÷ 2 with IRAP 24.412,50, is enough); flexible work over by
    9.000, which cessations do not reduce."""
    m = {x.anno: x for x in margini(caso("sintetico-piccolo-562"))}
    lim = {x.limite: x for x in m[2026].limiti}
    assert lim["557"].regola == "562"
    assert lim["557"].cessazioni is not None and lim["557"].cessazioni.numero == 1
    assert m[2026].cessazione_media is not None
    assert m[2026].cessazione_media.origine == "piano"
    assert m[2026].cessazione_media.annuo_con_irap == D("24412.50")
    assert lim["flessibile"].cessazioni is not None
    assert lim["flessibile"].cessazioni.numero is None
    assert "flessibil" in (lim["flessibile"].cessazioni.nota or "")


# --- command line ----------------------------------------------------------------------------------


def test_cli_massimo_console_and_json() -> None:
    caso_ = FIXTURES / "casorate-primo-2024"
    r = esegui(caso_, "--profilo", "Istruttore amministrativo", "--anno", "2024", comando="massimo")
    assert r.returncode == 0, r.stderr
    assert "1 assunzione in più" in r.stdout
    assert "non verificabili" in r.stdout  # the 557 of 2025 and 2026
    r = esegui(
        caso_,
        "--profilo",
        "Istruttore amministrativo",
        "--anno",
        "2024",
        "--fte",
        "0,5",
        "--json",
        comando="massimo",
    )
    assert r.returncode == 0, r.stderr
    dati = json.loads(r.stdout)
    # as the plan's A3: 30.150,00 / 32.166,64 a tempo pieno, × 0,5 = 15.075,00 / 16.083,32.
    # DM margin 82.687,43: 5 would fit. The declared 557 forecast 2024, moved by the hires
    # (from January: all 12 months), has 44.715,00: 2 × 16.083,32 = 32.166,64 fit, the 3rd
    # exceeds by 3 × 16.083,32 − 44.715,00 = 3.534,96
    assert dati["costo"]["annuo"] == "15075.00"
    assert dati["costo"]["annuo_con_irap"] == "16083.32"
    assert dati["costo"]["origine"] == "piano"
    assert dati["assunzioni"] == 2
    assert dati["ferma"]["limite"] == "557" and dati["ferma"]["eccedenza"] == "3534.96"


def test_cli_massimo_several_profiles() -> None:
    r = esegui(
        FIXTURES / "sintetico-personale",
        "--profilo",
        "Agente di Polizia Locale",
        "--profilo",
        "Educatore",
        "--area",
        "Istruttori",
        "--anno",
        "2028",
        comando="massimo",
    )
    assert r.returncode == 0, r.stderr
    assert "scelta dell'ente" in r.stdout
    assert "oppure" in r.stdout


def test_cli_margini() -> None:
    r = esegui(FIXTURES / "sintetico-intermedio", comando="margini")
    assert r.returncode == 0, r.stderr
    assert "serve 1 cessazione media" in r.stdout
    r = esegui(FIXTURES / "sintetico-virtuoso-2025", "--json", comando="margini")
    assert r.returncode == 0, r.stderr
    dati = json.loads(r.stdout)
    assert dati["anni"][0]["entrate"]["caduta_massima"] == "36764.70"


@pytest.mark.parametrize(
    ("opzioni", "messaggio"),
    [
        (("--profilo", "Astronauta", "--anno", "2025"), "non presente nel fascicolo"),
        (("--profilo", "Istruttore amministrativo", "--anno", "2030"), "fuori dal triennio"),
        (("--profilo", "Istruttore amministrativo", "--anno", "duemila"), "non è un numero intero"),
        (
            ("--profilo", "Istruttore amministrativo", "--anno", "2025", "--fte", "1,5"),
            "fuori intervallo",
        ),
        (
            ("--profilo", "Istruttore amministrativo", "--anno", "2025", "--fte", "0"),
            "fuori intervallo",
        ),
        (
            ("--profilo", "Istruttore amministrativo", "--anno", "2025", "--fte", "mezzo"),
            "non è un numero",
        ),
        (
            ("--profilo", "Istruttore amministrativo", "--anno", "2025", "--mese-inizio", "13"),
            "da 1 a 12",
        ),
        (("--profilo", "Astronauta", "--anno", "2025", "--area", "Pilota"), "non riconosciuta"),
        (("--anno", "2025"), "--profilo"),
        (("--profilo", "Istruttore amministrativo"), "--anno"),
    ],
)
def test_cli_bad_options_exit_2_in_italian(opzioni: tuple[str, ...], messaggio: str) -> None:
    r = esegui(FIXTURES / "sintetico-virtuoso-2025", *opzioni, comando="massimo")
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert "Errore: richiesta non valida." in r.stderr
    assert messaggio in r.stderr, r.stderr
    assert r.stdout == ""


def test_cli_bad_case_exit_2() -> None:
    r = esegui(FIXTURES / "non-esiste", comando="margini")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr


def test_answer_is_conditional_on_what_cannot_be_verified() -> None:
    # Casorate: the 557 of 2025 and 2026 cannot be verified (README): the answer says so. The
    # 2024 one is the ente's declared forecast, moved by the added hires: it is verified, and it
    # stops the 2nd Istruttore from January (as the plan's A3: 32.166,64 with IRAP): 2 ×
    # 32.166,64 − 44.715,00 = 19.618,28 over
    e = massimo(caso("casorate-primo-2024"), "Istruttore amministrativo", 2024)
    assert [(x.limite, x.anno) for x in e.non_verificabili] == [("557", 2025), ("557", 2026)]
    assert e.assunzioni == 1
    assert e.ferma is not None
    assert (e.ferma.limite, e.ferma.anno) == ("557", 2024)
    assert e.ferma.eccedenza == 2 * D("32166.64") - D("44715.00")
    # Alzano: preconditions not documented are listed beside the count
    a = massimo(caso("alzano-lombardo-2023"), "Istruttore tecnico", 2024)
    assert a.assunzioni is not None and a.assunzioni >= 1
    assert "asseverazione degli equilibri" in a.presupposti_non_documentati


def test_margini_sopra_soglia_rientrato_regge_per_il_turn_over() -> None:
    """Above Tabella 3, 2025 with a 300.000 cessation (tests/test_regole.py): spesa 1.100.000,
    limit the higher of 30,9% × 4.000.000 = 1.236.000 and the turn over 1.400.000 − 300.000 +
    30% × 300.000 = 1.190.000. Falling entrate lower the first, never the second, which the
    spesa keeps: the limit holds with any fall, but because the rule changes, not because the
    Tabella 3 limit ignores the entrate."""
    from tests.test_regole import caso as caso_regole
    from tests.test_regole import cessazione

    f = caso_regole(spesa=1_400_000, cessazioni=[cessazione("C1", 2025, 1, 300_000)])
    anni = {a.anno: a for a in margini(f)}
    dm = next(x for x in anni[2025].limiti if x.limite == "dm")
    assert dm.regola == "rientrato"
    assert dm.margine == Decimal(136_000)  # 1.236.000 − 1.100.000
    e = anni[2025].entrate
    assert e.caduta_massima is None
    assert e.nota is not None
    assert "con entrate più basse vale D.M. 17/03/2020 (turn over 30%)" in e.nota
    assert "Tabella 3" in e.nota
    # 2024: no cessation yet, the ratio equals the rendiconto's 35% and must fall strictly:
    # broken, by nothing — the margin says −0,01, not 0,00
    dm24 = next(x for x in anni[2024].limiti if x.limite == "dm")
    assert dm24.esito is False
    assert dm24.margine == Decimal("-0.01")
