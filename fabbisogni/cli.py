"""Command line: thin, imports lazy so that start-up stays fast.

Exit status: 0 every limit holds in every year; 1 a limit does not hold, or cannot be verified;
2 unusable input, or a command line that cannot be understood.

The command line is read with the standard library's argparse, in Italian: titles, help and every
error. Only the parser of the command named on the command line is built; each command imports
what it needs inside its function.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

TYPE_CHECKING = False  # typing is not imported at start-up: these names are for type checkers
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any, NoReturn

DESCRIZIONE = "Capacità assunzionale e verifica del piano dei fabbisogni di personale dei comuni."

AIUTO_FASCICOLO = "Cartella del fascicolo (o il suo fascicolo.yaml)"
AIUTO_FASCICOLO_XLSX = "Cartella del fascicolo, il suo fascicolo.yaml o un file .xlsx"
AIUTO_JSON = "Stampa un documento JSON invece delle tabelle"


# --- argparse in Italian ---------------------------------------------------------------------


class _Formato(argparse.RawDescriptionHelpFormatter):
    """Help as argparse lays it out, in Italian; descriptions keep their docstring lines."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        # as the typer-based CLI did: an option with a default value says which
        testo = action.help
        if testo and action.option_strings and action.default not in (None, False):
            if action.default is not argparse.SUPPRESS:
                testo += " [predefinito: %(default)s]"
        return testo


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Italian and reports errors in the tool's style.

    argparse writes its messages in English (Python ships no translation of them): the help's
    titles are set here, its errors translated from their English templates by :func:`_traduci`.
    Options are never abbreviated (``--js`` is not ``--json``), as with the typer-based CLI.
    """

    def __init__(self, prog: str, description: str | None = None, epilog: str | None = None):
        super().__init__(
            prog=prog,
            description=description,
            epilog=epilog,
            formatter_class=_Formato,
            add_help=False,
            allow_abbrev=False,
        )
        self._positionals.title = "argomenti"
        self._optionals.title = "opzioni"
        self.opzioni: list[str] = []  # every option string, for «forse --json?»
        self.add_argument("-h", "--help", action="help", help="mostra questo aiuto ed esce")
        # dest of a last positional taking one or more values (scenari's files): as before,
        # its values may come on both sides of an option
        self.molti: str | None = None

    def add_argument(self, *nomi: str, **opzioni: Any) -> argparse.Action:  # type: ignore[override]
        azione = super().add_argument(*nomi, **opzioni)
        self.opzioni.extend(azione.option_strings)
        return azione

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        ns, extra = self.parse_known_args(args, namespace)
        if self.molti is not None and not any(_sembra_opzione(a) for a in extra):
            getattr(ns, self.molti).extend(extra)
            extra = []
        if extra:
            self.errore([self._non_riconosciuto(a) for a in extra])
        return ns

    def _non_riconosciuto(self, argomento: str) -> str:
        if not _sembra_opzione(argomento):
            return f"argomento in più: «{argomento}»"
        nome = argomento.split("=", 1)[0]
        return f"opzione {nome} sconosciuta" + _forse(nome, self.opzioni)

    def error(self, message: str) -> NoReturn:
        self.errore([_traduci(message)])

    def errore(self, righe: list[str]) -> NoReturn:
        """Print the error as the tool's other errors are printed, with a hint; exit 2."""
        print("Errore: richiesta non valida.", file=sys.stderr)
        for r in righe:
            print(f"  - {r}", file=sys.stderr)
        print(f"Aiuto: {self.prog} --help", file=sys.stderr)
        raise SystemExit(2)


def _sembra_opzione(argomento: str) -> bool:
    return len(argomento) > 1 and argomento.startswith("-") and not argomento[1].isdigit()


def _forse(parola: str, note: Iterable[str]) -> str:
    """«; forse --json?» when a known word is close to the one typed, else nothing."""
    import difflib

    simili = difflib.get_close_matches(parola, list(note), n=1, cutoff=0.6)
    return f"; forse {simili[0]}?" if simili else ""


def _senza_apici(testo: str) -> str:
    """argparse quotes values with repr(): 'abc' → abc (also in lists: 'a', 'b' → a, b)."""
    import re

    return re.sub(
        r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"", lambda m: m[1] or m[2] or "", testo
    )


