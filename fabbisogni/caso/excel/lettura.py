"""Read a workbook made from the template into the raw data of a case.

openpyxl reads it in read-only mode with the values Excel computed (``data_only``). Each data
sheet must be there with its table at A1; the header is checked as a CSV header is (unknown
column, with the closest name; missing required column; repeated column). Cells are read by
the type of their column (:func:`fabbisogni.caso.excel.schema.da_cella`) and the rows go to
:mod:`fabbisogni.caso.excel.piatto`, which puts the case together and remembers where each value
was. Problems with the workbook's shape are all reported before any value is checked.
"""

from __future__ import annotations

import difflib
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fabbisogni.caso.excel.piatto import Riga, etichetta, messaggio, ricomponi
from fabbisogni.caso.excel.schema import (
    FOGLI,
    ISTRUZIONI,
    MARCATORE,
    CellaNonValida,
    Foglio,
    Tipo,
    da_cella,
)
from fabbisogni.caso.sorgenti import Luogo, Origine
from fabbisogni.errors import ErroreInput, ErroriInput
from fabbisogni.messaggi import messaggio_os

TESTO = Tipo("testo")
ANNO = Tipo("anno")
# Sheets of the verification workbook that ``fabbisogni report`` writes.
FOGLI_VERIFICA = {"riepilogo", "verifica dm", "passaggi del calcolo"}


@dataclass
class Letto:
    """What :func:`fabbisogni.caso.sorgenti.valida` needs: data, problems so far, and places."""

    dati: dict[str, Any]
    errori: list[ErroreInput]
    origine: Origine
    luogo: Callable[[Sequence[Any]], Luogo]
    messaggio: Callable[[Any], str | None]
    gia_segnalato: Callable[[Sequence[Any]], bool]
    ordine: Callable[[ErroreInput], Any]


def leggi_excel(percorso: Path) -> Letto:
    """Read the workbook at ``percorso`` (raises :class:`ErroreInput` for a broken file)."""
    import warnings

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    nome = percorso.name
    illeggibile = ErroreInput(
        "non è una cartella di lavoro Excel leggibile (non è in formato .xlsx, è danneggiata o "
        "protetta da password): salvarla da Excel come «Cartella di lavoro di Excel (.xlsx)»",
        file=nome,
    )
    rotto = (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError)
    with warnings.catch_warnings():
        # openpyxl warns about Excel features it does not read (extensions, styles): not ours
        warnings.simplefilter("ignore")
        try:
            wb = openpyxl.load_workbook(percorso, read_only=True, data_only=True)
        except rotto:
            raise illeggibile from None
        except OSError as exc:
            raise ErroreInput(messaggio_os(exc), file=nome) from None
        try:
            tabelle, errori = _leggi(wb, nome)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, SyntaxError):
            # a sheet's XML is read only when its rows are asked for (ParseError: SyntaxError)
            raise illeggibile from None
        finally:
            wb.close()
    r = ricomponi(tabelle, nome)
    return Letto(
        r.dati, errori + r.errori, r.origine, r.luogo, messaggio, r.gia_segnalato, r.ordine
    )


def _leggi(wb: Any, nome: str) -> tuple[dict[str, list[Riga]], list[ErroreInput]]:
    """The rows of every sheet, and the problems of single cells.

    A problem with the shape of the workbook (a missing sheet, an unknown or missing column)
    is raised at once, all of them together: the values would make no sense.
    """
    presenti = {n.strip().lower(): n for n in wb.sheetnames}
    mancanti = [f for f in FOGLI if f.nome.lower() not in presenti]
    modello = MARCATORE in wb.defined_names
    if not modello and len(mancanti) > len(FOGLI) // 2:
        if FOGLI_VERIFICA & set(presenti):
            problema = (
                "è il foglio di lavoro di verifica scritto da «fabbisogni report», non un fascicolo"
            )
        else:
            problema = "non è un modello di fascicolo di fabbisogni"
        elenco = ", ".join(f"«{f.nome}»" for f in mancanti[:4])
        raise ErroreInput(
            f"{problema} (mancano i fogli {elenco}…). Il modello da compilare si scrive con "
            "«fabbisogni modello FILE.xlsx» (con «--da CARTELLA», già compilato con un "
            "fascicolo)",
            file=nome,
        )
    errori: list[ErroreInput] = []
    attesi = {f.nome.lower() for f in FOGLI} | {ISTRUZIONI.lower()}
    estranei = [n for k, n in presenti.items() if k not in attesi]
    for f in mancanti:
        simili = difflib.get_close_matches(f.nome, estranei, n=1, cutoff=0.5)
        if not simili and len(mancanti) == len(estranei) == 1:
            simili = estranei  # one sheet missing, one unknown: most likely renamed
        extra = f" (forse è «{simili[0]}», rinominato?)" if simili else ""
        errori.append(
            ErroreInput(
                f"manca il foglio «{f.nome}»{extra}: ogni foglio del modello deve esserci, "
                "anche vuoto",
                file=nome,
            )
        )
    tabelle: dict[str, list[Riga]] = {}
    celle: list[ErroreInput] = []
    for foglio in FOGLI:
        if foglio in mancanti:
            continue
        ws = wb[presenti[foglio.nome.lower()]]
        if not hasattr(ws, "iter_rows"):
            errori.append(
                ErroreInput(
                    "il foglio non contiene celle (è un grafico?)",
                    file=etichetta(nome, foglio.nome),
                )
            )
            continue
        righe, forma, problemi = _leggi_foglio(ws, foglio, etichetta(nome, foglio.nome))
        tabelle[foglio.nome] = righe
        errori.extend(forma)
        celle.extend(problemi)
    if errori:
        raise ErroriInput(errori)
    return tabelle, celle


