"""The trace: every result carries the steps that produced it.

A step (*passo*) holds the value, the formula in words, the inputs and the parameters with their
sources. Console, JSON, workbook and documents are all rendered from these steps.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from fabbisogni.parametri import ParametroUsato

Unita = Literal["euro", "rapporto", "abitanti", "anno", "testo", "esito"]


class Dato(BaseModel):
    model_config = ConfigDict(frozen=True)

    nome: str
    valore: str
    unita: Unita = "euro"


class Passo(BaseModel):
    model_config = ConfigDict(frozen=True)

    codice: str
    descrizione: str
    formula: str
    valore: str
    unita: Unita
    input: list[Dato] = []
    parametri: list[ParametroUsato] = []
    riferimento: str | None = None


def dato(nome: str, valore: object, unita: Unita = "euro") -> Dato:
    return Dato(nome=nome, valore=_testo(valore), unita=unita)


def passo(
    codice: str,
    descrizione: str,
    formula: str,
    valore: object,
    unita: Unita = "euro",
    *,
    input: list[Dato] | None = None,
    parametri: list[ParametroUsato] | None = None,
    riferimento: str | None = None,
) -> Passo:
    return Passo(
        codice=codice,
        descrizione=descrizione,
        formula=formula,
        valore=_testo(valore),
        unita=unita,
        input=input or [],
        parametri=parametri or [],
        riferimento=riferimento,
    )


def _testo(valore: object) -> str:
    if valore is None:
        return "non determinabile"
    if isinstance(valore, bool):
        return "sì" if valore else "no"
    if isinstance(valore, Decimal):
        return format(valore, "f")
    return str(valore)
