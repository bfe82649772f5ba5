"""Italian messages for the errors of the libraries that read the input (pydantic, ruamel, csv).

No English text of a library ever reaches the user: every pydantic error type has an Italian
message (:func:`messaggio_errore`), the common YAML syntax errors are explained with a hint
(:func:`messaggio_yaml`), and so are CSV and file-system errors (:func:`messaggio_csv`,
:func:`messaggio_os`). Where the problem is (file, row, field) is the caller's business: these
functions give only what is wrong. Numbers are written the Italian way (``1,5``).

This module imports nothing of the project but :mod:`fabbisogni.numeri` (which also holds
:func:`valore_citato` and :func:`testo_valore`, re-exported here), so that any module, the
models and the table loader included, may use it.
"""

from __future__ import annotations

import difflib
import errno
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from fabbisogni.numeri import LUNGHEZZA_MASSIMA, testo_valore, valore_citato

__all__ = ["LUNGHEZZA_MASSIMA", "testo_valore", "valore_citato"]  # they live in numeri


def elenco_valori(valori: Iterable[Any]) -> str:
    """``["a", "b", "c"]`` → ``«a», «b» o «c»``."""
    citati = [f"«{testo_valore(v)}»" for v in valori]
    if len(citati) <= 1:
        return "".join(citati)
    return ", ".join(citati[:-1]) + " o " + citati[-1]


def _valori_attesi(atteso: Any) -> str:
    """pydantic's ``"'a', 'b' or 'c'"`` (ctx ``expected``) → ``«a», «b» o «c»``."""
    testo = str(atteso)
    valori = re.findall(r"'((?:[^'\\]|\\.)*)'|(-?\d+(?:\.\d+)?)", testo)
    if valori:
        return elenco_valori(a or b for a, b in valori)
    return testo.replace(" or ", " o ")


def _numero(valore: Any) -> str:
    """A bound from pydantic's ctx (an int, a float, a Decimal, a date) in Italian."""
    return testo_valore(valore)


# --- pydantic ----------------------------------------------------------------------------

# Patterns of our models, in words (a regular expression means nothing to a user).
FORME: dict[str, str] = {
    r"^\d{6}$": 'sei cifre, es. "018041" (tra virgolette, perché lo zero iniziale resti)',
}

# What a type error says is expected, by error type.
ATTESI: dict[str, str] = {
    "string_type": "un testo",
    "list_type": "un elenco (righe che cominciano con «-»)",
    "tuple_type": "un elenco (righe che cominciano con «-»)",
    "set_type": "un elenco (righe che cominciano con «-»)",
    "frozen_set_type": "un elenco (righe che cominciano con «-»)",
    "deque_type": "un elenco (righe che cominciano con «-»)",
    "iterable_type": "un elenco (righe che cominciano con «-»)",
    "dict_type": "un elenco di campi («campo: valore», uno per riga)",
    "frozen_dict_type": "un elenco di campi («campo: valore», uno per riga)",
    "ordered_dict_type": "un elenco di campi («campo: valore», uno per riga)",
    "counter_type": "un elenco di campi («campo: valore», uno per riga)",
    "mapping_type": "un elenco di campi («campo: valore», uno per riga)",
    "model_type": "un elenco di campi («campo: valore», uno per riga, rientrati)",
    "model_attributes_type": "un elenco di campi («campo: valore», uno per riga, rientrati)",
    "dataclass_type": "un elenco di campi («campo: valore», uno per riga, rientrati)",
    "dataclass_exact_type": "un elenco di campi («campo: valore», uno per riga, rientrati)",
    "named_tuple_type": "un elenco di campi («campo: valore», uno per riga, rientrati)",
    "arguments_type": "un elenco di campi («campo: valore», uno per riga, rientrati)",
    "bytes_type": "un testo",
    "callable_type": "una funzione",
    "is_instance_of": "un valore di un altro tipo",
    "is_subclass_of": "un valore di un altro tipo",
    "json_type": "un testo in formato JSON",
    "url_type": "un indirizzo web (es. https://…)",
    "uuid_type": "un codice UUID",
    "time_delta_type": "una durata",
    "fraction_type": "una frazione",
    "complex_type": "un numero complesso",
}

