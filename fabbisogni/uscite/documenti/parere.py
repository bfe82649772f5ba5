"""Draft parere of the organo di revisione on the PTFP (sottosezione 3.3 del PIAO).

A working base for the revisore: what was checked, against which law, with which figures, the
findings, the figures for the asseverazione of the multi-year balance, and a conclusion proposed
from the engine's esito. Everything the case and the result do not give is a
:class:`~fabbisogni.uscite.documenti.modello.Segnaposto`; judgements and conclusions stay the
revisore's, and the document says so. Text taken from the case (names, acts, notes) enters the
model verbatim: escaping is the renderers' job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from fabbisogni.caso.fascicolo import Fascicolo
from fabbisogni.limiti.comma557 import norma_divieto
from fabbisogni.limiti.presupposti import EsitoCondizione
from fabbisogni.limiti.rilievi import Rilievo
from fabbisogni.numeri import fmt_data, fmt_euro, fmt_numero, fmt_percento
from fabbisogni.parametri import (
    ParametroUsato,
    decimali_percento,
    etichetta_chiave,
    tabelle,
    valore_leggibile,
)
from fabbisogni.risultato import AnnoRisultato, Risultato
from fabbisogni.uscite.documenti.modello import (
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
    COLLOCAZIONE,
    ESITO,
    ESITO_LIMITE,
    ESITO_PRESUPPOSTO,
    REGOLA_DM,
    etichetta,
)

LIVELLO_SEZIONE = 1  # as in the PIAO document: the document title is above level 1
LIVELLO_SOTTOSEZIONE = 2

ORGANO = {
    "revisore_unico": "Il Revisore unico",
    "collegio": "Il Collegio dei revisori dei conti",
}

GRUPPI_RILIEVI = (
    ("grave", "Rilievi gravi"),
    ("attenzione", "Rilievi che richiedono attenzione"),
    ("informativa", "Rilievi informativi"),
)

# What the revisore should acquire when a declared precondition is not documented in the case.
DA_ACQUISIRE = {
    "bilanci_bdap": (
        "estremi di approvazione del bilancio di previsione, del rendiconto e del bilancio "
        "consolidato e attestazione del loro invio alla BDAP entro 30 giorni"
    ),
    "piao": "deliberazione di adozione del PIAO",
    "eccedenze": "atto di ricognizione annuale delle eccedenze di personale e suo esito",
    "azioni_positive": "atto di adozione del piano triennale delle azioni positive",
    "certificazione_crediti": (
        "attestazione del rispetto degli adempimenti sulla certificazione dei crediti "
        "(piattaforma dei crediti commerciali)"
    ),
    "parere_revisore": (
        "nessun parere precedente risulta dal fascicolo: il parere è quello che l'organo di "
        "revisione rende con il presente atto"
    ),
    "asseverazione_equilibri": (
        "asseverazione dell'organo di revisione del rispetto pluriennale dell'equilibrio di "
        "bilancio, da rendere con il presente atto o con atto separato; senza di essa il calcolo "
        "ammette il solo turn over"
    ),
}

TIPO_BASE_FLESSIBILE = {
    "spesa_2009": "spesa 2009 per le stesse finalità",
    "media_2007_2009": "media della spesa 2007-2009 per le stesse finalità",
    "parametro_motivato": (
        "parametro motivato fissato dall'ente in assenza di spesa storica "
        "(Corte dei conti, Sezione Autonomie, 1/2017)"
    ),
}

# Findings whose declared / computed values are ratios, or years and other plain text.
RILIEVI_RAPPORTO = frozenset({"DICH-RAPPORTO", "DICH-TABELLA-1", "DICH-TABELLA-3"})
RILIEVI_TESTO = frozenset(
    {"ANNI-SPESA", "ANNI-FCDE", "ANNO-POPOLAZIONE", "DICH-ANNI-ENTRATE", "DICH-ANNI-MISTI"}
)
_NUMERO = re.compile(r"^-?\d+(\.\d+)?$")

# Preconditions the conclusion does not ask to acquire: this document is the parere, and the
# asseverazione has its own section with the revisore's placeholder.
RESI_CON_IL_PARERE = frozenset({"parere_revisore", "asseverazione_equilibri"})
# Tables whose entries are the demographic classes of the D.M. 17/03/2020.
TABELLE_PER_FASCIA = frozenset(
    {"dm.fasce_demografiche", "dm.tabella_1", "dm.tabella_2", "dm.tabella_3"}
)
# Plan-year rules that apply D.M. 17/03/2020, art. 5 (Tabella 2 and the 2015-2019 leftovers).
REGOLE_ART5 = {"tabella_2": "comma 1", "resti_2015_2019": "comma 2"}

# The parameter named in PARAMETRO-DA-CONFERMARE and PARAMETRO-SOVRASCRITTO (rules/rilievi.py):
# «dm.tabella_3» [e].
_PARAMETRO_CITATO = re.compile(r"«([a-z0-9_]+(?:\.[a-z0-9_]+)+)»(?: \[([^\]]+)\])?")
_PARENTESI = re.compile(r"\s*\(([^()]*)\)")
_DOCS = re.compile(r"\bdocs/\S+(?:\s+\d+(?:\.\d+)*\b)?")
_NULL_CLAUSOLA = re.compile(r";\s*null\s*=(?:[^;()]|\([^()]*\))*")


def parere(f: Fascicolo, r: Risultato) -> Documento:
    """The draft parere of the organo di revisione for case ``f`` and its result ``r``."""
    f = r.fascicolo_verificato or f
    organo = ORGANO[f.organo_revisione.composizione]
    doc = Documento(
        titolo=(
            "Parere dell'organo di revisione sulla proposta di Piano triennale dei fabbisogni "
            f"di personale {_triennio(r)}"
        ),
        sottotitolo=f"Sottosezione 3.3 del PIAO — {_ente(f)}",
        intestazione=_ente(f),
        bozza=True,
    )
    doc.aggiungi(*avviso_scenario(r.scenario, r.scenario_descrizione))
    doc.aggiungi(
        Paragrafo(
            testo=(
                f"Bozza generata automaticamente da fabbisogni {r.versione} come base di lavoro: "
                "le valutazioni e le conclusioni restano dell'organo di revisione."
            ),
            stile="evidenza",
        ),
        Paragrafo(
            testo=(
                "Le cifre sono quelle del fascicolo dell'ente e del calcolo del programma, da "
                "riscontrare sugli atti; le parti segnalate come da completare spettano "
                "all'organo di revisione."
            ),
            stile="nota",
        ),
    )
    doc.aggiungi(*_intestazione(f, organo))
    doc.aggiungi(*_premesse(f, r))
    doc.aggiungi(*_normativa(f, r))
    doc.aggiungi(Titolo(livello=LIVELLO_SEZIONE, testo="Verifiche effettuate"))
    doc.aggiungi(*_verifica_dm(r))
    doc.aggiungi(*_verifica_557(r))
    doc.aggiungi(*_verifica_flessibile(f, r))
    doc.aggiungi(*_verifica_presupposti(r))
    doc.aggiungi(*_rilievi(r))
    doc.aggiungi(*_parametri(r))
    doc.aggiungi(*_asseverazione(f, r))
    doc.aggiungi(*_conclusione(f, r, organo))
    return doc


# --- small helpers -------------------------------------------------------------------------


def _senza_parentesi_interne(m: re.Match[str]) -> str:
    """A parenthetical without repository paths and ``null`` notes (dropped if nothing is left)."""
    dentro = m.group(1)
    if "null" in dentro:
        return ""
    if "docs/" not in dentro:
        return m.group(0)
    parti = [x.strip() for x in dentro.split(",")]
    primo_docs = next(i for i, x in enumerate(parti) if "docs/" in x)
    resto = parti[:primo_docs]
    return f" ({', '.join(resto)})" if resto else ""


def _pulisci(testo: str, nomi: dict[str, str] | None = None) -> str:
    """User text without internal identifiers: repository paths, ``null`` notes, and the keys in
    ``nomi`` (snake_case identifiers) replaced by their description."""
    testo = _PARENTESI.sub(_senza_parentesi_interne, testo)
    testo = _NULL_CLAUSOLA.sub("", testo)
    testo = _DOCS.sub("", testo)
    testo = re.sub(r"\bnull\b", "nessun valore", testo)
    for chiave, descrizione in (nomi or {}).items():
        testo = re.sub(rf"\b{re.escape(chiave)}\b", descrizione, testo)
    testo = re.sub(r"\s+([,.;:])", r"\1", testo)
    testo = re.sub(r"(?<!\.)\.\.(?!\.)", ".", testo)
    testo = re.sub(r"^[\s,;]+|(?<=[,;])[\s,;]+(?=[,;])", "", testo)
    return re.sub(r"\s{2,}", " ", testo).strip()


def _nomi_presupposti(r: Risultato) -> dict[str, str]:
    """Precondition keys (``bilanci_bdap``) → their description, for cleaning user text."""
    nomi = {p.chiave: p.descrizione for p in r.presupposti if "_" in p.chiave}
    return dict(sorted(nomi.items(), key=lambda kv: -len(kv[0])))


def _voce_parametro(nome: str, chiave: str | None) -> str:
    """Where a parameter's value sits, in words: «fascia e», the precondition, or the entry."""
    if not chiave:
        return ""
    if nome in TABELLE_PER_FASCIA:
        return f"fascia {chiave}"
    if nome == "presupposti.elenco":
        voce = tabelle()[nome].versioni[-1].valore
        if isinstance(voce, dict) and isinstance(voce.get(chiave), dict):
            return str(voce[chiave].get("descrizione", chiave.replace("_", " ")))
    return etichetta_chiave(chiave)


