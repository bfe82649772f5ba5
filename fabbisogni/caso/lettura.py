"""Read a case (a folder, or an Excel workbook made from the template) into a :class:`Fascicolo`.

I/O lives here and nowhere in the rules. Every problem becomes an :class:`ErroreInput` that
names the file, the row (the line in the YAML file, the physical line in a CSV file, the row of
the sheet in a workbook), the field and what is wrong, in Italian. All problems found in one pass
are reported together. A workbook (``.xlsx``) is read by :mod:`fabbisogni.caso.excel.lettura`, imported
only then (openpyxl is slow to import), into the same data and through the same validation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fabbisogni.caso.fascicolo import (
    Assunzione,
    Cessazione,
    Dipendente,
    Fascicolo,
    VoceConsistenza,
)
from fabbisogni.caso.sorgenti import (
    ESTENSIONI_EXCEL,
    FILE_CESSAZIONI,
    FILE_CONSISTENZA,
    FILE_PERSONALE,
    FILE_PIANO,
    FILE_YAML,
    TABELLE_CSV,
    Origine,
    _leggi_csv,
    _leggi_yaml,
    _luogo_yaml,
    _plain,
    _riga_yaml,
    _valida_righe,
    valida,
)
from fabbisogni.errors import ErroreInput, ErroriInput


def file_di_input(percorso: str | Path) -> list[Path]:
    """The files a case is read from (existing or not): outputs must never replace them."""
    percorso = Path(percorso)
    if _excel(percorso):
        return [percorso]
    if e_scenario(percorso):
        # the scenario file, the scenarios it builds on and the base case's own files
        from fabbisogni.caso.scenari import file_di_input as con_basi

        return con_basi(percorso, file_di_input)
    cartella = percorso if percorso.is_dir() else percorso.parent
    file_yaml = cartella / FILE_YAML if percorso.is_dir() else percorso
    return [file_yaml] + [
        cartella / nome for nome in (FILE_PIANO, FILE_CESSAZIONI, FILE_CONSISTENZA, FILE_PERSONALE)
    ]


def e_scenario(percorso: Path) -> bool:
    """Whether ``percorso`` is a scenario file: a YAML file with a top-level ``base:`` key."""
    if percorso.is_dir() or percorso.suffix.lower() not in (".yaml", ".yml"):
        return False
    try:
        testo = percorso.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^base\s*:", testo, re.M) is not None


def _excel(percorso: Path) -> bool:
    return percorso.suffix.lower() in (*ESTENSIONI_EXCEL, ".xls", ".ods") and not percorso.is_dir()


def leggi_fascicolo(percorso: str | Path) -> Fascicolo:
    """Read and validate a case folder, a lone ``fascicolo.yaml`` or a workbook (``.xlsx``).

    A YAML file with a top-level ``base:`` is a scenario: its base case with its changes
    (:mod:`fabbisogni.caso.scenari`, imported only then).
    """
    percorso = Path(percorso)
    if _excel(percorso):
        return _leggi_excel(percorso)
    if percorso.is_dir():
        cartella = percorso
        file_yaml = cartella / FILE_YAML
    elif percorso.is_file():
        if percorso.suffix.lower() not in (".yaml", ".yml"):
            raise ErroreInput(
                f"«{percorso.name}» non è un fascicolo: indicare la cartella del fascicolo, il "
                f"suo {FILE_YAML} o una cartella di lavoro .xlsx",
                file=str(percorso),
            )
        cartella = percorso.parent
        file_yaml = percorso
    else:
        raise ErroreInput("cartella o file del fascicolo inesistente", file=str(percorso))
    if not file_yaml.is_file():
        raise ErroreInput(
            f"manca il file {FILE_YAML} nella cartella del fascicolo", file=str(cartella)
        )

    radice = _leggi_yaml(file_yaml)
    if percorso.is_file() and "base" in radice:
        # a scenario: a base case and its changes (docs/scenari.md)
        from fabbisogni.caso.scenari import fascicolo_scenario

        return fascicolo_scenario(file_yaml, radice, leggi_fascicolo)
    dati = _plain(radice)
    errori: list[ErroreInput] = []
    origine = Origine()

    for chiave, nome_file, modello in (
        ("piano_assunzioni", FILE_PIANO, Assunzione),
        ("cessazioni", FILE_CESSAZIONI, Cessazione),
        ("consistenza", FILE_CONSISTENZA, VoceConsistenza),
        ("personale", FILE_PERSONALE, Dipendente),
    ):
        path_csv = cartella / nome_file
        if path_csv.is_file() and percorso.is_dir():
            if chiave in dati:
                errori.append(
                    ErroreInput(
                        f"«{chiave}» è sia in {FILE_YAML} sia in {nome_file}: tenerne uno solo",
                        file=file_yaml.name,
                        riga=_riga_yaml(radice, [chiave]),
                    )
                )
                continue
            try:
                righe = _leggi_csv(path_csv, modello)
            except ErroreInput as exc:
                errori.append(exc)
                continue
            except ErroriInput as exc:
                errori.extend(exc.errori)
                continue
            oggetti, errori_righe = _valida_righe(path_csv.name, righe, modello)
            errori.extend(errori_righe)
            dati[chiave] = [o.model_dump() for o in oggetti if o is not None]
            if chiave == "consistenza":
                continue
            mappa = origine.mappa(chiave)
            for (numero, valori), o in zip(righe, oggetti, strict=True):
                if o is not None:
                    mappa[o.id] = (nome_file, numero)
                elif "id" in valori:
                    mappa.setdefault(valori["id"], (nome_file, numero))
        elif chiave in dati and isinstance(radice.get(chiave), list) and chiave != "consistenza":
            mappa = origine.mappa(chiave)
            for i, riga in enumerate(dati[chiave]):
                if isinstance(riga, dict) and "id" in riga:
                    mappa[str(riga["id"])] = (file_yaml.name, _riga_yaml(radice, [chiave, i]))

    def gia_segnalato(loc: Sequence[Any]) -> bool:
        # a CSV row's problems were reported against the CSV row
        return bool(loc) and loc[0] in TABELLE_CSV and not isinstance(radice.get(loc[0]), list)

    return valida(
        dati, errori, origine, _luogo_yaml(radice, file_yaml.name), gia_segnalato=gia_segnalato
    )


def _leggi_excel(percorso: Path) -> Fascicolo:
    if percorso.suffix.lower() not in ESTENSIONI_EXCEL:
        raise ErroreInput(
            f"formato {percorso.suffix} non supportato: salvare la cartella di lavoro in formato "
            "Excel .xlsx (il modello si scrive con «fabbisogni modello FILE.xlsx»)",
            file=percorso.name,
        )
    if not percorso.is_file():
        raise ErroreInput("file del fascicolo inesistente", file=str(percorso))
    from fabbisogni.caso.excel.lettura import leggi_excel

    letto = leggi_excel(percorso)
    try:
        return valida(
            letto.dati,
            letto.errori,
            letto.origine,
            letto.luogo,
            gia_segnalato=letto.gia_segnalato,
            messaggio=letto.messaggio,
        )
    except ErroriInput as exc:  # in the order of the sheets and rows
        raise ErroriInput(sorted(exc.errori, key=letto.ordine)) from None
