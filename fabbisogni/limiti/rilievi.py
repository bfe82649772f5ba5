"""Findings (*rilievi*): what a careful auditor would write.

Declared figures that differ from the computed ones (and by how much), a threshold quoted from the
wrong table, rendiconto years that do not match, aggregates of different definitions, totals that
do not add up, limits broken, preconditions not met or not documented.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from fabbisogni.caso.fascicolo import Fascicolo, ImportoDichiarato
from fabbisogni.limiti.comma557 import Esito557, norma_divieto
from fabbisogni.limiti.flessibile import AnnoFlessibile
from fabbisogni.limiti.piano import AnnoDM
from fabbisogni.limiti.presupposti import EsitoCondizione
from fabbisogni.limiti.sostenibilita import EsitoDM
from fabbisogni.numeri import euro, fmt_euro, fmt_percento, round_half_up
from fabbisogni.parametri import Parametri, ParametroUsato, etichetta_chiave, valore_leggibile

Gravita = Literal["grave", "attenzione", "informativa"]
TOLLERANZA_EURO = Decimal(1)  # documents round to the euro: smaller differences are not findings
RIF_DM = "art. 33, comma 2, D.L. 34/2019; D.M. 17/03/2020"


class Rilievo(BaseModel):
    codice: str
    gravita: Gravita
    messaggio: str
    riferimento: str
    dichiarato: str | None = None
    calcolato: str | None = None
    differenza: str | None = None


class Raccolta:
    def __init__(self) -> None:
        self.rilievi: list[Rilievo] = []

    def add(
        self,
        codice: str,
        gravita: Gravita,
        messaggio: str,
        riferimento: str,
        dichiarato: object = None,
        calcolato: object = None,
        differenza: object = None,
    ) -> None:
        self.rilievi.append(
            Rilievo(
                codice=codice,
                gravita=gravita,
                messaggio=messaggio,
                riferimento=riferimento,
                dichiarato=None if dichiarato is None else str(dichiarato),
                calcolato=None if calcolato is None else str(calcolato),
                differenza=None if differenza is None else str(differenza),
            )
        )


def trova_rilievi(
    f: Fascicolo,
    fascia: str,
    dm: EsitoDM,
    anni_dm: list[AnnoDM],
    c557: Esito557,
    flex: list[AnnoFlessibile],
    presupposti: list[EsitoCondizione],
    usati: list[ParametroUsato],
    parametri: Parametri,
) -> list[Rilievo]:
    r = Raccolta()
    _anni(f, r)
    _sostituzioni_anticipate(f, r)
    if f.dichiarati is not None:
        _dichiarati(f, fascia, dm, anni_dm, c557, parametri, r)
    _limiti(f, dm, anni_dm, c557, flex, r)
    _presupposti(presupposti, dm, r)
    _parametri(f, usati, parametri, r)
    ordine = {"grave": 0, "attenzione": 1, "informativa": 2}
    r.rilievi.sort(key=lambda x: ordine[x.gravita])
    return r.rilievi


def _sostituzioni_anticipate(f: Fascicolo, r: Raccolta) -> None:
    """A hire that replaces a cessation (or the person leaving) but starts before the first
    month without service: for those months the post is paid twice. The limits count both
    costs; the plan may mean it (a handover), but it should say so."""
    per_id = {c.id: c for c in f.cessazioni}
    per_persona = {c.dipendente: c for c in f.cessazioni if c.dipendente}
    for a in f.piano_assunzioni:
        c = per_id.get(a.sostituisce or "") or per_persona.get(a.sostituisce or "")
        if c is None or (a.anno, a.mese_inizio) >= (c.anno, c.mese):
            continue
        mesi = (c.anno - a.anno) * 12 + c.mese - a.mese_inizio
        r.add(
            "SOSTITUZIONE-ANTICIPATA",
            "attenzione",
            f"L'assunzione {a.id} ({a.profilo}) entra in servizio dal {a.mese_inizio:02d}/{a.anno}, "
            f"ma sostituisce «{a.sostituisce}», il cui posto si libera solo dal "
            f"{c.mese:02d}/{c.anno}: per {mesi} mes{'e' if mesi == 1 else 'i'} il posto è pagato "
            "due volte. I limiti contano entrambi i costi; se è un affiancamento voluto, "
            "dirlo nel piano, altrimenti spostare l'inizio dell'assunzione.",
            "art. 6 D.Lgs. 165/2001 (piano dei fabbisogni)",
        )


def _anni(f: Fascicolo, r: Raccolta) -> None:
    ultimo = f.ultimo_rendiconto
    if f.spesa_personale.anno != ultimo:
        r.add(
            "ANNI-SPESA",
            "grave",
            f"La spesa di personale è quella del {f.spesa_personale.anno}, ma le entrate sono dei rendiconti "
            f"{ultimo - 2}-{ultimo}: il rapporto del DM prende spesa ed entrate dagli ultimi rendiconti "
            f"approvati, quindi la spesa deve essere quella del rendiconto {ultimo}.",
            "D.M. 17/03/2020, art. 2; circolare interministeriale 13/05/2020",
            dichiarato=f.spesa_personale.anno,
            calcolato=ultimo,
        )
    if f.fcde.anno != ultimo:
        r.add(
            "ANNI-FCDE",
            "grave",
            f"Il FCDE sottratto è quello del {f.fcde.anno}; va sottratto quello stanziato nel bilancio di "
            f"previsione dell'ultimo dei tre anni ({ultimo}), assestato.",
            "D.M. 17/03/2020, art. 2, comma 1, lett. b); Corte dei conti Campania 111/2020/PAR",
            dichiarato=f.fcde.anno,
            calcolato=ultimo,
        )
    if f.ente.anno_popolazione != ultimo:
        r.add(
            "ANNO-POPOLAZIONE",
            "attenzione",
            f"La popolazione indicata è al 31/12/{f.ente.anno_popolazione}; per la fascia demografica si usa "
            f"quella dell'anno dell'ultimo rendiconto approvato ({ultimo}).",
            "D.M. 17/03/2020, art. 3; Corte dei conti Toscana 231/2022/PAR",
            dichiarato=f.ente.anno_popolazione,
            calcolato=ultimo,
        )


def _diff_euro(
    r: Raccolta,
    codice: str,
    gravita: Gravita,
    cosa: str,
    dichiarato: ImportoDichiarato | None,
    calcolato: Decimal | None,
    riferimento: str,
    fonte: str,
) -> None:
    if dichiarato is None or calcolato is None:
        return
    diff = dichiarato.valore - calcolato
    if abs(diff) >= TOLLERANZA_EURO:
        r.add(
            codice,
            gravita,
            f"{fonte} dichiara {cosa} di {fmt_euro(dichiarato.valore)}; dai dati risulta "
            f"{fmt_euro(calcolato)}: differenza {fmt_euro(diff)}.",
            riferimento,
            dichiarato=dichiarato.valore,
            calcolato=euro(calcolato),
            differenza=euro(diff),
        )


def _forma(r: Raccolta, cosa: str, d: ImportoDichiarato | None, fonte: str) -> None:
    if d is not None and d.forma_non_valida:
        r.add(
            "FORMA-IMPORTO",
            "attenzione",
            f"{fonte} scrive {cosa} come «{d.testo}», che non è un importo valido; letto come "
            f"{fmt_euro(d.valore)}. Correggere la scrittura nel documento.",
            "regole di redazione degli atti",
            dichiarato=d.testo,
            calcolato=d.valore,
        )


def _dichiarati(
    f: Fascicolo,
    fascia: str,
    dm: EsitoDM,
    anni_dm: list[AnnoDM],
    c557: Esito557,
    parametri: Parametri,
    r: Raccolta,
) -> None:
    d = f.dichiarati
    assert d is not None
    fonte = f"Il documento ({d.fonte})"
    anni = sorted(x.anno for x in f.rendiconti)
    if d.anni_entrate is not None and sorted(d.anni_entrate) != anni:
        r.add(
            "DICH-ANNI-ENTRATE",
            "grave",
            f"{fonte} calcola le entrate sui rendiconti {_anni_testo(d.anni_entrate)}; gli ultimi tre "
            f"rendiconti approvati sono {_anni_testo(anni)}.",
            "D.M. 17/03/2020, art. 2, comma 1, lett. b)",
            dichiarato=_anni_testo(d.anni_entrate),
            calcolato=_anni_testo(anni),
        )
    anni_entrate = sorted(d.anni_entrate) if d.anni_entrate else anni
    gia_rilevato = d.anno_spesa == f.spesa_personale.anno != f.ultimo_rendiconto
    if d.anno_spesa is not None and d.anno_spesa != max(anni_entrate) and not gia_rilevato:
        r.add(
            "DICH-ANNI-MISTI",
            "grave",
            f"{fonte} rapporta la spesa di personale del {d.anno_spesa} alle entrate dei rendiconti "
            f"{_anni_testo(anni_entrate)}: spesa ed entrate devono venire dagli stessi ultimi rendiconti "
            f"approvati (la spesa dell'ultimo, {max(anni_entrate)}).",
            "D.M. 17/03/2020, art. 2",
            dichiarato=d.anno_spesa,
            calcolato=max(anni_entrate),
        )
    if d.rapporto is not None:
        decimali = max(4, -int(d.rapporto.normalize().as_tuple().exponent))
        quantum = Decimal(1).scaleb(-decimali)
        calcolato = round_half_up(dm.rapporto_esatto, quantum)
        if calcolato != d.rapporto:
            r.add(
                "DICH-RAPPORTO",
                "attenzione",
                f"{fonte} dichiara un rapporto spesa/entrate del {fmt_percento(d.rapporto)}; dai dati risulta "
                f"{fmt_percento(dm.rapporto_esatto, 4)}.",
                RIF_DM,
                dichiarato=d.rapporto,
                calcolato=dm.rapporto,
            )
    giorno = date(f.primo_anno, 12, 31)
    if d.valore_soglia is not None and d.valore_soglia != dm.valore_soglia:
        r.add(
            "DICH-TABELLA-1",
            "grave",
            f"{fonte} cita come valore soglia di Tabella 1 il {fmt_percento(d.valore_soglia, 1)}; per la "
            f"fascia {fascia} è il {fmt_percento(dm.valore_soglia, 1)}."
            + _da_quale_tabella(d.valore_soglia, fascia, giorno, parametri),
            "D.M. 17/03/2020, art. 4, comma 1, Tabella 1",
            dichiarato=d.valore_soglia,
            calcolato=dm.valore_soglia,
        )
    if d.soglia_rientro is not None and d.soglia_rientro != dm.soglia_rientro:
        r.add(
            "DICH-TABELLA-3",
            "grave",
            f"{fonte} cita come soglia di Tabella 3 il {fmt_percento(d.soglia_rientro, 1)}; per la fascia "
            f"{fascia} la soglia di rientro è il {fmt_percento(dm.soglia_rientro, 1)}."
            + _da_quale_tabella(d.soglia_rientro, fascia, giorno, parametri),
            "D.M. 17/03/2020, art. 6, Tabella 3",
            dichiarato=d.soglia_rientro,
            calcolato=dm.soglia_rientro,
        )
    _diff_euro(
        r, "DICH-IMPORTO-SOGLIA", "attenzione", "una spesa corrispondente alla soglia", d.importo_soglia,
        dm.spesa_soglia, "D.M. 17/03/2020, art. 4, comma 2", fonte,
    )  # fmt: skip
    _diff_euro(
        r, "DICH-SPAZIO", "grave", "uno spazio assunzionale", d.spazio_assunzionale, dm.spazio_assunzionale,
        "D.M. 17/03/2020, artt. 4 e 5", fonte,
    )  # fmt: skip
    if (
        d.spazio_assunzionale is not None
        and d.importo_soglia is not None
        and dm.spazio_assunzionale is not None
    ):
        implicito = d.importo_soglia.valore - d.spazio_assunzionale.valore
        if abs(implicito - dm.spesa_personale) >= TOLLERANZA_EURO:
            r.add(
                "DICH-SPAZIO-INCOERENTE",
                "grave",
                f"{fonte}: soglia e spazio dichiarati non sono coerenti con la spesa: {fmt_euro(d.importo_soglia.valore)} − "
                f"{fmt_euro(d.spazio_assunzionale.valore)} = {fmt_euro(implicito)}, mentre la spesa di personale "
                f"del rapporto è {fmt_euro(dm.spesa_personale)}.",
                "D.M. 17/03/2020, art. 4, comma 2",
                dichiarato=implicito,
                calcolato=dm.spesa_personale,
                differenza=implicito - dm.spesa_personale,
            )
    _diff_euro(
        r,
        "DICH-SPESA",
        "attenzione",
        "una spesa di personale",
        d.spesa_personale,
        dm.spesa_personale,
        RIF_DM,
        fonte,
    )
    _diff_euro(
        r, "DICH-ENTRATE", "attenzione", "entrate correnti nette", d.entrate_correnti, dm.entrate_correnti_nette,
        RIF_DM, fonte,
    )  # fmt: skip
    if (
        d.spesa_base_piano is not None
        and abs(d.spesa_base_piano.valore - dm.spesa_personale) >= TOLLERANZA_EURO
    ):
        r.add(
            "DICH-AGGREGATO",
            "grave",
            f"{fonte} verifica il piano sommando lo spazio a una spesa di {fmt_euro(d.spesa_base_piano.valore)}, "
            f"diversa dalla spesa del rapporto ({fmt_euro(dm.spesa_personale)}): sono aggregati di definizione "
            "diversa (ad esempio con IRAP o secondo il comma 557) e non si possono combinare.",
            "D.M. 17/03/2020, art. 2",
            dichiarato=d.spesa_base_piano.valore,
            calcolato=dm.spesa_personale,
            differenza=d.spesa_base_piano.valore - dm.spesa_personale,
        )
    if (
        d.spesa_base_piano is not None
        and d.spazio_assunzionale is not None
        and d.limite_piano is not None
    ):
        somma = d.spesa_base_piano.valore + d.spazio_assunzionale.valore
        if somma != d.limite_piano.valore:
            r.add(
                "DICH-TOTALE",
                "grave",
                f"{fonte}: {fmt_euro(d.spesa_base_piano.valore)} + {fmt_euro(d.spazio_assunzionale.valore)} fa "
                f"{fmt_euro(somma)}, non {fmt_euro(d.limite_piano.valore)} come scritto.",
                "verifica aritmetica",
                dichiarato=d.limite_piano.valore,
                calcolato=somma,
                differenza=d.limite_piano.valore - somma,
            )
    per_anno = {a.anno: a for a in anni_dm}
    for anno, valore in sorted(d.spesa_prevista.items()):
        a = per_anno.get(anno)
        if a is None:
            continue
        quota = valore.valore / a.entrate_correnti
        if valore.valore > dm.valore_soglia * a.entrate_correnti:
            r.add(
                "DICH-PREVISIONE-SOPRA-SOGLIA",
                "grave",
                f"{fonte} prevede per il {anno} una spesa di personale di {fmt_euro(valore.valore)}, che "
                f"è il {fmt_percento(quota)} delle entrate correnti nette ({fmt_euro(a.entrate_correnti)}): "
                f"sopra il valore soglia del {fmt_percento(dm.valore_soglia, 1)}.",
                "D.M. 17/03/2020, art. 4, comma 2",
                dichiarato=valore.valore,
                calcolato=euro(dm.valore_soglia * a.entrate_correnti),
            )
        if a.limite is not None and valore.valore > a.limite:
            r.add(
                "DICH-PREVISIONE-OLTRE-LIMITE",
                "grave",
                f"La spesa prevista dichiarata per il {anno} ({fmt_euro(valore.valore)}) supera la spesa massima "
                f"consentita ({fmt_euro(a.limite)}).",
                RIF_DM,
                dichiarato=valore.valore,
                calcolato=euro(a.limite),
                differenza=euro(valore.valore - a.limite),
            )
    _forma(r, "il limite del comma 557", d.limite_557, fonte)
    _diff_euro(r, "DICH-LIMITE-557", "attenzione", "un limite del comma 557", d.limite_557, c557.limite,
               "art. 1, comma 557-quater, L. 296/2006", fonte)  # fmt: skip
    for anno, valore in sorted(d.spesa_557.items()):
        _forma(r, f"la spesa {anno} ai fini del comma 557", valore, fonte)
        col = c557.anni.get(anno)
        _diff_euro(r, "DICH-SPESA-557", "attenzione", f"una spesa {anno} soggetta al comma 557", valore,
                   col.assoggettata if col else None, "art. 1, comma 557, L. 296/2006", fonte)  # fmt: skip
    for anno, valore in sorted(d.spesa_flessibile.items()):
        _forma(r, f"la spesa flessibile {anno}", valore, fonte)
    _forma(r, "il limite del lavoro flessibile", d.limite_flessibile, fonte)


def _da_quale_tabella(valore: Decimal, fascia: str, giorno: date, parametri: Parametri) -> str:
    """Where a wrongly quoted percentage comes from, if it is another figure of the DM."""
    trovati = []
    t1, _ = parametri.leggi("dm.tabella_1", giorno, fascia)
    t3, _ = parametri.leggi("dm.tabella_3", giorno, fascia)
    if valore == t1:
        trovati.append(f"Tabella 1 della fascia {fascia}")
    if valore == t3:
        trovati.append(f"Tabella 3 della fascia {fascia}")
    for versione in parametri.tabelle["dm.tabella_2"].versioni:
        pct, _ = parametri.leggi("dm.tabella_2", versione.dal, fascia)
        if pct is not None and pct == valore:
            trovati.append(f"Tabella 2 della fascia {fascia} per il {versione.dal.year}")
    if not trovati:
        return ""
    return f" Il valore citato è quello della {' e della '.join(trovati)}: una tabella sbagliata."


def _anni_testo(anni: list[int]) -> str:
    return ", ".join(str(a) for a in sorted(anni))


def _limiti(
    f: Fascicolo,
    dm: EsitoDM,
    anni_dm: list[AnnoDM],
    c557: Esito557,
    flex: list[AnnoFlessibile],
    r: Raccolta,
) -> None:
    for a in anni_dm:
        if a.esito is False:
            r.add(
                f"LIMITE-DM-{a.anno}",
                "grave",
                f"{a.anno}: la spesa di personale a regime ({fmt_euro(a.spesa_personale)}, rapporto "
                f"{fmt_percento(a.rapporto)}) supera il limite ({fmt_euro(a.limite)}, regola «{a.regola}») di "
                f"{fmt_euro(-(a.margine or Decimal(0)))}.",
                RIF_DM,
                calcolato=euro(a.spesa_personale),
            )
        elif a.esito is None:
            r.add(
                f"NV-DM-{a.anno}",
                "attenzione",
                f"{a.anno}: limite del DM non determinabile ({a.regola}); indicare la spesa di personale 2018.",
                "D.M. 17/03/2020, art. 5, comma 1",
            )
        if not a.entrate_previste:
            r.add(
                f"ENTRATE-{a.anno}",
                "informativa",
                f"{a.anno}: nessuna previsione delle entrate correnti; si usa la media dei tre rendiconti al netto "
                "del FCDE.",
                "D.M. 17/03/2020, art. 2",
            )
    if not c557.presente:
        r.add(
            "NV-557",
            "attenzione",
            "Il fascicolo non contiene il prospetto del comma 557: il rispetto del tetto di spesa non è verificabile.",
            "art. 1, commi 557-quater e 562, L. 296/2006",
        )
    else:
        piccolo = c557.comma == "562"
        if piccolo and c557.base_tipo != "anno_2008":
            r.add(
                "557-BASE",
                "grave",
                f"Comune fino a {_abitanti(c557.soglia_abitanti)} abitanti ({f.ente.popolazione}): il limite è la "
                "spesa 2008 (comma 562), "
                "non la media 2011-2013.",
                "art. 1, comma 562, L. 296/2006",
            )
        if not piccolo and c557.base_tipo == "anno_2008":
            r.add(
                "557-BASE",
                "grave",
                f"Comune oltre i {_abitanti(c557.soglia_abitanti)} abitanti ({f.ente.popolazione}): il limite è la "
                "media 2011-2013 (comma "
                "557-quater), non la spesa 2008.",
                "art. 1, comma 557-quater, L. 296/2006",
            )
        for anno in f.anni_piano:
            col = c557.anni.get(anno)
            if col is None:
                r.add(
                    f"NV-557-{anno}",
                    "attenzione",
                    f"{anno}: manca la previsione del comma 557 e la colonna del rendiconto da cui derivarla.",
                    "art. 1, comma 557, L. 296/2006",
                )
            elif col.esito is False:
                r.add(
                    f"LIMITE-557-{anno}",
                    "grave",
                    f"{anno}: la spesa soggetta al limite ({fmt_euro(col.assoggettata)}) supera il limite del comma "
                    f"{c557.comma} ({fmt_euro(col.limite)}) di {fmt_euro(-(col.margine or Decimal(0)))}: divieto "
                    "assoluto di assunzione.",
                    norma_divieto(c557.comma),
                )
    for x in flex:
        if x.esito is False:
            r.add(
                f"LIMITE-FLESSIBILE-{x.anno}",
                "grave",
                f"{x.anno}: la spesa per lavoro flessibile ({fmt_euro(x.spesa)}) supera il limite "
                f"({fmt_euro(x.limite)}) di {fmt_euro(-(x.margine or Decimal(0)))}.",
                "art. 9, comma 28, D.L. 78/2010",
            )
        elif x.esito is None:
            r.add(
                f"NV-FLESSIBILE-{x.anno}",
                "attenzione",
                f"{x.anno}: spesa flessibile prevista ({fmt_euro(x.spesa)}) ma manca la base del limite (spesa "
                "2009, media 2007-2009 o parametro motivato).",
                "art. 9, comma 28, D.L. 78/2010",
            )


def _presupposti(presupposti: list[EsitoCondizione], dm: EsitoDM, r: Raccolta) -> None:
    for p in presupposti:
        if p.esito == "non_rispettato":
            if p.effetto == "solo_turnover":
                messaggio = (
                    f"Presupposto non rispettato: {p.descrizione}. Senza asseverazione il comune non può usare gli "
                    "spazi del DM: solo turn over."
                )
            else:
                messaggio = f"Presupposto non rispettato: {p.descrizione}. Non si può procedere ad assunzioni."
            r.add(
                f"PRESUPPOSTO-{p.chiave.upper().replace('_', '-')}",
                "grave",
                messaggio,
                p.riferimento,
            )
        elif p.esito == "non_documentato":
            r.add(
                f"PRESUPPOSTO-ND-{p.chiave.upper().replace('_', '-')}",
                "attenzione",
                f"Presupposto non documentato nel fascicolo: {p.descrizione}. Indicare l'atto che lo attesta.",
                p.riferimento,
            )


def _abitanti(valore: Decimal) -> str:
    return f"{int(valore):,}".replace(",", ".")


def origine_sovrascrittura(p: ParametroUsato, parametri: Parametri | None = None) -> str:
    """Who replaced a parameter's value, in words: «dallo scenario «nome»» or «dal fascicolo».

    A scenario's override says so (``scenario``, set by :mod:`fabbisogni.caso.scenari`): on the
    parameter used when it carries it, else on the override that ``parametri`` applies to it.
    """
    scenario = getattr(p, "scenario", None)
    if scenario is None and parametri is not None:
        # the override the lookup used: Parametri's own rule (the first that matches)
        scenario = getattr(parametri._sovrascrittura(p.nome, p.chiave), "scenario", None)
    return f"dallo scenario «{scenario}»" if scenario else "dal fascicolo"


def _parametri(
    f: Fascicolo, usati: list[ParametroUsato], parametri: Parametri, r: Raccolta
) -> None:
    visti: set[tuple[str, str | None]] = set()
    for p in usati:
        chiave = (p.nome, p.chiave)
        if chiave in visti:
            continue
        visti.add(chiave)
        if p.sovrascritto:
            r.add(
                "PARAMETRO-SOVRASCRITTO",
                "informativa",
                f"Il parametro «{p.nome}»{f' [{etichetta_chiave(p.chiave)}]' if p.chiave else ''} è sostituito "
                f"{origine_sovrascrittura(p, parametri)} con "
                f"{valore_leggibile(p.nome, p.valore)} ({p.nota}).",
                p.fonte,
            )
        elif p.da_confermare:
            r.add(
                "PARAMETRO-DA-CONFERMARE",
                "informativa",
                f"Il valore {valore_leggibile(p.nome, p.valore)} del parametro «{p.nome}»"
                f"{f' [{etichetta_chiave(p.chiave)}]' if p.chiave else ''} è da confermare sul testo "
                "ufficiale.",
                p.fonte,
            )
    if not f.ente.unione_di_comuni:
        return
    massimo, usato = parametri.leggi("dm.art5_c3.popolazione_massima", date(f.primo_anno, 12, 31))
    if f.ente.popolazione <= massimo:
        r.add(
            "UNIONE",
            "informativa",
            f"Comune fino a {_abitanti(massimo)} abitanti in un'Unione: l'art. 5, comma 3, del DM può consentire un "
            "ulteriore spazio per il personale in comando presso l'Unione; non è calcolato qui.",
            usato.fonte,
        )
