"""The pieces a case is read with: YAML and CSV files, where a value stands (file, row,
field), and the validation of the whole case. Used by every reader of a case (the folder,
the workbook, the scenario) and importing none of them: :mod:`fabbisogni.caso.lettura`
picks the reader."""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from fabbisogni.caso.fascicolo import (
    Fascicolo,
    primo_mese_senza_servizio,
)
from fabbisogni.errors import ErroreInput, ErroriInput
from fabbisogni.messaggi import messaggio_csv, messaggio_errore, messaggio_os, messaggio_yaml

FILE_YAML = "fascicolo.yaml"
FILE_PIANO = "piano_assunzioni.csv"
FILE_CESSAZIONI = "cessazioni.csv"
FILE_CONSISTENZA = "consistenza.csv"
FILE_PERSONALE = "personale.csv"
TABELLE_CSV = ("piano_assunzioni", "cessazioni", "consistenza", "personale")
ESTENSIONI_EXCEL = (".xlsx", ".xlsm")

# Where a problem is: (file, row, field). A field None is named by the path of the location;
# "" means a whole row, with no field to name.
Luogo = tuple[str | None, int | None, str | None]


# --- pydantic errors in Italian ---------------------------------------------------------


def _messaggio(err: Any, campi_ammessi: Iterable[str] = ()) -> str:
    """Kept for the modules that import it: see :func:`fabbisogni.messaggi.messaggio_errore`."""
    return messaggio_errore(err, campi_ammessi)


def _campo(loc: Sequence[Any]) -> str:
    testo = ""
    for parte in loc:
        if parte == "[key]":  # pydantic's mark for an error in a key of a mapping
            continue
        if isinstance(parte, int):
            testo += f"[{parte + 1}]"
        else:
            testo += ("." if testo else "") + str(parte)
    return testo


def _campi_ammessi(modello: type[BaseModel], loc: Sequence[Any]) -> list[str]:
    """Names of the fields of the model reached by ``loc`` (for 'did you mean')."""
    corrente: Any = modello
    for parte in loc[:-1]:
        if isinstance(parte, int) or corrente is None:
            continue
        campo = getattr(corrente, "model_fields", {}).get(parte)
        if campo is None:
            corrente = None
            continue
        corrente = _modello_di(campo.annotation)
    return list(getattr(corrente, "model_fields", {}) or [])


def _modello_di(annotazione: Any) -> Any:
    if isinstance(annotazione, type) and issubclass(annotazione, BaseModel):
        return annotazione
    for arg in getattr(annotazione, "__args__", ()) or ():
        trovato = _modello_di(arg)
        if trovato is not None:
            return trovato
    return None


# --- YAML ------------------------------------------------------------------------------


def _riga_yaml(radice: Any, loc: Sequence[Any]) -> int | None:
    """The 1-based line of the YAML node at ``loc`` (or of its closest ancestor)."""
    nodo = radice
    riga: int | None = None
    for parte in loc:
        lc = getattr(nodo, "lc", None)
        try:
            if isinstance(parte, int) and isinstance(nodo, list):
                if lc is not None:
                    riga = lc.item(parte)[0] + 1
                nodo = nodo[parte]
            elif isinstance(nodo, dict) and parte in nodo:
                if lc is not None:
                    riga = lc.key(parte)[0] + 1
                nodo = nodo[parte]
            else:
                break
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return riga