def _descrizione_parametro(nome: str) -> str:
    tutte = tabelle()
    return _pulisci(tutte[nome].descrizione) if nome in tutte else "parametro normativo"


def _valore_parametro(nome: str, valore: str) -> str:
    if valore.strip().lower() in ("", "none", "null"):
        return "nessun valore fisso"
    return valore_leggibile(nome, valore)


def _triennio(r: Risultato) -> str:
    return f"{r.ente.anni[0]}–{r.ente.anni[-1]}"


def _ente(f: Fascicolo) -> str:
    return f.ente.nome + (f" ({f.ente.provincia})" if f.ente.provincia else "")


def _comma(r: Risultato) -> str:
    return r.comma_557.comma


def _norma_557(r: Risultato) -> str:
    return f"art. 1, comma {_comma(r)}, L. 296/2006"


def _norma_divieto(r: Risultato) -> str:
    return norma_divieto(_comma(r))


def _descrizione(p: EsitoCondizione) -> str:
    """A precondition's description; once the asseverazione is documented as given, without the
    note on what happens when it is missing."""
    if p.chiave == "asseverazione_equilibri" and p.esito == "rispettato":
        return re.sub(r"\s*\([^()]*\)\s*$", "", p.descrizione)
    return p.descrizione


def _esito_limite(e: bool | None) -> str:
    return ESITO_LIMITE[e]


def _tabella_anni(
    r: Risultato,
    righe: Sequence[tuple[str, Callable[[AnnoRisultato], str]]],
    didascalia: str,
    nota: str | None = None,
) -> Tabella:
    """A table with one column per year of the triennio and one row per item."""
    return Tabella(
        intestazioni=["", *[str(a.anno) for a in r.anni]],
        righe=[Riga(celle=[nome, *[valore(a) for a in r.anni]]) for nome, valore in righe],
        allineamento=["sx", *["dx"] * len(r.anni)],
        didascalia=didascalia,
        nota=nota,
    )


def _nota_entrate(r: Risultato) -> str | None:
    if all(a.entrate_previste for a in r.anni):
        return None
    return (
        "* Nessuna previsione delle entrate nel fascicolo: si usa la media dei rendiconti al netto "
        "del FCDE."
    )


def _entrate(a: AnnoRisultato) -> str:
    return fmt_euro(a.entrate_correnti) + ("" if a.entrate_previste else " *")


def _negativo(v: Decimal) -> str:
    return fmt_euro(-v)


def _per_anni(testi: list[tuple[int, str]]) -> list[str]:
    """``[(2024, t), (2025, t), (2026, u)]`` → ``["2024, 2025: t", "2026: u"]``."""
    gruppi: dict[str, list[int]] = {}
    for anno, testo in testi:
        gruppi.setdefault(testo, []).append(anno)
    return [f"{', '.join(str(a) for a in anni)}: {testo}" for testo, anni in gruppi.items()]


def _conta(n: int, singolare: str, plurale: str) -> str:
    if n == 0:
        return "nessuna " + singolare
    return f"{n} {singolare if n == 1 else plurale}"


def _chiudi(voci: list[str]) -> list[str]:
    """List items end with a semicolon, the last one with a full stop."""
    pulite = [v.rstrip(" ;.") for v in voci]
    return [v + ";" for v in pulite[:-1]] + [v + "." for v in pulite[-1:]]


# --- intestazione and premesse -------------------------------------------------------------


