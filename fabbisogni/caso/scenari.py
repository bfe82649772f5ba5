"""Scenarios: a small YAML file that names a base case and changes it (``docs/scenari.md``).

A scenario adds, removes or changes hires and cessations, changes the entrate or the FCDE of a
year, and overrides parameters. Reading one validates its own content (:func:`leggi_scenario`);
applying it to the base (:func:`applica`) gives a new :class:`Fascicolo`, checked across fields
like a case, with every problem named by the scenario file, its line and the field; one run
reports every problem of the file together (what holds one is left out and the rest is still
checked, see :class:`ScenarioLetto`). Applying is
cheap (``model_copy`` of the base; only the rows a scenario changes are validated again), so that
many scenarios can be evaluated in one process. :func:`confronta` evaluates a base and its
scenarios side by side; :mod:`fabbisogni.uscite.confronto` renders the comparison.

Nothing here is imported when a case is read: :mod:`fabbisogni.caso.lettura` imports this module
only for a YAML file with a top-level ``base:`` key.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from fabbisogni.caso.fascicolo import (
    Anno,
    Assunzione,
    CausaCessazione,
    Cessazione,
    EntratePreviste,
    Fascicolo,
    Importo,
    Mese,
    Modello,
    QuotaFte,
    Testo,
    TipoContratto,
)
from fabbisogni.errors import ErroreInput, ErroriInput
from fabbisogni.numeri import NumeroNonValido, euro, fmt_euro, parse_decimal
from fabbisogni.parametri import Sovrascrittura

CHIAVE_FCDE_RENDICONTO = "rendiconto"

# --- the content of a scenario file ------------------------------------------------------


class Variazione(BaseModel):
    """A change to an amount: a new value, plus or minus an amount, plus or minus a percentage."""

    model_config = ConfigDict(frozen=True)

    modo: Literal["valore", "importo", "percentuale"]
    valore: Decimal
    testo: str

    def applica(self, corrente: Decimal) -> Decimal:
        """The new amount, to the cent (half up)."""
        if self.modo == "valore":
            return self.valore
        if self.modo == "importo":
            return euro(corrente + self.valore)
        return euro(corrente * (1 + self.valore))


def _variazione(valore: Any) -> Any:
    if isinstance(valore, Variazione | dict):
        return valore
    if isinstance(valore, bool) or not isinstance(valore, int | float | str | Decimal):
        raise ValueError(
            f'«{valore}» non è un importo né una variazione (es. "+5%", "-100.000,00")'
        )
    testo = str(valore).strip()
    if isinstance(valore, str):
        t = testo.replace("\u2212", "-")
        if t.endswith("%"):
            corpo = t[:-1].strip()
            if not corpo.startswith(("+", "-")):
                raise ValueError(
                    f"«{testo}»: una percentuale è una variazione e va scritta con il segno "
                    "(«+5%» o «-5%»); per un nuovo importo scrivere l'importo"
                )
            try:
                percento = parse_decimal(corpo)
            except NumeroNonValido:
                raise ValueError(
                    f"«{testo}» non è una percentuale valida (esempio: «+5%», «-2,5%»)"
                ) from None
            if percento <= -100:
                raise ValueError(f"«{testo}»: una riduzione non può essere del 100% o più")
            return {"modo": "percentuale", "valore": percento / 100, "testo": testo}
        valore = t
    try:
        d = parse_decimal(valore, max_decimali=2)
    except NumeroNonValido as exc:
        raise ValueError(str(exc)) from None
    if (isinstance(valore, str) and valore.startswith(("+", "-"))) or d < 0:
        return {"modo": "importo", "valore": d, "testo": testo}
    return {"modo": "valore", "valore": d, "testo": testo}


VariazioneImporto = Annotated[Variazione, BeforeValidator(_variazione)]


class ModificaAssunzione(Modello):
    """What changes in a hire of the base (only the fields written)."""

    id: Testo
    anno: Anno | None = None
    mese_inizio: Mese | None = None
    fte: QuotaFte | None = None
    tipo_contratto: TipoContratto | None = None
    anno_fine: Anno | None = None
    mese_fine: Mese | None = None
    costo_annuo: Importo | None = None
    costo_annuo_con_irap: Importo | None = None
    importo_finanziato: Importo | None = None
    note: str | None = None


class ModificaCessazione(Modello):
    """What changes in a cessation of the base (only the fields written)."""

    id: Testo
    anno: Anno | None = None
    mese: Mese | None = None
    fte: QuotaFte | None = None
    causa: CausaCessazione | None = None
    costo_annuo: Importo | None = None
    costo_annuo_con_irap: Importo | None = None
    note: str | None = None


# Fields a change may not empty: the others may be written empty (``costo_annuo:`` with no value
# means "no cost given: compute it from the tables").
OBBLIGATORI = frozenset({"anno", "mese_inizio", "mese", "fte", "tipo_contratto", "causa"})


class VariazioniAssunzioni(Modello):
    togli: list[Testo] = Field(default=[], description="id delle assunzioni da togliere")
    modifica: list[ModificaAssunzione] = Field(default=[], description="assunzioni da cambiare")
    aggiungi: list[Assunzione] = Field(default=[], description="assunzioni nuove")


class VariazioniCessazioni(Modello):
    togli: list[Testo] = Field(default=[], description="id delle cessazioni da togliere")
    modifica: list[ModificaCessazione] = Field(default=[], description="cessazioni da cambiare")
    aggiungi: list[Cessazione] = Field(default=[], description="cessazioni nuove")


def _chiave_fcde(chiave: Any) -> Any:
    """A key of ``fcde:``: a year, or «rendiconto» (any case)."""
    if isinstance(chiave, str) and chiave.strip().lower() == CHIAVE_FCDE_RENDICONTO:
        return CHIAVE_FCDE_RENDICONTO
    if isinstance(chiave, str) and chiave.strip().isdigit():
        return int(chiave)
    if isinstance(chiave, bool) or not isinstance(chiave, int):
        raise ValueError(
            f"chiave «{chiave}» non ammessa: un anno del triennio o «{CHIAVE_FCDE_RENDICONTO}»"
        )
    return chiave


# Validated key by key, so that a wrong key is reported on its own and the others still count.
ChiaveFcde = Annotated[int | Literal["rendiconto"], BeforeValidator(_chiave_fcde)]


class Scenario(Modello):
    """The content of a scenario file."""

    nome: Testo = Field(description="Nome breve, mostrato nel confronto")
    descrizione: str | None = None
    base: Testo = Field(
        description="Il fascicolo di base: cartella, fascicolo.yaml, .xlsx o un altro scenario, "
        "relativo alla cartella del file dello scenario",
    )
    assunzioni: VariazioniAssunzioni = VariazioniAssunzioni()
    cessazioni: VariazioniCessazioni = VariazioniCessazioni()
    entrate: dict[Anno, VariazioneImporto] = Field(
        default={}, description="Per anno del triennio: entrate correnti (titoli I-III) previste"
    )
    fcde: dict[ChiaveFcde, VariazioneImporto] = Field(
        default={},
        description="Per anno del triennio, o «rendiconto» per il FCDE sottratto alla media",
    )
    parametri: list[Sovrascrittura] = Field(
        default=[], description="Parametri propri dello scenario (come nel fascicolo)"
    )


class SovrascritturaScenario(Sovrascrittura):
    """An override written in a scenario: it says which, so that whatever names the override
    can say where it comes from («dallo scenario …», not «dal fascicolo»).

    Made by :func:`leggi_scenario` from the scenario's ``parametri:``, never read from a file;
    left out of dumps, so a case with it serializes like one without.
    """

    scenario: str = Field(exclude=True)


# --- reading a scenario file -------------------------------------------------------------


@dataclass
class ScenarioLetto:
    """A scenario file read and validated, with its YAML tree for line numbers.

    ``scenario`` holds what is valid in the file. Each problem found reading it is in
    ``errori`` (:func:`leggi_scenario` raises them, :func:`applica` reports them with its own),
    and what holds a problem is left out of ``scenario``: a list element (a row, an id, an
    override), a year of ``entrate:``/``fcde:``, or the key. ``posizioni`` gives, for a list with
    elements left out, the position in the file of each element kept, so that every message
    names the line and the field as written.
    """

    percorso: Path
    radice: Any
    scenario: Scenario
    errori: list[ErroreInput] = field(default_factory=list)
    posizioni: dict[tuple[Any, ...], list[int]] = field(default_factory=dict)
    tolti: list[tuple[Any, ...]] = field(default_factory=list)  # what was left out, as above
    base_utilizzabile: bool = True  # False: the base is not valid, missing or the file itself

    @property
    def file(self) -> str:
        return self.percorso.name

    @property
    def percorso_base(self) -> Path:
        return Path(os.path.normpath(self.percorso.parent / self.scenario.base))

    def nel_file(self, loc: Sequence[Any]) -> list[Any]:
        """A path into ``scenario`` → the same path in the file (positions of elements kept)."""
        fuori: list[Any] = []
        for parte in loc:
            tenuti = self.posizioni.get(tuple(fuori))
            if isinstance(parte, int) and tenuti is not None and 0 <= parte < len(tenuti):
                parte = tenuti[parte]
            fuori.append(parte)
        return fuori

    def tolto(self, *chiavi: str) -> bool:
        """Whether something under these top-level keys was left out for a problem."""
        return any(t and t[0] in chiavi for t in self.tolti)

    def errore(self, messaggio: str, loc: Sequence[Any], campo: str | None = None) -> ErroreInput:
        """A problem at ``loc``, a path into ``scenario`` (list positions as validated)."""
        from fabbisogni.caso.sorgenti import _riga_yaml

        loc = self.nel_file(loc)
        return ErroreInput(
            messaggio,
            file=self.file,
            riga=_riga_yaml(self.radice, loc),
            campo=campo if campo is not None else _campo(self.radice, loc),
        )


def _campo(radice: Any, loc: Sequence[Any]) -> str | None:
    """``["assunzioni", "modifica", 0, "anno"]`` → ``assunzioni.modifica[1].anno``: list
    positions from 1, dictionary keys (years) as written (as for a case's YAML)."""
    from fabbisogni.caso.sorgenti import _campo_yaml

    return _campo_yaml(radice, loc)


def _sovrascritture_scartate(
    percorso: Path, radice: Any, dati: Any, tolti: list[tuple[Any, ...]]
) -> list[ErroreInput]:
    """An override left out for a problem of its own (a missing fonte, say) is still checked
    for its name and value, so that one run says everything wrong with it."""
    from fabbisogni.caso.sorgenti import _riga_yaml
    from fabbisogni.parametri import Sovrascrittura, problema_sovrascrittura, tabelle

    righe = dati.get("parametri") if isinstance(dati, dict) else None
    if not isinstance(righe, list):
        return []
    errori = []
    for i in sorted({t[1] for t in tolti if t[:1] == ("parametri",) and len(t) > 1}):
        if not isinstance(i, int) or i >= len(righe) or not isinstance(righe[i], dict):
            continue
        riga = righe[i]
        nome = riga.get("nome")
        if not isinstance(nome, str):
            continue
        if nome not in tabelle():
            problema, dove = (
                f"parametro «{nome}» inesistente (i nomi sono in «fabbisogni tabelle»)",
                "nome",
            )
        else:
            try:
                s = Sovrascrittura.model_construct(
                    nome=nome, chiave=riga.get("chiave"), valore=riga.get("valore")
                )
                problema = problema_sovrascrittura(s, tabelle())
            except Exception:  # a value the check cannot read: pydantic already says why
                problema = None
            if problema is None:
                continue
            dove = "chiave" if "voce" in problema else "valore"
        loc = ("parametri", i, dove)
        errori.append(
            ErroreInput(
                problema,
                file=percorso.name,
                riga=_riga_yaml(radice, loc),
                campo=_campo(radice, loc),
            )
        )
    return errori


def e_scenario(radice: Any) -> bool:
    """A YAML document is a scenario when it has a top-level ``base:``."""
    return isinstance(radice, dict) and "base" in radice


def in_ordine(errori: Sequence[ErroreInput], file: str) -> list[ErroreInput]:
    """The problems of a scenario file by line, then those of other files (its base) as found;
    a problem found twice is named once."""
    visti: set[str] = set()
    unici = []
    for e in errori:
        if e.testo() not in visti:
            visti.add(e.testo())
            unici.append(e)
    return sorted(unici, key=lambda e: (e.file != file, (e.riga or 0) if e.file == file else 0))


def leggi_scenario(percorso: str | Path, radice: Any = None) -> ScenarioLetto:
    """Read and validate a scenario file (``radice``: its YAML tree, if already read).

    Every problem of the file's own content is raised together (:class:`ErroriInput`).
    """
    letto = _leggi(percorso, radice)
    if letto.errori:
        raise ErroriInput(in_ordine(letto.errori, letto.file))
    return letto


# Placeholders for a required key that is not valid, so that the rest of the file is checked.
SEGNAPOSTO = {"nome": "—", "base": "—"}


def _leggi(percorso: str | Path, radice: Any = None) -> ScenarioLetto:
    """Read a scenario file, keeping its problems in ``errori`` (see :class:`ScenarioLetto`).

    Raises only when nothing in the file can be checked: no file, not YAML, not a scenario.
    """
    from fabbisogni.caso.sorgenti import _campi_ammessi, _leggi_yaml, _plain, _riga_yaml
    from fabbisogni.messaggi import messaggio_errore
    from fabbisogni.parametri import problema_sovrascrittura, tabelle

    percorso = Path(percorso)
    if radice is None:
        if not percorso.is_file():
            raise ErroreInput("file dello scenario inesistente", file=str(percorso))
        if percorso.suffix.lower() not in (".yaml", ".yml"):
            raise ErroreInput(
                "uno scenario è un file YAML (.yaml) con la chiave «base:»", file=percorso.name
            )
        radice = _leggi_yaml(percorso)
    if not e_scenario(radice):
        raise ErroreInput(
            "non è uno scenario: manca la chiave «base:» con il fascicolo di base",
            file=percorso.name,
            campo="base",
        )
    dati = _plain(radice)
    errori: list[ErroreInput] = []
    tolti: list[tuple[Any, ...]] = []
    posizioni: dict[tuple[Any, ...], list[int]] = {}
    try:
        scenario = Scenario.model_validate(dati)
    except ValidationError as exc:
        for err in exc.errors():
            errori.append(
                ErroreInput(
                    messaggio_errore(err, _campi_ammessi(Scenario, err["loc"])),
                    file=percorso.name,
                    riga=_riga_yaml(radice, err["loc"]),
                    campo=_campo(radice, err["loc"]),
                )
            )
            tolti.append(_da_togliere(dati, err["loc"]))
        errori.extend(_sovrascritture_scartate(percorso, radice, dati, tolti))
        try:
            if () in tolti:
                raise ValueError("nothing to leave out")
            dati, posizioni = _senza(dati, set(tolti))
            scenario = Scenario.model_validate(dati)
        except (ValidationError, ValueError):
            # what is left is still not valid: the problems found are all that can be said
            raise ErroriInput(in_ordine(errori, percorso.name)) from None
    letto = ScenarioLetto(percorso, radice, scenario, errori, posizioni, tolti)

    # Overrides: the name, the key and the value, as for a case's (lettura.controlla_coerenza).
    # Those with a problem are left out, like the elements above; the others say they are the
    # scenario's (SovrascritturaScenario).
    validi: list[int] = []
    for i, s in enumerate(scenario.parametri):
        if s.nome not in tabelle():
            problema = f"parametro «{s.nome}» inesistente (i nomi sono in «fabbisogni tabelle»)"
            errori.append(letto.errore(problema, ["parametri", i, "nome"]))
        elif problema := problema_sovrascrittura(s, tabelle()):
            dove = "chiave" if "voce" in problema else "valore"
            errori.append(letto.errore(problema, ["parametri", i, dove]))
        else:
            validi.append(i)
    if len(validi) < len(scenario.parametri):
        nel_file = [letto.nel_file(["parametri", i])[1] for i in range(len(scenario.parametri))]
        tolti.extend(("parametri", p) for i, p in enumerate(nel_file) if i not in validi)
        posizioni[("parametri",)] = [nel_file[i] for i in validi]
    if scenario.parametri:
        letto.scenario = scenario = scenario.model_copy(
            update={
                "parametri": [
                    SovrascritturaScenario(**dict(scenario.parametri[i]), scenario=scenario.nome)
                    for i in validi
                ]
            }
        )

    if any(t[:1] == ("base",) for t in tolti):
        letto.base_utilizzabile = False  # its problem is already among the errors
    else:
        base = letto.percorso_base
        if not base.exists():
            letto.base_utilizzabile = False
            errori.append(
                letto.errore(
                    f"il fascicolo di base «{scenario.base}» non esiste (cercato in {base}; il "
                    "percorso è relativo alla cartella del file dello scenario)",
                    ["base"],
                )
            )
        elif base.resolve() == percorso.resolve():
            letto.base_utilizzabile = False
            errori.append(letto.errore("lo scenario indica sé stesso come base", ["base"]))
    return letto


def _da_togliere(dati: Any, loc: Sequence[Any]) -> tuple[Any, ...]:
    """What to leave out of the file's content for a problem at ``loc``, so that the rest can
    still be checked: the list element that holds it (a row, an id, an override), the year of
    ``entrate:`` or ``fcde:``, or else the key. ``()``: nothing can be left out."""
    if loc and loc[0] in SEGNAPOSTO:
        return (loc[0],)
    percorso: list[Any] = []
    nodo = dati
    for parte in loc:
        if isinstance(nodo, list) and isinstance(parte, int) and 0 <= parte < len(nodo):
            return (*percorso, parte)
        if parte == "[key]" or not isinstance(nodo, dict) or parte not in nodo:
            break
        percorso.append(parte)
        if len(percorso) == 2 and percorso[0] in ("entrate", "fcde"):
            break
        nodo = nodo[parte]
    return tuple(percorso)


def _senza(
    dati: dict[str, Any], tolti: set[tuple[Any, ...]]
) -> tuple[dict[str, Any], dict[tuple[Any, ...], list[int]]]:
    """The content without what is left out (required keys get a placeholder), and the position
    in the file of each element kept in a list that lost some."""
    posizioni: dict[tuple[Any, ...], list[int]] = {}

    def copia(nodo: Any, percorso: tuple[Any, ...]) -> Any:
        if isinstance(nodo, dict):
            return {
                k: copia(v, (*percorso, k)) for k, v in nodo.items() if (*percorso, k) not in tolti
            }
        if isinstance(nodo, list):
            tenuti = [i for i in range(len(nodo)) if (*percorso, i) not in tolti]
            if len(tenuti) < len(nodo):
                posizioni[percorso] = tenuti
            return [copia(nodo[i], (*percorso, i)) for i in tenuti]
        return nodo

    copiati = copia(dati, ())
    for chiave, segnaposto in SEGNAPOSTO.items():
        if (chiave,) in tolti:
            copiati[chiave] = segnaposto
    return copiati, posizioni


# Scenarios being read, to refuse a chain of bases that comes back on itself.
_IN_LETTURA: list[Path] = []


def fascicolo_scenario(
    percorso: str | Path, radice: Any, leggi_fascicolo: Callable[[Path], Fascicolo]
) -> Fascicolo:
    """The case a scenario file describes: its base (read like any case, by ``leggi_fascicolo``,
    the reader :mod:`fabbisogni.caso.lettura` passes in) with its changes.

    This is what :func:`fabbisogni.caso.lettura.leggi_fascicolo` returns for a scenario file. Every
    problem is reported together: the file's own, the base's (with its files) or those found
    applying the changes to the base.
    """
    letto = _leggi(percorso, radice)
    if not letto.base_utilizzabile:
        # Without its base nothing can be applied: the file's own problems are all there is.
        raise ErroriInput(in_ordine(letto.errori, letto.file))
    chiave = letto.percorso.resolve()
    if chiave in _IN_LETTURA:
        catena = " → ".join(p.name for p in [*_IN_LETTURA, chiave])
        circolare = letto.errore(f"catena di basi circolare: {catena}", ["base"])
        raise ErroriInput(in_ordine([*letto.errori, circolare], letto.file))
    _IN_LETTURA.append(chiave)
    try:
        base = leggi_fascicolo(letto.percorso_base)
    except (ErroreInput, ErroriInput) as exc:
        # The changes cannot be applied to a base that cannot be read: its problems (named by
        # its own files) come after the scenario's.
        della_base = exc.errori if isinstance(exc, ErroriInput) else [exc]
        raise ErroriInput([*in_ordine(letto.errori, letto.file), *della_base]) from None
    finally:
        _IN_LETTURA.remove(chiave)
    f = applica(letto, base)
    descrizione = (letto.scenario.descrizione or "").strip() or None
    # the base is the case the ente's declared comma 557 forecasts describe (motore)
    return f.come_scenario(letto.scenario.nome, descrizione, base)


_BASE = re.compile(r"^base\s*:", re.MULTILINE)


def file_di_input(percorso: str | Path, del_fascicolo: Callable[[Path], list[Path]]) -> list[Path]:
    """The files a case or a scenario is read from, bases of bases included: outputs must never
    replace any of them. ``del_fascicolo`` gives those of the case at the root of the chain
    (:func:`fabbisogni.caso.lettura.file_di_input`, which passes itself in)."""
    from fabbisogni.caso.sorgenti import _leggi_yaml

    percorso = Path(percorso)
    file: list[Path] = []
    visti: set[Path] = set()
    while percorso.is_file() and percorso.suffix.lower() in (".yaml", ".yml"):
        if percorso.resolve() in visti:
            return file
        visti.add(percorso.resolve())
        try:
            testo = percorso.read_text(encoding="utf-8", errors="replace")
            radice = _leggi_yaml(percorso) if _BASE.search(testo) else None
        except (OSError, ErroreInput):
            radice = None
        if not e_scenario(radice) or not isinstance(radice["base"], str):
            break
        file.append(percorso)
        percorso = Path(os.path.normpath(percorso.parent / radice["base"].strip()))
    return file + del_fascicolo(percorso)


def nome_scenario(f: Fascicolo) -> str | None:
    """The name of the scenario a case was read from (None for a case read as such)."""
    return f.scenario.nome if f.scenario is not None else None


def descrizione_scenario(f: Fascicolo) -> str | None:
    """The ``descrizione:`` of the scenario a case was read from (None if it has none, or for a
    case read as such)."""
    return f.scenario.descrizione if f.scenario is not None else None


# --- applying a scenario to its base -----------------------------------------------------


def applica(letto: ScenarioLetto, base: Fascicolo) -> Fascicolo:
    """The base with the scenario's changes, checked across fields like a case.

    Order: cessations (remove, change, add), hires (remove, change, add), the FCDE of the
    rendiconti, the entrate of each year, the FCDE of each year, the parameters. A scenario that
    changes nothing gives a copy of the base. Every problem is raised together, with those found
    reading the file (``letto.errori``), by line.
    """
    s = letto.scenario
    errori: list[ErroreInput] = []
    primo_movimento = base.spesa_personale.anno + 1
    fine = base.primo_anno + 2
    luoghi: dict[tuple[str, str], list[Any]] = {}  # (kind, id) → where the file names it
    aggiornamenti: dict[str, Any] = {}

    va = s.assunzioni
    vc = s.cessazioni
    if vc.togli or vc.modifica or vc.aggiungi:
        aggiornamenti["cessazioni"] = _movimenti(
            letto,
            base.cessazioni,
            "cessazioni",
            "la cessazione",
            (primo_movimento, fine),
            errori,
            luoghi,
        )
    if va.togli or va.modifica or va.aggiungi:
        aggiornamenti["piano_assunzioni"] = _movimenti(
            letto,
            base.piano_assunzioni,
            "assunzioni",
            "l'assunzione",
            (primo_movimento, fine),
            errori,
            luoghi,
        )
    # Which hires remain is known only if no hire to remove was left out for a problem.
    if vc.togli and not letto.tolto("assunzioni"):
        _sostituzioni_orfane(letto, base, aggiornamenti, errori)
    righe_valide = not errori and not letto.tolto("assunzioni", "cessazioni")
    if s.entrate or s.fcde:
        _entrate(letto, base, aggiornamenti, errori)
    if s.parametri:
        # first match wins (Parametri._sovrascrittura): the scenario's before the base's
        aggiornamenti["parametri"] = [*s.parametri, *base.parametri]
    nuovo = base.model_copy(update=aggiornamenti)
    # The checks across fields (lettura.controlla_coerenza) depend on the rows being those the
    # scenario writes: with a row left out, or a change not applied, they would report problems
    # the scenario does not have. They run when every row change applied; the entrate, the FCDE
    # and the parameters do not matter to them.
    if righe_valide and ("cessazioni" in aggiornamenti or "piano_assunzioni" in aggiornamenti):
        errori.extend(_coerenza(letto, nuovo, luoghi))
    if errori or letto.errori:
        raise ErroriInput(in_ordine([*letto.errori, *errori], letto.file))
    return nuovo


def _movimenti(
    letto: ScenarioLetto,
    righe: list[Any],
    chiave: Literal["assunzioni", "cessazioni"],
    cosa: str,
    periodo: tuple[int, int],
    errori: list[ErroreInput],
    luoghi: dict[tuple[str, str], list[Any]],
) -> list[Any]:
    """The hires (or cessations) of the base with the scenario's removals, changes, additions."""
    v: VariazioniAssunzioni | VariazioniCessazioni = getattr(letto.scenario, chiave)
    modello = Assunzione if chiave == "assunzioni" else Cessazione
    per_id = {r.id: r for r in righe}
    plurale = "assunzioni" if chiave == "assunzioni" else "cessazioni"
    tolte: set[str] = set()
    for i, ident in enumerate(v.togli):
        loc = [chiave, "togli", i]
        if ident in tolte:
            errori.append(letto.errore(f"«{ident}» indicato due volte", loc))
        elif ident not in per_id:
            errori.append(letto.errore(_non_esiste(ident, righe, plurale), loc))
        tolte.add(ident)
    nuove: dict[str, Any] = {}
    modificate: set[str] = set()
    for i, m in enumerate(v.modifica):
        loc = [chiave, "modifica", i]
        if m.id in modificate:
            errori.append(letto.errore(f"«{m.id}» modificato due volte", [*loc, "id"]))
            continue
        modificate.add(m.id)
        luoghi[(chiave, m.id)] = letto.nel_file(loc)
        if m.id in tolte:
            errori.append(letto.errore(f"«{m.id}» è anche tra quelle da togliere", [*loc, "id"]))
            continue
        if m.id not in per_id:
            errori.append(letto.errore(_non_esiste(m.id, righe, plurale), [*loc, "id"]))
            continue
        cambiata = _modifica(letto, per_id[m.id], m, modello, loc, errori)
        if cambiata is not None:
            nuove[m.id] = cambiata
            _nel_periodo(letto, cambiata, cosa, periodo, [*loc, "anno"], m, errori)
    restanti = {ident for ident in per_id if ident not in tolte}
    aggiunte: list[Any] = []
    for i, r in enumerate(v.aggiungi):
        loc = [chiave, "aggiungi", i]
        # the row's year is checked whatever its id: one run says everything wrong with it
        _nel_periodo(letto, r, cosa, periodo, [*loc, "anno"], None, errori)
        if any(x.id == r.id for x in aggiunte):
            errori.append(letto.errore(f"id «{r.id}» aggiunto due volte", [*loc, "id"]))
            continue
        luoghi[(chiave, r.id)] = letto.nel_file(loc)
        if r.id in restanti:
            errori.append(
                letto.errore(
                    f"id «{r.id}» già usato nel fascicolo di base: scegliere un altro id (o "
                    f"togliere prima «{r.id}»)",
                    [*loc, "id"],
                )
            )
            continue
        restanti.add(r.id)
        aggiunte.append(r)
    return [nuove.get(r.id, r) for r in righe if r.id not in tolte] + aggiunte


def _non_esiste(ident: str, righe: list[Any], plurale: str) -> str:
    ids = ", ".join(r.id for r in righe) or "nessuna"
    return f"«{ident}» non è tra le {plurale} del fascicolo di base (ci sono: {ids})"


def _nel_periodo(
    letto: ScenarioLetto,
    r: Any,
    cosa: str,
    periodo: tuple[int, int],
    loc: list[Any],
    modifica: BaseModel | None,
    errori: list[ErroreInput],
) -> None:
    primo, fine = periodo
    if primo <= r.anno <= fine:
        return
    if modifica is not None and "anno" not in modifica.model_fields_set:
        loc = loc[:-1]  # the year is the base's: point at the change
    errori.append(
        letto.errore(
            f"anno {r.anno} fuori periodo: {cosa} deve cadere dal {primo} (dopo la spesa del "
            f"rendiconto) al {fine}, ultimo anno del triennio",
            loc,
            campo=_campo(letto.radice, letto.nel_file([*loc[:3], "anno"])),
        )
    )


def _modifica(
    letto: ScenarioLetto,
    r: Any,
    m: ModificaAssunzione | ModificaCessazione,
    modello: type[Assunzione] | type[Cessazione],
    loc: list[Any],
    errori: list[ErroreInput],
) -> Any:
    """The row with the change applied and validated again (None if it is not valid)."""
    from fabbisogni.messaggi import messaggio_errore

    cambi = {k: getattr(m, k) for k in m.model_fields_set if k != "id"}
    if not cambi:
        errori.append(
            letto.errore(
                f"nessuna modifica per «{m.id}»: indicare almeno un campo da cambiare", loc
            )
        )
        return None
    vuoti = sorted(k for k, valore in cambi.items() if valore is None and k in OBBLIGATORI)
    if vuoti:
        for k in vuoti:
            errori.append(letto.errore("valore mancante", [*loc, k]))
        return None
    if cambi.get("costo_annuo", r.costo_annuo) is None:
        cambi.setdefault("costo_annuo_con_irap", None)
    elif "costo_annuo" in cambi and "costo_annuo_con_irap" not in cambi:
        cambi["costo_annuo_con_irap"] = None  # a new cost without IRAP: IRAP is derived
    if "fte" in cambi and cambi["fte"] != r.fte:
        # A cost given in the case is the cost at its FTE share: it keeps its cost per FTE.
        quota = cambi["fte"] / r.fte
        scalabili = ["costo_annuo", "costo_annuo_con_irap", "importo_finanziato"]
        for k in scalabili:
            valore = getattr(r, k, None)
            if k not in cambi and valore is not None:
                cambi[k] = euro(valore * quota)
    dati = {**r.model_dump(), **cambi}
    try:
        return modello.model_validate(dati)
    except ValidationError as exc:
        for err in exc.errors():
            campo = err["loc"][0] if err["loc"] else None
            dove = [*loc, campo] if campo in m.model_fields_set else loc
            testo = messaggio_errore(err)
            if campo and campo not in m.model_fields_set:
                testo = f"«{m.id}» con la modifica: {testo}"
            errori.append(letto.errore(testo, dove))
        return None


def _sostituzioni_orfane(
    letto: ScenarioLetto, base: Fascicolo, aggiornamenti: dict[str, Any], errori: list[ErroreInput]
) -> None:
    """A cessation the scenario removes may not be one a remaining hire replaces."""
    piano = aggiornamenti.get("piano_assunzioni", base.piano_assunzioni)
    ids = {c.id for c in base.cessazioni}
    for i, ident in enumerate(letto.scenario.cessazioni.togli):
        if ident not in ids:
            continue
        chi = [a.id for a in piano if a.sostituisce == ident]
        if chi:
            errori.append(
                letto.errore(
                    f"la cessazione «{ident}» è sostituita dall'assunzione «{chi[0]}»: togliere "
                    f"anche «{chi[0]}» (assunzioni.togli) o aggiungerla come nuovo posto",
                    ["cessazioni", "togli", i],
                )
            )


def _entrate(
    letto: ScenarioLetto, base: Fascicolo, aggiornamenti: dict[str, Any], errori: list[ErroreInput]
) -> None:
    """Entrate and FCDE: the forecast of a year of the triennio, or the FCDE of the rendiconti.

    A year without a forecast starts from what the engine uses for it (rules/piano.py): the
    average of the three rendiconti net of neutralised entrate, with the rendiconti's FCDE.
    """
    s = letto.scenario
    anni = base.anni_piano
    fcde = base.fcde
    media = sum(
        (
            r.entrate.titolo_1
            + r.entrate.titolo_2
            + r.entrate.titolo_3
            - sum((v.importo for v in r.entrate_neutralizzate), Decimal(0))
            for r in base.rendiconti
        ),
        Decimal(0),
    ) / Decimal(3)
    if CHIAVE_FCDE_RENDICONTO in s.fcde:
        loc = ["fcde", CHIAVE_FCDE_RENDICONTO]
        importo = s.fcde[CHIAVE_FCDE_RENDICONTO].applica(fcde.importo)
        if importo < 0:
            errori.append(letto.errore(f"il FCDE risulterebbe negativo ({fmt_euro(importo)})", loc))
        elif media - importo <= 0:
            errori.append(
                letto.errore(
                    f"con un FCDE di {fmt_euro(importo)} le entrate nette (media dei rendiconti "
                    f"{fmt_euro(media)} − FCDE) non sarebbero positive",
                    loc,
                )
            )
        else:
            fcde = fcde.model_copy(update={"importo": importo})
            aggiornamenti["fcde"] = fcde
    previste = {e.anno: e for e in base.entrate_previste}
    cambiate: dict[int, tuple[EntratePreviste, list[Any]]] = {}
    for voce, chiave in (("entrate correnti", "entrate"), ("FCDE", "fcde")):
        for anno, variazione in getattr(s, chiave).items():
            if anno == CHIAVE_FCDE_RENDICONTO:
                continue
            loc = [chiave, anno]
            if anno not in anni:
                altro = (
                    f", o «{CHIAVE_FCDE_RENDICONTO}» per il FCDE sottratto alla media dei "
                    "rendiconti"
                    if chiave == "fcde"
                    else ""
                )
                errori.append(
                    letto.errore(
                        f"l'anno {anno} non è nel triennio {anni[0]}-{anni[-1]}: indicare un anno "
                        f"del triennio{altro}",
                        loc,
                    )
                )
                continue
            e, _ = cambiate.get(anno, (previste.get(anno), loc))
            if e is None:
                e = EntratePreviste.model_construct(
                    anno=anno,
                    entrate_correnti=media,
                    fcde=fcde.importo,
                    entrate_neutralizzate=Decimal(0),
                )
            campo = "entrate_correnti" if chiave == "entrate" else "fcde"
            importo = variazione.applica(getattr(e, campo))
            if importo < 0:
                errori.append(
                    letto.errore(
                        f"{voce} {anno} sotto zero ({fmt_euro(importo)}) dopo la variazione "
                        f"«{variazione.testo}»",
                        loc,
                    )
                )
                continue
            cambiate[anno] = (e.model_copy(update={campo: importo}), loc)
    if not cambiate:
        return
    for anno, (e, loc) in cambiate.items():
        # a forecast made from the average keeps the average to the cent, like a written one
        e = e.model_copy(update={"entrate_correnti": euro(e.entrate_correnti)})
        cambiate[anno] = (e, loc)
        nette = e.entrate_correnti - e.fcde - e.entrate_neutralizzate
        if nette <= 0:
            errori.append(
                letto.errore(
                    f"le entrate nette {anno} (entrate correnti {fmt_euro(e.entrate_correnti)} − "
                    f"FCDE {fmt_euro(e.fcde)} − neutralizzate) non sarebbero positive",
                    loc,
                )
            )
    nuove = [cambiate.pop(e.anno)[0] if e.anno in cambiate else e for e in base.entrate_previste]
    nuove += [e for _, (e, _) in sorted(cambiate.items())]
    aggiornamenti["entrate_previste"] = nuove


def _coerenza(
    letto: ScenarioLetto, f: Fascicolo, luoghi: dict[tuple[str, str], list[Any]]
) -> list[ErroreInput]:
    """The checks across fields of a case, on the result, each named in the scenario file."""
    from fabbisogni.caso.sorgenti import Origine, _riga_yaml, controlla_coerenza

    origine = Origine()
    for (chiave, ident), loc in luoghi.items():
        dove = (letto.file, _riga_yaml(letto.radice, loc))
        if chiave == "assunzioni":
            origine.piano[ident] = dove
        else:
            origine.cessazioni[ident] = dove
    nome = f"{letto.file} (base {letto.scenario.base})"
    origine.file = {k: nome for k in origine.file}
    errori = controlla_coerenza(f, letto.radice, letto.file, origine)
    # a row's field is named by its path in the scenario: assunzioni.aggiungi[1].sostituisce
    per_riga = {_riga_yaml(letto.radice, loc): loc for loc in luoghi.values()}
    for e in errori:
        loc = per_riga.get(e.riga) if e.file == letto.file else None
        if loc is not None and e.campo and "." not in e.campo:
            e.campo = _campo(letto.radice, [*loc, e.campo])
    return errori
