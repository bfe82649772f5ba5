"""One document model, rendered as DOCX and as Markdown.

Text is already formatted in Italian (numbers, dates, percentages) when it enters the model:
renderers only lay it out. A part the ente must write and the case does not give is a
:class:`Segnaposto`, never invented prose.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Allineamento = Literal["sx", "dx", "centro"]


class Titolo(BaseModel):
    tipo: Literal["titolo"] = "titolo"
    livello: int = Field(ge=1, le=4)
    testo: str


class Paragrafo(BaseModel):
    """A paragraph. ``stile`` ``nota`` is small print (sources, caveats); ``evidenza`` is bold."""

    tipo: Literal["paragrafo"] = "paragrafo"
    testo: str
    stile: Literal["normale", "nota", "evidenza"] = "normale"


class Segnaposto(BaseModel):
    """A part the ente (or the revisore) must write: rendered visibly as such."""

    tipo: Literal["segnaposto"] = "segnaposto"
    testo: str


class Elenco(BaseModel):
    tipo: Literal["elenco"] = "elenco"
    voci: list[str]
    numerato: bool = False


class Riga(BaseModel):
    """``gruppo`` is a heading row (one cell spanning the table); ``totale`` is shown in bold."""

    celle: list[str]
    tipo: Literal["dati", "gruppo", "totale"] = "dati"


class Tabella(BaseModel):
    tipo: Literal["tabella"] = "tabella"
    intestazioni: list[str]
    righe: list[Riga]
    allineamento: list[Allineamento] = []
    didascalia: str | None = None
    nota: str | None = None
    larghezze: list[float] = Field(
        default=[],
        description="Larghezze relative delle colonne (vuoto: le sceglie il renderer dal testo)",
    )

    def allinea(self, colonna: int) -> Allineamento:
        return self.allineamento[colonna] if colonna < len(self.allineamento) else "sx"


Blocco = Titolo | Paragrafo | Segnaposto | Elenco | Tabella


class Documento(BaseModel):
    titolo: str
    sottotitolo: str | None = None
    intestazione: str | None = Field(default=None, description="Ente, in testa a ogni pagina")
    bozza: bool = Field(default=False, description="Documento in bozza: marcato come tale")
    blocchi: list[Blocco] = []

    def aggiungi(self, *blocchi: Blocco) -> None:
        self.blocchi.extend(blocchi)


def avviso_scenario(nome: str | None, descrizione: str | None = None) -> list[Blocco]:
    """The note that opens every document of a scenario, so it cannot pass for the plan; with
    the scenario's ``descrizione:`` when it has one."""
    if not nome:
        return []
    testo = f"SCENARIO DI STUDIO «{nome}»"
    if descrizione and descrizione.strip():
        testo += f" ({descrizione.strip().rstrip('.')})"
    return [
        Paragrafo(
            stile="nota",
            testo=(
                f"{testo}: le cifre sono quelle del fascicolo dell'ente con le modifiche dello "
                "scenario, non del piano adottato."
            ),
        )
    ]
