"""The largest plan that fits (``massimo``) and how far each input can move (``margini``).

Both answers are searches over the engine, never a second copy of the rules: every candidate is a
copy of the case with something added (identical hires, average cessations, a lower or higher
forecast of entrate) checked by :func:`fabbisogni.motore.verifica`. The case is prepared once
(positions costed, the roster's cessations added); each candidate re-runs only the rules.

- :func:`massimo`: the largest number ``n`` of extra identical hires of one profile in one year
  such that every limit that can be verified (D.M. 17/03/2020, comma 557/562, lavoro flessibile)
  holds in every year of the triennio. Every limit grows with the number of hires, so a
  galloping search followed by bisection over ``n`` is exact: ``n`` hires pass, ``n + 1`` break
  the limit named in :attr:`EsitoMassimo.ferma`.
- :func:`massimo_profili`: the room left for several profiles, in euro of annual cost, and the
  largest count of each profile alone. The split between profiles is the ente's choice.
- :func:`margini`: per year, the margin of each limit (how much spesa can rise), how much the
  entrate correnti can fall before the D.M. limit breaks (to the cent, found with the engine), and
  for a limit already broken the number of average cessations that would bring it back.

No I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any, Literal

from pydantic import BaseModel, TypeAdapter, ValidationError

from fabbisogni.caso.fascicolo import (
    TIPI_FLESSIBILI,
    Area,
    Assunzione,
    Cessazione,
    CostoProfilo,
    EntratePreviste,
    Fascicolo,
    TipoContratto,
)
from fabbisogni.errors import ErroreInput
from fabbisogni.motore import base_scenario, prepara_se_serve, verifica
from fabbisogni.numeri import CENT, euro, fmt_euro, parse_percentuale, rapporto
from fabbisogni.parametri import Parametri
from fabbisogni.personale.costo import costo_competenza, costo_posto
from fabbisogni.risultato import AnnoRisultato, Risultato
from fabbisogni.traccia import Passo

Limite = Literal["dm", "557", "flessibile"]
LIMITI: tuple[Limite, ...] = ("dm", "557", "flessibile")

# Beyond these counts the search stops: no verifiable limit is moved by the hire (or cessation).
MASSIMO_ASSUNZIONI = 10_000
MASSIMO_CESSAZIONI = 1_000
# The probe hire that measures how much of its annual cost each limit sees in each year.
SONDA = Decimal("1000.00")
UNO = Decimal(1)

ORIGINE_COSTO = {
    "ente": "costo indicato dall'ente",
    "piano": "costo indicato dall'ente per la stessa figura nel piano",
    "profilo": "costo del profilo indicato dall'ente (costi dei profili del fascicolo)",
    "ccnl": "tabelle del CCNL Funzioni Locali",
}


class OpzioneNonValida(ErroreInput):
    """A request the case cannot answer: unknown profile, year outside the triennio, bad FTE."""


# --- results -----------------------------------------------------------------------------


class LimiteAnno(BaseModel):
    """One limit in one year, and the rule that sets it (``regola_dm``, ``557-quater``/``562``,
    ``flessibile``)."""

    limite: Limite
    anno: int
    regola: str


class Violazione(LimiteAnno):
    eccedenza: Decimal  # euro above the limit


class StatoLimite(LimiteAnno):
    esito: bool | None
    spesa: Decimal | None
    valore_limite: Decimal | None
    margine: Decimal | None


class CostoUnitario(BaseModel):
    """The cost of one hire of the profile asked, as the engine would compute it."""

    area: str
    profilo: str
    fte: Decimal
    anno: int
    mese_inizio: int
    tipo_contratto: str
    annuo: Decimal  # a regime, senza IRAP: D.M. (and lavoro flessibile, di competenza)
    annuo_con_irap: Decimal  # comma 557, di competenza
    competenza: Decimal  # first year, senza IRAP
    competenza_con_irap: Decimal  # first year, con IRAP
    origine: Literal["ente", "piano", "profilo", "ccnl"]
    nota: str | None = None
    passi: list[Passo] = []


class EsitoMassimo(BaseModel):
    ente: str
    anni: list[int]
    anno: int
    costo: CostoUnitario
    assunzioni: int | None  # None: no verifiable limit stops them (up to MASSIMO_ASSUNZIONI)
    gia_superati: list[Violazione]  # broken before any extra hire
    ferma: Violazione | None  # the limit the (n+1)-th hire breaks first
    superati_oltre: list[Violazione]  # every limit broken by the (n+1)-th hire
    margini: list[StatoLimite]  # room left after n hires
    non_verificabili: list[LimiteAnno]  # the answer holds only if these hold too
    presupposti_bloccanti: list[str]
    presupposti_non_documentati: list[str]
    verifiche: int  # engine runs


class SpazioLimite(BaseModel):
    """Annual cost of new hires from ``anno`` that still fits a limit (a linear reading)."""

    limite: Limite
    regola: str
    base: Literal["senza_irap", "con_irap"]
    importo: Decimal | None  # None: the hire does not weigh on this limit
    anno_vincolante: int | None
    esito: bool | None  # None: not verifiable in some year


class EsitoProfili(BaseModel):
    ente: str
    anni: list[int]
    anno: int
    mese_inizio: int
    fte: Decimal
    tipo_contratto: str
    margini: list[StatoLimite]  # the case as it is
    spazio: list[SpazioLimite]
    profili: list[EsitoMassimo]
    gia_superati: list[Violazione]
    non_verificabili: list[LimiteAnno]
    presupposti_bloccanti: list[str]
    presupposti_non_documentati: list[str]


class CessazioneMedia(BaseModel):
    annuo: Decimal
    annuo_con_irap: Decimal
    origine: Literal["cessazioni", "personale", "piano"]
    numero: int
    descrizione: str


class CessazioniNecessarie(BaseModel):
    numero: int | None  # None: cessations alone do not bring the limit back
    nota: str | None = None


class MargineLimite(StatoLimite):
    etichetta: str
    margine_permanente: Decimal | None  # a permanent rise from this year: min margin from here on
    riduzione_necessaria: Decimal | None  # when broken: −margin
    cessazioni: CessazioniNecessarie | None  # when broken


class MargineEntrate(BaseModel):
    anno: int
    entrate: Decimal  # nette, as the engine uses them
    previste: bool
    verificabile: bool  # False: the D.M. limit of the year cannot be verified
    caduta_massima: Decimal | None  # euro; None: the D.M. limit of the year does not depend on them
    caduta_percentuale: Decimal | None  # of the entrate nette of the year
    aumento_necessario: Decimal | None  # the D.M. limit of the year is already broken
    anno_superato: int | None  # the year whose D.M. limit breaks one cent beyond
    regola: str | None  # its rule, in the state where it breaks (or is met again)
    nota: str | None = None


class MargineAnno(BaseModel):
    anno: int
    vincolo: str | None  # the limit a tempo indeterminato hire meets first (rules/vincolo.py)
    vincolo_nota: str = ""
    limiti: list[MargineLimite]
    entrate: MargineEntrate
    cessazione_media: CessazioneMedia | None


# --- the case, prepared once ---------------------------------------------------------------


class _Caso:
    """The case with every position costed; :meth:`verifica` checks a variant of it."""

    def __init__(self, f: Fascicolo) -> None:
        self.originale = f
        self.parametri = Parametri.predefiniti(f.parametri)
        self.prep = prepara_se_serve(f, self.parametri)
        self.f = self.prep.fascicolo if self.prep is not None else f
        # The case whose plan the ente's declared comma 557 forecasts describe: they move by
        # what each variant adds (hires, cessations), like a scenario's (motore.verifica).
        self.riferimento = base_scenario(f) or self.f
        self.verifiche = 0

    def verifica(
        self,
        *,
        assunzioni: Sequence[Assunzione] = (),
        cessazioni: Sequence[Cessazione] = (),
        entrate: EntratePreviste | None = None,
    ) -> Risultato:
        update: dict[str, Any] = {}
        if assunzioni:
            update["piano_assunzioni"] = [*self.f.piano_assunzioni, *assunzioni]
        if cessazioni:
            update["cessazioni"] = [*self.f.cessazioni, *cessazioni]
        if entrate is not None:
            update["entrate_previste"] = [
                *(e for e in self.f.entrate_previste if e.anno != entrate.anno),
                entrate,
            ]
        g = self.f.model_copy(update=update) if update else self.f
        prep = replace(self.prep, fascicolo=g) if self.prep is not None else None
        self.verifiche += 1
        return verifica(
            g,
            self.parametri,
            preparazione=prep,
            rilievi=False,
            riferimento=self.riferimento,
            traccia=False,
        )

    def id_libero(self, prefisso: str) -> str:
        usati = {a.id for a in self.f.piano_assunzioni} | {c.id for c in self.f.cessazioni}
        while any(u.startswith(prefisso) for u in usati):
            prefisso += "_"
        return prefisso


# --- reading a result ------------------------------------------------------------------------


def _stato(r: Risultato, a: AnnoRisultato, limite: Limite) -> StatoLimite:
    if limite == "dm":
        valori = (a.esito_dm, a.spesa_personale, a.limite_dm, a.margine_dm)
        regola = a.regola_dm
    elif limite == "557":
        valori = (a.esito_557, a.spesa_557, a.limite_557, a.margine_557)
        regola = r.comma_557.comma
    else:
        valori = (a.esito_flessibile, a.spesa_flessibile, a.limite_flessibile, a.margine_flessibile)
        regola = "flessibile"
    esito, spesa, valore, margine = valori
    return StatoLimite(
        limite=limite,
        anno=a.anno,
        regola=regola,
        esito=esito,
        spesa=spesa,
        valore_limite=valore,
        margine=margine,
    )


def _stati(r: Risultato) -> list[StatoLimite]:
    return [_stato(r, a, lim) for a in r.anni for lim in LIMITI]


def _violazioni(r: Risultato) -> list[Violazione]:
    return [
        Violazione(
            limite=s.limite,
            anno=s.anno,
            regola=s.regola,
            eccedenza=-s.margine if s.margine is not None else Decimal(0),
        )
        for s in _stati(r)
        if s.esito is False
    ]


def _rispetta(r: Risultato) -> bool:
    return not any(s.esito is False for s in _stati(r))


def _non_verificabili(*risultati: Risultato) -> list[LimiteAnno]:
    visti: dict[tuple[str, int], LimiteAnno] = {}
    for r in risultati:
        for s in _stati(r):
            if s.esito is None:
                visti.setdefault(
                    (s.limite, s.anno), LimiteAnno(limite=s.limite, anno=s.anno, regola=s.regola)
                )
    ordine = {lim: i for i, lim in enumerate(LIMITI)}
    return sorted(visti.values(), key=lambda x: (ordine[x.limite], x.anno))


def _presupposti(r: Risultato) -> tuple[list[str], list[str]]:
    # The comma 557 precondition is the 557 limit itself: it is reported as a limit.
    altri = [p for p in r.presupposti if p.chiave != "comma_557"]
    bloccanti = [
        p.breve or p.descrizione
        for p in altri
        if p.esito == "non_rispettato" and p.effetto == "blocca"
    ]
    non_doc = [p.breve or p.descrizione for p in altri if p.esito == "non_documentato"]
    return bloccanti, non_doc


# --- searches ---------------------------------------------------------------------------------


def _ultimo_vero(
    pred: Callable[[int], bool], stima: int, minimo: int, tetto: int
) -> tuple[int | None, dict[int, bool]]:
    """The largest k in [minimo, tetto] with ``pred(k)``, given ``pred(minimo)`` and a predicate
    true up to a point and false after it. Gallops from ``stima`` (two calls when the guess is
    right), then bisects. None when ``pred(tetto)`` is still true."""
    visti: dict[int, bool] = {minimo: True}

    def p(k: int) -> bool:
        if k not in visti:
            visti[k] = pred(k)
        return visti[k]

    x = min(max(stima, minimo), tetto)
    passo = 1
    if p(x):
        lo = x
        while True:
            if lo >= tetto:
                return None, visti
            y = min(lo + passo, tetto)
            if p(y):
                lo, passo = y, passo * 2
            else:
                hi = y
                break
    else:
        hi = x
        while True:
            y = max(hi - passo, minimo)
            if p(y):
                lo = y
                break
            hi, passo = y, passo * 2
    while hi - lo > 1:
        m = (lo + hi) // 2
        if p(m):
            lo = m
        else:
            hi = m
    return lo, visti


def _primo_vero(pred: Callable[[int], bool], stima: int, tetto: int) -> int | None:
    """The smallest k in [1, tetto] with ``pred(k)``, given ``not pred(0)``; None if none."""
    k, _ = _ultimo_vero(lambda x: not pred(x), max(stima - 1, 0), 0, tetto)
    return None if k is None else k + 1


# --- the profile asked --------------------------------------------------------------------------


def _norm(testo: str) -> str:
    t = unicodedata.normalize("NFKD", testo).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", t).split())


def _valida(tipo: Any, valore: Any) -> Any:
    try:
        return TypeAdapter(tipo).validate_python(valore)
    except ValidationError as exc:
        from fabbisogni.messaggi import messaggio_errore

        messaggio = messaggio_errore(exc.errors()[0])
        raise OpzioneNonValida(messaggio) from None


def intero_opzione(testo: str, nome: str) -> int:
    """An integer option as typed on the command line (``--anno 2026``), or an Italian error."""
    try:
        return int(str(testo).strip())
    except ValueError:
        raise OpzioneNonValida(f"{nome} «{testo}» non è un numero intero") from None


def fte_opzione(valore: Decimal | float | str | int) -> Decimal:
    """An FTE share (``1``, ``0,5``, ``"50%"``), in (0, 1], or an Italian error."""
    try:
        quota = parse_percentuale(valore.strip() if isinstance(valore, str) else valore)
    except ValueError:
        raise OpzioneNonValida(
            f"FTE «{valore}» non è un numero (tempo pieno = 1; part-time 50% = 0,5)"
        ) from None
    if not (Decimal(0) < quota <= UNO):
        raise OpzioneNonValida(
            f"FTE {valore} fuori intervallo: deve essere maggiore di 0 e al massimo 1 "
            "(tempo pieno = 1; part-time 50% = 0,5)"
        )
    return quota


def aree_del_profilo(f: Fascicolo, profilo: str) -> tuple[str, list[str]]:
    """The profile as the case writes it, and the areas it has there (plan, cessations, roster,
    costi_profilo, consistenza); compared without accents, case and punctuation."""
    cercato = _norm(profilo)
    nome = profilo.strip()
    aree: list[str] = []
    for x in [*f.piano_assunzioni, *f.cessazioni, *f.personale, *f.costi_profilo, *f.consistenza]:
        if _norm(x.profilo) == cercato:
            if not aree:
                nome = x.profilo
            if x.area not in aree:
                aree.append(x.area)
    return nome, aree


def _richiesta(
    f: Fascicolo,
    profilo: str,
    anno: int,
    area: str | None,
    fte: Decimal | float | str | int,
    mese_inizio: int,
    tipo_contratto: str,
) -> tuple[str, str, Decimal, str]:
    if not str(profilo).strip():
        raise OpzioneNonValida("profilo vuoto: indicare il profilo da assumere")
    if anno not in f.anni_piano:
        raise OpzioneNonValida(
            f"anno {anno} fuori dal triennio del fascicolo ({f.anni_piano[0]}-{f.anni_piano[-1]}): "
            f"indicare un anno fra {f.anni_piano[0]} e {f.anni_piano[-1]}"
        )
    quota = fte_opzione(fte)
    if (
        isinstance(mese_inizio, bool)
        or not isinstance(mese_inizio, int)
        or not 1 <= mese_inizio <= 12
    ):
        raise OpzioneNonValida(f"mese di inizio «{mese_inizio}» non valido: un numero da 1 a 12")
    # the case files' own check: it names the types the Italian way («tempo indeterminato»)
    tipo = _valida(TipoContratto, tipo_contratto)
    nome, aree = aree_del_profilo(f, profilo)
    if area is not None:
        scelta = _valida(Area, area)
    elif len(aree) == 1:
        scelta = aree[0]
    elif not aree:
        raise OpzioneNonValida(
            f"profilo «{profilo}» non presente nel fascicolo (piano delle assunzioni, cessazioni, "
            "personale, costi dei profili, consistenza): indicarne l'area con --area (Operatori, "
            "Operatori esperti, Istruttori, Funzionari ed EQ, Dirigenti)"
        )
    else:
        raise OpzioneNonValida(
            f"profilo «{profilo}» presente nel fascicolo in più aree ({', '.join(aree)}): "
            "indicare quale con --area"
        )
    return nome, scelta, quota, tipo


def _riga_del_piano(f: Fascicolo, area: str, profilo: str, anno: int) -> Assunzione | None:
    """A hire of the plan with the same profile and area whose cost the ente typed in: the
    latest one starting by ``anno``, else the first after it."""
    righe = [
        a
        for a in f.piano_assunzioni
        if a.costo_annuo is not None and a.area == area and _norm(a.profilo) == _norm(profilo)
    ]
    prima = [a for a in righe if a.anno <= anno]
    if prima:
        return max(prima, key=lambda a: (a.anno, a.mese_inizio))
    return min(righe, key=lambda a: (a.anno, a.mese_inizio), default=None)


def _costo(
    caso: _Caso, area: str, profilo: str, fte: Decimal, anno: int, mese: int, tipo: str
) -> CostoUnitario:
    """The cost of one more hire: the ente's cost of the profile (costi dei profili), else the
    cost the ente typed for the same profile in its own plan (scaled to the FTE asked), else the
    CCNL tables."""
    giorno = date(anno, mese, 1)
    riga = _riga_del_piano(caso.originale, area, profilo, anno)
    gia_indicato = any(
        c.area == area and _norm(c.profilo) == _norm(profilo) for c in caso.f.costi_profilo
    )
    origine: str | None = None
    if riga is not None and not gia_indicato and riga.costo_annuo is not None:
        if riga.fte == fte:
            c = costo_posto(
                area,
                profilo,
                fte,
                giorno,
                caso.parametri,
                costo_annuo=riga.costo_annuo,
                costo_annuo_con_irap=riga.costo_annuo_con_irap,
            )
        else:
            pieno = CostoProfilo(
                area=area,  # type: ignore[arg-type]
                profilo=profilo,
                costo_annuo=euro(riga.costo_annuo / riga.fte),
                costo_annuo_con_irap=(
                    euro(riga.costo_annuo_con_irap / riga.fte)
                    if riga.costo_annuo_con_irap is not None
                    else None
                ),
                fonte=f"riga {riga.id} del piano, rapportata al tempo pieno",
            )
            c = costo_posto(area, profilo, fte, giorno, caso.parametri, [pieno])
        origine = "piano"
        nota = (
            f"Riga {riga.id} del piano ({riga.anno})"
            + ("" if riga.fte == fte else ", rapportata all'FTE richiesto")
            + "."
        )
    else:
        c = costo_posto(area, profilo, fte, giorno, caso.parametri, caso.f.costi_profilo)
        nota = c.nota
    annuo, con_irap = euro(c.annuo), euro(c.annuo_con_irap)
    return CostoUnitario(
        area=area,
        profilo=profilo,
        fte=fte,
        anno=anno,
        mese_inizio=mese,
        tipo_contratto=tipo,
        annuo=annuo,
        annuo_con_irap=con_irap,
        competenza=costo_competenza(annuo, mese),
        competenza_con_irap=costo_competenza(con_irap, mese),
        origine=origine or c.origine,
        nota=nota,
        passi=c.passi("massimo.costo", f"Costo annuo: {profilo}"),
    )


def _assunzioni(caso: _Caso, costo: CostoUnitario, n: int, prefisso: str) -> list[Assunzione]:
    modello = Assunzione(
        id=f"{prefisso}1",
        anno=costo.anno,
        area=costo.area,  # type: ignore[arg-type]
        profilo=costo.profilo,
        fte=costo.fte,
        tipo_contratto=costo.tipo_contratto,  # type: ignore[arg-type]
        mese_inizio=costo.mese_inizio,
        costo_annuo=costo.annuo,
        costo_annuo_con_irap=costo.annuo_con_irap,
        note="assunzione ipotetica (fabbisogni massimo)",
    )
    return [modello.model_copy(update={"id": f"{prefisso}{i}"}) for i in range(1, n + 1)]


# --- massimo -----------------------------------------------------------------------------------


def massimo(
    f: Fascicolo,
    profilo: str,
    anno: int,
    *,
    area: str | None = None,
    fte: Decimal | float | str | int = 1,
    mese_inizio: int = 1,
    tipo_contratto: str = "tempo_indeterminato",
) -> EsitoMassimo:
    """How many more identical hires of ``profilo`` in ``anno`` fit every verifiable limit in
    every year of the triennio, which limit the next one breaks (year, rule, euro) and the room
    left after them. Raises :class:`OpzioneNonValida` for a request the case cannot answer."""
    caso = _Caso(f)
    return _massimo(caso, caso.verifica(), profilo, anno, area, fte, mese_inizio, tipo_contratto)


def _massimo(
    caso: _Caso,
    r0: Risultato,
    profilo: str,
    anno: int,
    area: str | None,
    fte: Decimal | float | str | int,
    mese_inizio: int,
    tipo_contratto: str,
) -> EsitoMassimo:
    nome, area_scelta, quota, tipo = _richiesta(
        caso.f, profilo, anno, area, fte, mese_inizio, tipo_contratto
    )
    costo = _costo(caso, area_scelta, nome, quota, anno, mese_inizio, tipo)
    prefisso = caso.id_libero("M")
    inizio = caso.verifiche
    risultati: dict[int, Risultato] = {0: r0}

    def con(n: int) -> Risultato:
        if n not in risultati:
            risultati[n] = caso.verifica(assunzioni=_assunzioni(caso, costo, n, prefisso))
        return risultati[n]

    bloccanti, non_doc = _presupposti(r0)
    gia = _violazioni(r0)
    if gia:
        n: int | None = 0
        ferma = None
        oltre: list[Violazione] = []
    else:
        n, _ = _ultimo_vero(lambda k: _rispetta(con(k)), _stima(r0, costo), 0, MASSIMO_ASSUNZIONI)
        if n is None:
            ferma, oltre = None, []
        else:
            oltre = _violazioni(con(n + 1))
            ferma = _vincolante(con(n), con(n + 1), oltre)
    finale = con(n) if n is not None else con(MASSIMO_ASSUNZIONI)
    return EsitoMassimo(
        ente=r0.ente.nome,
        anni=r0.ente.anni,
        anno=anno,
        costo=costo,
        assunzioni=n,
        gia_superati=gia,
        ferma=ferma,
        superati_oltre=oltre,
        margini=_stati(finale),
        non_verificabili=_non_verificabili(*risultati.values()),
        presupposti_bloccanti=bloccanti,
        presupposti_non_documentati=non_doc,
        verifiche=caso.verifiche - inizio + 1,  # with the run of the case as it is
    )


def _stima(r: Risultato, costo: CostoUnitario) -> int:
    """A first guess for the search: the tightest margin from the hire's year on, over the
    annual cost (a regime for the D.M., with IRAP for the 557). Only a starting point."""
    stime = []
    for s in _stati(r):
        if s.anno < costo.anno or s.margine is None or s.esito is None:
            continue
        if s.limite == "dm":
            stime.append(s.margine / costo.annuo)
        elif s.limite == "557":
            stime.append(s.margine / costo.annuo_con_irap)
    return max(int(min(stime)), 0) if stime else 1


def _vincolante(prima: Risultato, dopo: Risultato, superati: list[Violazione]) -> Violazione | None:
    """Of the limits the next hire breaks, the one it breaks first as its cost grows from zero:
    the margin left over the spesa the hire adds to that limit. A limit broken only because its
    ceiling fell (the flexible limit halves when the 557 is broken) comes last."""
    if not superati:
        return None
    stati = {(s.limite, s.anno): s for s in _stati(prima)}
    dopo_stati = {(s.limite, s.anno): s for s in _stati(dopo)}
    ordine = {lim: i for i, lim in enumerate(LIMITI)}
    infinito = Decimal(10**12)

    def chiave(v: Violazione) -> tuple[Decimal, Decimal, int, int]:
        s, d = stati[(v.limite, v.anno)], dopo_stati[(v.limite, v.anno)]
        aggiunta = (d.spesa or Decimal(0)) - (s.spesa or Decimal(0))
        margine = s.margine or Decimal(0)
        quota = margine / aggiunta if aggiunta > 0 and aggiunta > margine else infinito
        return quota, -v.eccedenza, v.anno, ordine[v.limite]

    return min(superati, key=chiave)


# --- several profiles ---------------------------------------------------------------------------


def massimo_profili(
    f: Fascicolo,
    profili: Sequence[str],
    anno: int,
    *,
    aree: Sequence[str | None] | None = None,
    fte: Decimal | float | str | int = 1,
    mese_inizio: int = 1,
    tipo_contratto: str = "tempo_indeterminato",
) -> EsitoProfili:
    """The room for new hires from ``anno``, in euro of annual cost per limit, and the largest
    count of each profile alone. ``aree``: one area for all profiles not found in the case, or
    one per profile (None where the case has the profile)."""
    if not profili:
        raise OpzioneNonValida("indicare almeno un profilo")
    aree_list = list(aree or [])
    if len(aree_list) not in (0, 1, len(profili)):
        raise OpzioneNonValida(
            f"{len(aree_list)} aree per {len(profili)} profili: indicare un'area sola (per i "
            "profili che il fascicolo non ha) o una per profilo, nello stesso ordine"
        )
    caso = _Caso(f)
    r0 = caso.verifica()
    esiti = []
    for i, p in enumerate(profili):
        if len(aree_list) == len(profili):
            area = aree_list[i]
        elif aree_list and len(aree_del_profilo(caso.f, p)[1]) != 1:
            area = aree_list[0]  # the one area given, for the profiles the case does not settle
        else:
            area = None
        esiti.append(_massimo(caso, r0, p, anno, area, fte, mese_inizio, tipo_contratto))
    spazio = _spazio(caso, r0, esiti[0].costo)
    bloccanti, non_doc = _presupposti(r0)
    return EsitoProfili(
        ente=r0.ente.nome,
        anni=r0.ente.anni,
        anno=anno,
        mese_inizio=mese_inizio,
        fte=esiti[0].costo.fte,
        tipo_contratto=esiti[0].costo.tipo_contratto,
        margini=_stati(r0),
        spazio=spazio,
        profili=esiti,
        gia_superati=_violazioni(r0),
        non_verificabili=_non_verificabili(r0),
        presupposti_bloccanti=bloccanti,
        presupposti_non_documentati=non_doc,
    )


def _spazio(caso: _Caso, r0: Risultato, costo: CostoUnitario) -> list[SpazioLimite]:
    """Per limit, the annual cost of new hires from the year asked that still fits.

    A probe hire of annual cost 1.000,00 (with and without IRAP) measures, with the engine, how
    much of an annual cost each limit sees in each year: all of it a regime for the D.M., the
    months in service for the 557 and the flexible limit, nothing where a year is given by the
    case. The room is the smallest margin over that share, from the year asked on."""
    sonda = Assunzione(
        id=caso.id_libero("SONDA"),
        anno=costo.anno,
        area=costo.area,  # type: ignore[arg-type]
        profilo="sonda",
        fte=UNO,
        tipo_contratto=costo.tipo_contratto,  # type: ignore[arg-type]
        mese_inizio=costo.mese_inizio,
        costo_annuo=SONDA,
        costo_annuo_con_irap=SONDA,
    )
    r1 = caso.verifica(assunzioni=[sonda])
    dopo = {(s.limite, s.anno): s for s in _stati(r1)}
    spazi = []
    for lim in LIMITI:
        stati = [s for s in _stati(r0) if s.limite == lim]
        migliore: tuple[Decimal, int] | None = None
        esito: bool | None = True
        for s in stati:
            d = dopo[(lim, s.anno)]
            if s.esito is None or d.esito is None:
                if s.anno >= costo.anno:
                    esito = None
                continue
            if s.esito is False and esito is not None:
                esito = False
            quota = (s.margine - d.margine) / SONDA  # type: ignore[operator]
            if quota <= 0:
                continue
            room = max(s.margine, Decimal(0)) / quota  # type: ignore[type-var]
            room = room.quantize(CENT, rounding=ROUND_FLOOR)
            if migliore is None or room < migliore[0]:
                migliore = (room, s.anno)
        if lim == "flessibile" and costo.tipo_contratto not in TIPI_FLESSIBILI and migliore is None:
            continue
        spazi.append(
            SpazioLimite(
                limite=lim,
                regola=stati[0].regola if migliore is None else _regola(stati, migliore[1]),
                base="con_irap" if lim == "557" else "senza_irap",
                importo=migliore[0] if migliore else None,
                anno_vincolante=migliore[1] if migliore else None,
                esito=esito,
            )
        )
    return spazi


def _regola(stati: list[StatoLimite], anno: int) -> str:
    return next(s.regola for s in stati if s.anno == anno)


# --- margini -----------------------------------------------------------------------------------


def margini(f: Fascicolo) -> list[MargineAnno]:
    """Per year of the triennio: each limit's margin (how much spesa can rise in that year, and
    permanently from it), how far the entrate correnti can fall before the D.M. limit breaks, and
    for a broken limit the number of average cessations that bring it back."""
    caso = _Caso(f)
    r0 = caso.verifica()
    media = cessazione_media(caso)
    stati = _stati(r0)
    esiti = []
    for a in r0.anni:
        limiti = []
        for lim in LIMITI:
            s = next(x for x in stati if x.limite == lim and x.anno == a.anno)
            seguenti = [x for x in stati if x.limite == lim and x.anno >= a.anno]
            # A permanent rise weighs on every later year: if one of them cannot be verified,
            # the room it leaves cannot be stated.
            dopo = (
                [x.margine for x in seguenti if x.margine is not None]
                if all(x.esito is not None and x.margine is not None for x in seguenti)
                else []
            )
            rotto = s.esito is False
            limiti.append(
                MargineLimite(
                    **s.model_dump(),
                    etichetta=etichetta_limite(s.limite, s.regola),
                    margine_permanente=min(dopo) if s.margine is not None and dopo else None,
                    riduzione_necessaria=-s.margine if rotto and s.margine is not None else None,
                    cessazioni=_cessazioni_necessarie(caso, r0, s, media) if rotto else None,
                )
            )
        esiti.append(
            MargineAnno(
                anno=a.anno,
                vincolo=a.vincolo,
                vincolo_nota=a.vincolo_nota,
                limiti=limiti,
                entrate=_entrate(caso, r0, a),
                cessazione_media=media,
            )
        )
    return esiti


def etichetta_limite(limite: str, regola: str) -> str:
    """A limit in words, with the rule that sets it (short: for tables and messages)."""
    if limite == "dm":
        from fabbisogni.uscite.etichette import REGOLA_DM_BREVE

        breve = REGOLA_DM_BREVE.get(regola, regola.replace("_", " "))
        return f"D.M. 17/03/2020 ({breve})" if breve else "D.M. 17/03/2020"
    if limite == "557":
        return f"comma {regola} L. 296/2006"
    return "lavoro flessibile (art. 9 c. 28)"


def cessazione_media(caso: _Caso | Fascicolo) -> CessazioneMedia | None:
    """The average cessation used to count the cessations a broken limit needs: the case's
    cessations (the roster's included), else the roster in service, else the plan's hires."""
    if isinstance(caso, Fascicolo):
        caso = _Caso(caso)
    f = caso.f
    if f.cessazioni:
        costi = [(c.costo_annuo, c.costo_annuo_con_irap) for c in f.cessazioni]
        return _media(costi, "cessazioni", "media delle cessazioni del fascicolo")
    if caso.originale.personale:
        from fabbisogni.errors import ErroreFabbisogni
        from fabbisogni.personale.proiezione import costo_persona

        giorno = date(f.primo_anno, 1, 1)
        costi = []
        for d in caso.originale.personale:
            if d.data_cessazione is not None and d.data_cessazione < giorno:
                continue
            try:
                c = costo_persona(d, giorno, f, caso.parametri)
            except ErroreFabbisogni:
                continue
            costi.append((euro(c.annuo), euro(c.annuo_con_irap)))
        if costi:
            return _media(costi, "personale", "media del personale in servizio")
    if f.piano_assunzioni:
        costi = [(a.costo_annuo, a.costo_annuo_con_irap) for a in f.piano_assunzioni]
        return _media(costi, "piano", "media delle assunzioni del piano")
    return None


def _media(
    costi: list[tuple[Decimal | None, Decimal | None]],
    origine: Literal["cessazioni", "personale", "piano"],
    descrizione: str,
) -> CessazioneMedia:
    senza = [a for a, _ in costi if a is not None]
    con = [b if b is not None else a for a, b in costi if a is not None]
    n = len(senza)
    return CessazioneMedia(
        annuo=euro(sum(senza, Decimal(0)) / n),
        annuo_con_irap=euro(sum(con, Decimal(0)) / n),  # type: ignore[arg-type]
        origine=origine,
        numero=n,
        descrizione=f"{descrizione} ({n})",
    )


def _persone(f: Fascicolo) -> int | None:
    if f.personale:
        return len(f.personale)
    if f.consistenza:
        return sum(v.teste for v in f.consistenza)
    return f.ente.dipendenti


def _cessazioni_necessarie(
    caso: _Caso, r0: Risultato, s: StatoLimite, media: CessazioneMedia | None
) -> CessazioniNecessarie:
    riduzione = fmt_euro(-s.margine) if s.margine is not None else "—"
    if media is None:
        return CessazioniNecessarie(
            numero=None,
            nota=(
                "nessuna cessazione, persona in servizio o assunzione nel fascicolo da cui "
                f"ricavare un costo medio: ridurre la spesa di {riduzione}"
            ),
        )
    prefisso = caso.id_libero("X")
    modello = Cessazione(
        id=f"{prefisso}1",
        anno=s.anno,
        mese=1,
        area="Istruttori",
        profilo="cessazione media",
        causa="altro",
        costo_annuo=media.annuo,
        costo_annuo_con_irap=media.annuo_con_irap,
        note="cessazione ipotetica (fabbisogni margini)",
    )

    def rispetta(k: int) -> bool:
        righe = [modello.model_copy(update={"id": f"{prefisso}{i}"}) for i in range(1, k + 1)]
        r = caso.verifica(cessazioni=righe)
        anno = next(a for a in r.anni if a.anno == s.anno)
        return _stato(r, anno, s.limite).esito is True

    base = media.annuo_con_irap if s.limite == "557" else media.annuo
    stima = int((-s.margine / base).to_integral_value(ROUND_CEILING)) if s.margine else 1
    k = _primo_vero(rispetta, max(stima, 1), MASSIMO_CESSAZIONI)
    if k is None:
        if s.limite == "flessibile":
            nota = (
                "le cessazioni non riducono la spesa per lavoro flessibile: ridurre i contratti "
                f"flessibili di {riduzione}"
            )
            anno_r = next(a for a in r0.anni if a.anno == s.anno)
            if anno_r.esito_557 is False:
                # art. 9 c. 28: the limit is 100% of the base only for an ente within the 557
                nota += (
                    f"; il limite è ridotto perché il tetto del comma {r0.comma_557.comma} del "
                    f"{s.anno} è superato: rientrando nel tetto il limite torna pieno e la "
                    "riduzione necessaria scende"
                )
        elif s.limite == "557":
            nota = (
                f"la spesa {s.anno} soggetta al limite è la previsione scritta nel fascicolo: le "
                f"cessazioni non la cambiano; ridurla di {riduzione}"
            )
        else:
            nota = (
                f"nemmeno {MASSIMO_CESSAZIONI} cessazioni medie riportano il limite: ridurre la "
                f"spesa di {riduzione}"
            )
        return CessazioniNecessarie(numero=None, nota=nota)
    nota = f"dal 1° gennaio {s.anno}, di {fmt_euro(media.annuo)} annui l'una"
    if s.limite == "557":
        nota += f", {fmt_euro(media.annuo_con_irap)} con IRAP"
    if s.limite == "dm" and s.regola == "turnover_30":
        nota += "; sopra la Tabella 3 ogni cessazione libera solo la quota di turn over"
    persone = _persone(caso.originale)
    if persone is not None and k > persone:
        nota += f"; più delle persone in servizio ({persone}): il limite non si recupera così"
    return CessazioniNecessarie(numero=k, nota=nota)


def _entrate(caso: _Caso, r0: Risultato, a: AnnoRisultato) -> MargineEntrate:
    """How far the entrate nette of year ``a`` can fall (in cents, found with the engine) before
    a D.M. limit that holds breaks; when the year's limit is broken, the rise that restores it."""
    from fabbisogni.limiti.sostenibilita import calcola_dm

    anno = a.anno
    prevista = next((e for e in caso.f.entrate_previste if e.anno == anno), None)
    if prevista is not None:
        esatte = prevista.entrate_correnti - prevista.fcde - prevista.entrate_neutralizzate
    else:
        esatte = calcola_dm(caso.f, r0.ente.fascia, caso.parametri).entrate_correnti_nette
    base = MargineEntrate(
        anno=anno,
        entrate=a.entrate_correnti,
        previste=a.entrate_previste,
        verificabile=a.esito_dm is not None,
        caduta_massima=None,
        caduta_percentuale=None,
        aumento_necessario=None,
        anno_superato=None,
        regola=None,
    )
    if a.esito_dm is None:
        return base.model_copy(
            update={"nota": "limite del D.M. non verificabile in quest'anno", "regola": a.regola_dm}
        )
    gia_rotti = {x.anno for x in r0.anni if x.esito_dm is False}
    cache: dict[int, Risultato] = {}

    def con(delta_cent: int) -> Risultato:
        # entrate nette of the year moved by delta (negative: a fall), gross moved alike
        if delta_cent not in cache:
            delta = Decimal(delta_cent) * CENT
            if prevista is not None:
                e = prevista.model_copy(
                    update={"entrate_correnti": prevista.entrate_correnti + delta}
                )
            else:
                e = EntratePreviste.model_construct(
                    anno=anno,
                    entrate_correnti=esatte + delta,
                    fcde=Decimal(0),
                    entrate_neutralizzate=Decimal(0),
                )
            cache[delta_cent] = caso.verifica(entrate=e)
        return cache[delta_cent]

    def margine(r: Risultato) -> Decimal:
        x = next(y for y in r.anni if y.anno == anno)
        return x.margine_dm if x.margine_dm is not None else Decimal(0)

    cent_entrate = int((esatte / CENT).to_integral_value(ROUND_FLOOR))
    sonda = min(100_000, max(cent_entrate - 1, 1))
    if a.esito_dm is True:

        def regge(x: int) -> bool:
            return not any(y.esito_dm is False and y.anno not in gia_rotti for y in con(-x).anni)

        pendenza = (margine(r0) - margine(con(-sonda))) / (Decimal(sonda) * CENT)
        stima = (
            int((margine(r0) / pendenza / CENT).to_integral_value(ROUND_FLOOR))
            if pendenza > 0
            else cent_entrate - 1
        )
        x, _ = _ultimo_vero(regge, stima, 0, max(cent_entrate - 1, 0))
        if x is None:
            # the rule in force at the deepest fall: above Tabella 3 the limit is the higher of
            # Tabella 3 × entrate and the turn over, which does not depend on them
            in_fondo = next(y for y in con(-max(cent_entrate - 1, 0)).anni if y.anno == anno)
            if in_fondo.regola_dm != a.regola_dm:
                nota = (
                    f"il limite del {anno} regge con qualunque calo delle entrate: oggi vale "
                    f"{etichetta_limite('dm', a.regola_dm)}, con entrate più basse vale "
                    f"{etichetta_limite('dm', in_fondo.regola_dm)}, che non dipende dalle "
                    "entrate"
                )
            else:
                nota = (
                    f"il limite del {anno}, {etichetta_limite('dm', a.regola_dm)}, non "
                    "dipende dalle entrate: regge con qualunque loro calo"
                )
            return base.model_copy(update={"regola": a.regola_dm, "nota": nota})
        rotto = next(
            y for y in con(-(x + 1)).anni if y.esito_dm is False and y.anno not in gia_rotti
        )
        caduta = Decimal(x) * CENT
        return base.model_copy(
            update={
                "caduta_massima": caduta,
                "caduta_percentuale": rapporto(caduta / esatte),
                "anno_superato": rotto.anno,
                "regola": rotto.regola_dm,
            }
        )

    # already broken in this year: the rise that brings the year's limit back
    def rientra(x: int) -> bool:
        y = next(z for z in con(x).anni if z.anno == anno)
        return y.esito_dm is True

    pendenza = (margine(con(sonda)) - margine(r0)) / (Decimal(sonda) * CENT)
    tetto = max(cent_entrate, 1) * 10
    stima = (
        int((-margine(r0) / pendenza / CENT).to_integral_value(ROUND_CEILING))
        if pendenza > 0
        else tetto
    )
    x = _primo_vero(rientra, max(stima, 1), tetto)
    if x is None:
        return base.model_copy(
            update={
                "regola": a.regola_dm,
                "nota": (
                    f"il limite del {anno}, {etichetta_limite('dm', a.regola_dm)}, è superato e "
                    "non dipende dalle entrate: nemmeno decuplicarle lo riporta"
                ),
            }
        )
    y = next(z for z in con(x).anni if z.anno == anno)
    return base.model_copy(
        update={
            "aumento_necessario": Decimal(x) * CENT,
            "anno_superato": anno,
            "regola": y.regola_dm,
        }
    )
