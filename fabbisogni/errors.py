"""Errors the user can act on. Messages are Italian; they name file, row, field and problem."""

from __future__ import annotations


class ErroreFabbisogni(Exception):
    """Base class: any error the CLI reports with exit status 2."""


class ErroreInput(ErroreFabbisogni):
    """Bad input in a case: where it is and what is wrong."""

    def __init__(
        self,
        messaggio: str,
        *,
        file: str | None = None,
        riga: int | None = None,
        campo: str | None = None,
    ) -> None:
        self.messaggio = messaggio
        self.file = file
        self.riga = riga
        self.campo = campo
        super().__init__(self.testo())

    def testo(self) -> str:
        parti = []
        if self.file:
            parti.append(f"file {self.file}")
        if self.riga is not None:
            parti.append(f"riga {self.riga}")
        if self.campo:
            parti.append(f"campo «{self.campo}»")
        dove = ", ".join(parti)
        return f"{dove}: {self.messaggio}" if dove else self.messaggio


class ErroriInput(ErroreFabbisogni):
    """Several input errors found in one pass, reported together."""

    def __init__(self, errori: list[ErroreInput]) -> None:
        self.errori = errori
        super().__init__("\n".join(e.testo() for e in errori))


class ErroreParametro(ErroreFabbisogni):
    """A legal parameter looked up outside every window, or a malformed table."""
