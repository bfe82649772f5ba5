"""The roster (personale.csv): validation, consistenza, the projection of cessations and how it
feeds the verification. Expected dates and amounts are worked out by hand in each test from the
tables (pensions: docs/pensioni.md; costs: docs/costi.md) and the fixture's README."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from fabbisogni.caso.fascicolo import Fascicolo
from fabbisogni.caso.lettura import leggi_fascicolo
from fabbisogni.motore import verifica
from fabbisogni.parametri import Parametri
from fabbisogni.personale.preparazione import consistenza_da_personale
from fabbisogni.personale.proiezione import Proiezione, proietta
from tests.test_input import errore, esegui, riga_di, sostituisci

ROOT = Path(__file__).resolve().parent.parent
CASO = ROOT / "fixtures" / "sintetico-personale"
PERSONALE = "personale.csv"


@pytest.fixture(scope="module")
def f() -> Fascicolo:
    return leggi_fascicolo(CASO)


def _proietta(f: Fascicolo, **kw: object) -> Proiezione:
    return proietta(f, Parametri.predefiniti(f.parametri), **kw)  # type: ignore[arg-type]


def _cessazione(p: Proiezione, ident: str):
    trovate = [c for c in p.cessazioni if c.dipendente.id == ident]
    return trovate[0] if trovate else None


# --- the projection, person by person ---------------------------------------------------


def test_vecchiaia_con_l_aumento_2027(f):
    # P01, born 15/03/1960: 67 on 15/03/2027, but in 2027 vecchiaia needs 67 years and 1 month
    # (L. 199/2025 c.185): 15/04/2027. The limite ordinamentale takes effect on the first day of
    # the next month: 01/05/2027, so May 2027 is the first month without service.
    c = _cessazione(_proietta(f), "P01")
    assert c is not None and c.origine == "pensione"
    assert c.data == date(2027, 5, 1) and (c.anno, c.mese) == (2027, 5)
    # Payroll cost from the roster, 45.000,00: saving di competenza 45.000 × 8/12 = 30.000.
    assert c.costo.origine == "ente" and c.risparmio_regime == Decimal("45000.00")
    assert c.risparmio_competenza == Decimal("30000.00")


def test_vecchiaia_con_l_aumento_2028_e_costo_da_tabella(f):
    # P05, born 01/01/1961: 67 on 01/01/2028, 2028 needs 67y3m → 01/04/2028 → from 01/05/2028.
    c = _cessazione(_proietta(f), "P05")
    assert c is not None and c.data == date(2028, 5, 1)
    # Funzionari ed EQ, tables from 1/1/2026: 25.114,11 + 13ª 2.092,84 (25.114,11/12) + comparto
    # 622,80 − 12 × 14,37 = 450,36 → retribuzioni 27.657,31; CPDEL 23,80% 6.582,44; TFS 2,88%
    # 796,53; INAIL not given → 0: 35.036,28. Di competenza 2028: 35.036,28 × 8/12 = 23.357,52.
    assert c.costo.origine == "ccnl"
    assert c.costo.annuo == Decimal("35036.28")
    assert c.risparmio_competenza == Decimal("23357.52")


def test_cessazione_nota_vince_sulla_proiezione(f):
    # P03 resigns from 01/03/2027; Operatori esperti from the 2026 tables: 20.583,23 + 1.715,27 +
    # (471,72 − 12 × 10,89 = 341,04) = 22.639,54; + 5.388,21 + 652,02 = 28.679,77.
    c = _cessazione(_proietta(f), "P03")
    assert c is not None and c.origine == "nota" and c.causa == "dimissioni"
    assert (c.anno, c.mese) == (2027, 3)
    assert c.costo.annuo == Decimal("28679.77")


def test_trattenimento_fino_a_70_anni_oltre_il_triennio(f):
    # P04, born 20/12/1959, trattenimento: 70 on 20/12/2029 → from 01/01/2030.
    p = _proietta(f)
    assert _cessazione(p, "P04") is None
    oltre = _proietta(f, anni_oltre=1, simula=False)
    c = _cessazione(oltre, "P04")
    assert c is not None and c.data == date(2030, 1, 1) and c.anno == 2030


def test_anticipata_solo_con_l_ipotesi_prima_data_utile(f):
    # P02, woman, 40 years of contributions at 31/12/2025. 2026 needs 41y10m (502 months): 22
    # more months = 31/10/2027, but that is in 2027, which needs 41y11m (503): 30/11/2027 (23
    # months; 31 November does not exist). Window for a requirement met in 2027: 7 months →
    # 30/06/2028, pension from the next day, 01/07/2028.
    assert _cessazione(_proietta(f), "P02") is None  # limite ordinamentale only: she stays
    c = _cessazione(_proietta(f, ipotesi="primo_diritto", simula=False), "P02")
    assert c is not None and c.data == date(2028, 7, 1) and (c.anno, c.mese) == (2028, 7)


def test_la_proiezione_del_fascicolo_verificato_e_la_stessa(f):
    # The checked case carries the roster's cessations as rows naming each person: projecting it
    # again must give the same certain cessations, not add them twice nor lose them.
    verificato = verifica(f).fascicolo_verificato
    assert verificato is not None
    prima = [(c.dipendente.id, c.anno, c.mese, c.costo.annuo) for c in _proietta(f).cessazioni]
    dopo = [
        (c.dipendente.id, c.anno, c.mese, c.costo.annuo) for c in _proietta(verificato).cessazioni
    ]
    assert sorted(prima) == sorted(dopo)


def test_tempo_determinato_non_proiettato(f):
    p = _proietta(f, simula=False)
    assert [d.id for d in p.escluse] == ["P07"]
    assert all(e.id != "P07" for e in p.pensioni)


# --- rates of other exits ----------------------------------------------------------------


def test_tasso_stimato_dallo_storico_dell_ente(f):
    # 1 + 2 + 1 exits over 31 + 30 + 30 people = 4/91 for every area.
    p = _proietta(f, simula=False)
    assert {t.tasso for t in p.tassi} == {Decimal(4) / Decimal(91)}
    assert all("storico" in t.origine for t in p.tassi)


def test_tasso_indicato_per_area_e_per_tutte(f):
    proiezione = f.proiezione.model_copy(
        update={"tassi_uscita": {"Istruttori": Decimal("0.08"), "tutte": Decimal("0.03")}}
    )
    p = _proietta(f.model_copy(update={"proiezione": proiezione}), simula=False)
    tassi = {t.area: t.tasso for t in p.tassi}
    assert tassi["Istruttori"] == Decimal("0.08")
    assert tassi["Operatori"] == tassi["Funzionari ed EQ"] == Decimal("0.03")


def test_tasso_di_riserva_dalla_tabella_da_confermare(f):
    proiezione = f.proiezione.model_copy(update={"storico_uscite": []})
    p = _proietta(f.model_copy(update={"proiezione": proiezione}), simula=False)
    assert {t.tasso for t in p.tassi} == {Decimal("0.045")}
    assert all(t.parametro is not None and t.parametro.da_confermare for t in p.tassi)


def test_simulazione_riproducibile_e_coerente_con_le_certe(f):
    a = _proietta(f, simulazioni=2000, seme=7)
    b = _proietta(f, simulazioni=2000, seme=7)
    assert a.simulazione == b.simulazione
    assert a.simulazione is not None
    primo = a.simulazione.anni[0]
    # 2027 has two certain cessations (P03, P01): never fewer, whatever the other exits.
    assert primo.cessazioni.p10 >= 2
    # With no other exit the saving a regime is exactly 28.679,77 + 45.000,00.
    assert primo.risparmio_regime.p10 >= Decimal("73679.77")


# --- consistenza and the verification ------------------------------------------------------


def test_consistenza_dal_personale(f):
    voci = consistenza_da_personale(f)
    assert sum(v.teste for v in voci) == 30
    istr = [v for v in voci if v.profilo == "Istruttore amministrativo"]
    indeterminato = next(v for v in istr if v.tipo_contratto == "tempo_indeterminato")
    # P02 and P06 (part-time 0,5) plus the generated ones: part_time counts P06 only.
    assert indeterminato.part_time == 1
    assert indeterminato.fte == Decimal(indeterminato.teste) - Decimal("0.5")


def test_la_verifica_usa_le_cessazioni_del_personale_e_i_costi_da_tabella(f):
    r = verifica(f)
    assert r.fascicolo_verificato is not None
    ids = {c.id for c in r.fascicolo_verificato.cessazioni}
    assert ids == {"P01", "P03", "P05"}
    costi = {(c.tipo, c.id): c for c in r.costi}
    assert costi[("assunzione", "A1")].origine == "ccnl"
    assert costi[("assunzione", "A1")].annuo == Decimal("35036.28")  # as P05 above, 2027
    assert costi[("assunzione", "A2")].origine == "profilo"
    assert costi[("assunzione", "A2")].annuo == Decimal("36500.00")
    assert ("assunzione", "A4") not in costi  # typed in by the ente
    assert "COSTI-DA-TABELLA" in {x.codice for x in r.rilievi}
    # 2027 saving a regime: 28.679,77 (P03) + 45.000,00 (P01) = 73.679,77.
    anno = r.anni[0]
    assert anno.cessazioni == Decimal("73679.77")
    # DM spesa 2027: 600.000 + 35.036,28 + 36.500 + 30.000 − 28.679,77 − 45.000 = 627.856,51;
    # 2028 adds A3 and removes P05, both 35.036,28.
    assert [a.spesa_personale for a in r.anni] == [Decimal("627856.51")] * 3
    assert r.esito == "conforme"


def test_sostituzione_di_chi_non_cessa_e_un_rilievo(f):
    persone = [
        p.model_copy(update={"data_nascita": date(1975, 3, 15)}) if p.id == "P01" else p
        for p in f.personale
    ]
    r = verifica(f.model_copy(update={"personale": persone}))
    grave = [x for x in r.rilievi if x.codice == "SOSTITUZIONE-SENZA-CESSAZIONE"]
    assert grave and "A1" in grave[0].messaggio and grave[0].gravita == "attenzione"


def test_json_della_verifica_porta_costi_e_cessazioni(f):
    from fabbisogni.uscite.json import to_json

    dati = json.loads(to_json(verifica(f)))
    assert {c["id"] for c in dati["cessazioni_personale"]} == {"P01", "P03", "P05"}
    assert "fascicolo_verificato" not in dati


# --- bad roster rows ---------------------------------------------------------------------


def _esegui(cartella: Path, comando: str = "verifica") -> subprocess.CompletedProcess[str]:
    return esegui(cartella, comando=comando)


@pytest.fixture
def caso(tmp_path: Path) -> Path:
    destinazione = tmp_path / "caso"
    shutil.copytree(CASO, destinazione)
    return destinazione


def test_data_di_nascita_nel_futuro(caso):
    sostituisci(caso, PERSONALE, "14/07/1982", "14/07/2082")
    riga = riga_di(caso, PERSONALE, "14/07/2082")
    errore(_esegui(caso), file=PERSONALE, riga=riga, campo="data_nascita", contiene="nel futuro")


def test_fte_oltre_uno(caso):
    sostituisci(caso, PERSONALE, "Segreteria;0,5;", "Segreteria;1,5;")
    riga = riga_di(caso, PERSONALE, "Segreteria;1,5;")
    errore(_esegui(caso), file=PERSONALE, riga=riga, campo="fte", contiene="fuori intervallo")


def test_area_sconosciuta(caso):
    sostituisci(caso, PERSONALE, "P01;Funzionari ed EQ;", "P01;Quadri;")
    riga = riga_di(caso, PERSONALE, "P01;Quadri;")
    errore(_esegui(caso), file=PERSONALE, riga=riga, campo="area", contiene="Quadri")


def test_contributi_oltre_l_eta(caso):
    # P06, born 1982: 45 years of contributions at 31/12/2025 is more than the years since 14.
    sostituisci(caso, PERSONALE, "01/10/2012;13;3;", "01/10/2012;45;3;")
    riga = riga_di(caso, PERSONALE, "01/10/2012;45;3;")
    errore(_esegui(caso), file=PERSONALE, riga=riga, contiene="contributi")


def test_assunto_dopo_il_31_dicembre(caso):
    # With the plan starting in 2026 the roster is the staff on 31/12/2025: someone hired on
    # 01/02/2026 belongs to the plan, not to the roster.
    sostituisci(caso, "fascicolo.yaml", "primo_anno: 2027", "primo_anno: 2026")
    sostituisci(caso, PERSONALE, "01/02/2025;2;11;", "01/02/2026;2;11;")
    riga = riga_di(caso, PERSONALE, "01/02/2026;2;11;")
    errore(_esegui(caso), file=PERSONALE, riga=riga, campo="data_assunzione", contiene="31/12/2025")


def test_assunto_in_futuro(caso):
    sostituisci(caso, PERSONALE, "01/02/2025;2;11;", "01/02/2099;2;11;")
    riga = riga_di(caso, PERSONALE, "01/02/2099;2;11;")
    errore(_esegui(caso), file=PERSONALE, riga=riga, contiene="nel futuro")


def test_sesso_non_ammesso(caso):
    sostituisci(
        caso,
        PERSONALE,
        "P01;Funzionari ed EQ;Specialista in attività contabili;Servizio finanziario;1;tempo indeterminato;M;",
        "P01;Funzionari ed EQ;Specialista in attività contabili;Servizio finanziario;1;tempo indeterminato;X;",
    )
    riga = riga_di(caso, PERSONALE, ";X;")
    errore(_esegui(caso), file=PERSONALE, riga=riga, campo="sesso", contiene="X")


def test_sostituisce_chi_non_esiste(caso):
    sostituisci(caso, "piano_assunzioni.csv", "sostituzione;P01;", "sostituzione;P99;")
    riga = riga_di(caso, "piano_assunzioni.csv", "sostituzione;P99;")
    errore(
        _esegui(caso),
        file="piano_assunzioni.csv",
        riga=riga,
        campo="sostituisce",
        contiene=("P99", "personale"),
    )


def test_stesso_posto_coperto_due_volte(caso):
    sostituisci(caso, "piano_assunzioni.csv", "sostituzione;P05;", "sostituzione;P01;")
    riga = riga_di(caso, "piano_assunzioni.csv", "A3;")
    errore(
        _esegui(caso),
        file="piano_assunzioni.csv",
        riga=riga,
        campo="sostituisce",
        contiene=("P01", "due volte"),
    )


def test_data_di_cessazione_senza_causa(caso):
    sostituisci(caso, PERSONALE, "01/03/2027;dimissioni;", "01/03/2027;;")
    riga = riga_di(caso, PERSONALE, "01/03/2027;;")
    errore(_esegui(caso), file=PERSONALE, riga=riga, contiene="insieme")


def test_id_ripetuto(caso):
    sostituisci(caso, PERSONALE, "P06;Istruttori;", "P05;Istruttori;")
    riga = riga_di(caso, PERSONALE, "P05;Istruttori;")
    errore(_esegui(caso), file=PERSONALE, riga=riga, campo="id", contiene="già usato")


# --- the command ----------------------------------------------------------------------------


def test_comando_cessazioni(tmp_path):
    esito = _esegui(CASO, "cessazioni")
    assert esito.returncode == 0, esito.stderr
    assert "P01" in esito.stdout and "01/05/2027" in esito.stdout
    assert "P10" in esito.stdout


def test_comando_cessazioni_json():
    esito = esegui(CASO, "--json", "--simulazioni", "500", comando="cessazioni")
    assert esito.returncode == 0, esito.stderr
    dati = json.loads(esito.stdout)
    assert dati["simulazione"]["simulazioni"] == 500
    assert {c["dipendente"] for c in dati["cessazioni"]} == {"P01", "P03", "P05"}


def test_comando_cessazioni_senza_personale():
    esito = _esegui(ROOT / "fixtures" / "casorate-primo-2024", "cessazioni")
    assert esito.returncode == 2
    assert "personale" in esito.stderr and "Traceback" not in esito.stderr


def test_costo_di_competenza_nel_primo_anno(f):
    # A1 starts in June 2027: 35.036,28 × 7/12 = 20.437,83 (20.437,83 exactly: 245.253,96 / 12).
    costi = {(c.tipo, c.id): c for c in verifica(f).costi}
    a1 = costi[("assunzione", "A1")]
    assert (a1.anno, a1.competenza) == (2027, Decimal("20437.83"))


def test_il_trattenimento_concordato_vince_anche_sulla_prima_data_utile(f):
    # P04 has agreed a trattenimento: even with the first-right ipotesi he stays until 70
    # (20/12/2029 → from 01/01/2030), outside the triennio.
    p = _proietta(f, ipotesi="primo_diritto", simula=False)
    assert _cessazione(p, "P04") is None


def test_persona_oltre_il_limite_e_segnalata(f):
    # Born 10/05/1952, no trattenimento: 67 on 10/05/2019, limit from 01/06/2019, long before
    # 2027; still in the roster → moved out on 01/01/2027 and flagged.
    persone = [
        p.model_copy(update={"data_nascita": date(1952, 5, 10)}) if p.id == "P10" else p
        for p in f.personale
    ]
    caso = f.model_copy(update={"personale": persone})
    c = _cessazione(_proietta(caso, simula=False), "P10")
    assert c is not None and c.data == date(2027, 1, 1)
    r = verifica(caso)
    avvisi = [x for x in r.rilievi if x.codice == "PERSONALE-LIMITE-ETA"]
    assert avvisi and "P10" in avvisi[0].messaggio and "01/06/2019" in avvisi[0].messaggio


def test_cessazione_nota_dopo_il_limite_e_segnalata(f):
    # P01's limit takes effect on 01/05/2027: a declared pension from 01/09/2028 contradicts it.
    persone = [
        p.model_copy(update={"data_cessazione": date(2028, 9, 1), "causa_cessazione": "pensione"})
        if p.id == "P01"
        else p
        for p in f.personale
    ]
    r = verifica(f.model_copy(update={"personale": persone}))
    avvisi = [x for x in r.rilievi if x.codice == "PERSONALE-LIMITE-ETA"]
    assert avvisi and "P01" in avvisi[0].messaggio and "01/05/2027" in avvisi[0].messaggio


def test_dirigente_senza_costo_non_ferma_la_proiezione(f):
    from fabbisogni.caso.fascicolo import Dipendente

    dirigente = Dipendente(
        id="D1",
        area="Dirigenti",
        profilo="Dirigente tecnico",
        sesso="M",
        data_nascita=date(1975, 1, 1),
        contributi_anni=20,
        contributi_al=date(2025, 12, 31),
    )
    p = _proietta(f.model_copy(update={"personale": [*f.personale, dirigente]}), simulazioni=200)
    assert any("D1" in a and "costo non determinabile" in a for a in p.avvisi)


def test_i_parametri_delle_pensioni_arrivano_al_revisore(f):
    # The decorrenza rule of the limite ordinamentale is still to confirm: the result lists it.
    r = verifica(f)
    nomi = {u.nome for u in r.parametri}
    assert {"pensioni.vecchiaia_eta", "pensioni.decorrenza"} <= nomi
    assert any(u.nome == "pensioni.decorrenza" and u.da_confermare for u in r.parametri)


def test_un_csv_non_e_un_fascicolo():
    esito = _esegui(CASO / PERSONALE, "cessazioni")
    assert esito.returncode == 2 and "Traceback" not in esito.stderr
    assert "non è un fascicolo" in esito.stderr and "cartella" in esito.stderr


def test_opzioni_fuori_intervallo_in_italiano():
    esito = esegui(CASO, "--simulazioni", "5", comando="cessazioni")
    assert esito.returncode == 2 and "Traceback" not in esito.stderr
    assert "--simulazioni 5 fuori intervallo: ammesso da 100 a 1.000.000" in esito.stderr


def test_fascicolo_yaml_da_solo_avvisa_dei_csv_accanto():
    esito = _esegui(CASO / "fascicolo.yaml")
    assert "personale.csv" in esito.stderr and "non sono letti" in esito.stderr
