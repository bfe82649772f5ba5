"""PIAO sottosezione 3.3: the Piano triennale dei fabbisogni di personale, as a comune adopts it.

Structure of D.M. 30 giugno 2022, n. 132, art. 4, c. 1, lett. c): consistenza al 31 dicembre,
programmazione strategica (capacità assunzionale, cessazioni, evoluzione dei fabbisogni),
obiettivi di trasformazione, strategia di copertura (the hiring plan), formazione, soprannumero
ed eccedenze; then the findings about the figures ("Note di verifica") and a closing note.

Figures come from the result only; narrative parts from ``f.testi``. A narrative part the case
does not give becomes a :class:`Segnaposto`, never invented prose. An ente under the employee
threshold of ``piao.dipendenti_semplificato`` gets the simplified variant (art. 6 D.M.
132/2022): what that variant keeps is :data:`PARTI`, and only there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fabbisogni.caso.fascicolo import Assunzione, Cessazione, Fascicolo, VoceConsistenza
from fabbisogni.limiti.comma557 import norma_divieto
from fabbisogni.limiti.movimenti import costo_dm
from fabbisogni.numeri import fmt_data, fmt_euro, fmt_numero, fmt_percento
from fabbisogni.parametri import (
    Parametri,
    ParametroUsato,
    decimali_percento,
    etichetta_chiave,
    fmt_anni_mesi,
)
from fabbisogni.risultato import AnnoRisultato, Risultato
from fabbisogni.traccia import Passo
from fabbisogni.uscite.documenti.modello import (
    Allineamento,
    Blocco,
    Documento,
    Elenco,
    Paragrafo,
    Riga,
    Segnaposto,
    Tabella,
    Titolo,
    avviso_scenario,
)
from fabbisogni.uscite.etichette import (
    AREA,
    CAUSA_CESSAZIONE,
    ESITO,
    ESITO_LIMITE,
    ESITO_PRESUPPOSTO,
    FINANZIAMENTO,
    GRAVITA,
    MOTIVO,
    REGOLA_DM,
    TIPO_CONTRATTO,
    etichetta,
)

# --- the parts of sottosezione 3.3 and the simplified variant ------------------------------

RIF_DM132 = "D.M. 132/2022, art. 4, c. 1, lett. c)"
RIF_ART6 = "art. 6, c. 3, D.M. 132/2022"


@dataclass(frozen=True)
class Parte:
    """One part of sottosezione 3.3 and whether the simplified variant keeps it, and why."""

    chiave: str
    titolo: str
    contenuto: str
    riferimento: str
    semplificato: bool
    perche: str


PARTI: tuple[Parte, ...] = (
    Parte(
        "consistenza",
        "3.3.1 Consistenza di personale al 31 dicembre {anno}",
        "consistenza di personale al 31 dicembre, per inquadramento professionale",
        RIF_DM132,
        True,
        "base di ogni piano dei fabbisogni (art. 6 D.Lgs. 165/2001)",
    ),
    Parte(
        "capacita",
        "a) Capacità assunzionale calcolata sulla base dei vigenti vincoli di spesa",
        "capacità assunzionale",
        RIF_DM132 + ", n. 1",
        True,
        "le assunzioni sono ammesse solo entro i limiti di spesa (art. 33, c. 2, D.L. 34/2019; "
        "art. 1, c. 557, L. 296/2006)",
    ),
    Parte(
        "cessazioni",
        "b) Programmazione delle cessazioni dal servizio",
        "programmazione delle cessazioni dal servizio",
        RIF_DM132 + ", n. 2",
        True,
        "richiesta anche agli enti con meno di {soglia} dipendenti (" + RIF_ART6 + ")",
    ),
    Parte(
        "evoluzione_fabbisogni",
        "c) Stima dell'evoluzione dei fabbisogni",
        "stima dell'evoluzione dei fabbisogni di personale",
        RIF_DM132 + ", n. 2",
        True,
        "richiesta anche agli enti con meno di {soglia} dipendenti (" + RIF_ART6 + ")",
    ),
    Parte(
        "obiettivi_trasformazione",
        "3.3.3 Obiettivi di trasformazione dell'allocazione delle risorse",
        "obiettivi di trasformazione dell'allocazione delle risorse",
        RIF_DM132,
        False,
        "non richiesta agli enti con meno di {soglia} dipendenti (" + RIF_ART6 + ")",
    ),
    Parte(
        "strategia_copertura",
        "3.3.4 Strategia di copertura del fabbisogno",
        "strategia di copertura del fabbisogno",
        RIF_DM132 + ", n. 3",
        True,
        "il piano delle assunzioni resta obbligatorio (art. 6 D.Lgs. 165/2001; art. 91 D.Lgs. "
        "267/2000)",
    ),
    Parte(
        "formazione",
        "3.3.5 Formazione del personale",
        "strategie di formazione del personale",
        RIF_DM132 + ", n. 4",
        False,
        "non richiesta agli enti con meno di {soglia} dipendenti (" + RIF_ART6 + ")",
    ),
    Parte(
        "soprannumero_eccedenze",
        "3.3.6 Situazioni di soprannumero ed eccedenze di personale",
        "situazioni di soprannumero o eccedenze di personale",
        RIF_DM132 + ", n. 5",
        True,
        "la ricognizione annuale delle eccedenze resta obbligatoria (art. 33 D.Lgs. 165/2001)",
    ),
)
PARTE = {p.chiave: p for p in PARTI}

DX: Allineamento = "dx"
SX: Allineamento = "sx"


@dataclass(frozen=True)
class Variante:
    """Full or simplified, with the employee count and the threshold that decided it."""

    semplificata: bool
    dipendenti: int | None
    fonte_dipendenti: str
    soglia: int
    parametro: ParametroUsato

    def comprende(self, chiave: str) -> bool:
        return not self.semplificata or PARTE[chiave].semplificato

    def perche(self, chiave: str) -> str:
        return PARTE[chiave].perche.format(soglia=self.soglia)


def numero_dipendenti(f: Fascicolo) -> tuple[int | None, str]:
    """Employees on 31 December: the declared figure, else the heads of the consistenza."""
    if f.ente.dipendenti is not None:
        return f.ente.dipendenti, "dichiarato nel fascicolo"
    if f.consistenza:
        return sum(v.teste for v in f.consistenza), "somma della consistenza al 31 dicembre"
    return None, "non indicato nel fascicolo"


def variante(f: Fascicolo, parametri: Parametri | None = None) -> Variante:
    """Simplified PIAO when the employees are fewer than the threshold (D.M. 132/2022, art. 6)."""
    parametri = parametri or Parametri.predefiniti(f.parametri)
    soglia, usato = parametri.leggi("piao.dipendenti_semplificato", date(f.primo_anno, 12, 31))
    n, fonte = numero_dipendenti(f)
    return Variante(
        semplificata=n is not None and n < soglia,
        dipendenti=n,
        fonte_dipendenti=fonte,
        soglia=int(soglia),
        parametro=usato,
    )


# --- formatting helpers --------------------------------------------------------------------


def _eur(v: Decimal | None) -> str:
    """An amount in prose: ``1.234,56 €``."""
    return fmt_euro(v) if v is not None else "non determinabile"


def _num(v: Decimal | None) -> str:
    """An amount in a table (the caption says «importi in euro»)."""
    return fmt_euro(v, simbolo=False) if v is not None else "non determinabile"


def _pct(v: Decimal, decimali: int = 2) -> str:
    return fmt_percento(v, decimali)


def _pct_rapporto(v: Decimal, *soglie: Decimal) -> str:
    """A ratio with two decimals, or four when two would make it look equal to a threshold."""
    testo = _pct(v, 2)
    if any(v != s and testo == _pct(s, 2) for s in soglie):
        return _pct(v, 4)
    return testo


def _anni(a: int, b: int) -> str:
    return f"{a}–{b}"


def _elenco_testo(voci: list[str], separatore: str = ", ") -> str:
    if len(voci) <= 1:
        return "".join(voci)
    return separatore.join(voci[:-1]) + " e " + voci[-1]


def _per(anni: list[int]) -> str:
    """``per il 2025`` / ``per gli anni 2025 e 2026``, capitalised by the caller if needed."""
    testo = _elenco_testo([str(a) for a in anni])
    return f"per il {testo}" if len(anni) == 1 else f"per gli anni {testo}"


def _nel(anni: list[int]) -> str:
    testo = _elenco_testo([str(a) for a in anni])
    return f"nel {testo}" if len(anni) == 1 else f"negli anni {testo}"


def _pct_tabella(v: Decimal) -> str:
    """A percentage of a legal table, as everywhere in the document: ``26,0%``, ``1,5%``."""
    return _pct(v, decimali_percento(v))


def _decorrenza(anno: int, mese: int) -> str:
    return fmt_data(date(anno, mese, 1))


def _quota(fte: Decimal) -> str:
    return "tempo pieno" if fte == 1 else f"part-time {fmt_percento(fte, 0)}"


def _testo_ente(testo: str) -> list[Blocco]:
    """The ente's own text: one paragraph per blank-line-separated block."""
    blocchi: list[Blocco] = []
    for parte in re.split(r"\n\s*\n", testo.strip()):
        righe = [r.strip() for r in parte.splitlines() if r.strip()]
        if righe and all(r.startswith(("- ", "• ")) for r in righe):
            blocchi.append(Elenco(voci=[r[2:].strip() for r in righe]))
        elif righe:
            blocchi.append(Paragrafo(testo=" ".join(righe)))
    return blocchi


