"""Scenarios (docs/scenari.md): a base case and its changes, evaluated like a case.

Most cases change `fixtures/sintetico-virtuoso-2025`, whose README gives the figures:
fascia d, Tabella 1 = 27,2%; media delle entrate 2.600.000, FCDE 100.000 → entrate nette 2025
2.500.000 (no forecast); forecast 2026 and 2027 2.700.000 − 100.000 = 2.600.000. Spesa a regime
2025 670.000 (A1 35.000 + A2 35.000 from July), 2026-2027 705.000 (+ A3 35.000); limits 680.000
and 707.200. Comma 557: limit 780.000, spesa 2025 676.962,50, 2026 733.925, 2027 777.325.
Flexible work: limit 50.000, spesa 2027 40.000 (P1). Each expected value below is recomputed by
hand from these figures, or taken from the base result, never from the changed scenario's output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from fabbisogni.caso.lettura import leggi_fascicolo
from fabbisogni.motore import verifica
from fabbisogni.risultato import Risultato
from tests.conftest import FIXTURES, ROOT
from tests.test_input import errore, esegui, riga_di

VIRTUOSO = FIXTURES / "sintetico-virtuoso-2025"
CASORATE = FIXTURES / "casorate-primo-2024"
SCENARI = FIXTURES / "scenari"
D = Decimal


def scrivi_scenario(
    cartella: Path, testo: str, *, base: Path = VIRTUOSO, nome: str = "scenario.yaml"
) -> Path:
    percorso = cartella / nome
    percorso.write_text(f"nome: Prova\nbase: {base}\n{testo}", encoding="utf-8")
    return percorso


def esito(cartella: Path, testo: str, *, base: Path = VIRTUOSO) -> Risultato:
    return verifica(leggi_fascicolo(scrivi_scenario(cartella, testo, base=base)))


def anno(r: Risultato, a: int):
    return next(x for x in r.anni if x.anno == a)


@pytest.fixture(scope="module")
def base_virtuoso() -> Risultato:
    return verifica(leggi_fascicolo(VIRTUOSO))


# --- a scenario that changes nothing --------------------------------------------------------


def test_uno_scenario_che_non_cambia_nulla_da_esattamente_la_base():
    base = verifica(leggi_fascicolo(VIRTUOSO)).model_dump()
    scenario = verifica(leggi_fascicolo(SCENARI / "nulla-cambia.yaml")).model_dump()
    # Only the label differs: the result says it is a scenario, and which.
    assert scenario.pop("scenario") == "Nessuna modifica" and base.pop("scenario") is None
    assert scenario == base


def test_nulla_cambia_anche_con_elenchi_vuoti(tmp_path):
    testo = "assunzioni: {togli: [], modifica: [], aggiungi: []}\nentrate: {}\nfcde: {}\n"
    f = leggi_fascicolo(scrivi_scenario(tmp_path, testo))
    assert f == leggi_fascicolo(VIRTUOSO)


def test_il_fascicolo_porta_il_nome_dello_scenario_e_l_ente_resta_lo_stesso():
    from fabbisogni.caso.scenari import nome_scenario

    f = leggi_fascicolo(SCENARI / "nulla-cambia.yaml")
    assert nome_scenario(f) == "Nessuna modifica"
    assert f.ente.nome == "Comune Sintetico Virtuoso 2025"
    assert nome_scenario(leggi_fascicolo(VIRTUOSO)) is None


# --- entrate and FCDE ------------------------------------------------------------------------


def test_entrate_piu_5_percento_senza_previsione(tmp_path, base_virtuoso):
    r = esito(tmp_path, 'entrate: {2025: "+5%"}\n')
    a = anno(r, 2025)
    # media 2.600.000 × 1,05 = 2.730.000 − FCDE 100.000 = 2.630.000
    assert a.entrate_correnti == D("2630000.00")
    assert a.entrate_previste is True  # the scenario made a forecast for 2025
    # the DM limit moves by 0,272 × 5% × 2.600.000 = 35.360: 680.000 → 715.360
    assert a.limite_dm == D("715360.00")
    assert a.limite_dm - anno(base_virtuoso, 2025).limite_dm == D("35360.00")
    assert a.margine_dm == D("45360.00")  # 715.360 − 670.000
    assert a.rapporto == D("0.254753")  # 670.000 ÷ 2.630.000
    # the other years and the other limits do not move
    assert anno(r, 2026) == anno(base_virtuoso, 2026)
    assert a.margine_557 == anno(base_virtuoso, 2025).margine_557


def test_entrate_con_previsione_importo_e_nuovo_valore(tmp_path):
    r = esito(tmp_path, 'entrate:\n  2026: "+5%"\n  2027: "-100.000,00"\n')
    # 2026: 2.700.000 × 1,05 = 2.835.000 − 100.000 = 2.735.000; limite 0,272 × 2.735.000
    assert anno(r, 2026).entrate_correnti == D("2735000.00")
    assert anno(r, 2026).limite_dm == D("743920.00")
    # 2027: 2.700.000 − 100.000 = 2.600.000 − 100.000 = 2.500.000; limite 680.000 < 705.000
    assert anno(r, 2027).limite_dm == D("680000.00")
    assert anno(r, 2027).margine_dm == D("-25000.00")
    assert anno(r, 2027).esito_dm is False
    assert r.esito == "non_conforme"
    # a value without sign is the new amount: 2.800.000 − 100.000 → limite 734.400
    r = esito(tmp_path, 'entrate: {2026: "2.800.000,00"}\n')
    assert anno(r, 2026).limite_dm == D("734400.00")


def test_fcde_di_un_anno_e_del_rendiconto(tmp_path):
    r = esito(tmp_path, 'fcde: {2026: "200.000,00"}\n')
    # 2.700.000 − 200.000 = 2.500.000 → limite 680.000, spesa 705.000
    assert anno(r, 2026).entrate_correnti == D("2500000.00")
    assert anno(r, 2026).margine_dm == D("-25000.00")
    r = esito(tmp_path, 'fcde: {rendiconto: "150.000,00"}\n')
    # 2.600.000 − 150.000 = 2.450.000: rapporto 600.000 ÷ 2.450.000, limite 2025 666.400
    assert r.dm.entrate_correnti_nette == D("2450000.00")
    assert r.dm.rapporto == D("0.244898")
    assert r.dm.spazio_assunzionale == D("66400.00")  # 666.400 − 600.000
    assert anno(r, 2025).margine_dm == D("-3600.00")  # 666.400 − 670.000
    assert anno(r, 2026).entrate_correnti == D("2600000.00")  # the forecast keeps its FCDE


def test_entrate_e_fcde_nello_stesso_anno_senza_previsione(tmp_path):
    r = esito(tmp_path, 'entrate: {2025: "+100.000,00"}\nfcde: {2025: "-20%"}\n')
    # (2.600.000 + 100.000) − 100.000 × 0,8 = 2.620.000
    assert anno(r, 2025).entrate_correnti == D("2620000.00")


# --- hires ----------------------------------------------------------------------------------


def test_togliere_un_assunzione_toglie_il_suo_costo(tmp_path, base_virtuoso):
    r = esito(tmp_path, "assunzioni: {togli: [A3]}\n")
    for a in (2026, 2027):
        assert anno(r, a).spesa_personale == D("670000.00")  # 705.000 − 35.000
        assert anno(r, a).margine_dm == D("37200.00")  # 707.200 − 670.000
    # comma 557, with IRAP: 733.925 − 37.975 = 695.950; the margin grows by 37.975
    assert anno(r, 2026).spesa_557 == D("695950.00")
    assert anno(r, 2026).margine_557 - anno(base_virtuoso, 2026).margine_557 == D("37975.00")
    assert anno(r, 2025) == anno(base_virtuoso, 2025)


def test_spostare_un_assunzione_all_anno_dopo_sposta_il_suo_costo(tmp_path):
    r = esito(tmp_path, "assunzioni:\n  modifica:\n    - {id: A3, anno: 2027}\n")
    assert anno(r, 2026).spesa_personale == D("670000.00")
    assert anno(r, 2027).spesa_personale == D("705000.00")
    r = esito(tmp_path, "assunzioni:\n  modifica:\n    - {id: A2, anno: 2026, mese_inizio: 1}\n")
    assert anno(r, 2025).spesa_personale == D("635000.00")  # 600.000 + A1
    assert anno(r, 2025).margine_dm == D("45000.00")
    assert anno(r, 2025).spesa_competenza == D("635000.00")  # A2 no longer from July
    assert anno(r, 2026).spesa_personale == D("705000.00")


def test_part_time_al_50_per_cento_dimezza_il_costo(tmp_path, base_virtuoso):
    p = scrivi_scenario(tmp_path, 'assunzioni:\n  modifica:\n    - {id: A1, fte: "50%"}\n')
    f = leggi_fascicolo(p)
    a1 = next(a for a in f.piano_assunzioni if a.id == "A1")
    assert (a1.fte, a1.costo_annuo, a1.costo_annuo_con_irap) == (
        D("0.5"),
        D("17500.00"),  # 35.000 × 0,5
        D("18987.50"),  # 37.975 × 0,5
    )
    r = verifica(f)
    assert anno(r, 2025).spesa_personale == D("652500.00")  # 670.000 − 17.500
    assert anno(r, 2025).margine_dm == D("27500.00")
    # comma 557: 676.962,50 − 18.987,50 = 657.975
    assert anno(r, 2025).spesa_557 == D("657975.00")
    assert anno(r, 2025).margine_557 - anno(base_virtuoso, 2025).margine_557 == D("18987.50")


def test_un_costo_scritto_nella_modifica_vale_com_e(tmp_path):
    p = scrivi_scenario(
        tmp_path, 'assunzioni:\n  modifica:\n    - {id: A1, fte: "50%", costo_annuo: "20.000,00"}\n'
    )
    a1 = next(a for a in leggi_fascicolo(p).piano_assunzioni if a.id == "A1")
    assert a1.costo_annuo == D("20000.00")
    assert a1.costo_annuo_con_irap is None  # the engine derives it from the cost


def test_part_time_di_un_costo_dalle_tabelle_lo_ricalcola(tmp_path):
    """sintetico-personale: A2 has no cost (CCNL tables); at 50% its computed cost halves."""
    base = verifica(leggi_fascicolo(FIXTURES / "sintetico-personale"))
    r = verifica(leggi_fascicolo(SCENARI / "personale-part-time.yaml"))
    costo = {c.id: c.annuo for c in base.costi if c.tipo == "assunzione"}
    nuovo = {c.id: c.annuo for c in r.costi if c.tipo == "assunzione"}
    assert abs(nuovo["A2"] - costo["A2"] / 2) <= D("0.01")
    # A4 has its own cost, 30.000 → 15.000: the spesa a regime falls by both halves
    risparmio = costo["A2"] - nuovo["A2"] + D("15000.00")
    for a, b in zip(r.anni, base.anni, strict=True):
        assert b.spesa_personale - a.spesa_personale == risparmio


def test_aggiungere_un_assunzione(tmp_path):
    testo = (
        "assunzioni:\n  aggiungi:\n    - {id: N1, anno: 2026, area: Istruttori, profilo: "
        'Istruttore contabile, costo_annuo: "30.000,00", costo_annuo_con_irap: "32.550,00"}\n'
    )
    r = esito(tmp_path, testo)
    assert anno(r, 2026).spesa_personale == D("735000.00")  # 705.000 + 30.000
    assert anno(r, 2026).margine_dm == D("-27800.00")  # 707.200 − 735.000
    assert anno(r, 2025).spesa_personale == D("670000.00")


def test_un_tempo_determinato_conta_nel_lavoro_flessibile(tmp_path, base_virtuoso):
    testo = (
        "assunzioni:\n  modifica:\n    - {id: A3, tipo_contratto: tempo determinato, "
        "anno_fine: 2027, mese_fine: 12}\n"
    )
    r = esito(tmp_path, testo)
    # 2026: 35.000 for 12 months, without IRAP, against a limit of 50.000
    assert anno(r, 2026).spesa_flessibile == D("35000.00")
    assert anno(r, 2026).margine_flessibile == D("15000.00")
    assert anno(r, 2026).vincolo == "dm"  # 2.200 < 15.000
    # 2027: + P1 40.000 (PNRR derogation over) = 75.000 > 50.000
    assert anno(r, 2027).margine_flessibile == D("-25000.00")
    assert anno(base_virtuoso, 2027).margine_flessibile == D("10000.00")


# --- cessations -----------------------------------------------------------------------------


def test_aggiungere_una_cessazione(tmp_path):
    testo = (
        "cessazioni:\n  aggiungi:\n    - {id: C9, anno: 2026, mese: 1, area: Istruttori, "
        'profilo: Istruttore, causa: pensione, costo_annuo: "30.000,00", '
        'costo_annuo_con_irap: "32.550,00"}\n'
    )
    r = esito(tmp_path, testo)
    assert anno(r, 2026).spesa_personale == D("675000.00")  # 705.000 − 30.000
    assert anno(r, 2026).margine_dm == D("32200.00")


def test_spostare_e_togliere_cessazioni_su_casorate(tmp_path):
    base = verifica(leggi_fascicolo(CASORATE))
    # C4 (30.150,00, pensione da luglio 2024) a gennaio 2025: nel 2024 non risparmia più
    r = esito(
        tmp_path, "cessazioni:\n  modifica:\n    - {id: C4, anno: 2025, mese: 1}\n", base=CASORATE
    )
    assert anno(r, 2024).spesa_personale - anno(base, 2024).spesa_personale == D("30150.00")
    assert anno(r, 2025).spesa_personale == anno(base, 2025).spesa_personale
    # togliendo C4 e A4 che la sostituisce (stesso costo) la spesa a regime non cambia
    r = esito(tmp_path, "assunzioni: {togli: [A4]}\ncessazioni: {togli: [C4]}\n", base=CASORATE)
    for a, b in zip(r.anni, base.anni, strict=True):
        assert a.spesa_personale == b.spesa_personale


def test_rinvio_di_a3_su_casorate():
    base = verifica(leggi_fascicolo(CASORATE))
    r = verifica(leggi_fascicolo(SCENARI / "casorate-rinvio-assunzione.yaml"))
    # A3 costs 30.150,00: out of 2024, back from 2025
    assert anno(r, 2024).margine_dm - anno(base, 2024).margine_dm == D("30150.00")
    assert anno(r, 2025).margine_dm == anno(base, 2025).margine_dm


def test_la_previsione_557_dichiarata_segue_le_assunzioni_dello_scenario(tmp_path):
    """Casorate declares its comma 557 forecast for 2024 (1.297.888,00; limit 1.342.603,00,
    margin 44.715,00). A figure written for the base's plan must move with the scenario's:
    two Istruttori from January add 2 × 32.166,64 = 64.333,28 with IRAP (12 months), the margin
    becomes 44.715,00 − 64.333,28 = −19.618,28 and the limit breaks."""
    aggiunta = (
        "{{id: {id}, anno: 2024, area: Istruttori, profilo: Istruttore amministrativo, "
        'mese_inizio: 1, costo_annuo: "30.150,00", costo_annuo_con_irap: "32.166,64"}}'
    )
    testo = (
        "assunzioni:\n  aggiungi:\n"
        f"    - {aggiunta.format(id='M1')}\n    - {aggiunta.format(id='M2')}\n"
    )
    r = esito(tmp_path, testo, base=CASORATE)
    a = anno(r, 2024)
    assert a.margine_557 == D("-19618.28")
    assert a.esito_557 is False
    # the figure added to (A) is in the case as checked, with what it is
    assert r.fascicolo_verificato is not None
    c557 = r.fascicolo_verificato.comma_557
    assert c557 is not None
    voci = [v for p in c557.previsioni if p.anno == 2024 for v in p.componenti]
    assert [v.importo for v in voci if v.voce.startswith("variazione")] == [D("64333.28")]
    # a scenario on that one adding nothing to the plan moves the base's figure by the same:
    # the reference is the case the forecast was written for, at the root of the chain
    secondo = tmp_path / "secondo.yaml"
    secondo.write_text(
        'nome: Secondo\nbase: scenario.yaml\nentrate: {2025: "+1%"}\n', encoding="utf-8"
    )
    assert anno(verifica(leggi_fascicolo(secondo)), 2024).margine_557 == D("-19618.28")


def test_rinviare_a3_libera_la_sua_quota_della_previsione_557():
    # A3 from July 2024 (32.166,64 with IRAP) weighs 6/12 = 16.083,32 on the declared 2024
    # forecast: moved to 2025 it leaves 44.715,00 + 16.083,32 = 60.798,32 of margin
    r = verifica(leggi_fascicolo(SCENARI / "casorate-rinvio-assunzione.yaml"))
    assert anno(r, 2024).margine_557 == D("60798.32")


def test_piu_entrate_su_casorate_parte_dalla_media_dei_rendiconti():
    r = verifica(leggi_fascicolo(SCENARI / "casorate-piu-entrate.yaml"))
    # media 5.308.974,00 × 1,03 = 5.468.243,22; − FCDE 180.000 (2025) e 150.000 (2026)
    assert anno(r, 2025).entrate_correnti == D("5288243.22")
    assert anno(r, 2026).entrate_correnti == D("5318243.22")
    assert anno(r, 2024).entrate_correnti == D("5128974.00")  # unchanged


# --- parameters, chains ------------------------------------------------------------------


def test_una_sovrascrittura_dello_scenario_vale_prima_di_quelle_della_base(tmp_path):
    testo = (
        'parametri:\n  - nome: dm.tabella_1\n    chiave: d\n    valore: "30%"\n'
        "    fonte: {atto: Atto di prova, articolo: art. 1, pubblicazione: Albo pretorio}\n"
        "    motivazione: ipotesi di prova\n"
    )
    r = esito(tmp_path, testo)
    assert anno(r, 2025).limite_dm == D("750000.00")  # 0,30 × 2.500.000
    assert anno(r, 2025).margine_dm == D("80000.00")


def test_uno_scenario_sopra_un_altro(tmp_path):
    primo = scrivi_scenario(tmp_path, "assunzioni: {togli: [A3]}\n", nome="primo.yaml")
    secondo = tmp_path / "secondo.yaml"
    secondo.write_text(
        'nome: Secondo\nbase: primo.yaml\nentrate: {2025: "+5%"}\n', encoding="utf-8"
    )
    r = verifica(leggi_fascicolo(secondo))
    assert anno(r, 2026).spesa_personale == D("670000.00")  # from primo
    assert anno(r, 2025).limite_dm == D("715360.00")  # from secondo
    assert primo.exists()


def test_ogni_scenario_di_esempio_si_verifica():
    for p in sorted(SCENARI.glob("*.yaml")):
        esito = esegui(p)
        assert esito.returncode in (0, 1), (p.name, esito.stderr)


# --- bad scenarios: exit 2, file, line and field --------------------------------------------


def test_id_sconosciuto(tmp_path):
    p = scrivi_scenario(tmp_path, "assunzioni:\n  togli: [A1, A9]\n")
    errore(
        esegui(p),
        file=p.name,
        riga=riga_di(tmp_path, p.name, "togli"),
        campo="assunzioni.togli[2]",
        contiene=("«A9»", "A1, A2, A3, P1"),
    )
    p = scrivi_scenario(tmp_path, "cessazioni:\n  modifica:\n    - {id: C1, anno: 2026}\n")
    errore(
        esegui(p),
        file=p.name,
        riga=riga_di(tmp_path, p.name, "C1"),
        campo="cessazioni.modifica[1].id",
        contiene="non è tra le cessazioni",
    )


def test_anno_fuori_dal_triennio(tmp_path):
    p = scrivi_scenario(tmp_path, "assunzioni:\n  modifica:\n    - {id: A3, anno: 2028}\n")
    errore(
        esegui(p),
        file=p.name,
        riga=riga_di(tmp_path, p.name, "2028"),
        campo="assunzioni.modifica[1].anno",
        contiene=("2028", "2027"),
    )
    p = scrivi_scenario(tmp_path, 'entrate:\n  2024: "+5%"\n')
    errore(
        esegui(p),
        file=p.name,
        riga=riga_di(tmp_path, p.name, "2024"),
        campo="entrate.2024",
        contiene="non è nel triennio 2025-2027",
    )


def test_base_mancante(tmp_path):
    p = scrivi_scenario(tmp_path, "", base=Path("../non-esiste"))
    errore(
        esegui(p),
        file=p.name,
        riga=riga_di(tmp_path, p.name, "base:"),
        campo="base",
        contiene="non esiste",
    )


@pytest.mark.parametrize(
    ("scritto", "parole"),
    [
        ('"5%"', "con il segno"),
        ('"+cinque%"', "non è una percentuale"),
        ('"1.234,567"', "decimali"),
    ],
)
def test_percentuale_o_importo_non_validi(tmp_path, scritto, parole):
    p = scrivi_scenario(tmp_path, f"entrate:\n  2026: {scritto}\n")
    errore(
        esegui(p),
        file=p.name,
        riga=riga_di(tmp_path, p.name, "2026"),
        campo="entrate.2026",
        contiene=parole,
    )


def test_togliere_una_cessazione_sostituita(tmp_path):
    p = scrivi_scenario(tmp_path, "cessazioni:\n  togli: [C2]\n", base=CASORATE)
    errore(
        esegui(p),
        file=p.name,
        riga=riga_di(tmp_path, p.name, "togli"),
        campo="cessazioni.togli[1]",
        contiene=("«C2»", "«A2»"),
    )


def test_sostituzione_di_un_posto_gia_coperto(tmp_path):
    testo = (
        "assunzioni:\n  aggiungi:\n    - {id: N1, anno: 2025, area: Istruttori, profilo: X, "
        "motivo: sostituzione, sostituisce: C1}\n"
    )
    p = scrivi_scenario(tmp_path, testo, base=CASORATE)
    errore(
        esegui(p),
        file=p.name,
        riga=riga_di(tmp_path, p.name, "N1"),
        campo="assunzioni.aggiungi[1].sostituisce",
        contiene="già coperto dall'assunzione «A1»",
    )


def test_un_campo_sconosciuto_suggerisce_il_nome(tmp_path):
    p = scrivi_scenario(tmp_path, "assunzioni:\n  sposta:\n    - {id: A3, anno: 2027}\n")
    errore(
        esegui(p),
        file=p.name,
        riga=riga_di(tmp_path, p.name, "sposta"),
        campo="assunzioni.sposta",
        contiene="campo non previsto",
    )


# --- documents and the comparison -----------------------------------------------------------


def test_report_di_uno_scenario_in_markdown(tmp_path):
    testo = (
        "assunzioni:\n  aggiungi:\n    - {id: N1, anno: 2026, area: Istruttori, profilo: "
        'Istruttore di prova, costo_annuo: "30.000,00", costo_annuo_con_irap: "32.550,00"}\n'
    )
    p = scrivi_scenario(tmp_path, testo)
    esito_report = esegui(p, "--md", str(tmp_path / "piao.md"), comando="report")
    assert esito_report.returncode == 0, esito_report.stderr
    testo_md = (tmp_path / "piao.md").read_text(encoding="utf-8")
    assert "Istruttore di prova" in testo_md
    assert "Comune Sintetico Virtuoso 2025" in testo_md


def scenari(*argomenti: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "scenari", *map(str, argomenti)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_confronto_in_json(tmp_path, base_virtuoso):
    meno = scrivi_scenario(tmp_path, "assunzioni: {togli: [A3]}\n", nome="meno.yaml")
    p = scenari(VIRTUOSO, SCENARI / "nulla-cambia.yaml", meno, "--json")
    assert p.returncode == 0, p.stderr
    colonne = json.loads(p.stdout)
    assert [c["scenario"] for c in colonne] == [None, "Nessuna modifica", "Prova"]
    b, nulla, s = colonne
    assert b["anni"][0]["margine_dm"] == str(anno(base_virtuoso, 2025).margine_dm)
    assert b["anni"][0]["differenza_margine_dm"] is None
    for a_base, a_nulla in zip(b["anni"], nulla["anni"], strict=True):
        differenze = {k: v for k, v in a_nulla.items() if k.startswith("differenza")}
        assert set(differenze.values()) == {"0.00"}
        assert {k: v for k, v in a_nulla.items() if k not in differenze} == {
            k: v for k, v in a_base.items() if k not in differenze
        }
    # togli A3: 2026 margin 707.200 − 670.000 = 37.200, i.e. +35.000 on the base's 2.200
    s2026 = s["anni"][1]
    assert (s2026["anno"], s2026["margine_dm"], s2026["differenza_margine_dm"]) == (
        2026,
        "37200.00",
        "35000.00",
    )
    assert s2026["differenza_margine_557"] == "37975.00"
    assert s2026["differenza_margine_flessibile"] == "0.00"
    # margins 37.200 (DM), 780.000 − 695.950 = 84.050 (557), 50.000 (flexible): the DM binds
    assert (s2026["margine_557"], s2026["margine_flessibile"]) == ("84050.00", "50000.00")
    assert s2026["vincolo"] == "dm"
    assert s["esito"] == "conforme"


def test_confronto_a_console(tmp_path):
    p = scenari(CASORATE, SCENARI / "casorate-rinvio-assunzione.yaml")
    assert p.returncode == 0, p.stderr
    assert "Rinvio di A3 al 2025" in p.stdout
    assert "+30.150,00" in p.stdout
    assert "non verificabile" in p.stdout


def test_confronto_in_xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    uscita = tmp_path / "confronto.xlsx"
    p = scenari(CASORATE, SCENARI / "casorate-rinvio-assunzione.yaml", "--xlsx", uscita)
    assert p.returncode == 0, p.stderr
    assert f"Scritto {uscita}" in p.stdout
    ws = openpyxl.load_workbook(uscita)["Confronto scenari"]
    # title, two notes, a blank row; then name, file and description of each column (rows 5-7)
    assert ws.freeze_panes == "C8"
    righe = [[c.value for c in r] for r in ws.iter_rows()]
    assert righe[4][:4] == ["Anno", "Voce", "Base", "Rinvio di A3 al 2025"]
    assert righe[5][1:3] == ["File", str(CASORATE)]
    assert righe[6][1] == "Descrizione"
    base = verifica(leggi_fascicolo(CASORATE))
    margini = [r for r in righe if r[1] == "Margine D.M. (spesa a regime, senza IRAP)"]
    assert [r[0] for r in margini] == [2024, 2025, 2026]
    assert margini[0][2] == pytest.approx(float(anno(base, 2024).margine_dm))
    assert margini[0][3] == pytest.approx(float(anno(base, 2024).margine_dm) + 30150)
    differenze = [r for r in righe if r[1] == "Differenza dalla base"]
    assert differenze[0][2] is None and differenze[0][3] == pytest.approx(30150)
    assert isinstance(next(r for r in righe if r[1] == "Rapporto spesa / entrate")[2], float)
    assert ws.cell(row=9, column=3).number_format == "0.00%"  # 2024's Rapporto, after its year
    # an existing file is not overwritten without --force
    p = scenari(CASORATE, SCENARI / "casorate-rinvio-assunzione.yaml", "--xlsx", uscita)
    assert p.returncode == 2 and "esiste già" in p.stderr
    p = scenari(CASORATE, SCENARI / "casorate-rinvio-assunzione.yaml", "--xlsx", uscita, "--force")
    assert p.returncode == 0, p.stderr


def test_uno_scenario_di_un_altra_base_e_rifiutato(tmp_path):
    p = scenari(CASORATE, SCENARI / "nulla-cambia.yaml", SCENARI / "casorate-piu-entrate.yaml")
    errore(
        p,
        file="nulla-cambia.yaml",
        riga=riga_di(SCENARI, "nulla-cambia.yaml", "base:"),
        campo="base",
        contiene="sintetico-virtuoso-2025",
    )


def test_la_verifica_di_una_cartella_non_carica_gli_scenari():
    codice = (
        "import sys; from fabbisogni.cli import main; sys.argv=['fabbisogni','verifica',"
        f"{str(CASORATE)!r},'--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'fabbisogni.caso.scenari' not in sys.modules\n"
    )
    p = subprocess.run([sys.executable, "-c", codice], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr


def test_variazioni():
    from pydantic import TypeAdapter

    from fabbisogni.caso.scenari import VariazioneImporto

    leggi = TypeAdapter(VariazioneImporto).validate_python
    cento = D("100000.00")
    assert leggi("+5%").applica(cento) == D("105000.00")
    assert leggi("-2,5%").applica(cento) == D("97500.00")
    assert leggi("\u22125%").applica(cento) == D("95000.00")  # the minus sign of Word
    assert leggi("+1.000,50").applica(cento) == D("101000.50")
    assert leggi("-1.000,50").applica(cento) == D("98999.50")
    assert leggi(-1000).applica(cento) == D("99000.00")
    assert leggi(1000).applica(cento) == D("1000")
    assert leggi("1.000,00").applica(cento) == D("1000.00")
    assert leggi("+1%").applica(D("33.33")) == D("33.66")  # 33,6633 half up
    for sbagliato in ("5%", "-100%", "+x%", "1.000,001", True):
        with pytest.raises(ValueError):
            leggi(sbagliato)


def test_file_di_input_comprende_le_basi():
    from fabbisogni.caso.lettura import file_di_input

    s = SCENARI / "casorate-piu-entrate.yaml"
    assert file_di_input(s)[:2] == [s, CASORATE / "fascicolo.yaml"]
    assert CASORATE / "piano_assunzioni.csv" in file_di_input(s)
    assert file_di_input(CASORATE)[0] == CASORATE / "fascicolo.yaml"


def test_il_confronto_non_sovrascrive_una_base_xlsx(tmp_path):
    caso = tmp_path / "caso.xlsx"
    p = esegui(VIRTUOSO, str(caso), comando="converti")
    assert p.returncode == 0, p.stderr
    s = tmp_path / "s.yaml"
    s.write_text("nome: Da Excel\nbase: caso.xlsx\nassunzioni: {togli: [A3]}\n", encoding="utf-8")
    prima = caso.read_bytes()
    p = scenari(caso, s, "--xlsx", caso, "--force")
    assert p.returncode == 2 and "file di input" in p.stderr, p.stderr
    assert caso.read_bytes() == prima
    p = scenari(caso, s, "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)[1]["anni"][1]["margine_dm"] == "37200.00"  # as from the folder


def test_report_di_uno_scenario_non_sovrascrive_i_file_della_base(tmp_path):
    # The base's files are inputs of the scenario too: even with --force they are never outputs.
    import shutil

    base = tmp_path / "base"
    shutil.copytree(ROOT / "fixtures" / "sintetico-virtuoso-2025", base)
    scenario = tmp_path / "s.yaml"
    scenario.write_text("nome: Nulla\nbase: base\n", encoding="utf-8")
    prima = (base / "piano_assunzioni.csv").read_bytes()
    esito = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "report",
            str(scenario),
            "--md",
            str(base / "piano_assunzioni.csv"),
            "--force",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert esito.returncode == 2, esito.stdout + esito.stderr
    assert (base / "piano_assunzioni.csv").read_bytes() == prima


def test_i_documenti_di_uno_scenario_dicono_che_sono_uno_scenario(tmp_path):
    # Names never collide with the base's, and every output names the scenario.
    out = tmp_path / "out"
    esito = esegui(SCENARI / "personale-part-time.yaml", "--out", str(out), comando="report")
    assert esito.returncode == 0, esito.stderr
    nomi = sorted(p.name for p in out.iterdir())
    assert len(nomi) == 5 and all("-scenario-" in n for n in nomi)
    piao = next(out.glob("*piao-3.3.md")).read_text(encoding="utf-8")
    parere = next(out.glob("*parere-revisore.md")).read_text(encoding="utf-8")
    for testo in (piao, parere):
        assert "SCENARIO DI STUDIO «A2 e A4 a tempo parziale (50%)»" in testo
    dati = json.loads(esegui(SCENARI / "personale-part-time.yaml", "--json").stdout)
    assert dati["scenario"] == "A2 e A4 a tempo parziale (50%)"
    base = json.loads(esegui(FIXTURES / "sintetico-personale", "--json").stdout)
    assert base["scenario"] is None


@pytest.mark.parametrize(
    "nome", sorted(p.name for p in FIXTURES.iterdir() if (p / "fascicolo.yaml").is_file())
)
def test_senza_rilievi_stessi_limiti_e_stesso_esito(nome):
    # Comparisons and the solver skip the findings: everything else must be identical.
    f = leggi_fascicolo(FIXTURES / nome)
    completo = verifica(f).model_dump()
    leggero = verifica(f, rilievi=False).model_dump()
    assert leggero.pop("rilievi") == []
    completo.pop("rilievi")
    assert leggero == completo


def _senza_passi(dati):
    """A dumped result without its steps and the parameters gathered from them."""
    if isinstance(dati, dict):
        return {
            k: _senza_passi(v) for k, v in dati.items() if k not in ("passi", "flessibile_passi")
        }
    if isinstance(dati, list):
        return [_senza_passi(v) for v in dati]
    return dati


@pytest.mark.parametrize(
    "nome", sorted(p.name for p in FIXTURES.iterdir() if (p / "fascicolo.yaml").is_file())
)
def test_senza_traccia_stessi_valori_limiti_ed_esito(nome):
    # Without the trace (comparisons, the solver) every figure, limit, margin, vincolo and
    # verdict is the same; only the steps are empty placeholders and no parameter is gathered.
    f = leggi_fascicolo(FIXTURES / nome)
    completo = verifica(f, rilievi=False).model_dump()
    leggero = verifica(f, rilievi=False, traccia=False).model_dump()
    # the parameters gathered from the steps are missing (those of the pension rules remain)
    senza, con = leggero.pop("parametri"), completo.pop("parametri")
    assert all(p in con for p in senza) and len(senza) < len(con)
    assert all(p["codice"] == "" for a in leggero["anni"] for p in a["passi"])
    assert _senza_passi(leggero) == _senza_passi(completo)
    # and the trace is back on afterwards
    assert verifica(f).anni[0].passi[0].codice != ""


# --- every problem of a scenario at once ----------------------------------------------------

FONTE_PROVA = "fonte: {atto: Atto di prova, articolo: art. 1, pubblicazione: Albo pretorio}"


def righe_dei_messaggi(stderr: str, file: str) -> list[int]:
    """The line numbers of the messages about ``file``, in the order they are printed."""
    import re

    return [int(n) for n in re.findall(rf"file {re.escape(file)}, riga (\d+)", stderr)]


def test_tutti_i_problemi_di_uno_scenario_in_una_volta(tmp_path):
    # Six problems found in four different phases: reading the file (a parameter that does not
    # exist), validating its fields (a missing area, a percentage without sign), applying the
    # rows to the base (an id that is not there, an id already used) and applying the entrate
    # (a year outside 2025-2027). One run names them all, by line.
    testo = (
        "assunzioni:\n"  # line 3
        "  togli: [A9]\n"
        "  aggiungi:\n"
        "    - {id: N1, anno: 2026, profilo: Senza area}\n"
        "    - {id: A2, anno: 2026, area: Istruttori, profilo: Doppione}\n"
        "entrate:\n"
        '  2026: "5%"\n'
        "fcde:\n"
        '  2024: "+1%"\n'
        "parametri:\n"
        "  - nome: dm.inesistente\n"
        '    valore: "1%"\n'
        f"    {FONTE_PROVA}\n"
        "    motivazione: ipotesi di prova\n"
    )
    p = scrivi_scenario(tmp_path, testo)
    attesi = [
        ("togli", "assunzioni.togli[1]", ("«A9»", "A1, A2, A3, P1")),
        ("Senza area", "assunzioni.aggiungi[1].area", "campo obbligatorio mancante"),
        # the first row added is left out, the second keeps its place: aggiungi[2]
        ("Doppione", "assunzioni.aggiungi[2].id", ("«A2»", "già usato")),
        ('"5%"', "entrate.2026", "con il segno"),
        ("2024", "fcde.2024", "non è nel triennio 2025-2027"),
        ("dm.inesistente", "parametri[1].nome", "inesistente"),
    ]
    for esito_cli in (esegui(p), scenari(VIRTUOSO, p)):
        for frammento, campo, contiene in attesi:
            errore(
                esito_cli,
                file=p.name,
                riga=riga_di(tmp_path, p.name, frammento),
                campo=campo,
                contiene=contiene,
            )
        # lines 4, 6, 7, 9, 11, 13: one message each, in the order of the file
        assert righe_dei_messaggi(esito_cli.stderr, p.name) == [4, 6, 7, 9, 11, 13]


def test_senza_base_si_riportano_i_problemi_del_file_e_nient_altro(tmp_path):
    # The base does not exist: nothing can be applied, so «A9» cannot be checked against it;
    # the file's own problems are all reported.
    p = scrivi_scenario(
        tmp_path, 'assunzioni: {togli: [A9]}\nentrate: {2026: "5%"}\n', base=Path("../no")
    )
    esito_cli = esegui(p)
    errore(esito_cli, file=p.name, riga=2, campo="base", contiene="non esiste")
    errore(esito_cli, file=p.name, riga=4, campo="entrate.2026", contiene="con il segno")
    assert "A9" not in esito_cli.stderr


def test_i_controlli_tra_righe_insieme_agli_errori_delle_entrate(tmp_path):
    # A check across rows (the post of C1 is already covered by A1) does not hide, and is not
    # hidden by, a wrong year of the entrate.
    testo = (
        "assunzioni:\n  aggiungi:\n    - {id: N1, anno: 2025, area: Istruttori, profilo: X, "
        "motivo: sostituzione, sostituisce: C1}\n"
        'entrate: {2030: "+5%"}\n'
    )
    p = scrivi_scenario(tmp_path, testo, base=CASORATE)
    esito_cli = esegui(p)
    errore(
        esito_cli,
        file=p.name,
        riga=riga_di(tmp_path, p.name, "N1"),
        campo="assunzioni.aggiungi[1].sostituisce",
        contiene="già coperto dall'assunzione «A1»",
    )
    errore(
        esito_cli,
        file=p.name,
        riga=riga_di(tmp_path, p.name, "2030"),
        campo="entrate.2030",
        contiene="non è nel triennio 2024-2026",
    )


def test_una_sovrascrittura_con_una_voce_sbagliata_ha_la_sua_riga(tmp_path):
    testo = (
        "parametri:\n  - nome: dm.tabella_1\n    chiave: zz\n"
        f'    valore: "30%"\n    {FONTE_PROVA}\n    motivazione: prova\n'
        'entrate: {2030: "+5%"}\n'
    )
    p = scrivi_scenario(tmp_path, testo)
    esito_cli = esegui(p)
    errore(
        esito_cli,
        file=p.name,
        riga=riga_di(tmp_path, p.name, "zz"),
        campo="parametri[1].chiave",
        contiene="«zz» non esiste",
    )
    errore(esito_cli, file=p.name, riga=riga_di(tmp_path, p.name, "2030"), campo="entrate.2030")


# --- the scenario's description -------------------------------------------------------------

# fixtures/scenari/casorate-piu-entrate.yaml, as written there
DESCRIZIONE_PIU_ENTRATE = (
    "previsione di crescita delle entrate tributarie dopo la revisione delle tariffe"
)


def test_descrizione_scenario():
    from fabbisogni.caso.scenari import descrizione_scenario, nome_scenario

    f = leggi_fascicolo(SCENARI / "casorate-piu-entrate.yaml")
    assert (nome_scenario(f), descrizione_scenario(f)) == (
        "Entrate +3% dal 2025",
        DESCRIZIONE_PIU_ENTRATE,
    )
    assert descrizione_scenario(leggi_fascicolo(SCENARI / "nulla-cambia.yaml")) is None
    assert descrizione_scenario(leggi_fascicolo(CASORATE)) is None


def test_la_descrizione_nel_confronto(tmp_path):
    import io

    from openpyxl import load_workbook
    from rich.console import Console

    from fabbisogni.analisi.confronto import confronta
    from fabbisogni.uscite.confronto import scrivi_xlsx, stampa, to_json

    c = confronta(CASORATE, [SCENARI / "casorate-piu-entrate.yaml"])
    colonne = json.loads(to_json(c))
    assert [x["descrizione"] for x in colonne] == [None, DESCRIZIONE_PIU_ENTRATE]
    uscita = io.StringIO()
    stampa(c, Console(width=200, file=uscita))
    testo = uscita.getvalue()
    # under the table, after the line that names the scenario and its file
    assert testo.index(DESCRIZIONE_PIU_ENTRATE) > testo.index("casorate-piu-entrate.yaml")
    scrivi_xlsx(c, tmp_path / "c.xlsx")
    righe = list(
        load_workbook(tmp_path / "c.xlsx")["Confronto scenari"].iter_rows(values_only=True)
    )
    descrizioni = next(r for r in righe if r[1] == "Descrizione")
    assert descrizioni[2:4] == ("", DESCRIZIONE_PIU_ENTRATE)


def test_avviso_e_intestazione_con_la_descrizione(base_virtuoso):
    import io

    from rich.console import Console

    from fabbisogni.uscite.console import stampa
    from fabbisogni.uscite.documenti.modello import avviso_scenario

    (avviso,) = avviso_scenario("Prova", "A3 a gennaio")
    assert avviso.testo.startswith("SCENARIO DI STUDIO «Prova» (A3 a gennaio): le cifre")
    (avviso,) = avviso_scenario("Prova")
    assert avviso.testo.startswith("SCENARIO DI STUDIO «Prova»: le cifre")
    assert avviso_scenario(None, "A3 a gennaio") == []
    # the result carries the description once the engine sets it (Risultato.scenario_descrizione)
    r = base_virtuoso.model_copy(
        update={"scenario": "Prova [1]", "scenario_descrizione": "A3 a gennaio"}
    )
    uscita = io.StringIO()
    stampa(r, Console(width=120, file=uscita))
    righe = uscita.getvalue().splitlines()
    assert righe[:2] == ["Scenario di studio: «Prova [1]»", "A3 a gennaio"]


@pytest.mark.skipif(
    "scenario_descrizione" not in Risultato.model_fields,
    reason="Risultato.scenario_descrizione non ancora aggiunto dal motore",
)
def test_verifica_e_documenti_mostrano_la_descrizione(tmp_path):
    s = SCENARI / "casorate-piu-entrate.yaml"
    esito_cli = esegui(s)
    assert esito_cli.returncode in (0, 1), esito_cli.stderr
    assert DESCRIZIONE_PIU_ENTRATE in " ".join(esito_cli.stdout.split())
    esito_cli = esegui(s, "--md", str(tmp_path / "piao.md"), comando="report")
    assert esito_cli.returncode == 0, esito_cli.stderr
    testo = (tmp_path / "piao.md").read_text(encoding="utf-8")
    assert f"SCENARIO DI STUDIO «Entrate +3% dal 2025» ({DESCRIZIONE_PIU_ENTRATE})" in testo


# --- who replaced a parameter ---------------------------------------------------------------


def test_parametro_sovrascritto_dal_fascicolo_o_dallo_scenario(tmp_path):
    import shutil

    from fabbisogni.parametri import Parametri
    from fabbisogni.uscite.xlsx import _parametro_testo

    # The base overrides Tabella 3 (fascia d), the scenario Tabella 1 (fascia d).
    base = tmp_path / "base"
    shutil.copytree(VIRTUOSO, base)
    with (base / "fascicolo.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            "parametri:\n  - nome: dm.tabella_3\n    chiave: d\n"
            f'    valore: "31%"\n    {FONTE_PROVA}\n    motivazione: delibera di prova\n'
        )
    testo = (
        "parametri:\n  - nome: dm.tabella_1\n    chiave: d\n"
        f'    valore: "30%"\n    {FONTE_PROVA}\n    motivazione: ipotesi di prova\n'
    )
    p = scrivi_scenario(tmp_path, testo, base=base)

    def sostituiti(r: Risultato) -> dict[str, str]:
        return {
            x.messaggio.split("»")[0].split("«")[1]: x.messaggio
            for x in r.rilievi
            if x.codice == "PARAMETRO-SOVRASCRITTO"
        }

    della_base = sostituiti(verifica(leggi_fascicolo(base)))
    assert list(della_base) == ["dm.tabella_3"]
    assert "è sostituito dal fascicolo con 31,0%" in della_base["dm.tabella_3"]

    f = leggi_fascicolo(p)
    r = verifica(f)
    messaggi = sostituiti(r)
    assert "è sostituito dallo scenario «Prova» con 30,0%" in messaggi["dm.tabella_1"]
    assert "è sostituito dal fascicolo con 31,0%" in messaggi["dm.tabella_3"]
    # the workbook's notes on the parameters say the same
    parametri = Parametri.predefiniti(f.parametri)
    usati = {u.nome: u for u in r.parametri if u.sovrascritto}
    assert "(SOVRASCRITTO dallo scenario «Prova»)" in _parametro_testo(
        usati["dm.tabella_1"], parametri
    )
    assert "(SOVRASCRITTO dal fascicolo)" in _parametro_testo(usati["dm.tabella_3"], parametri)


def test_sovrascrittura_di_uno_scenario_di_base(tmp_path):
    # A scenario built on another keeps the other's override, named by the other's name.
    testo = (
        "parametri:\n  - nome: dm.tabella_1\n    chiave: d\n"
        f'    valore: "30%"\n    {FONTE_PROVA}\n    motivazione: ipotesi di prova\n'
    )
    scrivi_scenario(tmp_path, testo, nome="primo.yaml")
    secondo = tmp_path / "secondo.yaml"
    secondo.write_text("nome: Secondo\nbase: primo.yaml\n", encoding="utf-8")
    r = verifica(leggi_fascicolo(secondo))
    (messaggio,) = [x.messaggio for x in r.rilievi if x.codice == "PARAMETRO-SOVRASCRITTO"]
    assert "«dm.tabella_1» [d] è sostituito dallo scenario «Prova» con 30,0%" in messaggio


# --- the comparison on a narrow console -----------------------------------------------------

NUMERO = r"[+-]?\d{1,3}(?:\.\d{3})*,\d{2}%?"
RIGHE_NUMERICHE = {
    "Rapporto",
    "Margine D.M. senza IRAP",
    "differenza",
    "Margine 557 con IRAP",
    "Margine solo flessibili",
}


@pytest.fixture(scope="module")
def sette_scenari(tmp_path_factory) -> object:
    """Casorate Primo and seven scenarios, each with entrate up by k% (k = 1…7)."""
    from fabbisogni.analisi.confronto import confronta

    cartella = tmp_path_factory.mktemp("sette")
    file = []
    for k in range(1, 8):
        p = cartella / f"s{k}.yaml"
        p.write_text(
            f'nome: Scenario {k}\nbase: {CASORATE}\nentrate: {{2025: "+{k}%"}}\n', encoding="utf-8"
        )
        file.append(p)
    return confronta(CASORATE, file)


def a_console(confronto: object, larghezza: int) -> str:
    import io

    from rich.console import Console

    from fabbisogni.uscite.confronto import stampa

    uscita = io.StringIO()
    stampa(confronto, Console(width=larghezza, file=uscita))
    return uscita.getvalue()


def test_confronto_di_sette_scenari_su_80_colonne(sette_scenari):
    import re

    testo = a_console(sette_scenari, 80)
    righe = testo.splitlines()
    assert max(len(r) for r in righe) <= 80
    # several tables, «(1 di N)» … «(N di N)», each with the labels and the base
    parti = re.findall(r"\((\d) di (\d)\)", testo)
    n = len(parti)
    assert n >= 2 and parti == [(str(k), str(n)) for k in range(1, n + 1)]
    testate = [r for r in righe if r.startswith("┃")]
    assert sum(r.split("┃")[2].strip() == "Base" for r in testate) == n
    tabelle = testo[: testo.index("Margini di aggregati diversi")]
    for k in range(1, 8):
        assert tabelle.count(f"Scenario {k}") == 1
    # a row of numbers takes one line (the next line is another row or a rule), and each of
    # its cells is a whole number, «—» or empty
    celle = [[c.strip() for c in r.split("│")[1:-1]] for r in righe]
    controllate = 0
    for i, riga in enumerate(righe):
        if not riga.startswith("│") or celle[i][0] not in RIGHE_NUMERICHE:
            continue
        controllate += 1
        dopo = righe[i + 1]
        assert dopo.startswith(("├", "└")) or celle[i + 1][0], (riga, dopo)
        for valore in celle[i][1:]:
            assert valore in ("", "—") or re.fullmatch(NUMERO, valore), (riga, valore)
    # 3 years × 7 rows of numbers in each table
    assert controllate == 3 * 7 * n


def test_confronto_di_sette_scenari_su_200_colonne_e_una_tabella(sette_scenari):
    testo = a_console(sette_scenari, 200)
    assert testo.count("┏") == 1 and " di 2)" not in testo
    testata = next(r for r in testo.splitlines() if r.startswith("┃") and "Base" in r)
    assert [c.strip() for c in testata.split("┃")[2:-1]] == [
        "Base",
        *[f"Scenario {k}" for k in range(1, 8)],
    ]


def test_parti_del_confronto():
    from fabbisogni.uscite.confronto import parti

    # labels 10 + 3, base 10 + 3, one border: 27; each scenario column its width + 3
    assert parti([10, 10, 10, 10], 10, 27 + 13 * 3) == [[1, 2, 3]]
    assert parti([10, 10, 10, 10], 10, 27 + 13 * 2) == [[1, 2], [3]]
    assert parti([10, 10, 30, 10], 10, 27 + 13 * 2) == [[1], [2], [3]]
    assert parti([10], 10, 80) == [[]]  # the base alone


# --- margins of different aggregates: the labels -------------------------------------------


def test_etichette_dei_margini_e_del_vincolo(sette_scenari, tmp_path):
    from openpyxl import load_workbook

    from fabbisogni.uscite.confronto import RIGHE, scrivi_xlsx, vincolo

    assert vincolo(None, "557-quater") == "non determinabile"
    assert vincolo("557", "562", breve=True) == "comma 562"
    assert vincolo("dm", "557-quater", breve=True) == "D.M."
    # short enough for an 80-column console with the base and two scenarios
    assert max(len(etichetta) for etichetta, *_ in RIGHE) <= 24
    confronto = sette_scenari.model_copy(update={"colonne": sette_scenari.colonne[:3]}, deep=True)
    confronto.colonne[1].anni[0].vincolo = None
    testo = a_console(confronto, 80)
    assert testo.count("┏") == 1
    for etichetta in (
        "Margine D.M. senza IRAP",
        "Margine 557 con IRAP",
        "Margine solo flessibili",
        "Vincolo t. indeterminato",
    ):
        assert etichetta in testo
    nota = " ".join(testo[testo.index("Margini di aggregati diversi") :].split())
    for parole in ("senza IRAP", "con IRAP", "solo i contratti flessibili", "tempo indeterminato"):
        assert parole in nota
    vincoli = [r for r in testo.splitlines() if "Vincolo t. indeterminato" in r]
    assert "non" in vincoli[0].split("│")[3]  # «non determinabile», on two lines in the column
    scrivi_xlsx(confronto, tmp_path / "c.xlsx")
    righe = list(
        load_workbook(tmp_path / "c.xlsx")["Confronto scenari"].iter_rows(values_only=True)
    )
    voci = {r[1] for r in righe}
    assert {
        "Margine D.M. (spesa a regime, senza IRAP)",
        "Margine comma 557 (spesa di competenza, con IRAP)",
        "Margine lavoro flessibile (solo contratti flessibili)",
        "Vincolo per il tempo indeterminato",
    } <= voci
    primo_vincolo = next(r for r in righe if r[1] == "Vincolo per il tempo indeterminato")
    assert primo_vincolo[3] == "non determinabile"


def test_una_sovrascrittura_incompleta_e_controllata_anche_nel_nome_e_nel_valore(tmp_path):
    # fonte and motivazione missing, and an unknown name (or a non-numeric value): all said
    sbagliato = scrivi_scenario(tmp_path, "parametri:\n  - nome: dm.tabella_9\n    valore: abc\n")
    r = esegui(sbagliato)
    assert r.returncode == 2
    assert "campo «parametri[1].fonte»: campo obbligatorio mancante" in r.stderr
    assert "campo «parametri[1].motivazione»" in r.stderr
    assert "«dm.tabella_9» inesistente" in r.stderr
    valore = scrivi_scenario(
        tmp_path, "parametri:\n  - nome: dm.tabella_1\n    valore: abc\n", nome="valore.yaml"
    )
    r = esegui(valore)
    assert r.returncode == 2
    assert "riga 5, campo «parametri[1].valore»: valore «abc» non numerico" in r.stderr
    assert "campo «parametri[1].fonte»" in r.stderr


def test_una_riga_aggiunta_con_due_problemi_li_dice_entrambi(tmp_path):
    # id already used by the base AND a year outside the triennio 2025-2027
    s = scrivi_scenario(
        tmp_path,
        "assunzioni:\n  aggiungi:\n"
        "    - {id: A1, anno: 2031, area: Istruttori, profilo: x, costo_annuo: 1000}\n",
    )
    r = esegui(s)
    assert r.returncode == 2
    assert "campo «assunzioni.aggiungi[1].anno»: anno 2031 fuori periodo" in r.stderr
    assert "campo «assunzioni.aggiungi[1].id»: id «A1» già usato" in r.stderr
