"""The layout of the workbook: one sheet per part of the case, each holding one Excel table.

Every data sheet has its table at A1: the header is row 1, one row per item below. Two shapes:

- *row tables* (``Piano``, ``Rendiconti``, …): one column per field, named as the field of the
  model (so the CSV documentation applies as it is);
- *field tables* (``Ente``, ``Proiezione``, ``Dichiarati``, ``Testi``): columns ``campo`` and
  ``valore`` (``Dichiarati`` also ``anno``) and a ``descrizione`` that is never read, one row per
  field, named by its path as in ``fascicolo.yaml`` (``ente.nome``, ``fcde.importo``).

Nested lists get a column saying where a row belongs: ``sezione`` (componenti, rettifiche, …),
``colonna`` and ``anno`` in the comma 557 prospetto, ``tipo`` in the flexible work table.

The type of each column comes from the pydantic model (its validators say what an amount, a
ratio, a date is), so the template, the reader and the folder writer agree with the model.
``tests/test_excel.py`` checks that every field of the model has a place here.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from fabbisogni.caso import fascicolo as fm
from fabbisogni.parametri import Sovrascrittura

# --- column types ------------------------------------------------------------------------


@dataclass(frozen=True)
class Tipo:
    """What a column holds: decides cell format, Excel validation and how a cell is read."""

    nome: str  # testo importo importo_relativo decimale quota percentuale data anno mese intero
    #            sino scelta valore importo_dichiarato
    scelte: tuple[str, ...] = ()
    minimo: int | None = None
    massimo: int | None = None

    def forma(self) -> str:
        """How to write it, in Italian (for comments, descriptions and the instructions)."""
        if self.nome == "intero":
            limiti = ""
            if self.minimo is not None:
                limiti += f" ≥ {self.minimo}"
            if self.massimo is not None:
                limiti += f" e ≤ {self.massimo}" if limiti else f" ≤ {self.massimo}"
            return f"numero intero{limiti}"
        if self.nome == "scelta":
            return "uno di: " + ", ".join(self.scelte)
        return FORME[self.nome]


FORME = {
    "testo": "testo",
    "importo": "importo in euro, al centesimo, non negativo (un numero, es. 1234,56)",
    "importo_relativo": "importo in euro, al centesimo; negativo per una riduzione",
    "decimale": "numero decimale ≥ 0",
    "quota": "quota di tempo: più di 0, al massimo 1 (tempo pieno 1; part-time al 50% 0,5)",
    "percentuale": "percentuale, da 0% a 100% (es. 26,9%)",
    "data": "data (gg/mm/aaaa)",
    "anno": "anno (2000-2100)",
    "mese": "mese (1-12)",
    "sino": "sì o no",
    "valore": "un numero, un testo, oppure un elenco tra graffe: {chiave: valore, …}",
    "importo_dichiarato": (
        "importo come lo scrive il documento: un numero, oppure il testo com'è scritto "
        "(es. 1.297,888,00)"
    ),
}

_VALIDATORI = {
    fm._importo_non_negativo: "importo",
    fm._importo: "importo_relativo",
    fm._quota: "quota",
    fm._rapporto: "percentuale",
    fm._data: "data",
    fm._booleano: "sino",
    fm._testo: "testo",
}


def nudo(annotazione: Any, metadati: tuple[Any, ...] = ()) -> tuple[Any, tuple[Any, ...]]:
    """``Optional[Annotated[X, …]]`` → ``(X, metadata)``."""
    origine = get_origin(annotazione)
    if origine in (Union, types.UnionType):
        argomenti = [a for a in get_args(annotazione) if a is not type(None)]
        if len(argomenti) == 1:
            return nudo(argomenti[0], metadati)
    if origine is Annotated:
        base, *extra = get_args(annotazione)
        meta = list(metadati)
        for m in extra:
            meta.extend(m.metadata if isinstance(m, FieldInfo) else [m])
        return nudo(base, tuple(meta))
    return annotazione, metadati


def tipo_di(annotazione: Any, metadati: tuple[Any, ...] | list[Any] = ()) -> Tipo:
    """The column type of a scalar field of the model."""
    base, meta = nudo(annotazione, tuple(metadati))
    if get_origin(base) is Literal:
        return Tipo("scelta", tuple(str(a) for a in get_args(base)))
    minimo = massimo = None
    nome = None
    for m in meta:
        if isinstance(m, BeforeValidator) and m.func in _VALIDATORI:
            nome = _VALIDATORI[m.func]
        elif isinstance(m, annotated_types.Ge):
            minimo = m.ge
        elif isinstance(m, annotated_types.Gt):
            minimo = m.gt + 1
        elif isinstance(m, annotated_types.Le):
            massimo = m.le
    if nome is not None:
        return Tipo(nome)
    if base is fm.ImportoDichiarato:
        return Tipo("importo_dichiarato")
    if base is bool:
        return Tipo("sino")
    if base is int:
        if (minimo, massimo) == (2000, 2100):
            return Tipo("anno")
        if (minimo, massimo) == (1, 12):
            return Tipo("mese")
        return Tipo("intero", minimo=minimo, massimo=massimo)
    if base is str:
        return Tipo("testo")
    if base is Decimal:
        return Tipo("decimale")
    if base is date:
        return Tipo("data")
    if base is Any:
        return Tipo("valore")
    raise TypeError(f"tipo di campo senza colonna Excel: {annotazione!r}")


def modello_di(annotazione: Any) -> type[BaseModel] | None:
    base, _ = nudo(annotazione)
    if isinstance(base, type) and issubclass(base, BaseModel):
        return base
    return None


def elemento(annotazione: Any) -> tuple[Any, tuple[Any, ...]]:
    """The annotation of the items of a list (or of the values of a dict)."""
    base, _ = nudo(annotazione)
    return nudo(get_args(base)[-1])


def tipo_campo(modello: type[BaseModel], nome: str) -> Tipo:
    fi = modello.model_fields[nome]
    return tipo_di(fi.annotation, fi.metadata)


# --- columns, fields, sheets -------------------------------------------------------------


@dataclass(frozen=True)
class Colonna:
    """A column of a row table."""

    nome: str
    tipo: Tipo
    obbligatoria: bool = False  # the column must be there, and the value in every row
    descrizione: str = ""
    predefinito: Any = None


@dataclass(frozen=True)
class Campo:
    """A row of a field table: a path under the sheet's root, e.g. ``ente.nome``."""

    nome: str
    tipo: Tipo
    obbligatorio: bool = False
    descrizione: str = ""
    predefinito: Any = None
    ripetibile: bool = False  # a list: one row per item (organo_revisione.componenti)
    per_anno: bool = False  # a dict keyed by year: one row per year, the year in «anno»

    @property
    def percorso(self) -> tuple[str, ...]:
        return tuple(self.nome.split("."))


