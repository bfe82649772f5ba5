"""Command line: thin, imports lazy so that start-up stays fast.

Exit status: 0 every limit holds in every year; 1 a limit does not hold, or cannot be verified;
2 unusable input.
"""

from __future__ import annotations

import os
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


def _avvisa_csv_ignorati(percorso: Path) -> None:
    """A lone fascicolo.yaml is read without the CSVs beside it: say so, once, on stderr."""
    from fabbisogni.lettura import e_scenario

    if (
        percorso.is_file()
        and percorso.suffix.lower() in (".yaml", ".yml")
        and not e_scenario(percorso)
    ):
        accanto = sorted(
            p.name
            for p in percorso.parent.glob("*.csv")
            if p.name
            in ("piano_assunzioni.csv", "cessazioni.csv", "consistenza.csv", "personale.csv")
        )
        if accanto:
            print(
                f"Nota: indicato il solo {percorso.name}; i file accanto ({', '.join(accanto)}) "
                "non sono letti. Per leggerli indicare la cartella.",
                file=sys.stderr,
            )


def _errore(exc: Exception) -> None:
    from fabbisogni.errors import ErroriInput
    from fabbisogni.uscita import ErroreUscita

    righe = (
        [e.testo() for e in exc.errori] if isinstance(exc, ErroriInput) else str(exc).split("\n")
    )
    if isinstance(exc, ErroreUscita):
        print("Errore: nessun documento scritto.", file=sys.stderr)
    else:
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
        _avvisa_csv_ignorati(fascicolo)
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
def report(
    fascicolo: Annotated[
        Path, typer.Argument(help="Cartella del fascicolo (o il suo fascicolo.yaml)")
    ],
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Foglio di lavoro di verifica per il revisore (.xlsx)"),
    ] = None,
    docx: Annotated[
        Path | None, typer.Option("--docx", help="PIAO sottosezione 3.3 in Word (.docx)")
    ] = None,
    md: Annotated[
        Path | None, typer.Option("--md", help="PIAO sottosezione 3.3 in Markdown (.md)")
    ] = None,
    parere_docx: Annotated[
        Path | None,
        typer.Option("--parere-docx", help="Bozza di parere dell'organo di revisione (.docx)"),
    ] = None,
    parere_md: Annotated[
        Path | None,
        typer.Option("--parere-md", help="Bozza di parere dell'organo di revisione (.md)"),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Cartella in cui scrivere tutti i documenti con nomi standard (creata se manca, dentro una cartella esistente)",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Sovrascrive i documenti già esistenti")
    ] = False,
) -> None:
    """Scrive i documenti: foglio di verifica, PIAO 3.3 e bozza di parere del revisore.

    Non sovrascrive mai i file del fascicolo; un documento già esistente solo con --force.
    Ogni file è scritto per intero in un file temporaneo e poi spostato al suo posto.
    """
    from fabbisogni.errors import ErroreFabbisogni
    from fabbisogni.lettura import file_di_input, leggi_fascicolo
    from fabbisogni.motore import verifica as esegui
    from fabbisogni.report import nomi_standard, uscite_richieste
    from fabbisogni.uscita import ErroreUscita, controlla, scrivi_tutte

    richieste = {
        "--xlsx": xlsx,
        "--docx": docx,
        "--md": md,
        "--parere-docx": parere_docx,
        "--parere-md": parere_md,
    }
    if out is None and not any(richieste.values()):
        print(
            "Errore: indicare almeno un documento (--xlsx, --docx, --md, --parere-docx, "
            "--parere-md) oppure --out CARTELLA.",
            file=sys.stderr,
        )
        raise typer.Exit(2)
    try:
        _avvisa_csv_ignorati(fascicolo)
        f = leggi_fascicolo(fascicolo)
        risultato = esegui(f)
        if out is not None:
            if out.exists() and not out.is_dir():
                raise ErroreUscita(f"--out {out}: esiste ed è un file, non una cartella")
            for opzione, nome in nomi_standard(f).items():
                if richieste[opzione] is None:
                    richieste[opzione] = out / nome
        uscite = uscite_richieste(f, risultato, richieste)
        controlla(
            uscite,
            file_di_input(fascicolo),
            force=force,
            nuove_cartelle={out} if out is not None else set(),
        )
        if out is not None:
            out.mkdir(exist_ok=True)
        scritti = scrivi_tutte(uscite, force=force)
    except ErroreFabbisogni as exc:
        _errore(exc)
        return
    from fabbisogni.render.etichette import ESITO

    print(f"Esito della verifica: {ESITO[risultato.esito]} — {risultato.motivazione_esito}")
    for p in scritti:
        print(f"Scritto {p}")


