"""What ``fabbisogni modello`` and ``fabbisogni converti`` write, checked before writing.

Both go through :mod:`fabbisogni.uscite.scrittura`: never over an input of the case, never over an
existing file without ``--force``, every file written whole to a temporary file and then moved.
A folder is written only if it is new or empty (or with ``--force``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fabbisogni.caso.lettura import ESTENSIONI_EXCEL, file_di_input, leggi_fascicolo
from fabbisogni.uscite.scrittura import ErroreUscita, Uscita, controlla, scrivi_tutte


def modello(destinazione: Path, da: Path | None = None, *, force: bool = False) -> list[Path]:
    """Write the template to ``destinazione``; with ``da``, filled with that case."""
    from fabbisogni.caso.excel.scrittura import scrivi_modello

    f = leggi_fascicolo(da) if da is not None else None
    uscita = Uscita(
        "xlsx",
        destinazione,
        lambda p: scrivi_modello(f, p, da=str(da) if da is not None else None),
    )
    controlla([uscita], file_di_input(da) if da is not None else [], force=force)
    return scrivi_tutte([uscita], force=force)


def converti(sorgente: Path, destinazione: Path, *, force: bool = False) -> list[Path]:
    """A folder (or ``fascicolo.yaml``) → a workbook, or a workbook → a folder."""
    da_excel = sorgente.suffix.lower() in ESTENSIONI_EXCEL and not sorgente.is_dir()
    if da_excel:
        if destinazione.suffix.lower() in (*ESTENSIONI_EXCEL, ".yaml", ".yml", ".csv"):
            raise ErroreUscita(
                f"{destinazione}: da un file .xlsx si converte in una cartella (nuova o vuota), "
                "non in un file"
            )
        if destinazione.exists() and not destinazione.is_dir():
            raise ErroreUscita(f"{destinazione}: esiste ed è un file, non una cartella")
    elif destinazione.suffix.lower() != ".xlsx":
        raise ErroreUscita(
            f"{destinazione}: da una cartella si converte in un file .xlsx (per esempio "
            "Caso.xlsx); da un .xlsx in una cartella"
        )
    if not da_excel:
        return modello(destinazione, sorgente, force=force)
    return _cartella(sorgente, destinazione, force=force)


def _cartella(sorgente: Path, destinazione: Path, *, force: bool) -> list[Path]:
    from fabbisogni.caso.excel.cartella import CSV, file_cartella

    f = leggi_fascicolo(sorgente)
    esiste = destinazione.is_dir()
    if esiste and any(destinazione.iterdir()) and not force:
        raise ErroreUscita(
            f"la cartella {destinazione} non è vuota: usare --force per scriverci (i file del "
            "fascicolo già presenti vengono sostituiti)"
        )
    # With --force, a CSV already there is replaced even when the case has no rows for it:
    # left as it was, it would be read back with the new fascicolo.yaml.
    presenti = {nome for _, nome, _ in CSV if esiste and (destinazione / nome).exists()}
    uscite = [
        Uscita(nome.rsplit(".", 1)[-1], destinazione / nome, _scrittore(testo))
        for nome, testo in file_cartella(f, da=sorgente.name, anche_vuoti=presenti).items()
    ]
    controlla(uscite, file_di_input(sorgente), force=force, nuove_cartelle={destinazione})
    destinazione.mkdir(exist_ok=True)
    return scrivi_tutte(uscite, force=force)


def _scrittore(testo: str) -> Callable[[Path], None]:
    def scrivi(p: Path) -> None:
        p.write_bytes(testo.encode("utf-8"))

    return scrivi