def segnaposto(parte: Parte, extra: str = "") -> Segnaposto:
    """``[Da compilare a cura dell'ente: … (D.M. 132/2022, art. 4, c. 1, lett. c))]``."""
    return Segnaposto(
        testo=f"[Da compilare a cura dell'ente: {parte.contenuto} ({parte.riferimento}){extra}]"
    )


def _narrativa(f: Fascicolo, chiave: str, extra: str = "") -> list[Blocco]:
    testo = getattr(f.testi, chiave)
    return _testo_ente(testo) if testo else [segnaposto(PARTE[chiave], extra)]


def _passo(r: Risultato, codice: str) -> Passo | None:
    passi = [*r.dm.passi, *(p for a in r.anni for p in a.passi), *r.flessibile_passi]
    return next((p for p in passi if p.codice == codice), None)


def _dato(p: Passo | None, prefisso: str) -> Decimal | None:
    if p is None:
        return None
    for d in p.input:
        if d.nome.startswith(prefisso):
            return Decimal(d.valore)
    return None


def _esito_presupposto(r: Risultato, chiave: str) -> str | None:
    p = next((x for x in r.presupposti if x.chiave == chiave), None)
    return p.esito if p is not None else None


def _asseverazione_da_documentare(r: Risultato) -> bool:
    """The DM spaces are used but the revisore's asseverazione is not documented yet."""
    return (
        r.dm.collocazione == "virtuoso"
        and _esito_presupposto(r, "asseverazione_equilibri") == "non_documentato"
    )


SPAZI_DA_ASSEVERARE = (
    "gli spazi del D.M. sono utilizzabili solo dopo l'asseverazione dell'organo di revisione sul "
    "rispetto pluriennale dell'equilibrio di bilancio (art. 33, comma 2, D.L. 34/2019), ancora da "
    "documentare"
)


def _comma(r: Risultato) -> str:
    """``comma 557-quater`` or ``comma 562``: the tetto that applies to the ente."""
    return f"comma {r.comma_557.comma}"


def _atto(atto: str | None, data: date | None) -> str:
    """``Deliberazione n. 3 del 16/01/2024``: act and date, no separator between them."""
    return " ".join(x for x in (atto, f"del {fmt_data(data)}" if data else None) if x)


# --- the builder ---------------------------------------------------------------------------


def piao_33(f: Fascicolo, r: Risultato, *, parametri: Parametri | None = None) -> Documento:
    """PIAO sottosezione 3.3 for the case ``f`` and its result ``r``."""
    f = r.fascicolo_verificato or f
    parametri = parametri or Parametri.predefiniti(f.parametri)
    v = variante(f, parametri)
    triennio = _anni(f.primo_anno, f.primo_anno + 2)
    doc = Documento(
        titolo="Sottosezione 3.3 — Piano triennale dei fabbisogni di personale",
        sottotitolo=f"{f.ente.nome} — PIAO {triennio} — Sezione 3 «Organizzazione e capitale umano»",
        intestazione=(
            f"{f.ente.nome} — PIAO {triennio} — Sottosezione 3.3 Piano triennale dei fabbisogni "
            "di personale"
        ),
    )
    doc.aggiungi(*avviso_scenario(r.scenario, r.scenario_descrizione))
    doc.aggiungi(*_premessa(f, r, v))
    doc.aggiungi(*_consistenza(f, v))
    doc.aggiungi(Titolo(livello=1, testo="3.3.2 Programmazione strategica delle risorse umane"))
    doc.aggiungi(Titolo(livello=2, testo=PARTE["capacita"].titolo))
    doc.aggiungi(*_dm(f, r))
    doc.aggiungi(*_sostenibilita(f, r))
    doc.aggiungi(*_comma557(f, r))
    doc.aggiungi(*_flessibile(f, r, parametri))
    doc.aggiungi(*_presupposti(r))
    doc.aggiungi(*_cessazioni(f, r, parametri))
    doc.aggiungi(*_evoluzione(f))
    doc.aggiungi(*_facoltativa(f, v, "obiettivi_trasformazione"))
    doc.aggiungi(*_copertura(f, r))
    doc.aggiungi(*_facoltativa(f, v, "formazione"))
    doc.aggiungi(*_eccedenze(f, r))
    doc.aggiungi(*_note_verifica(r))
    doc.aggiungi(*_chiusura(r, v, parametri))
    doc.bozza = r.esito != "conforme" or any(isinstance(b, Segnaposto) for b in doc.blocchi)
    return doc


# --- premessa ------------------------------------------------------------------------------


def _premessa(f: Fascicolo, r: Risultato, v: Variante) -> list[Blocco]:
    triennio = _anni(f.primo_anno, f.primo_anno + 2)
    blocchi: list[Blocco] = [
        Paragrafo(
            testo=(
                f"La presente sottosezione costituisce il piano triennale dei fabbisogni di "
                f"personale per il triennio {triennio}, adottato ai sensi dell'art. 6 del D.Lgs. "
                "165/2001 e dell'art. 91 del D.Lgs. 267/2000 e inserito nel Piano integrato di "
                "attività e organizzazione (art. 6 D.L. 80/2021, conv. L. 113/2021), con i "
                "contenuti indicati dall'art. 4, comma 1, lett. c), del D.M. 30 giugno 2022, n. 132."
            )
        )
    ]
    soglia = v.soglia
    da_confermare = (
        " La soglia è indicata come da confermare sul testo pubblicato in Gazzetta."
        if v.parametro.da_confermare
        else ""
    )
    if v.semplificata:
        tenute = [p.contenuto for p in PARTI if p.semplificato]
        omesse = [p.contenuto for p in PARTI if not p.semplificato]
        blocchi.append(
            Paragrafo(
                stile="evidenza",
                testo=(
                    f"Ente con meno di {soglia} dipendenti ({v.dipendenti} al 31/12/"
                    f"{f.primo_anno - 1}, {v.fonte_dipendenti}): PIAO in forma semplificata ai "
                    f"sensi dell'art. 6 del D.M. 132/2022."
                ),
            )
        )
        blocchi.append(
            Paragrafo(
                testo=(
                    "La sottosezione comprende: "
                    + _elenco_testo(tenute, "; ")
                    + ". Non comprende, perché non richiesti agli enti con meno di "
                    f"{soglia} dipendenti ({RIF_ART6}): " + _elenco_testo(omesse, "; ") + "."
                ),
            )
        )
        blocchi.append(
            Paragrafo(stile="nota", testo=f"Soglia: {v.parametro.fonte}.{da_confermare}")
        )
    elif v.dipendenti is None:
        blocchi.append(
            Paragrafo(
                stile="nota",
                testo=(
                    "Il fascicolo non indica il numero dei dipendenti né la consistenza al 31 "
                    f"dicembre: la sottosezione è redatta in forma completa (la forma semplificata "
                    f"dell'art. 6 del D.M. 132/2022 vale per gli enti con meno di {soglia} "
                    "dipendenti)."
                ),
            )
        )
    else:
        blocchi.append(
            Paragrafo(
                stile="nota",
                testo=(
                    f"Dipendenti al 31/12/{f.primo_anno - 1}: {v.dipendenti} ({v.fonte_dipendenti}),"
                    f" non meno di {soglia}: sottosezione in forma completa ({v.parametro.fonte})."
                    + da_confermare
                ),
            )
        )
    gravi = [x for x in r.rilievi if x.gravita == "grave"]
    if gravi:
        blocchi.append(
            Paragrafo(
                stile="evidenza",
                testo=(
                    f"La verifica delle cifre ha prodotto {len(gravi)} "
                    + ("rilievo grave" if len(gravi) == 1 else "rilievi gravi")
                    + ": vedi le «Note di verifica» in fondo alla sottosezione."
                ),
            )
        )
    return blocchi


# --- 3.3.1 consistenza ---------------------------------------------------------------------


def _ordine_area(area: str) -> int:
    return list(AREA).index(area) if area in AREA else len(AREA)


def _somma_opzionale(valori: Iterable[Decimal | int | None]) -> Decimal | None:
    totale = Decimal(0)
    for x in valori:
        if x is None:
            return None
        totale += Decimal(x)
    return totale


def _ni(valore: Decimal | int | None, decimali: int = 0) -> str:
    return "n.i." if valore is None else fmt_numero(valore, decimali)