# Messages that need nothing but the value quoted (``{v}``), by error type.
SEMPLICI: dict[str, str] = {
    "int_type": "{v} non è un numero intero",
    "int_parsing": "{v} non è un numero intero",
    "int_from_float": "{v} non è un numero intero (ha dei decimali)",
    "int_parsing_size": "{v}: numero intero troppo grande",
    "float_type": "{v} non è un numero",
    "float_parsing": "{v} non è un numero (esempio: 1.234,56)",
    "decimal_type": "{v} non è un numero",
    "decimal_parsing": "{v} non è un numero (esempio: 1.234,56)",
    "finite_number": "{v} non è un numero finito",
    "bool_type": "{v} non è sì/no",
    "bool_parsing": "{v} non è sì/no",
    "date_type": "{v} non è una data (scrivere gg/mm/aaaa, es. 16/01/2024)",
    "date_parsing": "{v} non è una data valida (scrivere gg/mm/aaaa, es. 16/01/2024)",
    "date_from_datetime_parsing": "{v} non è una data valida (scrivere gg/mm/aaaa, es. 16/01/2024)",
    "date_from_datetime_inexact": "{v} non è una data (scrivere gg/mm/aaaa, es. 16/01/2024)",
    "date_past": "la data {v} dovrebbe essere nel passato",
    "date_future": "la data {v} dovrebbe essere nel futuro",
    "datetime_type": "{v} non è una data con ora (scrivere gg/mm/aaaa hh:mm)",
    "datetime_parsing": "{v} non è una data con ora valida (scrivere gg/mm/aaaa hh:mm)",
    "datetime_from_date_parsing": "{v} non è una data con ora valida (scrivere gg/mm/aaaa hh:mm)",
    "datetime_object_invalid": "{v} non è una data con ora valida",
    "datetime_past": "la data {v} dovrebbe essere nel passato",
    "datetime_future": "la data {v} dovrebbe essere nel futuro",
    "time_type": "{v} non è un orario (scrivere hh:mm)",
    "time_parsing": "{v} non è un orario valido (scrivere hh:mm)",
    "timezone_naive": "{v}: l'orario non deve indicare il fuso orario",
    "timezone_aware": "{v}: l'orario deve indicare il fuso orario",
    "timezone_offset": "{v}: fuso orario non ammesso",
    "time_delta_parsing": "{v} non è una durata valida",
    "string_unicode": "{v} non è un testo leggibile (caratteri non validi)",
    "string_not_ascii": "{v} contiene lettere accentate o simboli non ammessi qui",
    "bytes_invalid_encoding": "{v} non è un testo leggibile (codifica non valida)",
    "json_invalid": "{v} non è un testo JSON valido",
    "url_parsing": "{v} non è un indirizzo web valido (es. https://www.comune.esempio.it)",
    "url_syntax_violation": "{v} non è un indirizzo web valido (es. https://www.comune.esempio.it)",
    "uuid_parsing": "{v} non è un codice UUID valido",
    "fraction_parsing": "{v} non è una frazione valida",
    "complex_str_parsing": "{v} non è un numero complesso valido",
    "none_required": "{v}: questo campo va lasciato vuoto",
    "set_item_not_hashable": "{v}: elemento non ammesso in questo elenco",
    "frozen_field": "campo non modificabile",
    "frozen_instance": "valori non modificabili",
    "invalid_key": "{v} non è un nome di campo valido",
    "recursion_loop": "struttura circolare: un'ancora YAML («&») che rimanda a sé stessa",
    "recursion_depth_exceeded": "struttura annidata troppo in profondità",
    "missing_argument": "campo obbligatorio mancante",
    "missing_keyword_only_argument": "campo obbligatorio mancante",
    "missing_positional_only_argument": "campo obbligatorio mancante",
    "unexpected_keyword_argument": "campo non previsto",
    "unexpected_positional_argument": "valore non previsto",
    "multiple_argument_values": "campo indicato due volte",
    "default_factory_not_called": "valore predefinito non disponibile",
    "no_such_attribute": "campo inesistente",
    "get_attribute_error": "valore non leggibile",
    "iteration_error": "elenco non leggibile",
    "needs_python_object": "valore non ammesso in questa forma",
    "missing_sentinel_error": "valore non ammesso",
    "ellipsis_error": "valore non ammesso",
}


