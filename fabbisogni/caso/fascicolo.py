"""The case (*fascicolo*): what the ente declares, validated.

A case is a folder holding ``fascicolo.yaml`` and, optionally, ``piano_assunzioni.csv`` and
``cessazioni.csv`` (see ``docs/fascicolo.md``). This module only describes and validates its
content; reading files is in :mod:`fabbisogni.caso.lettura`. Every amount is a Decimal with at most
two decimals; every legal adjustment carries its reference.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from fabbisogni.messaggi import testo_valore, valore_citato
from fabbisogni.numeri import NumeroNonValido, fmt_decimale, parse_decimal, parse_percentuale
from fabbisogni.parametri import Sovrascrittura

# --- value types -------------------------------------------------------------------------


def _importo(valore: Any) -> Decimal:
    try:
        return parse_decimal(valore, max_decimali=2)
    except NumeroNonValido as exc:
        raise ValueError(str(exc)) from None


def _importo_non_negativo(valore: Any) -> Decimal:
    d = _importo(valore)
    if d < 0:
        raise ValueError(
            f"importo negativo ({testo_valore(valore)}): qui è ammesso solo un importo ≥ 0"
        )
    return d


def _quota(valore: Any) -> Decimal:
    try:
        d = parse_percentuale(valore)
    except NumeroNonValido as exc:
        raise ValueError(str(exc)) from None
    if not (Decimal(0) < d <= Decimal(1)):
        raise ValueError(
            f"quota FTE {testo_valore(valore)} fuori intervallo: deve essere maggiore di 0 e al "
            "massimo 1 (tempo pieno = 1; part-time 50% = 0,5)"
        )
    return d


def _rapporto(valore: Any) -> Decimal:
    try:
        d = parse_percentuale(valore)
    except NumeroNonValido as exc:
        raise ValueError(str(exc)) from None
    if not (Decimal(0) <= d <= Decimal(1)):
        raise ValueError(f"percentuale {testo_valore(valore)} fuori intervallo (0%–100%)")
    return d


def _data(valore: Any) -> Any:
    if isinstance(valore, datetime):
        return valore.date()
    if isinstance(valore, str):
        t = valore.strip()
        for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return datetime.strptime(t, fmt).date()
            except ValueError:
                pass
        raise ValueError(f"«{valore}» non è una data valida (scrivere gg/mm/aaaa, es. 16/01/2024)")
    return valore


_VERO = {"si", "sì", "s", "true", "vero", "yes", "1", "x"}
_FALSO = {"no", "n", "false", "falso", "0"}


def _booleano(valore: Any) -> Any:
    if isinstance(valore, bool):
        return valore
    if isinstance(valore, int) and valore in (0, 1):
        return bool(valore)
    if isinstance(valore, str):
        t = valore.strip().lower()
        if t in _VERO:
            return True
        if t in _FALSO:
            return False
    raise ValueError(f"{valore_citato(valore)} non è sì/no")


def _testo(valore: Any) -> Any:
    if isinstance(valore, str):
        t = valore.strip()
        if not t:
            raise ValueError("testo vuoto")
        return t
    if isinstance(valore, int | float) and not isinstance(valore, bool):
        return str(valore)
    return valore


Importo = Annotated[Decimal, BeforeValidator(_importo_non_negativo)]
ImportoRelativo = Annotated[Decimal, BeforeValidator(_importo)]
QuotaFte = Annotated[Decimal, BeforeValidator(_quota)]
Rapporto = Annotated[Decimal, BeforeValidator(_rapporto)]
Data = Annotated[date, BeforeValidator(_data)]
SiNo = Annotated[bool, BeforeValidator(_booleano)]
Testo = Annotated[str, BeforeValidator(_testo)]
Anno = Annotated[int, Field(ge=2000, le=2100)]


def _norm(testo: str) -> str:
    t = unicodedata.normalize("NFKD", testo).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


def _scelta(ammessi: tuple[str, ...], sinonimi: dict[str, str], nome: str) -> BeforeValidator:
    """Accept a canonical value or a common Italian spelling of it; reject anything else."""
    indice = {_norm(v): v for v in ammessi}
    indice.update({_norm(k): v for k, v in sinonimi.items()})
    assert set(sinonimi.values()) <= set(ammessi), "a synonym points outside the allowed values"
    # A code written like an identifier (tempo_indeterminato, art110_c1) is named to the user by
    # its first Italian spelling (tempo indeterminato, art. 110 c.1), which is accepted too.
    leggibili = []
    for v in ammessi:
        scritto = v
        if re.fullmatch(r"[a-z0-9_]+", v):
            scritto = next((k for k, x in sinonimi.items() if x == v and (" " in k or "." in k)), v)
        leggibili.append(f"«{scritto}»")
    elenco = (
        ", ".join(leggibili[:-1]) + f" o {leggibili[-1]}" if len(leggibili) > 1 else leggibili[0]
    )

    def valida(valore: Any) -> str:
        if isinstance(valore, str) and _norm(valore) in indice:
            return indice[_norm(valore)]
        # «area», «forma di finanziamento», «causa» are feminine; «sesso», «motivo», «tipo» not.
        finale = "a" if nome.split()[0] in ("area", "forma", "causa") else "o"
        raise ValueError(
            f"{nome} {valore_citato(valore)} non riconosciut{finale}: valori ammessi {elenco}"
        )

    return BeforeValidator(valida)


AREE = ("Operatori", "Operatori esperti", "Istruttori", "Funzionari ed EQ", "Dirigenti")
Area = Annotated[
    Literal["Operatori", "Operatori esperti", "Istruttori", "Funzionari ed EQ", "Dirigenti"],
    _scelta(
        AREE,
        {
            "Area degli Operatori": "Operatori",
            "Operatore": "Operatori",
            "Area degli Operatori esperti": "Operatori esperti",
            "Operatore esperto": "Operatori esperti",
            "Area degli Istruttori": "Istruttori",
            "Istruttore": "Istruttori",
            "Funzionari e EQ": "Funzionari ed EQ",
            "Funzionari": "Funzionari ed EQ",
            "Funzionario": "Funzionari ed EQ",
            "Area dei Funzionari ed elevata qualificazione": "Funzionari ed EQ",
            "Funzionari ed elevata qualificazione": "Funzionari ed EQ",
            "Dirigente": "Dirigenti",
            **{a: a for a in AREE},
        },
        "area",
    ),
]

TIPI_FLESSIBILI = frozenset(
    {"tempo_determinato", "somministrazione", "cococo", "art110_c2", "art90", "formazione_lavoro"}
)
ValoreTipoContratto = Literal[
    "tempo_indeterminato",
    "tempo_determinato",
    "somministrazione",
    "cococo",
    "formazione_lavoro",
    "art110_c1",
    "art110_c2",
    "art90",
]
TIPI_CONTRATTO: tuple[str, ...] = get_args(ValoreTipoContratto)
TipoContratto = Annotated[
    ValoreTipoContratto,
    _scelta(
        TIPI_CONTRATTO,
        {
            "tempo indeterminato": "tempo_indeterminato",
            "indeterminato": "tempo_indeterminato",
            "TI": "tempo_indeterminato",
            "tempo determinato": "tempo_determinato",
            "determinato": "tempo_determinato",
            "TD": "tempo_determinato",
            "somministrazione": "somministrazione",
            "co.co.co.": "cococo",
            "collaborazione coordinata e continuativa": "cococo",
            "formazione lavoro": "formazione_lavoro",
            "art. 110 c.1": "art110_c1",
            "art. 110 comma 1": "art110_c1",
            "art. 110 c.2": "art110_c2",
            "art. 110 comma 2": "art110_c2",
            "art. 90": "art90",
        },
        "tipo di contratto",
    ),
]
Finanziamento = Annotated[
    Literal["ordinario", "art57_c3septies", "fondo_poverta", "pnrr_31bis"],
    _scelta(
        ("ordinario", "art57_c3septies", "fondo_poverta", "pnrr_31bis"),
        {
            "ordinario": "ordinario",
            "bilancio": "ordinario",
            "art. 57 c.3-septies": "art57_c3septies",
            "finanziato da terzi": "art57_c3septies",
            "fondo povertà": "fondo_poverta",
            "PNRR": "pnrr_31bis",
            "PNRR art. 31-bis": "pnrr_31bis",
        },
        "forma di finanziamento",
    ),
]
Motivo = Annotated[
    Literal["sostituzione", "nuovo_posto"],
    _scelta(("sostituzione", "nuovo_posto"), {"nuovo": "nuovo_posto"}, "motivo"),
]
CausaCessazione = Annotated[
    Literal["pensione", "dimissioni", "mobilita", "fine_contratto", "altro"],
    _scelta(
        ("pensione", "dimissioni", "mobilita", "fine_contratto", "altro"),
        {"pensionamento": "pensione", "mobilità": "mobilita", "fine contratto": "fine_contratto"},
        "causa di cessazione",
    ),
]
TipoNeutralizzazione = Literal["art57_c3septies", "fondo_poverta", "altro"]


class Modello(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- the ente ----------------------------------------------------------------------------


class Atto(Modello):
    """An act that proves something: which act, and its date."""

    atto: Testo
    data: Data | None = None


class Ente(Modello):
    nome: Testo
    codice_istat: str | None = Field(default=None, pattern=r"^\d{6}$")
    provincia: str | None = None
    popolazione: int = Field(ge=0, description="Popolazione residente (ISTAT)")
    anno_popolazione: Anno = Field(description="Anno cui si riferisce la popolazione")
    unione_di_comuni: SiNo = False
    dissesto: SiNo = False
    deficitario: SiNo = Field(default=False, description="Strutturalmente deficitario")
    riequilibrio: SiNo = Field(
        default=False, description="Procedura di riequilibrio (art. 243-bis TUEL)"
    )
    approvazione_cosfel: Atto | None = Field(
        default=None,
        description="Approvazione delle assunzioni da parte della COSFEL (art. 243 TUEL)",
    )
    dipendenti: int | None = Field(default=None, ge=0, description="Dipendenti al 31 dicembre")


# --- the rendiconti and the DM aggregates ------------------------------------------------


class Voce(Modello):
    """One amount line: a component, an exclusion, an adjustment."""

    voce: Testo
    importo: ImportoRelativo
    codice: str | None = None
    riferimento: str | None = Field(default=None, description="Norma o parere che la giustifica")


class VoceConRiferimento(Voce):
    riferimento: Testo  # type: ignore[assignment]


class VoceNeutralizzata(Modello):
    """Spesa or entrate neutralised in both terms of the ratio while the funding lasts."""

    voce: Testo
    importo: Importo
    tipo: TipoNeutralizzazione
    riferimento: Testo


class EntrateTitoli(Modello):
    titolo_1: Importo = Field(description="Accertamenti Titolo I")
    titolo_2: Importo = Field(description="Accertamenti Titolo II")
    titolo_3: Importo = Field(description="Accertamenti Titolo III")


class Rendiconto(Modello):
    anno: Anno
    entrate: EntrateTitoli
    entrate_neutralizzate: list[VoceNeutralizzata] = []


class Fcde(Modello):
    anno: Anno
    importo: Importo
    descrizione: str = "FCDE stanziato nel bilancio di previsione, assestato"


class SpesaPersonale(Modello):
    anno: Anno = Field(description="Anno del rendiconto da cui è tratta la spesa")
    componenti: list[Voce] = Field(min_length=1)
    rettifiche: list[VoceConRiferimento] = Field(
        default=[],
        description="Rettifiche dell'ente (negative = esclusioni), ciascuna con la sua norma",
    )
    neutralizzate: list[VoceNeutralizzata] = []


class EntratePreviste(Modello):
    anno: Anno
    entrate_correnti: Importo = Field(description="Titoli I, II e III previsti")
    fcde: Importo = Field(default=Decimal(0), description="FCDE stanziato")
    entrate_neutralizzate: Importo = Decimal(0)


# --- comma 557 ---------------------------------------------------------------------------


class Colonna557(Modello):
    componenti: list[Voce] = Field(min_length=1)
    escluse: list[Voce] = []
    maggior_spesa_dm: Importo = Field(
        default=Decimal(0), description="Maggior spesa DM 17/03/2020 art. 7 c.1 (riga C)"
    )


class Base557(Colonna557):
    tipo: Literal["media_2011_2013", "anno_2008"]

    @field_validator("maggior_spesa_dm")
    @classmethod
    def _senza_riga_c(cls, valore: Decimal) -> Decimal:
        # The limit is A - B of the base; a C here would be ignored, so it is refused.
        if valore != 0:
            raise ValueError(
                "maggior_spesa_dm (riga C) non ammessa nella base del limite: la maggior spesa "
                "dell'art. 7, comma 1, D.M. 17/03/2020 si toglie dagli anni verificati, non dal "
                "valore medio 2011-2013 (o dalla spesa 2008)"
            )
        return valore


class Anno557(Colonna557):
    anno: Anno


class Comma557(Modello):
    base: Base557
    rendiconto: Anno557 | None = None
    previsioni: list[Anno557] = []


# --- flexible work -----------------------------------------------------------------------


class BaseFlessibile(Modello):
    tipo: Literal["spesa_2009", "media_2007_2009", "parametro_motivato"]
    importo: Importo
    atto: str | None = Field(default=None, description="Atto che fissa il parametro motivato")

    @model_validator(mode="after")
    def _atto(self) -> BaseFlessibile:
        if self.tipo == "parametro_motivato" and not self.atto:
            raise ValueError(
                "un parametro motivato (Corte dei conti, Sez. Autonomie 1/2017) richiede l'atto "
                "che lo ha fissato (campo «atto»)"
            )
        return self


class SpesaFlessibile(Modello):
    anno: Anno
    importo: Importo
    descrizione: str | None = None


class LavoroFlessibile(Modello):
    base: BaseFlessibile
    spesa_prevista: list[SpesaFlessibile] = Field(
        default=[],
        description="Spesa flessibile prevista oltre alle righe flessibili del piano",
    )


# --- preconditions, declared figures, overrides -----------------------------------------


class Presupposto(Modello):
    rispettato: SiNo
    atto: str | None = None
    data: Data | None = None
    note: str | None = None


ChiavePresupposto = Literal[
    "bilanci_bdap",
    "piao",
    "eccedenze",
    "azioni_positive",
    "certificazione_crediti",
    "parere_revisore",
    "asseverazione_equilibri",
]
PRESUPPOSTI_DICHIARATI: tuple[str, ...] = get_args(ChiavePresupposto)


class ImportoDichiarato(BaseModel):
    """A figure as a document writes it; a malformed one is read where unambiguous and kept."""

    model_config = ConfigDict(frozen=True)

    valore: Decimal
    testo: str | None = None
    forma_non_valida: bool = False

    @model_validator(mode="before")
    @classmethod
    def _leggi(cls, dato: Any) -> Any:
        if isinstance(dato, dict):
            return dato
        try:
            return {"valore": parse_decimal(dato, max_decimali=2), "testo": _str(dato)}
        except NumeroNonValido:
            pass
        if isinstance(dato, str):
            # "1.297,888,00": separators in the wrong place. Read as the digits with the last
            # two as cents, and keep the original so that a finding can quote it.
            m = re.fullmatch(r"\s*€?\s*([\d.,]+),(\d{2})\s*", dato)
            if m:
                intero = re.sub(r"[.,]", "", m.group(1))
                return {
                    "valore": Decimal(f"{intero}.{m.group(2)}"),
                    "testo": dato,
                    "forma_non_valida": True,
                }
        raise ValueError(f"{valore_citato(dato)} non è un importo leggibile")


def _str(dato: Any) -> str | None:
    return dato if isinstance(dato, str) else None


class Dichiarati(Modello):
    """The figures an existing document declares, to reconcile them with the computed ones."""

    fonte: Testo = Field(description="Documento da cui sono tratti (es. PIAO 2024-2026, sez. 3.3)")
    rapporto: Rapporto | None = None
    valore_soglia: Rapporto | None = Field(default=None, description="Tabella 1 citata")
    soglia_rientro: Rapporto | None = Field(default=None, description="Tabella 3 citata")
    importo_soglia: ImportoDichiarato | None = None
    spazio_assunzionale: ImportoDichiarato | None = None
    spesa_personale: ImportoDichiarato | None = None
    entrate_correnti: ImportoDichiarato | None = None
    anni_entrate: list[Anno] | None = None
    anno_spesa: Anno | None = None
    spesa_base_piano: ImportoDichiarato | None = Field(
        default=None, description="Spesa cui il documento somma lo spazio nella verifica del piano"
    )
    limite_piano: ImportoDichiarato | None = None
    spesa_prevista: dict[Anno, ImportoDichiarato] = {}
    limite_557: ImportoDichiarato | None = None
    spesa_557: dict[Anno, ImportoDichiarato] = {}
    limite_flessibile: ImportoDichiarato | None = None
    spesa_flessibile: dict[Anno, ImportoDichiarato] = {}


# --- staff movements ---------------------------------------------------------------------

Mese = Annotated[int, Field(ge=1, le=12)]


class Assunzione(Modello):
    """One planned hire (a row of ``piano_assunzioni.csv``)."""

    id: Testo
    anno: Anno
    area: Area
    profilo: Testo
    servizio: str | None = None
    fte: QuotaFte = Decimal(1)
    tipo_contratto: TipoContratto = "tempo_indeterminato"
    mese_inizio: Mese = 1
    anno_fine: Anno | None = Field(default=None, description="Per i contratti a termine")
    mese_fine: Mese | None = None
    finanziamento: Finanziamento = "ordinario"
    importo_finanziato: Importo | None = Field(
        default=None, description="Quota annua finanziata da terzi, se il finanziamento è parziale"
    )
    motivo: Motivo = "nuovo_posto"
    sostituisce: str | None = Field(default=None, description="id della cessazione sostituita")
    costo_annuo: Importo | None = Field(
        default=None,
        description=(
            "Costo annuo a regime, senza IRAP, già rapportato all'FTE; se manca è calcolato "
            "dalle tabelle del CCNL"
        ),
    )
    costo_annuo_con_irap: Importo | None = Field(default=None, description="Con IRAP")
    note: str | None = None

    @model_validator(mode="after")
    def _coerenza(self) -> Assunzione:
        _costi_coerenti(self.costo_annuo, self.costo_annuo_con_irap)
        if (self.anno_fine is None) != (self.mese_fine is None):
            raise ValueError("anno_fine e mese_fine vanno indicati insieme")
        if self.anno_fine is not None and (self.anno_fine, self.mese_fine or 0) < (
            self.anno,
            self.mese_inizio,
        ):
            raise ValueError("la fine del contratto precede il suo inizio")
        if self.motivo == "sostituzione" and not self.sostituisce:
            raise ValueError(
                "una sostituzione deve indicare la cessazione sostituita (campo «sostituisce»)"
            )
        if self.motivo == "nuovo_posto" and self.sostituisce:
            raise ValueError(
                "un nuovo posto non sostituisce nessuno: togliere «sostituisce» o usare motivo «sostituzione»"
            )
        if self.importo_finanziato is not None:
            if self.finanziamento == "ordinario":
                raise ValueError(
                    "importo_finanziato indicato per un'assunzione a finanziamento ordinario"
                )
            if self.costo_annuo is not None and self.importo_finanziato > self.costo_annuo:
                raise ValueError("importo_finanziato supera il costo annuo")
        return self


class Cessazione(Modello):
    """One known cessation (a row of ``cessazioni.csv``)."""

    id: Testo
    anno: Anno
    mese: Mese = Field(description="Primo mese senza servizio")
    area: Area
    profilo: Testo
    servizio: str | None = None
    fte: QuotaFte = Decimal(1)
    tipo_contratto: TipoContratto = "tempo_indeterminato"
    causa: CausaCessazione
    costo_annuo: Importo | None = Field(
        default=None, description="Se manca: dal personale in servizio o dalle tabelle del CCNL"
    )
    costo_annuo_con_irap: Importo | None = None
    dipendente: str | None = Field(
        default=None, description="id della persona nel personale in servizio, se c'è"
    )
    note: str | None = None

    @model_validator(mode="after")
    def _coerenza(self) -> Cessazione:
        _costi_coerenti(self.costo_annuo, self.costo_annuo_con_irap)
        return self


def _costi_coerenti(senza_irap: Decimal | None, con_irap: Decimal | None) -> None:
    if senza_irap is None and con_irap is not None:
        raise ValueError(
            "costo_annuo_con_irap indicato senza costo_annuo: indicarli entrambi o nessuno dei due"
        )
    if senza_irap is not None and con_irap is not None and con_irap < senza_irap:
        raise ValueError(
            "costo_annuo_con_irap minore di costo_annuo: il costo con IRAP non può essere inferiore"
        )


# --- staff on 31 December, narrative texts, the organo di revisione -----------------------


class VoceConsistenza(Modello):
    """One row of the consistenza di personale al 31 dicembre (PIAO 3.3, DM 132/2022 art. 4)."""

    area: Area
    profilo: Testo
    servizio: str | None = None
    tipo_contratto: TipoContratto = "tempo_indeterminato"
    teste: int = Field(ge=0, description="Persone in servizio (teste)")
    part_time: int | None = Field(
        default=None, ge=0, description="Di cui a tempo parziale (vuoto = non indicato)"
    )
    fte: Annotated[Decimal, BeforeValidator(_importo_non_negativo)] | None = Field(
        default=None,
        description="Unità equivalenti a tempo pieno; se manca e non ci sono part-time = teste",
    )

    @model_validator(mode="after")
    def _coerente(self) -> VoceConsistenza:
        if self.part_time is None:
            if self.fte is not None and self.fte > self.teste:
                raise ValueError(f"fte ({fmt_decimale(self.fte)}) maggiore di teste ({self.teste})")
            return self
        if self.part_time > self.teste:
            raise ValueError(
                f"part_time ({self.part_time}) maggiore di teste ({self.teste}): i part-time sono "
                "una parte delle persone in servizio"
            )
        if self.fte is None:
            if self.part_time == 0:
                self.fte = Decimal(self.teste)
            return self
        if self.part_time == 0 and self.fte != self.teste:
            raise ValueError(
                f"fte ({fmt_decimale(self.fte)}) diverso da teste ({self.teste}) senza part-time: "
                "a tempo pieno ogni persona vale 1"
            )
        if self.part_time and not (self.teste - self.part_time < self.fte < self.teste):
            raise ValueError(
                f"fte ({fmt_decimale(self.fte)}) incoerente: con {self.teste} persone di cui "
                f"{self.part_time} part-time deve essere maggiore di {self.teste - self.part_time} "
                f"e minore di {self.teste}"
            )
        return self


Sesso = Annotated[
    Literal["M", "F"],
    _scelta(
        ("M", "F"),
        {"maschio": "M", "uomo": "M", "U": "M", "femmina": "F", "donna": "F", "D": "F"},
        "sesso",
    ),
]


class Dipendente(Modello):
    """One person in service (a row of ``personale.csv``), anonymised.

    Contributions are the months accrued at ``contributi_al`` (earlier employers included):
    from then on they grow by one month per month of service. ``data_cessazione`` is the first
    day without service (the *decorrenza*), as in a collocamento a riposo.
    """

    id: Testo
    area: Area
    profilo: Testo
    servizio: str | None = None
    fte: QuotaFte = Decimal(1)
    tipo_contratto: TipoContratto = "tempo_indeterminato"
    sesso: Sesso
    data_nascita: Data
    data_assunzione: Data | None = Field(default=None, description="Presa di servizio nell'ente")
    contributi_anni: int | None = Field(default=None, ge=0, le=60)
    contributi_mesi: int | None = Field(default=None, ge=0, le=11)
    contributi_al: Data | None = Field(default=None, description="Data cui si riferiscono")
    costo_annuo: Importo | None = Field(
        default=None, description="Costo annuo da cedolino, senza IRAP, già rapportato all'FTE"
    )
    costo_annuo_con_irap: Importo | None = None
    data_cessazione: Data | None = Field(default=None, description="Primo giorno senza servizio")
    causa_cessazione: CausaCessazione | None = None
    trattenimento: SiNo = Field(
        default=False,
        description="Trattenimento in servizio fino a 70 anni concordato (L. 207/2024 c.165)",
    )
    note: str | None = None

    @property
    def contributi(self) -> int | None:
        """Months of contributions at ``contributi_al`` (None when not given)."""
        if self.contributi_anni is None:
            return None
        return self.contributi_anni * 12 + (self.contributi_mesi or 0)

    @field_validator("data_nascita")
    @classmethod
    def _nascita(cls, valore: date) -> date:
        oggi = date.today()
        if valore >= oggi:
            raise ValueError(f"data di nascita {valore:%d/%m/%Y} nel futuro: controllare la data")
        if _anni_compiuti(valore, oggi) > 80:
            raise ValueError(
                f"data di nascita {valore:%d/%m/%Y}: la persona avrebbe più di 80 anni"
            )
        return valore

    @field_validator("data_assunzione")
    @classmethod
    def _assunzione(cls, valore: date | None) -> date | None:
        if valore is not None and valore > date.today():
            raise ValueError(
                f"data di assunzione {valore:%d/%m/%Y} nel futuro: chi non è ancora in servizio "
                "va nel piano delle assunzioni"
            )
        return valore

    @model_validator(mode="after")
    def _coerenza(self) -> Dipendente:
        if self.data_assunzione is not None:
            if _anni_compiuti(self.data_nascita, self.data_assunzione) < 16:
                raise ValueError(
                    f"data di assunzione {self.data_assunzione:%d/%m/%Y} prima dei 16 anni di età"
                )
        indicati = [x is not None for x in (self.contributi_anni, self.contributi_al)]
        if any(indicati) and not all(indicati):
            raise ValueError(
                "contributi_anni e contributi_al vanno indicati insieme (contributi_mesi è facoltativo)"
            )
        if self.contributi_mesi is not None and self.contributi_anni is None:
            raise ValueError("contributi_mesi indicato senza contributi_anni")
        if self.contributi_al is not None and self.contributi is not None:
            if self.contributi_al <= self.data_nascita:
                raise ValueError("contributi_al precede la data di nascita")
            massimo = (_anni_compiuti(self.data_nascita, self.contributi_al) - 14) * 12
            if self.contributi > max(massimo, 0):
                raise ValueError(
                    f"{self.contributi_anni} anni e {self.contributi_mesi or 0} mesi di contributi "
                    f"al {self.contributi_al:%d/%m/%Y}: più degli anni trascorsi dai 14 anni di età"
                )
        if (self.data_cessazione is None) != (self.causa_cessazione is None):
            raise ValueError("data_cessazione e causa_cessazione vanno indicate insieme")
        if (
            self.data_cessazione is not None
            and self.data_assunzione is not None
            and self.data_cessazione <= self.data_assunzione
        ):
            raise ValueError("la data di cessazione non segue la data di assunzione")
        _costi_coerenti(self.costo_annuo, self.costo_annuo_con_irap)
        return self


def primo_mese_senza_servizio(decorrenza: date) -> tuple[int, int]:
    """A cessation taking effect during a month saves from the month after (whole months only)."""
    if decorrenza.day == 1:
        return decorrenza.year, decorrenza.month
    if decorrenza.month == 12:
        return decorrenza.year + 1, 1
    return decorrenza.year, decorrenza.month + 1


def _anni_compiuti(nascita: date, giorno: date) -> int:
    return giorno.year - nascita.year - ((giorno.month, giorno.day) < (nascita.month, nascita.day))


class StoricoUscite(Modello):
    """Past exits other than retirement, for estimating a rate: one year (and area)."""

    anno: Anno
    area: Area | None = Field(default=None, description="Vuoto = tutto l'ente")
    in_servizio: int = Field(ge=1, description="Persone in servizio a inizio anno")
    uscite: int = Field(ge=0, description="Dimissioni, mobilità, altre uscite (no pensioni)")

    @model_validator(mode="after")
    def _coerenza(self) -> StoricoUscite:
        if self.uscite > self.in_servizio:
            raise ValueError(
                f"uscite ({self.uscite}) più delle persone in servizio ({self.in_servizio})"
            )
        return self


class Proiezione(Modello):
    """How to project cessations from the roster (``fabbisogni cessazioni``)."""

    pensionamento: Literal["limite_ordinamentale", "primo_diritto"] = Field(
        default="limite_ordinamentale",
        description=(
            "Quale data di pensionamento alimenta la verifica: il collocamento d'ufficio al "
            "limite ordinamentale (prudente) o la prima data utile"
        ),
    )
    anni_oltre: int = Field(default=0, ge=0, le=10, description="Anni oltre il triennio")
    tassi_uscita: dict[str, Rapporto] = Field(
        default={},
        description="Tasso annuo di altre uscite per area (chiave «tutte» = ogni area)",
    )
    storico_uscite: list[StoricoUscite] = []
    simulazioni: int = Field(default=10_000, ge=100, le=1_000_000)
    seme: int = Field(default=20_260_101, ge=0)

    @field_validator("tassi_uscita")
    @classmethod
    def _aree(cls, tassi: dict[str, Decimal]) -> dict[str, Decimal]:
        ammesse = {_norm(a): a for a in AREE} | {"tutte": "tutte"}
        normalizzati: dict[str, Decimal] = {}
        for chiave, tasso in tassi.items():
            area = ammesse.get(_norm(str(chiave)))
            if area is None:
                raise ValueError(
                    f"area «{chiave}» non riconosciuta: valori ammessi {', '.join(AREE)}, tutte"
                )
            normalizzati[area] = tasso
        return normalizzati


class CostoProfilo(Modello):
    """A profile's annual cost given directly by the ente (instead of the CCNL tables)."""

    area: Area
    profilo: Testo
    costo_annuo: Importo = Field(description="A tempo pieno, senza IRAP")
    costo_annuo_con_irap: Importo | None = None
    fonte: Testo = Field(description="Da dove viene (es. cedolino, determina n. …)")

    @model_validator(mode="after")
    def _coerenza(self) -> CostoProfilo:
        _costi_coerenti(self.costo_annuo, self.costo_annuo_con_irap)
        return self


