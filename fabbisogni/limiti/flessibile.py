"""Lavoro flessibile: art. 9 comma 28 D.L. 78/2010.

Limit: 50% of the 2009 spesa for the same purposes, 100% for enti in regola with commi 557/562
(D.L. 90/2014 art. 11 c.4-bis). Without a 2009 spesa the 2007-2009 average; without any, a
motivated parameter set by the ente (Corte dei conti, Sezione Autonomie 1/2017), which is itself
the limit. Outside the limit: art. 110 c.1 TUEL (D.L. 113/2016 art. 16 c.1-quater) and PNRR hires
under art. 31-bis D.L. 152/2021 while the deroga lasts.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from fabbisogni.caso.fascicolo import TIPI_FLESSIBILI, Fascicolo
from fabbisogni.limiti.movimenti import DODICI, mesi_in_servizio, pnrr_in_deroga
from fabbisogni.numeri import euro
from fabbisogni.parametri import Parametri
from fabbisogni.traccia import Passo, dato, passo

RIF_FLEX = "art. 9, comma 28, D.L. 78/2010"


class AnnoFlessibile(BaseModel):
    anno: int
    spesa: Decimal
    limite: Decimal | None
    margine: Decimal | None
    esito: bool | None
    passi: list[Passo]


def verifica_flessibile(
    f: Fascicolo, esiti_557: dict[int, bool | None], parametri: Parametri
) -> list[AnnoFlessibile]:
    risultati = []
    lf = f.lavoro_flessibile
    for anno in f.anni_piano:
        giorno = date(anno, 12, 31)
        passi: list[Passo] = []
        in_deroga, p_pnrr = pnrr_in_deroga(anno, parametri)
        voci = []
        spesa = Decimal(0)
        if lf is not None:
            for s in lf.spesa_prevista:
                if s.anno == anno:
                    spesa += s.importo
                    voci.append(dato(s.descrizione or "spesa flessibile prevista", s.importo))
        for a in f.piano_assunzioni:
            if a.tipo_contratto not in TIPI_FLESSIBILI:
                continue
            if a.finanziamento == "pnrr_31bis" and in_deroga:
                continue
            mesi = mesi_in_servizio(a, anno)
            if mesi:
                costo = a.costo_annuo * mesi / DODICI
                spesa += costo
                voci.append(
                    dato(f"{a.id} {a.profilo} ({a.tipo_contratto}, {mesi} mesi)", euro(costo))
                )
        passi.append(
            passo(
                f"flessibile.{anno}.spesa",
                f"Spesa per lavoro flessibile {anno}",
                "spesa prevista + righe flessibili del piano (di competenza, senza IRAP); esclusi art. 110 "
                "c.1 TUEL e assunzioni PNRR art. 31-bis in deroga",
                euro(spesa),
                input=voci,
                parametri=[p_pnrr],
                riferimento=RIF_FLEX,
            )
        )
        if lf is None:
            esito = True if spesa == 0 else None
            passi.append(
                passo(
                    f"flessibile.{anno}.limite",
                    f"Limite {anno}",
                    "il fascicolo non indica la spesa 2009 (né un parametro motivato)"
                    + (
                        "; nessuna spesa flessibile prevista"
                        if spesa == 0
                        else ": non verificabile"
                    ),
                    None,
                    riferimento=RIF_FLEX,
                )
            )
            risultati.append(
                AnnoFlessibile(
                    anno=anno, spesa=spesa, limite=None, margine=None, esito=esito, passi=passi
                )
            )
            continue
        base = lf.base
        if base.tipo == "parametro_motivato":
            limite = base.importo
            passi.append(
                passo(
                    f"flessibile.{anno}.limite",
                    f"Limite {anno}",
                    f"parametro motivato fissato dall'ente ({base.atto}), in assenza di spesa 2009 e 2007-2009",
                    limite,
                    riferimento=RIF_FLEX + "; Corte dei conti, Sezione Autonomie, 1/2017",
                )
            )
        else:
            in_regola = esiti_557.get(anno)
            nome = (
                "dl78.flessibile.percentuale_enti_in_regola_557"
                if in_regola
                else "dl78.flessibile.percentuale"
            )
            pct, p_pct = parametri.leggi(nome, giorno)
            limite = base.importo * pct
            etichetta = "spesa 2009" if base.tipo == "spesa_2009" else "media 2007-2009"
            motivo = {
                True: "ente in regola con il comma 557/562 nell'anno",
                False: "ente non in regola con il comma 557/562 nell'anno",
                None: "rispetto del comma 557/562 non verificabile: si applica la percentuale ordinaria",
            }[in_regola]
            passi.append(
                passo(
                    f"flessibile.{anno}.limite",
                    f"Limite {anno}",
                    f"{etichetta} × percentuale ammessa ({motivo})",
                    euro(limite),
                    input=[dato(etichetta, base.importo)],
                    parametri=[p_pct],
                    riferimento=RIF_FLEX,
                )
            )
        risultati.append(
            AnnoFlessibile(
                anno=anno,
                spesa=spesa,
                limite=limite,
                margine=limite - spesa,
                esito=spesa <= limite,
                passi=passi,
            )
        )
    return risultati
