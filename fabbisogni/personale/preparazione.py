"""Before the rules: cost every position the case leaves uncosted, add the roster's cessations.

The rules read costs from the hires and cessations; the case may leave them empty. Here each
missing cost comes from the person's payroll cost (roster), the ente's cost of the profile, or the
CCNL tables at the start date of a hire or the date of a cessation (:mod:`fabbisogni.personale.costo`),
and the certain cessations the roster implies (known ones, pensions under the case's ipotesi) are
added as rows (:mod:`fabbisogni.personale.proiezione`). The result says, for each position, where its cost
came from. No I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeVar

from fabbisogni.caso.fascicolo import Assunzione, Cessazione, Fascicolo, VoceConsistenza
from fabbisogni.numeri import euro
from fabbisogni.parametri import Parametri
from fabbisogni.personale.costo import CostoPosto, costo_posto
from fabbisogni.personale.proiezione import (
    Proiezione,
    cessazioni_per_verifica,
    costo_cessazione,
    proietta,
)

M = TypeVar("M", Assunzione, Cessazione)


@dataclass
class Preparazione:
    fascicolo: Fascicolo  # every position costed, the roster's cessations added
    costi: dict[tuple[str, str], CostoPosto] = field(default_factory=dict)  # computed only
    derivate: list[str] = field(default_factory=list)  # ids of cessations added from the roster
    proiezione: Proiezione | None = None
    senza_cessazione: list[Assunzione] = field(default_factory=list)  # replace nobody leaving


def prepara(f: Fascicolo, parametri: Parametri) -> Preparazione:
    proiezione = proietta(f, parametri, anni_oltre=0, simula=False) if f.personale else None
    derivate = cessazioni_per_verifica(f, proiezione) if proiezione is not None else []
    persone = {d.id: d for d in f.personale}
    costi: dict[tuple[str, str], CostoPosto] = {}
    if proiezione is not None:
        aggiunte = {c.id for c in derivate}
        for c in proiezione.cessazioni:
            if c.costo.origine != "ente" and c.dipendente.id in aggiunte:
                costi[("cessazione", c.dipendente.id)] = c.costo

    cessazioni: list[Cessazione] = []
    for c in [*f.cessazioni, *derivate]:
        if c.costo_annuo is None or c.costo_annuo_con_irap is None:
            d = persone.get(c.dipendente) if c.dipendente else None
            costo = costo_cessazione(c, d, f, parametri)
            costi[("cessazione", c.id)] = costo
            c = _costata(c, costo)
        cessazioni.append(c)

    piano: list[Assunzione] = []
    for a in f.piano_assunzioni:
        if a.costo_annuo is None or a.costo_annuo_con_irap is None:
            costo = costo_posto(
                a.area,
                a.profilo,
                a.fte,
                date(a.anno, a.mese_inizio, 1),
                parametri,
                f.costi_profilo,
                costo_annuo=a.costo_annuo,
                costo_annuo_con_irap=a.costo_annuo_con_irap,
            )
            costi[("assunzione", a.id)] = costo
            a = _costata(a, costo)
        piano.append(a)

    ids = {c.id for c in cessazioni} | {c.dipendente for c in cessazioni if c.dipendente}
    senza = [
        a for a in piano if a.sostituisce and a.sostituisce not in ids and a.sostituisce in persone
    ]
    aggiornamenti: dict[str, object] = {"cessazioni": cessazioni, "piano_assunzioni": piano}
    if f.personale and not f.consistenza:
        aggiornamenti["consistenza"] = consistenza_da_personale(f)
    completo = f.model_copy(update=aggiornamenti)
    return Preparazione(
        fascicolo=completo,
        costi=costi,
        derivate=[c.id for c in derivate],
        proiezione=proiezione,
        senza_cessazione=senza,
    )


ORIGINE_COSTO = {
    "ente": "costo indicato dall'ente",
    "profilo": "costo del profilo indicato dall'ente",
    "ccnl": "costo dalle tabelle del CCNL Funzioni Locali",
}


def _costata(x: M, costo: CostoPosto) -> M:
    """The row with the computed cost, and a note saying where it came from."""
    return x.model_copy(
        update={
            "costo_annuo": euro(costo.annuo),
            "costo_annuo_con_irap": euro(costo.annuo_con_irap),
            "note": _con_nota(x.note, costo),
        }
    )


def _con_nota(nota: str | None, costo: CostoPosto) -> str:
    testo = ORIGINE_COSTO[costo.origine]
    return f"{nota}; {testo}" if nota else testo


def consistenza_da_personale(f: Fascicolo) -> list[VoceConsistenza]:
    """The staff on 31 December before the plan by area, profile and contract, from the roster:
    people, of whom part-time, and FTE (PIAO 3.3.1)."""
    giorno = date(f.primo_anno - 1, 12, 31)
    gruppi: dict[tuple[str, str, str], list[Decimal]] = {}
    for d in f.personale:
        if d.data_cessazione is not None and d.data_cessazione <= giorno:
            continue
        gruppi.setdefault((d.area, d.profilo, d.tipo_contratto), []).append(d.fte)
    voci = []
    for (area, profilo, tipo), quote in gruppi.items():
        voci.append(
            VoceConsistenza(
                area=area,
                profilo=profilo,
                tipo_contratto=tipo,
                teste=len(quote),
                part_time=sum(1 for q in quote if q < 1),
                fte=sum(quote, Decimal(0)),
            )
        )
    return voci
