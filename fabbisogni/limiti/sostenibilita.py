"""Sostenibilità finanziaria: art. 33 c.2 DL 34/2019 and DM 17/03/2020, artt. 2, 4, 5, 6.

From the last three approved rendiconti: the ratio spesa di personale / entrate correnti (net of
FCDE and of neutralised items), where the comune stands against Tabella 1 and Tabella 3, and the
room for tempo indeterminato hires in the first year of the plan.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from fabbisogni.caso.fascicolo import Fascicolo
from fabbisogni.numeri import euro, rapporto
from fabbisogni.parametri import Parametri, ParametroUsato
from fabbisogni.traccia import Passo, dato, passo

Collocazione = Literal["virtuoso", "intermedio", "sopra_soglia"]
RIF_DM = "art. 33, comma 2, D.L. 34/2019; D.M. 17/03/2020"


class EntrateAnno(BaseModel):
    anno: int
    titolo_1: Decimal
    titolo_2: Decimal
    titolo_3: Decimal
    neutralizzate: Decimal
    totale: Decimal


class LimiteAnno(BaseModel):
    """The most a virtuoso comune may spend in a year, and which rule sets it."""

    limite: Decimal | None
    regola: str
    passi: list[Passo]


class EsitoDM(BaseModel):
    anno_riferimento: int
    spesa_componenti: Decimal
    spesa_rettifiche: Decimal
    spesa_neutralizzata: Decimal
    spesa_personale: Decimal
    entrate: list[EntrateAnno]
    media_entrate: Decimal
    fcde: Decimal
    entrate_correnti_nette: Decimal
    rapporto: Decimal
    rapporto_esatto: Decimal
    valore_soglia: Decimal
    soglia_rientro: Decimal
    collocazione: Collocazione
    spesa_soglia: Decimal
    spesa_massima: Decimal | None
    spazio_assunzionale: Decimal | None
    regola_spazio: str
    passi: list[Passo]


def calcola_dm(f: Fascicolo, fascia: str, parametri: Parametri) -> EsitoDM:
    """The DM box for the first year of the plan."""
    passi: list[Passo] = []
    sp = f.spesa_personale
    componenti = sum((v.importo for v in sp.componenti), Decimal(0))
    rettifiche = sum((v.importo for v in sp.rettifiche), Decimal(0))
    neutralizzata = sum((v.importo for v in sp.neutralizzate), Decimal(0))
    spesa = componenti + rettifiche - neutralizzata
    passi.append(
        passo(
            "dm.spesa_personale",
            f"Spesa di personale (rendiconto {sp.anno})",
            "somma delle componenti (impegni di competenza, al lordo degli oneri riflessi e al netto "
            "dell'IRAP) + rettifiche dell'ente − spesa neutralizzata",
            spesa,
            input=[
                dato(v.voce + (f" [{v.codice}]" if v.codice else ""), v.importo)
                for v in sp.componenti
            ]
            + [dato(f"rettifica: {v.voce} ({v.riferimento})", v.importo) for v in sp.rettifiche]
            + [
                dato(f"neutralizzata: {v.voce} ({v.riferimento})", -v.importo)
                for v in sp.neutralizzate
            ],
            riferimento="D.M. 17/03/2020, art. 2, comma 1, lett. a); art. 57, comma 3-septies, D.L. 104/2020",
        )
    )

    entrate: list[EntrateAnno] = []
    for r in sorted(f.rendiconti, key=lambda r: r.anno):
        neutr = sum((v.importo for v in r.entrate_neutralizzate), Decimal(0))
        e = r.entrate
        entrate.append(
            EntrateAnno(
                anno=r.anno,
                titolo_1=e.titolo_1,
                titolo_2=e.titolo_2,
                titolo_3=e.titolo_3,
                neutralizzate=neutr,
                totale=e.titolo_1 + e.titolo_2 + e.titolo_3 - neutr,
            )
        )
    media = sum((e.totale for e in entrate), Decimal(0)) / Decimal(3)
    passi.append(
        passo(
            "dm.media_entrate",
            "Media delle entrate correnti degli ultimi tre rendiconti",
            "(Σ accertamenti titoli I, II e III − entrate neutralizzate, per ciascun anno) ÷ 3",
            euro(media),
            input=[dato(f"entrate {e.anno}", e.totale) for e in entrate],
            riferimento="D.M. 17/03/2020, art. 2, comma 1, lett. b)",
        )
    )
    nette = media - f.fcde.importo
    passi.append(
        passo(
            "dm.entrate_nette",
            "Entrate correnti al netto del FCDE",
            f"media delle entrate − FCDE stanziato nel bilancio di previsione {f.fcde.anno} (assestato)",
            euro(nette),
            input=[dato("media entrate", euro(media)), dato(f"FCDE {f.fcde.anno}", f.fcde.importo)],
            riferimento="D.M. 17/03/2020, art. 2, comma 1, lett. b); Corte dei conti Campania 111/2020/PAR",
        )
    )
    giorno = date(f.primo_anno, 12, 31)
    soglia, p_soglia = parametri.leggi("dm.tabella_1", giorno, fascia)
    rientro, p_rientro = parametri.leggi("dm.tabella_3", giorno, fascia)
    esatto = spesa / nette
    passi.append(
        passo(
            "dm.rapporto",
            "Rapporto spesa di personale / entrate correnti",
            "spesa di personale ÷ entrate correnti nette (riportato a 6 decimali, arrotondamento "
            "commerciale; i confronti usano il valore non arrotondato)",
            rapporto(esatto),
            "rapporto",
            input=[dato("spesa di personale", spesa), dato("entrate correnti nette", euro(nette))],
            riferimento="D.M. 17/03/2020, art. 2",
        )
    )
    if spesa <= soglia * nette:
        collocazione: Collocazione = "virtuoso"
        regola = "rapporto ≤ valore soglia di Tabella 1: può incrementare la spesa fino alla soglia"
    elif spesa <= rientro * nette:
        collocazione = "intermedio"
        regola = "Tabella 1 < rapporto ≤ Tabella 3: non può incrementare il rapporto rispetto all'ultimo rendiconto"
    else:
        collocazione = "sopra_soglia"
        regola = "rapporto > Tabella 3: deve ridurre il rapporto fino alla soglia di rientro"
    passi.append(
        passo(
            "dm.collocazione",
            "Collocazione del comune",
            regola,
            collocazione,
            "testo",
            input=[dato("rapporto", rapporto(esatto), "rapporto")],
            parametri=[p_soglia, p_rientro],
            riferimento="D.M. 17/03/2020, artt. 4 e 6",
        )
    )
    spesa_soglia = soglia * nette
    passi.append(
        passo(
            "dm.spesa_soglia",
            "Spesa corrispondente al valore soglia",
            "valore soglia (Tabella 1) × entrate correnti nette",
            euro(spesa_soglia),
            input=[dato("entrate correnti nette", euro(nette))],
            parametri=[p_soglia],
            riferimento="D.M. 17/03/2020, art. 4, comma 2",
        )
    )
    spesa_massima: Decimal | None = None
    spazio: Decimal | None = None
    regola_spazio = "nessuno spazio: il comune non è sotto la soglia di Tabella 1"
    if collocazione == "virtuoso":
        lim = limite_virtuoso(f, fascia, f.primo_anno, nette, spesa, parametri)
        passi.extend(lim.passi)
        spesa_massima = lim.limite
        regola_spazio = lim.regola
        if lim.limite is not None:
            spazio = max(lim.limite - spesa, Decimal(0))
            passi.append(
                passo(
                    "dm.spazio",
                    f"Spazio assunzionale {f.primo_anno}",
                    "spesa massima consentita − spesa di personale dell'ultimo rendiconto",
                    euro(spazio),
                    input=[
                        dato("spesa massima", euro(lim.limite)),
                        dato("spesa di personale", spesa),
                    ],
                    riferimento="D.M. 17/03/2020, artt. 4, comma 2, e 5",
                )
            )
    return EsitoDM(
        anno_riferimento=sp.anno,
        spesa_componenti=componenti,
        spesa_rettifiche=rettifiche,
        spesa_neutralizzata=neutralizzata,
        spesa_personale=spesa,
        entrate=entrate,
        media_entrate=media,
        fcde=f.fcde.importo,
        entrate_correnti_nette=nette,
        rapporto=rapporto(esatto),
        rapporto_esatto=esatto,
        valore_soglia=soglia,
        soglia_rientro=rientro,
        collocazione=collocazione,
        spesa_soglia=spesa_soglia,
        spesa_massima=spesa_massima,
        spazio_assunzionale=spazio,
        regola_spazio=regola_spazio,
        passi=passi,
    )


def limite_virtuoso(
    f: Fascicolo,
    fascia: str,
    anno: int,
    entrate: Decimal,
    spesa_base: Decimal,
    parametri: Parametri,
) -> LimiteAnno:
    """Art. 4 c.2 and art. 5 DM: the most a virtuoso comune may spend in ``anno``.

    Tabella 1 × entrate always; for the years Tabella 2 covers (2020-2024), also the 2018 spesa
    increased by the Tabella 2 percentage, or by the resti assunzionali 2015-2019 when more
    favourable (alternative, never added: RGS nota prot. 12454/2020 e parere 238867/2020).
    """
    giorno = date(anno, 12, 31)
    soglia, p_soglia = parametri.leggi("dm.tabella_1", giorno, fascia)
    limite_t1 = soglia * entrate
    passi = [
        passo(
            f"dm.{anno}.limite_tabella_1",
            f"Limite {anno} da Tabella 1",
            "valore soglia × entrate correnti nette dell'anno",
            euro(limite_t1),
            input=[dato("entrate correnti nette", euro(entrate))],
            parametri=[p_soglia],
            riferimento="D.M. 17/03/2020, art. 4, comma 2",
        )
    ]
    pct, p_t2 = parametri.leggi("dm.tabella_2", giorno, fascia)
    if pct is None:
        passi.append(
            passo(
                f"dm.{anno}.tabella_2",
                f"Tabella 2 per il {anno}",
                "non applicabile: il limite è la sola Tabella 1",
                "non applicabile",
                "testo",
                parametri=[p_t2],
                riferimento="D.M. 17/03/2020, art. 5, comma 1",
            )
        )
        return LimiteAnno(limite=limite_t1, regola="tabella_1", passi=passi)
    if f.spesa_2018 is None:
        passi.append(
            passo(
                f"dm.{anno}.tabella_2",
                f"Limite {anno} da Tabella 2",
                "spesa 2018 × (1 + percentuale di Tabella 2): manca la spesa di personale 2018 nel fascicolo",
                None,
                parametri=[p_t2],
                riferimento="D.M. 17/03/2020, art. 5, comma 1",
            )
        )
        return LimiteAnno(limite=None, regola="tabella_2_senza_spesa_2018", passi=passi)
    incremento_t2 = f.spesa_2018 * pct
    resti = f.resti_assunzionali_2015_2019
    usa_resti = resti > incremento_t2
    incremento = resti if usa_resti else incremento_t2
    limite_art5 = f.spesa_2018 + incremento
    passi.append(
        passo(
            f"dm.{anno}.limite_art5",
            f"Limite {anno} da art. 5 (spesa 2018 incrementata)",
            "spesa 2018 + il maggiore tra (spesa 2018 × percentuale di Tabella 2) e resti assunzionali "
            "2015-2019 (alternativi, mai sommati)",
            euro(limite_art5),
            input=[
                dato("spesa 2018", f.spesa_2018),
                dato("incremento da Tabella 2", euro(incremento_t2)),
                dato("resti assunzionali 2015-2019", resti),
            ],
            parametri=[p_t2],
            riferimento="D.M. 17/03/2020, art. 5, commi 1 e 2; circolare 13/05/2020; "
            "RGS nota prot. 12454/2020 e parere 238867/2020",
        )
    )
    if limite_art5 < limite_t1:
        regola = "resti_2015_2019" if usa_resti else "tabella_2"
        limite = limite_art5
    else:
        regola = "tabella_1"
        limite = limite_t1
    passi.append(
        passo(
            f"dm.{anno}.limite",
            f"Spesa massima {anno}",
            "il minore tra il limite di Tabella 1 e quello dell'art. 5",
            euro(limite),
            input=[
                dato("limite Tabella 1", euro(limite_t1)),
                dato("limite art. 5", euro(limite_art5)),
            ],
            riferimento='D.M. 17/03/2020, art. 5, comma 1 ("fermo restando ... il valore soglia")',
        )
    )
    return LimiteAnno(limite=limite, regola=regola, passi=passi)


def parametri_usati(passi: list[Passo]) -> list[ParametroUsato]:
    return [p for s in passi for p in s.parametri]
