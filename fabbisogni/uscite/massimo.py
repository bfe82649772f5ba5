"""``fabbisogni massimo`` and ``fabbisogni margini``: console (rich) and JSON.

Rendered from the results of :mod:`fabbisogni.analisi.massimo` only. JSON: amounts and ratios as strings
holding exact decimals, as in ``fabbisogni verifica --json``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from fabbisogni import __version__
from fabbisogni.analisi.massimo import (
    LIMITI,
    MASSIMO_ASSUNZIONI,
    ORIGINE_COSTO,
    CostoUnitario,
    EsitoMassimo,
    EsitoProfili,
    LimiteAnno,
    MargineAnno,
    MargineLimite,
    StatoLimite,
    Violazione,
    etichetta_limite,
)
from fabbisogni.numeri import fmt_euro, fmt_numero, fmt_percento
from fabbisogni.uscite.etichette import AREA, MESI, REGOLA_DM_BREVE, TIPO_CONTRATTO, etichetta

BASE = {"senza_irap": "senza IRAP", "con_irap": "con IRAP"}


def _eu(v: Decimal | None) -> str:
    return fmt_euro(v, simbolo=False)


def _margine(v: Decimal | None, esito: bool | None) -> Text:
    if esito is None:
        return Text("n.v.", style="yellow")
    stile = "bold red" if esito is False else ("yellow" if v is not None and v == 0 else "")
    return Text(_eu(v), style=stile)


def _fte(fte: Decimal) -> str:
    if fte == 1:
        return "tempo pieno"
    decimali = 0 if (fte * 100) == (fte * 100).to_integral_value() else 2
    return f"part-time {fmt_percento(fte, decimali)} (FTE {fmt_numero(fte, 2)})"


def _assunzione(c: CostoUnitario) -> str:
    return (
        f"{c.profilo} ({etichetta(AREA, c.area)}), {_fte(c.fte)}, "
        f"{etichetta(TIPO_CONTRATTO, c.tipo_contratto)}, dal 1° {MESI[c.mese_inizio - 1]} {c.anno}"
    )


def _limite(x: LimiteAnno) -> str:
    return f"{etichetta_limite(x.limite, x.regola)} nel {x.anno}"


def _violazione(v: Violazione) -> str:
    return f"{_limite(v)}, di {fmt_euro(v.eccedenza)}"


def _ordinale(n: int) -> str:
    return f"{n}ª"


def _assunzioni(n: int) -> str:
    return "1 assunzione" if n == 1 else f"{n} assunzioni"


def _tabella_margini(titolo: str, stati: list[StatoLimite], anni: list[int]) -> Table:
    t = Table(title=titolo, title_justify="left")
    t.add_column("Limite")
    for a in anni:
        t.add_column(str(a), justify="right")
    for lim in LIMITI:
        righe = [s for s in stati if s.limite == lim]
        regole = list(dict.fromkeys(s.regola for s in righe))
        if len(regole) == 1:
            nome = etichetta_limite(lim, regole[0])
        else:  # the D.M. rule may change over the triennio (Tabella 2 until 2024)
            nome = (
                "D.M. 17/03/2020 ("
                + "; ".join(f"{s.anno}: {REGOLA_DM_BREVE.get(s.regola, s.regola)}" for s in righe)
                + ")"
            )
        t.add_row(nome, *[_margine(s.margine, s.esito) for s in righe])
    return t


def _condizioni(
    console: Console,
    non_verificabili: list[LimiteAnno],
    bloccanti: list[str],
    non_documentati: list[str],
) -> None:
    if non_verificabili:
        console.print(
            "[yellow]Limiti non verificabili, quindi esclusi dal calcolo:[/yellow] "
            + "; ".join(_limite(x) for x in non_verificabili)
            + ". La risposta vale solo se anche questi limiti sono rispettati."
        )
    if bloccanti:
        console.print(
            "[bold red]Presupposti non rispettati:[/bold red] "
            + ", ".join(bloccanti)
            + ". Finché non sono rispettati nessuna assunzione è ammessa: il conteggio riguarda "
            "i soli limiti di spesa."
        )
    if non_documentati:
        console.print(
            "[yellow]Presupposti non documentati:[/yellow] "
            + ", ".join(non_documentati)
            + ". Vanno documentati prima di assumere."
        )


def _costo(console: Console, c: CostoUnitario) -> None:
    riga = (
        f"Costo di un'assunzione: [bold]{fmt_euro(c.annuo)}[/bold] annui senza IRAP (D.M. e "
        f"lavoro flessibile), [bold]{fmt_euro(c.annuo_con_irap)}[/bold] con IRAP (comma 557/562)"
    )
    if c.mese_inizio != 1:
        riga += (
            f"; nel {c.anno}, per {13 - c.mese_inizio} mesi, {fmt_euro(c.competenza)} e "
            f"{fmt_euro(c.competenza_con_irap)}"
        )
    riga += f". Origine: {ORIGINE_COSTO[c.origine]}."
    if c.nota:
        riga += f" {c.nota.rstrip('.')}."
    console.print(riga)


# --- massimo ---------------------------------------------------------------------------------


def stampa_massimo(e: EsitoMassimo, console: Console | None = None) -> None:
    console = console or Console()
    c = e.costo
    console.print(
        f"[bold]{e.ente}[/bold] — piano {e.anni[0]}-{e.anni[-1]}\n"
        f"Quante assunzioni in più: {_assunzione(c)}"
    )
    _costo(console, c)
    console.print(Panel(_risposta(e), title="Risposta", title_align="left"))
    n = e.assunzioni
    titolo = (
        "Margine che resta senza assunzioni in più (euro)"
        if not n
        else f"Margine che resta dopo {_assunzioni(n)} in più (euro)"
    )
    console.print(_tabella_margini(titolo, e.margini, e.anni))
    _condizioni(console, e.non_verificabili, e.presupposti_bloccanti, e.presupposti_non_documentati)
    console.print(
        f"Ipotesi: assunzioni identiche, tutte dal 1° {MESI[c.mese_inizio - 1]} {c.anno}, in "
        "aggiunta al piano del fascicolo; il loro costo pesa a regime anche negli anni successivi "
        f"del triennio. {e.verifiche} "
        + ("verifica" if e.verifiche == 1 else "verifiche")
        + " del motore.",
        style="dim",
    )


def _risposta(e: EsitoMassimo) -> str:
    if e.gia_superati:
        return (
            "[bold red]Nessuna assunzione in più[/bold red]: il piano del fascicolo supera già, "
            "senza assunzioni aggiuntive, "
            + "; ".join(_violazione(v) for v in e.gia_superati)
            + ".\nLe cessazioni o le riduzioni che servirebbero: [bold]fabbisogni margini[/bold]."
        )
    if e.assunzioni is None:
        return (
            f"Nessun limite verificabile ferma queste assunzioni (provate fino a "
            f"{fmt_numero(MASSIMO_ASSUNZIONI)}): il numero dipende dai limiti non verificabili."
        )
    n = e.assunzioni
    testo = (
        f"[bold]{_assunzioni(n)} in più[/bold] nel {e.anno}: ogni limite verificabile è rispettato "
        "in ogni anno del triennio."
        if n
        else f"[bold]Nessuna assunzione in più[/bold] nel {e.anno}: già la prima supera un limite."
    )
    if e.ferma is not None:
        v = e.ferma
        testo += (
            f"\nLa {_ordinale(n + 1)} supererebbe di [bold]{fmt_euro(v.eccedenza)}[/bold] il "
            f"limite del {v.anno}: {etichetta_limite(v.limite, v.regola)}."
        )
        altri = [v for v in e.superati_oltre if v != e.ferma]
        if altri:
            testo += "\nSupererebbe anche: " + "; ".join(_violazione(v) for v in altri) + "."
    return testo


def stampa_profili(e: EsitoProfili, console: Console | None = None) -> None:
    console = console or Console()
    console.print(
        f"[bold]{e.ente}[/bold] — piano {e.anni[0]}-{e.anni[-1]}\n"
        f"Spazio per nuove assunzioni dal 1° {MESI[e.mese_inizio - 1]} {e.anno} "
        f"({_fte(e.fte)}, {etichetta(TIPO_CONTRATTO, e.tipo_contratto)})"
    )
    if e.gia_superati:
        console.print(
            "[bold red]Il piano del fascicolo supera già, senza assunzioni aggiuntive:[/bold red] "
            + "; ".join(_violazione(v) for v in e.gia_superati)
            + ". Nessuna assunzione in più è possibile; le cessazioni o le riduzioni che "
            "servirebbero: fabbisogni margini."
        )
    t = Table(
        title=f"Spazio che resta per assunzioni dal {e.anno} (costo annuo a regime, euro)",
        title_justify="left",
    )
    t.add_column("Limite")
    t.add_column("Costo che conta")
    t.add_column("Spazio", justify="right")
    t.add_column("Anno che lo fissa", justify="right")
    for s in e.spazio:
        if s.esito is None and s.importo is None:
            valore: Text | str = Text("n.v.", style="yellow")
        elif s.importo is None:
            valore = "l'assunzione non vi pesa"
        else:
            valore = Text(_eu(s.importo), style="bold red" if s.esito is False else "bold")
        t.add_row(
            etichetta_limite(s.limite, s.regola),
            BASE[s.base],
            valore,
            str(s.anno_vincolante) if s.anno_vincolante else "—",
        )
    console.print(t)

    tp = Table(title="Lo stesso spazio, profilo per profilo", title_justify="left")
    tp.add_column("Profilo")
    tp.add_column("Costo annuo\nsenza / con IRAP", justify="right")
    tp.add_column("Al massimo", justify="right")
    tp.add_column("La successiva supera")
    for p in e.profili:
        c = p.costo
        tp.add_row(
            f"{c.profilo}\n[dim]{c.area}[/dim]",
            f"{_eu(c.annuo)}\n{_eu(c.annuo_con_irap)}\n[dim]{ORIGINE_BREVE[c.origine]}[/dim]",
            Text("—" if p.assunzioni is None else str(p.assunzioni), style="bold"),
            _violazione(p.ferma) if p.ferma else "—",
        )
    console.print(tp)
    if not e.gia_superati:
        pari = " oppure ".join(
            f"{p.assunzioni if p.assunzioni is not None else 'oltre ' + str(MASSIMO_ASSUNZIONI)} "
            f"«{p.costo.profilo}»"
            for p in e.profili
        )
        console.print(
            Panel(
                f"Lo spazio è uno solo e ogni assunzione lo consuma: vale {pari}, non la loro "
                "somma.\nLa ripartizione fra i profili è una scelta dell'ente. Una combinazione "
                "sta nei limiti se il suo costo annuo totale sta nello spazio di ogni riga della "
                "prima tabella (senza IRAP per il D.M. e il lavoro flessibile, con IRAP per il "
                "comma 557/562). Prima di adottarla, scriverla nel piano e controllarla con "
                "[bold]fabbisogni verifica[/bold].",
                title="Ripartizione",
                title_align="left",
            )
        )
    console.print(_tabella_margini("Margini del piano del fascicolo (euro)", e.margini, e.anni))
    _condizioni(console, e.non_verificabili, e.presupposti_bloccanti, e.presupposti_non_documentati)
    console.print(
        "Lo spazio è misurato con il motore su un'assunzione di prova da 1.000,00 € (quanto del "
        "costo annuo ogni limite vede in ogni anno) ed è una lettura lineare; i conteggi per "
        "profilo sono verificati uno per uno con il motore.",
        style="dim",
    )


# --- margini -----------------------------------------------------------------------------------


def stampa_margini(ente: str, anni: list[MargineAnno], console: Console | None = None) -> None:
    console = console or Console()
    numeri = [a.anno for a in anni]
    console.print(
        f"[bold]{ente}[/bold] — margini del piano {numeri[0]}-{numeri[-1]}: quanto può muoversi "
        "ogni dato prima che un limite si rompa"
    )
    stati = [s for a in anni for s in a.limiti]
    t = _tabella_margini("Di quanto può crescere la spesa dell'anno (euro)", stati, numeri)
    t.add_row(
        Text("vincolo (tempo indeterminato) †", style="dim"),
        *[Text(_vincolo_breve(a), style="dim") for a in anni],
    )
    console.print(t)
    permanenti = [
        s.model_copy(update={"margine": s.margine_permanente, "esito": _esito_di(s)}) for s in stati
    ]
    console.print(
        _tabella_margini(
            "Spesa permanente in più da quell'anno, che pesa anche sugli anni dopo (euro)",
            permanenti,
            numeri,
        )
    )

    te = Table(title="Entrate correnti: di quanto possono calare (euro)", title_justify="left")
    te.add_column("")
    for n in numeri:
        te.add_column(str(n), justify="right")
    te.add_row(
        "Entrate nette dell'anno",
        *[_eu(a.entrate.entrate) + ("" if a.entrate.previste else " *") for a in anni],
    )
    te.add_row("Calo massimo", *[_calo(a) for a in anni])
    te.add_row(
        "  in % delle entrate",
        *[
            fmt_percento(a.entrate.caduta_percentuale, 2)
            if a.entrate.caduta_percentuale is not None
            else ""
            for a in anni
        ],
    )
    te.add_row(
        "Un centesimo oltre si supera",
        *[
            etichetta_limite("dm", a.entrate.regola or "")
            if a.entrate.caduta_massima is not None
            else ""
            for a in anni
        ],
    )
    console.print(te)
    if any(not a.entrate.previste for a in anni):
        console.print(
            "  * nessuna previsione: media dei rendiconti al netto del FCDE; il calo si applica "
            "alle entrate di quell'anno soltanto",
            style="dim",
        )
    for a in anni:
        e = a.entrate
        if e.aumento_necessario is not None:
            console.print(
                f"Entrate {e.anno}: il limite è già superato; servono "
                f"{fmt_euro(e.aumento_necessario)} di entrate nette in più per rientrare nel "
                f"limite: {etichetta_limite('dm', e.regola or '')}."
            )
        elif e.caduta_massima is None and e.nota:
            console.print(f"Entrate {e.anno}: {e.nota}.")

    superati = [s for s in stati if s.esito is False]
    if superati:
        console.print("[bold red]Limiti superati: cosa servirebbe per rientrare[/bold red]")
        for s in superati:
            riga = (
                f"  • {s.etichetta} nel {s.anno}: superato di {fmt_euro(s.riduzione_necessaria)}; "
            )
            c = s.cessazioni
            if c is not None and c.numero is not None:
                medie = "serve 1 cessazione media" if c.numero == 1 else "servono "
                if c.numero > 1:
                    medie += f"{c.numero} cessazioni medie"
                riga += f"[bold]{medie}[/bold] in più {c.nota}."
            elif c is not None and c.nota:
                riga += f"{c.nota}."
            console.print(riga)
        media = anni[0].cessazione_media
        if media is not None:
            console.print(
                f"Cessazione media: {fmt_euro(media.annuo)} annui senza IRAP, "
                f"{fmt_euro(media.annuo_con_irap)} con IRAP — {media.descrizione}. Ogni "
                "cessazione è contata dal 1° gennaio dell'anno superato, in aggiunta a quelle "
                "del fascicolo. Il numero è per ciascun limite e anno, da solo: non si sommano "
                "(una cessazione dal 1° gennaio di un anno vale anche negli anni dopo, e la "
                "stessa cessazione può rimediare a più limiti).",
                style="dim",
            )
    console.print(
        "La spesa può crescere del margine in quell'anno; una spesa permanente (un'assunzione a "
        "tempo indeterminato) pesa anche negli anni dopo, quindi conta il margine più piccolo da "
        "quell'anno in poi. Il calo delle entrate è cercato con il motore al centesimo, anno per "
        "anno, con le entrate degli altri anni invariate. n.v. = non verificabile. † Vincolo: "
        "il limite che un'assunzione a tempo indeterminato dal 1° gennaio raggiunge prima (il "
        "margine del comma 557/562, con IRAP, è diviso per il rapporto tra costo con e senza IRAP "
        "prima del confronto con quello del D.M.); il lavoro flessibile riguarda solo i "
        "contratti flessibili; non determinabile se uno dei due limiti non è verificabile.",
        style="dim",
    )


def _esito_di(s: MargineLimite) -> bool | None:
    if s.esito is None or s.margine_permanente is None:
        return None
    return s.margine_permanente >= 0


ORIGINE_BREVE = {
    "ente": "costo dell'ente",
    "piano": "come nel piano",
    "profilo": "costo del profilo",
    "ccnl": "tabelle CCNL",
}


def _vincolo_breve(a: MargineAnno) -> str:
    if a.vincolo == "557":
        regola = next((x.regola for x in a.limiti if x.limite == "557"), "557")
        return f"comma {regola}"
    return {"dm": "D.M."}.get(a.vincolo or "", "non determ.")


def _calo(a: MargineAnno) -> Text:
    e = a.entrate
    if e.aumento_necessario is not None:
        return Text("già superato", style="bold red")
    if e.caduta_massima is None:
        return Text("senza limite" if e.verificabile else "n.v.", style="yellow")
    return Text(_eu(e.caduta_massima), style="bold" if e.caduta_massima else "yellow")


def _permanente(v: Decimal | None) -> Text:
    if v is None:
        return Text("n.v.", style="yellow")
    return Text(_eu(v), style="bold red" if v < 0 else "")


def _nv(n: int) -> list[Text]:
    return [Text("n.v.", style="yellow") for _ in range(n)]


# --- JSON ---------------------------------------------------------------------------------------


def _json(dati: dict[str, Any]) -> str:
    return json.dumps({"versione": __version__, **dati}, ensure_ascii=False, indent=2)


def json_massimo(e: EsitoMassimo, scenario: str | None = None) -> str:
    return _json({"comando": "massimo", "scenario": scenario, **e.model_dump(mode="json")})


def json_profili(e: EsitoProfili, scenario: str | None = None) -> str:
    return _json({"comando": "massimo_profili", "scenario": scenario, **e.model_dump(mode="json")})


def json_margini(ente: str, anni: list[MargineAnno], scenario: str | None = None) -> str:
    media = anni[0].cessazione_media if anni else None
    return _json(
        {
            "comando": "margini",
            "scenario": scenario,
            "ente": ente,
            "cessazione_media": media.model_dump(mode="json") if media else None,
            "anni": [a.model_dump(mode="json", exclude={"cessazione_media"}) for a in anni],
        }
    )