@app.command()
def cessazioni(
    fascicolo: Annotated[
        Path, typer.Argument(help="Cartella del fascicolo, il suo fascicolo.yaml o un file .xlsx")
    ],
    anni_oltre: Annotated[
        int | None,
        typer.Option("--anni-oltre", help="Anni di proiezione oltre il triennio (0-10)"),
    ] = None,
    ipotesi: Annotated[
        str | None,
        typer.Option(
            "--ipotesi",
            help="Quale pensione conta: limite-ordinamentale (predefinita) o primo-diritto",
        ),
    ] = None,
    simulazioni: Annotated[
        int | None,
        typer.Option("--simulazioni", help="Numero di simulazioni (100-1.000.000)"),
    ] = None,
    seme: Annotated[
        int | None, typer.Option("--seme", help="Seme del generatore (intero ≥ 0)")
    ] = None,
    json: Annotated[
        bool, typer.Option("--json", help="Stampa un documento JSON invece delle tabelle")
    ] = False,
) -> None:
    """Proietta le cessazioni del personale in servizio: pensioni, altre uscite, risparmio."""
    from fabbisogni.errors import ErroreFabbisogni, ErroreInput
    from fabbisogni.lettura import leggi_fascicolo
    from fabbisogni.parametri import Parametri
    from fabbisogni.proiezione import proietta

    scelte = {"limite-ordinamentale": "limite_ordinamentale", "primo-diritto": "primo_diritto"}
    try:
        if ipotesi is not None and ipotesi.replace("_", "-") not in scelte:
            raise ErroreInput(
                f"--ipotesi «{ipotesi}» non ammessa: valori ammessi {', '.join(scelte)}"
            )
        for opzione, valore, minimo, massimo in (
            ("--anni-oltre", anni_oltre, 0, 10),
            ("--simulazioni", simulazioni, 100, 1_000_000),
            ("--seme", seme, 0, None),
        ):
            if valore is not None and (valore < minimo or (massimo and valore > massimo)):
                limiti = (
                    f"da {minimo} a {massimo:_}".replace("_", ".")
                    if massimo
                    else f"almeno {minimo}"
                )
                raise ErroreInput(f"{opzione} {valore} fuori intervallo: ammesso {limiti}")
        _avvisa_csv_ignorati(fascicolo)
        f = leggi_fascicolo(fascicolo)
        if not f.personale:
            raise ErroreInput(
                "il fascicolo non ha il personale in servizio (personale.csv o foglio "
                "«Personale»): la proiezione parte dalle persone in servizio",
                file=str(fascicolo),
            )
        p = proietta(
            f,
            Parametri.predefiniti(f.parametri),
            anni_oltre=anni_oltre,
            ipotesi=scelte[ipotesi.replace("_", "-")] if ipotesi else None,  # type: ignore[arg-type]
            simulazioni=simulazioni,
            seme=seme,
        )
    except ErroreFabbisogni as exc:
        _errore(exc)
        return
    if json:
        from fabbisogni.render.cessazioni import to_json

        print(to_json(f, p))
    else:
        from fabbisogni.render.cessazioni import stampa

        stampa(f, p)


@app.command()
def scenari(
    base: Annotated[
        Path, typer.Argument(help="Il fascicolo di base: cartella, fascicolo.yaml o file .xlsx")
    ],
    file_scenari: Annotated[
        list[Path],
        typer.Argument(metavar="scenario", help="Uno o più file di scenario (YAML con «base:»)"),
    ],
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Scrive il confronto in un foglio di lavoro (.xlsx)"),
    ] = None,
    json: Annotated[
        bool, typer.Option("--json", help="Stampa un documento JSON invece della tabella")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Sovrascrive il file --xlsx se esiste")
    ] = False,
) -> None:
    """Valuta gli scenari sul fascicolo di base e li mette a confronto, anno per anno.

    Per ogni anno: rapporto, margini sotto i limiti (D.M., comma 557, lavoro flessibile)
    con la differenza dalla base, vincolo più stretto, esito. Ogni scenario deve indicare
    come «base:» lo stesso fascicolo. Esce con 0 se ha valutato ogni scenario (gli esiti
    li stampa), con 2 se i dati non sono utilizzabili.
    """
    from fabbisogni.errors import ErroreFabbisogni
    from fabbisogni.render import confronto as render
    from fabbisogni.scenari import confronta

    try:
        _avvisa_csv_ignorati(base)
        risultato = confronta(base, file_scenari)
        scritti: list[Path] = []
        if xlsx is not None:
            from fabbisogni.scenari import file_di_input
            from fabbisogni.uscita import controlla, scrivi_tutte

            uscite = [render.uscita_xlsx(risultato, xlsx)]
            ingressi = [p for s in [base, *file_scenari] for p in file_di_input(s)]
            controlla(uscite, ingressi, force=force)
            scritti = scrivi_tutte(uscite, force=force)
    except ErroreFabbisogni as exc:
        _errore(exc)
        return
    if json:
        print(render.to_json(risultato))
    else:
        render.stampa(risultato)
    for p in scritti:
        print(f"Scritto {p}", file=sys.stderr if json else sys.stdout)


