"""The workbook template of a case (xlsxwriter), empty or filled with a case's data.

First the instructions sheet, then one sheet per part of the case (see
:mod:`fabbisogni.caso.excel.schema`), each an Excel table at A1 with a frozen header. Each column has
its number format (dates as dates, amounts with two decimals, percentages with %), an Excel
validation (lists for areas, contract types and the like; dates; amounts ≥ 0; whole years and
months) and a comment on its header with the description and the form of its values. Text is
always written as text, never as a formula or a link.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from fabbisogni.caso.excel.piatto import appiattisci
from fabbisogni.caso.excel.schema import (
    FOGLI,
    ISTRUZIONI,
    MARCATORE,
    PER_NOME,
    VERSIONE,
    Campo,
    Colonna,
    Foglio,
    Tipo,
    testo_strutturato,
)
from fabbisogni.caso.fascicolo import Fascicolo
from fabbisogni.numeri import fmt_data

RIGHE_VALIDATE = 1000  # rows below the data that keep formats and validation for new rows
OBBLIGATORI = ("Ente", "Rendiconti", "Spesa personale")

NUMERI = {
    "importo": "#,##0.00",
    "importo_relativo": "#,##0.00",
    "decimale": "0.00##",
    "quota": "0.00##",
    "percentuale": "0.00##%",
    "data": "dd/mm/yyyy",
    "anno": "0",
    "mese": "0",
    "intero": "#,##0",
    "testo": "@",
    "scelta": "@",
    "sino": "@",
}
LARGHEZZE = {
    "importo": 15,
    "importo_relativo": 15,
    "decimale": 9,
    "quota": 9,
    "percentuale": 11,
    "data": 12,
    "anno": 8,
    "mese": 8,
    "intero": 10,
    "testo": 24,
    "sino": 8,
    "valore": 22,
    "importo_dichiarato": 18,
}
TESTI_LUNGHI = {"note", "descrizione", "voce", "riferimento", "motivazione", "fonte", "atto"}


def scrivi_modello(f: Fascicolo | None, percorso: Path, *, da: str | None = None) -> None:
    """Write the template to ``percorso``; with ``f``, filled with the case's data."""
    import xlsxwriter

    righe = appiattisci(f) if f is not None else {nome: [] for nome in PER_NOME}
    wb = xlsxwriter.Workbook(
        str(percorso),
        {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    formati = _Formati(wb)
    _istruzioni(wb, formati, f, da)
    for foglio in FOGLI:
        if foglio.a_campi:
            _foglio_campi(wb, formati, foglio, righe[foglio.nome])
        else:
            _foglio_righe(wb, formati, foglio, righe[foglio.nome])
    wb.define_name(MARCATORE, f'="{VERSIONE}"')
    titolo = "Fascicolo di fabbisogni"
    if f is not None:
        titolo += f" — {f.ente.nome}, {f.primo_anno}-{f.primo_anno + 2}"
    wb.set_properties({"title": titolo, "comments": "Scritto da fabbisogni modello"})
    wb.close()


class _Formati:
    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self._cache: dict[tuple[str, bool], Any] = {}
        self.intestazione_obbligatoria = wb.add_format(
            {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78", "border": 1}
        )
        self.intestazione = wb.add_format(
            {"bold": True, "font_color": "#1F4E78", "bg_color": "#DDEBF7", "border": 1}
        )
        self.campo = wb.add_format({"num_format": "@", "valign": "top"})
        self.campo_obbligatorio = wb.add_format({"num_format": "@", "bold": True, "valign": "top"})
        self.descrizione = wb.add_format(
            {"text_wrap": True, "font_color": "#595959", "valign": "top", "num_format": "@"}
        )
        self.titolo = wb.add_format({"bold": True, "font_size": 16, "font_color": "#1F4E78"})
        self.sezione = wb.add_format({"bold": True, "font_size": 12, "font_color": "#1F4E78"})
        self.testo = wb.add_format({"text_wrap": True, "valign": "top"})
        self.etichetta = wb.add_format({"bold": True, "valign": "top", "text_wrap": True})
        self.codice = wb.add_format({"font_name": "Consolas", "valign": "top", "text_wrap": True})

    def per(self, tipo: Tipo, *, a_capo: bool = False) -> Any:
        chiave = (tipo.nome, a_capo)
        if chiave not in self._cache:
            proprieta: dict[str, Any] = {"valign": "top"}
            if tipo.nome in NUMERI:
                proprieta["num_format"] = NUMERI[tipo.nome]
            if a_capo:
                proprieta["text_wrap"] = True
            self._cache[chiave] = self.wb.add_format(proprieta)
        return self._cache[chiave]


# --- cells -------------------------------------------------------------------------------


def _scrivi(ws: Any, r: int, c: int, valore: Any, tipo: Tipo, formato: Any) -> None:
    if valore is None:
        ws.write_blank(r, c, None, formato)
    elif isinstance(valore, bool):
        if tipo.nome == "valore":
            ws.write_boolean(r, c, valore, formato)
        else:
            ws.write_string(r, c, "sì" if valore else "no", formato)
    elif isinstance(valore, Decimal | int | float) and tipo.nome not in ("testo", "scelta"):
        ws.write_number(r, c, float(valore) if isinstance(valore, Decimal) else valore, formato)
    elif isinstance(valore, datetime):
        ws.write_datetime(r, c, valore, formato)
    elif isinstance(valore, date):
        if tipo.nome == "data":
            ws.write_datetime(r, c, datetime.combine(valore, time()), formato)
        else:
            ws.write_string(r, c, fmt_data(valore), formato)
    elif isinstance(valore, dict | list):
        ws.write_string(r, c, testo_strutturato(valore), formato)
    else:
        ws.write_string(r, c, str(valore), formato)


def _validazione(tipo: Tipo) -> dict[str, Any] | None:
    n = tipo.nome
    regola: dict[str, Any]
    if n in ("importo", "decimale"):
        regola = {"validate": "decimal", "criteria": ">=", "value": 0}
    elif n == "importo_relativo":
        regola = {"validate": "decimal", "criteria": "between", "minimum": -1e13, "maximum": 1e13}
    elif n == "quota":
        regola = {"validate": "decimal", "criteria": "between", "minimum": 1e-6, "maximum": 1}
    elif n == "percentuale":
        regola = {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1}
    elif n == "data":
        regola = {
            "validate": "date",
            "criteria": "between",
            "minimum": date(1900, 1, 1),
            "maximum": date(2100, 12, 31),
        }
    elif n in ("anno", "mese", "intero"):
        minimo, massimo = {"anno": (2000, 2100), "mese": (1, 12)}.get(
            n, (tipo.minimo, tipo.massimo)
        )
        regola = {
            "validate": "integer",
            "criteria": "between",
            "minimum": -1_000_000_000 if minimo is None else minimo,
            "maximum": 1_000_000_000 if massimo is None else massimo,
        }
    elif n in ("sino", "scelta"):
        valori = ["sì", "no"] if n == "sino" else list(tipo.scelte)
        if len(",".join(valori)) > 255:
            return None
        regola = {"validate": "list", "source": valori}
    else:
        return None
    forma = tipo.forma()
    regola.update(
        {
            "input_title": "Forma del valore"[:32],
            "input_message": forma[:255],
            "error_title": "Valore non ammesso",
            "error_message": f"Qui va: {forma}"[:255],
            "error_type": "stop",
        }
    )
    return regola


def _predefinito(valore: Any) -> str | None:
    if valore is None or valore == [] or valore == {}:
        return None
    if isinstance(valore, bool):
        return "sì" if valore else "no"
    if hasattr(valore, "model_dump"):
        return None
    return str(valore)


def _spiegazione(descrizione: str, obbligatorio: bool, predefinito: Any, tipo: Tipo) -> str:
    parti = [descrizione.rstrip(".") + "." if descrizione else ""]
    if obbligatorio:
        parti.append("Obbligatorio.")
    else:
        p = _predefinito(predefinito)
        parti.append(f"Facoltativo (se vuoto: {p})." if p else "Facoltativo.")
    parti.append(f"Forma: {tipo.forma()}.")
    return " ".join(p for p in parti if p)


# --- the sheets --------------------------------------------------------------------------


def _foglio_righe(wb: Any, formati: _Formati, foglio: Foglio, righe: list[dict[str, Any]]) -> None:
    ws = wb.add_worksheet(foglio.nome)
    colonne = foglio.colonne
    n = max(len(righe), 1)
    ws.add_table(
        0,
        0,
        n,
        len(colonne) - 1,
        {
            "name": foglio.tabella,
            "style": "Table Style Light 9",
            "columns": [
                {
                    "header": c.nome,
                    "header_format": (
                        formati.intestazione_obbligatoria
                        if c.obbligatoria
                        else formati.intestazione
                    ),
                }
                for c in colonne
            ],
        },
    )
    for j, colonna in enumerate(colonne):
        lungo = colonna.nome in TESTI_LUNGHI
        formato = formati.per(colonna.tipo, a_capo=lungo)
        larghezza = _larghezza(colonna, [r.get(colonna.nome) for r in righe])
        ws.set_column(j, j, larghezza, formato)
        for i in range(n):
            valore = righe[i].get(colonna.nome) if i < len(righe) else None
            if colonna.tipo.nome == "valore" and i < len(righe) and colonna.nome in righe[i]:
                valore = "null" if valore is None else valore
            _scrivi(ws, i + 1, j, valore, colonna.tipo, formato)
        regola = _validazione(colonna.tipo)
        if regola is not None:
            ws.data_validation(1, j, n + RIGHE_VALIDATE, j, regola)
        commento = _spiegazione(
            colonna.descrizione, colonna.obbligatoria, colonna.predefinito, colonna.tipo
        )
        ws.write_comment(0, j, commento, _dimensioni_commento(commento))
    ws.freeze_panes(1, 0)
    _stampa(ws)


def _larghezza(colonna: Colonna, valori: list[Any]) -> float:
    base = LARGHEZZE.get(colonna.tipo.nome, 16)
    if colonna.tipo.nome == "scelta":
        base = max(len(s) for s in colonna.tipo.scelte) + 4
    if colonna.nome in TESTI_LUNGHI:
        base = 40
    dati = max((len(str(v)) for v in valori if isinstance(v, str)), default=0)
    return min(max(base, len(colonna.nome) + 4, dati + 2), 60)


def _dimensioni_commento(testo: str) -> dict[str, Any]:
    righe = math.ceil(len(testo) / 45) + 1
    return {"x_scale": 2.2, "y_scale": max(1.0, righe / 5), "author": "fabbisogni"}


def _foglio_campi(wb: Any, formati: _Formati, foglio: Foglio, righe: list[dict[str, Any]]) -> None:
    ws = wb.add_worksheet(foglio.nome)
    intestazioni = foglio.intestazioni
    per_campo: dict[str, list[dict[str, Any]]] = {}
    for r in righe:
        per_campo.setdefault(r["campo"], []).append(r)
    elenco: list[tuple[Campo, dict[str, Any]]] = []
    for campo in foglio.campi:
        for r in per_campo.get(campo.nome) or [{}]:
            elenco.append((campo, r))
    testi = foglio.nome == "Testi"
    larghezza_valore = 100 if testi else 28
    ws.add_table(
        0,
        0,
        len(elenco),
        len(intestazioni) - 1,
        {
            "name": foglio.tabella,
            "style": "Table Style Light 9",
            "columns": [
                {
                    "header": h,
                    "header_format": (
                        formati.intestazione
                        if h == "descrizione" or (h == "anno")
                        else formati.intestazione_obbligatoria
                    ),
                }
                for h in intestazioni
            ],
        },
    )
    colonna = {h: j for j, h in enumerate(intestazioni)}
    ws.set_column(colonna["campo"], colonna["campo"], 34)
    if "anno" in colonna:
        ws.set_column(colonna["anno"], colonna["anno"], 8, formati.per(Tipo("anno")))
    ws.set_column(colonna["valore"], colonna["valore"], larghezza_valore)
    ws.set_column(colonna["descrizione"], colonna["descrizione"], 80, formati.descrizione)
    for i, (campo, r) in enumerate(elenco, start=1):
        formato = formati.per(campo.tipo, a_capo=testi)
        ws.write_string(
            i,
            colonna["campo"],
            campo.nome,
            formati.campo_obbligatorio if campo.obbligatorio else formati.campo,
        )
        if "anno" in colonna:
            _scrivi(ws, i, colonna["anno"], r.get("anno"), Tipo("anno"), formati.per(Tipo("anno")))
        _scrivi(ws, i, colonna["valore"], r.get("valore"), campo.tipo, formato)
        regola = _validazione(campo.tipo)
        if regola is not None:
            ws.data_validation(i, colonna["valore"], i, colonna["valore"], regola)
        spiegazione = _spiegazione(
            campo.descrizione, campo.obbligatorio, campo.predefinito, campo.tipo
        )
        if campo.ripetibile:
            spiegazione += " Una riga per elemento: ripetere la riga con lo stesso campo."
        if campo.per_anno:
            spiegazione += " Una riga per anno, con l'anno nella colonna «anno»."
        ws.write_string(i, colonna["descrizione"], spiegazione, formati.descrizione)
        # Excel does not fit a row to wrapped text it did not type itself: give the height
        linee = math.ceil(len(spiegazione) / 85)
        if testi and isinstance(r.get("valore"), str):
            linee = max(linee, sum(max(1, math.ceil(len(x) / 95)) for x in r["valore"].split("\n")))
        if linee > 1:
            ws.set_row(i, min(409, 15 * linee))
    for h, nota in (
        ("campo", "Il nome del campo, come in fascicolo.yaml: non modificarlo."),
        ("anno", "Solo per le cifre per anno: l'anno cui si riferisce il valore."),
        ("valore", "Il valore del campo: la forma è nella colonna «descrizione»."),
        ("descrizione", "Spiegazione del campo: non viene letta."),
    ):
        if h in colonna:
            ws.write_comment(0, colonna[h], nota, _dimensioni_commento(nota))
    ws.freeze_panes(1, 1)
    _stampa(ws)


# --- the instructions --------------------------------------------------------------------


def _istruzioni(wb: Any, formati: _Formati, f: Fascicolo | None, da: str | None) -> None:
    ws = wb.add_worksheet(ISTRUZIONI)
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 110)
    ws.hide_gridlines(2)
    riga = 0

    def scrivi(etichetta: str, testo: str = "", formato: Any = None) -> None:
        nonlocal riga
        if etichetta:
            ws.write_string(riga, 0, etichetta, formati.etichetta)
        if testo:
            ws.write_string(riga, 1, testo, formato or formati.testo)
            linee = math.ceil(len(testo) / 115)
            if linee > 1:
                ws.set_row(riga, 15 * linee)
        riga += 1

    titolo = "Fascicolo di fabbisogni — modello da compilare"
    if f is not None:
        titolo = (
            f"Fascicolo di fabbisogni — {f.ente.nome}, triennio {f.primo_anno}-{f.primo_anno + 2}"
        )
    ws.write_string(riga, 0, titolo, formati.titolo)
    riga += 2
    scrivi(
        "",
        "Questa cartella di lavoro contiene i dati di un fascicolo: l'ente, i rendiconti, la spesa "
        "di personale, il tetto del comma 557, il lavoro flessibile, i presupposti, il piano delle "
        "assunzioni, le cessazioni e il personale in servizio. È l'equivalente della cartella con "
        "fascicolo.yaml e i file CSV descritta in docs/fascicolo.md: stessi campi, stessi nomi, "
        "stessi controlli." + (f" Compilata con i dati di {da}." if da else ""),
    )
    riga += 1
    scrivi("Come si usa")
    for comando, testo in (
        (
            "fabbisogni verifica Caso.xlsx",
            "verifica il piano anno per anno. Codice di uscita 0: conforme; 1: un limite non "
            "rispettato o non verificabile; 2: dati non utilizzabili, con l'elenco dei problemi.",
        ),
        (
            "fabbisogni report Caso.xlsx --out documenti",
            "scrive il foglio di verifica del revisore, la sottosezione 3.3 del PIAO e la bozza "
            "di parere.",
        ),
        (
            "fabbisogni converti Caso.xlsx cartella",
            "scrive la cartella con fascicolo.yaml e i CSV; «fabbisogni converti cartella "
            "Caso.xlsx» fa il contrario. Nessun dato si perde, nei due sensi.",
        ),
        (
            "fabbisogni modello nuovo.xlsx --da Caso.xlsx",
            "riscrive il modello con i dati di un fascicolo (una cartella o un altro .xlsx), ad "
            "esempio dopo un aggiornamento del programma.",
        ),
    ):
        scrivi("", comando, formati.codice)
        scrivi("", testo)
    riga += 1
    scrivi("Regole")
    for testo in (
        "Ogni foglio contiene una tabella: la riga 1 è l'intestazione, una riga per elemento "
        "sotto. Non rinominare i fogli né le colonne (l'ordine delle colonne è libero). Per "
        "aggiungere una riga basta scrivere sotto l'ultima: la tabella si allarga da sola.",
        "Una cella vuota vale «non indicato»: si applica il valore predefinito, scritto nel "
        "commento dell'intestazione o nella colonna «descrizione». Le righe vuote sono ignorate.",
        "Intestazioni blu scuro: colonne obbligatorie (il valore serve in ogni riga). Intestazioni "
        "chiare: facoltative. Nei fogli a campi (Ente, Proiezione, Dichiarati, Testi) i campi "
        "obbligatori sono in grassetto; la colonna «descrizione» non viene letta.",
        "Date: come date (gg/mm/aaaa). Importi: numeri in euro al centesimo, non testo; un importo "
        "con più di due decimali è un errore, mai arrotondato (una formula va arrotondata: "
        "=ARROTONDA(…;2)). Percentuali: con il formato % (26,9%). Quote FTE: 1 tempo pieno, 0,5 "
        "part-time al 50%. Sì/no e valori a scelta: dal menu a tendina della cella.",
        "Ogni foglio deve esserci, anche vuoto. I fogli aggiunti sono ignorati.",
        "Se qualcosa non va il programma elenca tutti i problemi insieme, ciascuno con foglio, "
        "riga e colonna, ad esempio: file Caso.xlsx, foglio «Piano», riga 4, campo «area»: area "
        "«Istruttore tecnico» non riconosciuta.",
    ):
        scrivi("•", testo)
    riga += 1
    scrivi("I fogli")
    for foglio in FOGLI:
        obbligo = " (obbligatorio)" if foglio.nome in OBBLIGATORI else ""
        scrivi(foglio.nome, foglio.spiegazione + obbligo)
    _stampa(ws, intestazione=False)
    ws.activate()


def _stampa(ws: Any, *, intestazione: bool = True) -> None:
    """Printed landscape, one page wide, the header repeated on every page."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    if intestazione:
        ws.repeat_rows(0)
