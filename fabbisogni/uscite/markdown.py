"""A :class:`~fabbisogni.uscite.documenti.modello.Documento` as GitHub-flavoured Markdown.

Tables are GitHub tables with the column alignment of the model; totals are bold; a heading row
(``gruppo``) is a bold first cell; a placeholder is a ``> ⚠`` quote, so that it cannot be taken
for the ente's text. Pipes in cell text are escaped, and so are the characters that Markdown would
read as emphasis or code.
"""

from __future__ import annotations

import re

from fabbisogni.uscite.documenti.modello import (
    Blocco,
    Documento,
    Elenco,
    Paragrafo,
    Riga,
    Segnaposto,
    Tabella,
    Titolo,
)

_SPECIALI = re.compile(r"([\\`*_<])")
_INIZIO_BLOCCO = re.compile(r"^(\s*)([#>+-]|\d+[.)])(\s)")


def escape(testo: str) -> str:
    """Inline text: backslash before ``\\ ` * _ <``; a leading list/heading/quote mark escaped."""
    t = _SPECIALI.sub(r"\\\1", testo)
    return _INIZIO_BLOCCO.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", t)


def _cella(testo: str) -> str:
    t = _SPECIALI.sub(r"\\\1", testo.strip())
    return t.replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


_SEPARATORE = {"sx": ":---", "dx": "---:", "centro": ":---:"}


def _tabella(t: Tabella) -> list[str]:
    n = len(t.intestazioni)
    righe: list[str] = []
    if t.didascalia:
        righe += [f"**{escape(t.didascalia)}**", ""]
    righe.append("| " + " | ".join(_cella(h) for h in t.intestazioni) + " |")
    righe.append("|" + "|".join(_SEPARATORE[t.allinea(j)] for j in range(n)) + "|")
    for r in t.righe:
        righe.append("| " + " | ".join(_celle(r, n)) + " |")
    if t.nota:
        righe += ["", f"*{escape(t.nota)}*"]
    return righe


def _celle(r: Riga, n: int) -> list[str]:
    celle = [_cella(c) for c in r.celle][:n]
    celle += [""] * (n - len(celle))
    if r.tipo == "gruppo":
        return [f"**{celle[0]}**" if celle[0] else "", *[""] * (n - 1)]
    if r.tipo == "totale":
        return [f"**{c}**" if c else "" for c in celle]
    return celle


def _blocco(b: Blocco) -> list[str]:
    if isinstance(b, Titolo):
        return ["#" * (b.livello + 1) + " " + escape(b.testo)]
    if isinstance(b, Paragrafo):
        testo = escape(b.testo)
        if b.stile == "evidenza":
            return [f"**{testo}**"]
        if b.stile == "nota":
            return [f"*{testo}*"]
        return [testo]
    if isinstance(b, Segnaposto):
        return [f"> ⚠ {escape(b.testo)}"]
    if isinstance(b, Elenco):
        return [
            (f"{i}. " if b.numerato else "- ") + escape(v) for i, v in enumerate(b.voci, start=1)
        ]
    return _tabella(b)


def markdown(doc: Documento) -> str:
    """The whole document as Markdown (UTF-8 text, one trailing newline)."""
    parti: list[list[str]] = []
    if doc.intestazione:
        parti.append([f"*{escape(doc.intestazione)}*"])
    if doc.bozza:
        parti.append(
            ["> **BOZZA** — documento generato dal fascicolo, da completare e verificare prima "
             "dell'adozione."]
        )  # fmt: skip
    parti.append([f"# {escape(doc.titolo)}"])
    if doc.sottotitolo:
        parti.append([f"**{escape(doc.sottotitolo)}**"])
    parti += [_blocco(b) for b in doc.blocchi]
    return "\n\n".join("\n".join(p) for p in parti) + "\n"