def messaggio_errore(err: Mapping[str, Any], campi_ammessi: Iterable[str] = ()) -> str:
    """What is wrong, in Italian, for one error of ``ValidationError.errors()``.

    ``campi_ammessi``: the fields of the model where the error is, to suggest the closest one for
    a field that is not expected. The place (file, row, field) is not part of the message.
    """
    tipo = str(err.get("type", ""))
    ctx: Mapping[str, Any] = err.get("ctx") or {}
    loc: Sequence[Any] = err.get("loc") or ()
    ricevuto = err.get("input")
    v = valore_citato(ricevuto)
    chiave = bool(loc) and loc[-1] == "[key]"  # the error is in a key of a mapping

    if tipo == "missing":
        return "campo obbligatorio mancante"
    if tipo == "extra_forbidden":
        campo = str(loc[-1]) if loc else ""
        simili = difflib.get_close_matches(campo, list(campi_ammessi), n=1)
        extra = f" (forse «{simili[0]}»?)" if simili else ""
        return f"campo non previsto{extra}"
    if tipo in ("value_error", "assertion_error"):
        return _testo_errore(ctx.get("error"), err.get("msg"))
    if tipo in ("literal_error", "enum"):
        ammessi = _valori_attesi(ctx.get("expected", ""))
        if chiave:
            return f"chiave {v} non ammessa: chiavi ammesse {ammessi}"
        return f"valore {v} non ammesso: valori ammessi {ammessi}"
    if tipo in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        limite = {
            "greater_than_equal": ("troppo piccolo", "almeno", "ge"),
            "greater_than": ("troppo piccolo", "maggiore di", "gt"),
            "less_than_equal": ("troppo grande", "al massimo", "le"),
            "less_than": ("troppo grande", "minore di", "lt"),
        }[tipo]
        return f"{v} {limite[0]}: deve essere {limite[1]} {_numero(ctx.get(limite[2]))}"
    if tipo == "multiple_of":
        return f"{v} non è un multiplo di {_numero(ctx.get('multiple_of'))}"
    if tipo in ("decimal_max_digits", "decimal_max_places", "decimal_whole_digits"):
        if tipo == "decimal_max_places":
            n = ctx.get("decimal_places")
            return f"{v} ha troppi decimali: al massimo {n}"
        if tipo == "decimal_whole_digits":
            n = ctx.get("whole_digits")
            return f"{v} ha troppe cifre prima della virgola: al massimo {n}"
        return f"{v} ha troppe cifre: al massimo {ctx.get('max_digits')}"
    if tipo == "string_too_short":
        n = ctx.get("min_length")
        if n == 1 or not ricevuto:
            return "testo vuoto"
        return f"testo {v} troppo corto: servono almeno {n} caratteri"
    if tipo == "string_too_long":
        return f"testo troppo lungo: al massimo {ctx.get('max_length')} caratteri"
    if tipo in ("too_short", "too_long"):
        return _lunghezza(tipo, ctx)
    if tipo == "string_pattern_mismatch":
        forma = FORME.get(str(ctx.get("pattern", "")))
        return f"{v} non ha la forma richiesta" + (f": {forma}" if forma else "")
    if tipo in ("url_too_long",):
        return f"indirizzo web troppo lungo: al massimo {ctx.get('max_length')} caratteri"
    if tipo == "url_scheme":
        return f"{v}: l'indirizzo deve cominciare con {_valori_attesi(ctx.get('expected_schemes'))}"
    if tipo == "uuid_version":
        return f"{v}: codice UUID della versione sbagliata (serve la {ctx.get('expected_version')})"
    if tipo in ("bytes_too_short", "bytes_too_long"):
        return f"{v}: lunghezza non ammessa"
    if tipo == "union_tag_invalid":
        campo = str(ctx.get("discriminator", "")).strip("'")
        ammessi = _valori_attesi(ctx.get("expected_tags", ""))
        return f"«{campo}» {valore_citato(ctx.get('tag'))} non ammesso: valori ammessi {ammessi}"
    if tipo == "union_tag_not_found":
        campo = str(ctx.get("discriminator", "")).strip("'")
        return f"manca il campo «{campo}», che dice di che tipo è questo elemento"
    if tipo in ATTESI:
        return _tipo_sbagliato(ATTESI[tipo], ricevuto)
    if tipo in SEMPLICI:
        return SEMPLICI[tipo].format(v=v)
    # a type pydantic may add in a later version: never its English text
    return "valore non valido" if ricevuto is None else f"valore {v} non valido"