@dataclass(frozen=True)
class Foglio:
    nome: str  # the sheet's name (at most 31 characters)
    tabella: str  # the Excel table's name
    spiegazione: str  # for the instructions sheet
    colonne: tuple[Colonna, ...] = ()
    campi: tuple[Campo, ...] = ()
    radice: tuple[str, ...] = ()  # where the fields of a field table live in the case

    @property
    def a_campi(self) -> bool:
        return bool(self.campi)

    @property
    def intestazioni(self) -> tuple[str, ...]:
        if self.a_campi:
            anno = ("anno",) if any(c.per_anno for c in self.campi) else ()
            return ("campo", *anno, "valore", "descrizione")
        return tuple(c.nome for c in self.colonne)

    def colonna(self, nome: str) -> Colonna:
        for c in self.colonne:
            if c.nome == nome:
                return c
        raise KeyError(nome)

    def campo(self, nome: str) -> Campo | None:
        chiave = nome.strip().lower()
        for c in self.campi:
            if c.nome.lower() == chiave:
                return c
        return None

    @property
    def obbligatorie(self) -> tuple[str, ...]:
        """Columns a reader requires in the header."""
        if self.a_campi:
            return ("campo", "valore") + (("anno",) if "anno" in self.intestazioni else ())
        return tuple(c.nome for c in self.colonne if c.obbligatoria)


