"""Fascia demografica: DM 17/03/2020 art. 3.

The population is the ISTAT figure for the year of the last approved rendiconto (Corte dei conti
Toscana 231/2022/PAR); the case states which year its figure refers to, and the result says it.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from fabbisogni.errors import ErroreParametro
from fabbisogni.parametri import Parametri
from fabbisogni.traccia import Passo, dato, passo


class EsitoFascia(BaseModel):
    fascia: str
    popolazione: int
    anno_popolazione: int
    passi: list[Passo]


def determina_fascia(
    popolazione: int, anno_popolazione: int, giorno: date, parametri: Parametri
) -> EsitoFascia:
    fasce, usato = parametri.leggi("dm.fasce_demografiche", giorno)
    for nome, limiti in fasce.items():
        minimo = int(limiti["da"])
        massimo = limiti.get("a")
        if popolazione >= minimo and (massimo is None or popolazione <= int(massimo)):
            descr = f"da {minimo} a {int(massimo)}" if massimo is not None else f"da {minimo} in su"
            return EsitoFascia(
                fascia=nome,
                popolazione=popolazione,
                anno_popolazione=anno_popolazione,
                passi=[
                    passo(
                        "ente.fascia",
                        "Fascia demografica",
                        f"popolazione residente al 31/12/{anno_popolazione} ({popolazione} ab.) "
                        f"nella fascia {nome} ({descr} abitanti)",
                        nome,
                        "testo",
                        input=[
                            dato("popolazione", popolazione, "abitanti"),
                            dato("anno della popolazione", anno_popolazione, "anno"),
                        ],
                        parametri=[usato],
                        riferimento="D.M. 17/03/2020, art. 3; Corte dei conti Toscana 231/2022/PAR "
                        "(popolazione dell'anno dell'ultimo rendiconto)",
                    )
                ],
            )
    raise ErroreParametro(f"Nessuna fascia demografica comprende {popolazione} abitanti")