def _consistenza(f: Fascicolo, v: Variante) -> list[Blocco]:
    anno = f.primo_anno - 1
    parte = PARTE["consistenza"]
    blocchi: list[Blocco] = [Titolo(livello=1, testo=parte.titolo.format(anno=anno))]
    if not f.consistenza:
        blocchi.append(
            segnaposto(
                parte,
                extra=": il fascicolo non contiene la tabella della consistenza del personale"
                + (f"; dipendenti dichiarati: {f.ente.dipendenti}" if f.ente.dipendenti else ""),
            )
        )
        return blocchi
    voci = sorted(f.consistenza, key=lambda x: _ordine_area(x.area))  # stable: file order kept
    teste = sum(x.teste for x in voci)
    blocchi.append(
        Paragrafo(
            testo=(
                f"Al 31/12/{anno} prestano servizio presso l'ente {teste} unità di personale, "
                "così distribuite per area di inquadramento (CCNL Funzioni Locali 16/11/2022) e "
                "profilo professionale:"
            )
        )
    )
    con_servizio = any(x.servizio for x in voci)
    intestazioni = ["Profilo professionale"]
    if con_servizio:
        intestazioni.append("Servizio")
    intestazioni += ["Unità (teste)", "di cui part-time", "FTE"]
    vuote = [""] * (len(intestazioni) - 4)
    righe: list[Riga] = []
    for area in [a for a in AREA if any(x.area == a for x in voci)]:
        gruppo = [x for x in voci if x.area == area]
        righe.append(Riga(tipo="gruppo", celle=[etichetta(AREA, area)]))
        for x in gruppo:
            celle = [_profilo_consistenza(x)]
            if con_servizio:
                celle.append(x.servizio or "")
            celle += [fmt_numero(x.teste), _ni(x.part_time), _ni(x.fte, 2)]
            righe.append(Riga(celle=celle))
        righe.append(
            Riga(tipo="totale", celle=[f"Totale {etichetta(AREA, area)}", *vuote, *_tot(gruppo)])
        )
    righe.append(Riga(tipo="totale", celle=["Totale complessivo", *vuote, *_tot(voci)]))
    n_i = any(x.part_time is None or x.fte is None for x in voci)
    nota = "FTE: unità equivalenti a tempo pieno."
    if n_i:
        nota += (
            " n.i. = non indicato nel fascicolo, nella tabella della consistenza: dato da "
            "completare a cura dell'ente; un totale è n.i. se lo è almeno una delle sue righe."
        )
    blocchi.append(
        Tabella(
            didascalia=f"Personale in servizio al 31/12/{anno}",
            intestazioni=intestazioni,
            righe=righe,
            allineamento=[SX] * (len(intestazioni) - 3) + [DX, DX, DX],
            nota=nota,
        )
    )
    if f.ente.dipendenti is not None and f.ente.dipendenti != teste:
        blocchi.append(
            Paragrafo(
                stile="evidenza",
                testo=(
                    f"Attenzione: il fascicolo dichiara {f.ente.dipendenti} dipendenti, ma la "
                    f"consistenza ne elenca {teste}."
                ),
            )
        )
    if f.testi.consistenza:
        blocchi.extend(_testo_ente(f.testi.consistenza))
    return blocchi


def _profilo_consistenza(x: VoceConsistenza) -> str:
    if x.tipo_contratto == "tempo_indeterminato":
        return x.profilo
    return f"{x.profilo} ({etichetta(TIPO_CONTRATTO, x.tipo_contratto)})"


def _tot(voci: list[VoceConsistenza]) -> list[str]:
    return [
        fmt_numero(sum(x.teste for x in voci)),
        _ni(_somma_opzionale(x.part_time for x in voci)),
        _ni(_somma_opzionale(x.fte for x in voci), 2),
    ]


# --- 3.3.2 a) capacità assunzionale: D.M. 17/03/2020 ---------------------------------------


def _dm(f: Fascicolo, r: Risultato) -> list[Blocco]:
    d = r.dm
    e = r.ente
    a0, a2 = d.anni_entrate[0], d.anni_entrate[-1]
    rapporto = _pct_rapporto(d.rapporto, d.valore_soglia, d.soglia_rientro)
    t1, t3 = _pct(d.valore_soglia, 1), _pct(d.soglia_rientro, 1)
    blocchi: list[Blocco] = [
        Titolo(livello=3, testo="a.1) Sostenibilità finanziaria: D.M. 17 marzo 2020"),
        Paragrafo(
            testo=(
                "Ai sensi dell'art. 33, comma 2, del D.L. 34/2019, convertito dalla L. 58/2019, e "
                "del D.M. 17 marzo 2020, i comuni possono assumere personale a tempo "
                "indeterminato in coerenza con il piano triennale dei fabbisogni e fermo restando "
                "il rispetto pluriennale dell'equilibrio di bilancio asseverato dall'organo di "
                "revisione, sino a una spesa complessiva per il personale non superiore al valore "
                "soglia definito come percentuale delle entrate correnti."
            )
        ),
        Paragrafo(
            testo=(
                f"La spesa di personale del rendiconto {d.anno_rendiconto} (impegni di competenza, "
                "al lordo degli oneri riflessi e al netto dell'IRAP; art. 2, comma 1, lett. a), "
                f"del D.M.) è pari a {_eur(d.spesa_personale)}. Le entrate correnti, media degli "
                f"accertamenti dei titoli I, II e III dei rendiconti {_anni(a0, a2)} "
                f"({_eur(d.media_entrate)}) al netto del fondo crediti di dubbia esigibilità "
                f"stanziato nel bilancio di previsione {f.fcde.anno} ({_eur(d.fcde)}), sono pari "
                f"a {_eur(d.entrate_correnti_nette)} (art. 2, comma 1, lett. b), del D.M.)."
            )
        ),
        Paragrafo(
            testo=(
                f"Il rapporto tra spesa di personale ed entrate correnti è pari al {rapporto}. Il "
                f"Comune, con {fmt_numero(e.popolazione)} abitanti al 31/12/{e.anno_popolazione}, "
                f"appartiene alla fascia demografica {e.fascia} (art. 3 del D.M.), per la quale il "
                f"valore soglia della Tabella 1 è il {t1} e la soglia di rientro della Tabella 3 "
                f"è il {t3}."
            )
        ),
        Paragrafo(testo=_collocazione(f, r, rapporto, t1, t3)),
    ]
    turnover = [a.anno for a in r.anni if a.regola_dm == "solo_turnover"]
    if turnover:
        blocchi.append(
            Paragrafo(
                stile="evidenza",
                testo=(
                    "L'organo di revisione non ha asseverato il rispetto pluriennale "
                    "dell'equilibrio di bilancio (art. 33, comma 2, D.L. 34/2019): gli spazi del "
                    "D.M. non sono utilizzabili e vale il solo turn over, cioè le assunzioni sono "
                    "consentite solo entro le cessazioni (Corte dei conti, Sezioni riunite, "
                    f"7/2022). {_per(turnover).capitalize()} il limite è perciò la spesa di "
                    "personale dell'ultimo rendiconto"
                    + (
                        f"; lo spazio di {_eur(d.spazio_assunzionale)} indicato sopra non è "
                        "utilizzabile."
                        if d.spazio_assunzionale
                        else "."
                    )
                ),
            )
        )
    elif _asseverazione_da_documentare(r):
        blocchi.append(
            Paragrafo(
                stile="evidenza",
                testo=(
                    f"Il fascicolo non documenta l'asseverazione: {SPAZI_DA_ASSEVERARE}. "
                    "I limiti e la capacità assunzionale che seguono sono calcolati con gli spazi "
                    "del D.M. e valgono solo con l'asseverazione; se l'organo di revisione non la "
                    "rendesse, varrebbe il solo turn over (Corte dei conti, Sezioni riunite, "
                    "7/2022)."
                ),
            )
        )
    blocchi.append(_tabella_dm(f, r))
    return blocchi