def _obbligatori(nomi: str) -> str:
    if "," in nomi:
        return f"mancano gli argomenti obbligatori {nomi}"
    return f"manca l'argomento obbligatorio {nomi}"


# The English templates of argparse (Python 3.11, and their wording in later versions), as regular
# expressions of the message argparse formats, with their Italian text.
_MESSAGGI: tuple[tuple[str, Callable[..., str]], ...] = (
    (r"the following arguments are required: (.+)", _obbligatori),
    (r"expected one argument", lambda: "richiede un valore"),
    (r"expected at most one argument", lambda: "accetta al più un valore"),
    (r"expected at least one argument", lambda: "richiede almeno un valore"),
    (r"expected (\d+) arguments?", lambda n: f"richiede {n} valori"),
    (r"ignored explicit argument (.+)", lambda v: f"non accetta un valore (indicato «{v}»)"),
    (r"invalid (?:.+) value: (.+)", lambda v: f"valore «{v}» non valido"),
    (
        r"invalid choice: (.+?) \(choose from (.+)\)",
        lambda v, scelte: f"valore «{v}» non ammesso: valori ammessi {scelte}",
    ),
    (r"not allowed with argument (.+)", lambda a: f"non ammessa insieme a {a}"),
    (r"one of the arguments (.+) is required", lambda a: f"indicare uno fra {a}"),
    (r"ambiguous option: (.+?) could match (.+)", lambda o, m: f"opzione {o} ambigua: {m}?"),
    (r"option (.+?) is ambiguous; could match (.+)", lambda o, m: f"opzione {o} ambigua: {m}?"),
    (r"unexpected option string: (.+)", lambda o: f"opzione inattesa {o}"),
    (r"unrecognized arguments: (.+)", lambda a: f"argomenti non riconosciuti: {a}"),
)


def _traduci(messaggio: str) -> str:
    """argparse's English error message, in Italian (a message not recognised stays as is)."""
    import re

    nome = re.fullmatch(r"argument (.+?): (.*)", messaggio, re.DOTALL)
    if nome is not None:
        chi = "opzione" if nome[1].startswith("-") else "argomento"
        return f"{chi} {_senza_apici(nome[1])}: {_traduci(nome[2])}"
    for modello, testo in _MESSAGGI:
        m = re.fullmatch(modello, messaggio, re.DOTALL)
        if m is not None:
            return testo(*(_senza_apici(g) for g in m.groups()))
    return messaggio


def _intero(testo: str) -> int:
    """An integer option, read as the typer-based CLI read it: spaces around, «1_000», «5.0»."""
    import re

    pulito = testo.strip()
    if re.fullmatch(r"[+-]?[0-9]+(?:_[0-9]+)*(?:\.0+)?", pulito) is None:
        raise argparse.ArgumentTypeError(f"«{testo}» non è un numero intero")
    return int(pulito.split(".")[0])


# --- helpers of the commands -----------------------------------------------------------------


def _avvisa_csv_ignorati(percorso: Path) -> None:
    """A lone fascicolo.yaml is read without the CSVs beside it: say so, once, on stderr."""
    from fabbisogni.caso.lettura import e_scenario

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
    from fabbisogni.uscite.scrittura import ErroreUscita

    righe = (
        [e.testo() for e in exc.errori] if isinstance(exc, ErroriInput) else str(exc).split("\n")
    )
    if isinstance(exc, ErroreUscita):
        print("Errore: nessun documento scritto.", file=sys.stderr)
    else:
        print("Errore: dati non utilizzabili.", file=sys.stderr)
    for r in righe:
        print(f"  - {r}", file=sys.stderr)
    raise SystemExit(2)


# --- the commands: their arguments, then what they do ----------------------------------------


def _argomenti_verifica(p: _Parser) -> None:
    p.add_argument("fascicolo", type=Path, help=AIUTO_FASCICOLO)
    p.add_argument("--json", action="store_true", help=AIUTO_JSON)
    p.add_argument("--dettaglio", action="store_true", help="Mostra tutti i passaggi del calcolo")


