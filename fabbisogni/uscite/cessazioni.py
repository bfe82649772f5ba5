"""``fabbisogni cessazioni``: the projection on the console (rich) and as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, is_dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table

from fabbisogni.caso.fascicolo import Fascicolo
from fabbisogni.numeri import fmt_data, fmt_euro, fmt_numero, fmt_percento
from fabbisogni.personale.proiezione import CAUSA_TESTO, IPOTESI_TESTO, Proiezione

TIPO_DIRITTO = {
    "vecchiaia": "Vecchiaia",
    "anticipata": "Anticipata",
    "quota103": "Quota 103",
    "limite_ordinamentale": "Limite ordinamentale",
    "trattenimento": "Trattenimento",
}
ORIGINE = {"nota": "nota", "pensione": "pensione (proiezione)", "sostituzione": "pensione (piano)"}


def _eu(v: Decimal | None) -> str:
    return fmt_euro(v, simbolo=False)


def _eta(nascita: date, giorno: date) -> str:
    mesi = (giorno.year - nascita.year) * 12 + giorno.month - nascita.month
    if giorno.day < nascita.day:
        mesi -= 1
    return f"{mesi // 12}a {mesi % 12}m"


def stampa(f: Fascicolo, p: Proiezione, console: Console | None = None) -> None:
    console = console or Console()
    inizio = date(p.anni[0], 1, 1)
    console.print(
        f"[bold]{f.ente.nome}[/bold] — proiezione delle cessazioni {p.anni[0]}-{p.anni[-1]}\n"
        f"Personale al 31/12/{p.anni[0] - 1}: {len(f.personale)} persone, "
        f"{len(p.pensioni)} a tempo indeterminato proiettate"
        + (
            (
                ", 1 con altro contratto esclusa"
                if len(p.escluse) == 1
                else f", {len(p.escluse)} con altri contratti escluse"
            )
            if p.escluse
            else ""
        )
        + f".\nIpotesi di pensionamento: {IPOTESI_TESTO[p.ipotesi]}."
    )

    # Pension rights that fall within the period (or just after it).
    fine = date(p.anni[-1], 12, 31)
    persone = {d.id: d for d in f.personale}
    t = Table(title="Diritti a pensione nel periodo (maturazione → decorrenza)", show_lines=True)
    for col in ("Persona", "Area / profilo", f"Età al {fmt_data(inizio)}", "Diritti", "Cessazione"):
        t.add_column(col)
    righe = 0
    for e in p.pensioni:
        utili = [x for x in e.diritti if x.maturazione is not None and x.maturazione <= fine]
        if not utili:
            continue
        d = persone[e.id]
        diritti = "\n".join(
            f"{TIPO_DIRITTO.get(x.tipo, x.tipo)}: {fmt_data(x.maturazione)} → {fmt_data(x.decorrenza)}"
            + (f" ({x.nota})" if x.nota else "")
            for x in utili
        )
        cess = next((c for c in p.cessazioni if c.dipendente.id == e.id), None)
        t.add_row(
            e.id,
            f"{d.area}\n{d.profilo}",
            _eta(d.data_nascita, inizio),
            diritti,
            f"{fmt_data(cess.data)}\n{ORIGINE[cess.origine]}" if cess else "oltre il periodo",
        )
        righe += 1
    if righe:
        console.print(t)
    else:
        console.print("Nessun diritto a pensione matura nel periodo.")

    t = Table(title="Cessazioni certe (note e pensioni) e risparmio (importi in euro)")
    for col in ("Anno", "Persona", "Area / profilo", "Dal", "Causa", "A regime", "Di competenza"):
        t.add_column(col, justify="right" if col in ("A regime", "Di competenza") else "left")
    for anno in [p.anni[0] - 1, *p.anni]:
        casi = p.per_anno(anno)
        for c in casi:
            d = c.dipendente
            t.add_row(
                str(anno),
                d.id,
                f"{d.area}, {d.profilo}" + (f" (FTE {fmt_numero(d.fte, 2)})" if d.fte != 1 else ""),
                fmt_data(c.data),
                CAUSA_TESTO[c.causa] if c.origine == "nota" else ORIGINE[c.origine],
                _eu(c.risparmio_regime),
                _eu(c.risparmio_competenza),
            )
        if casi:
            t.add_row(
                f"[bold]{anno}[/bold]",
                "[bold]totale[/bold]",
                f"[bold]{len(casi)} {'persona' if len(casi) == 1 else 'persone'}[/bold]",
                "",
                "",
                f"[bold]{_eu(sum((c.risparmio_regime for c in casi), Decimal(0)))}[/bold]",
                f"[bold]{_eu(sum((c.risparmio_competenza for c in casi), Decimal(0)))}[/bold]",
                end_section=True,
            )
    if p.cessazioni:
        console.print(t)
    else:
        console.print("Nessuna cessazione certa nel periodo.")

    t = Table(title="Tassi annui di altre uscite (dimissioni, mobilità, concorsi altrove)")
    for col in ("Area", "Persone", "Tasso", "Origine"):
        t.add_column(col)
    for x in p.tassi:
        da_conf = " (da confermare)" if x.parametro and x.parametro.da_confermare else ""
        t.add_row(x.area, str(x.persone), fmt_percento(x.tasso, 2), x.origine + da_conf)
    console.print(t)
    for avviso in p.avvisi:
        console.print(f"[yellow]Attenzione — {avviso}.[/yellow]")

    s = p.simulazione
    if s is not None:
        t = Table(
            title=(
                f"Intervallo con le altre uscite: {fmt_numero(s.simulazioni)} simulazioni, "
                f"seme {s.seme} (P10 · mediana · P90)"
            )
        )
        for col in (
            "Anno",
            "Cessazioni dell'anno",
            "di cui altre uscite",
            "Risparmio a regime delle cessazioni dell'anno (€)",
            "Risparmio di competenza nell'anno, dal primo anno (€)",
        ):
            t.add_column(col, justify="right")
        for a in s.anni:
            t.add_row(
                str(a.anno),
                _terna(a.cessazioni, False),
                _terna(a.altre_uscite, False),
                _terna(a.risparmio_regime, True),
                _terna(a.risparmio_competenza, True),
            )
        console.print(t)
        console.print(
            "Le altre uscite sono un intervallo, non una previsione: non entrano nella verifica "
            "dei limiti, che conta solo le cessazioni certe. Il risparmio di competenza di un "
            "anno comprende quello, per l'anno intero, delle cessazioni degli anni precedenti."
        )


def _terna(q: Any, euro: bool) -> str:
    if euro:
        return f"{_eu(q.p10)} · {_eu(q.mediana)} · {_eu(q.p90)}"
    return f"{q.p10} · {q.mediana} · {q.p90}"


def to_json(f: Fascicolo, p: Proiezione) -> str:
    dati = {
        "ente": f.ente.nome,
        "anni": p.anni,
        "ipotesi": p.ipotesi,
        "pensioni": [_semplice(e) for e in p.pensioni],
        "cessazioni": [
            {
                "dipendente": c.dipendente.id,
                "area": c.dipendente.area,
                "profilo": c.dipendente.profilo,
                "data": c.data.isoformat(),
                "anno": c.anno,
                "mese": c.mese,
                "causa": c.causa,
                "origine": c.origine,
                "regola": c.regola,
                "costo_origine": c.costo.origine,
                "risparmio_regime": str(c.risparmio_regime),
                "risparmio_competenza": str(c.risparmio_competenza),
            }
            for c in p.cessazioni
        ],
        "escluse": [d.id for d in p.escluse],
        "avvisi": p.avvisi,
        "tassi": [
            {"area": t.area, "tasso": str(t.tasso), "origine": t.origine, "persone": t.persone}
            for t in p.tassi
        ],
        "simulazione": _semplice(p.simulazione) if p.simulazione is not None else None,
        "parametri": [u.model_dump(mode="json") for u in p.parametri],
    }
    return json.dumps(dati, ensure_ascii=False, indent=2)


def _semplice(x: Any) -> Any:
    if is_dataclass(x) and not isinstance(x, type):
        return {k: _semplice(v) for k, v in asdict(x).items()}
    if isinstance(x, dict):
        return {k: _semplice(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_semplice(v) for v in x]
    if isinstance(x, Decimal):
        return str(x)
    if isinstance(x, date):
        return x.isoformat()
    if hasattr(x, "model_dump"):
        return x.model_dump(mode="json")
    return x