def _collocazione(f: Fascicolo, r: Risultato, rapporto: str, t1: str, t3: str) -> str:
    d = r.dm
    anno = f.primo_anno
    if d.collocazione == "intermedio":
        return (
            f"Il rapporto è compreso tra il valore soglia della Tabella 1 ({t1}) e la soglia di "
            f"rientro della Tabella 3 ({t3}): ai sensi dell'art. 6 del D.M. il Comune non può "
            "incrementare il rapporto rispetto a quello dell'ultimo rendiconto approvato. Il "
            "limite di ciascun anno è quindi il rapporto del rendiconto applicato alle entrate "
            "correnti dell'anno, come da tabella seguente."
        )
    if d.collocazione == "sopra_soglia":
        return (
            f"Il rapporto supera la soglia di rientro della Tabella 3 ({t3}): il limite di "
            "ciascun anno è quello dell'art. 6 del D.M. per i comuni sopra soglia, secondo la "
            f"regola applicata: {_regole_per_anno(r)}. Il rapporto, il limite e il margine di "
            "ciascun anno sono indicati nella tabella della sostenibilità del piano."
        )
    testo = (
        f"Il rapporto non supera il valore soglia della Tabella 1 ({t1}): il Comune è tra i comuni "
        "virtuosi e può incrementare la spesa di personale, per assunzioni a tempo "
        "indeterminato, sino alla spesa corrispondente al valore soglia, pari a "
        f"{_eur(d.spesa_soglia)} (art. 4, comma 2, del D.M.)."
    )
    art5 = _passo(r, f"dm.{anno}.limite_art5")
    t2 = _passo(r, f"dm.{anno}.tabella_2")
    if art5 is not None:
        limite_art5 = Decimal(art5.valore)
        spesa_2018 = _dato(art5, "spesa 2018")
        resti = _dato(art5, "resti assunzionali") or Decimal(0)
        pct = next((Decimal(p.valore) for p in art5.parametri), None)
        if d.regola_spazio == "resti_2015_2019":
            incremento = (
                f"dei resti assunzionali 2015–2019 di {_eur(resti)} (art. 5, comma 2, alternativi "
                "alla Tabella 2 perché più favorevoli)"
            )
        else:
            incremento = f"del {_pct_tabella(pct) if pct is not None else 'n.d.'} della Tabella 2"
        base = f"la spesa di personale 2018, {_eur(spesa_2018)}, incrementata {incremento}"
        if d.regola_spazio in ("tabella_2", "resti_2015_2019"):
            testo += (
                f" Per il {anno} opera anche il limite dell'art. 5, comma 1, del D.M.: {base}, "
                f"cioè {_eur(limite_art5)}; è inferiore alla spesa al valore soglia e quindi "
                "vincolante."
            )
        else:
            testo += (
                f" Per il {anno} il limite dell'art. 5, comma 1, del D.M. ({base}, cioè "
                f"{_eur(limite_art5)}) è superiore alla spesa al valore soglia, che resta quindi "
                "il limite."
            )
    elif t2 is not None and d.spesa_massima is not None:
        testo += (
            f" Per il {anno} la Tabella 2 (art. 5, comma 1, del D.M.) non si applica: il limite "
            "è la sola Tabella 1."
        )
    if d.spesa_massima is None:
        testo += (
            f" Il fascicolo non indica la spesa di personale 2018: il limite dell'art. 5, comma 1, "
            f"del D.M. per il {anno}, e con esso la spesa massima e lo spazio assunzionale, non "
            "sono determinabili."
        )
    else:
        testo += (
            f" La spesa massima per il {anno} è pertanto {_eur(d.spesa_massima)} e lo spazio "
            "assunzionale, rispetto alla spesa dell'ultimo rendiconto, è di "
            f"{_eur(d.spazio_assunzionale)}. I maggiori spazi sono utilizzabili esclusivamente "
            "per assunzioni a tempo indeterminato; la maggior spesa che ne deriva non rileva per "
            f"il limite del {_comma(r)} (art. 7, comma 1, del D.M.)."
        )
    return testo


def _regole_per_anno(r: Risultato) -> str:
    """``per il 2024, <rule>; per gli anni 2025 e 2026, <rule>``: consecutive years grouped."""
    gruppi: list[tuple[str | None, list[int]]] = []
    for a in r.anni:
        if gruppi and gruppi[-1][0] == a.regola_dm:
            gruppi[-1][1].append(a.anno)
        else:
            gruppi.append((a.regola_dm, [a.anno]))
    return "; ".join(f"{_per(anni)}, {etichetta(REGOLA_DM, regola)}" for regola, anni in gruppi)


def _tabella_dm(f: Fascicolo, r: Risultato) -> Tabella:
    d = r.dm
    e = r.ente
    anno = f.primo_anno
    sp = f.spesa_personale
    righe: list[Riga] = []
    dettaglio = len(sp.componenti) > 1 or sp.rettifiche or sp.neutralizzate
    if dettaglio:
        for c in sp.componenti:
            righe.append(Riga(celle=[c.voce, _num(c.importo), c.riferimento or ""]))
        for c in sp.rettifiche:
            righe.append(Riga(celle=[f"Rettifica: {c.voce}", _num(c.importo), c.riferimento]))
        for n in sp.neutralizzate:
            righe.append(
                Riga(celle=[f"Spesa neutralizzata: {n.voce}", _num(-n.importo), n.riferimento])
            )
    righe.append(
        Riga(
            tipo="totale" if dettaglio else "dati",
            celle=[
                f"(a) Spesa di personale, rendiconto {d.anno_rendiconto}",
                _num(d.spesa_personale),
                "art. 2, c. 1, lett. a)",
            ],
        )
    )
    media = _passo(r, "dm.media_entrate")
    for x in media.input if media else []:
        righe.append(
            Riga(
                celle=[
                    f"Entrate correnti {x.nome.removeprefix('entrate ')} (titoli I, II e III)",
                    _num(Decimal(x.valore)),
                    "",
                ]
            )
        )
    righe += [
        Riga(
            celle=[
                f"Media delle entrate correnti {_anni(d.anni_entrate[0], d.anni_entrate[-1])}",
                _num(d.media_entrate),
                "art. 2, c. 1, lett. b)",
            ]
        ),
        Riga(
            celle=[
                f"FCDE stanziato nel bilancio di previsione {f.fcde.anno} (assestato)",
                _num(d.fcde),
                "art. 2, c. 1, lett. b)",
            ]
        ),
        Riga(
            tipo="totale", celle=["(b) Entrate correnti nette", _num(d.entrate_correnti_nette), ""]
        ),
        Riga(
            tipo="totale",
            celle=[
                "Rapporto (a) / (b)",
                _pct_rapporto(d.rapporto, d.valore_soglia, d.soglia_rientro),
                "art. 2",
            ],
        ),
        Riga(
            celle=[
                f"Valore soglia, Tabella 1 (fascia {e.fascia})",
                _pct(d.valore_soglia, 1),
                "art. 4, c. 1",
            ]
        ),
        Riga(
            celle=[
                f"Soglia di rientro, Tabella 3 (fascia {e.fascia})",
                _pct(d.soglia_rientro, 1),
                "art. 6",
            ]
        ),
        Riga(celle=["Collocazione", d.collocazione.replace("_", " "), "artt. 4 e 6"]),
        Riga(
            celle=[
                "Spesa corrispondente al valore soglia (Tabella 1 × (b))",
                _num(d.spesa_soglia),
                "art. 4, c. 2",
            ]
        ),
    ]
    if d.collocazione == "virtuoso":
        art5 = _passo(r, f"dm.{anno}.limite_art5")
        if art5 is not None:
            righe.append(
                Riga(
                    celle=[
                        f"Limite art. 5 per il {anno} (spesa 2018 incrementata)",
                        _num(Decimal(art5.valore)),
                        "art. 5, cc. 1 e 2",
                    ]
                )
            )
        righe.append(
            Riga(
                celle=[
                    f"Spesa massima {anno}",
                    _num(d.spesa_massima),
                    "artt. 4, c. 2, e 5",
                ]
            )
        )
        righe.append(
            Riga(
                tipo="totale",
                celle=[
                    f"Spazio assunzionale {anno} (spesa massima − (a))",
                    _num(d.spazio_assunzionale),
                    "art. 4, c. 2",
                ],
            )
        )
    return Tabella(
        didascalia="Prospetto del D.M. 17/03/2020 (importi in euro)",
        intestazioni=["Voce", "Importo / valore", "D.M. 17/03/2020"],
        righe=righe,
        allineamento=[SX, DX, SX],
    )


def _sostenibilita(f: Fascicolo, r: Risultato) -> list[Blocco]:
    anni = r.anni
    base = r.dm.anno_rendiconto

    def riga(nome: str, valori: list[str], tipo: str = "dati") -> Riga:
        return Riga(celle=[nome, *valori], tipo=tipo)  # type: ignore[arg-type]

    media = [a.anno for a in anni if not a.entrate_previste]
    righe = [
        riga(f"Spesa di personale, rendiconto {base}", [_num(r.dm.spesa_personale)] * len(anni)),
        riga(
            "+ assunzioni in servizio al 31/12 (costo annuo a regime)",
            [_num(a.assunzioni) for a in anni],
        ),
        riga(
            "− cessazioni fino all'anno (costo annuo a regime)", [_num(a.cessazioni) for a in anni]
        ),
        riga("Spesa di personale a regime", [_num(a.spesa_personale) for a in anni], "totale"),
        riga(
            "Entrate correnti nette" + (" (*)" if media else ""),
            [_num(a.entrate_correnti) for a in anni],
        ),
        riga("Rapporto spesa / entrate", [_pct(a.rapporto) for a in anni]),
        riga("Limite di spesa D.M.", [_num(a.limite_dm) for a in anni]),
        riga("Margine (limite − spesa a regime)", [_num(a.margine_dm) for a in anni]),
        riga("Esito", [ESITO_LIMITE[a.esito_dm] for a in anni], "totale"),
        riga(
            "Spesa di personale di competenza (per il bilancio)",
            [_num(a.spesa_competenza) for a in anni],
        ),
    ]
    regole = {a.anno: etichetta(REGOLA_DM, a.regola_dm) for a in anni}
    if len(set(regole.values())) == 1:
        testo_regole = f"Limite di ogni anno: {next(iter(regole.values()))}."
    else:
        testo_regole = "Limite: " + "; ".join(f"{k}: {v}" for k, v in regole.items()) + "."
    nota = (
        "Spesa a regime: spesa del rendiconto più il costo annuo intero delle assunzioni in "
        "servizio al 31 dicembre, meno quello delle cessazioni avvenute fino all'anno (senza IRAP, "
        "al netto delle quote finanziate da terzi). La spesa di competenza pesa ogni movimento per "
        "i mesi dell'anno e serve al bilancio, non alla verifica. " + testo_regole
    )
    if media:
        nota += (
            f" (*) {_per(media).capitalize()} il fascicolo non contiene una previsione delle "
            "entrate: si usa la media dei tre rendiconti al netto del FCDE."
        )
    superati = [a.anno for a in anni if a.esito_dm is False]
    ignoti = [a.anno for a in anni if a.esito_dm is None]
    if superati:
        esito = (
            f"{_nel(superati).capitalize()} la spesa a regime del piano supera il limite del "
            "D.M.: il piano va ridotto o rimodulato."
        )
    elif ignoti:
        esito = (
            f"{_per(ignoti).capitalize()} il limite del D.M. non è determinabile con i dati del "
            "fascicolo: il rispetto non è verificabile."
        )
    else:
        esito = (
            "In ciascun anno del triennio la spesa a regime del piano rispetta il limite del D.M."
        )
        if _asseverazione_da_documentare(r):
            esito = (
                "In ciascun anno del triennio la spesa a regime del piano rispetta il limite del "
                f"D.M., calcolato con gli spazi assunzionali: {SPAZI_DA_ASSEVERARE}."
            )
    return [
        Paragrafo(
            testo=(
                "La sostenibilità del piano è verificata per ciascun anno del triennio: alla spesa "
                "dell'ultimo rendiconto si somma il costo annuo a regime delle assunzioni "
                "programmate e si sottrae quello delle cessazioni, e il rapporto con le entrate "
                f"correnti dell'anno si confronta con il limite. {esito}"
            )
        ),
        Tabella(
            didascalia="Sostenibilità del piano, anno per anno (importi in euro)",
            intestazioni=["", *[str(a.anno) for a in anni]],
            righe=righe,
            allineamento=[SX] + [DX] * len(anni),
            nota=nota,
        ),
    ]