# Descriptions the model does not carry (docs/fascicolo.md, shortened).
DESCRIZIONI: dict[str, str] = {
    "Ente.nome": "Denominazione dell'ente",
    "Ente.codice_istat": "Codice ISTAT del comune (sei cifre)",
    "Ente.provincia": "Sigla della provincia",
    "Ente.unione_di_comuni": "Il comune fa parte di un'Unione (DM art. 5 c.3)",
    "Ente.dissesto": "Ente in dissesto (art. 259 TUEL)",
    "Atto.atto": "L'atto (es. Deliberazione COSFEL n. …)",
    "Atto.data": "Data dell'atto",
    "Fcde.anno": "Anno del bilancio di previsione (l'ultimo dei tre rendiconti)",
    "Fcde.importo": "FCDE stanziato nel bilancio di previsione, assestato",
    "Fcde.descrizione": "Nota",
    "Fascicolo.resti_assunzionali_2015_2019": (
        "Resti assunzionali 2015-2019 (DM art. 5 c.2), alternativi alla Tabella 2"
    ),
    "OrganoRevisione.composizione": "revisore_unico oppure collegio",
    "OrganoRevisione.componenti": "Un nome per riga (ripetere la riga per ogni componente)",
    "Rendiconto.anno": "Esercizio del rendiconto: tre righe, tre anni consecutivi",
    "EntratePreviste.anno": "Anno del triennio",
    "EntratePreviste.entrate_neutralizzate": "Entrate neutralizzate previste",
    "Voce.voce": "Descrizione della voce",
    "Voce.importo": "Importo della voce (negativo per una rettifica in diminuzione)",
    "Voce.codice": "Codice di bilancio (es. U.1.01.00.00.000)",
    "VoceNeutralizzata.tipo": "Solo per le neutralizzate: art57_c3septies, fondo_poverta, altro",
    "VoceNeutralizzata.riferimento": "La norma (obbligatoria per le rettifiche e le neutralizzate)",
    "Presupposto.rispettato": "sì se il presupposto è rispettato e documentato, no altrimenti",
    "Presupposto.atto": "Atto che lo documenta",
    "Presupposto.data": "Data dell'atto",
    "Presupposto.note": "Nota",
    "Assunzione.id": "Identificativo unico della riga (es. A1)",
    "Assunzione.anno": "Anno di ingresso",
    "Assunzione.area": "Area del CCNL Funzioni Locali 16/11/2022",
    "Assunzione.profilo": "Profilo professionale",
    "Assunzione.servizio": "Servizio o settore",
    "Assunzione.fte": "Quota di tempo (tempo pieno 1)",
    "Assunzione.mese_inizio": "Primo mese di servizio",
    "Assunzione.mese_fine": "Ultimo mese di servizio (contratti a termine)",
    "Assunzione.finanziamento": "Forma di finanziamento",
    "Assunzione.motivo": "sostituzione oppure nuovo_posto",
    "Assunzione.note": "Nota",
    "Cessazione.id": "Identificativo unico della riga (es. C1)",
    "Cessazione.anno": "Anno della cessazione",
    "Cessazione.causa": "Causa della cessazione",
    "Cessazione.costo_annuo_con_irap": "Lo stesso costo con IRAP",
    "Dipendente.id": "Identificativo della persona (es. P01), senza dati personali",
    "Dipendente.sesso": "M oppure F",
    "Dipendente.data_nascita": "Data di nascita",
    "Dipendente.contributi_anni": "Anni di contributi maturati a contributi_al",
    "Dipendente.contributi_mesi": "Mesi oltre gli anni (0-11)",
    "Dipendente.causa_cessazione": "Causa, se la cessazione è già nota",
    "StoricoUscite.anno": "Anno osservato",
    "CostoProfilo.area": "Area del CCNL Funzioni Locali 16/11/2022",
    "CostoProfilo.profilo": "Profilo professionale",
    "CostoProfilo.costo_annuo_con_irap": "Lo stesso costo con IRAP (se manca è ricavato)",
    "Sovrascrittura.nome": "Nome del parametro (vedi «fabbisogni tabelle»), es. dm.tabella_3",
    "Sovrascrittura.chiave": "Voce del parametro (es. la fascia «f»); vuoto = tutto il valore",
    "Sovrascrittura.valore": "Il valore proprio dell'ente",
    "Sovrascrittura.motivazione": "Perché l'ente usa un valore diverso",
    "Fonte.atto": "Atto da cui viene il valore",
    "Fonte.articolo": "Articolo",
    "Fonte.pubblicazione": "Dove è pubblicato",
    "Fonte.url": "Indirizzo (facoltativo)",
    "Dichiarati.fonte": "Documento da cui sono tratte le cifre (obbligatorio se se ne indica una)",
    "Dichiarati.rapporto": "Rapporto spesa di personale / entrate correnti dichiarato",
    "Dichiarati.importo_soglia": "Importo della spesa alla soglia (Tabella 1)",
    "Dichiarati.spazio_assunzionale": "Spazio assunzionale dichiarato",
    "Dichiarati.spesa_personale": "Spesa di personale dichiarata",
    "Dichiarati.entrate_correnti": "Entrate correnti (nette) dichiarate",
    "Dichiarati.anni_entrate": "Anni delle entrate usati dal documento: una riga per anno",
    "Dichiarati.anno_spesa": "Anno della spesa usato dal documento",
    "Dichiarati.limite_piano": "Limite che il documento ricava per il piano",
    "Dichiarati.spesa_prevista": "Spesa prevista per anno: una riga per anno (colonna anno)",
    "Dichiarati.limite_557": "Limite del comma 557 dichiarato",
    "Dichiarati.spesa_557": "Spesa del comma 557 per anno: una riga per anno (colonna anno)",
    "Dichiarati.limite_flessibile": "Limite del lavoro flessibile dichiarato",
    "Dichiarati.spesa_flessibile": "Spesa flessibile per anno: una riga per anno (colonna anno)",
    "Testi.evoluzione_fabbisogni": "Stima dell'evoluzione dei fabbisogni",
    "Testi.obiettivi_trasformazione": "Obiettivi di trasformazione dell'allocazione delle risorse",
    "Testi.strategia_copertura": "Strategia di copertura del fabbisogno",
    "Testi.formazione": "Formazione del personale",
    "Testi.soprannumero_eccedenze": "Esito della ricognizione di soprannumero ed eccedenze",
    "Proiezione.seme": "Seme del generatore casuale (stesso seme, stesso risultato)",
    "Proiezione.simulazioni": "Numero di simulazioni",
    "Proiezione.storico_uscite": "Nel foglio «Storico uscite»",
}