def _testo_errore(errore: Any, msg: Any) -> str:
    """The text of a ValueError (or AssertionError) raised by our own validators."""
    testo = str(errore) if errore is not None else ""
    if not testo.strip():
        testo = str(msg or "")
        for prefisso in ("Value error, ", "Assertion failed, "):
            testo = testo.removeprefix(prefisso)
    testo = testo.strip()
    return testo or "valore non valido"


def _lunghezza(tipo: str, ctx: Mapping[str, Any]) -> str:
    genere = str(ctx.get("field_type", "List"))
    if genere == "Dictionary":
        uno, molti = "un campo", "campi"
    else:
        uno, molti = "un elemento", "elementi"
    attuale = ctx.get("actual_length")
    qui = f" (qui {attuale})" if attuale is not None else ""
    if tipo == "too_short":
        n = ctx.get("min_length")
        return (f"serve almeno {uno}" if n == 1 else f"servono almeno {n} {molti}") + qui
    n = ctx.get("max_length")
    return (f"ammesso al massimo {uno}" if n == 1 else f"ammessi al massimo {n} {molti}") + qui


def _tipo_sbagliato(atteso: str, ricevuto: Any) -> str:
    if atteso == "un testo" and isinstance(ricevuto, int | float | Decimal | bool):
        cosa = "sì/no" if isinstance(ricevuto, bool) else "un numero"
        return (
            f"{valore_citato(ricevuto)} è letto come {cosa}, ma qui serve un testo: scriverlo tra "
            'virgolette (es. "…")'
        )
    return f"qui serve {atteso}, non {valore_citato(ricevuto)}"


# --- YAML --------------------------------------------------------------------------------

_CARATTERE = re.compile(r"found character '(.*)' that cannot start any token")
_CHIAVE_DOPPIA = re.compile(r'found duplicate key "(.*)" with value')
_ALIAS = re.compile(r"found undefined alias '(.*)'")
_TROVATO = re.compile(r"but (?:found|got) '(.*)'")


