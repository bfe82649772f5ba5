"""Console output with rich: ente, DM box, per-year table, 557 and flexible prospetti,
preconditions and findings. Rendered from the Risultato only."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from fabbisogni.numeri import fmt_euro, fmt_percento
from fabbisogni.risultato import Risultato
from fabbisogni.uscite.etichette import COLLOCAZIONE, REGOLA_DM_BREVE

GRAVITA_STILE = {"grave": "bold red", "attenzione": "yellow", "informativa": "cyan"}
ESITO_STILE = {
    "conforme": "bold green",
    "non_conforme": "bold red",
    "non_verificabile": "bold yellow",
}


def _esito(e: bool | None) -> Text:
    if e is None:
        return Text("n.v.", style="yellow")
    return Text("sì", style="green") if e else Text("NO", style="bold red")


def _eu(v: Decimal | None) -> str:
    return fmt_euro(v, simbolo=False)


def stampa(r: Risultato, console: Console | None = None, *, dettaglio: bool = False) -> None:
    console = console or Console()
    if r.scenario:
        # Text, not markup: a scenario's name and description are the user's, «[» included.
        console.print(Text(f"Scenario di studio: «{r.scenario}»", style="bold magenta"))
        # set by the engine when Risultato has it (the scenario's ``descrizione:``)
        descrizione = getattr(r, "scenario_descrizione", None)
        if descrizione:
            console.print(Text(descrizione, style="magenta"))
    e = r.ente
    console.print(
        Panel(
            f"[bold]{e.nome}[/bold]"
            + (f"  (ISTAT {e.codice_istat})" if e.codice_istat else "")
            + f"\nPopolazione {e.popolazione:,}".replace(",", ".")
            + f" al 31/12/{e.anno_popolazione} · fascia demografica [bold]{e.fascia}[/bold] (D.M. 17/03/2020 art. 3)"
            + f"\nPiano triennale {e.anni[0]}-{e.anni[-1]}",
            title="Ente",
        )
    )
    d = r.dm
    box = Table.grid(padding=(0, 2))
    box.add_column()
    box.add_column(justify="right")
    box.add_row(f"Spesa di personale (rendiconto {d.anno_rendiconto})", _eu(d.spesa_personale))
    box.add_row(
        f"Media entrate correnti {d.anni_entrate[0]}-{d.anni_entrate[-1]}", _eu(d.media_entrate)
    )
    box.add_row(f"FCDE {d.anni_entrate[-1]}", _eu(d.fcde))
    box.add_row("Entrate correnti nette", _eu(d.entrate_correnti_nette))
    box.add_row(
        "[bold]Rapporto spesa / entrate[/bold]", f"[bold]{fmt_percento(d.rapporto, 4)}[/bold]"
    )
    box.add_row(f"Valore soglia Tabella 1 (fascia {e.fascia})", fmt_percento(d.valore_soglia, 1))
    box.add_row(
        f"Soglia di rientro Tabella 3 (fascia {e.fascia})", fmt_percento(d.soglia_rientro, 1)
    )
    box.add_row("Collocazione", COLLOCAZIONE[d.collocazione])
    box.add_row("Spesa alla soglia di Tabella 1", _eu(d.spesa_soglia))
    if d.spesa_massima is not None:
        box.add_row(
            f"Spesa massima {e.anni[0]} ({REGOLA_DM_BREVE.get(d.regola_spazio, d.regola_spazio)})",
            _eu(d.spesa_massima),
        )
    box.add_row(
        f"[bold]Spazio assunzionale {e.anni[0]}[/bold]",
        f"[bold]{_eu(d.spazio_assunzionale)}[/bold]"
        if d.spazio_assunzionale is not None
        else d.regola_spazio,
    )
    console.print(
        Panel(box, title="Sostenibilità finanziaria — art. 33 c.2 D.L. 34/2019, D.M. 17/03/2020")
    )

    t = Table(title="Il piano anno per anno (importi in euro)", show_lines=False)
    t.add_column("")
    for a in r.anni:
        t.add_column(str(a.anno), justify="right")

    def riga(nome: str, valori: list[object]) -> None:
        t.add_row(nome, *[v if isinstance(v, Text) else str(v) for v in valori])

    riga("Spesa a regime (DM)", [_eu(a.spesa_personale) for a in r.anni])
    riga("  di cui assunzioni", [_eu(a.assunzioni) for a in r.anni])
    riga("  di cui cessazioni", [_eu(-a.cessazioni) for a in r.anni])
    riga("Spesa di competenza", [_eu(a.spesa_competenza) for a in r.anni])
    riga(
        "Entrate correnti nette",
        [_eu(a.entrate_correnti) + ("" if a.entrate_previste else " *") for a in r.anni],
    )
    riga("Rapporto", [fmt_percento(a.rapporto) for a in r.anni])
    riga("Limite DM", [_eu(a.limite_dm) for a in r.anni])
    riga("Margine DM (senza IRAP)", [_eu(a.margine_dm) for a in r.anni])
    riga("Regola DM", [REGOLA_DM_BREVE.get(a.regola_dm, a.regola_dm) for a in r.anni])
    riga("Rispetta DM", [_esito(a.esito_dm) for a in r.anni])
    riga("Spesa comma 557", [_eu(a.spesa_557) for a in r.anni])
    riga("Limite comma 557", [_eu(a.limite_557) for a in r.anni])
    riga("Margine 557 (con IRAP)", [_eu(a.margine_557) for a in r.anni])
    riga("Rispetta 557", [_esito(a.esito_557) for a in r.anni])
    riga("Spesa flessibile", [_eu(a.spesa_flessibile) for a in r.anni])
    riga("Limite flessibile", [_eu(a.limite_flessibile) for a in r.anni])
    riga("Margine flessibile", [_eu(a.margine_flessibile) for a in r.anni])
    riga("Rispetta art. 9 c.28", [_esito(a.esito_flessibile) for a in r.anni])
    comma = r.comma_557.comma
    riga(
        "Vincolo (tempo indet.) †",
        [
            {"dm": "DM", "557": f"comma {comma}"}.get(a.vincolo or "", "non determinabile")
            for a in r.anni
        ],
    )
    console.print(t)
    console.print(
        "  † il limite che un'assunzione a tempo indeterminato dal 1° gennaio raggiunge prima: "
        "margine DM (spesa senza IRAP) contro margine 557 (spesa con IRAP) diviso per il "
        "rapporto tra costo con e senza IRAP; il margine flessibile riguarda solo i contratti "
        "flessibili",
        style="dim",
    )
    aperti = [str(a.anno) for a in r.anni if a.vincolo is None]
    if aperti:
        console.print(
            f"    non determinabile ({', '.join(aperti)}): un limite non è verificabile e il "
            "margine dell'altro non basta a dire quale si raggiunge prima",
            style="dim",
        )
    if any(not a.entrate_previste for a in r.anni):
        console.print("  * nessuna previsione: media dei rendiconti al netto del FCDE", style="dim")

    c = r.comma_557
    if c.presente:
        t5 = Table(title=f"Tetto di spesa — art. 1 comma {c.comma} L. 296/2006 (importi in euro)")
        t5.add_column("")
        for col in c.colonne:
            t5.add_column(col.etichetta + (" *" if col.derivata else ""), justify="right")
        t5.add_row("(A) totale spese di personale", *[_eu(x.totale) for x in c.colonne])
        t5.add_row("(B) componenti escluse", *[_eu(x.escluse) for x in c.colonne])
        t5.add_row("(C) maggior spesa DM art. 7", *[_eu(x.maggior_spesa_dm) for x in c.colonne])
        t5.add_row("(A−B−C) soggette al limite", *[_eu(x.assoggettata) for x in c.colonne])
        t5.add_row("Limite", *[_eu(x.limite) if x.limite is not None else "" for x in c.colonne])
        t5.add_row("Margine", *[_eu(x.margine) if x.margine is not None else "" for x in c.colonne])
        console.print(t5)
        if any(col.derivata for col in c.colonne):
            console.print("  * derivata dal rendiconto e dal piano", style="dim")
    else:
        console.print("[yellow]Prospetto del comma 557 assente nel fascicolo.[/yellow]")

    tp = Table(title="Presupposti per assumere")
    tp.add_column("Presupposto")
    tp.add_column("Esito")
    tp.add_column("Atto / nota")
    tp.add_column("Norma", style="dim")
    stile = {"rispettato": "green", "non_rispettato": "bold red", "non_documentato": "yellow"}
    for p in r.presupposti:
        atto = " ".join(
            x for x in (p.atto, p.data.strftime("%d/%m/%Y") if p.data else None, p.note) if x
        )
        tp.add_row(
            p.descrizione,
            Text(p.esito.replace("_", " "), style=stile[p.esito]),
            atto,
            p.riferimento,
        )
    console.print(tp)

    if r.cessazioni_personale or r.costi:
        _movimenti(r, console)

    if r.rilievi:
        righe = []
        for ril in r.rilievi:
            righe.append(
                Text.assemble(
                    (f"[{ril.gravita}] ", GRAVITA_STILE[ril.gravita]),
                    (f"{ril.codice}: ", "bold"),
                    ril.messaggio,
                    (f"  ({ril.riferimento})", "dim"),
                )
            )
        console.print(Panel(Group(*righe), title=f"Rilievi ({len(r.rilievi)})"))

    if dettaglio:
        stampa_passi(r, console)

    console.print(
        Panel(
            Text.assemble(
                ("Esito: ", "bold"),
                (r.esito.replace("_", " ").upper(), ESITO_STILE[r.esito]),
                f"\n{r.motivazione_esito}",
            )
        )
    )


ORIGINE_CESSAZIONE = {
    "nota": "cessazione nota",
    "pensione": "pensione (proiezione)",
    "sostituzione": "pensione (prima data utile: il piano la sostituisce)",
}
ORIGINE_COSTO = {
    "ente": "indicato dall'ente (IRAP ricavata)",
    "profilo": "costo del profilo dell'ente",
    "ccnl": "tabelle CCNL Funzioni Locali",
}


def _movimenti(r: Risultato, console: Console) -> None:
    if r.cessazioni_personale:
        t = Table(title="Cessazioni ricavate dal personale in servizio (importi in euro)")
        for col in ("Persona", "Dal mese", "Causa", "Origine", "A regime", "Di competenza"):
            t.add_column(col, justify="right" if col in ("A regime", "Di competenza") else "left")
        for c in r.cessazioni_personale:
            t.add_row(
                c.id,
                f"{c.mese:02d}/{c.anno}",
                c.causa,
                ORIGINE_CESSAZIONE[c.origine],
                _eu(c.risparmio_regime),
                _eu(c.risparmio_competenza),
            )
        console.print(t)
    if r.costi:
        t = Table(title="Costi non indicati nel fascicolo, calcolati (importi in euro)")
        for col in (
            "Posizione",
            "Origine",
            "Annuo senza IRAP",
            "Annuo con IRAP",
            "Di competenza nel primo anno",
        ):
            t.add_column(col, justify="left" if col in ("Posizione", "Origine") else "right")
        for c in r.costi:
            t.add_row(
                f"{c.tipo} {c.id}",
                ORIGINE_COSTO[c.origine],
                _eu(c.annuo),
                _eu(c.annuo_con_irap),
                f"{_eu(c.competenza)} ({c.anno})",
            )
        console.print(t)


def stampa_passi(r: Risultato, console: Console) -> None:
    passi = [*r.ente.passi, *r.dm.passi, *[p for a in r.anni for p in a.passi]]
    t = Table(title="Passaggi del calcolo", show_lines=True)
    t.add_column("Passo")
    t.add_column("Formula")
    t.add_column("Valore", justify="right")
    t.add_column("Dati e parametri")
    for p in passi:
        dati = [f"{d.nome}: {_valore(d.valore, d.unita)}" for d in p.input]
        dati += [
            f"{u.nome}{f'[{u.chiave}]' if u.chiave else ''} = {u.valore} — {u.fonte}"
            for u in p.parametri
        ]
        if p.riferimento:
            dati.append(f"norma: {p.riferimento}")
        t.add_row(p.descrizione, p.formula, _valore(p.valore, p.unita), "\n".join(dati))
    console.print(t)


def _valore(testo: str, unita: str) -> str:
    """A value of the trace the Italian way: 61.000,00, 25,2871%, 1,067098; text as it is."""
    from decimal import Decimal, InvalidOperation

    from fabbisogni.numeri import fmt_decimale, fmt_numero

    try:
        valore = Decimal(testo)
    except InvalidOperation:
        return testo
    if not valore.is_finite():
        return testo
    if unita == "euro":
        return fmt_numero(valore, 2)
    if unita == "rapporto":
        return fmt_percento(valore, 4)
    if unita in ("anno", "abitanti"):
        return testo
    return fmt_decimale(valore)
