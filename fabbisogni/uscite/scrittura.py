"""Writing output files safely: never over an input, never half-written, never over an existing
file unless asked.

Every output is first written to a temporary file in its own folder; only when all of them are
complete are they moved into place (``os.link`` when overwriting is not allowed, so a file that
appeared meanwhile is not clobbered; ``os.replace`` with ``--force``).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from fabbisogni.errors import ErroreFabbisogni


class ErroreUscita(ErroreFabbisogni):
    """An output that cannot be written as asked."""


@dataclass(frozen=True)
class Uscita:
    """One output: where it goes and how to write it to a given (temporary) path."""

    opzione: str
    percorso: Path
    scrivi: Callable[[Path], None]


ESTENSIONI = {".xlsx", ".docx", ".md"}


def slug(testo: str) -> str:
    """``Comune di Casorate Primo`` → ``casorate-primo``: ASCII, lower case, dashes."""
    testo = re.sub(r"^\s*comune\s+di\s+", "", testo, flags=re.IGNORECASE)
    ascii_ = unicodedata.normalize("NFKD", testo).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "ente"


def _stesso_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def controlla(
    uscite: list[Uscita],
    ingressi: Iterable[Path],
    *,
    force: bool,
    nuove_cartelle: set[Path] | frozenset[Path] = frozenset(),
) -> None:
    """Refuse, before anything is written, every output that cannot be written safely.

    ``nuove_cartelle`` are folders the caller will create (``--out``): a missing one is not an
    error, but its own parent must exist.
    """
    problemi: list[str] = []
    ingressi = [p for p in ingressi if p.exists()]
    visti: dict[Path, str] = {}
    for u in uscite:
        p = u.percorso
        dove = f"{u.opzione} {p}"
        estensione = "." + u.opzione.rsplit("-", 1)[-1]
        if p.suffix.lower() != estensione:
            problemi.append(f"{dove}: il file deve avere estensione {estensione}")
        assoluto = p.resolve()
        if assoluto in visti:
            problemi.append(f"{dove}: stesso file già indicato per {visti[assoluto]}")
        visti[assoluto] = u.opzione
        if any(assoluto == i.resolve() or _stesso_file(p, i) for i in ingressi):
            problemi.append(f"{dove}: è un file di input del fascicolo, non viene mai sovrascritto")
            continue
        if p.is_dir():
            problemi.append(f"{dove}: è una cartella, serve il nome di un file")
        elif p.exists() and not force:
            problemi.append(f"{dove}: il file esiste già (usare --force per sovrascriverlo)")
        cartella = p.parent
        if cartella in nuove_cartelle:
            cartella = cartella.parent
        if not cartella.is_dir():
            problemi.append(f"{dove}: la cartella {cartella} non esiste")
    if problemi:
        raise ErroreUscita("\n".join(problemi))


def scrivi_tutte(uscite: list[Uscita], *, force: bool) -> list[Path]:
    """Write every output to a temporary file, then move them all into place."""
    temporanei: list[tuple[Path, Uscita]] = []
    try:
        for u in uscite:
            tmp = u.percorso.with_name(f".{u.percorso.name}.{os.getpid()}.tmp")
            temporanei.append((tmp, u))
            u.scrivi(tmp)
        for tmp, u in temporanei:
            if force:
                os.replace(tmp, u.percorso)
            else:
                _sposta_senza_sovrascrivere(tmp, u)
    except OSError as exc:
        raise ErroreUscita(f"scrittura non riuscita: {exc}") from None
    finally:
        for tmp, _ in temporanei:
            tmp.unlink(missing_ok=True)
    return [u.percorso for u in uscite]


def _sposta_senza_sovrascrivere(tmp: Path, u: Uscita) -> None:
    comparso = ErroreUscita(
        f"{u.opzione} {u.percorso}: il file è comparso durante la scrittura; non è stato "
        "sovrascritto"
    )
    try:
        os.link(tmp, u.percorso)  # atomic, and fails if the name exists
    except FileExistsError:
        raise comparso from None
    except OSError:  # file system without hard links
        if u.percorso.exists():
            raise comparso from None
        os.replace(tmp, u.percorso)
        return
    tmp.unlink()
