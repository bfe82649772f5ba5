"""The engine: a validated case in, one :class:`Risultato` out. No I/O."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from fabbisogni import __version__
from fabbisogni.caso.fascicolo import Fascicolo
from fabbisogni.limiti.comma557 import con_variazione, verifica_557
from fabbisogni.limiti.fascia import determina_fascia
from fabbisogni.limiti.flessibile import verifica_flessibile
from fabbisogni.limiti.piano import verifica_piano_dm
from fabbisogni.limiti.presupposti import verifica_presupposti
from fabbisogni.limiti.rilievi import Rilievo, trova_rilievi
from fabbisogni.limiti.sostenibilita import calcola_dm
from fabbisogni.limiti.vincolo import vincolo_anno
from fabbisogni.numeri import euro, margine
from fabbisogni.parametri import Parametri, ParametroUsato
from fabbisogni.risultato import (
    AnnoRisultato,
    CessazionePersonale,
    CostoMovimento,
    DMRisultato,
    EnteRisultato,
    Esito,
    Prospetto557,
    Risultato,
)
from fabbisogni.traccia import Passo, senza_traccia

if TYPE_CHECKING:
    from fabbisogni.personale.preparazione import Preparazione


def verifica(
    f: Fascicolo,
    parametri: Parametri | None = None,
    preparazione: Preparazione | None = None,
    *,
    rilievi: bool = True,
    riferimento: Fascicolo | None = None,
    traccia: bool = True,
) -> Risultato:
    """Check the plan. A case with a roster or with uncosted positions is prepared first
    (:mod:`fabbisogni.personale.preparazione`); pass ``preparazione`` to reuse one already made.

    ``rilievi=False`` leaves the findings out (``Risultato.rilievi`` empty): the limits, the
    margins and the verdict are the same, since none of them depends on a finding. Scenario
    comparisons and the solver, which show no findings, evaluate faster that way.

    ``traccia=False`` builds no steps (empty placeholders in every ``passi``, and ``parametri``
    lacks those read by the steps): for evaluations that show only limits, margins and
    verdicts, which are the same.

    ``riferimento`` is the case whose plan the ente's declared comma 557 forecasts were written
    for, when ``f`` is a variant of it (the solver's); a scenario's base is found by itself.
    The declared forecasts move by what the variant changes (rules/comma557.con_variazione).
    """
    if not traccia:
        with senza_traccia():
            return _verifica(f, parametri, preparazione, rilievi, riferimento)
    return _verifica(f, parametri, preparazione, rilievi, riferimento)


def _verifica(
    f: Fascicolo,
    parametri: Parametri | None,
    preparazione: Preparazione | None,
    rilievi: bool,
    riferimento: Fascicolo | None,
) -> Risultato:
    parametri = parametri or Parametri.predefiniti(f.parametri)
    scenario = nome_scenario(f)
    scenario_descrizione = descrizione_scenario(f)
    riferimento = riferimento if riferimento is not None else base_scenario(f)
    if preparazione is None:
        preparazione = prepara_se_serve(f, parametri)
    if preparazione is not None:
        f = preparazione.fascicolo
    verificato = f if preparazione is not None else None
    if riferimento is not None and f.comma_557 is not None and f.comma_557.previsioni:
        variato = con_variazione(f, preparato(riferimento), parametri)
        if variato is not f:
            f = verificato = variato
    fascia = determina_fascia(
        f.ente.popolazione, f.ente.anno_popolazione, date(f.primo_anno, 12, 31), parametri
    )
    dm = calcola_dm(f, fascia.fascia, parametri)
    # Without the asseverazione the DM spaces cannot be used: only turnover (SS.RR. 7/2022). When
    # the case says nothing, the revisore has not spoken yet (it comes with the parere): the plan
    # is checked against the DM spaces and the verdict cannot be better than non_verificabile,
    # because the precondition is non documentato.
    asseverazione = f.presupposti.get("asseverazione_equilibri")
    anni_dm = verifica_piano_dm(
        f, fascia.fascia, dm, asseverazione is None or asseverazione.rispettato, parametri
    )
    c557 = verifica_557(f, parametri)
    esiti_557 = {a: (c557.anni[a].esito if a in c557.anni else None) for a in f.anni_piano}
    flex = verifica_flessibile(f, esiti_557, parametri)
    presupposti = verifica_presupposti(f, list(esiti_557.values()), parametri, c557.comma)

    tutti_passi: list[Passo] = [*fascia.passi, *dm.passi, *c557.passi]
    for a in anni_dm:
        tutti_passi.extend(a.passi)
    for x in flex:
        tutti_passi.extend(x.passi)
    costi, dal_personale = _movimenti(preparazione)
    usati = _unici(
        [p for s in tutti_passi for p in s.parametri]
        # the CCNL figures of every computed cost and the pension rules of every projected
        # cessation: the revisore must see which of them are still to confirm
        + [u for c in costi for s in c.passi for u in s.parametri]
        + _parametri_pensioni(preparazione)
    )
    trovati = (
        trova_rilievi(f, fascia.fascia, dm, anni_dm, c557, flex, presupposti, usati, parametri)
        if rilievi
        else []
    )
    if preparazione is not None and rilievi:
        trovati = _rilievi_preparazione(preparazione, costi) + trovati

    anni: list[AnnoRisultato] = []
    for a, x in zip(anni_dm, flex, strict=True):
        col = c557.anni.get(a.anno)
        margine_dm = _m(a.margine, a.esito)
        margine_557 = _m(col.margine, col.esito) if col else None
        # the binding limit for a tempo indeterminato hire (the flexible margin concerns flexible
        # contracts only); its k factor is an aid, not a check: its parameters stay in its step
        vincolo, nota_vincolo, fattore, passo_vincolo = vincolo_anno(
            a.anno,
            margine_dm,
            a.esito,
            margine_557,
            col.esito if col else None,
            c557.comma,
            parametri,
        )
        anni.append(
            AnnoRisultato(
                anno=a.anno,
                spesa_personale=euro(a.spesa_personale),
                spesa_competenza=euro(a.spesa_competenza),
                assunzioni=euro(a.assunzioni_regime),
                cessazioni=euro(a.cessazioni_regime),
                entrate_correnti=euro(a.entrate_correnti),
                entrate_previste=a.entrate_previste,
                rapporto=a.rapporto,
                limite_dm=_e(a.limite),
                margine_dm=margine_dm,
                regola_dm=a.regola,
                esito_dm=a.esito,
                spesa_557=_e(col.assoggettata) if col else None,
                limite_557=_e(col.limite) if col else None,
                margine_557=margine_557,
                esito_557=col.esito if col else None,
                spesa_flessibile=euro(x.spesa),
                limite_flessibile=_e(x.limite),
                margine_flessibile=_m(x.margine, x.esito),
                esito_flessibile=x.esito,
                vincolo=vincolo,
                vincolo_nota=nota_vincolo,
                vincolo_fattore_irap=fattore,
                passi=[
                    *a.passi,
                    *[s for s in c557.passi if s.codice == f"557.{a.anno}"],
                    *x.passi,
                    passo_vincolo,
                ],
            )
        )

    esito, motivo = _esito(anni, presupposti, f"comma {c557.comma}")
    return Risultato(
        versione=__version__,
        ente=EnteRisultato(
            nome=f.ente.nome,
            codice_istat=f.ente.codice_istat,
            popolazione=f.ente.popolazione,
            anno_popolazione=f.ente.anno_popolazione,
            fascia=fascia.fascia,
            primo_anno=f.primo_anno,
            anni=f.anni_piano,
            passi=fascia.passi,
        ),
        dm=DMRisultato(
            anno_rendiconto=dm.anno_riferimento,
            anni_entrate=[e.anno for e in dm.entrate],
            spesa_personale=euro(dm.spesa_personale),
            media_entrate=euro(dm.media_entrate),
            fcde=dm.fcde,
            entrate_correnti_nette=euro(dm.entrate_correnti_nette),
            rapporto=dm.rapporto,
            valore_soglia=dm.valore_soglia,
            soglia_rientro=dm.soglia_rientro,
            collocazione=dm.collocazione,
            spesa_soglia=euro(dm.spesa_soglia),
            spesa_massima=_e(dm.spesa_massima),
            spazio_assunzionale=_e(dm.spazio_assunzionale),
            regola_spazio=dm.regola_spazio,
            passi=dm.passi,
        ),
        anni=anni,
        comma_557=Prospetto557(
            presente=c557.presente,
            comma=c557.comma,
            limite=_e(c557.limite),
            colonne=[
                c.model_copy(
                    update={
                        **{
                            k: _e(getattr(c, k))
                            for k in (
                                "totale",
                                "escluse",
                                "maggior_spesa_dm",
                                "assoggettata",
                                "limite",
                            )
                        },
                        "margine": _m(c.margine, c.esito),
                    }
                )
                for c in c557.colonne
            ],
            passi=c557.passi,
        ),
        flessibile_passi=[s for x in flex for s in x.passi],
        presupposti=presupposti,
        rilievi=trovati,
        parametri=usati,
        esito=esito,
        motivazione_esito=motivo,
        costi=costi,
        cessazioni_personale=dal_personale,
        fascicolo_verificato=verificato,
        scenario=scenario,
        scenario_descrizione=scenario_descrizione,
        ipotesi_pensionamento=(
            preparazione.proiezione.ipotesi
            if preparazione is not None and preparazione.proiezione is not None
            else None
        ),
    )


def nome_scenario(f: Fascicolo) -> str | None:
    """The scenario's name if ``f`` was read from a scenario file."""
    return f.scenario.nome if f.scenario is not None else None


def descrizione_scenario(f: Fascicolo) -> str | None:
    """The scenario's descrizione, if ``f`` was read from a scenario file that gives one."""
    return f.scenario.descrizione if f.scenario is not None else None


def base_scenario(f: Fascicolo) -> Fascicolo | None:
    """The case a scenario was first built on (its base's base, for a chain), or None."""
    return f.base_radice


def preparato(f: Fascicolo) -> Fascicolo:
    """``f`` with every position costed (prepared once, then kept on the case itself)."""
    if f._preparato is None:
        prep = prepara_se_serve(f, Parametri.predefiniti(f.parametri))
        f._preparato = prep.fascicolo if prep is not None else f
    return f._preparato


def prepara_se_serve(f: Fascicolo, parametri: Parametri) -> Preparazione | None:
    """Prepare the case when it has a roster or a position without cost (lazy imports)."""
    serve = bool(f.personale) or any(
        x.costo_annuo is None or x.costo_annuo_con_irap is None
        for x in [*f.piano_assunzioni, *f.cessazioni]
    )
    if not serve:
        return None
    from fabbisogni.personale.preparazione import prepara

    return prepara(f, parametri)


def _movimenti(
    prep: Preparazione | None,
) -> tuple[list[CostoMovimento], list[CessazionePersonale]]:
    if prep is None:
        return [], []
    from fabbisogni.personale.costo import costo_competenza

    inizio = {
        ("assunzione", a.id): (a.anno, a.mese_inizio) for a in prep.fascicolo.piano_assunzioni
    }
    inizio |= {("cessazione", c.id): (c.anno, c.mese) for c in prep.fascicolo.cessazioni}
    costi = [
        CostoMovimento(
            tipo=tipo,  # type: ignore[arg-type]
            id=ident,
            origine=c.origine,
            annuo=euro(c.annuo),
            annuo_con_irap=euro(c.annuo_con_irap),
            anno=inizio[(tipo, ident)][0],
            competenza=costo_competenza(c.annuo, inizio[(tipo, ident)][1]),
            nota=c.nota,
            passi=c.passi(f"costo.{tipo}.{ident}", f"Costo annuo: {tipo} {ident}"),
        )
        for (tipo, ident), c in prep.costi.items()
    ]
    dal_personale: list[CessazionePersonale] = []
    if prep.proiezione is not None:
        derivate = set(prep.derivate)
        for c in prep.proiezione.cessazioni:
            if c.dipendente.id not in derivate:
                continue
            dal_personale.append(
                CessazionePersonale(
                    id=c.dipendente.id,
                    anno=c.anno,
                    mese=c.mese,
                    causa=c.causa,
                    origine=c.origine,
                    regola=c.regola,
                    risparmio_regime=euro(c.risparmio_regime),
                    risparmio_competenza=euro(c.risparmio_competenza),
                )
            )
    return costi, dal_personale


def _parametri_pensioni(prep: Preparazione | None) -> list[ParametroUsato]:
    if prep is None or prep.proiezione is None:
        return []
    aggiunte = set(prep.derivate)
    return [
        u
        for e in prep.proiezione.pensioni
        if e.id in aggiunte and e.cessazione is not None
        for u in e.cessazione.parametri
    ]


def _rilievi_preparazione(prep: Preparazione, costi: list[CostoMovimento]) -> list[Rilievo]:
    rilievi: list[Rilievo] = []
    for a in prep.senza_cessazione:
        rilievi.append(
            Rilievo(
                codice="SOSTITUZIONE-SENZA-CESSAZIONE",
                gravita="attenzione",
                messaggio=(
                    f"L'assunzione {a.id} ({a.profilo}, {a.anno}) sostituisce «{a.sostituisce}», "
                    "che nel personale in servizio non ha una cessazione nota né un diritto a "
                    "pensione entro il triennio: il posto non si libera. Indicare la data e la "
                    "causa della cessazione nel personale in servizio, o trattare l'assunzione "
                    "come nuovo posto. I limiti di spesa sono verificati comunque, con il costo "
                    "dell'assunzione e senza alcun risparmio per questa persona."
                ),
                riferimento="art. 6 D.Lgs. 165/2001 (piano dei fabbisogni)",
            )
        )
    if prep.proiezione is not None:
        for avviso in prep.proiezione.avvisi:
            rilievi.append(
                Rilievo(
                    codice="PERSONALE-LIMITE-ETA",
                    gravita="attenzione",
                    messaggio=avviso + ".",
                    riferimento="L. 207/2024, art. 1, cc. 162-165 (limite ordinamentale)",
                )
            )
    da_tabella = [c for c in costi if c.origine == "ccnl"]
    if da_tabella:
        dubbi = _da_confermare([u for c in da_tabella for s in c.passi for u in s.parametri])
        extra = f" Parametri ancora da confermare: {', '.join(dubbi)}." if dubbi else ""
        rilievi.append(
            Rilievo(
                codice="COSTI-DA-TABELLA",
                gravita="informativa",
                messaggio=(
                    f"{len(da_tabella)} posizioni senza costo nel fascicolo sono costate dalle "
                    "tabelle del CCNL Funzioni Locali (tabellare, tredicesima, indennità di "
                    "comparto, oneri, IRAP): "
                    + ", ".join(f"{c.tipo} {c.id}" for c in da_tabella)
                    + ". Il costo da cedolino dell'ente, se diverso, va indicato nel fascicolo."
                    + extra
                ),
                riferimento="CCNL Funzioni Locali 16/11/2022 e 23/02/2026",
            )
        )
    return rilievi


def _e(valore: Decimal | None) -> Decimal | None:
    return None if valore is None else euro(valore)


def _m(valore: Decimal | None, rispettato: bool | None) -> Decimal | None:
    return None if valore is None else margine(valore, rispettato)


def _unici(usati: list[ParametroUsato]) -> list[ParametroUsato]:
    visti = set()
    out = []
    for p in usati:
        k = (p.nome, p.chiave, p.data_riferimento)
        if k not in visti:
            visti.add(k)
            out.append(p)
    return out


def _esito(anni: list[AnnoRisultato], presupposti: list, nome_557: str) -> tuple[Esito, str]:
    violati = [
        f"{nome} {a.anno}"
        for a in anni
        for nome, e in (
            ("DM", a.esito_dm),
            (nome_557, a.esito_557),
            ("lavoro flessibile", a.esito_flessibile),
        )
        if e is False
    ]
    bloccanti = [
        p.breve for p in presupposti if p.esito == "non_rispettato" and p.effetto == "blocca"
    ]
    if violati or bloccanti:
        parti = []
        if violati:
            parti.append("limiti superati: " + ", ".join(violati))
        if bloccanti:
            parti.append("presupposti non rispettati: " + ", ".join(bloccanti))
        return "non_conforme", "; ".join(parti)
    ignoti = [
        f"{nome} {a.anno}"
        for a in anni
        for nome, e in (
            ("DM", a.esito_dm),
            (nome_557, a.esito_557),
            ("lavoro flessibile", a.esito_flessibile),
        )
        if e is None
    ]
    non_doc = [p.breve for p in presupposti if p.esito == "non_documentato"]
    if ignoti or non_doc:
        parti = []
        if ignoti:
            parti.append("limiti non verificabili: " + ", ".join(ignoti))
        if non_doc:
            parti.append("presupposti non documentati: " + ", ".join(non_doc))
        return "non_verificabile", "; ".join(parti)
    return "conforme", "tutti i limiti rispettati in ogni anno e tutti i presupposti documentati"


BREVE_CCNL = {
    "ccnl_fl.tabellare_annuo": "stipendio tabellare",
    "ccnl_fl.tredicesima": "tredicesima",
    "ccnl_fl.indennita_comparto_annua": "indennità di comparto",
    "ccnl_fl.oneri_ente": "oneri a carico dell'ente",
    "ccnl_fl.irap": "aliquota IRAP",
}


def _da_confermare(usati: list[ParametroUsato]) -> list[str]:
    """Parameters still to confirm, in words: ``stipendio tabellare (Funzionari ed EQ)``."""
    from fabbisogni.personale.costo import CHIAVE_AREA

    aree = {v: k for k, v in CHIAVE_AREA.items()}
    gruppi: dict[str, list[str]] = {}
    for u in usati:
        if not u.da_confermare:
            continue
        chiavi = gruppi.setdefault(BREVE_CCNL.get(u.nome, u.nome), [])
        if u.chiave:
            chiave = aree.get(u.chiave, u.chiave.upper())
            if chiave not in chiavi:
                chiavi.append(chiave)
    return [f"{k} ({', '.join(v)})" if v else k for k, v in gruppi.items()]
