"""The revisore's verification workbook (XLSX).

Every figure of the case is an input cell (light yellow) with a workbook-level name; every figure
the engine derives is a live formula over those names, written with the engine's value as its
cached result (xlsxwriter does not calculate). Changing an input in Excel recomputes the whole
workbook. Text that comes from the case (names, notes, acts) is always written as text, never as
a formula. What the engine reports as not determinable is a clear text, not a number.

The formulas reproduce ``fabbisogni/limiti/`` step by step: keep the two in step when a rule
changes (``tests/test_xlsx.py`` checks engine value == cached value == evaluated formula).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Generic, TypeVar

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from fabbisogni.caso.fascicolo import TIPI_CONTRATTO, TIPI_FLESSIBILI, Assunzione, Fascicolo
from fabbisogni.errors import ErroreParametro
from fabbisogni.limiti.comma557 import RIF_557
from fabbisogni.limiti.flessibile import RIF_FLEX
from fabbisogni.limiti.movimenti import (
    DODICI,
    attiva_a_fine_anno,
    costo_dm,
    mesi_in_servizio,
    mesi_senza_servizio,
    quota_neutralizzata_dm,
)
from fabbisogni.limiti.rilievi import origine_sovrascrittura
from fabbisogni.numeri import fmt_data
from fabbisogni.parametri import Parametri, ParametroUsato
from fabbisogni.risultato import Risultato
from fabbisogni.traccia import Passo
from fabbisogni.uscite.etichette import (
    CAUSA_CESSAZIONE,
    COLLOCAZIONE,
    ESITO,
    ESITO_LIMITE,
    ESITO_PRESUPPOSTO,
    FINANZIAMENTO,
    GRAVITA,
    MOTIVO,
    REGOLA_DM,
    TIPO_CONTRATTO,
    VINCOLO,
    etichetta,
)

# Sheet names (Italian, at most 31 characters).
RIEPILOGO = "Riepilogo"
ENTE = "Ente e parametri"
ENTRATE = "Entrate"
SPESA = "Spesa personale"
DM = "Verifica DM"
C557 = "Comma 557"
FLEX = "Lavoro flessibile"
PIANO = "Piano assunzioni"
CESSAZIONI = "Cessazioni"
PRESUPPOSTI = "Presupposti"
RILIEVI = "Rilievi"
PASSAGGI = "Passaggi del calcolo"
FOGLI = (
    RIEPILOGO,
    ENTE,
    ENTRATE,
    SPESA,
    DM,
    C557,
    FLEX,
    PIANO,
    CESSAZIONI,
    PRESUPPOSTI,
    RILIEVI,
    PASSAGGI,
)

# Texts a formula returns where the engine has no number.
ND = "non determinabile"
NV = ESITO_LIMITE[None]
OK = ESITO_LIMITE[True]
KO = ESITO_LIMITE[False]
NESSUNO = "nessuno"
NON_APPLICABILE = "non applicabile"
PREVISTE = "previsione del fascicolo"
MEDIA = "media dei rendiconti − FCDE"
DA_FASCICOLO = "dal fascicolo"
DERIVATA = "derivata dal rendiconto e dal piano"
SI, NO = "sì", "no"
INFINITO = "1E+300"  # a margin that does not exist never binds

COLORE_INPUT = "#FFF2CC"
COLORE_STATICO = "#EDEDED"
COLORE_ROSSO = "#FFC7CE"
COLORE_GIALLO = "#FFEB9C"
COLORE_VERDE = "#C6EFCE"

NUMERI = {
    "euro": "#,##0.00",
    "rapporto": "0.0000%",
    "pct": "0.00%",
    "intero": "0",
    "fattore": "0.000000",
    "flag": '"sì";"sì";"no"',
    "testo": None,
}

Valore = Decimal | int | float | str | None
STATICO = None  # the type of a row's cell that shows the case's text in grey, not an input
M = TypeVar("M")


def scrivi_xlsx(f: Fascicolo, r: Risultato, percorso: Path) -> None:
    """Write the verification workbook of case ``f`` with result ``r`` at ``percorso``."""
    f = r.fascicolo_verificato or f
    wb = xlsxwriter.Workbook(str(percorso))
    try:
        _Cartella(wb, f, r).scrivi()
    finally:
        wb.close()


def _num(valore: Valore) -> Any:
    """A cached value as xlsxwriter wants it."""
    if valore is None:
        return ""
    if isinstance(valore, Decimal):
        return float(valore)
    return valore


def _s(testo: str) -> str:
    """A string literal inside a formula."""
    return '"' + testo.replace('"', '""') + '"'


def _sn(flag: bool) -> str:
    return SI if flag else NO


def _somma(r1: int, r2: int, col: int, foglio: str | None = None) -> str:
    """SUM of column ``col`` from row ``r1`` to row ``r2``; 0 when there are no rows."""
    if r2 < r1:
        return "0"
    celle = f"{xl_rowcol_to_cell(r1, col)}:{xl_rowcol_to_cell(r2, col)}"
    return f"SUM('{foglio}'!{celle})" if foglio else f"SUM({celle})"


@dataclass(frozen=True)
class _Movimenti(Generic[M]):
    """A sheet of movements (hires or terminations): one a row from row ``prima``, and a block of
    ``passo`` helper columns a year of the plan from column ``base``."""

    foglio: str
    movimenti: Sequence[M]
    prima: int
    base: int
    passo: int
    anni: Sequence[int]

    @property
    def ultima(self) -> int:
        return self.prima + len(self.movimenti) - 1

    @property
    def fine(self) -> int:
        """The column after the last block."""
        return self.base + len(self.anni) * self.passo

    def righe(self) -> Iterator[tuple[int, M, list[str]]]:
        """Each movement with its row and the A1 names of the row's cells, by column."""
        for i, m in enumerate(self.movimenti):
            rg = self.prima + i
            yield rg, m, [xl_col_to_name(k) + str(rg + 1) for k in range(self.fine)]

    def blocchi(self) -> Iterator[tuple[int, int]]:
        """Each year of the plan with the first column of its block."""
        for j, anno in enumerate(self.anni):
            yield anno, self.base + j * self.passo

    def somma(self, j: int, k: int) -> str:
        """SUM of helper column ``k`` of year index ``j`` over all movements."""
        return _somma(self.prima, self.ultima, self.base + j * self.passo + k, self.foglio)