def verifica(fascicolo: Path, json: bool = False, dettaglio: bool = False) -> None:
    """Verifica il piano triennale contro ogni limite di spesa, anno per anno."""
    from fabbisogni.caso.lettura import leggi_fascicolo
    from fabbisogni.errors import ErroreFabbisogni
    from fabbisogni.motore import verifica as esegui

    try:
        _avvisa_csv_ignorati(fascicolo)
        risultato = esegui(leggi_fascicolo(fascicolo))
    except ErroreFabbisogni as exc:
        _errore(exc)
        return
    if json:
        from fabbisogni.uscite.json import to_json

        print(to_json(risultato))
    else:
        from fabbisogni.uscite.console import stampa

        stampa(risultato, dettaglio=dettaglio)
    raise SystemExit(0 if risultato.esito == "conforme" else 1)


def _argomenti_report(p: _Parser) -> None:
    p.add_argument("fascicolo", type=Path, help=AIUTO_FASCICOLO)
    for opzione, aiuto in (
        ("--xlsx", "Foglio di lavoro di verifica per il revisore (.xlsx)"),
        ("--docx", "PIAO sottosezione 3.3 in Word (.docx)"),
        ("--md", "PIAO sottosezione 3.3 in Markdown (.md)"),
        ("--parere-docx", "Bozza di parere dell'organo di revisione (.docx)"),
        ("--parere-md", "Bozza di parere dell'organo di revisione (.md)"),
    ):
        p.add_argument(opzione, type=Path, metavar="FILE", help=aiuto)
    p.add_argument(
        "--out",
        type=Path,
        metavar="CARTELLA",
        help="Cartella in cui scrivere tutti i documenti con nomi standard (creata se manca, dentro una cartella esistente)",
    )
    p.add_argument("--force", action="store_true", help="Sovrascrive i documenti già esistenti")


def report(
    fascicolo: Path,
    xlsx: Path | None = None,
    docx: Path | None = None,
    md: Path | None = None,
    parere_docx: Path | None = None,
    parere_md: Path | None = None,
    out: Path | None = None,
    force: bool = False,
) -> None:
    """Scrive i documenti: foglio di verifica, PIAO 3.3 e bozza di parere del revisore.

    Non sovrascrive mai i file del fascicolo; un documento già esistente solo con --force.
    Ogni file è scritto per intero in un file temporaneo e poi spostato al suo posto.
    """
    from fabbisogni.caso.lettura import file_di_input, leggi_fascicolo
    from fabbisogni.errors import ErroreFabbisogni
    from fabbisogni.motore import verifica as esegui
    from fabbisogni.uscite.report import nomi_standard, uscite_richieste
    from fabbisogni.uscite.scrittura import ErroreUscita, controlla, scrivi_tutte

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
        raise SystemExit(2)
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
    from fabbisogni.uscite.etichette import ESITO

    print(f"Esito della verifica: {ESITO[risultato.esito]} — {risultato.motivazione_esito}")
    for p in scritti:
        print(f"Scritto {p}")


def _argomenti_cessazioni(p: _Parser) -> None:
    p.add_argument("fascicolo", type=Path, help=AIUTO_FASCICOLO_XLSX)
    p.add_argument(
        "--anni-oltre",
        type=_intero,
        metavar="N",
        help="Anni di proiezione oltre il triennio (0-10)",
    )
    p.add_argument(
        "--ipotesi",
        metavar="IPOTESI",
        help="Quale pensione conta: limite-ordinamentale (predefinita) o primo-diritto",
    )
    p.add_argument(
        "--simulazioni",
        type=_intero,
        metavar="N",
        help="Numero di simulazioni (100-1.000.000)",
    )
    p.add_argument("--seme", type=_intero, metavar="N", help="Seme del generatore (intero ≥ 0)")
    p.add_argument("--json", action="store_true", help=AIUTO_JSON)


def cessazioni(
    fascicolo: Path,
    anni_oltre: int | None = None,
    ipotesi: str | None = None,
    simulazioni: int | None = None,
    seme: int | None = None,
    json: bool = False,
) -> None:
    """Proietta le cessazioni del personale in servizio: pensioni, altre uscite, risparmio."""
    from fabbisogni.caso.lettura import leggi_fascicolo
    from fabbisogni.errors import ErroreFabbisogni, ErroreInput
    from fabbisogni.parametri import Parametri
    from fabbisogni.personale.proiezione import proietta

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
        from fabbisogni.uscite.cessazioni import to_json

        print(to_json(f, p))
    else:
        from fabbisogni.uscite.cessazioni import stampa

        stampa(f, p)