# --- a.2) comma 557 ------------------------------------------------------------------------


def _comma557(f: Fascicolo, r: Risultato) -> list[Blocco]:
    c = r.comma_557
    titolo = Titolo(
        livello=3,
        testo=f"a.2) Tetto della spesa di personale: art. 1, {_comma(r)}, L. 296/2006",
    )
    if not c.presente:
        return [
            titolo,
            Paragrafo(
                stile="evidenza",
                testo=(
                    f"Il fascicolo non contiene il prospetto della spesa di personale ai sensi "
                    f"dell'art. 1, comma {c.comma}, L. 296/2006: il rispetto del tetto di spesa non "
                    "è verificabile e va documentato."
                ),
            ),
        ]
    base = (
        "la spesa media del triennio 2011–2013" if c.comma != "562" else "la spesa dell'anno 2008"
    )
    testo = (
        f"Ai sensi dell'art. 1, comma {c.comma}, della L. 296/2006 la spesa di personale "
        "(aggregato comprensivo dell'IRAP, al netto delle componenti escluse e della maggior spesa "
        "per assunzioni effettuate con gli spazi del D.M. 17/03/2020, art. 7, comma 1) non può "
        f"superare {base}, pari a {_eur(c.limite)}."
    )
    verificati = [a for a in r.anni if a.esito_557 is not None]
    if verificati:
        testo += (
            " La spesa soggetta al limite è pari a "
            + _elenco_testo(
                [
                    f"{_eur(a.spesa_557)} nel {a.anno} (margine {_eur(a.margine_557)}, "
                    f"{ESITO_LIMITE[a.esito_557]})"
                    for a in verificati
                ]
            )
            + "."
        )
    blocchi: list[Blocco] = [titolo, Paragrafo(testo=testo)]
    ignoti = [a.anno for a in r.anni if a.esito_557 is None]
    if ignoti:
        blocchi.append(
            Paragrafo(
                stile="evidenza",
                testo=(
                    f"{_per(ignoti).capitalize()} il fascicolo non contiene la previsione della "
                    "spesa né la colonna del rendiconto da cui derivarla: il rispetto del limite "
                    "non è verificabile e va documentato."
                ),
            )
        )
    superati = [a.anno for a in r.anni if a.esito_557 is False]
    if superati:
        blocchi.append(
            Paragrafo(
                stile="evidenza",
                testo=(
                    f"{_nel(superati).capitalize()} il limite è superato: ne deriva il divieto di "
                    "procedere ad assunzioni a qualsiasi titolo ("
                    + norma_divieto(r.comma_557.comma)
                    + ")."
                ),
            )
        )
    colonne = c.colonne
    intest = ["Voce"] + [col.etichetta + (" (*)" if col.derivata else "") for col in colonne]

    def riga(nome: str, valori: list[str], tipo: str = "dati") -> Riga:
        return Riga(celle=[nome, *valori], tipo=tipo)  # type: ignore[arg-type]

    righe = [
        riga("(A) Totale spese di personale", [_num(x.totale) for x in colonne]),
        riga("(B) Componenti escluse", [_num(x.escluse) for x in colonne]),
        riga(
            "(C) Maggior spesa D.M. 17/03/2020, art. 7, c. 1",
            [_num(x.maggior_spesa_dm) for x in colonne],
        ),
        riga(
            "(A − B − C) Componenti assoggettate al limite",
            [_num(x.assoggettata) for x in colonne],
            "totale",
        ),
        riga("Limite di spesa", [_num(x.limite) if x.limite is not None else "" for x in colonne]),
        riga("Margine", [_num(x.margine) if x.margine is not None else "" for x in colonne]),
        riga(
            "Esito",
            [ESITO_LIMITE[x.esito] if x.limite is not None else "" for x in colonne],
            "totale",
        ),
    ]
    nota = None
    if any(col.derivata for col in colonne):
        nota = (
            "(*) Colonna derivata dal rendiconto e dal piano: assunzioni e cessazioni con il costo "
            "comprensivo dell'IRAP, per i mesi di servizio dell'anno."
        )
    blocchi.append(
        Tabella(
            didascalia=f"Prospetto del comma {c.comma} (importi in euro)",
            intestazioni=intest,
            righe=righe,
            allineamento=[SX] + [DX] * len(colonne),
            nota=nota,
        )
    )
    return blocchi


# --- a.3) lavoro flessibile ----------------------------------------------------------------


def _flessibile(f: Fascicolo, r: Risultato, parametri: Parametri) -> list[Blocco]:
    titolo = Titolo(livello=3, testo="a.3) Lavoro flessibile: art. 9, comma 28, D.L. 78/2010")
    lf = f.lavoro_flessibile
    if lf is None:
        testo = (
            "Il fascicolo non indica la spesa per lavoro flessibile del 2009 né un parametro "
            "motivato: il limite dell'art. 9, comma 28, del D.L. 78/2010 non è determinabile."
        )
        if all(a.spesa_flessibile == 0 for a in r.anni):
            testo += " Il piano non prevede spesa per lavoro flessibile nel triennio."
        return [titolo, Paragrafo(testo=testo)]
    b = lf.base
    if b.tipo == "parametro_motivato":
        testo = (
            "La spesa per lavoro flessibile (tempo determinato, somministrazione, collaborazioni "
            "coordinate e continuative, formazione e lavoro, art. 110, comma 2, e art. 90 TUEL) "
            "è soggetta al limite dell'art. 9, comma 28, del D.L. 78/2010. In assenza di spesa "
            "per le stesse finalità nel 2009 e nel triennio 2007–2009, il limite è il parametro "
            f"fissato con {b.atto}, pari a {_eur(b.importo)}, in conformità alla deliberazione "
            "della Corte dei conti, Sezione delle Autonomie, n. 1/2017."
        )
    else:
        base = "nell'anno 2009" if b.tipo == "spesa_2009" else "in media nel triennio 2007–2009"
        giorno = date(f.primo_anno, 12, 31)
        ordinaria, _ = parametri.leggi("dl78.flessibile.percentuale", giorno)
        in_regola, _ = parametri.leggi("dl78.flessibile.percentuale_enti_in_regola_557", giorno)
        testo = (
            "La spesa per lavoro flessibile (tempo determinato, somministrazione, collaborazioni "
            "coordinate e continuative, formazione e lavoro, art. 110, comma 2, e art. 90 TUEL) "
            f"non può superare il {_pct(ordinaria, 0)} della spesa sostenuta per le stesse "
            f"finalità {base}, pari a {_eur(b.importo)}; la percentuale è il "
            f"{_pct(in_regola, 0)} per gli enti in regola con l'art. 1, commi 557 e 562, "
            "L. 296/2006 (art. 9, comma 28, D.L. 78/2010). Il limite di ciascun anno è indicato "
            "nella tabella seguente."
        )
    testo += (
        " Sono escluse le assunzioni ex art. 110, comma 1, TUEL e quelle finanziate dal PNRR ai "
        "sensi dell'art. 31-bis del D.L. 152/2021, nel periodo di deroga."
    )
    righe = [
        Riga(
            celle=[
                str(a.anno),
                _num(a.spesa_flessibile),
                _num(a.limite_flessibile),
                _num(a.margine_flessibile),
                ESITO_LIMITE[a.esito_flessibile],
            ]
        )
        for a in r.anni
    ]
    return [
        titolo,
        Paragrafo(testo=testo),
        Tabella(
            didascalia="Prospetto del lavoro flessibile (importi in euro)",
            intestazioni=["Anno", "Spesa prevista", "Limite", "Margine", "Esito"],
            righe=righe,
            allineamento=[SX, DX, DX, DX, SX],
            nota=(
                "Spesa prevista: spesa indicata dall'ente più le assunzioni flessibili del piano, "
                "per i mesi di servizio dell'anno, senza IRAP."
            ),
        ),
    ]


