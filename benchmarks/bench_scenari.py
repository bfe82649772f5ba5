"""Benchmark: applying a scenario to its base and verifying the result, 1.000 times in one
process. The base and the scenario are read once; what is timed is what an optimiser or a
comparison of many scenarios repeats: :func:`fabbisogni.caso.scenari.applica` and the engine.

Run with `.venv/bin/python benchmarks/bench_scenari.py`. Not a test.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARI = ROOT / "fixtures" / "scenari"


def misura(file_scenario: Path, n: int = 1000, ripetizioni: int = 5) -> dict[str, float]:
    from fabbisogni.caso.lettura import leggi_fascicolo
    from fabbisogni.caso.scenari import applica, leggi_scenario
    from fabbisogni.motore import verifica

    letto = leggi_scenario(file_scenario)
    base = leggi_fascicolo(letto.percorso_base)
    verifica(applica(letto, base))  # warm the table cache

    def tempo(fn) -> float:
        tempi = []
        for _ in range(ripetizioni):
            t0 = time.perf_counter()
            for _ in range(n):
                fn()
            tempi.append(time.perf_counter() - t0)
        return statistics.median(tempi)

    return {
        "applica": tempo(lambda: applica(letto, base)),
        "applica+verifica": tempo(lambda: verifica(applica(letto, base))),
        "applica+verifica senza rilievi": tempo(
            lambda: verifica(applica(letto, base), rilievi=False)
        ),
        "applica+verifica senza rilievi né traccia (come nel confronto e nel solutore)": tempo(
            lambda: verifica(applica(letto, base), rilievi=False, traccia=False)
        ),
        "verifica della base": tempo(lambda: verifica(base)),
    }


def main() -> None:
    n = 1000
    for nome in ("casorate-rinvio-assunzione.yaml", "casorate-piu-entrate.yaml"):
        tempi = misura(SCENARI / nome, n)
        parti = ", ".join(f"{k} {v:.3f} s ({v / n * 1000:.3f} ms l'una)" for k, v in tempi.items())
        print(f"{nome}, {n} volte (mediana di 5): {parti}")


if __name__ == "__main__":
    main()