class _Cartella:
    def __init__(self, wb: Workbook, f: Fascicolo, r: Risultato) -> None:
        self.wb = wb
        self.f = f
        self.r = r
        self.anni = list(f.anni_piano)
        self.parametri = Parametri.predefiniti(f.parametri)
        self._formati: dict[tuple[str, str, bool], Any] = {}
        self.passi: dict[str, Passo] = {}
        for p in [
            *r.ente.passi,
            *r.dm.passi,
            *[p for a in r.anni for p in a.passi],
            *r.comma_557.passi,
            *r.flessibile_passi,
            *[p for c in r.costi for p in c.passi],
        ]:
            self.passi.setdefault(p.codice, p)
        self.fogli: dict[str, Worksheet] = {n: wb.add_worksheet(n) for n in FOGLI}
        self._righe_alte: dict[tuple[str, int], int] = {}
        for ws in self.fogli.values():
            # Printed by the revisore: A4 landscape, one page wide, header row repeated.
            ws.set_paper(9)
            ws.set_landscape()
            ws.fit_to_pages(1, 0)
            ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
            ws.set_footer("&L&A&RPagina &P di &N")
        self.h_titolo = wb.add_format({"bold": True, "font_size": 14})
        self.h_sezione = wb.add_format({"bold": True, "font_size": 12, "font_color": "#1F4E79"})
        self.h_col = wb.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.f_nota = wb.add_format({"italic": True, "font_color": "#595959", "text_wrap": False})
        self.f_grassetto = wb.add_format({"bold": True})
        self.f_a_capo = wb.add_format({"text_wrap": True, "valign": "top"})

    # --- cells ------------------------------------------------------------------------------

    def formato(self, tipo: str, ruolo: str, grassetto: bool = False) -> Any:
        chiave = (tipo, ruolo, grassetto)
        if chiave not in self._formati:
            props: dict[str, Any] = {"border": 1, "border_color": "#BFBFBF", "valign": "top"}
            if NUMERI[tipo]:
                props["num_format"] = NUMERI[tipo]
            if ruolo == "input":
                props["bg_color"] = COLORE_INPUT
                props["border_color"] = "#BF9000"
            elif ruolo == "statico":
                props["bg_color"] = COLORE_STATICO
            if grassetto:
                props["bold"] = True
            if tipo == "testo":
                props["text_wrap"] = True
            self._formati[chiave] = self.wb.add_format(props)
        return self._formati[chiave]

    def nome(self, foglio: str, riga: int, col: int, nome: str) -> None:
        self.wb.define_name(nome, f"='{foglio}'!{xl_rowcol_to_cell(riga, col, True, True)}")

    def testo(self, foglio: str, riga: int, col: int, testo: str | None, fmt: Any = None) -> None:
        """Any text, above all the user's: always a string, never a formula."""
        ws = self.fogli[foglio]
        if testo is None or testo == "":
            ws.write_blank(riga, col, None, fmt)
        else:
            ws.write_string(riga, col, testo, fmt)

    def statico(
        self, foglio: str, riga: int, col: int, valore: Valore, tipo: str = "testo"
    ) -> None:
        """A figure reported by the engine and not recomputed (grey)."""
        fmt = self.formato(tipo, "statico")
        if isinstance(valore, str) or valore is None:
            self.testo(foglio, riga, col, valore, fmt)
        else:
            self.fogli[foglio].write_number(riga, col, _num(valore), fmt)

    def dato(
        self,
        foglio: str,
        riga: int,
        col: int,
        valore: Valore,
        tipo: str = "euro",
        nome: str | None = None,
        nota: str | None = None,
    ) -> str:
        """An input cell (yellow); returns the reference to use in formulas."""
        fmt = self.formato(tipo, "input")
        ws = self.fogli[foglio]
        if valore is None or valore == "":
            ws.write_blank(riga, col, None, fmt)
        elif isinstance(valore, str):
            ws.write_string(riga, col, valore, fmt)
        else:
            ws.write_number(riga, col, _num(valore), fmt)
        return self._nome_e_nota(foglio, riga, col, nome, nota)

    def formula(
        self,
        foglio: str,
        riga: int,
        col: int,
        formula: str,
        valore: Valore,
        tipo: str = "euro",
        nome: str | None = None,
        nota: str | None = None,
        grassetto: bool = False,
    ) -> str:
        """A derived figure: a live formula cached with the engine's value."""
        self.fogli[foglio].write_formula(
            riga, col, "=" + formula, self.formato(tipo, "calcolo", grassetto), _num(valore)
        )
        if tipo == "testo" and isinstance(valore, str):
            # Viewers do not grow a row for a formula's wrapped text: give it the height now
            # (about 25 characters a line in the narrower text columns).
            righe = min(6, -(-len(valore) // 25))
            chiave = (foglio, riga)
            if righe > self._righe_alte.get(chiave, 1):
                self._righe_alte[chiave] = righe
                self.fogli[foglio].set_row(riga, 15 * righe)
        return self._nome_e_nota(foglio, riga, col, nome, nota)

    def _nome_e_nota(
        self, foglio: str, riga: int, col: int, nome: str | None, nota: str | None
    ) -> str:
        """Name a cell and comment it, as asked; returns the reference to use in formulas."""
        if nome:
            self.nome(foglio, riga, col, nome)
        if nota:
            self.commento(foglio, riga, col, nota)
        return nome or self.rif(foglio, riga, col)

    def rif(self, foglio: str, riga: int, col: int, foglio_corrente: str | None = None) -> str:
        cella = xl_rowcol_to_cell(riga, col)
        return cella if foglio == foglio_corrente else f"'{foglio}'!{cella}"

    def commento(self, foglio: str, riga: int, col: int, testo: str) -> None:
        righe = sum(1 + len(t) // 70 for t in testo.split("\n"))
        self.fogli[foglio].write_comment(
            riga, col, testo, {"x_scale": 2.6, "y_scale": max(1.0, righe * 0.27)}
        )

    def norma(self, *codici: str, generale: str | None = None) -> str:
        """The comment of a rule cell: the engine's steps for that cell, with their sources."""
        parti: list[str] = []
        for codice in codici:
            p = self.passi.get(codice)
            if p is None:
                continue
            parti.append(f"{p.descrizione}: {p.formula}.")
            if p.riferimento:
                parti.append(f"Norma: {p.riferimento}.")
            for u in p.parametri:
                parti.append(_parametro_testo(u, self.parametri))
        if generale and not any(generale in t for t in parti):
            parti.append(f"Norma: {generale}.")
        return "\n".join(parti) if parti else "Calcolo del programma."

    def intestazioni(self, foglio: str, riga: int, col: int, titoli: list[str]) -> None:
        for i, t in enumerate(titoli):
            self.testo(foglio, riga, col + i, t, self.h_col)

    def _dati(self, foglio: str, riga: int, celle: list[tuple[Valore, str | None]]) -> None:
        """A row of the case's figures from column A: (value, input type, or ``STATICO``)."""
        for col, (valore, tipo) in enumerate(celle):
            if tipo is STATICO:
                self.statico(foglio, riga, col, valore)
            else:
                self.dato(foglio, riga, col, valore, tipo)

    def _testi(self, foglio: str, riga: int, testi: list[Any], fmt: Any) -> None:
        """A row of texts reported by the program, from column A."""
        for col, testo in enumerate(testi):
            self.testo(foglio, riga, col, testo, fmt)

    def _formule(
        self, foglio: str, riga: int, col: int, celle: list[tuple[str, Valore, str]]
    ) -> None:
        """Formulas side by side from ``col``: (formula, the engine's value, type)."""
        for k, (formula, valore, tipo) in enumerate(celle):
            self.formula(foglio, riga, col + k, formula, valore, tipo)

    # --- layout ---------------------------------------------------------------------------------

    def _titolo(self, foglio: str, titolo: str, nota: str | None = None) -> None:
        """The sheet's title in A1 and its note in A2."""
        self.testo(foglio, 0, 0, titolo, self.h_titolo)
        if nota is not None:
            self.testo(foglio, 1, 0, nota, self.f_nota)

    def _sezione(
        self,
        foglio: str,
        riga: int,
        titolo: str,
        teste: list[str] | None = None,
        nota: str | None = None,
    ) -> int:
        """A section's title at ``riga``, then its note and its column headers, one a row.

        Returns the last row written.
        """
        self.testo(foglio, riga, 0, titolo, self.h_sezione)
        if nota is not None:
            riga += 1
            self.testo(foglio, riga, 0, nota, self.f_nota)
        if teste is not None:
            riga += 1
            self.intestazioni(foglio, riga, 0, teste)
        return riga

    def _larghezze(self, foglio: str, *larghezze: tuple[int, int, float]) -> None:
        """Column widths, as (first column, last column, width)."""
        for c1, c2, w in larghezze:
            self.fogli[foglio].set_column(c1, c2, w)

    def _tabella(
        self, foglio: str, riga: int, colonne: list[tuple[str, float]], bloccate: int = 0
    ) -> None:
        """A table's columns from A, (header, width), with the headers at ``riga``; panes frozen
        below the headers and right of the first ``bloccate`` columns."""
        self.intestazioni(foglio, riga, 0, [testa for testa, _ in colonne])
        self._larghezze(foglio, *((col, col, w) for col, (_, w) in enumerate(colonne)))
        self.fogli[foglio].freeze_panes(riga + 1, bloccate)

    def evidenzia(self, foglio: str, r1: int, c1: int, r2: int, c2: int) -> None:
        """Red where a limit is broken (negative margin, «superato»), amber where unknown."""
        ws = self.fogli[foglio]
        rosso = self.wb.add_format({"bg_color": COLORE_ROSSO, "font_color": "#9C0006"})
        giallo = self.wb.add_format({"bg_color": COLORE_GIALLO, "font_color": "#9C5700"})
        verde = self.wb.add_format({"bg_color": COLORE_VERDE, "font_color": "#006100"})
        for testo, fmt in (
            (KO, rosso),
            (ESITO["non_conforme"], rosso),
            (ESITO_PRESUPPOSTO["non_rispettato"], rosso),
            (NV, giallo),
            (ND, giallo),
            (ESITO_PRESUPPOSTO["non_documentato"], giallo),
            (OK, verde),
            (ESITO["conforme"], verde),
        ):
            ws.conditional_format(
                r1,
                c1,
                r2,
                c2,
                {"type": "cell", "criteria": "==", "value": _s(testo), "format": fmt},
            )

    def evidenzia_margini(self, foglio: str, r1: int, c1: int, r2: int, c2: int) -> None:
        rosso = self.wb.add_format({"bg_color": COLORE_ROSSO, "font_color": "#9C0006"})
        cella = xl_rowcol_to_cell(r1, c1)
        self.fogli[foglio].conditional_format(
            r1,
            c1,
            r2,
            c2,
            {"type": "formula", "criteria": f"=AND(ISNUMBER({cella}),{cella}<0)", "format": rosso},
        )

    # --- parameters ---------------------------------------------------------------------------

    def leggi(self, nome: str, anno: int, *chiavi: str) -> tuple[Any, ParametroUsato | None]:
        try:
            return self.parametri.leggi(nome, date(anno, 12, 31), *chiavi)
        except ErroreParametro:
            return None, None

    # --- the workbook -----------------------------------------------------------------------

    def scrivi(self) -> None:
        self.scrivi_ente()
        self.scrivi_entrate()
        self.scrivi_spesa()
        self.scrivi_piano()
        self.scrivi_cessazioni()
        self.scrivi_presupposti()
        self.scrivi_dm()
        self.scrivi_557()
        self.scrivi_flessibile()
        self.scrivi_riepilogo()
        self.scrivi_rilievi()
        self.scrivi_passaggi()
        self.fogli[RIEPILOGO].activate()

    # --- Ente e parametri -----------------------------------------------------------------

    def scrivi_ente(self) -> None:
        f, r, S = self.f, self.r, ENTE
        self._larghezze(S, (0, 0, 46), (1, 3, 16), (4, 4, 60), (5, 6, 14), (7, 7, 60))
        self._titolo(S, "Ente e parametri normativi")
        e = f.ente
        riga = self._sezione(S, 2, "Ente")
        righe_ente: list[tuple[str, Valore, str]] = [
            ("Denominazione", e.nome, "testo"),
            ("Codice ISTAT", e.codice_istat, "testo"),
            ("Provincia", e.provincia, "testo"),
            ("Popolazione residente", e.popolazione, "intero"),
            ("Anno della popolazione (31 dicembre)", e.anno_popolazione, "intero"),
            ("Fascia demografica (D.M. 17/03/2020, art. 3)", r.ente.fascia, "testo"),
            ("Norma sul tetto di spesa (L. 296/2006)", f"comma {r.comma_557.comma}", "testo"),
            ("Unione di comuni", _sn(e.unione_di_comuni), "testo"),
            ("Dipendenti al 31 dicembre", e.dipendenti, "intero"),
            ("Triennio del piano", f"{self.anni[0]}-{self.anni[-1]}", "testo"),
        ]
        for etich, valore, tipo in righe_ente:
            riga += 1
            self.testo(S, riga, 0, etich)
            self.statico(S, riga, 1, valore, tipo)
            if etich.startswith("Fascia"):
                self.commento(S, riga, 1, self.norma("ente.fascia"))
        for etich, valore, nome in (
            ("Ente in dissesto (sì/no)", e.dissesto, "Ente_dissesto"),
            ("Ente strutturalmente deficitario (sì/no)", e.deficitario, "Ente_deficitario"),
            (
                "Procedura di riequilibrio, art. 243-bis TUEL (sì/no)",
                e.riequilibrio,
                "Ente_riequilibrio",
            ),
        ):
            riga += 1
            self.testo(S, riga, 0, etich)
            self.dato(S, riga, 1, _sn(valore), "testo", nome)
            self._valida_lista(S, riga, 1, [SI, NO])
        riga += 1
        self.testo(S, riga, 0, "Approvazione COSFEL delle assunzioni (atto; vuoto se assente)")
        cosfel = e.approvazione_cosfel
        testo_cosfel = None
        if cosfel is not None:
            testo_cosfel = cosfel.atto + (f" del {fmt_data(cosfel.data)}" if cosfel.data else "")
        self.dato(S, riga, 1, testo_cosfel, "testo", "Ente_COSFEL")

        riga = self._sezione(
            S,
            riga + 2,
            "Parametri normativi per anno (celle di input)",
            ["Parametro", *[str(a) for a in self.anni]],
            "Valori delle tabelle in vigore al 31/12 di ciascun anno, con le sovrascritture del "
            + ("fascicolo e dello scenario" if r.scenario else "fascicolo")
            + "; la fonte è nel commento di ogni cella. Vuoto = non applicabile.",
        )
        fascia = r.ente.fascia
        voci: list[tuple[str, str, tuple[str, ...], str, str]] = [
            (
                "Valore soglia, Tabella 1 (D.M. art. 4)",
                "dm.tabella_1",
                (fascia,),
                "Soglia_T1",
                "pct",
            ),
            (
                "Soglia di rientro, Tabella 3 (D.M. art. 6)",
                "dm.tabella_3",
                (fascia,),
                "Soglia_T3",
                "pct",
            ),
            (
                "Incremento su spesa 2018, Tabella 2 (D.M. art. 5)",
                "dm.tabella_2",
                (fascia,),
                "Tabella_2",
                "pct",
            ),
            (
                "Turn over sopra la Tabella 3 (D.M. art. 6)",
                "dm.turnover_sopra_soglia",
                (),
                "Turnover",
                "pct",
            ),
            (
                "Lavoro flessibile: % della spesa 2009",
                "dl78.flessibile.percentuale",
                (),
                "Flessibile_pct",
                "pct",
            ),
            (
                "Lavoro flessibile: % per gli enti in regola con il c. 557",
                "dl78.flessibile.percentuale_enti_in_regola_557",
                (),
                "Flessibile_pct_557",
                "pct",
            ),
            (
                "PNRR art. 31-bis D.L. 152/2021 in deroga (1 = sì)",
                "dl152.pnrr_31bis.scadenza_deroga",
                (),
                "PNRR_deroga",
                "intero",
            ),
        ]
        self.valori_parametri: dict[tuple[str, int], Decimal | None] = {}
        for etich, nome_par, chiavi, nome, tipo in voci:
            riga += 1
            self.testo(S, riga, 0, etich)
            for j, anno in enumerate(self.anni):
                valore, usato = self.leggi(nome_par, anno, *chiavi)
                if valore is not None and not isinstance(valore, Decimal):
                    valore = None
                self.valori_parametri[(nome, anno)] = valore
                nota = (
                    _parametro_testo(usato, self.parametri)
                    if usato is not None
                    else f"«{nome_par}» non ha un valore in vigore al 31/12/{anno}"
                )
                self.dato(S, riga, 1 + j, valore, tipo, f"{nome}_{anno}", nota)

        riga = self._sezione(
            S,
            riga + 2,
            "Parametri usati dal calcolo, con le fonti",
            [
                "Parametro",
                "Voce",
                "Valore",
                "Data di riferimento",
                "Fonte",
                "Da confermare",
                "Sovrascritto",
                "Nota",
            ],
        )
        fmt = self.formato("testo", "statico")
        for u in r.parametri:
            riga += 1
            self._testi(
                S,
                riga,
                [
                    u.nome,
                    u.chiave,
                    u.valore,
                    fmt_data(u.data_riferimento),
                    u.fonte,
                    _sn(u.da_confermare),
                    origine_sovrascrittura(u, self.parametri) if u.sovrascritto else NO,
                    u.nota,
                ],
                fmt,
            )
            if u.sovrascritto or u.da_confermare:
                self.fogli[S].write_comment(
                    riga,
                    0,
                    f"Parametro sovrascritto {origine_sovrascrittura(u, self.parametri)}: "
                    "verificarne la fonte."
                    if u.sovrascritto
                    else "Valore da confermare sul testo ufficiale.",
                )

    def _valida_lista(
        self, foglio: str, riga: int, col: int, valori: list[str], r2: int | None = None
    ) -> None:
        self.fogli[foglio].data_validation(
            riga,
            col,
            r2 if r2 is not None else riga,
            col,
            {"validate": "list", "source": valori, "ignore_blank": True},
        )

    # --- Entrate --------------------------------------------------------------------------

    def scrivi_entrate(self) -> None:
        f, r, S = self.f, self.r, ENTRATE
        ws = self.fogli[S]
        self._larghezze(S, (0, 0, 14), (1, 6, 20))
        self._titolo(
            S,
            "Entrate correnti degli ultimi tre rendiconti e FCDE",
            "D.M. 17/03/2020, art. 2, comma 1, lett. b)",
        )
        riga = 3
        self.intestazioni(
            S,
            riga,
            0,
            [
                "Rendiconto",
                "Titolo I (accertamenti)",
                "Titolo II",
                "Titolo III",
                "Entrate neutralizzate",
                "Totale netto",
            ],
        )
        totali: list[str] = []
        somma = Decimal(0)
        dettaglio: list[tuple[int, Any]] = []
        for rend in sorted(f.rendiconti, key=lambda x: x.anno):
            riga += 1
            a = rend.anno
            neutr = sum((v.importo for v in rend.entrate_neutralizzate), Decimal(0))
            dettaglio += [(a, v) for v in rend.entrate_neutralizzate]
            self.statico(S, riga, 0, a, "intero")
            e = rend.entrate
            n1 = self.dato(S, riga, 1, e.titolo_1, nome=f"Entrate_titolo_1_{a}")
            n2 = self.dato(S, riga, 2, e.titolo_2, nome=f"Entrate_titolo_2_{a}")
            n3 = self.dato(S, riga, 3, e.titolo_3, nome=f"Entrate_titolo_3_{a}")
            nn = self.dato(
                S,
                riga,
                4,
                neutr,
                nome=f"Entrate_neutralizzate_{a}",
                nota="\n".join(
                    f"{v.voce} ({v.riferimento}): {v.importo}" for v in rend.entrate_neutralizzate
                )
                or None,
            )
            totale = e.titolo_1 + e.titolo_2 + e.titolo_3 - neutr
            somma += totale
            totali.append(
                self.formula(S, riga, 5, f"{n1}+{n2}+{n3}-{nn}", totale, nome=f"Entrate_totale_{a}")
            )
        d = r.dm
        riga += 2
        self.testo(S, riga, 4, "Media dei tre rendiconti")
        self.formula(
            S,
            riga,
            5,
            f"({'+'.join(totali)})/3",
            d.media_entrate,
            nome="Media_entrate",
            nota=self.norma("dm.media_entrate"),
        )
        riga += 1
        self.testo(S, riga, 4, f"FCDE {f.fcde.anno} (previsione assestata)")
        self.dato(S, riga, 5, f.fcde.importo, nome="FCDE", nota=f.fcde.descrizione)
        riga += 1
        self.testo(S, riga, 4, "Entrate correnti nette", self.f_grassetto)
        self.formula(
            S,
            riga,
            5,
            "Media_entrate-FCDE",
            d.entrate_correnti_nette,
            nome="Entrate_nette",
            nota=self.norma("dm.entrate_nette"),
            grassetto=True,
        )
        self.nette_esatte = somma / Decimal(3) - f.fcde.importo

        riga = self._sezione(
            S,
            riga + 2,
            "Entrate correnti del triennio del piano",
            [
                "Anno",
                "Entrate correnti previste (titoli I-III)",
                "FCDE previsto",
                "Entrate neutralizzate previste",
                "Entrate correnti nette dell'anno",
                "Fonte",
            ],
            "Con la previsione del fascicolo: previste − FCDE − neutralizzate; senza (celle vuote): "
            "la media dei rendiconti al netto del FCDE. Si può inserire una previsione.",
        )
        previste = {e.anno: e for e in f.entrate_previste}
        self.entrate_anno: dict[int, Decimal] = {}
        for anno, ar in zip(self.anni, r.anni, strict=True):
            riga += 1
            self.statico(S, riga, 0, anno, "intero")
            p = previste.get(anno)
            ec = self.dato(
                S, riga, 1, p.entrate_correnti if p else None, nome=f"Entrate_previste_{anno}"
            )
            fc = self.dato(S, riga, 2, p.fcde if p else None, nome=f"FCDE_previsto_{anno}")
            nn = self.dato(
                S,
                riga,
                3,
                p.entrate_neutralizzate if p else None,
                nome=f"Neutralizzate_previste_{anno}",
            )
            self.entrate_anno[anno] = (
                p.entrate_correnti - p.fcde - p.entrate_neutralizzate if p else self.nette_esatte
            )
            self.formula(
                S,
                riga,
                4,
                f"IF(ISNUMBER({ec}),{ec}-{fc}-{nn},Entrate_nette)",
                ar.entrate_correnti,
                nome=f"Entrate_anno_{anno}",
                nota=self.norma(f"piano.{anno}.entrate"),
            )
            self.formula(
                S,
                riga,
                5,
                f"IF(ISNUMBER({ec}),{_s(PREVISTE)},{_s(MEDIA)})",
                PREVISTE if ar.entrate_previste else MEDIA,
                "testo",
                nome=f"Entrate_fonte_{anno}",
            )
        if dettaglio:
            riga = self._sezione(
                S,
                riga + 2,
                "Entrate neutralizzate: dettaglio",
                ["Rendiconto", "Voce", "Tipo", "Riferimento", "Importo"],
            )
            for anno, v in dettaglio:
                riga += 1
                self.statico(S, riga, 0, anno, "intero")
                self.statico(S, riga, 1, v.voce)
                self.statico(S, riga, 2, v.tipo.replace("_", " "))
                self.statico(S, riga, 3, v.riferimento)
                self.statico(S, riga, 4, v.importo, "euro")
        ws.freeze_panes(4, 0)

    # --- Spesa personale -----------------------------------------------------------------

    def scrivi_spesa(self) -> None:
        f, r, S = self.f, self.r, SPESA
        sp = f.spesa_personale
        self._larghezze(S, (0, 0, 60), (1, 2, 30), (3, 3, 18))
        self._titolo(
            S,
            f"Spesa di personale del rendiconto {sp.anno}",
            "Impegni di competenza, al lordo degli oneri riflessi e al netto dell'IRAP "
            "(D.M. 17/03/2020, art. 2, comma 1, lett. a)",
        )
        riga = 2
        sezioni: list[tuple[str, list[str], list[tuple[str | None, str | None, Decimal]], str]] = [
            (
                "Componenti",
                ["Voce", "Codice di bilancio", "", "Importo"],
                [(v.voce, v.codice, v.importo) for v in sp.componenti],
                "Spesa_componenti",
            ),
            (
                "Rettifiche dell'ente (negative = esclusioni)",
                ["Voce", "Riferimento", "", "Importo"],
                [(v.voce, v.riferimento, v.importo) for v in sp.rettifiche],
                "Spesa_rettifiche",
            ),
            (
                "Spesa neutralizzata (art. 57, c. 3-septies, D.L. 104/2020; Fondo povertà)",
                ["Voce", "Riferimento", "Tipo", "Importo"],
                [(v.voce, v.riferimento, v.importo) for v in sp.neutralizzate],
                "Spesa_neutralizzata",
            ),
        ]
        tipi_neutr = [v.tipo.replace("_", " ") for v in sp.neutralizzate]
        for i, (titolo, teste, voci, nome) in enumerate(sezioni):
            riga = self._sezione(S, riga + 2, titolo, teste)
            prima = riga + 1
            for k, (voce, rif, importo) in enumerate(voci):
                riga += 1
                self.testo(S, riga, 0, voce, self.formato("testo", "statico"))
                self.testo(S, riga, 1, rif, self.formato("testo", "statico"))
                if i == 2:
                    self.testo(S, riga, 2, tipi_neutr[k], self.formato("testo", "statico"))
                self.dato(S, riga, 3, importo)
            riga += 1
            self.testo(S, riga, 2, "Totale", self.f_grassetto)
            totale = sum((v[2] for v in voci), Decimal(0))
            formula = _somma(prima, riga - 1, 3)
            self.formula(S, riga, 3, formula, totale, nome=nome, grassetto=True)
        riga += 2
        self.testo(S, riga, 0, "Spesa di personale ai fini del D.M.", self.f_grassetto)
        self.testo(S, riga, 2, "componenti + rettifiche − neutralizzata", self.f_nota)
        self.formula(
            S,
            riga,
            3,
            "Spesa_componenti+Spesa_rettifiche-Spesa_neutralizzata",
            r.dm.spesa_personale,
            nome="Spesa_personale",
            nota=self.norma("dm.spesa_personale"),
            grassetto=True,
        )
        riga = self._sezione(S, riga + 2, "Per l'art. 5 del D.M. (Tabella 2)")
        riga += 1
        self.testo(S, riga, 0, "Spesa di personale 2018 (vuoto se non indicata)")
        self.dato(
            S, riga, 3, f.spesa_2018, nome="Spesa_2018", nota="D.M. 17/03/2020, art. 5, comma 1"
        )
        riga += 1
        self.testo(S, riga, 0, "Resti assunzionali 2015-2019")
        self.dato(
            S,
            riga,
            3,
            f.resti_assunzionali_2015_2019,
            nome="Resti_2015_2019",
            nota="D.M. 17/03/2020, art. 5, comma 2: alternativi all'incremento di Tabella 2, mai sommati "
            "(RGS nota prot. 12454/2020 e parere 238867/2020)",
        )

    # --- Piano assunzioni ------------------------------------------------------------------

    def scrivi_piano(self) -> None:
        S = PIANO
        self._titolo(
            S,
            "Piano delle assunzioni e costi per anno",
            "Costi annui già rapportati all'FTE. Per anno: in servizio al 31/12, mesi in servizio, "
            "costo nel D.M. a regime e di competenza, costo con IRAP per il comma 557, costo flessibile.",
        )
        self.piano = mov = self._foglio_movimenti(
            S,
            self.f.piano_assunzioni,
            [
                ("Id", 8),
                ("Anno", 7),
                ("Mese di inizio", 7),
                ("Anno di fine", 7),
                ("Mese di fine", 7),
                ("Area", 22),
                ("Profilo", 22),
                ("Servizio", 22),
                ("FTE", 6),
                ("Tipo di contratto (codice)", 20),
                ("Finanziamento (codice)", 20),
                ("Importo finanziato", 13),
                ("Motivo", 14),
                ("Sostituisce", 14),
                ("Costo annuo (senza IRAP)", 14),
                ("Costo annuo con IRAP", 14),
                ("Note", 30),
                ("Quota neutralizzata nel D.M.", 13),
                ("Costo nel D.M.", 13),
            ],
            [
                "In servizio al 31/12",
                "Mesi in servizio",
                "Costo D.M. a regime",
                "Costo D.M. di competenza",
                "Comma 557: costo con IRAP di competenza",
                "Comma 557: di cui escluso (finanziato da terzi)",
                "Lavoro flessibile: costo di competenza",
            ],
            "Nessuna assunzione nel piano.",
        )
        rend557 = self._anno_rendiconto_557()
        flessibili = sorted(TIPI_FLESSIBILI)
        for rg, a, c in mov.righe():
            self._dati(
                S,
                rg,
                [
                    (a.id, "testo"),
                    (a.anno, "intero"),
                    (a.mese_inizio, "intero"),
                    (a.anno_fine, "intero"),
                    (a.mese_fine, "intero"),
                    (a.area, STATICO),
                    (a.profilo, STATICO),
                    (a.servizio, STATICO),
                    (a.fte, "pct"),
                    (a.tipo_contratto, "testo"),
                    (a.finanziamento, "testo"),
                    (a.importo_finanziato, "euro"),
                    (etichetta(MOTIVO, a.motivo), STATICO),
                    (a.sostituisce, STATICO),
                    (a.costo_annuo, "euro"),
                    (a.costo_annuo_con_irap, "euro"),
                    (a.note, STATICO),
                ],
            )
            anno_, mese, fine_a, fine_m = c[1], c[2], c[3], c[4]
            tipo, fin, imp_fin, costo, irap = c[9], c[10], c[11], c[14], c[15]
            self._formule(
                S,
                rg,
                17,
                [
                    (
                        f'IF({fin}="ordinario",0,IF({fin}="pnrr_31bis",{costo},'
                        f"IF(ISNUMBER({imp_fin}),{imp_fin},{costo})))",
                        quota_neutralizzata_dm(a),
                        "euro",
                    ),
                    (f"{costo}-{c[17]}", costo_dm(a), "euro"),
                ],
            )
            inizio = f"({anno_}*12+{mese})"
            fine = f"IF(ISNUMBER({fine_a}),{fine_a}*12+{fine_m},999999)"
            flessibile = "OR(" + ",".join(f'{tipo}="{t}"' for t in flessibili) + ")"
            for anno, c0 in mov.blocchi():
                deroga = f'AND({fin}="pnrr_31bis",ISNUMBER(PNRR_deroga_{anno}))'
                in_deroga = self.valori_parametri[("PNRR_deroga", anno)] is not None
                mesi = mesi_in_servizio(a, anno)
                attiva = attiva_a_fine_anno(a, anno)
                cd = costo_dm(a)
                att, ms, v557_cella = c[c0], c[c0 + 1], c[c0 + 4]
                v557, escl = self._costo_557(a, anno, rend557, in_deroga)
                vflex = (
                    a.costo_annuo * mesi / DODICI
                    if a.tipo_contratto in TIPI_FLESSIBILI
                    and not (a.finanziamento == "pnrr_31bis" and in_deroga)
                    else Decimal(0)
                )
                self._formule(
                    S,
                    rg,
                    c0,
                    [
                        (
                            f"IF(AND({inizio}<={anno * 12 + 12},{fine}>={anno * 12 + 12}),1,0)",
                            1 if attiva else 0,
                            "flag",
                        ),
                        (
                            f"MAX(0,MIN({fine},{anno * 12 + 12})-MAX({inizio},{anno * 12 + 1})+1)",
                            mesi,
                            "intero",
                        ),
                        (f"{att}*{c[18]}", cd if attiva else 0, "euro"),
                        (f"{c[18]}*{ms}/12", cd * mesi / DODICI, "euro"),
                        (
                            "IF(AND(ISNUMBER(Comma557_anno_rendiconto),"
                            f"{anno_}>Comma557_anno_rendiconto,NOT({deroga})),{irap}*{ms}/12,0)",
                            v557,
                            "euro",
                        ),
                        (
                            f'IF(AND(OR({fin}="art57_c3septies",{fin}="fondo_poverta"),{costo}>0),'
                            f"{v557_cella}*IF(ISNUMBER({imp_fin}),{imp_fin},{costo})/{costo},0)",
                            escl,
                            "euro",
                        ),
                        (
                            f"IF(AND({flessibile},NOT({deroga})),{costo}*{ms}/12,0)",
                            vflex,
                            "euro",
                        ),
                    ],
                )
        if mov.movimenti:
            self._valida_lista(S, mov.prima, 9, list(TIPI_CONTRATTO), mov.ultima)
            self._valida_lista(S, mov.prima, 10, list(FINANZIAMENTO), mov.ultima)
        self._legenda_codici(S, mov.prima + max(len(mov.movimenti), 1) + 1)

    def _legenda_codici(self, S: str, riga: int) -> None:
        self._sezione(S, riga, "Codici")
        for k, v in TIPO_CONTRATTO.items():
            riga += 1
            flex = " — lavoro flessibile (art. 9, c. 28)" if k in TIPI_FLESSIBILI else ""
            self.testo(S, riga, 0, k)
            self.testo(S, riga, 5, v + flex)
        for k, v in FINANZIAMENTO.items():
            riga += 1
            self.testo(S, riga, 0, k)
            self.testo(S, riga, 5, v)

    def _anno_rendiconto_557(self) -> int | None:
        c = self.f.comma_557
        return c.rendiconto.anno if c is not None and c.rendiconto is not None else None

    def _costo_557(
        self, a: Assunzione, anno: int, rend557: int | None, in_deroga: bool
    ) -> tuple[Decimal, Decimal]:
        """Mirror of ``comma557._deriva`` for one hire: (cost with IRAP, excluded share)."""
        if rend557 is None or a.anno <= rend557:
            return Decimal(0), Decimal(0)
        if a.finanziamento == "pnrr_31bis" and in_deroga:
            return Decimal(0), Decimal(0)
        costo = a.costo_annuo_con_irap * mesi_in_servizio(a, anno) / DODICI
        escl = Decimal(0)
        if a.finanziamento in ("art57_c3septies", "fondo_poverta") and a.costo_annuo:
            quota = a.importo_finanziato if a.importo_finanziato is not None else a.costo_annuo
            escl = costo * quota / a.costo_annuo
        return costo, escl

    # --- Cessazioni -------------------------------------------------------------------------

    def scrivi_cessazioni(self) -> None:
        S = CESSAZIONI
        self._titolo(
            S,
            "Cessazioni e risparmi per anno",
            "Mese = primo mese senza servizio. A regime si risparmia il costo annuo dall'anno della "
            "cessazione; di competenza per i mesi senza servizio.",
        )
        self.cess = mov = self._foglio_movimenti(
            S,
            self.f.cessazioni,
            [
                ("Id", 8),
                ("Anno", 8),
                ("Mese", 8),
                ("Area", 22),
                ("Profilo", 22),
                ("Servizio", 22),
                ("FTE", 6),
                ("Tipo di contratto", 18),
                ("Causa", 18),
                ("Costo annuo (senza IRAP)", 14),
                ("Costo annuo con IRAP", 14),
                ("Note", 30),
            ],
            [
                "Cessata entro l'anno",
                "Mesi senza servizio",
                "Risparmio D.M. a regime",
                "Risparmio D.M. di competenza",
                "Comma 557: costo con IRAP di competenza",
            ],
            "Nessuna cessazione nel fascicolo.",
        )
        rend557 = self._anno_rendiconto_557()
        for rg, x, c in mov.righe():
            self._dati(
                S,
                rg,
                [
                    (x.id, "testo"),
                    (x.anno, "intero"),
                    (x.mese, "intero"),
                    (x.area, STATICO),
                    (x.profilo, STATICO),
                    (x.servizio, STATICO),
                    (x.fte, "pct"),
                    (etichetta(TIPO_CONTRATTO, x.tipo_contratto), STATICO),
                    (etichetta(CAUSA_CESSAZIONE, x.causa), STATICO),
                    (x.costo_annuo, "euro"),
                    (x.costo_annuo_con_irap, "euro"),
                    (x.note, STATICO),
                ],
            )
            anno_, mese, costo, irap = c[1], c[2], c[9], c[10]
            for anno, c0 in mov.blocchi():
                mesi = mesi_senza_servizio(x, anno)
                cessata, ms = c[c0], c[c0 + 1]
                v557 = (
                    x.costo_annuo_con_irap * mesi / DODICI
                    if rend557 is not None and x.anno > rend557
                    else Decimal(0)
                )
                self._formule(
                    S,
                    rg,
                    c0,
                    [
                        (f"IF({anno_}<={anno},1,0)", 1 if x.anno <= anno else 0, "flag"),
                        (f"IF({anno}<{anno_},0,IF({anno}={anno_},13-{mese},12))", mesi, "intero"),
                        (f"{cessata}*{costo}", x.costo_annuo if x.anno <= anno else 0, "euro"),
                        (f"{costo}*{ms}/12", x.costo_annuo * mesi / DODICI, "euro"),
                        (
                            "IF(AND(ISNUMBER(Comma557_anno_rendiconto),"
                            f"{anno_}>Comma557_anno_rendiconto),{irap}*{ms}/12,0)",
                            v557,
                            "euro",
                        ),
                    ],
                )

    def _foglio_movimenti(
        self,
        S: str,
        movimenti: Sequence[M],
        colonne: list[tuple[str, float]],
        per_anno: list[str],
        vuoto: str,
    ) -> _Movimenti[M]:
        """Lay out a sheet of movements (hires or terminations), one a row from row 5.

        The fixed ``colonne`` (header, width) come first; then, under each year of the plan, the
        block of helper columns ``per_anno`` that the other sheets add up. Panes frozen below the
        headers and right of the id; ``vuoto`` where there are no movements.
        """
        ws = self.fogli[S]
        riga_h = 3
        mov = _Movimenti(S, movimenti, riga_h + 1, len(colonne), len(per_anno), self.anni)
        self._tabella(S, riga_h, colonne, bloccate=1)
        for anno, c0 in mov.blocchi():
            ws.merge_range(riga_h - 1, c0, riga_h - 1, c0 + mov.passo - 1, str(anno), self.h_col)
            self.intestazioni(S, riga_h, c0, per_anno)
        ws.set_row(riga_h, 48)
        # Up to one column past the last block, as it has always been.
        self._larghezze(S, (mov.base, mov.fine, 13))
        if not movimenti:
            self.testo(S, mov.prima, 0, vuoto, self.f_nota)
        return mov

    # --- Presupposti ------------------------------------------------------------------------

    def scrivi_presupposti(self) -> None:
        r, S = self.r, PRESUPPOSTI
        self._titolo(
            S,
            "Presupposti per assumere",
            "Esito: rispettato / non rispettato / non documentato. Il comma 557 e la condizione "
            "finanziaria sono calcolati; gli altri sono dichiarati dall'ente (celle di input).",
        )
        riga = 3
        self._tabella(
            S,
            riga,
            [
                ("Presupposto", 60),
                ("Norma", 40),
                ("Effetto se manca", 18),
                ("Esito", 18),
                ("Atto", 40),
                ("Data", 11),
                ("Note", 40),
                ("Blocca le assunzioni (1 = sì)", 14),
                ("Non documentato (1 = sì)", 14),
            ],
        )
        fmt = self.formato("testo", "statico")
        etichette = [
            ESITO_PRESUPPOSTO[k] for k in ("rispettato", "non_rispettato", "non_documentato")
        ]
        self.asseverazione: str | None = None
        prima = riga + 1
        for p in r.presupposti:
            riga += 1
            self.testo(S, riga, 0, p.descrizione, fmt)
            self.testo(S, riga, 1, p.riferimento, fmt)
            effetto = (
                "nessuna assunzione"
                if p.effetto == "blocca"
                else "solo turn over (niente spazi D.M.)"
            )
            self.testo(S, riga, 2, effetto, fmt)
            esito = ESITO_PRESUPPOSTO[p.esito]
            nome = f"Presupposto_{p.chiave}"
            if p.chiave == "comma_557":
                e557 = [f"Esito_557_{a}" for a in self.anni]
                self.formula(
                    S,
                    riga,
                    3,
                    f"IF(OR({','.join(f'{e}={_s(KO)}' for e in e557)}),"
                    f"{_s(etichette[1])},IF(AND({','.join(f'{e}={_s(OK)}' for e in e557)}),"
                    f"{_s(etichette[0])},{_s(etichette[2])}))",
                    esito,
                    "testo",
                    nome,
                    nota=f"Dal prospetto del comma 557 (foglio «{C557}»): {p.riferimento}",
                )
            elif p.chiave == "condizione_finanziaria":
                self.formula(
                    S,
                    riga,
                    3,
                    f'IF(AND(Ente_dissesto="{NO}",Ente_deficitario="{NO}",Ente_riequilibrio="{NO}"),'
                    f"{_s(etichette[0])},IF(ISTEXT(Ente_COSFEL),{_s(etichette[0])},{_s(etichette[1])}))",
                    esito,
                    "testo",
                    nome,
                    nota=f"Dai dati dell'ente (foglio «{ENTE}»): {p.riferimento}",
                )
            else:
                self.dato(S, riga, 3, esito, "testo", nome)
                self._valida_lista(S, riga, 3, etichette)
            if p.chiave == "asseverazione_equilibri":
                self.asseverazione = nome
            self.testo(S, riga, 4, p.atto, fmt)
            self.testo(S, riga, 5, fmt_data(p.data) if p.data else None, fmt)
            self.testo(S, riga, 6, p.note, fmt)
            e = xl_rowcol_to_cell(riga, 3)
            blocca = p.effetto == "blocca" and p.esito == "non_rispettato"
            self.formula(
                S,
                riga,
                7,
                f'IF(AND({_s(p.effetto)}="blocca",{e}={_s(etichette[1])}),1,0)',
                1 if blocca else 0,
                "intero",
            )
            self.formula(
                S,
                riga,
                8,
                f"IF({e}={_s(etichette[2])},1,0)",
                int(p.esito == "non_documentato"),
                "intero",
            )
        ultima = riga
        if self.asseverazione is None:
            # The table lists no asseverazione: the flag the engine reads is still an input.
            riga += 2
            a = self.f.presupposti.get("asseverazione_equilibri")
            self.testo(S, riga, 0, "Asseverazione dell'organo di revisione (spazi del D.M.)")
            self.dato(
                S,
                riga,
                3,
                etichette[0] if a is None or a.rispettato else etichette[1],
                "testo",
                "Asseverazione",
            )
            self._valida_lista(S, riga, 3, etichette)
            self.asseverazione = "Asseverazione"
        bloccanti = sum(
            1 for p in r.presupposti if p.effetto == "blocca" and p.esito == "non_rispettato"
        )
        non_doc = sum(1 for p in r.presupposti if p.esito == "non_documentato")
        for k, (col, etich, valore, nome) in enumerate(
            (
                (7, "Presupposti che bloccano, non rispettati", bloccanti, "Presupposti_bloccanti"),
                (8, "Presupposti non documentati", non_doc, "Presupposti_non_documentati"),
            )
        ):
            riga_tot = riga + 2 + k
            self.testo(S, riga_tot, 6, etich, self.f_grassetto)
            somma = _somma(prima, ultima, col)
            self.formula(S, riga_tot, col, somma, valore, "intero", nome, grassetto=True)
        self.evidenzia(S, prima, 3, ultima, 3)

    # --- Verifica DM --------------------------------------------------------------------------

    def scrivi_dm(self) -> None:
        f, r, S = self.f, self.r, DM
        d = r.dm
        ws = self.fogli[S]
        self._larghezze(S, (0, 0, 58), (1, 3, 22), (4, 4, 60))
        self._titolo(S, "Sostenibilità finanziaria: art. 33, c. 2, D.L. 34/2019 e D.M. 17/03/2020")
        n = self.anni[0]
        riga = self._sezione(S, 2, f"Il rapporto dall'ultimo rendiconto ({d.anno_rendiconto})")

        def riga_box(
            etich: str, formula: str, valore: Valore, tipo: str, nome: str, nota: str | None = None
        ) -> None:
            nonlocal riga
            riga += 1
            self.testo(S, riga, 0, etich)
            self.formula(
                S, riga, 1, formula, valore, tipo, nome, nota, grassetto=nome == "Rapporto_base"
            )

        riga_box(
            "Spesa di personale",
            "Spesa_personale",
            d.spesa_personale,
            "euro",
            "DM_spesa",
            self.norma("dm.spesa_personale"),
        )
        riga_box(
            f"Media delle entrate correnti {d.anni_entrate[0]}-{d.anni_entrate[-1]}",
            "Media_entrate",
            d.media_entrate,
            "euro",
            "DM_media_entrate",
        )
        riga_box(f"FCDE {f.fcde.anno}", "FCDE", d.fcde, "euro", "DM_FCDE")
        riga_box(
            "Entrate correnti nette",
            "Entrate_nette",
            d.entrate_correnti_nette,
            "euro",
            "DM_entrate_nette",
        )
        riga_box(
            "Rapporto spesa di personale / entrate correnti nette",
            "Spesa_personale/Entrate_nette",
            d.rapporto,
            "rapporto",
            "Rapporto_base",
            self.norma("dm.rapporto"),
        )
        riga_box(
            f"Valore soglia, Tabella 1 ({n})",
            f"Soglia_T1_{n}",
            d.valore_soglia,
            "pct",
            "DM_soglia_T1",
        )
        riga_box(
            f"Soglia di rientro, Tabella 3 ({n})",
            f"Soglia_T3_{n}",
            d.soglia_rientro,
            "pct",
            "DM_soglia_T3",
        )
        riga_box(
            "Collocazione",
            f'IF(Spesa_personale<=Soglia_T1_{n}*Entrate_nette,"virtuoso",'
            f'IF(Spesa_personale<=Soglia_T3_{n}*Entrate_nette,"intermedio","sopra_soglia"))',
            d.collocazione,
            "testo",
            "Collocazione",
            self.norma("dm.collocazione"),
        )
        riga_box(
            "",
            'IF(Collocazione="virtuoso",'
            + _s(COLLOCAZIONE["virtuoso"])
            + ',IF(Collocazione="intermedio",'
            + _s(COLLOCAZIONE["intermedio"])
            + ","
            + _s(COLLOCAZIONE["sopra_soglia"])
            + "))",
            COLLOCAZIONE[d.collocazione],
            "testo",
            "Collocazione_descrizione",
        )
        riga_box(
            "Spesa corrispondente al valore soglia (Tabella 1 × entrate nette)",
            f"Soglia_T1_{n}*Entrate_nette",
            d.spesa_soglia,
            "euro",
            "Spesa_soglia",
            self.norma("dm.spesa_soglia"),
        )
        t1 = f"Soglia_T1_{n}*Entrate_nette"
        art5 = f"Spesa_2018+MAX(Spesa_2018*Tabella_2_{n},Resti_2015_2019)"
        non_virtuoso = "non applicabile: il comune non è sotto la soglia di Tabella 1"
        riga_box(
            f"Spesa massima {n} (solo comuni virtuosi)",
            f'IF(Collocazione<>"virtuoso",{_s(non_virtuoso)},IF(ISNUMBER(Tabella_2_{n}),'
            f"IF(ISNUMBER(Spesa_2018),MIN({t1},{art5}),{_s(ND)}),{t1}))",
            d.spesa_massima
            if d.spesa_massima is not None
            else (non_virtuoso if d.collocazione != "virtuoso" else ND),
            "euro",
            "Spesa_massima",
            self.norma(
                f"dm.{n}.limite_tabella_1",
                f"dm.{n}.tabella_2",
                f"dm.{n}.limite_art5",
                f"dm.{n}.limite",
            ),
        )
        regole = {k: _s(REGOLA_DM[k]) for k in REGOLA_DM}
        regola_spazio_nv = "nessuno spazio: il comune non è sotto la soglia di Tabella 1"
        riga_box(
            "Regola che fissa la spesa massima",
            f'IF(Collocazione<>"virtuoso",{_s(regola_spazio_nv)},IF(NOT(ISNUMBER(Tabella_2_{n})),'
            f"{regole['tabella_1']},IF(NOT(ISNUMBER(Spesa_2018)),{regole['tabella_2_senza_spesa_2018']},"
            f"IF({art5}<{t1},IF(Resti_2015_2019>Spesa_2018*Tabella_2_{n},{regole['resti_2015_2019']},"
            f"{regole['tabella_2']}),{regole['tabella_1']}))))",
            etichetta(REGOLA_DM, d.regola_spazio),
            "testo",
            "Regola_spazio",
        )
        riga_box(
            f"Spazio assunzionale {n}",
            "IF(ISNUMBER(Spesa_massima),MAX(Spesa_massima-Spesa_personale,0),"
            f'IF(Collocazione="virtuoso",{_s(ND)},{_s(NESSUNO)}))',
            d.spazio_assunzionale
            if d.spazio_assunzionale is not None
            else (ND if d.collocazione == "virtuoso" else NESSUNO),
            "euro",
            "Spazio_assunzionale",
            self.norma("dm.spazio", generale="D.M. 17/03/2020, artt. 4, comma 2, e 5"),
        )

        # The plan, year by year.
        riga = self._sezione(
            S,
            riga + 2,
            "Il piano anno per anno",
            ["Voce", *[str(a) for a in self.anni], "Come si calcola"],
        )
        self.riga_anni_dm = riga
        rapporto_prec = "Rapporto_base"
        rapp_prec_val: Decimal = d.rapporto
        prima = riga + 1
        righe: dict[str, int] = {}
        for j, (anno, a) in enumerate(zip(self.anni, r.anni, strict=True)):
            y = anno
            rr = riga
            col = 1 + j
            vals_t1 = self.valori_parametri[("Soglia_T1", y)]
            vals_t2 = self.valori_parametri[("Tabella_2", y)]
            entrate = self.entrate_anno[y]
            lim_t1 = vals_t1 * entrate if vals_t1 is not None else None
            lim_art5: Valore = NON_APPLICABILE
            if vals_t2 is not None and f.spesa_2018 is not None:
                lim_art5 = f.spesa_2018 + max(
                    f.spesa_2018 * vals_t2, f.resti_assunzionali_2015_2019
                )
            rg_label = REGOLA_DM["rientro_graduale"]
            voci: list[tuple[str, str, str, Valore, str, str | None, str | None]] = [
                (
                    "spesa_rend",
                    f"Spesa di personale del rendiconto {d.anno_rendiconto}",
                    "Spesa_personale",
                    d.spesa_personale,
                    "euro",
                    None,
                    None,
                ),
                (
                    "assunzioni",
                    "+ costo annuo delle assunzioni in servizio al 31/12",
                    self.piano.somma(j, 2),
                    a.assunzioni,
                    "euro",
                    f"Assunzioni_regime_{y}",
                    None,
                ),
                (
                    "cessazioni",
                    "− costo annuo delle cessazioni fino all'anno",
                    self.cess.somma(j, 2),
                    a.cessazioni,
                    "euro",
                    f"Cessazioni_regime_{y}",
                    None,
                ),
                (
                    "spesa",
                    "Spesa di personale a regime",
                    f"Spesa_personale+Assunzioni_regime_{y}-Cessazioni_regime_{y}",
                    a.spesa_personale,
                    "euro",
                    f"Spesa_regime_{y}",
                    self.norma(f"piano.{y}.spesa"),
                ),
                (
                    "competenza",
                    "Spesa di personale di competenza",
                    f"Spesa_personale+{self.piano.somma(j, 3)}-{self.cess.somma(j, 3)}",
                    a.spesa_competenza,
                    "euro",
                    f"Spesa_competenza_{y}",
                    self.norma(f"piano.{y}.competenza"),
                ),
                (
                    "entrate",
                    "Entrate correnti nette dell'anno",
                    f"Entrate_anno_{y}",
                    a.entrate_correnti,
                    "euro",
                    None,
                    None,
                ),
                (
                    "rapporto",
                    "Rapporto spesa a regime / entrate",
                    f"Spesa_regime_{y}/Entrate_anno_{y}",
                    a.rapporto,
                    "rapporto",
                    f"Rapporto_{y}",
                    self.norma(f"piano.{y}.rapporto", generale="D.M. 17/03/2020, art. 2"),
                ),
                ("t1", "Valore soglia, Tabella 1", f"Soglia_T1_{y}", vals_t1, "pct", None, None),
                (
                    "t3",
                    "Soglia di rientro, Tabella 3",
                    f"Soglia_T3_{y}",
                    self.valori_parametri[("Soglia_T3", y)],
                    "pct",
                    None,
                    None,
                ),
                (
                    "prec",
                    "Rapporto dell'anno precedente (il rendiconto per il primo anno)",
                    rapporto_prec,
                    rapp_prec_val,
                    "rapporto",
                    None,
                    None,
                ),
                (
                    "lim_t1",
                    "Limite da Tabella 1: valore soglia × entrate dell'anno",
                    f"Soglia_T1_{y}*Entrate_anno_{y}",
                    lim_t1,
                    "euro",
                    f"Limite_T1_{y}",
                    "D.M. 17/03/2020, art. 4, comma 2",
                ),
                (
                    "lim_art5",
                    "Limite da art. 5: spesa 2018 + max(spesa 2018 × Tabella 2; resti 2015-2019)",
                    f"IF(AND(ISNUMBER(Tabella_2_{y}),ISNUMBER(Spesa_2018)),"
                    f"Spesa_2018+MAX(Spesa_2018*Tabella_2_{y},Resti_2015_2019),{_s(NON_APPLICABILE)})",
                    lim_art5,
                    "euro",
                    f"Limite_art5_{y}",
                    "D.M. 17/03/2020, art. 5, commi 1 e 2; RGS nota prot. 12454/2020 e parere 238867/2020",
                ),
            ]
            for chiave, etich, formula, valore, tipo, nome, nota in voci:
                rr += 1
                righe[chiave] = rr
                if j == 0:
                    self.testo(S, rr, 0, etich)
                self.formula(S, rr, col, formula, valore, tipo, nome, nota)
            # The limit of the year, per regime (rules/piano.py::_limite_anno).
            # above Tabella 3: the higher of Tabella 3 × entrate and the path back's limit
            percorso = (
                f"IF(ISNUMBER(Turnover_{y}),Spesa_personale-Cessazioni_regime_{y}+Turnover_{y}*Cessazioni_regime_{y},"
                f"{rapporto_prec}*Entrate_anno_{y})"
            )
            sopra = f"MAX(Soglia_T3_{y}*Entrate_anno_{y},{percorso})"
            virtuoso = (
                f"IF({self.asseverazione}={_s(ESITO_PRESUPPOSTO['non_rispettato'])},Spesa_personale,"
                f"IF(ISNUMBER(Tabella_2_{y}),IF(ISNUMBER(Spesa_2018),MIN(Limite_T1_{y},Limite_art5_{y}),{_s(ND)}),"
                f"Limite_T1_{y}))"
            )
            limite_f = (
                f'IF(Collocazione="virtuoso",{virtuoso},IF(Collocazione="intermedio",'
                f"Spesa_personale*Entrate_anno_{y}/Entrate_nette,{sopra}))"
            )
            regola_virt = (
                f"IF({self.asseverazione}={_s(ESITO_PRESUPPOSTO['non_rispettato'])},{regole['solo_turnover']},"
                f"IF(NOT(ISNUMBER(Tabella_2_{y})),{regole['tabella_1']},IF(NOT(ISNUMBER(Spesa_2018)),"
                f"{regole['tabella_2_senza_spesa_2018']},IF(Limite_art5_{y}<Limite_T1_{y},"
                f"IF(Resti_2015_2019>Spesa_2018*Tabella_2_{y},{regole['resti_2015_2019']},{regole['tabella_2']}),"
                f"{regole['tabella_1']}))))"
            )
            regola_sopra = (
                f"IF(Soglia_T3_{y}*Entrate_anno_{y}>={percorso},{regole['rientrato']},"
                f"IF(ISNUMBER(Turnover_{y}),{regole['turnover_30']},{regole['rientro_graduale']}))"
            )
            regola_f = (
                f'IF(Collocazione="virtuoso",{regola_virt},IF(Collocazione="intermedio",'
                f"{regole['intermedio']},{regola_sopra}))"
            )
            esito_f = (
                f"IF(NOT(ISNUMBER(Limite_DM_{y})),{_s(NV)},IF(OR("
                f'AND(Collocazione="intermedio",Spesa_regime_{y}*Entrate_nette<=Spesa_personale*Entrate_anno_{y}),'
                f"AND(Regola_DM_{y}={_s(rg_label)},OR(Rapporto_{y}<{rapporto_prec},"
                f"Spesa_regime_{y}<=Soglia_T3_{y}*Entrate_anno_{y})),"
                f'AND(Collocazione<>"intermedio",Regola_DM_{y}<>{_s(rg_label)},Spesa_regime_{y}<=Limite_DM_{y})),'
                f"{_s(OK)},{_s(KO)}))"
            )
            nota_lim = self.norma(
                f"piano.{y}.limite",
                f"dm.{y}.limite_tabella_1",
                f"dm.{y}.tabella_2",
                f"dm.{y}.limite_art5",
                f"dm.{y}.limite",
                generale="art. 33, comma 2, D.L. 34/2019; D.M. 17/03/2020, artt. 4-6; "
                "Corte dei conti, Sezioni riunite, 7/2022 (senza asseverazione solo turn over)",
            )
            for chiave, etich, formula, valore, tipo, nome, nota in [
                (
                    "limite",
                    "Limite D.M. dell'anno",
                    limite_f,
                    a.limite_dm if a.limite_dm is not None else ND,
                    "euro",
                    f"Limite_DM_{y}",
                    nota_lim,
                ),
                (
                    "regola",
                    "Regola applicata",
                    regola_f,
                    etichetta(REGOLA_DM, a.regola_dm),
                    "testo",
                    f"Regola_DM_{y}",
                    None,
                ),
                (
                    "margine",
                    "Margine (limite − spesa a regime)",
                    f"IF(ISNUMBER(Limite_DM_{y}),"
                    f"{_margine(f'Limite_DM_{y}-Spesa_regime_{y}', f'Esito_DM_{y}')},{_s(ND)})",
                    a.margine_dm if a.margine_dm is not None else ND,
                    "euro",
                    f"Margine_DM_{y}",
                    None,
                ),
                (
                    "esito",
                    "Esito",
                    esito_f,
                    ESITO_LIMITE[a.esito_dm],
                    "testo",
                    f"Esito_DM_{y}",
                    nota_lim,
                ),
            ]:
                rr += 1
                righe[chiave] = rr
                if j == 0:
                    self.testo(
                        S, rr, 0, etich, self.f_grassetto if chiave in ("limite", "esito") else None
                    )
                self.formula(
                    S, rr, col, formula, valore, tipo, nome, nota, grassetto=chiave == "esito"
                )
            rapporto_prec = f"Rapporto_{y}"
            rapp_prec_val = a.rapporto
        ultima = max(righe.values())
        spiegazioni = {
            "spesa": "spesa del rendiconto + assunzioni − cessazioni (costi senza IRAP, al netto delle quote neutralizzate)",
            "competenza": "ogni movimento pesa per i mesi dell'anno (fogli «Piano assunzioni» e «Cessazioni»)",
            "entrate": "foglio «Entrate»",
            "limite": "virtuoso: min(Tabella 1; art. 5), o solo turn over senza asseverazione; intermedio: "
            "rapporto del rendiconto × entrate; sopra soglia: il maggiore tra Tabella 3 × entrate "
            "(rapporto rientrato) e il percorso di rientro (turn over, o rapporto dell'anno "
            "precedente × entrate)",
            "esito": "rientro graduale: il rapporto deve scendere (strettamente)",
        }
        for chiave, testo in spiegazioni.items():
            self.testo(S, righe[chiave], 1 + len(self.anni), testo, self.f_nota)
        self.evidenzia(S, prima, 1, ultima, len(self.anni))
        self.evidenzia_margini(S, righe["margine"], 1, righe["margine"], len(self.anni))
        ws.freeze_panes(0, 1)

        # Chart: the ratio per year against the thresholds.
        categorie = [S, self.riga_anni_dm, 1, self.riga_anni_dm, len(self.anni)]
        col_chart = self.wb.add_chart({"type": "column"})
        col_chart.add_series(
            {
                "name": "Rapporto spesa / entrate",
                "categories": categorie,
                "values": [S, righe["rapporto"], 1, righe["rapporto"], len(self.anni)],
                "fill": {"color": "#4472C4"},
                "data_labels": {"value": True, "num_format": "0.00%"},
            }
        )
        linee = self.wb.add_chart({"type": "line"})
        for chiave, nome, colore in (
            ("t1", "Valore soglia (Tabella 1)", "#70AD47"),
            ("t3", "Soglia di rientro (Tabella 3)", "#C00000"),
        ):
            linee.add_series(
                {
                    "name": nome,
                    "categories": categorie,
                    "values": [S, righe[chiave], 1, righe[chiave], len(self.anni)],
                    "line": {"color": colore, "width": 2.25, "dash_type": "dash"},
                    "marker": {"type": "circle"},
                }
            )
        col_chart.combine(linee)
        col_chart.set_title({"name": "Rapporto spesa di personale / entrate correnti e soglie"})
        col_chart.set_y_axis({"num_format": "0%", "min": 0})
        col_chart.set_legend({"position": "bottom"})
        col_chart.set_size({"width": 720, "height": 340})
        ws.insert_chart(ultima + 2, 0, col_chart)

    # --- Comma 557 -----------------------------------------------------------------------------

    def scrivi_557(self) -> None:
        f, r, S = self.f, self.r, C557
        c = f.comma_557
        p = r.comma_557
        ws = self.fogli[S]
        self._larghezze(S, (0, 0, 52), (1, 5, 20))
        self._titolo(
            S,
            f"Tetto di spesa di personale: art. 1, comma {p.comma}, L. 296/2006",
            "Importi con IRAP. Una previsione non data dal fascicolo è derivata dalla colonna del "
            "rendiconto e dal piano (costo con IRAP, di competenza; quote finanziate da terzi tra le "
            "escluse; PNRR art. 31-bis fuori finché dura la deroga).",
        )
        self.commento(S, 0, 0, self.norma("557.comma", generale=RIF_557))
        if c is None:
            self.testo(S, 2, 0, "Il fascicolo non contiene il prospetto: celle vuote.", self.f_nota)
        base_et = p.colonne[0].etichetta if p.presente else "base"
        rend_anno = c.rendiconto.anno if c is not None and c.rendiconto is not None else None
        teste = [
            "",
            base_et,
            f"rendiconto {rend_anno}" if rend_anno else "rendiconto",
            *[f"previsione {a}" for a in self.anni],
        ]
        riga = self._sezione(S, 3, "Dati del fascicolo (celle di input; vuote = non date)", teste)
        riga += 1
        self.testo(S, riga, 0, "Anno della colonna del rendiconto")
        self.dato(S, riga, 2, rend_anno, "intero", "Comma557_anno_rendiconto")
        colonne_f: list[tuple[str, Any]] = []
        if c is not None:
            colonne_f.append(("base", c.base))
            colonne_f.append(("rendiconto", c.rendiconto))
            prev = {x.anno: x for x in c.previsioni}
            colonne_f += [(str(a), prev.get(a)) for a in self.anni]
        else:
            colonne_f = [("base", None), ("rendiconto", None), *[(str(a), None) for a in self.anni]]
        riga_a = riga + 1
        for k, (riga_nome, campo) in enumerate(
            (
                ("(A) totale spese di personale", "A"),
                ("(B) componenti escluse", "B"),
                ("(C) maggior spesa D.M. art. 7, c. 1", "C"),
            )
        ):
            rr = riga_a + k
            self.testo(S, rr, 0, riga_nome)
            for j, (chiave, col557) in enumerate(colonne_f):
                valore: Decimal | None = None
                nota: str | None = None
                if col557 is not None:
                    if campo == "A":
                        valore = sum((v.importo for v in col557.componenti), Decimal(0))
                        nota = "\n".join(f"{v.voce}: {v.importo}" for v in col557.componenti)
                    elif campo == "B":
                        valore = sum((v.importo for v in col557.escluse), Decimal(0))
                        nota = "\n".join(f"{v.voce}: {v.importo}" for v in col557.escluse) or None
                    else:
                        valore = col557.maggior_spesa_dm
                self.dato(S, rr, 1 + j, valore, "euro", f"Comma557_{chiave}_{campo}_dato", nota)
        riga = riga_a + 3

        # The prospetto.
        riga_h = self._sezione(S, riga + 1, "Prospetto", teste)
        colonne = {(col.anno if col.anno is not None else "base"): col for col in p.colonne}
        rend_col = next(
            (col for col in p.colonne if col.anno is not None and col.anno == rend_anno), None
        )
        righe = {
            "fonte": riga_h + 1,
            "piu": riga_h + 2,
            "escl": riga_h + 3,
            "meno": riga_h + 4,
            "A": riga_h + 5,
            "B": riga_h + 6,
            "C": riga_h + 7,
            "ABC": riga_h + 8,
            "limite": riga_h + 9,
            "margine": riga_h + 10,
            "esito": riga_h + 11,
        }
        for chiave, testo in (
            ("fonte", "Origine della colonna"),
            ("piu", "+ assunzioni del piano (con IRAP, di competenza)"),
            ("escl", "  di cui finanziate da terzi (tra le escluse)"),
            ("meno", "− cessazioni del piano (con IRAP, di competenza)"),
            ("A", "(A) totale spese di personale"),
            ("B", "(B) componenti escluse"),
            ("C", "(C) maggior spesa D.M. art. 7, c. 1"),
            ("ABC", "(A−B−C) componenti assoggettate al limite"),
            ("limite", "Limite"),
            ("margine", "Margine (limite − A−B−C)"),
            ("esito", "Esito"),
        ):
            self.testo(
                S, righe[chiave], 0, testo, self.f_grassetto if chiave in ("ABC", "esito") else None
            )

        def righe_abc(col: int, obj: Any, formule: list[str], nome: str) -> None:
            """Rows (A), (B), (C) of a column: ``formule`` in that order, named ``nome``_A..."""
            for campo, attr, formula in zip(
                "ABC", ("totale", "escluse", "maggior_spesa_dm"), formule, strict=True
            ):
                valore = getattr(obj, attr) if obj else ND
                self.formula(S, righe[campo], col, formula, valore, nome=f"{nome}_{campo}")

        # Base column: the limit is its (A − B).
        base = colonne.get("base")
        righe_abc(
            1,
            base,
            [f"IF(ISNUMBER(Comma557_base_A_dato),Comma557_base_{k}_dato,{_s(ND)})" for k in "ABC"],
            "Comma557_base",
        )
        self.formula(
            S,
            righe["ABC"],
            1,
            f"IF(ISNUMBER(Comma557_base_A_dato),{xl_rowcol_to_cell(righe['A'], 1)}-"
            f"{xl_rowcol_to_cell(righe['B'], 1)}-{xl_rowcol_to_cell(righe['C'], 1)},{_s(ND)})",
            base.assoggettata if base else ND,
            nome="Spesa_557_base",
        )
        self.formula(
            S,
            righe["limite"],
            1,
            "IF(ISNUMBER(Comma557_base_A_dato),Comma557_base_A_dato-Comma557_base_B_dato,"
            f"{_s(ND)})",
            p.limite if p.limite is not None else ND,
            "euro",
            "Limite_557",
            self.norma("557.limite", generale=RIF_557),
            grassetto=True,
        )
        self.formula(
            S,
            righe["fonte"],
            1,
            f'IF(ISNUMBER(Comma557_base_A_dato),"{DA_FASCICOLO}","{ND}")',
            DA_FASCICOLO if base else ND,
            "testo",
        )

        # Rendiconto column.
        def lim_marg_esito(
            col: int, abc: str, obj: Any, nome_anno: int | None, nota: str | None
        ) -> None:
            suff = f"_{nome_anno}" if nome_anno is not None else "_rendiconto"
            ok = f"AND(ISNUMBER({abc}),ISNUMBER(Limite_557))"
            self.formula(
                S,
                righe["limite"],
                col,
                f"IF({ok},Limite_557,{_s(ND)})",
                obj.limite if obj is not None and obj.limite is not None else ND,
                "euro",
                f"Limite_557{suff}",
            )
            self.formula(
                S,
                righe["margine"],
                col,
                f"IF({ok},{_margine(f'Limite_557-{abc}', f'Esito_557{suff}')},{_s(ND)})",
                obj.margine if obj is not None and obj.margine is not None else ND,
                "euro",
                f"Margine_557{suff}",
            )
            self.formula(
                S,
                righe["esito"],
                col,
                f"IF({ok},IF({abc}<=Limite_557,{_s(OK)},{_s(KO)}),{_s(NV)})",
                ESITO_LIMITE[obj.esito if obj is not None else None],
                "testo",
                f"Esito_557{suff}",
                nota,
                grassetto=True,
            )

        ra = "Comma557_rendiconto_A_dato"
        rb = "Comma557_rendiconto_B_dato"
        rc = "Comma557_rendiconto_C_dato"
        self.formula(
            S,
            righe["fonte"],
            2,
            f'IF(ISNUMBER({ra}),"{DA_FASCICOLO}","{ND}")',
            DA_FASCICOLO if rend_col else ND,
            "testo",
        )
        righe_abc(
            2,
            rend_col,
            [f"IF(ISNUMBER({ra}),{dato},{_s(ND)})" for dato in (ra, rb, rc)],
            "Comma557_rendiconto",
        )
        abc_r = xl_rowcol_to_cell(righe["ABC"], 2)
        self.formula(
            S,
            righe["ABC"],
            2,
            f"IF(ISNUMBER({ra}),{ra}-{rb}-{rc},{_s(ND)})",
            rend_col.assoggettata if rend_col else ND,
            "euro",
            "Spesa_557_rendiconto",
        )
        lim_marg_esito(2, abc_r, rend_col, None, None)

        # Previsione columns, given or derived (rules/comma557.py::_deriva).
        in_deroga = {a: self.valori_parametri[("PNRR_deroga", a)] is not None for a in self.anni}
        for j, (anno, ar) in enumerate(zip(self.anni, r.anni, strict=True)):
            col = 3 + j
            col_obj = colonne.get(anno)
            pa, pb, pc = (f"Comma557_{anno}_{x}_dato" for x in "ABC")
            piu = sum(
                (
                    self._costo_557(a, anno, rend_anno, in_deroga[anno])[0]
                    for a in f.piano_assunzioni
                ),
                Decimal(0),
            )
            escl = sum(
                (
                    self._costo_557(a, anno, rend_anno, in_deroga[anno])[1]
                    for a in f.piano_assunzioni
                ),
                Decimal(0),
            )
            meno = sum(
                (
                    x.costo_annuo_con_irap * mesi_senza_servizio(x, anno) / DODICI
                    for x in f.cessazioni
                    if rend_anno is not None and x.anno > rend_anno
                ),
                Decimal(0),
            )
            self.formula(S, righe["piu"], col, self.piano.somma(j, 4), piu)
            self.formula(S, righe["escl"], col, self.piano.somma(j, 5), escl)
            self.formula(S, righe["meno"], col, self.cess.somma(j, 4), meno)
            cp, ce, cm = (xl_rowcol_to_cell(righe[k], col) for k in ("piu", "escl", "meno"))
            fonte = (
                DA_FASCICOLO
                if col_obj is not None and not col_obj.derivata
                else (DERIVATA if col_obj else ND)
            )
            self.formula(
                S,
                righe["fonte"],
                col,
                f'IF(ISNUMBER({pa}),"{DA_FASCICOLO}",IF(ISNUMBER({ra}),"{DERIVATA}","{ND}"))',
                fonte,
                "testo",
            )
            derivate = (f"{ra}+{cp}-{cm}", f"{rb}+{ce}", rc)
            righe_abc(
                col,
                col_obj,
                [
                    f"IF(ISNUMBER({pa}),{dato},IF(ISNUMBER({ra}),{der},{_s(ND)}))"
                    for dato, der in zip((pa, pb, pc), derivate, strict=True)
                ],
                f"Comma557_{anno}",
            )
            a_, b_, c_ = (xl_rowcol_to_cell(righe[x], col) for x in "ABC")
            self.formula(
                S,
                righe["ABC"],
                col,
                f"IF(ISNUMBER({a_}),{a_}-{b_}-{c_},{_s(ND)})",
                ar.spesa_557 if ar.spesa_557 is not None else ND,
                "euro",
                f"Spesa_557_{anno}",
                self.norma(f"557.{anno}", generale=RIF_557),
                grassetto=True,
            )
            lim_marg_esito(
                col,
                xl_rowcol_to_cell(righe["ABC"], col),
                col_obj,
                anno,
                "Superare il limite è divieto di assunzione: art. 1, comma 557-ter, L. 296/2006",
            )
        self.evidenzia(S, righe["fonte"], 1, righe["esito"], 2 + len(self.anni))
        self.evidenzia_margini(S, righe["margine"], 1, righe["margine"], 2 + len(self.anni))
        ws.freeze_panes(0, 1)

        # Detail of the case's voci.
        if c is not None:
            riga = self._sezione(
                S, righe["esito"] + 2, "Voci del fascicolo", ["Voce", "Colonna", "Riga", "Importo"]
            )
            fmt = self.formato("testo", "statico")
            for chiave, col557 in colonne_f:
                if col557 is None:
                    continue
                for riga_nome, voci in (("A", col557.componenti), ("B", col557.escluse)):
                    for v in voci:
                        riga += 1
                        self.testo(S, riga, 0, v.voce, fmt)
                        self.testo(S, riga, 1, chiave, fmt)
                        self.testo(S, riga, 2, riga_nome, fmt)
                        self.statico(S, riga, 3, v.importo, "euro")

    # --- Lavoro flessibile ------------------------------------------------------------------------

    def scrivi_flessibile(self) -> None:
        f, r, S = self.f, self.r, FLEX
        lf = f.lavoro_flessibile
        ws = self.fogli[S]
        self._larghezze(S, (0, 0, 56), (1, 3, 20), (4, 4, 60))
        self._titolo(
            S,
            "Lavoro flessibile: art. 9, comma 28, D.L. 78/2010",
            "Limite: spesa 2009 (o media 2007-2009) × la percentuale ordinaria, o quella per gli "
            "enti in regola nell'anno con il comma 557/562 (percentuali nel foglio «Ente e "
            "parametri»); un parametro motivato (Sez. Autonomie 1/2017) è esso stesso il limite.",
        )
        riga = 3
        self.testo(S, riga, 0, "Base (codice: spesa_2009, media_2007_2009, parametro_motivato)")
        self.dato(S, riga, 1, lf.base.tipo if lf else None, "testo", "Flessibile_base_tipo")
        self._valida_lista(S, riga, 1, ["spesa_2009", "media_2007_2009", "parametro_motivato"])
        riga += 1
        self.testo(S, riga, 0, "Importo della base (vuoto se il fascicolo non la indica)")
        self.dato(S, riga, 1, lf.base.importo if lf else None, "euro", "Flessibile_base")
        riga += 1
        self.testo(S, riga, 0, "Atto che fissa il parametro motivato")
        self.testo(S, riga, 1, lf.base.atto if lf else None, self.formato("testo", "statico"))
        riga += 2
        self.intestazioni(S, riga, 0, ["Voce", *[str(a) for a in self.anni], "Come si calcola"])
        righe: dict[str, int] = {}
        base_tipo = lf.base.tipo if lf else None
        for j, (anno, a) in enumerate(zip(self.anni, r.anni, strict=True)):
            col = 1 + j
            rr = riga
            prevista = (
                sum((s.importo for s in lf.spesa_prevista if s.anno == anno), Decimal(0))
                if lf
                else Decimal(0)
            )
            descr = "\n".join(
                f"{s.descrizione or 'spesa prevista'}: {s.importo}"
                for s in (lf.spesa_prevista if lf else [])
                if s.anno == anno
            )
            rr += 1
            righe["prevista"] = rr
            if j == 0:
                self.testo(S, rr, 0, "Spesa flessibile prevista nel fascicolo")
            self.dato(S, rr, col, prevista, "euro", f"Flessibile_prevista_{anno}", descr or None)
            piano = sum(
                (
                    x.costo_annuo * mesi_in_servizio(x, anno) / DODICI
                    for x in f.piano_assunzioni
                    if x.tipo_contratto in TIPI_FLESSIBILI
                    and not (
                        x.finanziamento == "pnrr_31bis"
                        and self.valori_parametri[("PNRR_deroga", anno)] is not None
                    )
                ),
                Decimal(0),
            )
            if base_tipo == "parametro_motivato" or lf is None:
                pct_val: Valore = NON_APPLICABILE
            elif a.esito_557:
                pct_val = self.valori_parametri[("Flessibile_pct_557", anno)]
            else:
                pct_val = self.valori_parametri[("Flessibile_pct", anno)]
            voci: list[tuple[str, str, str, Valore, str, str | None, str | None]] = [
                (
                    "piano",
                    "+ righe flessibili del piano (di competenza, senza IRAP)",
                    self.piano.somma(j, 6),
                    piano,
                    "euro",
                    None,
                    None,
                ),
                (
                    "spesa",
                    "Spesa per lavoro flessibile",
                    f"Flessibile_prevista_{anno}+{xl_rowcol_to_cell(rr + 1, col)}",
                    a.spesa_flessibile,
                    "euro",
                    f"Spesa_flessibile_{anno}",
                    self.norma(f"flessibile.{anno}.spesa", generale=RIF_FLEX),
                ),
                (
                    "e557",
                    "Esito del comma 557 nell'anno",
                    f"Esito_557_{anno}",
                    ESITO_LIMITE[a.esito_557],
                    "testo",
                    None,
                    None,
                ),
                (
                    "pct",
                    "Percentuale della base ammessa",
                    f'IF(OR(NOT(ISNUMBER(Flessibile_base)),Flessibile_base_tipo="parametro_motivato"),'
                    f"{_s(NON_APPLICABILE)},IF(Esito_557_{anno}={_s(OK)},Flessibile_pct_557_{anno},"
                    f"Flessibile_pct_{anno}))",
                    pct_val,
                    "pct",
                    f"Flessibile_percentuale_{anno}",
                    None,
                ),
                (
                    "limite",
                    "Limite",
                    f'IF(NOT(ISNUMBER(Flessibile_base)),{_s(ND)},IF(Flessibile_base_tipo="parametro_motivato",'
                    f"Flessibile_base,Flessibile_base*Flessibile_percentuale_{anno}))",
                    a.limite_flessibile if a.limite_flessibile is not None else ND,
                    "euro",
                    f"Limite_flessibile_{anno}",
                    self.norma(f"flessibile.{anno}.limite", generale=RIF_FLEX),
                ),
                (
                    "margine",
                    "Margine (limite − spesa)",
                    f"IF(ISNUMBER(Limite_flessibile_{anno}),"
                    + _margine(
                        f"Limite_flessibile_{anno}-Spesa_flessibile_{anno}",
                        f"Esito_flessibile_{anno}",
                    )
                    + f",{_s(ND)})",
                    a.margine_flessibile if a.margine_flessibile is not None else ND,
                    "euro",
                    f"Margine_flessibile_{anno}",
                    None,
                ),
                (
                    "esito",
                    "Esito",
                    f"IF(ISNUMBER(Limite_flessibile_{anno}),IF(Spesa_flessibile_{anno}<=Limite_flessibile_{anno},"
                    f"{_s(OK)},{_s(KO)}),IF(Spesa_flessibile_{anno}=0,{_s(OK)},{_s(NV)}))",
                    ESITO_LIMITE[a.esito_flessibile],
                    "testo",
                    f"Esito_flessibile_{anno}",
                    RIF_FLEX,
                ),
            ]
            for chiave, etich, formula, valore, tipo, nome, nota in voci:
                rr += 1
                righe[chiave] = rr
                if j == 0:
                    self.testo(S, rr, 0, etich, self.f_grassetto if chiave == "esito" else None)
                self.formula(
                    S, rr, col, formula, valore, tipo, nome, nota, grassetto=chiave == "esito"
                )
        self.testo(
            S,
            righe["piano"],
            1 + len(self.anni),
            "tempo determinato, somministrazione, co.co.co., formazione lavoro, art. 110 c.2, art. 90; "
            "esclusi art. 110 c.1 e PNRR art. 31-bis in deroga",
            self.f_nota,
        )
        self.testo(
            S,
            righe["limite"],
            1 + len(self.anni),
            "base × percentuale; il parametro motivato è il limite",
            self.f_nota,
        )
        self.evidenzia(S, righe["prevista"], 1, righe["esito"], len(self.anni))
        self.evidenzia_margini(S, righe["margine"], 1, righe["margine"], len(self.anni))
        ws.freeze_panes(0, 1)

    # --- Riepilogo ----------------------------------------------------------------------------

    def scrivi_riepilogo(self) -> None:
        r, S = self.r, RIEPILOGO
        ws = self.fogli[S]
        # Columns B-D wide enough for the binding limit's name without wrapping.
        self._larghezze(S, (0, 0, 52), (1, 3, 34), (4, 4, 50))
        self._titolo(S, "Verifica del piano triennale dei fabbisogni di personale")
        nome = r.ente.nome + (f" — SCENARIO DI STUDIO «{r.scenario}»" if r.scenario else "")
        self.testo(S, 1, 0, nome, self.f_grassetto)
        self.testo(
            S,
            2,
            0,
            f"Triennio {self.anni[0]}-{self.anni[-1]} · fascia demografica {r.ente.fascia} · "
            f"fabbisogni {r.versione}",
            self.f_nota,
        )
        riga = 4
        self.testo(S, riga, 0, "Collocazione (D.M. 17/03/2020)")
        self.formula(
            S, riga, 1, "Collocazione_descrizione", COLLOCAZIONE[r.dm.collocazione], "testo"
        )
        riga += 1
        self.testo(S, riga, 0, "Presupposti che bloccano, non rispettati")
        self.formula(
            S,
            riga,
            1,
            "Presupposti_bloccanti",
            sum(1 for p in r.presupposti if p.effetto == "blocca" and p.esito == "non_rispettato"),
            "intero",
        )
        riga += 1
        self.testo(S, riga, 0, "Presupposti non documentati")
        self.formula(
            S,
            riga,
            1,
            "Presupposti_non_documentati",
            sum(1 for p in r.presupposti if p.esito == "non_documentato"),
            "intero",
        )
        riga += 1
        self.testo(S, riga, 0, "Esito complessivo", self.f_grassetto)
        riga_esito = riga
        riga += 1
        self.testo(S, riga, 0, "Motivazione (testo del programma, non ricalcolato)")
        ws.merge_range(riga, 1, riga, 4, "", self.formato("testo", "statico"))
        self.testo(S, riga, 1, r.motivazione_esito, self.formato("testo", "statico"))
        ws.set_row(riga, 45)

        riga = self._sezione(
            S, riga + 2, "Verifica anno per anno", ["Voce", *[str(a) for a in self.anni]]
        )
        prima = riga + 1
        v_dm = _s(VINCOLO["dm"])
        v_557 = _s(VINCOLO["557"])
        for j, (anno, a) in enumerate(zip(self.anni, r.anni, strict=True)):
            col = 1 + j
            rr = riga
            # rules/vincolo.py: a broken limit binds; a limit not verifiable leaves it open;
            # else the D.M. margin against the 557 margin brought to a cost without IRAP (÷ k)
            e_dm, e_557 = f"Esito_DM_{anno}", f"Esito_557_{anno}"
            vincolo = (
                f"IF(AND({e_dm}<>{_s(KO)},{e_557}<>{_s(KO)},OR({e_dm}={_s(NV)},{e_557}={_s(NV)})),"
                f"{_s(ND)},IF({e_dm}={_s(NV)},{v_557},IF({e_557}={_s(NV)},{v_dm},"
                f"IF(Margine_DM_{anno}<=Margine_557_{anno}/Fattore_IRAP_{anno},{v_dm},{v_557}))))"
            )
            esiti = (f"Esito_DM_{anno}", f"Esito_557_{anno}", f"Esito_flessibile_{anno}")
            esito_anno = (
                f"IF(OR({','.join(f'{e}={_s(KO)}' for e in esiti)},Presupposti_bloccanti>0),"
                f"{_s(ESITO['non_conforme'])},IF(OR({','.join(f'{e}={_s(NV)}' for e in esiti)},"
                f"Presupposti_non_documentati>0),{_s(ESITO['non_verificabile'])},{_s(ESITO['conforme'])}))"
            )
            voci: list[tuple[str, str, Valore, str, str | None]] = [
                (
                    "Spesa di personale a regime (D.M.)",
                    f"Spesa_regime_{anno}",
                    a.spesa_personale,
                    "euro",
                    None,
                ),
                ("Rapporto spesa / entrate", f"Rapporto_{anno}", a.rapporto, "rapporto", None),
                ("Limite D.M.", f"Limite_DM_{anno}", _nd(a.limite_dm), "euro", None),
                ("Margine D.M.", f"Margine_DM_{anno}", _nd(a.margine_dm), "euro", None),
                ("Esito D.M.", f"Esito_DM_{anno}", ESITO_LIMITE[a.esito_dm], "testo", None),
                (
                    "Spesa soggetta al limite del comma 557 (A−B−C)",
                    f"Spesa_557_{anno}",
                    _nd(a.spesa_557),
                    "euro",
                    None,
                ),
                ("Limite comma 557", f"Limite_557_{anno}", _nd(a.limite_557), "euro", None),
                ("Margine comma 557", f"Margine_557_{anno}", _nd(a.margine_557), "euro", None),
                ("Esito comma 557", f"Esito_557_{anno}", ESITO_LIMITE[a.esito_557], "testo", None),
                (
                    "Spesa per lavoro flessibile",
                    f"Spesa_flessibile_{anno}",
                    a.spesa_flessibile,
                    "euro",
                    None,
                ),
                (
                    "Limite lavoro flessibile",
                    f"Limite_flessibile_{anno}",
                    _nd(a.limite_flessibile),
                    "euro",
                    None,
                ),
                (
                    "Margine lavoro flessibile",
                    f"Margine_flessibile_{anno}",
                    _nd(a.margine_flessibile),
                    "euro",
                    None,
                ),
                (
                    "Esito lavoro flessibile",
                    f"Esito_flessibile_{anno}",
                    ESITO_LIMITE[a.esito_flessibile],
                    "testo",
                    None,
                ),
                (
                    "Vincolo per un'assunzione a tempo indeterminato (D.M. o comma 557; il "
                    "lavoro flessibile riguarda solo i contratti flessibili)",
                    vincolo,
                    etichetta(VINCOLO, a.vincolo) if a.vincolo else ND,
                    "testo",
                    f"Vincolo_{anno}",
                ),
                (
                    "Esito dell'anno",
                    esito_anno,
                    ESITO[_esito_anno(a, r)],
                    "testo",
                    f"Esito_anno_{anno}",
                ),
            ]
            for etich, formula, valore, tipo, nome in voci:
                rr += 1
                if nome == f"Vincolo_{anno}":
                    # k of rules/vincolo.py: a figure of the engine, from the CCNL rates
                    if j == 0:
                        self.testo(
                            S,
                            rr,
                            0,
                            "k = costo con IRAP ÷ costo senza IRAP (1 + contributi + IRAP) ÷ "
                            "(1 + contributi), aliquote delle tabelle CCNL",
                        )
                    k = a.vincolo_fattore_irap
                    self.statico(S, rr, col, k if k is not None else ND, "fattore")
                    self.nome(S, rr, col, f"Fattore_IRAP_{anno}")
                    rr += 1
                if j == 0:
                    self.testo(S, rr, 0, etich, self.f_grassetto if nome else None)
                self.formula(S, rr, col, formula, valore, tipo, nome, grassetto=nome is not None)
        ultima = rr
        # Margins red when negative: rows 4, 8 and 12 of the table.
        for k in (3, 7, 11):
            self.evidenzia_margini(S, prima + k, 1, prima + k, len(self.anni))
        nc = _s(ESITO["non_conforme"])
        nv = _s(ESITO["non_verificabile"])
        self.formula(
            S,
            riga_esito,
            1,
            f"IF(OR({','.join(f'Esito_anno_{a}={nc}' for a in self.anni)}),"
            f"{_s(ESITO['non_conforme'])},IF(OR("
            f"{','.join(f'Esito_anno_{a}={nv}' for a in self.anni)}),"
            f"{_s(ESITO['non_verificabile'])},{_s(ESITO['conforme'])}))",
            ESITO[r.esito],
            "testo",
            "Esito_complessivo",
            "Non conforme se un limite è superato in un anno o un presupposto che blocca non è "
            "rispettato; altrimenti non verificabile se un limite non si può verificare o un "
            "presupposto non è documentato; altrimenti conforme.",
            grassetto=True,
        )
        self.evidenzia(S, riga_esito, 1, ultima, len(self.anni))

        riga = self._sezione(S, ultima + 2, "Legenda")
        legenda = [
            (
                self.formato("euro", "input"),
                "Dato del fascicolo (cella di input con nome): si può modificare",
            ),
            (self.formato("euro", "calcolo"), "Formula: si ricalcola quando cambia un dato"),
            (
                self.formato("testo", "statico"),
                "Testo o cifra riportati dal programma, non ricalcolati",
            ),
            (
                self.wb.add_format({"bg_color": COLORE_ROSSO, "border": 1}),
                "Limite superato, margine negativo, non conforme",
            ),
            (
                self.wb.add_format({"bg_color": COLORE_GIALLO, "border": 1}),
                "Non verificabile / non determinabile / non documentato",
            ),
            (self.wb.add_format({"bg_color": COLORE_VERDE, "border": 1}), "Rispettato / conforme"),
        ]
        for fmt, testo in legenda:
            riga += 1
            self.fogli[S].write_blank(riga, 0, None, fmt)
            self.testo(S, riga, 0, testo, fmt)
        riga += 2
        self.testo(
            S,
            riga,
            0,
            "Ogni dato del fascicolo è una cella di input con un nome (Formule › Gestione nomi). "
            "Cambiando un dato, tutte le cifre derivate si ricalcolano: è una simulazione in Excel. "
            "Il commento di ogni cella di regola riporta la norma. Rilievi e passaggi del calcolo sono "
            "quelli del programma e non si aggiornano.",
            self.f_nota,
        )
        ws.freeze_panes(prima, 1)

    # --- Rilievi and the trace ----------------------------------------------------------------

    def scrivi_rilievi(self) -> None:
        r, S = self.r, RILIEVI
        ws = self.fogli[S]
        self._titolo(
            S, "Rilievi", "Calcolati dal programma sui dati del fascicolo: non si aggiornano."
        )
        riga = 3
        self._tabella(
            S,
            riga,
            [
                ("Codice", 26),
                ("Gravità", 12),
                ("Rilievo", 90),
                ("Norma", 50),
                ("Dichiarato", 16),
                ("Calcolato", 16),
                ("Differenza", 16),
            ],
        )
        fmt = self.formato("testo", "statico")
        for x in r.rilievi:
            riga += 1
            self._testi(
                S,
                riga,
                [
                    x.codice,
                    etichetta(GRAVITA, x.gravita),
                    x.messaggio,
                    x.riferimento,
                    x.dichiarato,
                    x.calcolato,
                    x.differenza,
                ],
                fmt,
            )
        if not r.rilievi:
            self.testo(S, 4, 0, "Nessun rilievo.", self.f_nota)
        else:
            rosso = self.wb.add_format({"bg_color": COLORE_ROSSO})
            giallo = self.wb.add_format({"bg_color": COLORE_GIALLO})
            for testo, stile in ((GRAVITA["grave"], rosso), (GRAVITA["attenzione"], giallo)):
                ws.conditional_format(
                    4,
                    1,
                    riga,
                    1,
                    {"type": "cell", "criteria": "==", "value": _s(testo), "format": stile},
                )

    def scrivi_passaggi(self) -> None:
        S = PASSAGGI
        self._titolo(S, "Passaggi del calcolo (traccia del programma)")
        riga = 2
        self._tabella(
            S,
            riga,
            [
                ("Codice", 26),
                ("Passo", 40),
                ("Formula", 70),
                ("Valore", 18),
                ("Dati", 60),
                ("Parametri", 60),
                ("Norma", 50),
            ],
        )
        fmt = self.formato("testo", "statico")
        for p in self.passi.values():
            riga += 1
            dati = "\n".join(f"{d.nome}: {d.valore}" for d in p.input)
            par = "\n".join(_parametro_testo(u, self.parametri) for u in p.parametri)
            self._testi(
                S,
                riga,
                [p.codice, p.descrizione, p.formula, p.valore, dati, par, p.riferimento],
                fmt,
            )


def _nd(valore: Decimal | None) -> Valore:
    return valore if valore is not None else ND


def _parametro_testo(u: ParametroUsato, parametri: Parametri | None = None) -> str:
    """A parameter used, for a cell comment; ``parametri``: those of the case, to name who
    replaced a value (the case or a scenario)."""
    chiave = f" [{u.chiave}]" if u.chiave else ""
    segni = []
    if u.sovrascritto:
        segni.append(f"SOVRASCRITTO {origine_sovrascrittura(u, parametri)}")
    if u.da_confermare:
        segni.append("da confermare")
    testo = f"{u.nome}{chiave} = {u.valore} al {fmt_data(u.data_riferimento)}. Fonte: {u.fonte}"
    if segni:
        testo += f" ({'; '.join(segni)})"
    if u.nota:
        testo += f". Nota: {u.nota}"
    return testo


def _esito_anno(a: Any, r: Risultato) -> str:
    """The verdict of one year: its three limits and the case's preconditions."""
    esiti = (a.esito_dm, a.esito_557, a.esito_flessibile)
    bloccanti = any(p.effetto == "blocca" and p.esito == "non_rispettato" for p in r.presupposti)
    if any(e is False for e in esiti) or bloccanti:
        return "non_conforme"
    if any(e is None for e in esiti) or any(p.esito == "non_documentato" for p in r.presupposti):
        return "non_verificabile"
    return "conforme"


def _margine(differenza: str, esito: str) -> str:
    """limite − spesa, as the engine reports a margin (numeri.margine): a broken limit never
    shows 0,00 but −0,01, the cut that restores it."""
    return f"IF(AND({esito}={_s(KO)},{differenza}>-0.005),-0.01,{differenza})"