def _argomenti_scenari(p: _Parser) -> None:
    p.add_argument(
        "base", type=Path, help="Il fascicolo di base: cartella, fascicolo.yaml o file .xlsx"
    )
    p.add_argument(
        "file_scenari",
        type=Path,
        nargs="+",
        metavar="scenario",
        help="Uno o più file di scenario (YAML con «base:»)",
    )
    p.molti = "file_scenari"
    p.add_argument(
        "--xlsx",
        type=Path,
        metavar="FILE",
        help="Scrive il confronto in un foglio di lavoro (.xlsx)",
    )
    p.add_argument(
        "--json", action="store_true", help="Stampa un documento JSON invece della tabella"
    )
    p.add_argument("--force", action="store_true", help="Sovrascrive il file --xlsx se esiste")


def scenari(
    base: Path,
    file_scenari: list[Path],
    xlsx: Path | None = None,
    json: bool = False,
    force: bool = False,
) -> None:
    """Valuta gli scenari sul fascicolo di base e li mette a confronto, anno per anno.

    Per ogni anno: rapporto, margini sotto i limiti (D.M., comma 557, lavoro flessibile)
    con la differenza dalla base, il limite che vincola un'assunzione a tempo
    indeterminato, esito. Ogni scenario deve indicare come «base:» lo stesso fascicolo.
    Esce con 0 se ha valutato ogni scenario (gli esiti li stampa), con 2 se i dati non sono
    utilizzabili.
    """
    from fabbisogni.analisi.confronto import confronta
    from fabbisogni.errors import ErroreFabbisogni
    from fabbisogni.uscite import confronto as render

    try:
        _avvisa_csv_ignorati(base)
        risultato = confronta(base, file_scenari)
        scritti: list[Path] = []
        if xlsx is not None:
            from fabbisogni.caso.lettura import file_di_input
            from fabbisogni.uscite.scrittura import controlla, scrivi_tutte

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


def _argomenti_massimo(p: _Parser) -> None:
    p.add_argument("fascicolo", type=Path, help=AIUTO_FASCICOLO_XLSX)
    p.add_argument(
        "--profilo",
        action="append",
        metavar="PROFILO",
        help="Profilo da assumere; ripetuto: più profili",
    )
    p.add_argument("--anno", metavar="ANNO", help="Anno delle assunzioni, nel triennio")
    p.add_argument(
        "--area",
        action="append",
        metavar="AREA",
        help="Area del profilo se il fascicolo non la dice: una per tutti, o una per profilo",
    )
    p.add_argument(
        "--fte",
        default="1",
        metavar="QUOTA",
        help="Quota di ogni assunzione: 1 tempo pieno, 0,5 metà",
    )
    p.add_argument(
        "--mese-inizio",
        default="1",
        metavar="MESE",
        help="Mese di inizio delle assunzioni (1-12)",
    )
    p.add_argument(
        "--contratto",
        default="tempo indeterminato",
        metavar="TIPO",
        help="Tipo di contratto: tempo indeterminato, tempo determinato, somministrazione, …",
    )
    p.add_argument("--json", action="store_true", help=AIUTO_JSON)


def massimo(
    fascicolo: Path,
    profilo: list[str] | None = None,
    anno: str | None = None,
    area: list[str] | None = None,
    fte: str = "1",
    mese_inizio: str = "1",
    contratto: str = "tempo indeterminato",
    json: bool = False,
) -> None:
    """Quante assunzioni in più stanno in ogni limite, in ogni anno del triennio.

    Con un profilo: il numero massimo, il limite che ferma la successiva e di quanto, il margine
    che resta. Con più profili: lo spazio in euro da ripartire, e quanti di ciascun profilo vale.
    Esce con 0 se ha calcolato la risposta, con 2 se i dati o le opzioni non sono utilizzabili.
    """
    from fabbisogni.analisi import massimo as m
    from fabbisogni.caso.lettura import leggi_fascicolo
    from fabbisogni.errors import ErroreFabbisogni

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
        raise SystemExit(2) from None
    except ErroreFabbisogni as exc:
        _errore(exc)
        return
    from fabbisogni.motore import nome_scenario
    from fabbisogni.uscite import massimo as render

    if not json:
        _avviso_scenario(f)
    if len(profilo) == 1 and json:
        print(render.json_massimo(esito, nome_scenario(f)))
    elif len(profilo) == 1:
        render.stampa_massimo(esito)
    elif json:
        print(render.json_profili(esiti, nome_scenario(f)))
    else:
        render.stampa_profili(esiti)


