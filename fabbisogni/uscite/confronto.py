"""Scenarios side by side (``fabbisogni scenari``): a console table, a workbook sheet, JSON.

One column per case (the base first, then each scenario); for each year of the triennio the
ratio, the room left under the DM limit, the comma 557 and the flexible-work limit (with the
difference from the base), the limit that binds a permanent hire and whether the limits hold;
then the verdict. Rendered from :class:`fabbisogni.analisi.confronto.Confronto` only.

The three margins are of different aggregates (the D.M.'s annual spending a regime without
IRAP, the comma 557's spending di competenza with IRAP, the flexible contracts only): the labels
and a note say so, so that they are not compared with one another.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from fabbisogni.analisi.confronto import AnnoConfronto, ColonnaConfronto, Confronto
from fabbisogni.numeri import fmt_euro, fmt_percento
from fabbisogni.uscite.etichette import ESITO, VINCOLO
from fabbisogni.uscite.scrittura import Uscita

ESITO_ANNO = {
    "rispettati": "rispettati",
    "superati": "superato",
    "non_verificabili": "non verificabile",
}
NOME_LIMITE = {"dm": "D.M.", "557": "comma 557", "flessibile": "flessibile"}
NON_DETERMINABILE = "non determinabile"


def intestazione(c: ColonnaConfronto) -> str:
    return "Base" if c.scenario is None else c.scenario


def esito_anno(a: AnnoConfronto, comma: str) -> str:
    """``rispettati``, ``superato: D.M., comma 557-quater``, ``non verificabile: comma 557``;
    both when a limit is broken and another cannot be verified (the revisore needs both)."""
    if not a.superati and not a.non_verificabili:
        return ESITO_ANNO[a.esito]

    def nomi(codici: list[str]) -> str:
        return ", ".join(f"comma {comma}" if k == "557" else NOME_LIMITE[k] for k in codici)

    parti = []
    if a.superati:
        parti.append(f"{ESITO_ANNO['superati']}: {nomi(a.superati)}")
    if a.non_verificabili:
        parti.append(f"{ESITO_ANNO['non_verificabili']}: {nomi(a.non_verificabili)}")
    return "; ".join(parti)


def vincolo(codice: str | None, comma: str, *, breve: bool = False) -> str:
    """The limit that binds a permanent hire, in words: short for the console, as in the
    workbook otherwise; «non determinabile» when the engine cannot tell (a limit that binds it
    is not verifiable)."""
    if codice is None:
        return NON_DETERMINABILE
    if codice == "557":
        return f"comma {comma}"
    return (VINCOLO_BREVE if breve else VINCOLO).get(codice, codice)


VINCOLO_BREVE = {"dm": "D.M.", "flessibile": "flessibile"}


def differenza(valore: Decimal | None) -> str:
    if valore is None:
        return "—"
    testo = fmt_euro(valore, simbolo=False)
    return testo if testo.startswith("-") or valore == 0 else f"+{testo}"


# Rows of a year: short label (console), label (workbook), value of a year of a column (short
# or not), kind (euro, delta, pct, testo, esito). The console labels fit an 80-column terminal
# with two scenarios; NOTA_MARGINI explains them.
Riga = tuple[str, str, Callable[[AnnoConfronto, ColonnaConfronto, bool], Any], str]
RIGHE: list[Riga] = [
    ("Rapporto", "Rapporto spesa / entrate", lambda a, c, b: a.rapporto, "pct"),
    (
        "Margine D.M. senza IRAP",
        "Margine D.M. (spesa a regime, senza IRAP)",
        lambda a, c, b: a.margine_dm,
        "euro",
    ),
    ("  differenza", "Differenza dalla base", lambda a, c, b: a.differenza_margine_dm, "delta"),
    (
        "Margine 557 con IRAP",
        "Margine comma 557 (spesa di competenza, con IRAP)",
        lambda a, c, b: a.margine_557,
        "euro",
    ),
    ("  differenza", "Differenza dalla base", lambda a, c, b: a.differenza_margine_557, "delta"),
    (
        "Margine solo flessibili",
        "Margine lavoro flessibile (solo contratti flessibili)",
        lambda a, c, b: a.margine_flessibile,
        "euro",
    ),
    (
        "  differenza",
        "Differenza dalla base",
        lambda a, c, b: a.differenza_margine_flessibile,
        "delta",
    ),
    (
        "Vincolo t. indeterminato",
        "Vincolo per il tempo indeterminato",
        lambda a, c, b: vincolo(a.vincolo, c.comma_557, breve=b),
        "testo",
    ),
    ("Limiti", "Limiti", lambda a, c, b: esito_anno(a, c.comma_557), "esito"),
]

NOTA_MARGINI = (
    "Margini di aggregati diversi, da non confrontare tra loro. D.M. 17/03/2020: spesa annua a "
    "regime, senza IRAP. Comma 557-quater (o 562): spesa di competenza, con IRAP. Lavoro "
    "flessibile (art. 9 c. 28 D.L. 78/2010): solo i contratti flessibili (tempo determinato, "
    "somministrazione, …). Vincolo: il limite che vincola un'assunzione a tempo indeterminato "
    "(D.M. o comma 557); «non determinabile» se un limite non è verificabile."
)

NUMERICI = frozenset({"pct", "euro", "delta"})


# --- console ------------------------------------------------------------------------------


@dataclass
class _Cella:
    """A cell of the console table: what is shown, its text, whether it is a number."""

    mostra: Any
    testo: str
    numero: bool = False


def _larghezze(celle: list[_Cella], testata: str) -> tuple[int, int]:
    """The narrowest width a column can take without splitting a number or a word (words of
    text may still go on separate lines), and the width that shows every cell on one line."""
    from rich.cells import cell_len

    minima = max(
        [
            *(cell_len(c.testo) for c in celle if c.numero),
            *(cell_len(p) for c in celle if not c.numero for p in c.testo.split()),
            *(cell_len(p) for p in testata.split()),
            1,
        ]
    )
    piena = max([*(cell_len(c.testo) for c in celle), cell_len(testata), minima])
    return minima, piena


# Each column takes its width plus padding (1 + 1) and one border; the table one more border.
BORDO_COLONNA = 3


def parti(minime: list[int], etichette: int, larghezza: int) -> list[list[int]]:
    """The scenario columns (1, 2, …; 0 is the base) split into groups that fit ``larghezza``
    beside the labels and the base: as many as fit, in order, at least one per group."""
    fisso = etichette + BORDO_COLONNA + minime[0] + BORDO_COLONNA + 1
    gruppi: list[list[int]] = []
    usato = fisso
    for k in range(1, len(minime)):
        serve = minime[k] + BORDO_COLONNA
        if gruppi and gruppi[-1] and usato + serve <= larghezza:
            gruppi[-1].append(k)
            usato += serve
        else:
            gruppi.append([k])
            usato = fisso + serve
    return gruppi or [[]]


def stampa(confronto: Confronto, console: Any = None) -> None:
    """The comparison as console tables: one if the columns fit the console's width, else as
    many as needed, each with the labels and the base (a number is never split across lines).
    Then a note on the margins and, for each column, its file, description and verdict."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    console = console or Console()
    colonne = confronto.colonne
    stile_anno = {"rispettati": "green", "superati": "bold red", "non_verificabili": "yellow"}
    stile_esito = {
        "conforme": "bold green",
        "non_conforme": "bold red",
        "non_verificabile": "bold yellow",
    }

    def cella(valore: Any, tipo: str, a: AnnoConfronto, c: ColonnaConfronto) -> _Cella:
        if tipo == "pct":
            testo = fmt_percento(valore)
            return _Cella(testo, testo, True)
        if tipo == "euro":
            testo = fmt_euro(valore, simbolo=False)
            rosso = valore is not None and valore < 0
            return _Cella(Text(testo, style="red") if rosso else testo, testo, True)
        if tipo == "delta":
            if c.scenario is None:
                return _Cella("", "", True)
            stile = "green" if valore and valore > 0 else "red" if valore and valore < 0 else ""
            testo = differenza(valore)
            return _Cella(Text(testo, style=stile or "dim"), testo, True)
        if tipo == "esito":
            return _Cella(Text(valore, style=stile_anno[a.esito]), valore)
        return _Cella(str(valore), str(valore))

    # The rows: a label and one cell per column; end of a section after each year.
    righe: list[tuple[Any, list[_Cella], bool]] = []
    for i, anno in enumerate(confronto.anni):
        righe.append((Text(str(anno), style="bold"), [_Cella("", "") for _ in colonne], False))
        for j, (etichetta, _, leggi, tipo) in enumerate(RIGHE):
            valori = [cella(leggi(c.anni[i], c, True), tipo, c.anni[i], c) for c in colonne]
            righe.append((_col_comma(etichetta, confronto), valori, j == len(RIGHE) - 1))
    righe.append(
        (
            Text("Esito", style="bold"),
            [
                _Cella(Text(ESITO[c.esito], style=stile_esito[c.esito]), ESITO[c.esito])
                for c in colonne
            ],
            False,
        )
    )

    larghezza_etichette = max(cell_len(str(getattr(e, "plain", e))) for e, _, _ in righe)
    misure = [
        _larghezze([valori[k] for _, valori, _ in righe], intestazione(c))
        for k, c in enumerate(colonne)
    ]
    gruppi = parti([m for m, _ in misure], larghezza_etichette, console.width)
    titolo = (
        f"Scenari a confronto — {confronto.ente}, triennio {confronto.anni[0]}-"
        f"{confronto.anni[-1]} (importi in euro)"
    )
    for n, gruppo in enumerate(gruppi, start=1):
        indici = [0, *gruppo]
        # Each column at its narrowest, then as much wider as the console allows, in order.
        larghezze = [misure[k][0] for k in indici]
        libero = console.width - (
            larghezza_etichette + BORDO_COLONNA * (len(indici) + 1) + 1 + sum(larghezze)
        )
        while libero > 0:
            strette = [x for x, k in enumerate(indici) if larghezze[x] < misure[k][1]]
            for x in strette[:libero]:
                larghezze[x] += 1
            libero -= len(strette[:libero])
            if not strette:
                break
        t = Table(
            title=titolo + (f" ({n} di {len(gruppi)})" if len(gruppi) > 1 else ""),
            show_lines=False,
        )
        t.add_column("", no_wrap=True, width=larghezza_etichette)
        for k, w in zip(indici, larghezze, strict=True):
            t.add_column(intestazione(colonne[k]), justify="right", width=w)
        for etichetta, valori, fine in righe:
            t.add_row(etichetta, *[valori[k].mostra for k in indici], end_section=fine)
        console.print(t)
    console.print(Text(NOTA_MARGINI, style="dim"))
    for c in colonne:
        console.print(
            Text.assemble(
                (f"{intestazione(c)}", "bold"),
                (f" ({c.file})", "dim"),
                ": ",
                (ESITO[c.esito], stile_esito[c.esito]),
                f" — {c.motivazione_esito}",
            )
        )
        if c.descrizione:
            console.print(Padding(Text(c.descrizione, style="italic"), (0, 0, 0, 2), expand=False))


