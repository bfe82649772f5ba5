"""Benchmark: the cessation projection over a roster of 2.000 people with 10.000 simulations.

The roster is generated with a fixed seed from the synthetic case ``sintetico-personale`` (same
ente, 2.000 people of every area and age). Measured in one process, after a warm-up, so that
imports and table loading are not counted: the pension rules for every person, the cost of every
cessation and person, the rates, the simulation and its quantiles. Run with `make bench`.
Figures go in the README; this is not a test.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "fixtures" / "sintetico-personale"
PERSONE = 2_000
SIMULAZIONI = 10_000

AREE = [
    ("Funzionari ed EQ", "Specialista in attività amministrative"),
    ("Istruttori", "Istruttore amministrativo"),
    ("Istruttori", "Agente di Polizia Locale"),
    ("Operatori esperti", "Collaboratore tecnico"),
    ("Operatori", "Operatore"),
]


def roster(n: int, seme: int = 1) -> list:
    from fabbisogni.caso.fascicolo import Dipendente

    rnd = random.Random(seme)
    persone = []
    for i in range(n):
        area, profilo = AREE[i % len(AREE)]
        nascita = date(rnd.randint(1958, 1999), rnd.randint(1, 12), rnd.randint(1, 28))
        inizio = max(nascita.year + 22, 1985) + rnd.randint(0, 8)
        contributi = max(0, min(2025 - inizio + rnd.randint(0, 4), 2025 - nascita.year - 18))
        persone.append(
            Dipendente(
                id=f"D{i:04d}",
                area=area,
                profilo=profilo,
                fte=Decimal("0.5") if i % 17 == 0 else Decimal(1),
                sesso="F" if i % 2 else "M",
                data_nascita=nascita,
                contributi_anni=contributi,
                contributi_al=date(2025, 12, 31),
                trattenimento=i % 97 == 0,
            )
        )
    return persone


def main() -> None:
    from fabbisogni.caso.lettura import leggi_fascicolo
    from fabbisogni.parametri import Parametri
    from fabbisogni.personale.proiezione import proietta

    base = leggi_fascicolo(CASE)
    f = base.model_copy(update={"personale": roster(PERSONE), "piano_assunzioni": []})
    parametri = Parametri.predefiniti(f.parametri)
    proietta(f, parametri, simulazioni=SIMULAZIONI)  # warm-up
    tempi = []
    for _ in range(7):
        t0 = time.perf_counter()
        p = proietta(f, parametri, simulazioni=SIMULAZIONI)
        tempi.append(time.perf_counter() - t0)
    senza = []
    for _ in range(7):
        t0 = time.perf_counter()
        proietta(f, parametri, simula=False)
        senza.append(time.perf_counter() - t0)
    print(
        f"proiezione delle cessazioni, {PERSONE} persone × {SIMULAZIONI} simulazioni: "
        f"mediana {statistics.median(tempi):.3f} s, minimo {min(tempi):.3f} s "
        f"(di cui pensioni e costi senza simulazione: mediana {statistics.median(senza):.3f} s); "
        f"{len(p.cessazioni)} cessazioni certe nel periodo"
    )


if __name__ == "__main__":
    main()