def _argomenti_margini(p: _Parser) -> None:
    p.add_argument("fascicolo", type=Path, help=AIUTO_FASCICOLO_XLSX)
    p.add_argument("--json", action="store_true", help=AIUTO_JSON)


def margini(fascicolo: Path, json: bool = False) -> None:
    """Quanto può muoversi ogni dato prima che un limite si rompa, anno per anno.

    Di quanto può crescere la spesa sotto ogni limite, di quanto possono calare le entrate
    correnti prima che si superi il limite del D.M., e per un limite già superato quante
    cessazioni medie servirebbero. Esce con 0 se ha calcolato, con 2 se i dati non sono
    utilizzabili.
    """
    from fabbisogni.analisi.massimo import margini as calcola
    from fabbisogni.caso.lettura import leggi_fascicolo
    from fabbisogni.errors import ErroreFabbisogni

    try:
        _avvisa_csv_ignorati(fascicolo)
        f = leggi_fascicolo(fascicolo)
        anni = calcola(f)
    except ErroreFabbisogni as exc:
        _errore(exc)
        return
    from fabbisogni.uscite import massimo as render

    if json:
        from fabbisogni.motore import nome_scenario

        print(render.json_margini(f.ente.nome, anni, nome_scenario(f)))
    else:
        _avviso_scenario(f)
        render.stampa_margini(f.ente.nome, anni)


def _avviso_scenario(f: object) -> None:
    """Say on the console that the case is a scenario, not the adopted plan."""
    from fabbisogni.motore import descrizione_scenario, nome_scenario

    nome = nome_scenario(f)  # type: ignore[arg-type]
    if nome is None:
        return
    descrizione = descrizione_scenario(f)  # type: ignore[arg-type]
    print(
        f"SCENARIO DI STUDIO «{nome}»"
        + (f" ({descrizione})" if descrizione else "")
        + ": non è il piano adottato."
    )


def _nessun_argomento(p: _Parser) -> None:
    pass


def schema() -> None:
    """Stampa lo schema JSON del fascicolo."""
    import json as j

    from fabbisogni.caso.fascicolo import Fascicolo

    print(j.dumps(Fascicolo.model_json_schema(), ensure_ascii=False, indent=2))


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


def _argomenti_modello(p: _Parser) -> None:
    p.add_argument("file", type=Path, help="Il file .xlsx da scrivere")
    p.add_argument(
        "--da",
        type=Path,
        metavar="FASCICOLO",
        help="Fascicolo con cui riempire il modello: cartella, fascicolo.yaml o .xlsx",
    )
    p.add_argument("--force", action="store_true", help="Sovrascrive il file se esiste")


def modello(file: Path, da: Path | None = None, force: bool = False) -> None:
    """Scrive il modello Excel del fascicolo: vuoto, o con i dati di un caso (--da).

    Un foglio per parte del fascicolo, con istruzioni, menu a tendina e controlli. Compilato, si
    usa al posto della cartella: fabbisogni verifica FILE.xlsx.
    """
    from fabbisogni.caso.excel.comandi import modello as scrivi
    from fabbisogni.errors import ErroreFabbisogni

    try:
        scritti = scrivi(file, da, force=force)
    except ErroreFabbisogni as exc:
        _errore(exc)
        return
    for p in scritti:
        print(f"Scritto {p}")
    print(f"Per verificarlo: fabbisogni verifica {file}")


def _argomenti_converti(p: _Parser) -> None:
    p.add_argument(
        "sorgente",
        type=Path,
        help="Il fascicolo: una cartella (o fascicolo.yaml) oppure un .xlsx",
    )
    p.add_argument(
        "destinazione",
        type=Path,
        help="Un file .xlsx (da una cartella) o una cartella (da un .xlsx)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="Sovrascrive il file, o scrive in una cartella non vuota",
    )