# --- JSON ---------------------------------------------------------------------------------


def to_json(confronto: Confronto) -> str:
    """A list with one object per case, the base first (``scenario`` null)."""
    dati = confronto.model_dump(mode="json")["colonne"]
    return json.dumps(dati, ensure_ascii=False, indent=2)


# --- workbook -----------------------------------------------------------------------------

FOGLIO = "Confronto scenari"
EURO = "#,##0.00;[Red]-#,##0.00"
DELTA = "+#,##0.00;[Red]-#,##0.00;0.00"
PCT = "0.00%"


def uscita_xlsx(confronto: Confronto, percorso: Path) -> Uscita:
    return Uscita("--xlsx", percorso, lambda p: scrivi_xlsx(confronto, p))


def scrivi_xlsx(confronto: Confronto, percorso: Path) -> None:
    """One sheet: header rows with each case's name, file and description, then a block of
    rows per year. Numbers are numbers (Italian format in an Italian Excel), a value not
    determinable is «—»."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(percorso))
    try:
        ws = wb.add_worksheet(FOGLIO)
        titolo = wb.add_format({"bold": True, "font_size": 14})
        nota = wb.add_format({"italic": True, "font_color": "#595959"})
        testata = wb.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        file_fmt = wb.add_format(
            {"font_color": "#595959", "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
        )
        anno_fmt = wb.add_format({"bold": True, "bg_color": "#F2F2F2", "top": 1})
        formati = {
            "euro": wb.add_format({"num_format": EURO}),
            "delta": wb.add_format({"num_format": DELTA, "font_color": "#595959"}),
            "pct": wb.add_format({"num_format": PCT}),
            "testo": wb.add_format({"align": "right"}),
            "esito": wb.add_format({"align": "right"}),
        }
        esito_fmt = {
            "conforme": wb.add_format(
                {"bold": True, "font_color": "#006100", "bg_color": "#C6EFCE"}
            ),
            "non_conforme": wb.add_format(
                {"bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"}
            ),
            "non_verificabile": wb.add_format(
                {"bold": True, "font_color": "#9C5700", "bg_color": "#FFEB9C"}
            ),
        }
        a_capo = wb.add_format({"text_wrap": True, "valign": "top"})
        ws.write_string(
            0,
            0,
            f"Scenari a confronto — {confronto.ente}, triennio {confronto.anni[0]}-"
            f"{confronto.anni[-1]}",
            titolo,
        )
        ws.write_string(
            1,
            0,
            "Importi in euro. Margine = limite − spesa (negativo: limite superato); differenza = "
            "margine dello scenario − margine della base; «—» = non determinabile.",
            nota,
        )
        ws.write_string(2, 0, NOTA_MARGINI, nota)
        testa = 4
        ws.write_string(testa, 0, "Anno", testata)
        ws.write_string(testa, 1, "Voce", testata)
        for n, voce in enumerate(("File", "Descrizione"), start=1):
            ws.write_string(testa + n, 0, "", file_fmt)
            ws.write_string(testa + n, 1, voce, file_fmt)
        for k, c in enumerate(confronto.colonne, start=2):
            ws.write_string(testa, k, intestazione(c), testata)
            ws.write_string(testa + 1, k, c.file, file_fmt)
            ws.write_string(testa + 2, k, c.descrizione or "", file_fmt)
        riga = testa + 3
        for i, anno in enumerate(confronto.anni):
            ws.write_number(riga, 0, anno, anno_fmt)
            for k in range(1, len(confronto.colonne) + 2):
                ws.write_blank(riga, k, None, anno_fmt)
            riga += 1
            for _, etichetta, leggi, tipo in RIGHE:
                ws.write_number(riga, 0, anno)
                ws.write_string(riga, 1, _col_comma(etichetta, confronto))
                for k, c in enumerate(confronto.colonne, start=2):
                    valore = leggi(c.anni[i], c, False)
                    if tipo == "delta" and c.scenario is None:
                        ws.write_blank(riga, k, None)
                    elif valore is None:
                        ws.write_string(riga, k, "—", formati["testo"])
                    elif isinstance(valore, Decimal):
                        ws.write_number(riga, k, float(valore), formati[tipo])
                    else:
                        ws.write_string(riga, k, str(valore), formati["testo"])
                riga += 1
        ws.write_string(riga, 1, "Esito", anno_fmt)
        ws.write_blank(riga, 0, None, anno_fmt)
        for k, c in enumerate(confronto.colonne, start=2):
            ws.write_string(riga, k, ESITO[c.esito], esito_fmt[c.esito])
        riga += 1
        ws.write_string(riga, 1, "Motivazione")
        for k, c in enumerate(confronto.colonne, start=2):
            ws.write_string(riga, k, c.motivazione_esito, a_capo)
        ws.set_column(0, 0, 7)
        ws.set_column(1, 1, 50)
        ws.set_column(2, len(confronto.colonne) + 1, 24)
        ws.freeze_panes(testa + 3, 2)
    finally:
        wb.close()


def _col_comma(etichetta: str, confronto: Confronto) -> str:
    """A row label with the comune's own comma: «562» for a comune up to 1.000 inhabitants."""
    comma = confronto.colonne[0].comma_557 if confronto.colonne else "557-quater"
    return etichetta.replace("557", "562") if comma == "562" else etichetta