def messaggio_yaml(exc: BaseException, testo: str | None = None) -> tuple[str, int | None]:
    """What is wrong in a YAML file that does not parse, in Italian with a hint, and the
    1-based line to name (None if unknown). ``testo``: the file's text, to find a line that the
    error does not give (the first of a repeated key, a forbidden character)."""
    problema = str(getattr(exc, "problem", None) or "")
    contesto = str(getattr(exc, "context", None) or "")
    segno = getattr(exc, "problem_mark", None)
    segno_contesto = getattr(exc, "context_mark", None)
    riga = segno.line + 1 if segno is not None else None
    colonna = segno.column + 1 if segno is not None else None
    riga_contesto = segno_contesto.line + 1 if segno_contesto is not None else None
    dove = f" (colonna {colonna})" if colonna is not None else ""

    if type(exc).__name__ == "ReaderError":
        return _carattere_non_ammesso(exc, testo)
    if "duplicate key" in problema:
        m = _CHIAVE_DOPPIA.search(problema)
        nome = m.group(1) if m else ""
        prima = _prima_chiave(testo, nome, riga, colonna, riga_contesto)
        alla = f" (la prima volta alla riga {prima})" if prima is not None else ""
        return (
            f"campo «{nome}» scritto due volte{alla}: tenerne uno solo, o rientrare quello "
            "che appartiene a un'altra sezione",
            riga,
        )
    if "'\\t'" in problema or "\t" in problema or _rientro_con_tab(testo, riga):
        return (
            f"carattere di tabulazione{dove}: usare spazi, non il tasto Tab (anche per rientrare "
            "le righe)",
            riga,
        )
    aperte = _virgolette_aperte(testo, riga)
    if aperte is not None and "quoted scalar" not in contesto:
        # the quoted value took the lines after it, up to a quote further on: the error shows
        # there, the cause is here
        return (
            "virgolette aperte e non chiuse sulla stessa riga: chiudere le virgolette (o "
            "toglierle); il testo tra virgolette prosegue fino alle virgolette successive",
            aperte,
        )
    m = _CARATTERE.search(problema)
    if m:
        c = m.group(1)
        return (
            f'un valore non può cominciare con «{c}»{dove}: scriverlo tra virgolette (es. "{c}…")',
            riga,
        )
    if "quoted scalar" in contesto:
        if "end of stream" in problema or "document separator" in problema:
            return (
                "virgolette aperte e mai chiuse: chiudere le virgolette (o toglierle) nel valore "
                "che comincia qui",
                riga_contesto or riga,
            )
        if "escape" in problema:
            return (
                f"tra virgolette doppie la barra rovesciata «\\» è un carattere speciale{dove}: "
                "usare le virgolette semplici ('…') o scrivere «\\\\»",
                riga,
            )
        return (
            "testo tra virgolette non chiuso correttamente: controllare le virgolette",
            riga_contesto or riga,
        )
    if "mapping values are not allowed" in problema:
        return (
            f"due punti «:» non attesi{dove}: un testo che contiene «: » va tra virgolette, e "
            "ogni campo va su una riga sua («campo: valore», con uno spazio dopo i due punti); "
            "controllare anche la riga precedente",
            riga,
        )
    if "could not find expected ':'" in problema:
        return (
            "mancano i due punti dopo il nome del campo («campo: valore»)",
            riga_contesto or riga,
        )
    if "undefined alias" in problema:
        m = _ALIAS.search(problema)
        nome = m.group(1) if m else ""
        return (
            f"«*{nome}» rimanda a un'ancora «&{nome}» che non c'è: un testo che comincia con «*» "
            "va tra virgolette",
            riga,
        )
    if "flow sequence" in contesto:
        return (
            "parentesi quadra «[» aperta e non chiusa (o manca una virgola tra gli elementi): "
            "chiudere con «]», o mettere il testo tra virgolette",
            riga_contesto or riga,
        )
    if "flow mapping" in contesto:
        return (
            "parentesi graffa «{» aperta e non chiusa (o manca una virgola tra i campi): "
            "chiudere con «}», o mettere il testo tra virgolette",
            riga_contesto or riga,
        )
    if "<block end>" in problema or "block mapping" in contesto or "block collection" in contesto:
        trovato = _TROVATO.search(problema)
        trattino = trovato is not None and trovato.group(1) == "-"
        extra = (
            ": un elemento di elenco («- …») non può stare tra i campi di una sezione"
            if trattino
            else ""
        )
        return (
            "rientro sbagliato: la riga non è allineata con le altre dello stesso livello "
            f"(controllare gli spazi a inizio riga){extra}",
            riga,
        )
    if "node content" in problema:
        trovato = _TROVATO.search(problema)
        c = trovato.group(1) if trovato else ""
        return (f"un valore non può cominciare con «{c}»{dove}: scriverlo tra virgolette", riga)
    if "anchor" in contesto or "alias" in contesto:
        c = "&" if "anchor" in contesto else "*"
        return (
            f"«{c}» a inizio valore ha un significato speciale in YAML{dove}: scrivere il "
            "valore tra virgolette",
            riga,
        )
    if "block scalar" in contesto:
        return (
            f"dopo «|» o «>» si va a capo e si scrive il testo rientrato{dove}: se il valore "
            "comincia con «|» o «>», scriverlo tra virgolette",
            riga,
        )
    if "another document" in problema or "single document" in contesto:
        return (
            "il file contiene più documenti (una riga «---» o «...»): un file di questo tipo è un "
            "documento solo, togliere la riga",
            riga,
        )
    if "merging" in problema:
        return ("«<<» unisce solo sezioni di campi («<<: *nome» di una sezione)", riga)
    if "tag" in problema or "tag" in contesto:
        return (
            f"valore con un'etichetta «!» non riconosciuta{dove}: togliere «!…» o scrivere il "
            "valore tra virgolette",
            riga,
        )
    if "directive" in contesto or "directive" in problema:
        return ("riga che comincia con «%» non ammessa: scriverla tra virgolette", riga)
    return (
        f"il testo non è nella forma attesa{dove}: controllare rientri, due punti («campo: "
        "valore») e virgolette",
        riga,
    )


_APRE_VIRGOLETTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#"'\-][^#]*?:\s+)?(["'])(.*)$""")


