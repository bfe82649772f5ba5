"""A :class:`~fabbisogni.uscite.documenti.modello.Documento` as a Word document (python-docx).

A4 portrait, Arial (Liberation Sans under LibreOffice), Italian language. Tables are real Word
tables: a shaded header row repeated on every page, right-aligned numbers, bold totals, heading
rows merged across the table, rows that do not break across pages. A placeholder is italic with a
yellow highlight. The running header carries ``doc.intestazione`` and, for a draft, «BOZZA».
python-docx is imported only here, and only when a document is written.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fabbisogni.uscite.documenti.modello import (
    Documento,
    Elenco,
    Paragrafo,
    Riga,
    Segnaposto,
    Tabella,
    Titolo,
)

if TYPE_CHECKING:
    from docx.document import Document as DocumentoWord

FONT = "Arial"
CORPO_PT = 10
TABELLA_PT = 8.5
CARATTERE_MM = 1.62  # average width of a character of Arial at TABELLA_PT, bold included
MARGINE_CELLA_MM = 1.0
STILE_TABELLA = "Tabella"
LINEE_INSIEME = 30  # tables up to about this many lines of text are not split across pages
NOTA_PT = 8.5
MARGINE_MM = 20
LARGHEZZA_UTILE_MM = 210 - 2 * MARGINE_MM
BLU = (0x1F, 0x3A, 0x5F)
GRIGIO = (0x59, 0x59, 0x59)
ROSSO = (0xC0, 0x00, 0x00)
SFONDO_INTESTAZIONE = "D9E2F3"
SFONDO_GRUPPO = "EDEDED"
SFONDO_TOTALE = "F5F5F5"


def scrivi_docx(doc: Documento, percorso: Path) -> None:
    """Write ``doc`` as a DOCX file exactly at ``percorso``."""
    from docx import Document

    d = Document()
    _pagina(d, doc)
    _stili(d)
    d.core_properties.title = doc.titolo
    d.core_properties.subject = doc.intestazione or ""
    d.core_properties.language = "it-IT"
    _titolo(d, doc)
    for b in doc.blocchi:
        if isinstance(b, Titolo):
            d.add_heading(b.testo, level=b.livello)
        elif isinstance(b, Paragrafo):
            _paragrafo(d, b)
        elif isinstance(b, Segnaposto):
            _segnaposto(d, b)
        elif isinstance(b, Elenco):
            stile = "List Number" if b.numerato else "List Bullet"
            for v in b.voci:
                d.add_paragraph(v, style=stile)
        elif isinstance(b, Tabella):
            _tabella(d, b)
    d.save(str(percorso))


# --- page, styles, title -------------------------------------------------------------------


def _pagina(d: DocumentoWord, doc: Documento) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt, RGBColor

    s = d.sections[0]
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.left_margin = s.right_margin = Mm(MARGINE_MM)
    s.top_margin, s.bottom_margin = Mm(22), Mm(20)
    s.header_distance, s.footer_distance = Mm(10), Mm(10)

    p = s.header.paragraphs[0]
    p.paragraph_format.tab_stops.add_tab_stop(Mm(LARGHEZZA_UTILE_MM), WD_TAB_ALIGNMENT.RIGHT)
    run = p.add_run(doc.intestazione or doc.titolo)
    run.font.size = Pt(7.5)
    run.font.color.rgb = RGBColor(*GRIGIO)
    if doc.bozza:
        p.add_run("\t")
        r = p.add_run("BOZZA")
        r.bold = True
        r.font.size = Pt(9)
        r.font.color.rgb = RGBColor(*ROSSO)
    _bordo_inferiore(p)

    f = s.footer.paragraphs[0]
    f.alignment = 1  # center
    for parte in ("Pagina ", "PAGE", " di ", "NUMPAGES"):
        if parte in ("PAGE", "NUMPAGES"):
            _campo(f, parte)
        else:
            run = f.add_run(parte)
            run.font.size = Pt(8)
            run.font.color.rgb = RGBColor(*GRIGIO)


def _stili(d: DocumentoWord) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    normale = d.styles["Normal"]
    _font(normale, FONT)
    normale.font.size = Pt(CORPO_PT)
    pf = normale.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(6), 1.15
    _lingua(normale)
    misure = {
        "Title": (16, True, BLU),
        "Heading 1": (13, True, BLU),
        "Heading 2": (11.5, True, BLU),
        "Heading 3": (10.5, True, BLU),
        "Heading 4": (10, True, GRIGIO),
    }
    for nome, (pt, grassetto, colore) in misure.items():
        st = d.styles[nome]
        _font(st, FONT)
        st.font.size = Pt(pt)
        st.font.bold = grassetto
        st.font.italic = False
        st.font.color.rgb = RGBColor(*colore)
        st.paragraph_format.space_before = Pt(14 if nome == "Heading 1" else 10)
        st.paragraph_format.space_after = Pt(4)
        st.paragraph_format.keep_with_next = True
    for nome in ("List Bullet", "List Number"):
        _font(d.styles[nome], FONT)
    tabella = d.styles.add_style(STILE_TABELLA, WD_STYLE_TYPE.PARAGRAPH)
    tabella.base_style = normale
    tabella.font.size = Pt(TABELLA_PT)
    tf = tabella.paragraph_format
    tf.space_before, tf.space_after, tf.line_spacing = Pt(1), Pt(1), 1.0
    tf.widow_control = False
    _senza_bordo_titolo(d.styles["Title"])


def _titolo(d: DocumentoWord, doc: Documento) -> None:
    from docx.shared import Pt, RGBColor

    d.add_paragraph(doc.titolo, style="Title")
    if doc.sottotitolo:
        p = d.add_paragraph()
        r = p.add_run(doc.sottotitolo)
        r.font.size = Pt(11)
        r.font.color.rgb = RGBColor(*GRIGIO)
    if doc.bozza:
        p = d.add_paragraph()
        r = p.add_run(
            "BOZZA — documento generato dal fascicolo, da completare e verificare prima "
            "dell'adozione."
        )
        r.bold = True
        r.font.size = Pt(9)
        r.font.color.rgb = RGBColor(*ROSSO)


# --- blocks --------------------------------------------------------------------------------


def _paragrafo(d: DocumentoWord, b: Paragrafo) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    p = d.add_paragraph()
    r = p.add_run(b.testo)
    if b.stile == "evidenza":
        r.bold = True
    elif b.stile == "nota":
        r.italic = True
        r.font.size = Pt(NOTA_PT)
        r.font.color.rgb = RGBColor(*GRIGIO)
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _segnaposto(d: DocumentoWord, b: Segnaposto) -> None:
    from docx.enum.text import WD_COLOR_INDEX

    p = d.add_paragraph()
    r = p.add_run("⚠ " + b.testo)
    r.italic = True
    r.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _tabella(d: DocumentoWord, t: Tabella) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm, Pt, RGBColor

    n = len(t.intestazioni)
    if t.didascalia:
        p = d.add_paragraph()
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.space_before = Pt(4)
        p.paragraph_format.space_after = Pt(3)
        r = p.add_run(t.didascalia)
        r.bold = True
        r.font.size = Pt(9)
    tab = d.add_table(rows=1 + len(t.righe), cols=n)
    tab.style = "Table Grid"
    tab.alignment = WD_TABLE_ALIGNMENT.CENTER
    tab.autofit = False
    _margini_celle(tab)
    larghezze = _larghezze(t)
    for j, w in enumerate(larghezze):
        tab.columns[j].width = Mm(w)
    for riga in tab.rows:
        _non_spezzare(riga)
        for j, cella in enumerate(riga.cells):
            cella.width = Mm(larghezze[j])

    intestazione = tab.rows[0]
    _ripeti_intestazione(intestazione)
    celle_intestazione = intestazione.cells
    for j, testo in enumerate(t.intestazioni):
        c = celle_intestazione[j]
        _testo_cella(c, testo, t.allinea(j), grassetto=True)
        _sfondo(c, SFONDO_INTESTAZIONE)

    for i, r in enumerate(t.righe, start=1):
        _riga(tab.rows[i], r, t, n)
    # A short table stays on one page (every row keeps with the next); a longer one only keeps
    # its first two and last two rows together, so that no row is left alone on a page.
    righe = tab.rows
    if _linee(t, larghezze) <= LINEE_INSIEME:
        legate = righe[:-1]
    else:
        legate = [*righe[:2], *righe[-3:-1]]
    for riga in legate:
        for cella in riga.cells:
            for p in cella.paragraphs:
                p.paragraph_format.keep_with_next = True

    if t.nota:
        p = d.add_paragraph()
        p.paragraph_format.space_before = Pt(3)
        run = p.add_run(t.nota)
        run.italic = True
        run.font.size = Pt(NOTA_PT - 0.5)
        run.font.color.rgb = RGBColor(*GRIGIO)
    else:
        d.add_paragraph().paragraph_format.space_after = Pt(2)


def _riga(row: Any, r: Riga, t: Tabella, n: int) -> None:
    celle = [*r.celle[:n], *[""] * (n - len(r.celle))]
    cells = row.cells  # python-docx rebuilds the whole grid on every access: read it once
    if r.tipo == "gruppo":
        c = cells[0].merge(cells[n - 1]) if n > 1 else cells[0]
        _testo_cella(c, celle[0], "sx", grassetto=True)
        _sfondo(c, SFONDO_GRUPPO)
        return
    if r.tipo == "totale":
        # The label spans the empty cells that follow it, as in a printed table.
        k = 0
        while k + 1 < n and not celle[k + 1].strip():
            k += 1
        if k + 1 == n:  # nothing but the label: keep the grid, do not merge the whole row
            k = 0
        primo = cells[0].merge(cells[k]) if k else cells[0]
        _testo_cella(primo, celle[0], t.allinea(0), grassetto=True)
        _sfondo(primo, SFONDO_TOTALE)
        for j in range(k + 1, n):
            _testo_cella(cells[j], celle[j], t.allinea(j), grassetto=True)
            _sfondo(cells[j], SFONDO_TOTALE)
        return
    for j in range(n):
        _testo_cella(cells[j], celle[j], t.allinea(j))


def _larghezze(t: Tabella) -> list[float]:
    """Column widths in mm, filling the usable width.

    With ``t.larghezze`` the model's proportions are used. Otherwise, as a word processor's
    automatic layout: no column narrower than its longest word (numbers never wrap); the room
    left is shared in proportion to how much more each column would need to fit on one line.
    A label that spans the empty cells of a total row does not widen its column.
    """
    n = len(t.intestazioni)
    if len(t.larghezze) == n and sum(t.larghezze) > 0:
        return [LARGHEZZA_UTILE_MM * w / sum(t.larghezze) for w in t.larghezze]
    colonne: list[list[str]] = [[h] for h in t.intestazioni]
    for r in t.righe:
        if r.tipo == "gruppo":
            continue
        for j, testo in enumerate(r.celle[:n]):
            etichetta_estesa = r.tipo == "totale" and j == 0 and n > 1 and not r.celle[1].strip()
            if not etichetta_estesa:
                colonne[j].append(testo)
    minimi, desiderati = [], []
    for j, testi in enumerate(colonne):
        parola = max((len(w) for x in testi for w in x.split()), default=1)
        riga = max(len(x) for x in testi[1:]) if len(testi) > 1 else len(testi[0]) // 2
        minimi.append(_mm(max(parola, 3)))
        desiderati.append(_mm(max(riga, parola, 3)))
        if t.allinea(j) == "dx":  # numbers: exactly their width, no more
            desiderati[j] = minimi[j] = _mm(max(parola, 3))
    if sum(desiderati) <= LARGHEZZA_UTILE_MM:
        return [LARGHEZZA_UTILE_MM * d / sum(desiderati) for d in desiderati]
    if sum(minimi) >= LARGHEZZA_UTILE_MM:
        return [LARGHEZZA_UTILE_MM * m / sum(minimi) for m in minimi]
    resto = LARGHEZZA_UTILE_MM - sum(minimi)
    bisogno = [d - m for d, m in zip(desiderati, minimi, strict=True)]
    return [m + resto * b / sum(bisogno) for m, b in zip(minimi, bisogno, strict=True)]


def _linee(t: Tabella, larghezze: list[float]) -> int:
    """About how many lines of text the table takes, header included."""
    n = len(t.intestazioni)
    totale = 0
    for celle in [t.intestazioni, *(r.celle for r in t.righe)]:
        totale += max(
            (
                math.ceil(len(x) * CARATTERE_MM / max(larghezze[j] - 2 * MARGINE_CELLA_MM, 1))
                for j, x in enumerate(celle[:n])
            ),
            default=1,
        )
    return totale


def _mm(caratteri: int) -> float:
    """Width of a cell holding ``caratteri`` characters at the table font, with its margins."""
    return caratteri * CARATTERE_MM + 2 * MARGINE_CELLA_MM + 0.8


# --- low-level helpers (python-docx has no API for these) ----------------------------------


def _testo_cella(cella: Any, testo: str, allineamento: str, *, grassetto: bool = False) -> None:
    """The cell's text in the «Tabella» paragraph style (font size and spacing live there)."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cella.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cella.paragraphs[0]
    p._p.style = STILE_TABELLA  # the style id: python-docx would look the name up every time
    if allineamento == "dx":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif allineamento == "centro":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(testo)
    if grassetto:
        r.bold = True


