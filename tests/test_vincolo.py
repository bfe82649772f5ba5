"""The binding limit for a tempo indeterminato hire (rules/vincolo.py) and how margins are
reported (numeri.margine).

k comes from the CCNL cost tables: contributi CPDEL 23,80% + TFS 2,88% (INAIL not in the
table: 0) = 26,68%, IRAP 8,50%; k = (1 + 0,2668 + 0,085) ÷ (1 + 0,2668) = 1,3518 ÷ 1,2668 =
1,0670982… → 1,067098 to six decimals.
"""

from __future__ import annotations

from decimal import Decimal

from fabbisogni.caso.lettura import leggi_fascicolo
from fabbisogni.limiti.vincolo import vincolo_anno
from fabbisogni.motore import verifica
from fabbisogni.numeri import margine
from fabbisogni.parametri import Parametri

D = Decimal
P = Parametri.predefiniti()
K = D("1.067098")


def test_fattore_dalle_tabelle_ccnl() -> None:
    _, _, k, passo = vincolo_anno(2025, D(1000), True, D(1000), True, "557", P)
    assert k == K
    assert passo.parametri  # the CCNL rates, with their sources
    assert {u.nome for u in passo.parametri} == {"ccnl_fl.oneri_ente", "ccnl_fl.irap"}


def test_pari_merito_al_dm_un_centesimo_meno_al_557() -> None:
    # 100.000 × 1,067098 = 106.709,80: a 557 margin of 106.709,80 is worth exactly the D.M.
    # margin of 100.000 for a hire from 1 January; the tie goes to the D.M.
    vincolo, nota, _, _ = vincolo_anno(2025, D(100_000), True, D("106709.80"), True, "557", P)
    assert vincolo == "dm"
    assert "100.000,00" in nota
    vincolo, nota, _, _ = vincolo_anno(2025, D(100_000), True, D("106709.79"), True, "557", P)
    assert vincolo == "557"
    # 106.709,79 ÷ 1,067098 = 99.999,9906… → 99.999,99
    assert "99.999,99" in nota


def test_un_margine_557_maggiore_puo_vincolare() -> None:
    # the 557 margin is larger in euro (105.000 > 100.000) but buys less: 105.000 ÷ k = 98.397,71
    vincolo, _, _, _ = vincolo_anno(2025, D(100_000), True, D(105_000), True, "557", P)
    assert vincolo == "557"


def test_limite_non_verificabile_lascia_il_vincolo_aperto() -> None:
    vincolo, nota, k, passo = vincolo_anno(2025, D(10_000), True, None, None, "557-quater", P)
    assert vincolo is None and k is None
    assert nota.startswith("non determinabile: comma 557-quater non verificabile nel 2025")
    assert passo.valore == "non determinabile"
    vincolo, nota, _, _ = vincolo_anno(2025, None, None, D(10_000), True, "562", P)
    assert vincolo is None
    assert "D.M. 17/03/2020 non verificabile" in nota


def test_un_limite_superato_vincola_anche_se_l_altro_non_e_verificabile() -> None:
    vincolo, nota, _, _ = vincolo_anno(2025, D(-500), False, None, None, "557", P)
    assert vincolo == "dm"
    assert "superato" in nota
    vincolo, _, _, _ = vincolo_anno(2025, None, None, D(-1), False, "562", P)
    assert vincolo == "557"


def test_entrambi_superati_vince_il_piu_lontano() -> None:
    # −1.000 on the D.M. against −1.100 ÷ k = −1.030,83 on the 557
    vincolo, _, _, _ = vincolo_anno(2025, D(-1000), False, D(-1100), False, "557", P)
    assert vincolo == "557"
    vincolo, _, _, _ = vincolo_anno(2025, D(-1000), False, D(-1060), False, "557", P)
    assert vincolo == "dm"  # −1.060 ÷ k = −993,35


def test_casorate_2024_vincola_il_557_non_il_flessibile() -> None:
    # D.M. margin 82.687,43; comma 557 margin 44.715,00 ÷ 1,067098 = 41.903,37; the flexible
    # margin 0,00 concerns flexible contracts only and no longer reads as the binding limit.
    r = verifica(leggi_fascicolo("fixtures/casorate-primo-2024"))
    a = {x.anno: x for x in r.anni}
    assert a[2024].margine_flessibile == D("0.00")
    assert a[2024].vincolo == "557"
    assert "41.903,37" in a[2024].vincolo_nota
    # 2025 and 2026: the comma 557-quater cannot be verified, the D.M. holds: open
    assert a[2025].vincolo is None and a[2026].vincolo is None
    assert any(p.codice == "vincolo.2024" for p in a[2024].passi)


def test_margine_mai_zero_se_superato() -> None:
    assert margine(D("0.004"), True) == D("0.00")
    assert margine(D("-0.004"), False) == D("-0.01")  # broken by 0,4 cent
    assert margine(D("0"), False) == D("-0.01")  # reached where it must stay strictly below
    assert str(margine(D("-0.004"), True)) == "0.00"  # never "-0.00"
    assert margine(D("-0.006"), False) == D("-0.01")
    assert margine(D("123.455"), True) == D("123.46")  # otherwise half up, like every amount
    assert margine(D("-123.455"), False) == D("-123.46")
