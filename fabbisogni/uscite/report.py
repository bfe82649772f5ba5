"""Which documents ``fabbisogni report`` writes, under which standard names, with which renderer.

Builders and renderers are imported only for the documents asked for, so that a request for
the Markdown alone never loads python-docx or xlsxwriter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fabbisogni.uscite.scrittura import Uscita, slug

if TYPE_CHECKING:
    from fabbisogni.caso.fascicolo import Fascicolo
    from fabbisogni.risultato import Risultato
    from fabbisogni.uscite.documenti.modello import Documento

OPZIONI = ("--xlsx", "--docx", "--md", "--parere-docx", "--parere-md")


def nomi_standard(f: Fascicolo) -> dict[str, str]:
    """Names for ``--out``, e.g. ``casorate-primo-2024-2026-piao-3.3.docx``."""
    from fabbisogni.motore import nome_scenario

    base = f"{slug(f.ente.nome)}-{f.primo_anno}-{f.primo_anno + 2}"
    scenario = nome_scenario(f)
    if scenario:
        # a scenario's documents never take the names of the base's
        base += f"-scenario-{slug(scenario)}"
    return {
        "--xlsx": f"{base}-verifica.xlsx",
        "--docx": f"{base}-piao-3.3.docx",
        "--md": f"{base}-piao-3.3.md",
        "--parere-docx": f"{base}-parere-revisore.docx",
        "--parere-md": f"{base}-parere-revisore.md",
    }


def uscite_richieste(
    f: Fascicolo, risultato: Risultato, richieste: dict[str, Path | None]
) -> list[Uscita]:
    """One :class:`Uscita` per requested document, in the order of :data:`OPZIONI`."""
    documenti: dict[str, Documento] = {}

    def documento(nome: str) -> Documento:
        if nome not in documenti:
            if nome == "piao":
                from fabbisogni.uscite.documenti.piao import piao_33

                documenti[nome] = piao_33(f, risultato)
            else:
                from fabbisogni.uscite.documenti.parere import parere

                documenti[nome] = parere(f, risultato)
        return documenti[nome]

    def come_docx(nome: str) -> Callable[[Path], None]:
        def scrivi(p: Path) -> None:
            from fabbisogni.uscite.docx import scrivi_docx

            scrivi_docx(documento(nome), p)

        return scrivi

    def come_md(nome: str) -> Callable[[Path], None]:
        def scrivi(p: Path) -> None:
            from fabbisogni.uscite.markdown import markdown

            p.write_text(markdown(documento(nome)), encoding="utf-8")

        return scrivi

    def come_xlsx(p: Path) -> None:
        from fabbisogni.uscite.xlsx import scrivi_xlsx

        scrivi_xlsx(f, risultato, p)

    scrittori: dict[str, Callable[[Path], None]] = {
        "--xlsx": come_xlsx,
        "--docx": come_docx("piao"),
        "--md": come_md("piao"),
        "--parere-docx": come_docx("parere"),
        "--parere-md": come_md("parere"),
    }
    return [
        Uscita(opzione, percorso, scrittori[opzione])
        for opzione in OPZIONI
        if (percorso := richieste.get(opzione)) is not None
    ]