def _leggi_foglio(
    ws: Any, foglio: Foglio, file: str
) -> tuple[list[Riga], list[ErroreInput], list[ErroreInput]]:
    """Rows, problems with the header, problems with single cells."""
    errori: list[ErroreInput] = []
    righe_foglio = ws.iter_rows(values_only=True)
    prima = next(righe_foglio, None) or ()
    intestazione = [None if v is None or not str(v).strip() else str(v).strip() for v in prima]
    attese = foglio.intestazioni
    if not any(intestazione):
        return (
            [],
            [
                ErroreInput(
                    "manca l'intestazione della tabella (riga 1): le colonne sono "
                    + ", ".join(attese),
                    file=file,
                    riga=1,
                )
            ],
            [],
        )
    indici: dict[str, int] = {}
    for j, testo in enumerate(intestazione):
        if testo is None:
            continue
        chiave = testo.lower()
        if chiave in indici:
            errori.append(ErroreInput("colonna ripetuta", file=file, riga=1, campo=testo))
        elif chiave not in attese:
            simili = difflib.get_close_matches(chiave, list(attese), n=1)
            extra = f" (forse «{simili[0]}»?)" if simili else ""
            errori.append(
                ErroreInput(f"colonna sconosciuta{extra}", file=file, riga=1, campo=testo)
            )
        else:
            indici[chiave] = j
    for nome in foglio.obbligatorie:
        if nome not in indici:
            errori.append(
                ErroreInput(
                    "colonna obbligatoria mancante (rinominata o cancellata?)",
                    file=file,
                    riga=1,
                    campo=nome,
                )
            )
    if errori:
        return [], errori, []

    tipi = {} if foglio.a_campi else {c.nome: c.tipo for c in foglio.colonne}
    righe: list[Riga] = []
    for numero, celle in enumerate(righe_foglio, start=2):
        for j, v in enumerate(celle):
            vuota = v is None or (isinstance(v, str) and not v.strip())
            if not vuota and (j >= len(intestazione) or intestazione[j] is None):
                errori.append(
                    ErroreInput(
                        f"valore in una colonna senza intestazione (colonna {_lettera(j)}): "
                        "dare un nome alla colonna o spostare il valore",
                        file=file,
                        riga=numero,
                    )
                )
        grezzi = {h: celle[j] for h, j in indici.items() if j < len(celle)}
        if foglio.a_campi:
            grezzi.pop("descrizione", None)
            campo = da_cella(grezzi.get("campo"), TESTO)
            trovato = foglio.campo(str(campo)) if campo is not None else None
            tipi = {"campo": TESTO, "anno": ANNO, "valore": trovato.tipo if trovato else TESTO}
        valori: dict[str, Any] = {}
        for h, v in grezzi.items():
            try:
                letto = da_cella(v, tipi[h])
            except CellaNonValida as exc:
                errori.append(ErroreInput(str(exc), file=file, riga=numero, campo=h))
                letto = str(v).strip()  # kept, so that the field is not also "missing"
            if letto is not None:
                valori[h] = letto
        if valori:
            righe.append(Riga(numero, valori))
    return righe, [], errori


def _lettera(j: int) -> str:
    lettere = ""
    j += 1
    while j:
        j, resto = divmod(j - 1, 26)
        lettere = chr(65 + resto) + lettere
    return lettere
