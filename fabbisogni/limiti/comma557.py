"""Tetto di spesa di personale: art. 1 commi 557, 557-bis, 557-ter, 557-quater, 562 L. 296/2006.

Prospetto: columns *base · last rendiconto · previsione N, N+1, N+2*; rows (A) totale spese di
personale, (B) componenti escluse, (C) maggior spesa DM 17/03/2020 art. 7 c.1, (A−B−C) componenti
assoggettate al limite, limite, margine. A previsione the case does not give is derived from the
rendiconto column and the plan (costs with IRAP, di competenza) and marked as derived.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from fabbisogni.caso.fascicolo import Anno557, Colonna557, Fascicolo, Voce
from fabbisogni.limiti.movimenti import (
    DODICI,
    mesi_in_servizio,
    mesi_senza_servizio,
    pnrr_in_deroga,
)
from fabbisogni.numeri import euro
from fabbisogni.parametri import Parametri
from fabbisogni.traccia import Passo, dato, passo

RIF_557 = "art. 1, commi 557, 557-quater e 562, L. 296/2006"


def norma_divieto(comma: str) -> str:
    """The norm that bars hiring when the tetto is breached: comma 557-ter (with art. 76 c.4
    D.L. 112/2008) for the comuni under comma 557-quater, comma 562 itself for the others."""
    if comma == "562":
        return "art. 1, comma 562, L. 296/2006"
    return "art. 1, comma 557-ter, L. 296/2006; art. 76, comma 4, D.L. 112/2008"


class Colonna(BaseModel):
    etichetta: str
    anno: int | None
    totale: Decimal  # A
    escluse: Decimal  # B
    maggior_spesa_dm: Decimal  # C
    assoggettata: Decimal  # A-B-C
    derivata: bool = False
    limite: Decimal | None = None
    margine: Decimal | None = None
    esito: bool | None = None


class Esito557(BaseModel):
    presente: bool
    comma: str
    soglia_abitanti: Decimal
    base_tipo: str | None
    limite: Decimal | None
    colonne: list[Colonna]
    anni: dict[int, Colonna]
    passi: list[Passo]


def _colonna(etichetta: str, anno: int | None, c: Colonna557, derivata: bool = False) -> Colonna:
    a = sum((v.importo for v in c.componenti), Decimal(0))
    b = sum((v.importo for v in c.escluse), Decimal(0))
    return Colonna(
        etichetta=etichetta,
        anno=anno,
        totale=a,
        escluse=b,
        maggior_spesa_dm=c.maggior_spesa_dm,
        assoggettata=a - b - c.maggior_spesa_dm,
        derivata=derivata,
    )


def verifica_557(f: Fascicolo, parametri: Parametri) -> Esito557:
    soglia, p_soglia = parametri.leggi("l296.soglia_abitanti_comma_562", date(f.primo_anno, 12, 31))
    piccolo = Decimal(f.ente.popolazione) <= soglia
    comma = "562" if piccolo else "557-quater"
    passi = [
        passo(
            "557.comma",
            "Norma applicabile",
            f"popolazione {f.ente.popolazione} {'≤' if piccolo else '>'} {soglia} abitanti: "
            + ("comma 562 (spesa 2008)" if piccolo else "comma 557-quater (media 2011-2013)"),
            comma,
            "testo",
            parametri=[p_soglia],
            riferimento=RIF_557,
        )
    ]
    c557 = f.comma_557
    if c557 is None:
        passi.append(
            passo(
                "557.assente",
                "Prospetto comma 557",
                "il fascicolo non contiene il prospetto",
                None,
                "testo",
            )
        )
        return Esito557(
            presente=False,
            comma=comma,
            soglia_abitanti=soglia,
            base_tipo=None,
            limite=None,
            colonne=[],
            anni={},
            passi=passi,
        )

    base = _colonna(
        "media 2011-2013" if c557.base.tipo == "media_2011_2013" else "spesa 2008", None, c557.base
    )
    limite = base.totale - base.escluse
    passi.append(
        passo(
            "557.limite",
            "Limite di spesa",
            f"{base.etichetta}: totale (A) − componenti escluse (B)",
            euro(limite),
            input=[dato("A", base.totale), dato("B", base.escluse)],
            riferimento=RIF_557,
        )
    )
    colonne = [base]
    rend: Colonna | None = None
    if c557.rendiconto is not None:
        rend = _colonna(f"rendiconto {c557.rendiconto.anno}", c557.rendiconto.anno, c557.rendiconto)
        colonne.append(rend)
    previste = {p.anno: p for p in c557.previsioni}
    anni: dict[int, Colonna] = {}
    for anno in f.anni_piano:
        if anno in previste:
            col = _colonna(f"previsione {anno}", anno, previste[anno])
            formula = "A − B − C dalla previsione del fascicolo"
        elif c557.rendiconto is not None and rend is not None:
            col = _deriva(f, c557.rendiconto, anno, parametri)
            formula = (
                f"derivata: colonna del rendiconto {c557.rendiconto.anno} + assunzioni − cessazioni del "
                "piano (costo con IRAP, di competenza); quote finanziate da terzi tra le escluse; "
                "PNRR art. 31-bis fuori limite durante la deroga"
            )
        else:
            col = None
            formula = "né previsione né colonna del rendiconto: non verificabile"
        if col is None:
            passi.append(passo(f"557.{anno}", f"Spesa soggetta al limite {anno}", formula, None))
            continue
        col.limite = limite
        col.margine = limite - col.assoggettata
        col.esito = col.assoggettata <= limite
        colonne.append(col)
        anni[anno] = col
        passi.append(
            passo(
                f"557.{anno}",
                f"Spesa soggetta al limite {anno}",
                formula,
                euro(col.assoggettata),
                input=[
                    dato("A", euro(col.totale)),
                    dato("B", euro(col.escluse)),
                    dato("C", col.maggior_spesa_dm),
                ],
                riferimento=RIF_557 + "; D.M. 17/03/2020, art. 7, comma 1",
            )
        )
    if rend is not None:
        rend.limite = limite
        rend.margine = limite - rend.assoggettata
        rend.esito = rend.assoggettata <= limite
    return Esito557(
        presente=True,
        comma=comma,
        soglia_abitanti=soglia,
        base_tipo=c557.base.tipo,
        limite=limite,
        colonne=colonne,
        anni=anni,
        passi=passi,
    )


def _deriva(f: Fascicolo, rend: Anno557, anno: int, parametri: Parametri) -> Colonna:
    base = _colonna(f"previsione {anno} (derivata)", anno, rend, derivata=True)
    piu_meno, escluse = movimenti_557(f, anno, rend.anno, parametri)
    base.totale += piu_meno
    base.escluse += escluse
    base.assoggettata = base.totale - base.escluse - base.maggior_spesa_dm
    return base


def movimenti_557(
    f: Fascicolo, anno: int, dopo_anno: int, parametri: Parametri
) -> tuple[Decimal, Decimal]:
    """What the plan's movements after ``dopo_anno`` add in ``anno`` to (A) — hires less
    cessations, cost with IRAP, di competenza, PNRR art. 31-bis out while the derogation lasts —
    and to (B) — the quota of hires financed by third parties."""
    piu = Decimal(0)
    escluse = Decimal(0)
    in_deroga, _ = pnrr_in_deroga(anno, parametri)
    for a in f.piano_assunzioni:
        if a.anno <= dopo_anno:
            continue
        mesi = mesi_in_servizio(a, anno)
        if not mesi:
            continue
        costo = a.costo_annuo_con_irap * mesi / DODICI
        if a.finanziamento == "pnrr_31bis" and in_deroga:
            continue
        piu += costo
        if a.finanziamento in ("art57_c3septies", "fondo_poverta"):
            quota = a.importo_finanziato if a.importo_finanziato is not None else a.costo_annuo
            escluse += costo * quota / a.costo_annuo if a.costo_annuo else Decimal(0)
    meno = sum(
        (
            c.costo_annuo_con_irap * mesi_senza_servizio(c, anno) / DODICI
            for c in f.cessazioni
            if c.anno > dopo_anno
        ),
        Decimal(0),
    )
    return piu - meno, escluse


VOCE_VARIAZIONE = (
    "variazione rispetto al piano del fascicolo di base (assunzioni e cessazioni, costo con "
    "IRAP, di competenza)"
)


def con_variazione(f: Fascicolo, riferimento: Fascicolo, parametri: Parametri) -> Fascicolo:
    """``f`` with each comma 557 forecast it declares moved by what its plan changes from the
    plan of ``riferimento``, the case whose plan the ente's figures were written for (a
    scenario's base, the case before the solver's hires). A declared figure is the ente's:
    without this, a hire added by a what-if would not move it. Derived forecasts follow the
    plan by themselves and are left alone. Both cases must have their positions costed."""
    c = f.comma_557
    if c is None or not c.previsioni:
        return f
    dopo = c.rendiconto.anno if c.rendiconto is not None else f.spesa_personale.anno
    previsioni = []
    cambiate = False
    for p in c.previsioni:
        a_f, b_f = movimenti_557(f, p.anno, dopo, parametri)
        a_r, b_r = movimenti_557(riferimento, p.anno, dopo, parametri)
        da, db = euro(a_f - a_r), euro(b_f - b_r)
        if da == 0 and db == 0:
            previsioni.append(p)
            continue
        cambiate = True
        update: dict[str, object] = {}
        if da:
            update["componenti"] = [*p.componenti, Voce(voce=VOCE_VARIAZIONE, importo=da)]
        if db:
            update["escluse"] = [*p.escluse, Voce(voce=VOCE_VARIAZIONE, importo=db)]
        previsioni.append(p.model_copy(update=update))
    if not cambiate:
        return f
    return f.model_copy(update={"comma_557": c.model_copy(update={"previsioni": previsioni})})