# The same field in every table that has it.
COMUNI = {
    "area": "Area del CCNL Funzioni Locali 16/11/2022",
    "profilo": "Profilo professionale",
    "servizio": "Servizio o settore",
    "fte": "Quota di tempo (tempo pieno 1)",
    "tipo_contratto": "Tipo di contratto",
    "voce": "Descrizione della voce",
    "importo": "Importo",
    "costo_annuo_con_irap": "Lo stesso costo con IRAP",
    "note": "Nota",
}


def _descrizione(modello: type[BaseModel], nome: str) -> str:
    chiave = f"{modello.__name__}.{nome}"
    if chiave in DESCRIZIONI:
        return DESCRIZIONI[chiave]
    for base in modello.__mro__[1:]:
        if f"{getattr(base, '__name__', '')}.{nome}" in DESCRIZIONI:
            return DESCRIZIONI[f"{base.__name__}.{nome}"]
    return modello.model_fields[nome].description or COMUNI.get(nome, "")


def _predefinito(fi: FieldInfo) -> Any:
    return None if fi.is_required() else fi.get_default(call_default_factory=True)


def colonne_di(
    modello: type[BaseModel],
    *,
    escluse: tuple[str, ...] = (),
    tipi: dict[str, Tipo] | None = None,
    prefisso: str = "",
    obbligatorio: bool = True,
) -> tuple[Colonna, ...]:
    """One column per field of ``modello`` (nested models become ``prefisso.campo`` columns)."""
    colonne: list[Colonna] = []
    for nome, fi in modello.model_fields.items():
        if nome in escluse:
            continue
        annidato = modello_di(fi.annotation)
        if annidato is not None:
            colonne.extend(
                colonne_di(
                    annidato,
                    prefisso=f"{prefisso}{nome}.",
                    obbligatorio=obbligatorio and fi.is_required(),
                )
            )
            continue
        tipo = (tipi or {}).get(nome) or tipo_di(fi.annotation, fi.metadata)
        colonne.append(
            Colonna(
                nome=prefisso + nome,
                tipo=tipo,
                obbligatoria=obbligatorio and fi.is_required(),
                descrizione=_descrizione(modello, nome),
                predefinito=_predefinito(fi),
            )
        )
    return tuple(colonne)


