"""The plan, year by year, against the DM 17/03/2020 limits.

For each year of the triennio: the spesa of the last rendiconto, plus the annual cost a regime of
each planned hire, minus the annual cost of each cessation, against that year's entrate correnti
(the forecast when given, else the base average). The cost di competenza is shown beside it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from fabbisogni.caso.fascicolo import Fascicolo
from fabbisogni.limiti.movimenti import (
    DODICI,
    attiva_a_fine_anno,
    costo_dm,
    mesi_in_servizio,
    mesi_senza_servizio,
)
from fabbisogni.limiti.sostenibilita import EsitoDM, limite_virtuoso
from fabbisogni.numeri import euro, rapporto
from fabbisogni.parametri import Parametri
from fabbisogni.traccia import Passo, dato, passo


class AnnoDM(BaseModel):
    anno: int
    assunzioni_regime: Decimal
    cessazioni_regime: Decimal
    spesa_personale: Decimal
    spesa_competenza: Decimal
    entrate_correnti: Decimal
    entrate_previste: bool
    rapporto: Decimal
    limite: Decimal | None
    margine: Decimal | None
    regola: str
    esito: bool | None
    passi: list[Passo]


def entrate_anno(f: Fascicolo, anno: int, dm: EsitoDM) -> tuple[Decimal, bool, Passo]:
    for e in f.entrate_previste:
        if e.anno == anno:
            nette = e.entrate_correnti - e.fcde - e.entrate_neutralizzate
            return (
                nette,
                True,
                passo(
                    f"piano.{anno}.entrate",
                    f"Entrate correnti previste {anno}",
                    "entrate correnti previste (titoli I-III) − FCDE − entrate neutralizzate",
                    nette,
                    input=[
                        dato("entrate correnti previste", e.entrate_correnti),
                        dato("FCDE", e.fcde),
                        dato("entrate neutralizzate", e.entrate_neutralizzate),
                    ],
                    riferimento="D.M. 17/03/2020, art. 2",
                ),
            )
    return (
        dm.entrate_correnti_nette,
        False,
        passo(
            f"piano.{anno}.entrate",
            f"Entrate correnti {anno}",
            "nessuna previsione nel fascicolo: si usa la media dei tre rendiconti al netto del FCDE",
            euro(dm.entrate_correnti_nette),
            riferimento="D.M. 17/03/2020, art. 2",
        ),
    )


def verifica_piano_dm(
    f: Fascicolo,
    fascia: str,
    dm: EsitoDM,
    asseverazione: bool,
    parametri: Parametri,
) -> list[AnnoDM]:
    risultati: list[AnnoDM] = []
    rapporto_precedente = dm.rapporto_esatto
    for anno in f.anni_piano:
        passi: list[Passo] = []
        assunzioni = [a for a in f.piano_assunzioni if attiva_a_fine_anno(a, anno)]
        piu = sum((costo_dm(a) for a in assunzioni), Decimal(0))
        cessate = [c for c in f.cessazioni if c.anno <= anno]
        meno = sum((c.costo_annuo for c in cessate), Decimal(0))
        spesa = dm.spesa_personale + piu - meno
        comp_piu = sum(
            (costo_dm(a) * mesi_in_servizio(a, anno) / DODICI for a in f.piano_assunzioni),
            Decimal(0),
        )
        comp_meno = sum(
            (c.costo_annuo * mesi_senza_servizio(c, anno) / DODICI for c in f.cessazioni),
            Decimal(0),
        )
        competenza = dm.spesa_personale + comp_piu - comp_meno
        passi.append(
            passo(
                f"piano.{anno}.spesa",
                f"Spesa di personale {anno} a regime",
                f"spesa del rendiconto {dm.anno_riferimento} + costo annuo delle assunzioni in servizio "
                f"al 31/12/{anno} − costo annuo delle cessazioni fino al {anno} (senza IRAP, al netto "
                "delle quote neutralizzate)",
                euro(spesa),
                input=[dato("spesa del rendiconto", dm.spesa_personale)]
                + [dato(f"+ {a.id} {a.profilo} ({a.anno})", costo_dm(a)) for a in assunzioni]
                + [dato(f"− {c.id} {c.profilo} ({c.anno})", -c.costo_annuo) for c in cessate],
                riferimento="D.M. 17/03/2020, artt. 4-6; art. 33, comma 2, D.L. 34/2019",
            )
        )
        passi.append(
            passo(
                f"piano.{anno}.competenza",
                f"Spesa di personale {anno} di competenza",
                "come sopra, ma ogni movimento pesa per i mesi dell'anno in cui è in servizio (o non lo è più)",
                euro(competenza),
                riferimento="principio contabile applicato 4/2 (competenza finanziaria)",
            )
        )
        entrate, previste, p_entrate = entrate_anno(f, anno, dm)
        passi.append(p_entrate)
        esatto = spesa / entrate
        passi.append(
            passo(
                f"piano.{anno}.rapporto",
                f"Rapporto {anno}",
                "spesa di personale a regime ÷ entrate correnti nette",
                rapporto(esatto),
                "rapporto",
                input=[dato("spesa", euro(spesa)), dato("entrate", euro(entrate))],
            )
        )
        limite, regola, esito, passi_limite = _limite_anno(
            f,
            fascia,
            anno,
            dm,
            entrate,
            spesa,
            esatto,
            rapporto_precedente,
            meno,
            asseverazione,
            parametri,
        )
        passi.extend(passi_limite)
        margine = limite - spesa if limite is not None else None
        risultati.append(
            AnnoDM(
                anno=anno,
                assunzioni_regime=piu,
                cessazioni_regime=meno,
                spesa_personale=spesa,
                spesa_competenza=competenza,
                entrate_correnti=entrate,
                entrate_previste=previste,
                rapporto=rapporto(esatto),
                limite=limite,
                margine=margine,
                regola=regola,
                esito=esito,
                passi=passi,
            )
        )
        rapporto_precedente = esatto
    return risultati


def _limite_anno(
    f: Fascicolo,
    fascia: str,
    anno: int,
    dm: EsitoDM,
    entrate: Decimal,
    spesa: Decimal,
    esatto: Decimal,
    rapporto_precedente: Decimal,
    cessazioni: Decimal,
    asseverazione: bool,
    parametri: Parametri,
) -> tuple[Decimal | None, str, bool | None, list[Passo]]:
    giorno = date(anno, 12, 31)
    if dm.collocazione == "virtuoso" and not asseverazione:
        limite = dm.spesa_personale
        return (
            limite,
            "solo_turnover",
            spesa <= limite,
            [
                passo(
                    f"piano.{anno}.limite",
                    f"Limite {anno}: solo turn over",
                    "senza l'asseverazione dell'organo di revisione non si usano gli spazi del DM: la "
                    "spesa non può superare quella del rendiconto (assunzioni solo entro le cessazioni)",
                    euro(limite),
                    riferimento="art. 33, comma 2, D.L. 34/2019; Corte dei conti, Sezioni riunite, 7/2022",
                )
            ],
        )
    if dm.collocazione == "virtuoso":
        lim = limite_virtuoso(f, fascia, anno, entrate, dm.spesa_personale, parametri)
        esito = None if lim.limite is None else spesa <= lim.limite
        return lim.limite, lim.regola, esito, lim.passi
    if dm.collocazione == "intermedio":
        limite = dm.spesa_personale * entrate / dm.entrate_correnti_nette
        esito = spesa * dm.entrate_correnti_nette <= dm.spesa_personale * entrate
        return (
            limite,
            "intermedio",
            esito,
            [
                passo(
                    f"piano.{anno}.limite",
                    f"Limite {anno}: rapporto non superiore a quello del rendiconto",
                    "rapporto del rendiconto × entrate correnti nette dell'anno (il rapporto non può crescere)",
                    euro(limite),
                    input=[
                        dato("rapporto del rendiconto", dm.rapporto, "rapporto"),
                        dato("entrate", euro(entrate)),
                    ],
                    riferimento="art. 33, comma 2, D.L. 34/2019; D.M. 17/03/2020, art. 6",
                )
            ],
        )
    # sopra soglia: the plan holds if its ratio is back under Tabella 3, or else if it follows
    # the path back (turn over, or a falling ratio). The limit is the higher of the two: the
    # margin is the room under whichever is more generous.
    rientro, p_rientro = parametri.leggi("dm.tabella_3", giorno, fascia)
    turnover, p_turnover = parametri.leggi("dm.turnover_sopra_soglia", giorno)
    limite_rientro = rientro * entrate
    passo_rientro = passo(
        f"piano.{anno}.limite_tabella_3",
        f"Limite {anno} da Tabella 3",
        "soglia di rientro × entrate correnti nette dell'anno: sotto questa spesa il rapporto è "
        "rientrato",
        euro(limite_rientro),
        input=[dato("entrate correnti nette", euro(entrate))],
        parametri=[p_rientro],
        riferimento="D.M. 17/03/2020, art. 6",
    )
    if turnover is None:
        limite_percorso = rapporto_precedente * entrate
        regola_percorso = "rientro_graduale"
        rispetta_percorso = esatto < rapporto_precedente
        passo_percorso = passo(
            f"piano.{anno}.limite_percorso",
            f"Limite {anno} dal percorso di rientro",
            "il rapporto deve scendere rispetto all'anno precedente (rendiconto per il primo anno): "
            "rapporto dell'anno precedente × entrate correnti nette dell'anno, da non raggiungere",
            euro(limite_percorso),
            input=[dato("rapporto anno precedente", rapporto(rapporto_precedente), "rapporto")],
            parametri=[p_rientro, p_turnover],
            riferimento="D.M. 17/03/2020, art. 6",
        )
    else:
        limite_percorso = dm.spesa_personale - cessazioni + turnover * cessazioni
        regola_percorso = "turnover_30"
        rispetta_percorso = spesa <= limite_percorso
        passo_percorso = passo(
            f"piano.{anno}.limite_percorso",
            f"Limite {anno} dal turn over ridotto",
            "spesa del rendiconto − cessazioni + percentuale di turn over × cessazioni",
            euro(limite_percorso),
            input=[
                dato("spesa del rendiconto", dm.spesa_personale),
                dato("cessazioni", cessazioni),
            ],
            parametri=[p_rientro, p_turnover],
            riferimento="D.M. 17/03/2020, art. 6",
        )
    rientrato = limite_rientro >= limite_percorso
    limite = limite_rientro if rientrato else limite_percorso
    regola = "rientrato" if rientrato else regola_percorso
    esito = spesa <= limite_rientro or rispetta_percorso
    return (
        limite,
        regola,
        esito,
        [
            passo_rientro,
            passo_percorso,
            passo(
                f"piano.{anno}.limite",
                f"Limite {anno}: comune sopra la Tabella 3",
                "il maggiore tra il limite da Tabella 3 (rapporto rientrato) e quello del percorso "
                "di rientro: il piano è conforme se rispetta l'uno o l'altro"
                + (
                    " (il percorso di rientro chiede un rapporto strettamente inferiore)"
                    if turnover is None
                    else ""
                ),
                euro(limite),
                input=[
                    dato("limite da Tabella 3", euro(limite_rientro)),
                    dato("limite del percorso di rientro", euro(limite_percorso)),
                ],
                riferimento="D.M. 17/03/2020, art. 6",
            ),
        ],
    )
