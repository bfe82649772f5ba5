"""The command line as a user runs it: exit codes, JSON keys, schema and tables."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

from tests.conftest import FIXTURES, ROOT

CLI = str(ROOT / "cli.py")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, CLI, *args], capture_output=True, text=True, cwd=ROOT)


def test_json_has_documented_keys_and_exact_decimals():
    p = run("verifica", str(FIXTURES / "casorate-primo-2024"), "--json")
    assert p.returncode == 1, p.stderr  # non_verificabile
    d = json.loads(p.stdout)
    for k in ("nome", "popolazione", "fascia"):
        assert k in d["ente"]
    for k in (
        "spesa_personale",
        "entrate_correnti_nette",
        "rapporto",
        "valore_soglia",
        "soglia_rientro",
        "collocazione",
        "spazio_assunzionale",
    ):
        assert k in d["dm"]
    anno = d["anni"][0]
    for k in (
        "anno",
        "spesa_personale",
        "entrate_correnti",
        "rapporto",
        "esito_dm",
        "spesa_557",
        "limite_557",
        "esito_557",
        "spesa_flessibile",
        "limite_flessibile",
        "esito_flessibile",
    ):
        assert k in anno
    assert {"codice", "gravita", "messaggio", "riferimento"} <= set(d["rilievi"][0])
    assert d["esito"] in ("conforme", "non_conforme", "non_verificabile")
    assert isinstance(d["presupposti"], list)
    # amounts and ratios are strings holding exact decimals
    assert d["dm"]["spesa_personale"] == "1266856.58"
    assert d["dm"]["rapporto"] == "0.247000"
    assert Decimal(d["dm"]["entrate_correnti_nette"]) == Decimal("5128974.00")


def test_console_output_in_italian():
    p = run("verifica", str(FIXTURES / "casorate-primo-2024"))
    assert p.returncode == 1
    assert "Spazio assunzionale" in p.stdout
    assert "Rilievi" in p.stdout
    assert "NON VERIFICABILE" in p.stdout


def test_dettaglio_shows_steps_with_sources():
    p = run("verifica", str(FIXTURES / "casorate-primo-2024"), "--dettaglio")
    assert "Passaggi del calcolo" in p.stdout
    assert "dm.tabella_1" in p.stdout


def test_schema_is_json_schema_of_the_case():
    p = run("schema")
    assert p.returncode == 0
    s = json.loads(p.stdout)
    assert s["title"] == "Fascicolo"
    assert {"ente", "primo_anno", "rendiconti", "fcde", "spesa_personale"} <= set(s["required"])


def test_tabelle_lists_parameters_with_sources():
    p = run("tabelle")
    assert p.returncode == 0
    assert "dm.tabella_1" in p.stdout
    assert "da confermare" in p.stdout


def test_missing_case_exit_2_without_traceback():
    p = run("verifica", str(ROOT / "non-esiste"))
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    assert "inesistente" in p.stderr


def test_aiuto_di_un_comando_col_suo_nome():
    # main() builds only the command named on the command line: its help keeps the full name.
    esito = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "verifica", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert esito.returncode == 0
    assert "fabbisogni verifica" in esito.stdout