def _intestazione(f: Fascicolo, organo: str) -> list[Blocco]:
    blocchi: list[Blocco] = [
        Paragrafo(testo=_ente(f), stile="evidenza"),
        Paragrafo(testo=organo, stile="evidenza"),
    ]
    blocchi.extend(_nomi(f))
    blocchi.append(Segnaposto(testo="Verbale n. … del … (numero e data del verbale)"))
    return blocchi


def _nomi(f: Fascicolo) -> list[Blocco]:
    o = f.organo_revisione
    if o.composizione == "revisore_unico":
        if o.componenti:
            return [Paragrafo(testo=nome) for nome in o.componenti]
        return [Segnaposto(testo="nome e cognome del Revisore unico")]
    blocchi: list[Blocco] = []
    if o.componenti:
        blocchi.append(Elenco(voci=list(o.componenti)))
    else:
        blocchi.append(
            Segnaposto(testo="nomi del Presidente e dei componenti del Collegio dei revisori")
        )
    return blocchi


def _premesse(f: Fascicolo, r: Risultato) -> list[Blocco]:
    e = r.ente
    d = r.dm
    blocchi: list[Blocco] = [
        Titolo(livello=LIVELLO_SEZIONE, testo="Premesse"),
        Paragrafo(
            testo=(
                "Oggetto: proposta di deliberazione di approvazione del Piano triennale dei "
                f"fabbisogni di personale {_triennio(r)}, sottosezione 3.3 del Piano integrato di "
                f"attività e organizzazione (PIAO). Ente: {_ente(f)}."
            )
        ),
        Paragrafo(testo="Proposta di deliberazione esaminata:"),
        Segnaposto(testo="organo proponente, numero e data della proposta di deliberazione"),
        Paragrafo(testo="Data di ricevimento della proposta da parte dell'organo di revisione:"),
        Segnaposto(testo="data di ricevimento"),
        Paragrafo(testo="Dati dell'ente e del piano considerati nelle verifiche:"),
    ]
    voci = [
        f"popolazione residente {fmt_numero(e.popolazione)} al 31/12/{e.anno_popolazione}, "
        f"fascia demografica {e.fascia} (D.M. 17/03/2020, art. 3);",
        f"ultimi tre rendiconti approvati considerati per le entrate: "
        f"{', '.join(str(x) for x in d.anni_entrate)}; spesa di personale del rendiconto "
        f"{d.anno_rendiconto};",
    ]
    if f.ente.dipendenti is not None:
        voci.append(f"dipendenti in servizio al 31 dicembre: {fmt_numero(f.ente.dipendenti)};")
    proiettate = {c.id: c for c in r.cessazioni_personale}
    for anno in e.anni:
        n_ass = sum(1 for a in f.piano_assunzioni if a.anno == anno)
        n_pens = sum(1 for c in proiettate.values() if c.anno == anno and c.origine != "nota")
        n_ces = sum(1 for c in f.cessazioni if c.anno == anno) - n_pens
        testo = (
            f"{anno}: {_conta(n_ass, 'assunzione prevista', 'assunzioni previste')} nel piano, "
            f"{_conta(n_ces, 'cessazione indicata', 'cessazioni indicate')}"
        )
        if n_pens:
            testo += (
                f" e {_conta(n_pens, 'pensionamento ricavato', 'pensionamenti ricavati')} dal "
                "personale in servizio"
            )
        voci.append(testo + ";")
    if r.ipotesi_pensionamento is not None:
        ipotesi = {
            "limite_ordinamentale": "al limite ordinamentale (o alla fine del trattenimento in "
            "servizio), cioè le sole cessazioni che l'ente non può evitare",
            "primo_diritto": "alla prima data utile: cessazioni volontarie trattate come certe, "
            "ipotesi meno prudente che l'organo di revisione valuta",
        }[r.ipotesi_pensionamento]
        voci.append(
            f"personale in servizio esaminato persona per persona "
            f"({fmt_numero(len(f.personale))} persone): i pensionamenti sono calcolati dai "
            f"requisiti vigenti, collocando ciascuno {ipotesi}; le cessazioni già note sono "
            "quelle indicate dall'ente;"
        )
    if f.dichiarati is not None:
        voci.append(
            f"cifre dichiarate nel documento dell'ente ({f.dichiarati.fonte}), confrontate con "
            "quelle ricalcolate (vedi i rilievi)."
        )
    blocchi.append(Elenco(voci=_chiudi(voci)))
    blocchi.append(Paragrafo(testo="Altri documenti esaminati dall'organo di revisione:"))
    blocchi.append(
        Segnaposto(
            testo="documenti esaminati (ad esempio DUP, bilancio di previsione, relazioni del "
            "responsabile del servizio finanziario)"
        )
    )
    return blocchi


# --- normativa -----------------------------------------------------------------------------


def _normativa(f: Fascicolo, r: Risultato) -> list[Blocco]:
    voci = [
        "art. 19, comma 8, L. 28 dicembre 2001, n. 448: l'organo di revisione accerta che i "
        "documenti di programmazione del fabbisogno di personale siano improntati al rispetto "
        "del principio di riduzione complessiva della spesa e che eventuali deroghe siano "
        "analiticamente motivate;",
        "art. 239 D.Lgs. 18 agosto 2000, n. 267 (TUEL): funzioni dell'organo di revisione;",
        "art. 33, comma 2, D.L. 30 aprile 2019, n. 34, conv. L. 28 giugno 2019, n. 58: facoltà "
        "assunzionali dei comuni secondo la sostenibilità finanziaria della spesa di personale, "
        "fermo restando il rispetto pluriennale dell'equilibrio di bilancio asseverato "
        "dall'organo di revisione;",
        "D.M. 17 marzo 2020 (G.U. n. 108 del 27/04/2020), attuativo dell'art. 33, comma 2: "
        "fasce demografiche, valori soglia (Tabelle 1 e 3), incrementi annui (Tabella 2);",
    ]
    if _comma(r) == "562":
        soglia = next(
            (
                valore_leggibile(p.nome, p.valore)
                for p in r.parametri
                if p.nome == "l296.soglia_abitanti_comma_562"
            ),
            None,
        )
        voci.append(
            "art. 1, comma 562, L. 27 dicembre 2006, n. 296: limite della spesa di personale "
            "pari alla spesa 2008" + (f" (comuni fino a {soglia} abitanti);" if soglia else ";")
        )
    else:
        voci.append(
            "art. 1, commi 557 e 557-quater, L. 27 dicembre 2006, n. 296: contenimento della "
            "spesa di personale entro il valore medio del triennio 2011-2013;"
        )
    if _comma(r) == "562":
        voci.append(
            "art. 1, comma 562, L. 296/2006: divieto di assunzione in caso di mancato rispetto "
            "del limite;"
        )
    else:
        voci.append(
            "art. 1, comma 557-ter, L. 296/2006 e art. 76, comma 4, D.L. 25 giugno 2008, n. 112: "
            "divieto di assunzione in caso di mancato rispetto del limite;"
        )
    voci.append(
        "art. 9, comma 28, D.L. 31 maggio 2010, n. 78, conv. L. 30 luglio 2010, n. 122: limite "
        "della spesa per lavoro flessibile;"
    )
    voci.append(
        "artt. 6 e 33 D.Lgs. 30 marzo 2001, n. 165: piano triennale dei fabbisogni di personale "
        "e ricognizione delle eccedenze;"
    )
    voci.append(
        "art. 6 D.L. 9 giugno 2021, n. 80, conv. L. 6 agosto 2021, n. 113, e D.M. 30 giugno "
        "2022, n. 132, art. 4, comma 1, lett. c): il PIAO e la sua sottosezione 3.3;"
    )
    neutralizzate = any(v.tipo == "art57_c3septies" for v in f.spesa_personale.neutralizzate)
    if neutralizzate or any(a.finanziamento == "art57_c3septies" for a in f.piano_assunzioni):
        voci.append(
            "art. 57, comma 3-septies, D.L. 14 agosto 2020, n. 104: neutralizzazione delle "
            "assunzioni finanziate da altri soggetti;"
        )
    if any(a.finanziamento == "pnrr_31bis" for a in f.piano_assunzioni):
        voci.append(
            "art. 31-bis D.L. 6 novembre 2021, n. 152: assunzioni per l'attuazione del PNRR;"
        )
    voci.append(
        "le norme sui presupposti per assumere indicate, voce per voce, nella tabella dei "
        "presupposti."
    )
    return [Titolo(livello=LIVELLO_SEZIONE, testo="Normativa di riferimento"), Elenco(voci=voci)]


