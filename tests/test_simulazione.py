"""The simulation of other exits: limits that are certain, and ranges checked against the
binomial and geometric distributions computed by hand in each test."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np

from fabbisogni.personale.simulazione import simula

ANNI3 = [2027, 2028, 2029]


def _arr(n: int, valore: float) -> np.ndarray:
    return np.full(n, valore)


def test_tasso_zero_lascia_solo_le_cessazioni_certe():
    # 3 people: one certain in 2027 (month 4), one in 2029 (month 1), one staying.
    costi = np.array([120_000.0, 240_000.0, 360_000.0])  # 1.200, 2.400, 3.600 euro
    r = simula(costi, _arr(3, 0.0), np.array([0, 2, 3]), np.array([4, 1, 1]), ANNI3, 500, 1)
    a27, a28, a29 = r.anni
    for a, n in ((a27, 1), (a28, 0), (a29, 1)):
        assert a.cessazioni.p10 == a.cessazioni.mediana == a.cessazioni.p90 == n
        assert a.altre_uscite.p90 == 0
    assert a27.risparmio_regime.mediana == Decimal("1200.00")
    # 2027: 1.200 × (13 − 4)/12 = 900; 2028: the whole 1.200; 2029: 1.200 + 2.400 × 12/12.
    assert a27.risparmio_competenza.mediana == Decimal("900.00")
    assert a28.risparmio_competenza.mediana == Decimal("1200.00")
    assert a29.risparmio_competenza.mediana == Decimal("3600.00")


def test_tasso_uno_fa_uscire_tutti_nel_primo_anno_salvo_le_cessazioni_certe_di_quell_anno():
    costi = _arr(4, 100_000.0)
    certo = np.array([0, 1, 3, 3])  # the first leaves for certain in 2027, the second in 2028
    r = simula(costi, _arr(4, 1.0), certo, np.array([6, 6, 1, 1]), ANNI3, 200, 3)
    a27, a28, a29 = r.anni
    assert a27.cessazioni.p10 == a27.cessazioni.p90 == 4  # everyone leaves in 2027
    assert a27.altre_uscite.mediana == 3  # the certain one of 2027 stays certain
    assert a28.cessazioni.p90 == 0 and a29.cessazioni.p90 == 0


def test_stesso_seme_stesso_risultato_seme_diverso_risultato_diverso():
    rng = np.random.default_rng(0)
    costi = rng.integers(2_000_000, 4_000_000, 300).astype(float)
    args = (costi, _arr(300, 0.05), _arr(300, 3).astype(int), np.ones(300, int), ANNI3, 2000)
    assert simula(*args, 42) == simula(*args, 42)
    assert simula(*args, 42) != simula(*args, 43)


def test_binomiale_in_un_anno():
    # 1.000 people, rate 10%: exits ~ Binomial(1000, 0.1), mean 100, sd = √90 ≈ 9,49.
    # Normal approximation: P10 ≈ 100 − 1,2816 × 9,49 ≈ 87,8; P90 ≈ 112,2.
    n, p = 1000, 0.1
    r = simula(_arr(n, 100.0), _arr(n, p), np.ones(n, int), np.ones(n, int), [2027], 10_000, 5)
    q = r.anni[0].cessazioni
    sd = math.sqrt(n * p * (1 - p))
    assert abs(int(q.mediana) - 100) <= 1
    assert abs(int(q.p10) - (100 - 1.2816 * sd)) <= 2
    assert abs(int(q.p90) - (100 + 1.2816 * sd)) <= 2
    # Each exit saves 1 euro a regime: the saving is the count.
    assert r.anni[0].risparmio_regime.mediana == q.mediana


def test_geometrica_su_tre_anni():
    # Rate 20%: of 1.000 people, 200 leave in the first year, 160 in the second, 128 in the third.
    n = 1000
    r = simula(_arr(n, 100.0), _arr(n, 0.2), np.full(n, 3), np.ones(n, int), ANNI3, 4000, 9)
    for a, atteso in zip(r.anni, (200, 160, 128), strict=True):
        assert abs(int(a.altre_uscite.mediana) - atteso) <= 2


def test_mese_uniforme_nel_risparmio_di_competenza():
    # Rate 1: all 1.200 people leave in year one, in a month uniform over the year; the saving of
    # the year is cost × (13 − M)/12 with E[13 − M] = 6,5: 1.200 × 12 € × 6,5/12 = 7.800 €.
    n = 1200
    r = simula(_arr(n, 1200.0), _arr(n, 1.0), np.ones(n, int), np.ones(n, int), [2027], 2000, 11)
    mediana = r.anni[0].risparmio_competenza.mediana
    # One simulation's sum has sd 3,45 € × √1.200 ≈ 120 € (M uniform: var 143/12); the median of
    # 2.000 simulations is far tighter than the 150 € allowed.
    assert abs(mediana - Decimal(7800)) <= Decimal(150)


def test_uscita_prima_di_una_cessazione_certa_la_anticipa():
    # One person certain to leave in 2029; rate 1 → leaves in 2027 instead, never counted twice.
    r = simula(np.array([120_000.0]), np.array([1.0]), np.array([2]), np.array([7]), ANNI3, 100, 2)
    a27, a28, a29 = r.anni
    assert (a27.cessazioni.mediana, a28.cessazioni.mediana, a29.cessazioni.mediana) == (1, 0, 0)
    # The saving of 2029 is then the whole year, not the months after July.
    assert a29.risparmio_competenza.mediana == Decimal("1200.00")