# --- a.4) presupposti ----------------------------------------------------------------------


def _presupposti(r: Risultato) -> list[Blocco]:
    righe = []
    for p in r.presupposti:
        atto = "; ".join(x for x in (_atto(p.atto, p.data), p.note) if x)
        righe.append(Riga(celle=[p.descrizione, p.riferimento, ESITO_PRESUPPOSTO[p.esito], atto]))
    non_rispettati = [p for p in r.presupposti if p.esito == "non_rispettato"]
    non_doc = [p for p in r.presupposti if p.esito == "non_documentato"]
    if not non_rispettati and not non_doc:
        testo = (
            "Tutti i presupposti per procedere ad assunzioni di personale risultano rispettati, "
            "come da tabella seguente."
        )
    else:
        parti = []
        if non_rispettati:
            parti.append(
                "non risultano rispettati: "
                + "; ".join(p.descrizione.rstrip(".") for p in non_rispettati)
            )
        if non_doc:
            parti.append(
                "non risultano documentati nel fascicolo: "
                + "; ".join(p.descrizione.rstrip(".") for p in non_doc)
            )
        testo = (
            "Dei presupposti per procedere ad assunzioni di personale "
            + " — ".join(parti)
            + ". Ciascuno va rispettato e documentato prima delle assunzioni."
        )
        asseverazione = _esito_presupposto(r, "asseverazione_equilibri")
        if asseverazione == "non_rispettato":
            testo += (
                " L'organo di revisione non ha asseverato il rispetto pluriennale dell'equilibrio "
                "di bilancio: sono consentite solo assunzioni entro le cessazioni (solo turn over)."
            )
        elif asseverazione == "non_documentato":
            testo += (
                " L'asseverazione dell'organo di revisione sul rispetto pluriennale "
                "dell'equilibrio di bilancio (art. 33, comma 2, D.L. 34/2019) è ancora da "
                "documentare: solo con essa sono utilizzabili gli spazi del D.M."
            )
    return [
        Titolo(livello=3, testo="a.4) Presupposti per procedere ad assunzioni"),
        Paragrafo(testo=testo),
        Tabella(
            didascalia="Verifica dei presupposti",
            intestazioni=["Presupposto", "Norma", "Esito", "Atto / note"],
            righe=righe,
            allineamento=[SX, SX, SX, SX],
        ),
    ]


# --- 3.3.2 b) cessazioni, c) evoluzione ----------------------------------------------------


def _profilo_servizio(profilo: str, servizio: str | None, fte: Decimal) -> str:
    testo = profilo + (f" — {servizio}" if servizio else "")
    return testo + (f" ({_quota(fte)})" if fte != 1 else "")


def _cessazioni(f: Fascicolo, r: Risultato, parametri: Parametri) -> list[Blocco]:
    parte = PARTE["cessazioni"]
    blocchi: list[Blocco] = [Titolo(livello=2, testo=parte.titolo)]
    triennio = _anni(f.primo_anno, f.primo_anno + 2)
    if not f.cessazioni:
        if f.testi.cessazioni:
            blocchi.extend(_testo_ente(f.testi.cessazioni))
        else:
            blocchi.append(
                Paragrafo(testo=f"Il fascicolo non registra cessazioni per il triennio {triennio}.")
            )
            blocchi.append(
                segnaposto(parte, extra=": indicare se sono previste cessazioni nel triennio")
            )
        return blocchi
    blocchi.append(
        Paragrafo(
            testo=(
                f"Le cessazioni dal servizio previste nel triennio {triennio}, sulla base della "
                "disciplina vigente e delle informazioni disponibili, sono le seguenti; il costo "
                "annuo di ciascuna cessa di gravare sulla spesa di personale dall'anno della "
                "cessazione."
            )
        )
    )
    righe: list[Riga] = []
    for anno in f.anni_piano:
        nell_anno = sorted(
            (c for c in f.cessazioni if c.anno == anno), key=lambda c: (c.mese, c.id)
        )
        if not nell_anno:
            righe.append(
                Riga(tipo="gruppo", celle=[f"{anno} — nessuna cessazione registrata nel fascicolo"])
            )
            continue
        righe.append(Riga(tipo="gruppo", celle=[str(anno)]))
        for c in nell_anno:
            righe.append(Riga(celle=_riga_cessazione(c)))
        righe.append(
            Riga(
                tipo="totale",
                celle=[
                    f"Totale {anno}",
                    "",
                    "",
                    f"{len(nell_anno)} unità",
                    "",
                    _num(sum((c.costo_annuo for c in nell_anno), Decimal(0))),
                    _num(sum((c.costo_annuo_con_irap for c in nell_anno), Decimal(0))),
                ],
            )
        )
    fuori = [c for c in f.cessazioni if c.anno not in f.anni_piano]
    blocchi.append(
        Tabella(
            didascalia=f"Cessazioni previste {triennio} (importi in euro)",
            intestazioni=[
                "Rif.",
                "Dal",
                "Area",
                "Profilo e servizio",
                "Causa",
                "Costo annuo",
                "Costo annuo con IRAP",
            ],
            righe=righe,
            allineamento=[SX, SX, SX, SX, SX, DX, DX],
            nota=(
                "Dal: primo giorno senza servizio (mese indicato nel fascicolo). Costo annuo: "
                "senza IRAP, rilevante per il D.M. 17/03/2020; con IRAP: rilevante per il "
                f"{_comma(r)}."
                + (f" Cessazioni fuori dal triennio, non riportate: {len(fuori)}." if fuori else "")
            ),
        )
    )
    if f.personale:
        blocchi.extend(_proiezione(f, r, parametri))
    if f.testi.cessazioni:
        blocchi.extend(_testo_ente(f.testi.cessazioni))
    return blocchi


def _proiezione(f: Fascicolo, r: Risultato, parametri: Parametri) -> list[Blocco]:
    """How the cessations were found from the roster, and the range of the other exits."""
    from fabbisogni.personale.proiezione import IPOTESI_TESTO, proietta

    p = proietta(f, parametri)
    # The checked case holds the roster's cessations as rows: the result says which were pensions.
    pensioni = sum(
        1 for c in r.cessazioni_personale if c.origine != "nota" and c.anno in f.anni_piano
    )
    note = sum(1 for c in f.cessazioni if c.anno in f.anni_piano) - pensioni
    persone = "1 persona" if len(f.personale) == 1 else f"{len(f.personale)} persone"
    testo = (
        f"Il personale in servizio al 31/12/{f.primo_anno - 1} ({persone}) è stato esaminato "
        f"persona per persona: {_quante(note, 'cessazione già nota', 'cessazioni già note')} "
        f"e {_quante(pensioni, 'pensionamento', 'pensionamenti')}, determinati dai requisiti "
        "vigenti (pensione di "
        "vecchiaia e anticipata con le finestre CPDEL, limite ordinamentale, trattenimento in "
        "servizio: L. 199/2025, L. 213/2023, L. 207/2024), nell'ipotesi di "
        f"{IPOTESI_TESTO[p.ipotesi]}."
    )
    if p.escluse:
        testo += (
            " Non è proiettata una persona con contratto diverso dal tempo indeterminato."
            if len(p.escluse) == 1
            else f" Non sono proiettate {fmt_numero(len(p.escluse))} persone con contratto "
            "diverso dal tempo indeterminato."
        )
    blocchi: list[Blocco] = [Paragrafo(testo=testo)]
    s = p.simulazione
    if s is None or not p.tassi:
        return blocchi
    tassi = sorted({t.tasso for t in p.tassi})
    tasso = (
        _pct(tassi[0])
        if len(tassi) == 1
        else f"tra {_pct(tassi[0])} e {_pct(tassi[-1])} secondo l'area"
    )
    origini = sorted({t.origine.split(":")[0] for t in p.tassi})
    righe = [
        Riga(
            celle=[
                str(a.anno),
                f"{a.altre_uscite.p10}–{a.altre_uscite.p90} (mediana {a.altre_uscite.mediana})",
                f"{a.cessazioni.p10}–{a.cessazioni.p90}",
                f"{_num(a.risparmio_regime.p10)}–{_num(a.risparmio_regime.p90)}",
            ]
        )
        for a in s.anni
        if a.anno in f.anni_piano
    ]
    blocchi.append(
        Paragrafo(
            testo=(
                "Oltre a queste, dimissioni, mobilità verso altri enti e concorsi vinti altrove "
                "non sono prevedibili persona per persona: con un tasso annuo di uscita del "
                f"{tasso} ({'; '.join(origini)}) se ne stima l'intervallo, che non entra nella "
                "verifica dei limiti di spesa."
            )
        )
    )
    blocchi.append(
        Tabella(
            didascalia=(
                "Cessazioni con le altre uscite: intervallo tra il 10° e il 90° percentile "
                f"({fmt_numero(s.simulazioni)} simulazioni)"
            ),
            intestazioni=[
                "Anno",
                "Altre uscite (unità)",
                "Cessazioni dell'anno, comprese le previste (unità)",
                "Risparmio a regime delle cessazioni dell'anno (euro)",
            ],
            righe=righe,
            allineamento=[SX, DX, DX, DX],
        )
    )
    return blocchi


