"""The trace: every result carries the steps that produced it.

A step (*passo*) holds the value, the formula in words, the inputs and the parameters with their
sources. Console, JSON, workbook and documents are all rendered from these steps.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from fabbisogni.parametri import ParametroUsato

Unita = Literal["euro", "rapporto", "abitanti", "anno", "testo", "esito"]

# Plain frozen dataclasses, not pydantic models: an evaluation builds about 150 of them, and the
# scenario comparison and the solver evaluate a case hundreds of times. Pydantic models that
# hold them (the result) take them as they are and serialise them like models.


@dataclass(frozen=True, slots=True)
class Dato:
    nome: str
    valore: str
    unita: Unita = "euro"


@dataclass(frozen=True, slots=True)
class Passo:
    codice: str
    descrizione: str
    formula: str
    valore: str
    unita: Unita
    input: list[Dato] = field(default_factory=list)
    parametri: list[ParametroUsato] = field(default_factory=list)
    riferimento: str | None = None


# Evaluations nobody reads the steps of (scenario comparisons, the solver) switch the trace off:
# every step is then one shared empty step, and nothing is formatted.
_attiva = ContextVar("traccia_attiva", default=True)
_VUOTO = Passo("", "", "", "", "testo")
_DATO_VUOTO = Dato("", "", "testo")


@contextmanager
def senza_traccia() -> Iterator[None]:
    """Within this block :func:`passo` and :func:`dato` build nothing: the results' steps are
    empty placeholders and must not be shown. Values, limits and verdicts are unchanged."""
    token = _attiva.set(False)
    try:
        yield
    finally:
        _attiva.reset(token)


def dato(nome: str, valore: object, unita: Unita = "euro") -> Dato:
    if not _attiva.get():
        return _DATO_VUOTO
    return Dato(nome, _testo(valore), unita)


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
    if not _attiva.get():
        return _VUOTO
    return Passo(
        codice,
        descrizione,
        formula,
        _testo(valore),
        unita,
        input or [],
        parametri or [],
        riferimento,
    )


def _testo(valore: object) -> str:
    if valore is None:
        return "non determinabile"
    if isinstance(valore, bool):
        return "sì" if valore else "no"
    if isinstance(valore, Decimal):
        return format(valore, "f")
    return str(valore)
