"""Benchmark: `fabbisogni verifica` as a whole process, the engine alone in one process, and
`fabbisogni report --out` (all five documents) as a whole process.

Run with `make bench`. Figures go in the README; this is not a test.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "fixtures" / "casorate-primo-2024"
EXE = Path(sys.executable).parent / "fabbisogni"


def processo(n: int = 15) -> list[float]:
    tempi = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(
            [str(EXE), "verifica", str(CASE), "--json"], capture_output=True, check=False
        )
        tempi.append(time.perf_counter() - t0)
    return tempi


def motore(n: int = 1000) -> float:
    from fabbisogni.caso.lettura import leggi_fascicolo
    from fabbisogni.motore import verifica

    fascicolo = leggi_fascicolo(CASE)
    verifica(fascicolo)  # warm the table cache
    t0 = time.perf_counter()
    for _ in range(n):
        verifica(fascicolo)
    return time.perf_counter() - t0


def documenti(n: int = 5) -> list[float]:
    tempi = []
    for _ in range(n):
        with tempfile.TemporaryDirectory() as cartella:
            t0 = time.perf_counter()
            subprocess.run(
                [str(EXE), "report", str(CASE), "--out", str(Path(cartella) / "out")],
                capture_output=True,
                check=True,
            )
            tempi.append(time.perf_counter() - t0)
    return tempi


def main() -> None:
    tempi = processo()
    print(
        f"verifica (processo intero, --json), {len(tempi)} esecuzioni: mediana {statistics.median(tempi):.3f} s, "
        f"minimo {min(tempi):.3f} s"
    )
    n = 1000
    totale = motore(n)
    print(
        f"motore in un processo: {n} verifiche in {totale:.2f} s ({totale / n * 1000:.2f} ms l'una)"
    )
    tempi = documenti()
    print(
        f"report --out (xlsx, 2 docx, 2 md; processo intero), {len(tempi)} esecuzioni: "
        f"mediana {statistics.median(tempi):.3f} s, minimo {min(tempi):.3f} s"
    )


if __name__ == "__main__":
    main()