@app.command()
def massimo(
    fascicolo: Annotated[
        Path, typer.Argument(help="Cartella del fascicolo, il suo fascicolo.yaml o un file .xlsx")
    ],
    profilo: Annotated[
        list[str] | None,
        typer.Option("--profilo", help="Profilo da assumere; ripetuto: più profili"),
    ] = None,
    anno: Annotated[
        str | None, typer.Option("--anno", help="Anno delle assunzioni, nel triennio")
    ] = None,
    area: Annotated[
        list[str] | None,
        typer.Option(
            "--area",
            help="Area del profilo se il fascicolo non la dice: una per tutti, o una per profilo",
        ),
    ] = None,
    fte: Annotated[
        str, typer.Option("--fte", help="Quota di ogni assunzione: 1 tempo pieno, 0,5 metà")
    ] = "1",
    mese_inizio: Annotated[
        str, typer.Option("--mese-inizio", help="Mese di inizio delle assunzioni (1-12)")
    ] = "1",
    contratto: Annotated[
        str,
        typer.Option("--contratto", help="Tipo di contratto (predefinito: tempo indeterminato)"),
    ] = "tempo_indeterminato",
    json: Annotated[
        bool, typer.Option("--json", help="Stampa un documento JSON invece delle tabelle")
    ] = False,
) -> None:
    """Quante assunzioni in più stanno in ogni limite, in ogni anno del triennio.

    Con un profilo: il numero massimo, il limite che ferma la successiva e di quanto, il margine
    che resta. Con più profili: lo spazio in euro da ripartire, e quanti di ciascun profilo vale.
    Esce con 0 se ha calcolato la risposta, con 2 se i dati o le opzioni non sono utilizzabili.
    """
    from fabbisogni import massimo as m
    from fabbisogni.errors import ErroreFabbisogni
    from fabbisogni.lettura import leggi_fascicolo

    try:
        if not profilo:
            raise m.OpzioneNonValida("indicare il profilo da assumere con --profilo")
        if anno is None:
            raise m.OpzioneNonValida("indicare l'anno delle assunzioni con --anno")
        numero_anno = m.intero_opzione(anno, "--anno")
        mese = m.intero_opzione(mese_inizio, "--mese-inizio")
        if not 1 <= mese <= 12:
            raise m.OpzioneNonValida(f"--mese-inizio {mese} non valido: un mese da 1 a 12")
        quota = m.fte_opzione(fte)
        if area and len(area) not in (1, len(profilo)):
            raise m.OpzioneNonValida(
                f"{len(area)} --area per {len(profilo)} --profilo: indicare un'area sola o una "
                "per profilo, nello stesso ordine"
            )
        _avvisa_csv_ignorati(fascicolo)
        f = leggi_fascicolo(fascicolo)
        if len(profilo) == 1:
            esito = m.massimo(
                f,
                profilo[0],
                numero_anno,
                area=area[0] if area else None,
                fte=quota,
                mese_inizio=mese,
                tipo_contratto=contratto,
            )
        else:
            esiti = m.massimo_profili(
                f,
                profilo,
                numero_anno,
                aree=area,
                fte=quota,
                mese_inizio=mese,
                tipo_contratto=contratto,
            )
    except m.OpzioneNonValida as exc:
        print(f"Errore: richiesta non valida.\n  - {exc.testo()}", file=sys.stderr)
        raise typer.Exit(2) from None
    except ErroreFabbisogni as exc:
        _errore(exc)
        return
    from fabbisogni.render import massimo as render

    if len(profilo) == 1 and json:
        print(render.json_massimo(esito))
    elif len(profilo) == 1:
        render.stampa_massimo(esito)
    elif json:
        print(render.json_profili(esiti))
    else:
        render.stampa_profili(esiti)


