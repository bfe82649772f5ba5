"""The one result model every renderer reads (console, JSON, and later workbook and documents)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from fabbisogni.caso.fascicolo import Fascicolo
from fabbisogni.limiti.comma557 import Colonna
from fabbisogni.limiti.presupposti import EsitoCondizione
from fabbisogni.limiti.rilievi import Rilievo
from fabbisogni.parametri import ParametroUsato
from fabbisogni.traccia import Passo

Esito = Literal["conforme", "non_conforme", "non_verificabile"]


class EnteRisultato(BaseModel):
    nome: str
    codice_istat: str | None
    popolazione: int
    anno_popolazione: int
    fascia: str
    primo_anno: int
    anni: list[int]
    passi: list[Passo]


class DMRisultato(BaseModel):
    anno_rendiconto: int
    anni_entrate: list[int]
    spesa_personale: Decimal
    media_entrate: Decimal
    fcde: Decimal
    entrate_correnti_nette: Decimal
    rapporto: Decimal
    valore_soglia: Decimal
    soglia_rientro: Decimal
    collocazione: Literal["virtuoso", "intermedio", "sopra_soglia"]
    spesa_soglia: Decimal
    spesa_massima: Decimal | None
    spazio_assunzionale: Decimal | None
    regola_spazio: str
    passi: list[Passo]


class AnnoRisultato(BaseModel):
    anno: int
    spesa_personale: Decimal
    spesa_competenza: Decimal
    assunzioni: Decimal
    cessazioni: Decimal
    entrate_correnti: Decimal
    entrate_previste: bool
    rapporto: Decimal
    limite_dm: Decimal | None
    margine_dm: Decimal | None
    regola_dm: str
    esito_dm: bool | None
    spesa_557: Decimal | None
    limite_557: Decimal | None
    margine_557: Decimal | None
    esito_557: bool | None
    spesa_flessibile: Decimal
    limite_flessibile: Decimal | None
    margine_flessibile: Decimal | None
    esito_flessibile: bool | None
    # the limit that binds a tempo indeterminato hire ("dm" or "557"; None: not determinable)
    # and why, in words (rules/vincolo.py); the flexible margin concerns flexible contracts only
    vincolo: Literal["dm", "557"] | None
    vincolo_nota: str = ""
    vincolo_fattore_irap: Decimal | None = None  # k, when the two margins were compared
    passi: list[Passo]


class Prospetto557(BaseModel):
    presente: bool
    comma: str
    limite: Decimal | None
    colonne: list[Colonna]
    passi: list[Passo]


class CostoMovimento(BaseModel):
    """Where the cost of a hire or a cessation came from, when the case did not type it in."""

    tipo: Literal["assunzione", "cessazione"]
    id: str
    origine: Literal["ente", "profilo", "ccnl"]
    annuo: Decimal
    annuo_con_irap: Decimal
    anno: int
    competenza: Decimal  # in its first year: months in service (hire) or without (cessation)
    nota: str | None = None
    passi: list[Passo] = []


class CessazionePersonale(BaseModel):
    """A cessation the roster adds to the check (known, or a pension under the ipotesi)."""

    id: str
    anno: int
    mese: int
    causa: str
    origine: Literal["nota", "pensione", "sostituzione"]
    regola: str
    risparmio_regime: Decimal
    risparmio_competenza: Decimal


class Risultato(BaseModel):
    versione: str
    ente: EnteRisultato
    dm: DMRisultato
    anni: list[AnnoRisultato]
    comma_557: Prospetto557
    flessibile_passi: list[Passo]
    presupposti: list[EsitoCondizione]
    rilievi: list[Rilievo]
    parametri: list[ParametroUsato]
    esito: Esito
    motivazione_esito: str
    costi: list[CostoMovimento] = []
    cessazioni_personale: list[CessazionePersonale] = []
    ipotesi_pensionamento: str | None = None
    scenario: str | None = None  # the scenario's name when the case is a scenario
    scenario_descrizione: str | None = None  # the scenario's descrizione, if it has one
    # The case as checked: every position costed and the roster's cessations added. Renderers
    # read hires and cessations from here; not part of the JSON.
    fascicolo_verificato: Fascicolo | None = Field(default=None, exclude=True, repr=False)