def _quante(n: int, singolare: str, plurale: str) -> str:
    if n == 0:
        return f"nessun{'a' if singolare.startswith('cessazione') else ''} {singolare}"
    return f"1 {singolare}" if n == 1 else f"{fmt_numero(n)} {plurale}"


def _riga_cessazione(c: Cessazione) -> list[str]:
    return [
        c.id,
        _decorrenza(c.anno, c.mese),
        c.area,
        _profilo_servizio(c.profilo, c.servizio, c.fte),
        etichetta(CAUSA_CESSAZIONE, c.causa),
        _num(c.costo_annuo),
        _num(c.costo_annuo_con_irap),
    ]


def _evoluzione(f: Fascicolo) -> list[Blocco]:
    parte = PARTE["evoluzione_fabbisogni"]
    blocchi: list[Blocco] = [Titolo(livello=2, testo=parte.titolo)]
    if f.piano_assunzioni or f.cessazioni:
        righe = []
        for anno in f.anni_piano:
            usciti = [c for c in f.cessazioni if c.anno == anno]
            entrati = [a for a in f.piano_assunzioni if a.anno == anno]
            fte_u = sum((c.fte for c in usciti), Decimal(0))
            fte_e = sum((a.fte for a in entrati), Decimal(0))
            righe.append(
                Riga(
                    celle=[
                        str(anno),
                        fmt_numero(len(usciti)),
                        fmt_numero(fte_u, 2),
                        fmt_numero(len(entrati)),
                        fmt_numero(fte_e, 2),
                        fmt_numero(fte_e - fte_u, 2),
                    ]
                )
            )
        blocchi.append(
            Tabella(
                didascalia="Movimenti di personale previsti nel triennio",
                intestazioni=[
                    "Anno",
                    "Cessazioni (unità)",
                    "Cessazioni (FTE)",
                    "Assunzioni (unità)",
                    "Assunzioni (FTE)",
                    "Saldo (FTE)",
                ],
                righe=righe,
                allineamento=[SX, DX, DX, DX, DX, DX],
                nota="Assunzioni di ogni tipo di contratto, nell'anno di ingresso.",
            )
        )
    blocchi.extend(_narrativa(f, "evoluzione_fabbisogni"))
    return blocchi


# --- 3.3.3 and 3.3.5: not required in the simplified variant -------------------------------


def _facoltativa(f: Fascicolo, v: Variante, chiave: str) -> list[Blocco]:
    parte = PARTE[chiave]
    blocchi: list[Blocco] = [Titolo(livello=1, testo=parte.titolo)]
    testo = getattr(f.testi, chiave)
    if v.comprende(chiave):
        return blocchi + _narrativa(f, chiave)
    if testo:
        return [
            *blocchi,
            Paragrafo(stile="nota", testo=f"Parte facoltativa: {v.perche(chiave)}."),
            *_testo_ente(testo),
        ]
    return [*blocchi, Paragrafo(stile="nota", testo=f"Parte omessa: {v.perche(chiave)}.")]


# --- 3.3.4 strategia di copertura: the plan (the Alzano table, filled) ---------------------


LARGHEZZE_PIANO = [22.0, 13.0, 15.0, 11.0, 16.0, 13.5, 13.0, 13.0]
"""The same columns in every year's table of the plan, whatever the rows."""


def capacita_assunzionale(r: Risultato, a: AnnoRisultato) -> Decimal | None:
    """Room for the year's hires: limite D.M. − spesa of the last rendiconto + cessazioni a regime."""
    if a.limite_dm is None:
        return None
    return a.limite_dm - r.dm.spesa_personale + a.cessazioni


def _copertura(f: Fascicolo, r: Risultato) -> list[Blocco]:
    parte = PARTE["strategia_copertura"]
    blocchi: list[Blocco] = [
        Titolo(livello=1, testo=parte.titolo),
        *_narrativa(f, "strategia_copertura"),
    ]
    triennio = _anni(f.primo_anno, f.primo_anno + 2)
    if not f.piano_assunzioni:
        blocchi.append(
            Paragrafo(testo=f"Il fascicolo non contiene assunzioni per il triennio {triennio}.")
        )
    blocchi.append(
        Paragrafo(
            testo=(
                f"Il piano delle assunzioni per il triennio {triennio}, per anno e per servizio, con "
                "il costo annuo a regime di ciascuna posizione e, per ogni anno, la capacità "
                "assunzionale e la differenza rispetto a essa:"
            )
        )
    )
    intest = [
        "Profilo",
        "Area",
        "Contratto",
        "Part-time / FTE",
        "Motivo",
        "Decorrenza",
        "Costo annuo (D.M.)",
        "Costo annuo con IRAP",
    ]
    finanziate: list[str] = []
    sostituite: list[str] = []
    anni = {a.anno: a for a in r.anni}
    for anno in f.anni_piano:
        a = anni[anno]
        nell_anno = [x for x in f.piano_assunzioni if x.anno == anno]
        righe: list[Riga] = []
        servizi: list[str | None] = []
        for x in nell_anno:
            if x.servizio not in servizi:
                servizi.append(x.servizio)
        for s in servizi:
            righe.append(Riga(tipo="gruppo", celle=[s or "Servizio non indicato"]))
            for x in (y for y in nell_anno if y.servizio == s):
                if costo_dm(x) != x.costo_annuo and x.finanziamento not in finanziate:
                    finanziate.append(x.finanziamento)
                if x.sostituisce:
                    sostituite.append(x.sostituisce)
                righe.append(Riga(celle=_riga_assunzione(x)))
        if not nell_anno:
            righe.append(Riga(tipo="gruppo", celle=[f"Nessuna assunzione programmata nel {anno}"]))
        totale = sum((costo_dm(x) for x in nell_anno), Decimal(0))
        totale_irap = sum((x.costo_annuo_con_irap for x in nell_anno), Decimal(0))
        vuote = [""] * 5
        righe.append(
            Riga(tipo="totale", celle=[f"Totale {anno}", *vuote, _num(totale), _num(totale_irap)])
        )
        if a.assunzioni != totale:
            righe.append(
                Riga(
                    tipo="totale",
                    celle=[
                        f"Costo a regime di tutte le assunzioni del piano in servizio al 31/12/{anno}",
                        *vuote,
                        _num(a.assunzioni),
                        "",
                    ],
                )
            )
        capacita = capacita_assunzionale(r, a)
        differenza = None if capacita is None else capacita - a.assunzioni
        righe.append(
            Riga(
                tipo="totale",
                celle=[f"Capacità assunzionale {anno}", *vuote, _num(capacita), ""],
            )
        )
        righe.append(
            Riga(
                tipo="totale",
                celle=[
                    "Differenza rispetto alla capacità assunzionale",
                    *vuote,
                    _num(differenza),
                    "",
                ],
            )
        )
        blocchi.append(
            Tabella(
                didascalia=f"Piano delle assunzioni {anno} (importi in euro)",
                intestazioni=intest,
                righe=righe,
                allineamento=[SX, SX, SX, SX, SX, SX, DX, DX],
                larghezze=LARGHEZZE_PIANO,
                nota=_nota_piano(r, a, capacita),
            )
        )
    blocchi.append(
        Paragrafo(
            stile="nota",
            testo=(
                "Costo annuo (D.M.): costo annuo a regime della posizione, già rapportato alla quota "
                "di part-time, senza IRAP e al netto delle quote finanziate da terzi: è il costo che "
                f"rileva per il D.M. 17/03/2020. Costo con IRAP: rileva per il {_comma(r)}. "
                "Capacità assunzionale dell'anno = limite di spesa D.M. dell'anno − spesa di "
                f"personale del rendiconto {r.dm.anno_rendiconto} ({_eur(r.dm.spesa_personale)}) + "
                "costo a regime delle cessazioni fino all'anno. Differenza = capacità assunzionale "
                "− costo a regime delle assunzioni del piano in servizio al 31 dicembre dell'anno: "
                "coincide con il margine della verifica anno per anno (a.1). Decorrenza: primo "
                "giorno del mese di ingresso indicato nel fascicolo."
                + (
                    " Motivo «sostituzione»: tra parentesi l'identificativo della cessazione "
                    f"sostituita (ad esempio {sostituite[0]}), nella tabella delle cessazioni (b)."
                    if sostituite
                    else ""
                )
                + _nota_finanziate(finanziate)
            ),
        )
    )
    return blocchi