def campi_di(
    modello: type[BaseModel],
    prefisso: str,
    *,
    escluse: tuple[str, ...] = (),
    obbligatorio: bool = True,
) -> tuple[Campo, ...]:
    """One field-table row per scalar field of ``modello`` (nested models expanded)."""
    campi: list[Campo] = []
    for nome, fi in modello.model_fields.items():
        if nome in escluse:
            continue
        annidato = modello_di(fi.annotation)
        richiesto = obbligatorio and fi.is_required()
        if annidato is not None and annidato is not fm.ImportoDichiarato:
            campi.extend(campi_di(annidato, f"{prefisso}{nome}.", obbligatorio=richiesto))
            continue
        base, _ = nudo(fi.annotation)
        ripetibile = get_origin(base) is list
        per_anno = get_origin(base) is dict
        if ripetibile or per_anno:
            tipo = tipo_di(*elemento(fi.annotation))
        else:
            tipo = tipo_di(fi.annotation, fi.metadata)
        campi.append(
            Campo(
                nome=prefisso + nome,
                tipo=tipo,
                obbligatorio=richiesto,
                descrizione=_descrizione(modello, nome),
                predefinito=_predefinito(fi),
                ripetibile=ripetibile,
                per_anno=per_anno,
            )
        )
    return tuple(campi)


def _scelta(*valori: str) -> Tipo:
    return Tipo("scelta", valori)


def _col(nome: str, tipo: Tipo, descrizione: str, obbligatoria: bool = True) -> Colonna:
    return Colonna(nome, tipo, obbligatoria, descrizione)


SEZIONI_SPESA = ("componenti", "rettifiche", "neutralizzate")
BASI_557 = ("media_2011_2013", "anno_2008")
COLONNE_557 = (*BASI_557, "rendiconto", "previsione")
SEZIONI_557 = ("componenti", "escluse", "maggior_spesa_dm")
BASI_FLESSIBILE: tuple[str, ...] = get_args(fm.BaseFlessibile.model_fields["tipo"].annotation)
TIPI_FLESSIBILE = (*BASI_FLESSIBILE, "spesa_prevista")
CHIAVI_TASSI = (*fm.AREE, "tutte")