def _virgolette_aperte(testo: str | None, riga: int | None) -> int | None:
    """The line, among the few before ``riga`` (included), whose value opens quotes that the
    line does not close; None if there is none."""
    if testo is None or riga is None:
        return None
    righe = testo.splitlines()
    for numero in range(min(riga, len(righe)), max(riga - 10, 0), -1):
        m = _APRE_VIRGOLETTE.match(righe[numero - 1])
        if m is None:
            continue
        virgoletta, resto = m.group(1), m.group(2)
        if virgoletta == "'":
            chiusa = re.search(r"'(?!')", resto.replace("''", "")) is not None
        else:
            chiusa = re.search(r'(?<!\\)"', resto) is not None
        if not chiusa:
            return numero
    return None


def _rientro_con_tab(testo: str | None, riga: int | None) -> bool:
    """Whether line ``riga`` of ``testo`` is indented with a tab (some tabs give other errors)."""
    if testo is None or riga is None:
        return False
    righe = testo.splitlines()
    if not 1 <= riga <= len(righe):
        return False
    testo_riga = righe[riga - 1]
    return "\t" in testo_riga[: len(testo_riga) - len(testo_riga.lstrip())]


def _carattere_non_ammesso(exc: BaseException, testo: str | None) -> tuple[str, int | None]:
    carattere = getattr(exc, "character", None)
    posizione = getattr(exc, "position", None)
    riga = None
    if testo is not None and isinstance(posizione, int):
        riga = testo[:posizione].count("\n") + 1
    codice = f" (codice U+{ord(carattere):04X})" if isinstance(carattere, str) and carattere else ""
    if isinstance(carattere, int):
        codice = f" (codice U+{carattere:04X})"
    return (
        f"carattere di controllo non ammesso{codice}: il file contiene un carattere invisibile "
        "(spesso copiato da un altro programma); riscrivere la riga",
        riga,
    )


def _prima_chiave(
    testo: str | None, nome: str, riga: int | None, colonna: int | None, inizio: int | None
) -> int | None:
    """The line where a repeated key is first written (same indentation, before ``riga``)."""
    if testo is None or riga is None or colonna is None or not nome:
        return None
    rientro = colonna - 1
    schema = re.compile(rf"[\"']?{re.escape(nome)}[\"']?\s*:(\s|$)")
    righe = testo.splitlines()
    for numero in range(inizio or 1, riga):
        testo_riga = righe[numero - 1]
        # the key at the same column, after spaces or a list item's dash («  - nome: …»)
        if set(testo_riga[:rientro]) <= {" ", "-"} and schema.match(testo_riga[rientro:]):
            return numero
    return None


# --- CSV and files -----------------------------------------------------------------------


def messaggio_csv(exc: BaseException) -> str:
    """A :class:`csv.Error` in Italian (the csv module's text is English)."""
    testo = str(exc)
    if "field larger than field limit" in testo:
        return (
            'cella troppo lunga: probabilmente una virgoletta «"» aperta e mai chiusa, che '
            "prende il resto del file; chiudere le virgolette o toglierle"
        )
    if "NUL" in testo:
        return "il file contiene caratteri nulli: non è un CSV di testo (salvarlo come CSV)"
    if "new-line" in testo or "newline" in testo:
        return "a capo in una cella senza virgolette: mettere la cella tra virgolette"
    if "expected after" in testo or "quote" in testo.lower():
        return 'virgolette nel posto sbagliato: una cella con «"» va tutta tra virgolette'
    return "CSV non leggibile: controllare separatori e virgolette"


_ERRNO = {
    errno.ENOENT: "file inesistente",
    errno.EACCES: "permesso negato: il file è protetto o aperto da un altro programma",
    errno.EPERM: "operazione non permessa sul file",
    errno.EISDIR: "è una cartella, non un file",
    errno.ENOTDIR: "il percorso passa per un file come se fosse una cartella",
    errno.EBUSY: "il file è in uso da un altro programma",
    errno.ENAMETOOLONG: "nome del file troppo lungo",
    errno.ELOOP: "collegamenti che rimandano l'uno all'altro",
    errno.EIO: "errore di lettura del disco",
}


def messaggio_os(exc: OSError) -> str:
    """Why a file cannot be read, in Italian (``strerror`` is in the system's language)."""
    motivo = _ERRNO.get(exc.errno or -1)
    return f"file non leggibile ({motivo})" if motivo else "file non leggibile"