def _nota_finanziate(finanziamenti: list[str]) -> str:
    """Why a hire's Costo annuo (D.M.) is below its cost: the norm of each kind of funding."""
    testo = ""
    if "pnrr_31bis" in finanziamenti:
        testo += (
            f" Per le assunzioni {etichetta(FINANZIAMENTO, 'pnrr_31bis')} il costo D.M. è 0,00: la "
            "loro spesa non rileva ai fini dell'art. 33 del D.L. 34/2019."
        )
    altri = [etichetta(FINANZIAMENTO, x) for x in finanziamenti if x != "pnrr_31bis"]
    if altri:
        testo += (
            " Per le assunzioni con finanziamento esterno ("
            + "; ".join(altri)
            + ") il costo D.M. è al netto della quota finanziata."
        )
    return testo


def _riga_assunzione(x: Assunzione) -> list[str]:
    motivo = f"sostituzione ({x.sostituisce})" if x.sostituisce else etichetta(MOTIVO, x.motivo)
    if x.finanziamento != "ordinario":
        motivo += f"; {etichetta(FINANZIAMENTO, x.finanziamento)}"
    contratto = etichetta(TIPO_CONTRATTO, x.tipo_contratto)
    if x.anno_fine is not None and x.mese_fine is not None:
        contratto += f", fino a {x.mese_fine:02d}/{x.anno_fine}"
    return [
        x.profilo,
        x.area,
        contratto,
        _quota(x.fte),
        motivo,
        _decorrenza(x.anno, x.mese_inizio),
        _num(costo_dm(x)),
        _num(x.costo_annuo_con_irap),
    ]


def _nota_piano(r: Risultato, a: AnnoRisultato, capacita: Decimal | None) -> str:
    regola = etichetta(REGOLA_DM, a.regola_dm)
    if capacita is None:
        return (
            f"Capacità assunzionale {a.anno} non determinabile: {regola}. La differenza non è "
            "quindi calcolabile."
        )
    testo = (
        f"Capacità {a.anno} = {_num(a.limite_dm)} (limite D.M.: {regola}) − "
        f"{_num(r.dm.spesa_personale)} (spesa {r.dm.anno_rendiconto}) + {_num(a.cessazioni)} "
        "(cessazioni a regime)."
    )
    if a.regola_dm == "solo_turnover":
        testo += (
            " L'organo di revisione non ha asseverato il rispetto pluriennale dell'equilibrio di "
            "bilancio (art. 33, comma 2, D.L. 34/2019): vale il solo turn over."
        )
    elif _asseverazione_da_documentare(r):
        testo += (
            " Capacità calcolata con gli spazi del D.M., utilizzabili solo dopo l'asseverazione "
            "dell'organo di revisione sul rispetto pluriennale dell'equilibrio di bilancio "
            "(art. 33, comma 2, D.L. 34/2019), ancora da documentare."
        )
    return testo


# --- 3.3.6 soprannumero ed eccedenze -------------------------------------------------------


def _eccedenze(f: Fascicolo, r: Risultato) -> list[Blocco]:
    parte = PARTE["soprannumero_eccedenze"]
    blocchi: list[Blocco] = [Titolo(livello=1, testo=parte.titolo)]
    p = next((x for x in r.presupposti if x.chiave == "eccedenze"), None)
    fatto = None
    if p is not None and p.esito != "non_documentato":
        atto = _atto(p.atto, p.data)
        fatto = (
            "Ricognizione annuale delle eccedenze di personale (art. 33 D.Lgs. 165/2001): "
            + (atto or "atto non indicato")
            + (f" — {p.note}" if p.note else "")
            + ("." if p.esito == "rispettato" else " — non effettuata o non regolare.")
        )
    if f.testi.soprannumero_eccedenze:
        blocchi.extend(_testo_ente(f.testi.soprannumero_eccedenze))
    elif fatto is not None:
        blocchi.append(Paragrafo(testo=fatto))
        if p is not None and not p.note:
            blocchi.append(
                segnaposto(
                    parte,
                    extra=": esito della ricognizione annuale delle eccedenze (presenza o assenza "
                    "di situazioni di soprannumero o di eccedenza)",
                )
            )
    else:
        blocchi.append(
            segnaposto(parte, extra=": esito della ricognizione annuale (art. 33 D.Lgs. 165/2001)")
        )
    return blocchi


# --- findings and closing note -------------------------------------------------------------


def _note_verifica(r: Risultato) -> list[Blocco]:
    rilievi = [x for x in r.rilievi if x.gravita in ("grave", "attenzione")]
    blocchi: list[Blocco] = [
        Titolo(livello=1, testo="Note di verifica"),
        Paragrafo(
            testo=(
                f"Esito della verifica automatica delle cifre: {ESITO[r.esito]} "
                f"({r.motivazione_esito})."
            )
        ),
    ]
    if not rilievi:
        blocchi.append(
            Paragrafo(testo="La verifica non ha prodotto rilievi gravi o di attenzione.")
        )
        return blocchi
    blocchi.append(
        Paragrafo(
            testo=(
                "La verifica delle cifre del fascicolo ha prodotto i rilievi seguenti, da risolvere "
                "o motivare prima dell'adozione."
            )
        )
    )
    blocchi.append(
        Tabella(
            intestazioni=["Gravità", "Rilievo", "Riferimento"],
            righe=[Riga(celle=[GRAVITA[x.gravita], x.messaggio, x.riferimento]) for x in rilievi],
            allineamento=[SX, SX, SX],
        )
    )
    return blocchi


def _chiusura(r: Risultato, v: Variante, parametri: Parametri) -> list[Blocco]:
    usati = [*r.parametri, v.parametro]
    date_rif = sorted({u.data_riferimento for u in usati})
    quando = (
        f"in vigore al {fmt_data(date_rif[0])}"
        if len(date_rif) == 1
        else f"in vigore alle date di riferimento dal {fmt_data(date_rif[0])} al {fmt_data(date_rif[-1])}"
    )
    testo = (
        f"Cifre generate da fabbisogni, versione {r.versione}, a partire dal fascicolo dell'ente, "
        f"con i parametri normativi {quando}."
    )
    tabelle = parametri.tabelle
    # value -> years it is read for, per parameter; a value that depends on the year says which
    anni: dict[tuple[str, str | None], dict[str, list[int]]] = {}
    for u in usati:
        if u.da_confermare:
            per_valore = anni.setdefault((u.nome, u.chiave), {})
            per_valore.setdefault(u.valore, [])
            if u.data_riferimento.year not in per_valore[u.valore]:
                per_valore[u.valore].append(u.data_riferimento.year)
    da_confermare: list[str] = []
    for (nome, chiave), per_valore in anni.items():
        annuale = nome in PARAMETRI_ANNUALI or len(per_valore) > 1
        for valore, anni_valore in per_valore.items():
            u = next(x for x in usati if (x.nome, x.chiave, x.valore) == (nome, chiave, valore))
            voce = _parametro_testo(
                u,
                tabelle[nome].descrizione,
                tabelle[nome].unita,
                _elenco_testo([str(a) for a in sorted(anni_valore)]) if annuale else None,
            )
            if voce not in da_confermare:
                da_confermare.append(voce)
    if da_confermare:
        testo += " Valori da confermare sul testo ufficiale: " + "; ".join(da_confermare) + "."
    sovrascritti = sorted({u.nome for u in usati if u.sovrascritto})
    if sovrascritti:
        scenari = sorted({u.scenario for u in usati if u.sovrascritto and u.scenario})
        nello = (" nello scenario " + ", ".join(f"«{n}»" for n in scenari)) if scenari else ""
        testo += f" Parametri sostituiti dall'ente{nello}: " + ", ".join(sovrascritti) + "."
    return [Paragrafo(stile="nota", testo=testo)]


PARAMETRI_ANNUALI = frozenset({"dm.tabella_2"})
"""Parameters whose value is by year: the closing note says the year of each value."""


def _parametro_testo(
    u: ParametroUsato, descrizione: str, unita: str, anni: str | None = None
) -> str:
    """``Tabella 3, fascia e: 30,9%``, ``Tabella 2, fascia f, 2023: 21,0%`` (values to confirm)."""
    nome = descrizione.split(":")[0].split(" (")[0].split(" - ")[0].strip()
    if u.chiave:
        nome += (
            f", fascia {u.chiave}"
            if u.nome.startswith("dm.tabella")
            else f" ({etichetta_chiave(u.chiave)})"
        )
    if anni:
        nome += f", {anni}"
    try:
        valore = Decimal(u.valore)
    except ArithmeticError:
        return f"{nome}: {u.valore}"
    if unita == "rapporto":
        return f"{nome}: {_pct_tabella(valore)}"
    if unita == "euro":
        return f"{nome}: {fmt_numero(valore, 2)}"
    if unita == "mesi" and valore == valore.to_integral_value():
        return f"{nome}: {fmt_anni_mesi(int(valore))}"
    return f"{nome}: {fmt_numero(valore)}"