# --- verifiche -----------------------------------------------------------------------------


def _verifica_dm(r: Risultato) -> list[Blocco]:
    d = r.dm
    fascia = r.ente.fascia
    primo = r.ente.anni[0]
    righe = [
        (f"Spesa di personale (rendiconto {d.anno_rendiconto})", fmt_euro(d.spesa_personale)),
        (
            f"Media delle entrate correnti (titoli I-III) {d.anni_entrate[0]}-{d.anni_entrate[-1]}",
            fmt_euro(d.media_entrate),
        ),
        ("FCDE stanziato nel bilancio di previsione, assestato", fmt_euro(d.fcde)),
        ("Entrate correnti nette", fmt_euro(d.entrate_correnti_nette)),
        ("Rapporto spesa di personale / entrate correnti nette", fmt_percento(d.rapporto)),
        (f"Valore soglia Tabella 1 (fascia {fascia})", fmt_percento(d.valore_soglia, 1)),
        (f"Soglia di rientro Tabella 3 (fascia {fascia})", fmt_percento(d.soglia_rientro, 1)),
        ("Collocazione dell'ente", etichetta(COLLOCAZIONE, d.collocazione)),
        ("Spesa corrispondente al valore soglia di Tabella 1", fmt_euro(d.spesa_soglia)),
    ]
    if d.spesa_massima is not None:
        righe.append(
            (
                f"Spesa massima {primo} ({etichetta(REGOLA_DM, d.regola_spazio)})",
                fmt_euro(d.spesa_massima),
            )
        )
    righe.append(
        (
            f"Spazio assunzionale {primo}",
            fmt_euro(d.spazio_assunzionale)
            if d.spazio_assunzionale is not None
            else etichetta(REGOLA_DM, d.regola_spazio),
        )
    )
    blocchi: list[Blocco] = [
        Titolo(
            livello=LIVELLO_SOTTOSEZIONE,
            testo="Sostenibilità finanziaria (art. 33, comma 2, D.L. 34/2019; D.M. 17/03/2020)",
        ),
        Tabella(
            intestazioni=["Voce", "Valore"],
            righe=[Riga(celle=[a, b]) for a, b in righe],
            allineamento=["sx", "dx"],
            didascalia="Rapporto tra spesa di personale ed entrate correnti",
        ),
        Paragrafo(
            testo=(
                f"Il rapporto del {fmt_percento(d.rapporto)} colloca l'ente "
                f"{etichetta(COLLOCAZIONE, d.collocazione)}."
            )
        ),
        _tabella_anni(
            r,
            [
                (
                    f"Spesa del rendiconto {d.anno_rendiconto}",
                    lambda _: fmt_euro(d.spesa_personale),
                ),
                ("di cui assunzioni del piano", lambda a: fmt_euro(a.assunzioni)),
                ("di cui cessazioni", lambda a: _negativo(a.cessazioni)),
                ("Spesa di personale a regime", lambda a: fmt_euro(a.spesa_personale)),
                ("Entrate correnti nette", _entrate),
                ("Rapporto", lambda a: fmt_percento(a.rapporto)),
                ("Limite", lambda a: fmt_euro(a.limite_dm)),
                ("Margine", lambda a: fmt_euro(a.margine_dm)),
                ("Esito", lambda a: _esito_limite(a.esito_dm)),
            ],
            "Limite del D.M. 17/03/2020 per ciascun anno del triennio",
            _nota_entrate(r),
        ),
        Paragrafo(testo="Regola del limite applicata in ciascun anno:"),
        Elenco(voci=_per_anni([(a.anno, etichetta(REGOLA_DM, a.regola_dm)) for a in r.anni])),
    ]
    return blocchi