class Testi(Modello):
    """Narrative parts of PIAO 3.3 written by the ente. What is missing becomes a placeholder."""

    consistenza: str | None = Field(default=None, description="Nota alla consistenza al 31/12")
    cessazioni: str | None = Field(default=None, description="Nota sulle cessazioni previste")
    evoluzione_fabbisogni: str | None = None
    obiettivi_trasformazione: str | None = None
    strategia_copertura: str | None = None
    formazione: str | None = None
    soprannumero_eccedenze: str | None = None


class OrganoRevisione(Modello):
    composizione: Literal["revisore_unico", "collegio"] = "revisore_unico"
    componenti: list[str] = Field(default=[], description="Nomi, per l'intestazione del parere")


# --- the whole case ----------------------------------------------------------------------


@dataclass(frozen=True)
class OrigineScenario:
    """What a case read from a scenario file carries: the scenario's name and descrizione, and
    the case it was built on (itself a scenario for a chain)."""

    nome: str
    descrizione: str | None
    base: Fascicolo


class Fascicolo(Modello):
    """A comune's case for one triennio."""

    # Set by the scenario reader (fabbisogni.caso.scenari); a copy of the case keeps it.
    _scenario: OrigineScenario | None = PrivateAttr(default=None)
    # This case with every position costed, once the engine has needed it as a reference
    # (motore.preparato); a copy with changes does not keep it.
    _preparato: Fascicolo | None = PrivateAttr(default=None)

    ente: Ente
    primo_anno: Anno = Field(description="Primo anno del triennio (N): si verificano N, N+1, N+2")
    rendiconti: list[Rendiconto] = Field(
        min_length=3, max_length=3, description="Gli ultimi tre rendiconti approvati"
    )
    fcde: Fcde
    spesa_personale: SpesaPersonale
    spesa_2018: Importo | None = Field(
        default=None, description="Spesa di personale 2018 (DM art. 5)"
    )
    resti_assunzionali_2015_2019: Importo = Decimal(0)
    entrate_previste: list[EntratePreviste] = []
    comma_557: Comma557 | None = None
    lavoro_flessibile: LavoroFlessibile | None = None
    presupposti: dict[ChiavePresupposto, Presupposto] = {}
    parametri: list[Sovrascrittura] = []
    dichiarati: Dichiarati | None = None
    piano_assunzioni: list[Assunzione] = []
    cessazioni: list[Cessazione] = []
    consistenza: list[VoceConsistenza] = Field(
        default=[], description="Personale in servizio al 31 dicembre dell'anno precedente"
    )
    testi: Testi = Testi()
    organo_revisione: OrganoRevisione = OrganoRevisione()
    personale: list[Dipendente] = Field(
        default=[], description="Personale in servizio al 31 dicembre dell'anno precedente"
    )
    proiezione: Proiezione = Proiezione()
    costi_profilo: list[CostoProfilo] = []

    @property
    def anni_piano(self) -> list[int]:
        return [self.primo_anno, self.primo_anno + 1, self.primo_anno + 2]

    @property
    def scenario(self) -> OrigineScenario | None:
        """Where a scenario case came from; None for a case read as such."""
        return self._scenario

    def come_scenario(self, nome: str, descrizione: str | None, base: Fascicolo) -> Fascicolo:
        """This case, marked as read from the scenario ``nome`` built on ``base``."""
        nuovo = self.model_copy()
        nuovo._scenario = OrigineScenario(nome, descrizione, base)
        return nuovo

    @property
    def base_radice(self) -> Fascicolo | None:
        """The case at the root of a scenario's chain of bases: the one whose plan the ente's
        declared figures describe. None for a case read as such."""
        base = self._scenario.base if self._scenario is not None else None
        while base is not None and base._scenario is not None:
            base = base._scenario.base
        return base

    def __eq__(self, other: object) -> bool:
        # the content of the case: where a scenario came from and the cached preparation are not
        if not isinstance(other, Fascicolo):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Fascicolo:
        nuovo = super().model_copy(update=update, deep=deep)
        if update:
            nuovo._preparato = None
        return nuovo

    @property
    def ultimo_rendiconto(self) -> int:
        return max(r.anno for r in self.rendiconti)