def converti(sorgente: Path, destinazione: Path, force: bool = False) -> None:
    """Converte un fascicolo da cartella a .xlsx o da .xlsx a cartella, senza perdere dati.

    Non sovrascrive mai i file del fascicolo di partenza; un file esistente, o una cartella non
    vuota, solo con --force.
    """
    from fabbisogni.caso.excel.comandi import converti as esegui
    from fabbisogni.errors import ErroreFabbisogni

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


# --- dispatch --------------------------------------------------------------------------------

# Each command: the function that runs it and the one that declares its arguments, in the order
# of the help.
COMANDI: dict[str, tuple[Callable[..., None], Callable[[_Parser], None]]] = {
    "verifica": (verifica, _argomenti_verifica),
    "report": (report, _argomenti_report),
    "cessazioni": (cessazioni, _argomenti_cessazioni),
    "scenari": (scenari, _argomenti_scenari),
    "massimo": (massimo, _argomenti_massimo),
    "margini": (margini, _argomenti_margini),
    "schema": (schema, _nessun_argomento),
    "tabelle": (tabelle, _nessun_argomento),
    "modello": (modello, _argomenti_modello),
    "converti": (converti, _argomenti_converti),
}


def _docstring(funzione: Callable[..., None]) -> str:
    """The command's docstring as its help shows it (the first line is its one-line summary)."""
    righe = (funzione.__doc__ or "").strip().splitlines()
    return "\n".join(r.removeprefix("    ") for r in righe)


def parser_comando(nome: str) -> _Parser:
    """The parser of one command, named as the user types it (``fabbisogni verifica``)."""
    funzione, argomenti = COMANDI[nome]
    p = _Parser(prog=f"fabbisogni {nome}", description=_docstring(funzione))
    argomenti(p)
    return p


def parser_radice() -> _Parser:
    """The parser of ``fabbisogni`` alone: its help lists the commands."""
    import shutil
    import textwrap

    larghezza = max(shutil.get_terminal_size().columns - 2, 40)
    colonna = max(map(len, COMANDI)) + 4
    righe = ["comandi:"]
    for nome, (funzione, _) in COMANDI.items():
        sintesi = _docstring(funzione).split("\n", 1)[0]
        testo = textwrap.wrap(sintesi, max(larghezza - colonna, 20))
        righe.append(f"  {nome:<{colonna - 2}}{testo[0]}")
        righe.extend(" " * colonna + t for t in testo[1:])
    return _Parser(
        prog="fabbisogni",
        description=DESCRIZIONE + "\n\n" + "\n".join(righe),
        epilog="Aiuto di un comando: fabbisogni <comando> --help",
    )


def _esegui(argomenti: list[str]) -> None:
    if argomenti and argomenti[0] in COMANDI:
        nome = argomenti[0]
        ns = parser_comando(nome).parse_args(argomenti[1:])
        COMANDI[nome][0](**vars(ns))
        return
    radice = parser_radice()
    radice.usage = "fabbisogni [-h] comando [argomenti ...]"
    if not argomenti:  # as before: the help, with the exit status of a usage error
        radice.print_help()
        raise SystemExit(2)
    if argomenti[0] == "--":  # fabbisogni -- verifica …
        _esegui(argomenti[1:])
        return
    _, extra = radice.parse_known_args(argomenti)  # --help anywhere: the help, exit 0
    primo = extra[0] if extra else argomenti[0]
    if _sembra_opzione(primo):
        nome = primo.split("=", 1)[0]
        dopo = (
            "; le opzioni di un comando vanno dopo il suo nome"
            if any(a in COMANDI for a in extra)
            else _forse(nome, radice.opzioni)
        )
        radice.errore([f"opzione {nome} sconosciuta{dopo}"])
    radice.errore(
        [
            f"comando «{primo}» sconosciuto{_forse(primo, COMANDI)}",
            f"comandi ammessi: {', '.join(COMANDI)}",
        ]
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command named in ``sys.argv`` (or in ``argv``) and exit with its status."""
    # No pydantic plugin is used: skip their discovery through importlib.metadata (~15 ms).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    argomenti = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            _esegui(argomenti)
        finally:
            sys.stdout.flush()
    except KeyboardInterrupt:  # pragma: no cover
        raise SystemExit(130) from None
    except BrokenPipeError:
        # the reader went away (fabbisogni tabelle | head): exit 1 quietly, as before
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(1) from None
    raise SystemExit(0)