def _verifica_557(r: Risultato) -> list[Blocco]:
    c = r.comma_557
    titolo = Titolo(
        livello=LIVELLO_SOTTOSEZIONE, testo=f"Tetto di spesa di personale ({_norma_557(r)})"
    )
    if not c.presente:
        return [
            titolo,
            Paragrafo(
                testo=(
                    "Il fascicolo non contiene il prospetto del tetto di spesa: il rispetto del "
                    f"limite ({_norma_557(r)}) non è verificabile."
                ),
                stile="evidenza",
            ),
            Segnaposto(
                testo="esito della verifica del tetto di spesa condotta dall'organo di revisione"
            ),
        ]
    anni_colonne = {col.anno for col in c.colonne if col.anno is not None}
    mancanti = [a.anno for a in r.anni if a.anno not in anni_colonne]
    intestazioni = [
        "",
        *[col.etichetta for col in c.colonne],
        *[f"previsione {x}" for x in mancanti],
    ]
    vuoto = ["—"] * len(mancanti)

    def riga(nome: str, valori: list[str], nv: list[str] = vuoto) -> Riga:
        return Riga(celle=[nome, *valori, *nv])

    def opzionale(v: Decimal | None, col_anno: int | None) -> str:
        return "" if col_anno is None else fmt_euro(v)

    righe = [
        riga("(A) totale spese di personale", [fmt_euro(x.totale) for x in c.colonne]),
        riga("(B) componenti escluse", [fmt_euro(x.escluse) for x in c.colonne]),
        riga(
            "(C) maggior spesa D.M. art. 7, c. 1", [fmt_euro(x.maggior_spesa_dm) for x in c.colonne]
        ),
        riga("(A−B−C) spesa soggetta al limite", [fmt_euro(x.assoggettata) for x in c.colonne]),
        riga("Limite", [opzionale(x.limite, x.anno) for x in c.colonne]),
        riga("Margine", [opzionale(x.margine, x.anno) for x in c.colonne]),
        riga(
            "Esito",
            ["" if x.anno is None else _esito_limite(x.esito) for x in c.colonne],
            [_esito_limite(None)] * len(mancanti),
        ),
    ]
    note = []
    if any(col.derivata for col in c.colonne):
        note.append(
            "Le colonne «derivata» sono ricavate dal programma dalla colonna del rendiconto e dal "
            "piano (costi con IRAP, di competenza)."
        )
    if mancanti:
        note.append(
            f"Per {', '.join(str(x) for x in mancanti)} il fascicolo non contiene la previsione "
            "né il rendiconto da cui derivarla: non verificabile."
        )
    base = "spesa 2008" if c.comma == "562" else "media 2011-2013"
    return [
        titolo,
        Paragrafo(
            testo=f"Limite (comma {c.comma}, {base}, al netto delle componenti escluse): "
            f"{fmt_euro(c.limite)}."
        ),
        Tabella(
            intestazioni=intestazioni,
            righe=righe,
            allineamento=["sx", *["dx"] * (len(intestazioni) - 1)],
            didascalia=f"Prospetto del comma {c.comma}",
            nota=" ".join(note) or None,
        ),
    ]


def _verifica_flessibile(f: Fascicolo, r: Risultato) -> list[Blocco]:
    blocchi: list[Blocco] = [
        Titolo(
            livello=LIVELLO_SOTTOSEZIONE, testo="Lavoro flessibile (art. 9, comma 28, D.L. 78/2010)"
        )
    ]
    lf = f.lavoro_flessibile
    if lf is None:
        blocchi.append(
            Paragrafo(
                testo=(
                    "Il fascicolo non indica la base del limite (spesa 2009, media 2007-2009 o "
                    "parametro motivato)."
                )
            )
        )
    else:
        testo = (
            f"Base del limite: {TIPO_BASE_FLESSIBILE[lf.base.tipo]}, {fmt_euro(lf.base.importo)}"
        )
        if lf.base.atto:
            testo += f" (atto: {lf.base.atto})"
        blocchi.append(Paragrafo(testo=testo + "."))
    formule = {p.codice: p.formula for p in r.flessibile_passi}
    blocchi.append(
        _tabella_anni(
            r,
            [
                ("Spesa per lavoro flessibile", lambda a: fmt_euro(a.spesa_flessibile)),
                ("Limite", lambda a: fmt_euro(a.limite_flessibile)),
                ("Margine", lambda a: fmt_euro(a.margine_flessibile)),
                ("Esito", lambda a: _esito_limite(a.esito_flessibile)),
            ],
            "Limite della spesa per lavoro flessibile per ciascun anno del triennio",
        )
    )
    voci = _per_anni(
        [(a.anno, formule[k]) for a in r.anni if (k := f"flessibile.{a.anno}.limite") in formule]
    )
    if voci:
        blocchi.append(Paragrafo(testo="Come è determinato il limite in ciascun anno:"))
        blocchi.append(Elenco(voci=voci))
    return blocchi


def _atto(p: EsitoCondizione) -> str:
    parti = []
    if p.atto:
        parti.append(p.atto + (f" del {fmt_data(p.data)}" if p.data else ""))
    elif p.data:
        parti.append(fmt_data(p.data))
    if p.note:
        parti.append(p.note)
    return "; ".join(parti) or "—"


def _verifica_presupposti(r: Risultato) -> list[Blocco]:
    blocchi: list[Blocco] = [
        Titolo(livello=LIVELLO_SOTTOSEZIONE, testo="Presupposti per procedere ad assunzioni"),
        Tabella(
            intestazioni=["Presupposto", "Norma", "Esito", "Atto / note"],
            righe=[
                Riga(
                    celle=[
                        _descrizione(p),
                        p.riferimento,
                        etichetta(ESITO_PRESUPPOSTO, p.esito),
                        _atto(p),
                    ]
                )
                for p in r.presupposti
            ],
            didascalia="Lista di controllo dei presupposti",
            nota=(
                "Il rispetto del tetto di spesa e la condizione finanziaria dell'ente sono "
                "ricavati dal calcolo; gli altri presupposti sono quelli dichiarati dall'ente con "
                "l'atto indicato."
            ),
        ),
    ]
    bloccanti = [p for p in r.presupposti if p.esito == "non_rispettato"]
    if bloccanti:
        blocchi.append(Paragrafo(testo="Presupposti non rispettati:", stile="evidenza"))
        blocchi.append(Elenco(voci=[_presupposto_violato(p, r) for p in bloccanti]))
    mancanze = _da_acquisire(r)
    if mancanze:
        blocchi.append(Paragrafo(testo="Documentazione da acquisire:", stile="evidenza"))
        blocchi.append(Elenco(voci=mancanze))
    return blocchi


def _presupposto_violato(p: EsitoCondizione, r: Risultato) -> str:
    effetto = (
        "non si può procedere ad assunzioni"
        if p.effetto == "blocca"
        else "non si possono usare gli spazi del D.M.: solo turn over"
    )
    return f"{p.descrizione} — {p.riferimento}: {effetto}."


