"""Legal parameters: dated values with their sources, loaded from ``fabbisogni/tables/``.

Each table file holds one or more YAML documents, each a parameter with versions. A version
holds from ``dal`` to ``al`` (inclusive; open-ended when absent) and must carry its source (act,
article, where published); a table without one does not load. A lookup at a date outside every
version raises an error naming the parameter and the date. A value of ``null`` means "the rule
no longer applies" and is returned as ``None`` with its source, so that the report can say why.

A case may override a parameter (DM 17/03/2020 art. 7 c.2 allows updates): the override carries
its own source and every step that uses it says so.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from fabbisogni.errors import ErroreParametro
from fabbisogni.messaggi import messaggio_errore, messaggio_yaml, testo_valore

TABLES_DIR = Path(__file__).parent / "tables"


class Fonte(BaseModel):
    """Where a figure comes from: act, article, where published."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    atto: str = Field(min_length=3)
    articolo: str = Field(min_length=1)
    pubblicazione: str = Field(min_length=3)
    url: str | None = None

    def testo(self) -> str:
        return f"{self.atto}, {self.articolo} ({self.pubblicazione})"


class Versione(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    dal: date
    al: date | None = None
    fonte: Fonte
    valore: Any
    da_confermare: bool | list[str] = False
    nota: str | None = None

    @model_validator(mode="after")
    def _window(self) -> Versione:
        if self.al is not None and self.al < self.dal:
            raise ValueError(f"periodo vuoto: dal {_d(self.dal)} al {_d(self.al)}")
        return self

    def copre(self, giorno: date) -> bool:
        return self.dal <= giorno and (self.al is None or giorno <= self.al)

    def chiave_da_confermare(self, chiave: str | None) -> bool:
        if isinstance(self.da_confermare, bool):
            return self.da_confermare
        return chiave is not None and chiave.split("/")[0] in self.da_confermare


class Parametro(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    nome: str
    descrizione: str
    unita: Literal["rapporto", "euro", "abitanti", "dipendenti", "mesi", "testo"]
    versioni: list[Versione] = Field(min_length=1)

    @model_validator(mode="after")
    def _no_overlap(self) -> Parametro:
        ordinate = sorted(self.versioni, key=lambda v: v.dal)
        for prima, dopo in itertools.pairwise(ordinate):
            if prima.al is None or prima.al >= dopo.dal:
                raise ValueError(
                    f"le versioni dal {_d(prima.dal)} e dal {_d(dopo.dal)} si sovrappongono"
                )
        return self

    def versione_al(self, giorno: date) -> Versione:
        for v in self.versioni:
            if v.copre(giorno):
                return v
        periodi = "; ".join(
            f"dal {_d(v.dal)}" + (f" al {_d(v.al)}" if v.al else "") for v in self.versioni
        )
        raise ErroreParametro(
            f"Il parametro «{self.nome}» non ha un valore in vigore il {_d(giorno)} "
            f"(periodi disponibili: {periodi})."
        )


def _d(giorno: date) -> str:
    return giorno.strftime("%d/%m/%Y")


class ParametroUsato(BaseModel):
    """One parameter read by a rule, as it appears in a step of the trace."""

    model_config = ConfigDict(frozen=True)

    nome: str
    chiave: str | None = None
    valore: str
    data_riferimento: date
    fonte: str
    da_confermare: bool = False
    sovrascritto: bool = False
    scenario: str | None = None  # the scenario whose override replaced it (None: the case's)
    nota: str | None = None


class Sovrascrittura(BaseModel):
    """A case's own value for a parameter, with its own source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nome: str
    chiave: str | None = None
    valore: Any
    fonte: Fonte
    motivazione: str = Field(min_length=3)


def _to_decimal_tree(valore: Any) -> Any:
    if valore is None or isinstance(valore, bool):
        return valore
    if isinstance(valore, int | float | str) and not isinstance(valore, bool):
        try:
            return Decimal(str(valore))
        except ArithmeticError:
            return valore
    if isinstance(valore, dict):
        return {str(k): _to_decimal_tree(v) for k, v in valore.items()}
    if isinstance(valore, list):
        return [_to_decimal_tree(v) for v in valore]
    return valore


@cache
def carica_tabelle(cartella: Path = TABLES_DIR) -> dict[str, Parametro]:
    """Load and validate every table. A malformed table or one without a source is an error."""
    tutte: dict[str, Parametro] = {}
    for path in sorted(cartella.glob("*.yaml")):
        for nome, p in _carica_file(path).items():
            if nome in tutte:
                raise ErroreParametro(f"Parametro «{nome}» definito due volte ({path.name})")
            tutte[nome] = p
    return tutte


def _carica_file(path: Path) -> dict[str, Parametro]:
    """The parameters of one table file, validated.

    The pure-Python YAML parser is slow for long tables; the validated parameters are kept in a
    user cache (``$XDG_CACHE_HOME/fabbisogni`` or ``~/.cache/fabbisogni``), keyed by the SHA-256
    of the file's bytes and the program's version, so that a changed table is always re-read.
    A cache that cannot be read or written is ignored.
    """
    import hashlib
    import os
    import pickle

    from fabbisogni import __version__

    dati = path.read_bytes()
    # The key covers the table, the program's version and this module (the model's shape).
    firma = dati + __version__.encode() + Path(__file__).read_bytes()
    chiave = hashlib.sha256(firma).hexdigest()[:32]
    radice = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    cache = Path(radice) / "fabbisogni" / f"{path.stem}-{chiave}.pickle"
    try:
        with cache.open("rb") as fh:
            salvate = pickle.load(fh)  # written by this function only
        if isinstance(salvate, dict) and all(isinstance(v, Parametro) for v in salvate.values()):
            return salvate
    except Exception:  # a missing or unreadable cache just means parsing again
        pass
    tabelle = _analizza_file(path, dati.decode("utf-8"))
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporaneo = cache.with_suffix(f".{os.getpid()}.tmp")
        with temporaneo.open("wb") as fh:
            pickle.dump(tabelle, fh)
        temporaneo.replace(cache)
    except OSError:
        pass
    return tabelle


def _analizza_file(path: Path, testo: str) -> dict[str, Parametro]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="safe", pure=True)
    tabelle: dict[str, Parametro] = {}
    try:
        documenti = list(yaml.load_all(testo))
    except YAMLError as exc:
        messaggio, riga = messaggio_yaml(exc, testo)
        dove = f", riga {riga}" if riga is not None else ""
        raise ErroreParametro(f"Tabella {path.name} non valida{dove}: {messaggio}") from exc
    for doc in documenti:
        if doc is None:
            continue
        try:
            p = Parametro.model_validate(doc)
        except ValidationError as exc:
            nome = (
                f" (parametro «{doc['nome']}»)" if isinstance(doc, dict) and "nome" in doc else ""
            )
            problemi = "; ".join(
                f"campo «{_campo_tabella(err['loc'])}»: {messaggio_errore(err)}"
                if _campo_tabella(err["loc"])
                else messaggio_errore(err)
                for err in exc.errors()
            )
            raise ErroreParametro(f"Tabella {path.name} non valida{nome}: {problemi}") from exc
        if p.nome in tabelle:
            raise ErroreParametro(f"Parametro «{p.nome}» definito due volte ({path.name})")
        tabelle[p.nome] = p
    return tabelle


def _campo_tabella(loc: tuple[Any, ...] | list[Any]) -> str:
    """``("versioni", 0, "fonte", "atto")`` → ``versioni[1].fonte.atto`` (union members and
    mapping keys, pydantic's marks, left out)."""
    testo = ""
    for parte in loc:
        if parte == "[key]" or (isinstance(parte, str) and re.search(r"[\[\]-]", parte)):
            continue
        if parte in ("bool", "int", "str", "float"):
            continue
        testo += f"[{parte + 1}]" if isinstance(parte, int) else ("." if testo else "") + parte
    return testo


class TabellePigre(Mapping[str, Parametro]):
    """The package's tables, each file parsed and validated the first time one of its parameters
    is asked for.

    Parsing every table takes longer than a whole verification (the pure-Python YAML parser and
    long source notes), and a verification reads a few of them: names are indexed from the
    ``nome:`` lines, files are loaded on demand. :func:`carica_tabelle` still loads and checks
    them all at once (the test suite and ``fabbisogni tabelle`` do).
    """

    def __init__(self, cartella: Path = TABLES_DIR) -> None:
        self._file: dict[str, Path] = {}
        self._caricate: dict[str, Parametro] = {}
        self._lette: set[Path] = set()
        for path in sorted(cartella.glob("*.yaml")):
            for m in re.finditer(r"^nome:\s*(\S+)\s*$", path.read_text(encoding="utf-8"), re.M):
                if m.group(1) in self._file:
                    raise ErroreParametro(
                        f"Parametro «{m.group(1)}» definito due volte ({path.name})"
                    )
                self._file[m.group(1)] = path

    def __getitem__(self, nome: str) -> Parametro:
        if nome not in self._caricate:
            path = self._file[nome]  # KeyError for an unknown name, as a dict
            if path not in self._lette:
                self._lette.add(path)
                self._caricate.update(_carica_file(path))
        return self._caricate[nome]

    def __contains__(self, nome: object) -> bool:
        return nome in self._file

    def __iter__(self) -> Iterator[str]:
        return iter(self._file)

    def __len__(self) -> int:
        return len(self._file)


@cache
def tabelle() -> TabellePigre:
    """The package's tables, loaded lazily (see :class:`TabellePigre`)."""
    return TabellePigre()


@dataclass
class Parametri:
    """The tables plus the case's overrides: every rule reads its figures through this."""

    tabelle: Mapping[str, Parametro]
    sovrascritture: list[Sovrascrittura] = field(default_factory=list)
    # Lookups already made: tables and overrides do not change during the object's life, and a
    # verification asks the same few dozen figures; what is returned is never modified.
    _letti: dict[tuple[str, date, tuple[str, ...]], tuple[Any, ParametroUsato]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def predefiniti(cls, sovrascritture: list[Sovrascrittura] | None = None) -> Parametri:
        if not sovrascritture:
            return _predefiniti()  # one shared object, so its lookups are shared too
        p = cls(tabelle(), list(sovrascritture))
        p.controlla_sovrascritture()
        return p

    def controlla_sovrascritture(self) -> None:
        for s in self.sovrascritture:
            problema = problema_sovrascrittura(s, self.tabelle)
            if problema:
                raise ErroreParametro(f"Sovrascrittura di «{s.nome}»: {problema}")

    def _sovrascrittura(self, nome: str, chiave: str | None) -> Sovrascrittura | None:
        for s in self.sovrascritture:
            if s.nome == nome and (s.chiave is None or s.chiave == chiave):
                return s
        return None

    def leggi(self, nome: str, giorno: date, *chiavi: str) -> tuple[Any, ParametroUsato]:
        """The value of ``nome`` in force on ``giorno``, descending into ``chiavi``."""
        chiave_memo = (nome, giorno, chiavi)
        letto = self._letti.get(chiave_memo)
        if letto is None:
            letto = self._letti[chiave_memo] = self._leggi(nome, giorno, *chiavi)
        return letto

    def _leggi(self, nome: str, giorno: date, *chiavi: str) -> tuple[Any, ParametroUsato]:
        try:
            parametro = self.tabelle[nome]
        except KeyError as exc:
            raise ErroreParametro(f"Parametro sconosciuto: «{nome}»") from exc
        chiave = "/".join(chiavi) if chiavi else None
        s = self._sovrascrittura(nome, chiave)
        if s is not None:
            valore = _to_decimal_tree(_valore_ente(s.valore))
            if s.chiave is None:
                valore = _scendi(valore, chiavi, nome, giorno)
            return valore, ParametroUsato(
                nome=nome,
                chiave=chiave,
                valore=_testo_valore(valore),
                data_riferimento=giorno,
                fonte=s.fonte.testo(),
                sovrascritto=True,
                scenario=getattr(s, "scenario", None),
                nota=s.motivazione,
            )
        versione = parametro.versione_al(giorno)
        valore = _scendi(_to_decimal_tree(versione.valore), chiavi, nome, giorno)
        return valore, ParametroUsato(
            nome=nome,
            chiave=chiave,
            valore=_testo_valore(valore),
            data_riferimento=giorno,
            fonte=versione.fonte.testo(),
            da_confermare=versione.chiave_da_confermare(chiave),
            nota=versione.nota,
        )


def _valore_ente(valore: Any) -> Any:
    """An override as the ente writes it: ``"0,40%"`` or ``"1.234,56"`` read the Italian way;
    plain ``"0.004"`` as written. Non-numeric text is left alone."""
    from fabbisogni.numeri import NumeroNonValido, parse_percentuale

    if isinstance(valore, dict):
        return {k: _valore_ente(v) for k, v in valore.items()}
    if isinstance(valore, str) and ("%" in valore or "," in valore):
        try:
            return parse_percentuale(valore)
        except NumeroNonValido:
            return valore
    return valore


NUMERICHE = ("rapporto", "euro", "abitanti", "dipendenti", "mesi")


def problema_sovrascrittura(s: Sovrascrittura, tutte: Mapping[str, Parametro]) -> str | None:
    """What is wrong with an override, in Italian, or None: an unknown parameter or key, a
    value that is not a number where the table holds numbers, a ratio outside 0-100%."""
    if s.nome not in tutte:
        return "parametro inesistente (vedi `fabbisogni tabelle` per i nomi)"
    tabella = tutte[s.nome]
    valore = _to_decimal_tree(_valore_ente(s.valore))
    if s.chiave is not None:
        chiavi = s.chiave.split("/")
        esiste = False
        for v in tabella.versioni:
            nodo: Any = v.valore
            for k in chiavi:
                if not isinstance(nodo, dict) or k not in nodo:
                    break
                nodo = nodo[k]
            else:
                esiste = True
        if not esiste:
            disponibili = sorted(
                {k for v in tabella.versioni if isinstance(v.valore, dict) for k in v.valore}
            )
            elenco = f": voci ammesse {', '.join(disponibili)}" if disponibili else ""
            return f"la voce «{s.chiave}» non esiste nella tabella{elenco}"
    if tabella.unita not in NUMERICHE:
        return None

    def foglie(x: Any) -> list[Any]:
        if isinstance(x, dict):
            return [f for v in x.values() for f in foglie(v)]
        return [x]

    scritto = _valore_scritto(s.valore)
    for foglia in foglie(valore):
        if foglia is None:
            continue
        if not isinstance(foglia, Decimal) or not foglia.is_finite():
            return f"valore {scritto} non numerico (la tabella è in {tabella.unita})"
        if tabella.unita == "rapporto" and not (0 <= foglia <= 1):
            return f"valore {scritto} fuori intervallo: una percentuale va da 0% a 100%"
        if foglia < 0:
            return f"valore {scritto} negativo"
    return None


def _valore_scritto(valore: Any) -> str:
    """An override's value quoted in a message: ``«1,5»``, ``«a: 0,3; b: pippo»``."""
    if isinstance(valore, dict):
        return "«" + "; ".join(f"{k}: {_valore_scritto(v)[1:-1]}" for k, v in valore.items()) + "»"
    if isinstance(valore, list):
        return "«" + "; ".join(_valore_scritto(v)[1:-1] for v in valore) + "»"
    return "«vuoto»" if valore is None else f"«{testo_valore(valore)}»"


@cache
def _predefiniti() -> Parametri:
    return Parametri(tabelle())


def _scendi(valore: Any, chiavi: tuple[str, ...], nome: str, giorno: date) -> Any:
    for k in chiavi:
        if valore is None:
            return None
        if not isinstance(valore, dict) or k not in valore:
            raise ErroreParametro(
                f"Il parametro «{nome}» in vigore il {_d(giorno)} non ha la voce «{k}»"
            )
        valore = valore[k]
    return valore


def _testo_valore(valore: Any) -> str:
    """A table value as text: ``{'a': {'da': 0, 'a': 999}}`` → ``a: da 0, a 999``."""
    if valore is None:
        return "non applicabile"
    if isinstance(valore, dict):
        return "; ".join(f"{k}: {_testo_interno(v)}" for k, v in valore.items())
    return str(valore)


def _testo_interno(valore: Any) -> str:
    if valore is None:
        return "—"
    if isinstance(valore, dict):
        return ", ".join(f"{k} {_testo_interno(v)}" for k, v in valore.items())
    return str(valore)


def decimali_percento(valore: Decimal) -> int:
    """Decimals a ratio needs in percent: 0.27 → 1 (27,0%), 0.2695 → 2, at most 4."""
    esponente = valore.normalize().as_tuple().exponent
    cifre = -esponente if isinstance(esponente, int) and esponente < 0 else 0
    return min(4, max(1, cifre - 2))


def valore_leggibile(nome: str, valore: str) -> str:
    """A parameter's value in Italian format, by the unit of its table (``0.309`` → ``30,9%``)."""
    from fabbisogni.numeri import fmt_euro, fmt_numero, fmt_percento

    tabella = tabelle().get(nome)
    try:
        numero = Decimal(valore)
    except InvalidOperation:
        return _codice_leggibile(valore)
    if tabella is None or not numero.is_finite():
        return valore
    if tabella.unita == "rapporto":
        return fmt_percento(numero, decimali_percento(numero))
    if tabella.unita == "euro":
        return fmt_euro(numero)
    if tabella.unita in ("abitanti", "dipendenti"):
        return fmt_numero(numero)
    if tabella.unita == "mesi" and numero == numero.to_integral_value():
        return fmt_anni_mesi(int(numero))
    return valore


def _codice_leggibile(valore: str) -> str:
    """A coded text value in words: ``primo_mese_successivo`` → ``primo mese successivo``;
    ``funzionari_eq: 1; istruttori: 2`` keeps its shape with readable keys."""
    parti = []
    for parte in valore.split("; "):
        chiave, sep, resto = parte.partition(": ")
        if sep and re.fullmatch(r"[a-z0-9_]+", chiave):
            parte = f"{etichetta_chiave(chiave)}: {resto}"
        parti.append(parte)
    testo = "; ".join(parti)
    return re.sub(r"\b([a-z]+(?:_[a-z0-9]+)+)\b", lambda m: m.group(1).replace("_", " "), testo)


ETICHETTE_CHIAVI = {
    "funzionari_eq": "Funzionari ed EQ",
    "istruttori": "Istruttori",
    "operatori_esperti": "Operatori esperti",
    "operatori": "Operatori",
    "uomini": "uomini",
    "donne": "donne",
    "cpdel": "CPDEL",
    "tfs": "TFS/TFR",
    "inail": "INAIL",
}


def etichetta_chiave(chiave: str) -> str:
    """A table key in words for documents: ``funzionari_eq`` → ``Funzionari ed EQ``."""
    return ETICHETTE_CHIAVI.get(chiave, chiave.replace("_", " "))


def fmt_anni_mesi(mesi: int) -> str:
    """A duration in months as Italian text: ``805`` → ``67 anni e 1 mese``."""
    anni, resto = divmod(mesi, 12)
    if anni == 0:
        return f"{resto} mes{'e' if resto == 1 else 'i'}"
    testo = f"{anni} ann{'o' if anni == 1 else 'i'}"
    if resto:
        testo += f" e {resto} mes{'e' if resto == 1 else 'i'}"
    return testo