@app.command()
def margini(
    fascicolo: Annotated[
        Path, typer.Argument(help="Cartella del fascicolo, il suo fascicolo.yaml o un file .xlsx")
    ],
    json: Annotated[
        bool, typer.Option("--json", help="Stampa un documento JSON invece delle tabelle")
    ] = False,
) -> None:
    """Quanto può muoversi ogni dato prima che un limite si rompa, anno per anno.

    Di quanto può crescere la spesa sotto ogni limite, di quanto possono calare le entrate
    correnti prima che si superi il limite del D.M., e per un limite già superato quante
    cessazioni medie servirebbero. Esce con 0 se ha calcolato, con 2 se i dati non sono
    utilizzabili.
    """
    from fabbisogni.errors import ErroreFabbisogni
    from fabbisogni.lettura import leggi_fascicolo
    from fabbisogni.massimo import margini as calcola

    try:
        _avvisa_csv_ignorati(fascicolo)
        f = leggi_fascicolo(fascicolo)
        anni = calcola(f)
    except ErroreFabbisogni as exc:
        _errore(exc)
        return
    from fabbisogni.render import massimo as render

    if json:
        print(render.json_margini(f.ente.nome, anni))
    else:
        render.stampa_margini(f.ente.nome, anni)


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


@app.command()
def modello(
    file: Annotated[Path, typer.Argument(help="Il file .xlsx da scrivere")],
    da: Annotated[
        Path | None,
        typer.Option(
            "--da",
            help="Fascicolo con cui riempire il modello: cartella, fascicolo.yaml o .xlsx",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Sovrascrive il file se esiste")] = False,
) -> None:
    """Scrive il modello Excel del fascicolo: vuoto, o con i dati di un caso (--da).

    Un foglio per parte del fascicolo, con istruzioni, menu a tendina e controlli. Compilato, si
    usa al posto della cartella: fabbisogni verifica FILE.xlsx.
    """
    from fabbisogni.errors import ErroreFabbisogni
    from fabbisogni.excel.comandi import modello as scrivi

    try:
        scritti = scrivi(file, da, force=force)
    except ErroreFabbisogni as exc:
        _errore(exc)
        return
    for p in scritti:
        print(f"Scritto {p}")
    print(f"Per verificarlo: fabbisogni verifica {file}")


@app.command()
def converti(
    sorgente: Annotated[
        Path, typer.Argument(help="Il fascicolo: una cartella (o fascicolo.yaml) oppure un .xlsx")
    ],
    destinazione: Annotated[
        Path, typer.Argument(help="Un file .xlsx (da una cartella) o una cartella (da un .xlsx)")
    ],
    force: Annotated[
        bool,
        typer.Option("--force", help="Sovrascrive il file, o scrive in una cartella non vuota"),
    ] = False,
) -> None:
    """Converte un fascicolo da cartella a .xlsx o da .xlsx a cartella, senza perdere dati.

    Non sovrascrive mai i file del fascicolo di partenza; un file esistente, o una cartella non
    vuota, solo con --force.
    """
    from fabbisogni.errors import ErroreFabbisogni
    from fabbisogni.excel.comandi import converti as esegui

    try:
        scritti = esegui(sorgente, destinazione, force=force)
    except ErroreFabbisogni as exc:
        _errore(exc)
        return
    for p in scritti:
        print(f"Scritto {p}")


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
    """Run the command named in ``sys.argv``.

    Typer turns every registered command into a click command at each start, which costs more
    than reading a case: when the first argument names a command, only that one is built.
    Without a command (or with ``--help`` before it) the whole application runs as usual.
    """
    # No pydantic plugin is used: skip their discovery through importlib.metadata (~15 ms).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        solo = _solo_comando(sys.argv[1:2])
        if solo is None:
            app()
        else:
            nome, comando = solo
            sys.argv = [sys.argv[0], *sys.argv[2:]]
            comando(prog_name=f"fabbisogni {nome}")
    except KeyboardInterrupt:  # pragma: no cover
        raise SystemExit(130) from None


def _solo_comando(argomenti: list[str]) -> tuple[str, typer.Typer] | None:
    if not argomenti:
        return None
    for info in app.registered_commands:
        funzione = info.callback
        nome = info.name or (funzione.__name__.replace("_", "-") if funzione else None)
        if nome == argomenti[0] and funzione is not None:
            solo = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
            solo.command(name=nome, help=info.help)(funzione)
            return nome, solo
    return None