def _fogli() -> tuple[Foglio, ...]:
    voce = colonne_di(fm.Voce)
    neutralizzata = colonne_di(fm.VoceNeutralizzata)
    spesa = (
        _col(
            "sezione",
            _scelta(*SEZIONI_SPESA),
            "componenti: voci della spesa (senza IRAP); rettifiche: rettifiche dell'ente, "
            "ciascuna con il riferimento; neutralizzate: spesa neutralizzata",
        ),
        *voce,
        *(c for c in neutralizzata if c.nome == "tipo"),
    )
    spesa = tuple(
        Colonna(c.nome, c.tipo, c.nome in ("sezione", "voce", "importo"), c.descrizione)
        for c in spesa
    )

    def soli(modello: type[BaseModel], prefisso: str, *nomi: str) -> tuple[Campo, ...]:
        return campi_di(
            modello, prefisso, escluse=tuple(n for n in modello.model_fields if n not in nomi)
        )

    ente: list[Campo] = [
        *campi_di(fm.Ente, "ente."),
        *soli(fm.Fascicolo, "", "primo_anno"),
        *campi_di(fm.Fcde, "fcde."),
        *soli(fm.SpesaPersonale, "spesa_personale.", "anno"),
        *soli(fm.Fascicolo, "", "spesa_2018", "resti_assunzionali_2015_2019"),
        *campi_di(fm.OrganoRevisione, "organo_revisione.", obbligatorio=False),
    ]
    tasso = tipo_di(*elemento(fm.Proiezione.model_fields["tassi_uscita"].annotation))
    proiezione = [
        *campi_di(fm.Proiezione, "", escluse=("tassi_uscita", "storico_uscite"), obbligatorio=False)
    ]
    proiezione[2:2] = [
        Campo(
            f"tassi_uscita.{chiave}",
            tasso,
            descrizione=(
                f"Tasso annuo di uscite diverse dalla pensione, area {chiave}"
                if chiave != "tutte"
                else "Tasso annuo di uscite diverse dalla pensione, per ogni area"
            ),
        )
        for chiave in CHIAVI_TASSI
    ]
    return (
        Foglio(
            "Ente",
            "Ente",
            "L'ente, il triennio, il FCDE, l'anno della spesa di personale, la spesa 2018, i "
            "resti assunzionali e l'organo di revisione: una riga per campo.",
            campi=tuple(ente),
        ),
        Foglio(
            "Rendiconti",
            "Rendiconti",
            "Gli ultimi tre rendiconti approvati: accertamenti dei titoli I, II e III, una riga "
            "per anno (tre anni consecutivi).",
            colonne=(
                Colonna("anno", Tipo("anno"), True, DESCRIZIONI["Rendiconto.anno"]),
                *colonne_di(fm.EntrateTitoli),
            ),
        ),
        Foglio(
            "Entrate previste",
            "EntratePreviste",
            "Facoltativo: la previsione delle entrate correnti per gli anni del triennio.",
            colonne=colonne_di(fm.EntratePreviste),
        ),
        Foglio(
            "Entrate neutralizzate",
            "EntrateNeutralizzate",
            "Facoltativo: entrate dei rendiconti che finanziano spesa neutralizzata (art. 57 "
            "c.3-septies DL 104/2020): una riga per voce, con l'anno del rendiconto.",
            colonne=(
                Colonna("anno", Tipo("anno"), True, "Anno del rendiconto cui la voce appartiene"),
                *neutralizzata,
            ),
        ),
        Foglio(
            "Spesa personale",
            "SpesaPersonale",
            "La spesa di personale del DM 17/03/2020 (senza IRAP): componenti (almeno una), "
            "rettifiche dell'ente con il riferimento, spesa neutralizzata. L'anno è nel foglio "
            "«Ente» (spesa_personale.anno).",
            colonne=spesa,
        ),
        Foglio(
            "Comma 557",
            "Comma557",
            "Facoltativo: il prospetto del comma 557 (o 562), con IRAP. «colonna» dice a quale "
            "colonna appartiene la riga: la base (media_2011_2013 oppure anno_2008), il "
            "rendiconto o una previsione (con l'anno); «sezione» se è una componente (A), "
            "un'esclusa (B) o la maggior spesa del DM art. 7 c.1 (C, solo importo).",
            colonne=(
                _col(
                    "colonna",
                    _scelta(*COLONNE_557),
                    "media_2011_2013 o anno_2008: la base del limite; rendiconto: la colonna "
                    "dell'ultimo rendiconto; previsione: un anno del triennio",
                ),
                _col(
                    "anno",
                    Tipo("anno"),
                    "Per rendiconto e previsione: l'anno della colonna; vuoto per la base",
                    obbligatoria=False,
                ),
                _col(
                    "sezione",
                    _scelta(*SEZIONI_557),
                    "componenti (A), escluse (B) oppure maggior_spesa_dm (C: solo l'importo)",
                ),
                *(
                    Colonna(c.nome, c.tipo, c.nome == "importo", c.descrizione)
                    for c in colonne_di(fm.Voce)
                ),
            ),
        ),
        Foglio(
            "Lavoro flessibile",
            "LavoroFlessibile",
            "Facoltativo: il limite del lavoro flessibile (art. 9 c.28 DL 78/2010). Una riga per "
            "la base (tipo spesa_2009, media_2007_2009 o parametro_motivato, con l'atto) e una "
            "per ogni anno di spesa flessibile prevista (tipo spesa_prevista).",
            colonne=(
                _col(
                    "tipo",
                    _scelta(*TIPI_FLESSIBILE),
                    "La base del limite (spesa_2009, media_2007_2009, parametro_motivato) oppure "
                    "spesa_prevista per un anno",
                ),
                _col("anno", Tipo("anno"), "Solo per spesa_prevista", obbligatoria=False),
                _col("importo", Tipo("importo"), "Spesa di riferimento o spesa prevista"),
                _col(
                    "atto",
                    Tipo("testo"),
                    "Solo per la base: l'atto che fissa il parametro motivato",
                    obbligatoria=False,
                ),
                _col("descrizione", Tipo("testo"), "Solo per spesa_prevista", obbligatoria=False),
            ),
        ),
        Foglio(
            "Presupposti",
            "Presupposti",
            "I presupposti per assumere: per ciascuno «rispettato» (sì/no), l'atto, la data. Un "
            "presupposto lasciato vuoto è «non documentato».",
            colonne=(
                _col(
                    "presupposto",
                    _scelta(*fm.PRESUPPOSTI_DICHIARATI),
                    "Quale presupposto",
                ),
                *colonne_di(fm.Presupposto),
            ),
        ),
        Foglio(
            "Piano",
            "Piano",
            "Il piano delle assunzioni: una riga per assunzione (le colonne di "
            "piano_assunzioni.csv).",
            colonne=colonne_di(fm.Assunzione),
        ),
        Foglio(
            "Cessazioni",
            "Cessazioni",
            "Le cessazioni note o previste: una riga per cessazione (le colonne di "
            "cessazioni.csv); «mese» è il primo mese senza servizio.",
            colonne=colonne_di(fm.Cessazione),
        ),
        Foglio(
            "Consistenza",
            "Consistenza",
            "Facoltativo: il personale in servizio al 31 dicembre per profilo (PIAO 3.3.1), le "
            "colonne di consistenza.csv.",
            colonne=colonne_di(fm.VoceConsistenza, tipi={"fte": Tipo("decimale")}),
        ),
        Foglio(
            "Personale",
            "Personale",
            "Facoltativo: il personale in servizio, una riga per persona, anonima (le colonne di "
            "personale.csv).",
            colonne=colonne_di(fm.Dipendente),
        ),
        Foglio(
            "Costi profilo",
            "CostiProfilo",
            "Facoltativo: il costo annuo di un profilo dato dall'ente (a tempo pieno, senza "
            "IRAP), con la fonte.",
            colonne=colonne_di(fm.CostoProfilo),
        ),
        Foglio(
            "Proiezione",
            "Proiezione",
            "Facoltativo: come proiettare le cessazioni dal personale in servizio (regola di "
            "pensionamento, anni oltre il triennio, tassi di uscita per area).",
            campi=tuple(proiezione),
            radice=("proiezione",),
        ),
        Foglio(
            "Storico uscite",
            "StoricoUscite",
            "Facoltativo: le uscite diverse dalla pensione negli anni passati, per stimare un "
            "tasso (area vuota = tutto l'ente).",
            colonne=colonne_di(fm.StoricoUscite),
        ),
        Foglio(
            "Parametri",
            "Parametri",
            "Facoltativo: un valore proprio dell'ente al posto di quello delle tabelle "
            "normative, con la sua fonte e la motivazione.",
            colonne=colonne_di(Sovrascrittura),
        ),
        Foglio(
            "Dichiarati",
            "Dichiarati",
            "Facoltativo: le cifre che un documento esistente dichiara, per riconciliarle con "
            "quelle calcolate. Le cifre per anno hanno l'anno nella colonna «anno».",
            campi=campi_di(fm.Dichiarati, "", obbligatorio=False),
            radice=("dichiarati",),
        ),
        Foglio(
            "Testi",
            "Testi",
            "Facoltativo: le parti narrative della sottosezione 3.3 del PIAO. Quelle vuote "
            "diventano segnaposti nel documento.",
            campi=campi_di(fm.Testi, "", obbligatorio=False),
            radice=("testi",),
        ),
    )