def _da_acquisire(r: Risultato, escludi: frozenset[str] = frozenset()) -> list[str]:
    """What is missing for a complete check: undocumented preconditions (but those in
    ``escludi``) and unverifiable limits."""
    voci: list[str] = []
    anni_557 = [a.anno for a in r.anni if a.esito_557 is None]
    p557_elencato = False
    for p in r.presupposti:
        if p.esito != "non_documentato" or p.chiave in escludi:
            continue
        if p.chiave == "comma_557":
            p557_elencato = True
            cosa = _cosa_557(r, anni_557)
        else:
            cosa = DA_ACQUISIRE.get(p.chiave, "atto che attesti il presupposto")
        voci.append(f"{p.descrizione} — {p.riferimento}: {cosa};")
    for a in r.anni:
        if a.esito_dm is None:
            voci.append(
                f"limite del D.M. 17/03/2020 per il {a.anno} non determinabile "
                f"({etichetta(REGOLA_DM, a.regola_dm)}): dati necessari al calcolo del limite;"
            )
    if anni_557 and not p557_elencato:
        voci.append(f"tetto di spesa ({_norma_557(r)}): {_cosa_557(r, anni_557)};")
    for a in r.anni:
        if a.esito_flessibile is None:
            voci.append(
                f"lavoro flessibile {a.anno} (spesa prevista {fmt_euro(a.spesa_flessibile)}): "
                "base del limite (spesa 2009, media 2007-2009 o parametro motivato con l'atto "
                "che lo fissa);"
            )
    return _chiudi(voci)


def _cosa_557(r: Risultato, anni: list[int]) -> str:
    if not r.comma_557.presente:
        return "prospetto del tetto di spesa con il limite e la spesa soggetta per ogni anno del triennio"
    elenco = ", ".join(str(x) for x in anni)
    return f"previsione della spesa soggetta al limite del comma {_comma(r)} per {elenco}"


# --- rilievi and parameters ----------------------------------------------------------------


def _rilievi(r: Risultato) -> list[Blocco]:
    blocchi: list[Blocco] = [Titolo(livello=LIVELLO_SEZIONE, testo="Rilievi")]
    if not r.rilievi:
        blocchi.append(Paragrafo(testo="La verifica non ha prodotto rilievi."))
        return blocchi
    blocchi.append(
        Paragrafo(
            testo=(
                "Rilievi emersi dalla verifica, per gravità, ciascuno con la norma di "
                "riferimento e, dove presenti, il valore dichiarato dall'ente e quello ricalcolato."
            ),
            stile="nota",
        )
    )
    for gravita, titolo in GRUPPI_RILIEVI:
        gruppo = [x for x in r.rilievi if x.gravita == gravita]
        if gruppo:
            blocchi.append(Titolo(livello=LIVELLO_SOTTOSEZIONE, testo=f"{titolo} ({len(gruppo)})"))
            blocchi.append(Elenco(voci=[_voce_rilievo(x, r) for x in gruppo]))
    return blocchi


def _parametro_citato(m: re.Match[str]) -> str:
    nome, chiave = m.group(1), m.group(2)
    voce = _voce_parametro(nome, chiave)
    return f"«{_descrizione_parametro(nome)}»" + (f" ({voce})" if voce else "")


def _voce_rilievo(x: Rilievo, r: Risultato) -> str:
    """A finding in words: parameter names and precondition keys become their descriptions."""
    nomi = _nomi_presupposti(r)
    messaggio = _pulisci(_PARAMETRO_CITATO.sub(_parametro_citato, x.messaggio), nomi)
    riferimento = _pulisci(x.riferimento, nomi)
    testo = f"{x.codice} — {messaggio} Riferimento: {riferimento}."
    confronto = [
        f"{nome}: {_valore_rilievo(x.codice, v)}"
        for nome, v in (
            ("dichiarato", x.dichiarato),
            ("calcolato", x.calcolato),
            ("differenza", x.differenza),
        )
        if v is not None
    ]
    if confronto:
        testo += " " + "; ".join(confronto).capitalize() + "."
    return testo


def _valore_rilievo(codice: str, valore: str) -> str:
    """A declared/computed value of a finding, in Italian format when it is a number."""
    if codice in RILIEVI_TESTO or not _NUMERO.match(valore):
        return valore
    numero = Decimal(valore)
    if codice in RILIEVI_RAPPORTO:
        return fmt_percento(numero, decimali_percento(numero))
    return fmt_euro(numero)


def _voci_parametri(usati: list[ParametroUsato], r: Risultato) -> list[str]:
    """One entry per parameter value: its description, the class or entry it belongs to, the
    value, the years and the source act, with no internal name, repository path or ``null``."""
    gruppi: dict[tuple[str, str | None, str, str], list[ParametroUsato]] = {}
    for p in usati:
        gruppi.setdefault((p.nome, p.chiave, p.valore, p.fonte), []).append(p)
    nomi = _nomi_presupposti(r)
    voci = []
    for (nome, chiave, valore, fonte), ps in gruppi.items():
        voce = _voce_parametro(nome, chiave)
        anni = sorted({p.data_riferimento.year for p in ps})
        testo = (
            f"{_descrizione_parametro(nome)}{f' ({voce})' if voce else ''}: "
            f"{_valore_parametro(nome, valore)}, usato per {', '.join(str(a) for a in anni)}."
        )
        atto = _pulisci(fonte, nomi)
        if atto:
            testo += f" Fonte: {atto.rstrip('.')}."
        nota = _pulisci(ps[0].nota or "", nomi)
        if nota:
            testo += f" {nota}"
        voci.append(testo)
    return voci


def _parametri(r: Risultato) -> list[Blocco]:
    blocchi: list[Blocco] = [Titolo(livello=LIVELLO_SEZIONE, testo="Parametri da confermare")]
    da_confermare = [p for p in r.parametri if p.da_confermare and not p.sovrascritto]
    if da_confermare:
        blocchi.append(
            Paragrafo(
                testo=(
                    "Il calcolo ha usato i seguenti valori normativi che il programma non ha "
                    "potuto riscontrare sul testo ufficiale: l'organo di revisione li verifichi "
                    "prima di fare proprie le cifre che ne dipendono."
                )
            )
        )
        blocchi.append(Elenco(voci=_voci_parametri(da_confermare, r)))
    else:
        blocchi.append(
            Paragrafo(
                testo="Nessuno dei parametri normativi usati nel calcolo è segnalato da confermare."
            )
        )
    sovrascritti = [p for p in r.parametri if p.sovrascritto]
    if sovrascritti:
        scenari = sorted({p.scenario for p in sovrascritti if p.scenario})
        dove = "nel fascicolo"
        if scenari:
            nomi = ", ".join(f"«{n}»" for n in scenari)
            dove = (
                f"nello scenario {nomi}"
                if all(p.scenario for p in sovrascritti)
                else f"nel fascicolo e nello scenario {nomi}"
            )
        blocchi.append(
            Paragrafo(
                testo=f"Parametri sostituiti dall'ente {dove}, con la fonte e la motivazione "
                "che l'ente indica:"
            )
        )
        blocchi.append(Elenco(voci=_voci_parametri(sovrascritti, r)))
    return blocchi


# --- asseverazione -------------------------------------------------------------------------


