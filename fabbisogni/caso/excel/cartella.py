"""A case as a folder: ``fascicolo.yaml`` in the layout of docs/fascicolo.md, plus the CSV files.

Amounts are Italian text in quotes (``"1.234,56"``), ratios ``"26,9%"``, dates ``gg/mm/aaaa``,
yes/no ``sì``/``no``; fields equal to their default are left out. The plan, the cessations, the
consistenza and the roster go to their CSV files (``;``, Italian decimals, UTF-8), with the
columns that hold a value. A declared figure (``dichiarati``) keeps the text the document wrote;
one that was a number stays a number. Reading the folder back gives the same case.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from fabbisogni.caso.excel.schema import PER_NOME, Foglio, Tipo, elemento, nudo, tipo_di
from fabbisogni.caso.fascicolo import Ente, Fascicolo, ImportoDichiarato
from fabbisogni.caso.sorgenti import (
    FILE_CESSAZIONI,
    FILE_CONSISTENZA,
    FILE_PERSONALE,
    FILE_PIANO,
    FILE_YAML,
)
from fabbisogni.numeri import fmt_data, fmt_numero

# Table of the case → its CSV file and the sheet whose columns it has.
CSV = (
    ("piano_assunzioni", FILE_PIANO, "Piano"),
    ("cessazioni", FILE_CESSAZIONI, "Cessazioni"),
    ("consistenza", FILE_CONSISTENZA, "Consistenza"),
    ("personale", FILE_PERSONALE, "Personale"),
)


def file_cartella(
    f: Fascicolo, *, da: str | None = None, anche_vuoti: frozenset[str] | set[str] = frozenset()
) -> dict[str, str]:
    """The files of the folder of ``f``: name → text. A CSV with no rows is written only if
    its name is in ``anche_vuoti`` (to replace a file already there), with the header alone."""
    file = {FILE_YAML: testo_yaml(f, da=da)}
    for chiave, nome, foglio in CSV:
        righe = getattr(f, chiave)
        if righe or nome in anche_vuoti:
            file[nome] = testo_csv(PER_NOME[foglio], [r.model_dump() for r in righe])
    return file


# --- values as Italian text --------------------------------------------------------------


def decimale_it(d: Decimal) -> str:
    """``Decimal('0.50')`` → ``0,5``; never in exponent form."""
    testo = format(d.normalize(), "f")
    if "." in testo:
        testo = testo.rstrip("0").rstrip(".")
    return testo.replace(".", ",")


def testo_it(valore: Any, tipo: Tipo) -> str:
    """A value as a CSV cell writes it."""
    if valore is None:
        return ""
    if isinstance(valore, bool):
        return "sì" if valore else "no"
    if tipo.nome == "data":
        return fmt_data(valore)
    if isinstance(valore, Decimal):
        if tipo.nome in ("importo", "importo_relativo"):
            return fmt_numero(valore, 2)
        if tipo.nome == "percentuale":
            return decimale_it(valore * 100) + "%"
        return decimale_it(valore)
    return str(valore)


def testo_csv(foglio: Foglio, righe: list[dict[str, Any]]) -> str:
    colonne = [
        c for c in foglio.colonne if c.obbligatoria or any(r.get(c.nome) is not None for r in righe)
    ]
    buffer = io.StringIO()
    scrittore = csv.writer(buffer, delimiter=";", lineterminator="\n")
    scrittore.writerow([c.nome for c in colonne])
    for r in righe:
        scrittore.writerow([testo_it(r.get(c.nome), c.tipo) for c in colonne])
    return buffer.getvalue()


# --- fascicolo.yaml ----------------------------------------------------------------------


def testo_yaml(f: Fascicolo, *, da: str | None = None) -> str:
    from ruamel.yaml import YAML

    radice = _mappa(f, salta={chiave for chiave, _, _ in CSV})
    for r in radice["rendiconti"]:
        r["entrate"].fa.set_flow_style()
    for i, chiave in enumerate(radice):
        if i:
            radice.yaml_set_comment_before_after_key(chiave, before="\n")
    intestazione = "Fascicolo scritto da fabbisogni"
    if da:
        intestazione += f" (convertito da {da})"
    intestazione += ". Il formato è in docs/fascicolo.md."
    nomi = [nome for chiave, nome, _ in CSV if getattr(f, chiave)]
    if nomi:
        intestazione += (
            f"\nPiano, cessazioni e personale sono nei file CSV accanto: {', '.join(nomi)}."
        )
    radice.yaml_set_start_comment(intestazione)
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    buffer = io.StringIO()
    yaml.dump(radice, buffer)
    return buffer.getvalue()


def _mappa(m: BaseModel, salta: set[str] | frozenset[str] = frozenset()) -> Any:
    """The fields of ``m`` that are set and differ from their default (the ente's yes/no
    declarations are always written), ``anno`` and ``tipo`` first as the docs write them."""
    from ruamel.yaml.comments import CommentedMap

    campi = list(type(m).model_fields.items())
    campi.sort(key=lambda c: c[0] not in ("anno", "tipo"))
    mappa = CommentedMap()
    for nome, fi in campi:
        valore = getattr(m, nome)
        if nome in salta or (valore is None and not fi.is_required()):
            continue  # a required None is a parameter's explicit null: written
        predefinito = not fi.is_required() and valore == fi.get_default(call_default_factory=True)
        if predefinito and not (isinstance(m, Ente) and isinstance(valore, bool)):
            continue
        mappa[nome] = _yaml(valore, fi.annotation, tuple(fi.metadata))
    return mappa


def _yaml(valore: Any, annotazione: Any, metadati: tuple[Any, ...] = ()) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    base, meta = nudo(annotazione, metadati)
    if base is Any:  # a parameter's own value: as it was written
        return valore
    if isinstance(valore, ImportoDichiarato):
        if valore.testo is not None:
            return DoubleQuotedScalarString(valore.testo)
        d = valore.valore
        return int(d) if d == d.to_integral_value() else float(d)
    if isinstance(valore, BaseModel):
        return _mappa(valore)
    if isinstance(valore, list):
        seq = CommentedSeq(_yaml(v, *elemento(annotazione)) for v in valore)
        if not any(isinstance(v, BaseModel | dict | list) for v in valore):
            seq.fa.set_flow_style()  # [2020, 2021, 2022]
        return seq
    if isinstance(valore, dict):
        return CommentedMap((k, _yaml(v, *elemento(annotazione))) for k, v in valore.items())
    tipo = tipo_di(base, meta)
    if isinstance(valore, bool):
        return "sì" if valore else "no"
    if isinstance(valore, Decimal):
        return DoubleQuotedScalarString(testo_it(valore, tipo))
    if tipo.nome == "data":
        return fmt_data(valore)
    if isinstance(valore, str) and "\n" in valore:
        return LiteralScalarString(valore)
    return valore