FOGLI: tuple[Foglio, ...] = _fogli()
PER_NOME: dict[str, Foglio] = {f.nome: f for f in FOGLI}
ISTRUZIONI = "Istruzioni"
MARCATORE = "fabbisogni_modello"  # a workbook-level name: this is a template, and its version
VERSIONE = 1

assert all(len(f.nome) <= 31 for f in FOGLI)


# --- reading a cell ----------------------------------------------------------------------


class CellaNonValida(ValueError):
    """A cell that cannot be read at all (the message is Italian)."""


CENTESIMO = Decimal("0.01")


def decimale(numero: int | float) -> Decimal:
    """A number from Excel as Excel shows it: 15 significant digits (0.1+0.2 → 0.3)."""
    if isinstance(numero, int):
        return Decimal(numero)
    return Decimal(format(numero, ".15g"))


def importo(numero: int | float) -> Decimal:
    """An amount as the cell shows it, to the cent (180000 → 180000.00, as «180.000,00» in a
    CSV). More than two decimals stay as they are: the model refuses them, never rounds."""
    d = decimale(numero)
    return d.quantize(CENTESIMO) if d == d.quantize(CENTESIMO) else d


def _testo_numero(numero: int | float) -> str:
    if isinstance(numero, float) and numero.is_integer():
        return str(int(numero))
    if isinstance(numero, float):
        return format(numero, ".15g")
    return str(numero)


