"""The preconditions for any hire: the revisore's checklist (table ``presupposti.elenco``)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from fabbisogni.caso.fascicolo import Fascicolo
from fabbisogni.limiti.comma557 import norma_divieto
from fabbisogni.parametri import Parametri

EsitoPresupposto = Literal["rispettato", "non_rispettato", "non_documentato"]


class EsitoCondizione(BaseModel):
    chiave: str
    breve: str = ""
    descrizione: str
    riferimento: str
    effetto: Literal["blocca", "solo_turnover"]
    esito: EsitoPresupposto
    calcolato: bool
    atto: str | None = None
    data: date | None = None
    note: str | None = None


def verifica_presupposti(
    f: Fascicolo,
    esiti_557: list[bool | None],
    parametri: Parametri,
    comma_557: str = "557-quater",
) -> list[EsitoCondizione]:
    elenco, _ = parametri.leggi("presupposti.elenco", date(f.primo_anno, 1, 1))
    risultati = []
    for chiave, voce in elenco.items():
        comune = {
            "chiave": chiave,
            "breve": str(voce.get("breve", chiave.replace("_", " "))),
            "descrizione": " ".join(str(voce["descrizione"]).split()),
            "riferimento": str(voce["riferimento"]),
            "effetto": str(voce["effetto"]),
            "calcolato": bool(voce.get("calcolato", False)),
        }
        if chiave == "comma_557":
            if any(e is False for e in esiti_557):
                esito: EsitoPresupposto = "non_rispettato"
            elif esiti_557 and all(e is True for e in esiti_557):
                esito = "rispettato"
            else:
                esito = "non_documentato"
            comune["riferimento"] = norma_divieto(comma_557)
            risultati.append(
                EsitoCondizione(**comune, esito=esito, note=f"dal prospetto del comma {comma_557}")
            )
            continue
        if chiave == "condizione_finanziaria":
            e = f.ente
            stati = [
                n
                for n, v in (
                    ("dissesto", e.dissesto),
                    ("deficitario", e.deficitario),
                    ("riequilibrio", e.riequilibrio),
                )
                if v
            ]
            if not stati:
                risultati.append(
                    EsitoCondizione(
                        **comune, esito="rispettato", note="nessuna condizione di crisi dichiarata"
                    )
                )
            elif e.approvazione_cosfel is not None:
                risultati.append(
                    EsitoCondizione(
                        **comune,
                        esito="rispettato",
                        atto=e.approvazione_cosfel.atto,
                        data=e.approvazione_cosfel.data,
                        note=f"ente {', '.join(stati)}: assunzioni approvate dalla COSFEL",
                    )
                )
            else:
                risultati.append(
                    EsitoCondizione(
                        **comune,
                        esito="non_rispettato",
                        note=f"ente {', '.join(stati)} senza approvazione COSFEL",
                    )
                )
            continue
        dichiarato = f.presupposti.get(chiave)  # type: ignore[call-overload]
        if dichiarato is None:
            risultati.append(EsitoCondizione(**comune, esito="non_documentato"))
        else:
            risultati.append(
                EsitoCondizione(
                    **comune,
                    esito="rispettato" if dichiarato.rispettato else "non_rispettato",
                    atto=dichiarato.atto,
                    data=dichiarato.data,
                    note=dichiarato.note,
                )
            )
    return risultati