def _norme_asseverazione(r: Risultato) -> str:
    """The law behind the asseverazione and the limit: D.M. art. 5 only for the plan years under
    Tabella 2 or the 2015-2019 leftovers (which apply up to 2024)."""
    commi = sorted({REGOLE_ART5[a.regola_dm] for a in r.anni if a.regola_dm in REGOLE_ART5})
    testo = (
        "Le assunzioni a tempo indeterminato consentite dall'art. 33, comma 2, D.L. 34/2019 sono "
        "subordinate al rispetto pluriennale dell'equilibrio di bilancio asseverato dall'organo di "
        "revisione; il limite di spesa è determinato dal valore "
        "soglia del D.M. 17/03/2020, art. 4, comma 2"
    )
    if commi:
        anni = [a.anno for a in r.anni if a.regola_dm in REGOLE_ART5]
        testo += (
            f" e, per {', '.join(str(x) for x in anni)}, dall'art. 5, "
            f"{' e '.join(commi).replace('comma 1 e comma 2', 'commi 1 e 2')}, dello stesso decreto"
        )
    return testo + "."


def _asseverazione(f: Fascicolo, r: Risultato) -> list[Blocco]:
    blocchi: list[Blocco] = [
        Titolo(
            livello=LIVELLO_SEZIONE,
            testo="Asseverazione dell'equilibrio pluriennale di bilancio "
            "(art. 33, comma 2, D.L. 34/2019)",
        ),
        Paragrafo(
            testo=(
                f"{_norme_asseverazione(r)} Il programma fornisce le cifre della spesa di "
                "personale e delle entrate correnti per ciascun anno; non verifica gli equilibri "
                "del bilancio di previsione, la cui valutazione resta dell'organo di revisione."
            )
        ),
        _tabella_anni(
            r,
            [
                ("Spesa di personale a regime (D.M.)", lambda a: fmt_euro(a.spesa_personale)),
                ("Spesa di personale di competenza", lambda a: fmt_euro(a.spesa_competenza)),
                ("Entrate correnti nette", _entrate),
                (
                    "Fonte delle entrate",
                    lambda a: "previsione" if a.entrate_previste else "media dei rendiconti",
                ),
                ("Rapporto spesa / entrate", lambda a: fmt_percento(a.rapporto)),
                (
                    f"Spesa soggetta al limite del comma {_comma(r)} (con IRAP)",
                    lambda a: fmt_euro(a.spesa_557),
                ),
            ],
            "Spesa di personale ed entrate correnti nel triennio",
            _nota_entrate(r),
        ),
    ]
    p = next((x for x in r.presupposti if x.chiave == "asseverazione_equilibri"), None)
    if p is not None:
        if p.esito == "rispettato":
            testo = (
                "Il fascicolo dell'ente indica un'asseverazione già resa: "
                f"{_atto(p)}. L'organo di revisione ne confermi gli estremi e l'attualità "
                "rispetto al piano in esame."
            )
        elif p.esito == "non_rispettato":
            testo = (
                "Il fascicolo dell'ente dichiara che l'asseverazione non è stata resa: il calcolo "
                "ammette il solo turn over (Corte dei conti, Sezioni riunite, 7/2022)."
            )
        else:
            testo = (
                "Il fascicolo non documenta ancora l'asseverazione: i limiti del D.M. sono "
                "calcolati con gli spazi assunzionali, che si possono usare solo con l'asseverazione "
                "dell'organo di revisione sul rispetto pluriennale degli equilibri; senza di essa "
                "è ammesso il solo turn over (Corte dei conti, Sezioni riunite, 7/2022). La "
                "verifica va ripetuta indicando nel fascicolo l'atto di asseverazione o il suo "
                "diniego."
            )
        blocchi.append(Paragrafo(testo=testo, stile="nota"))
    blocchi.append(Paragrafo(testo="Valutazione dell'organo di revisione:", stile="evidenza"))
    blocchi.append(
        Segnaposto(
            testo=(
                "valutazione dell'organo di revisione sul mantenimento dell'equilibrio pluriennale "
                f"di bilancio {_triennio(r)}: coerenza della spesa di personale prevista con gli "
                "stanziamenti del bilancio di previsione, sostenibilità nel tempo della spesa per "
                "le nuove assunzioni, andamento atteso delle entrate correnti"
            )
        )
    )
    blocchi.append(
        Segnaposto(
            testo=(
                "formula conclusiva a scelta dell'organo di revisione: «assevera» oppure «non "
                "assevera» il rispetto pluriennale dell'equilibrio di bilancio ai sensi dell'art. "
                "33, comma 2, D.L. 34/2019, con la motivazione"
            )
        )
    )
    return blocchi


# --- conclusione ---------------------------------------------------------------------------


def _violazioni(r: Risultato) -> list[str]:
    voci = []
    for a in r.anni:
        if a.esito_dm is False:
            voci.append(
                f"{a.anno}: la spesa di personale a regime ({fmt_euro(a.spesa_personale)}) supera "
                f"il limite del D.M. 17/03/2020 ({fmt_euro(a.limite_dm)}, regola: "
                f"{etichetta(REGOLA_DM, a.regola_dm)}) di {_negativo(a.margine_dm or Decimal(0))};"
            )
        if a.esito_557 is False:
            voci.append(
                f"{a.anno}: la spesa soggetta al limite del comma {_comma(r)} "
                f"({fmt_euro(a.spesa_557)}) supera il limite ({fmt_euro(a.limite_557)}) di "
                f"{_negativo(a.margine_557 or Decimal(0))}: divieto di assunzione "
                f"({_norma_divieto(r)});"
            )
        if a.esito_flessibile is False:
            voci.append(
                f"{a.anno}: la spesa per lavoro flessibile ({fmt_euro(a.spesa_flessibile)}) "
                f"supera il limite dell'art. 9, comma 28, D.L. 78/2010 "
                f"({fmt_euro(a.limite_flessibile)}) di "
                f"{_negativo(a.margine_flessibile or Decimal(0))};"
            )
    for p in r.presupposti:
        if p.esito == "non_rispettato" and p.effetto == "blocca":
            voci.append(f"presupposto non rispettato: {_presupposto_violato(p, r)}")
    return _chiudi(voci)


def _richiamo_rilievi(r: Risultato) -> str | None:
    """The findings a conclusion should recall: the grave ones by code, the others in general."""
    gravi = list(dict.fromkeys(x.codice for x in r.rilievi if x.gravita == "grave"))
    attenzione = any(x.gravita == "attenzione" for x in r.rilievi)
    if gravi:
        testo = f"di quelli gravi ({', '.join(gravi)})"
        return testo + (" e di quelli che richiedono attenzione" if attenzione else "")
    if attenzione:
        return "di quelli che richiedono attenzione"
    return None


