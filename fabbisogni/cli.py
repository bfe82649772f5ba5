"""Command line: thin, imports lazy so that start-up stays fast.

Exit status: 0 every limit holds in every year; 1 a limit does not hold, or cannot be verified;
2 unusable input.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Capacità assunzionale e verifica del piano dei fabbisogni di personale dei comuni.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _errore(exc: Exception) -> None:
    from fabbisogni.errors import ErroriInput

    righe = [e.testo() for e in exc.errori] if isinstance(exc, ErroriInput) else [str(exc)]
    print("Errore: dati non utilizzabili.", file=sys.stderr)
    for r in righe:
        print(f"  - {r}", file=sys.stderr)
    raise typer.Exit(2)


@app.command()
def verifica(
    fascicolo: Annotated[
        Path, typer.Argument(help="Cartella del fascicolo (o il suo fascicolo.yaml)")
    ],
    json: Annotated[
        bool, typer.Option("--json", help="Stampa un documento JSON invece delle tabelle")
    ] = False,
    dettaglio: Annotated[
        bool, typer.Option("--dettaglio", help="Mostra tutti i passaggi del calcolo")
    ] = False,
) -> None:
    """Verifica il piano triennale contro ogni limite di spesa, anno per anno."""
    from fabbisogni.errors import ErroreFabbisogni
    from fabbisogni.lettura import leggi_fascicolo
    from fabbisogni.motore import verifica as esegui

    try:
        risultato = esegui(leggi_fascicolo(fascicolo))
    except ErroreFabbisogni as exc:
        _errore(exc)
        return
    if json:
        from fabbisogni.render.json import to_json

        print(to_json(risultato))
    else:
        from fabbisogni.render.console import stampa

        stampa(risultato, dettaglio=dettaglio)
    raise typer.Exit(0 if risultato.esito == "conforme" else 1)


@app.command()
def schema() -> None:
    """Stampa lo schema JSON del fascicolo."""
    import json as j

    from fabbisogni.fascicolo import Fascicolo

    print(j.dumps(Fascicolo.model_json_schema(), ensure_ascii=False, indent=2))


@app.command()
def tabelle() -> None:
    """Stampa i parametri normativi in vigore, con le loro fonti."""
    from rich.console import Console
    from rich.table import Table

    from fabbisogni.errors import ErroreFabbisogni
    from fabbisogni.parametri import carica_tabelle

    try:
        tab = carica_tabelle()
    except ErroreFabbisogni as exc:
        _errore(exc)
        return
    console = Console()
    for p in tab.values():
        t = Table(title=f"{p.nome} — {p.descrizione}", show_lines=True, title_justify="left")
        t.add_column("Periodo")
        t.add_column("Valore")
        t.add_column("Fonte")
        for v in p.versioni:
            periodo = f"dal {v.dal:%d/%m/%Y}" + (f"\nal {v.al:%d/%m/%Y}" if v.al else "")
            valore = _valore_testo(v.valore, v.da_confermare)
            fonte = v.fonte.testo() + (f"\nNota: {v.nota}" if v.nota else "")
            t.add_row(periodo, valore, fonte)
        console.print(t)


def _valore_testo(valore: object, da_confermare: bool | list[str]) -> str:
    if valore is None:
        return "non applicabile"
    if isinstance(valore, dict):
        righe = []
        for k, v in valore.items():
            segno = (
                " (da confermare)"
                if (
                    da_confermare is True
                    or (isinstance(da_confermare, list) and k in da_confermare)
                )
                else ""
            )
            if isinstance(v, dict):
                v = ", ".join(f"{a}: {b}" for a, b in v.items() if not isinstance(b, dict))
            righe.append(f"{k}: {v}{segno}")
        return "\n".join(righe)
    return str(valore) + (" (da confermare)" if da_confermare is True else "")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover
        raise SystemExit(130) from None
