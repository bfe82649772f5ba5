"""Scenarios side by side: a base case and each scenario on it, evaluated by the engine and
compared year by year (ratio, margins, the limit that binds, verdicts). Rendered by
:mod:`fabbisogni.uscite.confronto`."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from fabbisogni.caso.scenari import _leggi, applica, descrizione_scenario, in_ordine
from fabbisogni.errors import ErroreInput, ErroreParametro, ErroriInput
from fabbisogni.risultato import Esito, Risultato

EsitoAnno = Literal["rispettati", "superati", "non_verificabili"]


class AnnoConfronto(BaseModel):
    anno: int
    rapporto: Decimal
    limite_dm: Decimal | None
    margine_dm: Decimal | None
    margine_557: Decimal | None
    margine_flessibile: Decimal | None
    vincolo: str | None
    regola_dm: str
    esito_dm: bool | None
    esito_557: bool | None
    esito_flessibile: bool | None
    esito: EsitoAnno
    superati: list[str]
    non_verificabili: list[str]
    # scenario − base; None for the base, or where either margin is not determinable
    differenza_margine_dm: Decimal | None = None
    differenza_margine_557: Decimal | None = None
    differenza_margine_flessibile: Decimal | None = None


class ColonnaConfronto(BaseModel):
    scenario: str | None  # None: the base
    descrizione: str | None = None  # the scenario's ``descrizione:``
    file: str
    comma_557: str
    anni: list[AnnoConfronto]
    esito: Esito
    motivazione_esito: str


class Confronto(BaseModel):
    ente: str
    anni: list[int]
    colonne: list[ColonnaConfronto]


def colonna(
    r: Risultato,
    scenario: str | None,
    file: str,
    base: Risultato | None,
    descrizione: str | None = None,
) -> ColonnaConfronto:
    """One column of the comparison, from a result (and the base's, for the differences)."""
    anni = []
    per_anno = {a.anno: a for a in base.anni} if base is not None else {}
    for a in r.anni:
        esiti = {"dm": a.esito_dm, "557": a.esito_557, "flessibile": a.esito_flessibile}
        superati = [k for k, e in esiti.items() if e is False]
        ignoti = [k for k, e in esiti.items() if e is None]
        esito: EsitoAnno = (
            "superati" if superati else "non_verificabili" if ignoti else "rispettati"
        )
        b = per_anno.get(a.anno)
        anni.append(
            AnnoConfronto(
                anno=a.anno,
                rapporto=a.rapporto,
                limite_dm=a.limite_dm,
                margine_dm=a.margine_dm,
                margine_557=a.margine_557,
                margine_flessibile=a.margine_flessibile,
                vincolo=a.vincolo,
                regola_dm=a.regola_dm,
                esito_dm=a.esito_dm,
                esito_557=a.esito_557,
                esito_flessibile=a.esito_flessibile,
                esito=esito,
                superati=superati,
                non_verificabili=ignoti,
                differenza_margine_dm=_differenza(a.margine_dm, b.margine_dm if b else None),
                differenza_margine_557=_differenza(a.margine_557, b.margine_557 if b else None),
                differenza_margine_flessibile=_differenza(
                    a.margine_flessibile, b.margine_flessibile if b else None
                ),
            )
        )
    return ColonnaConfronto(
        scenario=scenario,
        descrizione=descrizione,
        file=file,
        comma_557=r.comma_557.comma,
        anni=anni,
        esito=r.esito,
        motivazione_esito=r.motivazione_esito,
    )


def _differenza(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a - b


def confronta(base: str | Path, scenari: Sequence[str | Path]) -> Confronto:
    """Evaluate the base case and each scenario on it. Every scenario must name this base.

    All the problems of all the scenarios are reported together, each scenario's by line.
    """
    from fabbisogni.caso.lettura import leggi_fascicolo
    from fabbisogni.motore import verifica

    base = Path(base)
    f_base = leggi_fascicolo(base)
    # the comparison shows no findings and no steps
    r_base = verifica(f_base, rilievi=False, traccia=False)
    colonne = [colonna(r_base, None, str(base), None, descrizione_scenario(f_base))]
    errori: list[ErroreInput] = []
    for percorso in scenari:
        try:
            letto = _leggi(percorso)
        except ErroreInput as exc:
            errori.append(exc)
            continue
        except ErroriInput as exc:
            errori.extend(exc.errori)
            continue
        if not letto.base_utilizzabile:
            errori.extend(in_ordine(letto.errori, letto.file))
            continue
        if letto.percorso_base.resolve() != base.resolve():
            # Applied to another base, its changes would give problems it does not have.
            altra = letto.errore(
                f"lo scenario è costruito su «{letto.scenario.base}» ({letto.percorso_base}), "
                f"non sul fascicolo di base indicato ({base}): confrontarlo con la sua base",
                ["base"],
            )
            errori.extend(in_ordine([*letto.errori, altra], letto.file))
            continue
        try:
            f = applica(letto, f_base)
            r = verifica(f, rilievi=False, traccia=False)
        except ErroriInput as exc:
            errori.extend(exc.errori)
            continue
        except ErroreParametro as exc:
            errori.append(ErroreInput(str(exc), file=letto.file))
            continue
        descrizione = (letto.scenario.descrizione or "").strip() or None
        colonne.append(colonna(r, letto.scenario.nome, str(percorso), r_base, descrizione))
    if errori:
        raise ErroriInput(errori)
    return Confronto(ente=r_base.ente.nome, anni=r_base.ente.anni, colonne=colonne)