def _leggi_yaml(path: Path) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    testo = _decodifica(path)
    yaml = YAML(typ="rt")
    try:
        dati = yaml.load(testo)
    except YAMLError as exc:
        messaggio, riga = messaggio_yaml(exc, testo)
        raise ErroreInput(f"YAML non valido: {messaggio}", file=path.name, riga=riga) from None
    except (ValueError, TypeError, OverflowError):
        # ruamel builds dates while loading: an impossible one (2024-13-01) is a ValueError
        # without a position (its text is English). Find the line ourselves.
        trovata = _data_impossibile(testo)
        if trovata is None:
            etichette = [
                n for n, r in enumerate(testo.splitlines(), start=1) if "!!" in r.split("#")[0]
            ]
            raise ErroreInput(
                "YAML non valido: un valore non si può leggere (un'etichetta «!!» che non "
                "corrisponde al valore?): togliere l'etichetta o scrivere il valore tra virgolette",
                file=path.name,
                riga=etichette[0] if len(etichette) == 1 else None,
            ) from None
        riga, scritta, problema = trovata
        raise ErroreInput(
            f"data impossibile «{scritta}»: {problema}; scrivere una data valida, es. 16/01/2024",
            file=path.name,
            riga=riga,
        ) from None
    if not isinstance(dati, dict):
        raise ErroreInput(
            "il file deve contenere un elenco di campi (ente, rendiconti, …)", file=path.name
        )
    return dati


def _data_impossibile(testo: str) -> tuple[int, str, str] | None:
    """The first impossible ISO date of a YAML text: its line, the date as written, why."""
    from calendar import monthrange

    for numero, riga in enumerate(testo.splitlines(), start=1):
        for m in re.finditer(r"(?<![\w.])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w.])", riga.split("#")[0]):
            anno, mese, giorno = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if not 1 <= mese <= 12:
                return numero, m.group(0), f"il mese {mese} non esiste (da 1 a 12)"
            if not 1 <= anno:
                return numero, m.group(0), "anno non valido"
            giorni = monthrange(anno, mese)[1]
            if not 1 <= giorno <= giorni:
                return numero, m.group(0), f"il mese {mese} del {anno} ha {giorni} giorni"
    return None


def _plain(dato: Any) -> Any:
    """ruamel's round-trip types → plain Python (floats keep their written digits)."""
    from ruamel.yaml.scalarfloat import ScalarFloat

    if isinstance(dato, dict):
        return {_plain(k): _plain(v) for k, v in dato.items()}
    if isinstance(dato, list):
        return [_plain(v) for v in dato]
    if isinstance(dato, ScalarFloat):
        return float(dato)
    if isinstance(dato, bool):
        return bool(dato)
    if isinstance(dato, int):
        return int(dato)
    if isinstance(dato, str):
        return str(dato)
    return dato


# --- encodings and CSV ------------------------------------------------------------------


def _decodifica(path: Path) -> str:
    try:
        dati = path.read_bytes()
    except OSError as exc:
        raise ErroreInput(messaggio_os(exc), file=path.name) from None
    if dati.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in dati:
        raise ErroreInput(
            "codifica non supportata (UTF-16 o file binario): salvare come CSV UTF-8 o "
            "Windows-1252 («CSV (delimitato dal separatore di elenco)» in Excel)",
            file=path.name,
        )
    try:
        return dati.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return dati.decode("cp1252")
    except UnicodeDecodeError as exc:
        riga = dati[: exc.start].count(b"\n") + 1
        raise ErroreInput(
            f"codifica non riconosciuta: il byte 0x{dati[exc.start]:02x} non è valido né in "
            "UTF-8 né in Windows-1252",
            file=path.name,
            riga=riga,
        ) from None


