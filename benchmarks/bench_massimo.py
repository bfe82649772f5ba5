"""Benchmark: one `massimo` and one `margini` on Casorate Primo, in one process.

Both are searches over the engine (each step one `verifica` of a copy of the case); the figures
say how long one answer takes and how many engine runs it needed. Not a test.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "fixtures" / "casorate-primo-2024"


def misura(funzione: Callable[[], object], n: int) -> list[float]:
    tempi = []
    for _ in range(n):
        t0 = time.perf_counter()
        funzione()
        tempi.append(time.perf_counter() - t0)
    return tempi


def main() -> None:
    from fabbisogni.analisi.massimo import margini, massimo
    from fabbisogni.caso.lettura import leggi_fascicolo
    from fabbisogni.motore import verifica

    f = leggi_fascicolo(CASE)
    verifica(f)  # warm the table cache

    def uno() -> None:
        massimo(f, "Istruttore amministrativo", 2024)

    e = massimo(f, "Istruttore amministrativo", 2024)
    tempi = misura(uno, 20)
    print(
        f"massimo (Istruttore amministrativo, 2024 → {e.assunzioni}; {e.verifiche} verifiche), "
        f"{len(tempi)} esecuzioni: mediana {statistics.median(tempi) * 1000:.1f} ms, "
        f"minimo {min(tempi) * 1000:.1f} ms"
    )

    e = massimo(f, "Istruttore amministrativo", 2024, fte="0,5")
    tempi = misura(lambda: massimo(f, "Istruttore amministrativo", 2024, fte="0,5"), 20)
    print(
        f"massimo part-time 50% (→ {e.assunzioni}; {e.verifiche} verifiche), {len(tempi)} "
        f"esecuzioni: mediana {statistics.median(tempi) * 1000:.1f} ms, "
        f"minimo {min(tempi) * 1000:.1f} ms"
    )

    tempi = misura(lambda: margini(f), 10)
    print(
        f"margini (3 anni × 3 limiti, calo delle entrate al centesimo), {len(tempi)} esecuzioni: "
        f"mediana {statistics.median(tempi) * 1000:.1f} ms, minimo {min(tempi) * 1000:.1f} ms"
    )

    n = 200
    t0 = time.perf_counter()
    for _ in range(n):
        verifica(f)
    print(f"per confronto, una verifica: {(time.perf_counter() - t0) / n * 1000:.2f} ms")


if __name__ == "__main__":
    main()
