"""Decimal parsing and formatting with Italian conventions.

Amounts are Decimal; nothing here rounds half to even. Parsing never rounds: an amount with
more than two decimals is an error, not a silent guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

CENT = Decimal("0.01")
RATIO_QUANTUM = Decimal("0.000001")

_IT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_IT_PLAIN = re.compile(r"^[+-]?\d+(,\d+)?$")
_DOT_DECIMAL = re.compile(r"^[+-]?\d+(\.\d+)?$")
_SPACE_THOUSANDS = re.compile(r"^[+-]?\d{1,3}( \d{3})+(,\d+)?$")


class NumeroNonValido(ValueError):
    """The text is not a number in any accepted form. The message is Italian."""


def parse_decimal(valore: object, *, max_decimali: int | None = None) -> Decimal:
    """Read a number written as int, float (from YAML) or text (Italian or plain).

    Accepted text: ``1.234.567,89`` (Italian), ``1234567,89``, ``1234567.89``, ``1 234,5``,
    with an optional € sign. Text follows the Italian convention, so ``1.234`` is one thousand
    two hundred and thirty-four; a YAML float with three decimals (``1234.567``) is rejected
    with a hint, since a document never writes money to the tenth of a cent.
    """
    if isinstance(valore, bool):
        raise NumeroNonValido(f"{_citato(valore)} non è un numero")
    if isinstance(valore, int):
        d = Decimal(valore)
    elif isinstance(valore, float):
        d = Decimal(repr(valore))
    elif isinstance(valore, Decimal):
        d = valore
    elif isinstance(valore, str):
        d = _parse_text(valore)
    else:
        raise NumeroNonValido(f"{_citato(valore)} non è un numero")
    if not d.is_finite():
        raise NumeroNonValido(f"{_citato(valore)} non è un numero finito")
    if max_decimali is not None and _decimali(d) > max_decimali:
        suggerimento = ""
        if isinstance(valore, float) and _decimali(d) == 3 and abs(valore) >= 1:
            intero = repr(valore).replace(".", "")
            suggerimento = (
                f" (se è un importo in migliaia scritto all'italiana, scriverlo senza punto, "
                f"{intero}, o tra virgolette, «{valore!r},00»)"
            )
        # a YAML float is quoted as written (the hint is about its dot); the rest Italian-style
        scritto = f"«{valore!r}»" if isinstance(valore, float) else _citato(valore)
        raise NumeroNonValido(
            f"{scritto} ha più di {max_decimali} decimali: un importo si scrive al centesimo"
            + suggerimento
        )
    return d


def _citato(valore: object) -> str:
    return valore_citato(valore)


def _decimali(d: Decimal) -> int:
    exp = d.normalize().as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def _parse_text(testo: str) -> Decimal:
    t = testo.strip().replace("€", "").replace("\u00a0", " ").strip()
    if not t:
        raise NumeroNonValido("valore vuoto")
    t = t.replace("+", "", 1) if t.startswith("+") else t
    if _IT_THOUSANDS.match(t):
        t = t.replace(".", "").replace(",", ".")
    elif _SPACE_THOUSANDS.match(t):
        t = t.replace(" ", "").replace(",", ".")
    elif _IT_PLAIN.match(t):
        t = t.replace(",", ".")
    elif _DOT_DECIMAL.match(t):
        pass
    else:
        raise NumeroNonValido(f"«{testo}» non è un numero valido (esempio: 1.234,56)")
    try:
        return Decimal(t)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above exclude it
        raise NumeroNonValido(f"«{testo}» non è un numero valido") from exc


def parse_percentuale(valore: object) -> Decimal:
    """Read a ratio: ``0.269``, ``"26,9%"`` or ``"26.9 %"`` all give Decimal('0.269')."""
    if isinstance(valore, str) and valore.strip().endswith("%"):
        return parse_decimal(valore.strip()[:-1].strip()) / 100
    return parse_decimal(valore)


def round_half_up(valore: Decimal, quantum: Decimal = CENT) -> Decimal:
    return valore.quantize(quantum, rounding=ROUND_HALF_UP)


def euro(valore: Decimal) -> Decimal:
    """An amount as reported: to the cent, half up."""
    return round_half_up(valore, CENT)


def margine(valore: Decimal, rispettato: bool | None) -> Decimal:
    """A margin (limit − spesa) as reported: to the cent, half up, like the limit and the spesa
    it comes from, except that a broken limit never shows 0,00: broken by less than half a
    cent (or reached, where the rule wants the spesa strictly below), it shows −0,01, the cut
    that restores it. Never −0,00."""
    q = round_half_up(valore, CENT)
    if rispettato is False and q >= 0:
        return -CENT
    return q if q != 0 else CENT * 0


def rapporto(valore: Decimal) -> Decimal:
    """A ratio as reported: six decimals (four in percent), half up."""
    return round_half_up(valore, RATIO_QUANTUM)


def fmt_euro(valore: Decimal | None, *, simbolo: bool = True) -> str:
    """``1234567.891`` → ``1.234.567,89 €`` (rounded half up first)."""
    if valore is None:
        return "—"
    testo = fmt_numero(valore, 2)
    return f"{testo} €" if simbolo else testo


def fmt_percento(valore: Decimal | None, decimali: int = 2) -> str:
    """``0.2695`` → ``26,95%`` (rounded half up first)."""
    if valore is None:
        return "—"
    q = round_half_up(valore * 100, Decimal(1).scaleb(-decimali))
    return f"{q:.{decimali}f}".replace(".", ",") + "%"


def fmt_data(valore: date | None) -> str:
    """``date(2024, 12, 31)`` → ``31/12/2024``."""
    if valore is None:
        return "—"
    return f"{valore.day:02d}/{valore.month:02d}/{valore.year:04d}"


def fmt_numero(valore: Decimal | int | None, decimali: int = 0) -> str:
    """``1234.5`` → ``1.234,50`` with ``decimali=2`` (rounded half up first); no symbol."""
    if valore is None:
        return "—"
    q = round_half_up(Decimal(valore), Decimal(1).scaleb(-decimali))
    segno = "-" if q < 0 else ""
    intero, _, dec = f"{abs(q):.{decimali}f}".partition(".")
    gruppi = []
    while len(intero) > 3:
        gruppi.insert(0, intero[-3:])
        intero = intero[:-3]
    gruppi.insert(0, intero)
    return f"{segno}{'.'.join(gruppi)}" + (f",{dec}" if dec else "")


def fmt_decimale(valore: Decimal | float | int) -> str:
    """A number with the decimals it has, Italian style: ``1.5`` → ``1,5``, ``-123456.50`` →
    ``-123.456,50``. Thousands are grouped from 10.000 on (``2024,5``, not ``2.024,5``: a
    number of four digits is often a year); an integer is never grouped."""
    if isinstance(valore, bool):
        return "sì" if valore else "no"
    if isinstance(valore, int):
        return str(valore)
    d = Decimal(repr(valore)) if isinstance(valore, float) else Decimal(valore)
    if not d.is_finite():
        return str(valore)
    esponente = d.as_tuple().exponent
    decimali = -esponente if isinstance(esponente, int) and esponente < 0 else 0
    testo = fmt_numero(d, decimali)
    if abs(d) < 10_000:
        testo = testo.replace(".", "")
    return testo


# --- values in a message -----------------------------------------------------------------

LUNGHEZZA_MASSIMA = 60  # of a value quoted in a message


def valore_citato(valore: Any) -> str:
    """A value as a message quotes it: ``«testo»``, ``«1,5»``, ``«16/01/2024»``; a list or a
    mapping by what it is (``un elenco``), never as Python writes it."""
    if valore is None:
        return "un valore vuoto"
    if isinstance(valore, Mapping):
        return "un elenco di campi"
    if isinstance(valore, list | tuple | set | frozenset):
        return "un elenco"
    return f"«{testo_valore(valore)}»"


def testo_valore(valore: Any) -> str:
    """A scalar as the user would write it: numbers with a decimal comma, dates gg/mm/aaaa,
    booleans sì/no; long text shortened."""
    if isinstance(valore, bool):
        return "sì" if valore else "no"
    if isinstance(valore, float | Decimal) and not Decimal(valore).is_finite():
        if Decimal(valore).is_nan():
            return "NaN (non è un numero)"
        return "infinito" if valore > 0 else "-infinito"
    if isinstance(valore, int | float | Decimal):
        try:
            return fmt_decimale(valore)
        except (ArithmeticError, ValueError):
            return str(valore)
    if isinstance(valore, datetime):
        return f"{fmt_data(valore.date())} {valore:%H:%M}"
    if isinstance(valore, date):
        return fmt_data(valore)
    if isinstance(valore, time):
        return f"{valore:%H:%M}"
    testo = str(valore)
    if len(testo) > LUNGHEZZA_MASSIMA:
        testo = testo[: LUNGHEZZA_MASSIMA - 1] + "…"
    return testo