def _sfondo(cella: Any, colore: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cella._tc.get_or_add_tcPr()
    for vecchio in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(vecchio)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colore)
    tc_pr.append(shd)


def _margini_celle(tab: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = tab._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    twip = round(MARGINE_CELLA_MM / 25.4 * 1440)
    for lato, valore in (("top", 15), ("left", twip), ("bottom", 15), ("right", twip)):
        el = OxmlElement(f"w:{lato}")
        el.set(qn("w:w"), str(valore))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tbl_pr.append(mar)


def _ripeti_intestazione(riga: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = riga._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _non_spezzare(riga: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = riga._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _campo(paragrafo: Any, codice: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice compute when showing the page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    for tipo, testo in (("begin", None), (None, f" {codice} "), ("separate", None), (None, "1"),
                        ("end", None)):  # fmt: skip
        run = paragrafo.add_run()
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(*GRIGIO)
        if tipo is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tipo)
            run._r.append(el)
        elif testo.strip() == codice:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = testo
            run._r.append(el)
        else:
            run.text = testo


def _bordo_inferiore(paragrafo: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = paragrafo._p.get_or_add_pPr()
    bordi = OxmlElement("w:pBdr")
    sotto = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "A6A6A6")):
        sotto.set(qn(k), v)
    bordi.append(sotto)
    p_pr.append(bordi)


def _font(stile: Any, nome: str) -> None:
    """Set the font on every script and drop the theme fonts that would override it."""
    from docx.oxml.ns import qn

    stile.font.name = nome
    r_pr = stile.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        return
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attr), nome)


def _lingua(stile: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_pr = stile.element.get_or_add_rPr()
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), "it-IT")


def _senza_bordo_titolo(stile: Any) -> None:
    from docx.oxml.ns import qn

    p_pr = stile.element.pPr
    if p_pr is not None:
        for b in p_pr.findall(qn("w:pBdr")):
            p_pr.remove(b)