def _leggi_csv(path: Path, modello: type[BaseModel]) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a CSV as (line number, raw values); empty cells become absent fields.

    The stdlib csv module reads every record (it must anyway, to name the physical line of each
    one); polars is not used here because its import alone would cost more start-up time than
    the whole verification.
    """
    testo = _decodifica(path)
    if not testo.strip():
        raise ErroreInput("file vuoto: manca la riga di intestazione", file=path.name, riga=1)
    intestazione = testo.splitlines()[0]
    if not intestazione.strip():
        raise ErroreInput(
            "la prima riga è vuota: deve essere l'intestazione", file=path.name, riga=1
        )
    if ";" not in intestazione and "," not in intestazione:
        altro = next((s for s in ("\t", "|") if s in intestazione), None)
        nome_altro = {"\t": "il tabulatore", "|": "«|»"}.get(altro or "", "")
        raise ErroreInput(
            (
                f"colonne separate con {nome_altro}"
                if altro
                else "l'intestazione ha una colonna sola"
            )
            + ": le colonne vanno separate con «;» (o con «,»); in Excel salvare come «CSV "
            "(delimitato dal separatore di elenco)»",
            file=path.name,
            riga=1,
        )
    separatore = ";" if intestazione.count(";") >= intestazione.count(",") else ","
    # The csv module gives each record's first physical line, so that a message names the line
    # a person sees in the editor even when a quoted cell spans several lines.
    lettore = csv.reader(io.StringIO(testo, newline=""), delimiter=separatore)
    record: list[tuple[int, list[str]]] = []
    fine = 0
    try:
        for campi in lettore:
            record.append((fine + 1, campi))
            fine = lettore.line_num
    except csv.Error as exc:
        raise ErroreInput(messaggio_csv(exc), file=path.name, riga=fine + 1) from None
    colonne = [c.strip().lower() for c in record[0][1]]
    doppie = sorted({c for c in colonne if colonne.count(c) > 1})
    if doppie:
        raise ErroreInput(f"colonne ripetute: {', '.join(doppie)}", file=path.name, riga=1)
    for n, (inizio, campi) in enumerate(record[1:], start=1):
        if campi and len(campi) != len(colonne):
            ultima = record[n + 1][0] - 1 if n + 1 < len(record) else fine
            if ultima > inizio and any("\n" in c for c in campi):
                raise ErroreInput(
                    f'virgolette «"» aperte in questa riga e chiuse solo alla riga {ultima} (o mai '
                    "chiuse): la cella prende le righe che seguono; chiudere le virgolette o "
                    "toglierle",
                    file=path.name,
                    riga=inizio,
                )
            raise ErroreInput(
                f"la riga ha {len(campi)} campi invece di {len(colonne)} (un «{separatore}» di troppo o "
                "mancante? un testo che contiene il separatore va tra virgolette)",
                file=path.name,
                riga=inizio,
            )
    ammesse = list(modello.model_fields)
    errori = []
    for c in colonne:
        if c not in ammesse:
            simili = difflib.get_close_matches(c, ammesse, n=1)
            extra = f" (forse «{simili[0]}»?)" if simili else ""
            errori.append(
                ErroreInput(f"colonna sconosciuta{extra}", file=path.name, riga=1, campo=c)
            )
    for nome, campo in modello.model_fields.items():
        if campo.is_required() and nome not in colonne:
            errori.append(
                ErroreInput("colonna obbligatoria mancante", file=path.name, riga=1, campo=nome)
            )
    if errori:
        raise ErroriInput(errori)
    righe: list[tuple[int, dict[str, Any]]] = []
    for inizio, campi in record[1:]:
        valori = {k: v.strip() for k, v in zip(colonne, campi, strict=False) if v.strip() != ""}
        if valori:
            righe.append((inizio, valori))
    return righe


def _valida_righe(
    nome: str, righe: list[tuple[int, dict[str, Any]]], modello: type[BaseModel]
) -> tuple[list[Any], list[ErroreInput]]:
    """Validate each row on its own; ``nome`` is what a message calls the file.

    One item per row, in order: the model, or None for a row with a problem.
    """
    oggetti: list[Any] = []
    errori: list[ErroreInput] = []
    viste: dict[tuple[tuple[str, Any], ...], int] = {}
    id_visti: dict[str, int] = {}
    for numero, valori in righe:
        firma = tuple(sorted((k, v) for k, v in valori.items() if k != "id"))
        if firma in viste:
            errori.append(
                ErroreInput(
                    f"riga duplicata: identica alla riga {viste[firma]}",
                    file=nome,
                    riga=numero,
                )
            )
            oggetti.append(None)
            continue
        viste[firma] = numero
        ident = valori.get("id")
        if ident is not None:
            if ident in id_visti:
                errori.append(
                    ErroreInput(
                        f"id «{ident}» già usato alla riga {id_visti[ident]}",
                        file=nome,
                        riga=numero,
                        campo="id",
                    )
                )
                oggetti.append(None)
                continue
            id_visti[ident] = numero
        try:
            oggetti.append(modello.model_validate(valori))
        except ValidationError as exc:
            for err in exc.errors():
                campo = _campo(err["loc"]) or None
                errori.append(
                    ErroreInput(messaggio_errore(err), file=nome, riga=numero, campo=campo)
                )
            oggetti.append(None)
    return oggetti, errori


# --- the case ---------------------------------------------------------------------------


class Origine:
    """Where each movement came from, for cross-file messages."""

    def __init__(self) -> None:
        self.piano: dict[str, tuple[str, int | None]] = {}
        self.cessazioni: dict[str, tuple[str, int | None]] = {}
        self.personale: dict[str, tuple[str, int | None]] = {}
        # what a message names when a row's place is not known
        self.file: dict[str, str] = {
            "piano_assunzioni": FILE_PIANO,
            "cessazioni": FILE_CESSAZIONI,
            "personale": FILE_PERSONALE,
        }
        self.dove_personale = FILE_PERSONALE

    def mappa(self, chiave: str) -> dict[str, tuple[str, int | None]]:
        return {
            "piano_assunzioni": self.piano,
            "cessazioni": self.cessazioni,
            "personale": self.personale,
        }[chiave]


def _luogo_yaml(radice: Any, nome_yaml: str) -> Callable[[Sequence[Any]], Luogo]:
    def luogo(loc: Sequence[Any]) -> Luogo:
        return nome_yaml, _riga_yaml(radice, loc), _campo_yaml(radice, loc)

    return luogo


def _campo_yaml(radice: Any, loc: Sequence[Any]) -> str | None:
    """Like :func:`_campo`, but a number is a list position only where the YAML has a list:
    ``dichiarati.spesa_prevista.2025`` (a year as key), ``rendiconti[2].anno``."""
    testo = ""
    nodo = radice
    for parte in loc:
        if parte == "[key]":
            continue
        if isinstance(parte, int) and not isinstance(nodo, dict):
            testo += f"[{parte + 1}]"
        else:
            testo += ("." if testo else "") + str(parte)
        try:
            nodo = nodo[parte]
        except (KeyError, IndexError, TypeError):
            nodo = None
    return testo or None


def valida(
    dati: dict[str, Any],
    errori: list[ErroreInput],
    origine: Origine,
    luogo: Callable[[Sequence[Any]], Luogo],
    *,
    gia_segnalato: Callable[[Sequence[Any]], bool] = lambda loc: False,
    messaggio: Callable[[Any], str | None] = lambda err: None,
) -> Fascicolo:
    """Validate the raw data of a case and check it across fields: the one path for every form.

    ``errori`` are the problems already found while reading; ``luogo`` tells where a pydantic
    location is (file, row, field); ``messaggio`` may give a message of its own for an error.
    """
    try:
        fascicolo = Fascicolo.model_validate(dati)
    except ValidationError as exc:
        for err in exc.errors():
            loc = err["loc"]
            if gia_segnalato(loc):
                continue
            file, riga, campo = luogo(loc)
            testo = messaggio(err) or messaggio_errore(err, _campi_ammessi(Fascicolo, loc))
            campo = _campo(loc) if campo is None else (campo or None)
            errori.append(ErroreInput(testo, file=file, riga=riga, campo=campo))
        raise ErroriInput(errori) from None
    if errori:
        raise ErroriInput(errori)

    errori.extend(_coerenza(fascicolo, luogo, origine))
    if errori:
        raise ErroriInput(errori)
    return fascicolo


def controlla_coerenza(
    f: Fascicolo, radice: Any, nome_yaml: str, origine: Origine | None = None
) -> list[ErroreInput]:
    """Checks across fields and files that pydantic cannot see one field at a time."""
    return _coerenza(f, _luogo_yaml(radice, nome_yaml), origine or Origine())


def _coerenza(
    f: Fascicolo, luogo: Callable[[Sequence[Any]], Luogo], origine: Origine
) -> list[ErroreInput]:
    errori: list[ErroreInput] = []

    def err(messaggio: str, loc: Sequence[Any], campo: str | None = None) -> None:
        file, riga, trovato = luogo(loc)
        if campo is None:
            campo = _campo(loc) if trovato is None else (trovato or None)
        errori.append(ErroreInput(messaggio, file=file, riga=riga, campo=campo))

    anni = [r.anno for r in f.rendiconti]
    if sorted(anni) != list(range(min(anni), min(anni) + 3)):
        err(
            f"i tre rendiconti devono essere di tre anni consecutivi e distinti (trovati {anni})",
            ["rendiconti"],
        )
    ultimo = max(anni)
    if f.primo_anno <= ultimo:
        err(
            f"il primo anno del piano ({f.primo_anno}) deve seguire l'ultimo rendiconto approvato ({ultimo})",
            ["primo_anno"],
        )
    fine_piano = f.primo_anno + 2
    primo_movimento = f.spesa_personale.anno + 1

    def duplicati(elementi: list[int], loc: list[Any], cosa: str) -> None:
        for i, a in enumerate(elementi):
            if a in elementi[:i]:
                err(f"{cosa}: anno {a} ripetuto", [*loc, i, "anno"])
            elif not (f.primo_anno <= a <= fine_piano):
                err(
                    f"{cosa}: l'anno {a} non è nel triennio {f.primo_anno}-{fine_piano}",
                    [*loc, i, "anno"],
                )

    from fabbisogni.parametri import problema_sovrascrittura, tabelle

    for i, sov in enumerate(f.parametri):
        problema = problema_sovrascrittura(sov, tabelle())
        if problema:
            err(problema, ["parametri", i, "chiave" if "voce" in problema else "valore"])
    duplicati([e.anno for e in f.entrate_previste], ["entrate_previste"], "entrate previste")
    if f.comma_557 is not None:
        duplicati(
            [p.anno for p in f.comma_557.previsioni],
            ["comma_557", "previsioni"],
            "previsioni comma 557",
        )
    if f.lavoro_flessibile is not None:
        duplicati(
            [s.anno for s in f.lavoro_flessibile.spesa_prevista],
            ["lavoro_flessibile", "spesa_prevista"],
            "spesa flessibile prevista",
        )

    def dove(
        mappa: dict[str, tuple[str, int | None]], ident: str, fallback: str
    ) -> tuple[str, int | None]:
        return mappa.get(ident, (fallback, None))

    ids_cessazioni = {c.id for c in f.cessazioni}
    for c in f.cessazioni:
        if not (primo_movimento <= c.anno <= fine_piano):
            file, riga = dove(origine.cessazioni, c.id, origine.file["cessazioni"])
            errori.append(
                ErroreInput(
                    f"anno {c.anno} fuori periodo: le cessazioni vanno dal {primo_movimento} (dopo la "
                    f"spesa del rendiconto {f.spesa_personale.anno}) al {fine_piano}",
                    file=file,
                    riga=riga,
                    campo="anno",
                )
            )
    errori.extend(_controlla_personale(f, origine, primo_movimento))
    persone = {d.id for d in f.personale}
    # A cessation row may name the person who leaves: the hire may then name either.
    cessazione_di: dict[str, str] = {c.dipendente: c.id for c in f.cessazioni if c.dipendente}
    sostituite: dict[str, str] = {}
    for a in f.piano_assunzioni:
        file, riga = dove(origine.piano, a.id, origine.file["piano_assunzioni"])
        if not (primo_movimento <= a.anno <= fine_piano):
            errori.append(
                ErroreInput(
                    f"anno {a.anno} fuori periodo: le assunzioni vanno dal {primo_movimento} al {fine_piano}",
                    file=file,
                    riga=riga,
                    campo="anno",
                )
            )
        if not a.sostituisce:
            continue
        if a.sostituisce in ids_cessazioni:
            posto = a.sostituisce
        elif a.sostituisce in persone:
            posto = cessazione_di.get(a.sostituisce, a.sostituisce)
        else:
            altrove = " né una persona del personale in servizio" if persone else ""
            errori.append(
                ErroreInput(
                    f"sostituisce «{a.sostituisce}», che non è tra le cessazioni{altrove}",
                    file=file,
                    riga=riga,
                    campo="sostituisce",
                )
            )
            continue
        if posto in sostituite:
            errori.append(
                ErroreInput(
                    f"il posto di «{a.sostituisce}» è già coperto dall'assunzione «{sostituite[posto]}»: "
                    "lo stesso posto non si copre due volte",
                    file=file,
                    riga=riga,
                    campo="sostituisce",
                )
            )
        else:
            sostituite[posto] = a.id
    return errori


def _controlla_personale(f: Fascicolo, origine: Origine, primo_movimento: int) -> list[ErroreInput]:
    """The roster is the staff on 31 December before the plan; cessation rows must match it."""
    from datetime import date

    errori: list[ErroreInput] = []
    persone = {d.id: d for d in f.personale}
    fine_anno_prima = date(f.primo_anno - 1, 12, 31)
    for d in f.personale:
        file, riga = origine.personale.get(d.id, (origine.file["personale"], None))
        if d.data_assunzione is not None and d.data_assunzione > fine_anno_prima:
            errori.append(
                ErroreInput(
                    f"assunto il {d.data_assunzione:%d/%m/%Y}, dopo il {fine_anno_prima:%d/%m/%Y}: il "
                    "personale è quello in servizio a quella data; una nuova assunzione va nel piano",
                    file=file,
                    riga=riga,
                    campo="data_assunzione",
                )
            )
        if d.data_cessazione is not None and d.data_cessazione.year < primo_movimento:
            errori.append(
                ErroreInput(
                    f"cessato il {d.data_cessazione:%d/%m/%Y}: prima del periodo considerato (dal "
                    f"{primo_movimento}); togliere la persona dal personale in servizio",
                    file=file,
                    riga=riga,
                    campo="data_cessazione",
                )
            )
    viste: dict[str, str] = {}
    for c in f.cessazioni:
        if not c.dipendente:
            if c.id in persone:
                file, riga = origine.cessazioni.get(c.id, (origine.file["cessazioni"], None))
                errori.append(
                    ErroreInput(
                        f"l'id «{c.id}» è anche di una persona del personale in servizio: indicare "
                        f"dipendente «{c.id}» se è la sua cessazione, altrimenti cambiare id",
                        file=file,
                        riga=riga,
                        campo="id",
                    )
                )
            continue
        file, riga = origine.cessazioni.get(c.id, (origine.file["cessazioni"], None))
        if not persone:
            problema = f"il fascicolo non ha il personale in servizio ({origine.dove_personale})"
        elif c.dipendente not in persone:
            problema = "non è nel personale in servizio"
        elif c.dipendente in viste:
            problema = f"cessa già con la cessazione «{viste[c.dipendente]}»"
        else:
            viste[c.dipendente] = c.id
            d = persone[c.dipendente]
            if d.data_cessazione is not None and primo_mese_senza_servizio(d.data_cessazione) != (
                c.anno,
                c.mese,
            ):
                problema = (
                    f"nel personale cessa il {d.data_cessazione:%d/%m/%Y}, qui nel {c.mese}/{c.anno}: "
                    "le due date devono coincidere"
                )
            elif d.area != c.area:
                problema = f"nel personale è nell'area {d.area}, qui {c.area}"
            else:
                continue
        errori.append(
            ErroreInput(
                f"dipendente «{c.dipendente}»: {problema}", file=file, riga=riga, campo="dipendente"
            )
        )
    return errori