def _conclusione(f: Fascicolo, r: Risultato, organo: str) -> list[Blocco]:
    oggetto = (
        f"sulla proposta di Piano triennale dei fabbisogni di personale {_triennio(r)} "
        "(sottosezione 3.3 del PIAO)"
    )
    premessa = (
        f"{organo}, esaminata la proposta di deliberazione e visti gli esiti delle verifiche "
        "sopra esposte, ai sensi dell'art. 19, comma 8, L. 448/2001 e dell'art. 239 D.Lgs. "
        "267/2000,"
    )
    blocchi: list[Blocco] = [
        Titolo(livello=LIVELLO_SEZIONE, testo="Conclusione (proposta)"),
        Paragrafo(
            testo=(
                "Formulazione proposta in base all'esito della verifica automatica "
                f"({etichetta(ESITO, r.esito)}). È una proposta: l'organo di revisione la "
                "adotta, la modifica o la sostituisce secondo il proprio giudizio."
            ),
            stile="nota",
        ),
    ]
    richiamo = _richiamo_rilievi(r)
    gravi = any(x.gravita == "grave" for x in r.rilievi)
    # The parere and the asseverazione are what this document gives: not elements to acquire.
    mancanze = _da_acquisire(r, RESI_CON_IL_PARERE)
    asseverazione_aperta = any(
        p.chiave == "asseverazione_equilibri" and p.esito == "non_documentato"
        for p in r.presupposti
    )
    nota_asseverazione = Paragrafo(
        testo=(
            "L'asseverazione del rispetto pluriennale dell'equilibrio di bilancio non è un "
            "elemento da acquisire: è resa dall'organo di revisione nella sezione «Asseverazione "
            "dell'equilibrio pluriennale di bilancio» del presente parere. I limiti del D.M. "
            "17/03/2020 sono calcolati con gli spazi assunzionali, utilizzabili solo con "
            "l'asseverazione; in mancanza è ammesso il solo turn over e la conclusione va "
            "riformulata."
        ),
        stile="nota",
    )
    if r.esito == "conforme" or (r.esito == "non_verificabile" and not mancanze):
        presupposti = "i presupposti per procedere ad assunzioni risultano documentati"
        if asseverazione_aperta:
            presupposti += (
                ", salvo l'asseverazione dell'equilibrio pluriennale di bilancio, resa con il "
                "presente parere nella sezione dedicata"
            )
        testo = (
            f"Proposta: {premessa} rilevato che la spesa di personale prevista rispetta, in "
            "ciascun anno del triennio, il limite del D.M. 17/03/2020, il limite del comma "
            f"{_comma(r)} dell'art. 1 della L. 296/2006 e il limite dell'art. 9, comma 28, D.L. "
            f"78/2010, e che {presupposti}, esprime parere favorevole {oggetto}"
        )
        turnover = [
            p for p in r.presupposti if p.esito == "non_rispettato" and p.effetto == "solo_turnover"
        ]
        if turnover:
            testo += ", nei limiti del solo turn over in assenza dell'asseverazione"
        if richiamo:
            testo += f", invitando l'ente a tenere conto dei rilievi formulati, in particolare {richiamo}"
        blocchi.append(Paragrafo(testo=testo + "."))
        if asseverazione_aperta:
            blocchi.append(nota_asseverazione)
        if gravi:
            blocchi.append(
                Paragrafo(
                    testo=(
                        "Sono presenti rilievi gravi, pur nel rispetto dei limiti: l'organo di "
                        "revisione valuti se la formulazione favorevole resti appropriata."
                    ),
                    stile="nota",
                )
            )
    elif r.esito == "non_conforme":
        blocchi.append(
            Paragrafo(
                testo=(
                    f"Proposta: {premessa} esprime parere non favorevole {oggetto}, per i "
                    "seguenti motivi:"
                )
            )
        )
        violazioni = _violazioni(r)
        if violazioni:
            blocchi.append(Elenco(voci=violazioni))
        else:  # pragma: no cover - the engine's non_conforme always has a reason
            blocchi.append(Segnaposto(testo="motivi del parere non favorevole"))
        blocchi.append(
            Paragrafo(
                testo=(
                    "e invita l'ente a riformulare il piano nel rispetto dei limiti di spesa e "
                    "dei presupposti indicati."
                )
            )
        )
        if mancanze:
            blocchi.append(
                Paragrafo(
                    testo="Per completare la verifica va inoltre acquisita la seguente "
                    "documentazione:"
                )
            )
            blocchi.append(Elenco(voci=mancanze))
        if asseverazione_aperta:
            blocchi.append(nota_asseverazione)
    else:
        blocchi.append(
            Paragrafo(
                testo=(
                    "La verifica non è completa: mancano gli elementi elencati di seguito. Si "
                    "propongono due formulazioni alternative, tra cui l'organo di revisione sceglie."
                )
            )
        )
        blocchi.append(Paragrafo(testo="Elementi da acquisire:", stile="evidenza"))
        if mancanze:
            blocchi.append(Elenco(voci=mancanze))
        else:  # pragma: no cover - the engine's non_verificabile always has a reason
            blocchi.append(Segnaposto(testo="elementi da acquisire"))
        blocchi.append(
            Paragrafo(
                testo=(
                    f"Proposta A: {premessa} esprime parere favorevole {oggetto}, subordinato "
                    "all'acquisizione, prima dell'adozione del piano, degli elementi sopra "
                    "elencati e all'esito positivo della loro verifica."
                )
            )
        )
        blocchi.append(
            Paragrafo(
                testo=(
                    f"Proposta B: {premessa} sospende il parere {oggetto} fino all'acquisizione "
                    "degli elementi sopra elencati."
                )
            )
        )
        if asseverazione_aperta:
            blocchi.append(nota_asseverazione)
        if richiamo:
            blocchi.append(
                Paragrafo(
                    testo=f"In entrambi i casi restano da considerare i rilievi formulati, in particolare {richiamo}."
                )
            )
    blocchi.append(Paragrafo(testo="Luogo e data:"))
    blocchi.append(Segnaposto(testo="luogo e data"))
    blocchi.append(Paragrafo(testo=organo, stile="evidenza"))
    blocchi.extend(_nomi(f))
    blocchi.append(
        Segnaposto(
            testo="firma del Revisore unico"
            if f.organo_revisione.composizione == "revisore_unico"
            else "firme dei componenti del Collegio dei revisori"
        )
    )
    return blocchi
