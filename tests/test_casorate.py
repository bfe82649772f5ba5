"""The Casorate Primo plan (shared/seeds/001_...txt): the points of dominio.md §3 come out as findings.

Expected values come from the document and hand arithmetic written here, not from the program.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from fabbisogni.caso.lettura import leggi_fascicolo
from fabbisogni.motore import verifica


@pytest.fixture(scope="module")
def risultato(request):
    from tests.conftest import FIXTURES

    return verifica(leggi_fascicolo(FIXTURES / "casorate-primo-2024"))


def codici(r) -> set[str]:
    return {x.codice for x in r.rilievi}


def test_fascia_e(risultato):
    # 9.128 abitanti: fascia e (5.000-9.999), DM art. 3
    assert risultato.ente.fascia == "e"


def test_rapporto_e_soglie(risultato):
    # entrate nette = (5.180.000 + 5.300.000 + 5.446.922) / 3 - 180.000 = 5.128.974,00
    assert risultato.dm.entrate_correnti_nette == Decimal("5128974.00")
    # 1.266.856,58 / 5.128.974,00 = 0,2470000004 -> 0.247000
    assert risultato.dm.rapporto == Decimal("0.247000")
    assert risultato.dm.valore_soglia == Decimal("0.269")
    assert risultato.dm.soglia_rientro == Decimal("0.309")
    assert risultato.dm.collocazione == "virtuoso"


def test_spazio_da_tabella_1_non_118033(risultato):
    # Tabella 1: 26,9% x 5.128.974,00 = 1.379.694,006; Tabella 2 2024: 1.147.023,02 x 1,26 = 1.445.249,0052
    # the lower binds: room = 1.379.694,006 - 1.266.856,58 = 112.837,426 -> 112.837,43
    assert risultato.dm.spesa_massima == Decimal("1379694.01")
    assert risultato.dm.spazio_assunzionale == Decimal("112837.43")
    assert "DICH-SPAZIO" in codici(risultato)
    ril = next(x for x in risultato.rilievi if x.codice == "DICH-SPAZIO")
    assert Decimal(ril.differenza) == Decimal("118033.00") - Decimal("112837.43")


def test_tabella_3_citata_e_la_tabella_2_del_2023(risultato):
    ril = next(x for x in risultato.rilievi if x.codice == "DICH-TABELLA-3")
    assert ril.gravita == "grave"
    assert "Tabella 2 della fascia e per il 2023" in ril.messaggio


def test_anni_e_aggregati(risultato):
    c = codici(risultato)
    assert "ANNI-SPESA" in c  # spesa 2023 with entrate 2020-2022
    assert "DICH-AGGREGATO" in c  # 1.329.200,48 is not the DM spesa
    assert "DICH-PREVISIONE-SOPRA-SOGLIA" in c  # 1.445.249 / 5.128.974 = 28,18% > 26,9%
    assert "FORMA-IMPORTO" in c  # "1.297,888,00"
    assert "DICH-TOTALE" not in c  # 1.329.200,48 + 118.033,00 = 1.447.233,48: it adds up


def test_comma_557_2024(risultato):
    anno = risultato.anni[0]
    assert anno.limite_557 == Decimal("1342603.00")
    assert anno.spesa_557 == Decimal("1297888.00")
    assert anno.margine_557 == Decimal("44715.00")  # 1.342.603 - 1.297.888
    assert anno.esito_557 is True


def test_flessibile_parametro_motivato(risultato):
    anno = risultato.anni[0]
    assert anno.limite_flessibile == Decimal("12550.00")
    assert anno.spesa_flessibile == Decimal("12550.00")
    assert anno.esito_flessibile is True


def test_piano_2024(risultato):
    # hires a regime 32.747,89 + 3 x 30.150,00 = 123.197,89; cessations 32.747,89 + 2 x 30.150,00 = 93.047,89
    anno = risultato.anni[0]
    assert anno.assunzioni == Decimal("123197.89")
    assert anno.cessazioni == Decimal("93047.89")
    assert anno.spesa_personale == Decimal("1266856.58") + Decimal("123197.89") - Decimal(
        "93047.89"
    )
    assert anno.esito_dm is True


def test_esito_non_verificabile(risultato):
    # 557 for 2025-2026 is not in the document
    assert risultato.esito == "non_verificabile"


def test_parametro_da_confermare_in_formato_italiano(risultato):
    # Tabella 3, fascia e: 30,9% (dominio.md §3); the finding shows it as a percentage, not 0.309
    messaggi = [x.messaggio for x in risultato.rilievi if x.codice == "PARAMETRO-DA-CONFERMARE"]
    tabella_3 = [m for m in messaggi if "«dm.tabella_3»" in m]
    assert tabella_3 and "Il valore 30,9% del parametro" in tabella_3[0]
    assert not any("0.309" in m for m in messaggi)