def _data_seriale(numero: int | float) -> Any:
    # A date whose cell lost its date format: Excel's serial number (1 = 01/01/1900).
    if 61 <= numero < 2_958_466 and float(numero).is_integer():
        return date(1899, 12, 30) + timedelta(days=int(numero))
    return numero


def da_cella(valore: Any, tipo: Tipo) -> Any:
    """A cell's value (str, int, float, bool, datetime; None if empty) as the model reads it.

    Text is passed on as written (the model reads Italian amounts, dates and synonyms); an empty
    cell is ``None`` (the field is absent). Numbers become Decimal with the digits Excel shows.
    """
    n = tipo.nome
    if isinstance(valore, str):
        valore = valore.strip()
        if not valore:
            return None
        if n == "valore" and valore[:1] in "{[":
            return _valore_strutturato(valore)
        return valore
    if valore is None:
        return None
    if isinstance(valore, bool):
        if n in ("testo", "scelta"):
            return "sì" if valore else "no"
        return valore
    if isinstance(valore, datetime):
        valore = valore.date()
    if isinstance(valore, date):
        if n in ("testo", "valore"):
            return valore.strftime("%d/%m/%Y")
        return valore
    if isinstance(valore, int | float):
        if n == "data":
            return _data_seriale(valore)
        if n in ("anno", "mese", "intero"):
            return int(valore) if float(valore).is_integer() else valore
        if n in ("testo", "scelta"):
            return _testo_numero(valore)
        if n in ("sino", "valore"):
            return valore
        if n in ("importo", "importo_relativo", "importo_dichiarato"):
            return importo(valore)
        return decimale(valore)
    return valore


def _valore_strutturato(testo: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return YAML(typ="safe", pure=True).load(testo)
    except YAMLError:
        raise CellaNonValida(
            f"«{testo}» non è un elenco leggibile: scrivere ad esempio {{a: 0.29, b: 0.28}} "
            "(ogni parentesi chiusa; un testo che contiene «:» o «,» tra virgolette)"
        ) from None


def testo_strutturato(valore: Any) -> str:
    """A structured value (dict, list) as the one-line text a cell holds: ``{a: 1, b: 2}``."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = True
    yaml.width = 1_000_000
    buffer = io.StringIO()
    yaml.dump(valore, buffer)
    return buffer.getvalue().strip().removesuffix("...").strip()
