"""Hires and cessations over time: which part of their cost counts, in which year.

*A regime* is the annual cost of a position active on 31 December of the year (a cessation saves
its whole annual cost from its year on). *Di competenza* is the cost pro rata of the months in
service in that year. Costs are the case's, already scaled to the FTE share.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fabbisogni.caso.fascicolo import Assunzione, Cessazione
from fabbisogni.parametri import Parametri, ParametroUsato

DODICI = Decimal(12)


def mesi_in_servizio(a: Assunzione, anno: int) -> int:
    """Months of ``anno`` in which the hire is in service (0-12)."""
    inizio = (a.anno, a.mese_inizio)
    fine = (a.anno_fine, a.mese_fine) if a.anno_fine is not None else (9999, 12)
    mesi = 0
    for mese in range(1, 13):
        if inizio <= (anno, mese) <= fine:  # type: ignore[operator]
            mesi += 1
    return mesi


def attiva_a_fine_anno(a: Assunzione, anno: int) -> bool:
    if (a.anno, a.mese_inizio) > (anno, 12):
        return False
    return a.anno_fine is None or (a.anno_fine, a.mese_fine or 12) >= (anno, 12)


def mesi_senza_servizio(c: Cessazione, anno: int) -> int:
    """Months of ``anno`` in which the person who left is no longer paid."""
    if anno < c.anno:
        return 0
    if anno == c.anno:
        return 13 - c.mese
    return 12


def pnrr_in_deroga(anno: int, parametri: Parametri) -> tuple[bool, ParametroUsato]:
    valore, usato = parametri.leggi("dl152.pnrr_31bis.scadenza_deroga", date(anno, 12, 31))
    return valore is not None, usato


def quota_neutralizzata_dm(a: Assunzione) -> Decimal:
    """The annual amount of a hire that does not count in the DM ratio.

    Funded by others (art. 57 c.3-septies DL 104/2020) or by the Fondo povertà: the funded amount
    (the whole cost unless a partial amount is given). PNRR art. 31-bis DL 152/2021: the whole
    cost ("non rileva ai fini dell'articolo 33 del decreto-legge 34/2019").
    """
    if a.finanziamento == "ordinario":
        return Decimal(0)
    if a.finanziamento == "pnrr_31bis":
        return a.costo_annuo
    return a.importo_finanziato if a.importo_finanziato is not None else a.costo_annuo


def costo_dm(a: Assunzione) -> Decimal:
    """Annual cost that counts in the DM spesa (no IRAP, net of neutralised funding)."""
    return a.costo_annuo - quota_neutralizzata_dm(a)
