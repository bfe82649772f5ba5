"""Scenarios side by side (``fabbisogni scenari``): a console table, a workbook sheet, JSON.

One column per case (the base first, then each scenario); for each year of the triennio the
ratio, the room left under the DM limit, the comma 557 and the flexible-work limit (with the
difference from the base), the limit that binds and whether the limits hold; then the verdict.
Rendered from :class:`fabbisogni.scenari.Confronto` only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from fabbisogni.numeri import fmt_euro, fmt_percento
from fabbisogni.render.etichette import ESITO, VINCOLO
from fabbisogni.scenari import AnnoConfronto, ColonnaConfronto, Confronto
from fabbisogni.uscita import Uscita

ESITO_ANNO = {
    "rispettati": "rispettati",
    "superati": "superato",
    "non_verificabili": "non verificabile",
}
NOME_LIMITE = {"dm": "D.M.", "557": "comma 557", "flessibile": "flessibile"}


def intestazione(c: ColonnaConfronto) -> str:
    return "Base" if c.scenario is None else c.scenario


def esito_anno(a: AnnoConfronto, comma: str) -> str:
    """``rispettati``, ``superato: D.M., comma 557-quater``, ``non verificabile: comma 557``."""
    codici = a.superati or a.non_verificabili
    if not codici:
        return ESITO_ANNO[a.esito]
    nomi = [f"comma {comma}" if k == "557" else NOME_LIMITE[k] for k in codici]
    return f"{ESITO_ANNO[a.esito]}: {', '.join(nomi)}"


def vincolo(codice: str | None, comma: str, *, breve: bool = False) -> str:
    """The binding limit in words: short for the console, as in the workbook otherwise."""
    if codice is None:
        return "—"
    if not breve:
        return VINCOLO.get(codice, codice)
    return f"comma {comma}" if codice == "557" else VINCOLO_BREVE.get(codice, codice)


VINCOLO_BREVE = {"dm": "D.M.", "flessibile": "flessibile"}


def differenza(valore: Decimal | None) -> str:
    if valore is None:
        return "—"
    testo = fmt_euro(valore, simbolo=False)
    return testo if testo.startswith("-") or valore == 0 else f"+{testo}"


# Rows of a year: short label (console), label (workbook), value of a year of a column (short
# or not), kind (euro, delta, pct, testo, esito).
Riga = tuple[str, str, Callable[[AnnoConfronto, ColonnaConfronto, bool], Any], str]
RIGHE: list[Riga] = [
    ("Rapporto", "Rapporto spesa / entrate", lambda a, c, b: a.rapporto, "pct"),
    ("Margine D.M.", "Margine D.M.", lambda a, c, b: a.margine_dm, "euro"),
    ("  differenza", "Differenza dalla base", lambda a, c, b: a.differenza_margine_dm, "delta"),
    ("Margine 557", "Margine comma 557", lambda a, c, b: a.margine_557, "euro"),
    ("  differenza", "Differenza dalla base", lambda a, c, b: a.differenza_margine_557, "delta"),
    (
        "Margine flessibile",
        "Margine lavoro flessibile",
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
        "Vincolo",
        "Vincolo più stretto",
        lambda a, c, b: vincolo(a.vincolo, c.comma_557, breve=b),
        "testo",
    ),
    ("Limiti", "Limiti", lambda a, c, b: esito_anno(a, c.comma_557), "esito"),
]


# --- console ------------------------------------------------------------------------------


def stampa(confronto: Confronto, console: Any = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = console or Console()
    t = Table(
        title=(
            f"Scenari a confronto — {confronto.ente}, triennio {confronto.anni[0]}-"
            f"{confronto.anni[-1]} (importi in euro)"
        ),
        show_lines=False,
    )
    t.add_column("", no_wrap=True)
    for c in confronto.colonne:
        t.add_column(intestazione(c), justify="right", overflow="fold")
    stile_anno = {"rispettati": "green", "superati": "bold red", "non_verificabili": "yellow"}
    stile_esito = {
        "conforme": "bold green",
        "non_conforme": "bold red",
        "non_verificabile": "bold yellow",
    }

    def cella(valore: Any, tipo: str, a: AnnoConfronto, c: ColonnaConfronto) -> Text | str:
        if tipo == "pct":
            return fmt_percento(valore)
        if tipo == "euro":
            testo = fmt_euro(valore, simbolo=False)
            return Text(testo, style="red") if valore is not None and valore < 0 else testo
        if tipo == "delta":
            if c.scenario is None:
                return ""
            stile = "green" if valore and valore > 0 else "red" if valore and valore < 0 else ""
            return Text(differenza(valore), style=stile or "dim")
        if tipo == "esito":
            return Text(valore, style=stile_anno[a.esito])
        return str(valore)

    for i, anno in enumerate(confronto.anni):
        t.add_row(Text(str(anno), style="bold"), *["" for _ in confronto.colonne])
        for j, (etichetta, _, leggi, tipo) in enumerate(RIGHE):
            valori = []
            for c in confronto.colonne:
                a = c.anni[i]
                valori.append(cella(leggi(a, c, True), tipo, a, c))
            t.add_row(etichetta, *valori, end_section=j == len(RIGHE) - 1)
    t.add_row(
        Text("Esito", style="bold"),
        *[Text(ESITO[c.esito], style=stile_esito[c.esito]) for c in confronto.colonne],
    )
    console.print(t)
    for c in confronto.colonne:
        console.print(
            Text.assemble(
                (f"{intestazione(c)}", "bold"),
                (f" ({c.file})", "dim"),
                ": ",
                (ESITO[c.esito], stile_esito[c.esito]),
                f" — {c.motivazione_esito}",
            )
        )


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
    """One sheet: a header row with each case, then a block of rows per year. Numbers are
    numbers (Italian format in an Italian Excel), a value not determinable is «—»."""
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
        testa = 3
        ws.write_string(testa, 0, "Anno", testata)
        ws.write_string(testa, 1, "Voce", testata)
        ws.write_string(testa + 1, 0, "", file_fmt)
        ws.write_string(testa + 1, 1, "File", file_fmt)
        for k, c in enumerate(confronto.colonne, start=2):
            ws.write_string(testa, k, intestazione(c), testata)
            ws.write_string(testa + 1, k, c.file, file_fmt)
        riga = testa + 2
        for i, anno in enumerate(confronto.anni):
            ws.write_number(riga, 0, anno, anno_fmt)
            for k in range(1, len(confronto.colonne) + 2):
                ws.write_blank(riga, k, None, anno_fmt)
            riga += 1
            for _, etichetta, leggi, tipo in RIGHE:
                ws.write_number(riga, 0, anno)
                ws.write_string(riga, 1, etichetta)
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
        ws.set_column(1, 1, 28)
        ws.set_column(2, len(confronto.colonne) + 1, 24)
        ws.freeze_panes(testa + 2, 2)
    finally:
        wb.close()
