"""Bad input: exit status 2, an Italian message naming file, row and field, never a traceback.

Each bad case is the Casorate Primo fixture copied to a temporary folder with one thing altered.
Row numbers are the physical line in a CSV file (header = 1) and the line of the key in the YAML
file; they are computed here from the altered text, not taken from the program.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASORATE = ROOT / "fixtures" / "casorate-primo-2024"
YAML = "fascicolo.yaml"
PIANO = "piano_assunzioni.csv"
CESSAZIONI = "cessazioni.csv"


# --- helpers ---------------------------------------------------------------------------


def esegui(
    cartella: Path | str, *opzioni: str, comando: str = "verifica"
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), comando, str(cartella), *opzioni],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.fixture
def caso(tmp_path: Path) -> Path:
    destinazione = tmp_path / "caso"
    shutil.copytree(CASORATE, destinazione)
    return destinazione


def leggi(cartella: Path, nome: str) -> str:
    return (cartella / nome).read_text(encoding="utf-8")


def scrivi(cartella: Path, nome: str, testo: str) -> None:
    (cartella / nome).write_text(testo, encoding="utf-8", newline="")


def sostituisci(cartella: Path, nome: str, vecchio: str, nuovo: str) -> None:
    testo = leggi(cartella, nome)
    assert testo.count(vecchio) == 1, f"«{vecchio}» deve comparire una volta sola in {nome}"
    scrivi(cartella, nome, testo.replace(vecchio, nuovo))


def riga_di(cartella: Path, nome: str, frammento: str) -> int:
    """1-based line of the only line of ``nome`` containing ``frammento``."""
    righe = [i for i, r in enumerate(leggi(cartella, nome).splitlines(), 1) if frammento in r]
    assert len(righe) == 1, f"«{frammento}» deve comparire in una sola riga di {nome}: {righe}"
    return righe[0]


def errore(
    esito: subprocess.CompletedProcess[str],
    *,
    file: str,
    riga: int | None = None,
    campo: str | None = None,
    contiene: str | tuple[str, ...] = (),
) -> str:
    """Assert exit 2, no traceback, and one stderr line naming file, row and field."""
    assert esito.returncode == 2, (esito.returncode, esito.stdout[-2000:], esito.stderr)
    assert "Traceback" not in esito.stderr, esito.stderr
    assert "Errore: dati non utilizzabili." in esito.stderr, esito.stderr
    righe = [r.strip().removeprefix("- ") for r in esito.stderr.splitlines()]
    trovate = []
    for r in righe:
        dove, sep, _ = r.partition(": ")
        parti = dove.split(", ")
        if not sep or parti[0] != f"file {file}":
            continue
        if riga is not None and f"riga {riga}" not in parti:
            continue
        if campo is not None and f"campo «{campo}»" not in parti:
            continue
        trovate.append(r)
    assert trovate, (
        f"nessun messaggio per file {file} riga {riga} campo {campo} in:\n{esito.stderr}"
    )
    parole = (contiene,) if isinstance(contiene, str) else contiene
    for messaggio in trovate:
        if all(p in messaggio for p in parole):
            return messaggio
    raise AssertionError(
        f"nessun messaggio per file {file} riga {riga} campo {campo} contiene {parole}:\n{esito.stderr}"
    )


def impronte(cartella: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(cartella.iterdir())
        if p.is_file()
    }


# --- amounts ---------------------------------------------------------------------------


def test_importo_csv_con_tre_decimali(caso):
    sostituisci(caso, PIANO, "C2;30.150,00;", "C2;30.150,123;")
    esito = esegui(caso)
    errore(
        esito,
        file=PIANO,
        riga=riga_di(caso, PIANO, "30.150,123"),
        campo="costo_annuo",
        contiene="più di 2 decimali",
    )


def test_importo_yaml_float_con_tre_decimali(caso):
    sostituisci(caso, YAML, 'spesa_2018: "1.147.023,02"', "spesa_2018: 1234.567")
    esito = esegui(caso)
    msg = errore(
        esito,
        file=YAML,
        riga=riga_di(caso, YAML, "spesa_2018:"),
        campo="spesa_2018",
        contiene="1234.567",
    )
    # the hint for an Italian thousands separator written as a YAML float
    assert "1234567" in msg


def test_importo_negativo(caso):
    sostituisci(caso, YAML, 'importo: "180.000,00"', 'importo: "-180.000,00"')
    esito = esegui(caso)
    errore(
        esito,
        file=YAML,
        riga=riga_di(caso, YAML, "-180.000,00"),
        campo="fcde.importo",
        contiene="negativo",
    )


def test_importo_non_numerico_nel_csv(caso):
    sostituisci(caso, CESSAZIONI, "mobilità;32.747,89;", "mobilità;trentamila;")
    esito = esegui(caso)
    errore(esito, file=CESSAZIONI, riga=2, campo="costo_annuo", contiene="trentamila")


def test_costo_con_irap_minore_del_costo(caso):
    sostituisci(caso, PIANO, "C4;30.150,00;32.166,64;", "C4;30.150,00;29.000,00;")
    esito = esegui(caso)
    errore(esito, file=PIANO, riga=riga_di(caso, PIANO, "29.000,00"), contiene="IRAP")


# --- missing or ill-formed fields --------------------------------------------------------


def test_campo_obbligatorio_mancante(caso):
    testo = leggi(caso, YAML)
    righe = [r for r in testo.splitlines(keepends=True) if "popolazione: 9128" not in r]
    scrivi(caso, YAML, "".join(righe))
    esito = esegui(caso)
    # the field is absent: the row is the one of its parent key «ente:»
    errore(
        esito,
        file=YAML,
        riga=riga_di(caso, YAML, "ente:"),
        campo="ente.popolazione",
        contiene="obbligatorio mancante",
    )


def test_rendiconto_senza_anno(caso):
    sostituisci(caso, YAML, "  - anno: 2021\n    entrate:", "  - entrate:")
    esito = esegui(caso)
    errore(esito, file=YAML, campo="rendiconti[2].anno", contiene="obbligatorio mancante")
    assert "riga " in esito.stderr


def test_rendiconti_non_consecutivi(caso):
    sostituisci(caso, YAML, "  - anno: 2021\n", "  - anno: 2019\n")
    esito = esegui(caso)
    errore(
        esito,
        file=YAML,
        riga=riga_di(caso, YAML, "rendiconti:"),
        campo="rendiconti",
        contiene="consecutivi",
    )


def test_colonna_obbligatoria_mancante_nel_csv(caso):
    testo = leggi(caso, CESSAZIONI)
    nuove = [";".join(r.split(";")[:8] + r.split(";")[9:]) for r in testo.splitlines()]
    scrivi(caso, CESSAZIONI, "\n".join(nuove) + "\n")
    esito = esegui(caso)
    errore(esito, file=CESSAZIONI, riga=1, campo="causa", contiene="colonna obbligatoria mancante")


def test_chiave_yaml_sbagliata_con_riga_e_suggerimento(caso):
    sostituisci(caso, YAML, "  popolazione: 9128", "  popolazone: 9128")
    esito = esegui(caso)
    errore(
        esito,
        file=YAML,
        riga=riga_di(caso, YAML, "popolazone:"),
        campo="ente.popolazone",
        contiene=("campo non previsto", "forse «popolazione»?"),
    )


def test_yaml_malformato(caso):
    sostituisci(caso, YAML, "primo_anno: 2024", "primo_anno: [2024")
    esito = esegui(caso)
    errore(esito, file=YAML, contiene="YAML non valido")
    assert "riga " in esito.stderr


def test_yaml_con_tabulazione(caso):
    sostituisci(caso, YAML, "  provincia: PV", "\tprovincia: PV")
    esito = esegui(caso)
    errore(esito, file=YAML, riga=riga_di(caso, YAML, "provincia: PV"), contiene="YAML non valido")


def test_yaml_chiave_ripetuta(caso):
    sostituisci(caso, YAML, "primo_anno: 2024", "primo_anno: 2024\nprimo_anno: 2025")
    esito = esegui(caso)
    errore(esito, file=YAML, contiene="YAML non valido")


def test_yaml_non_mappa(caso):
    scrivi(caso, YAML, "- solo\n- un elenco\n")
    esito = esegui(caso)
    errore(esito, file=YAML, contiene="elenco di campi")


def test_data_non_valida(caso):
    sostituisci(caso, YAML, "data: 16/01/2024", "data: 31/02/2024")
    esito = esegui(caso)
    errore(
        esito,
        file=YAML,
        riga=riga_di(caso, YAML, "31/02/2024"),
        campo="presupposti.eccedenze.data",
        contiene="31/02/2024",
    )


def test_mese_inizio_fuori_intervallo(caso):
    sostituisci(caso, PIANO, "tempo indeterminato;10;", "tempo indeterminato;13;")
    esito = esegui(caso)
    errore(
        esito,
        file=PIANO,
        riga=riga_di(caso, PIANO, "indeterminato;13;"),
        campo="mese_inizio",
        contiene="13",
    )


def test_mese_cessazione_zero(caso):
    sostituisci(caso, CESSAZIONI, "C4;2024;7;", "C4;2024;0;")
    esito = esegui(caso)
    errore(esito, file=CESSAZIONI, riga=4, campo="mese")


def test_fte_maggiore_di_uno(caso):
    sostituisci(caso, PIANO, "Polizia Locale;1;", "Polizia Locale;1,5;")
    esito = esegui(caso)
    errore(
        esito,
        file=PIANO,
        riga=riga_di(caso, PIANO, "1,5;"),
        campo="fte",
        contiene="fuori intervallo",
    )


def test_parametro_motivato_senza_atto(caso):
    sostituisci(caso, YAML, "    atto: Deliberazione di Giunta Comunale n. 56 del 30/06/2022\n", "")
    esito = esegui(caso)
    errore(esito, file=YAML, campo="lavoro_flessibile.base", contiene="atto")


# --- CSV values and structure ------------------------------------------------------------


def test_area_sconosciuta(caso):
    sostituisci(caso, PIANO, "A3;2024;Istruttori;", "A3;2024;Area dei Maghi;")
    esito = esegui(caso)
    errore(
        esito,
        file=PIANO,
        riga=riga_di(caso, PIANO, "Area dei Maghi"),
        campo="area",
        contiene=("Area dei Maghi", "Istruttori"),
    )


def test_causa_sconosciuta(caso):
    sostituisci(caso, CESSAZIONI, "indeterminato;pensione;", "indeterminato;rapimento alieno;")
    esito = esegui(caso)
    errore(esito, file=CESSAZIONI, riga=4, campo="causa", contiene="rapimento alieno")


def test_riga_csv_duplicata(caso):
    testo = leggi(caso, PIANO)
    ultima = testo.splitlines()[-1]
    scrivi(caso, PIANO, testo.rstrip("\n") + "\n" + ultima + "\n")
    esito = esegui(caso)
    errore(esito, file=PIANO, riga=len(testo.splitlines()) + 1, contiene="riga duplicata")


def test_id_duplicato(caso):
    sostituisci(caso, PIANO, "A3;2024;", "A2;2024;")
    esito = esegui(caso)
    errore(esito, file=PIANO, riga=4, campo="id", contiene="«A2» già usato alla riga 3")


def test_riga_con_troppi_campi(caso):
    sostituisci(caso, PIANO, "32.166,64;\n", "32.166,64;;di troppo\n")
    esito = esegui(caso)
    errore(esito, file=PIANO, riga=3, contiene="15 campi invece di 14")


def test_riga_con_troppi_campi_dopo_una_riga_vuota(caso):
    # a blank line still counts as a physical line
    testo = leggi(caso, PIANO).replace("32.166,64;\n", "32.166,64;\n\n", 1)
    testo = testo.replace("A4;2024;", "A4;2024;;", 1)
    scrivi(caso, PIANO, testo)
    esito = esegui(caso)
    errore(esito, file=PIANO, riga=riga_di(caso, PIANO, "A4;2024;;"), contiene="campi invece di")


def test_numero_di_riga_dopo_una_riga_vuota(caso):
    testo = leggi(caso, PIANO).replace("32.166,64;\n", "32.166,64;\n\n", 1)
    scrivi(caso, PIANO, testo.replace("A4;2024;Istruttori;", "A4;2024;Magia;", 1))
    esito = esegui(caso)
    errore(esito, file=PIANO, riga=riga_di(caso, PIANO, "A4;2024;Magia;"), campo="area")


def test_colonna_sconosciuta_con_suggerimento(caso):
    sostituisci(caso, PIANO, ";servizio;", ";sevizio;")
    esito = esegui(caso)
    errore(
        esito,
        file=PIANO,
        riga=1,
        campo="sevizio",
        contiene=("colonna sconosciuta", "forse «servizio»?"),
    )


def test_csv_solo_vuoto(caso):
    scrivi(caso, CESSAZIONI, "")
    esito = esegui(caso)
    errore(esito, file=CESSAZIONI, riga=1, contiene="vuoto")


# --- encodings -------------------------------------------------------------------------


def test_byte_non_valido_in_utf8_e_cp1252(caso):
    dati = (caso / PIANO).read_bytes().replace(b"Agente di Polizia", b"Agente\x81di Polizia", 1)
    (caso / PIANO).write_bytes(dati)
    esito = esegui(caso)
    errore(esito, file=PIANO, riga=3, contiene=("codifica", "0x81"))


def test_byte_non_valido_nello_yaml(caso):
    dati = (caso / YAML).read_bytes().replace(b"nome: Comune", b"nome: \x81Comune", 1)
    (caso / YAML).write_bytes(dati)
    esito = esegui(caso)
    errore(esito, file=YAML, riga=riga_di_bytes(dati, b"\x81"), contiene="codifica")


def riga_di_bytes(dati: bytes, frammento: bytes) -> int:
    return dati[: dati.index(frammento)].count(b"\n") + 1


def test_csv_utf16(caso):
    testo = leggi(caso, CESSAZIONI)
    (caso / CESSAZIONI).write_bytes(testo.encode("utf-16"))
    esito = esegui(caso)
    errore(esito, file=CESSAZIONI, contiene=("codifica", "UTF-16"))


def test_csv_windows_1252_con_accenti(caso):
    attesa = esegui(caso, "--json")
    assert attesa.returncode in (0, 1), attesa.stderr
    for nome in (PIANO, CESSAZIONI):
        testo = leggi(caso, nome)
        assert "à" in testo
        (caso / nome).write_bytes(testo.encode("cp1252"))
    esito = esegui(caso, "--json")
    assert esito.returncode == attesa.returncode, esito.stderr
    assert "Traceback" not in esito.stderr
    assert json.loads(esito.stdout) == json.loads(attesa.stdout)


def test_csv_utf8_con_bom(caso):
    attesa = esegui(caso, "--json")
    dati = (caso / PIANO).read_bytes()
    (caso / PIANO).write_bytes(b"\xef\xbb\xbf" + dati)
    esito = esegui(caso, "--json")
    assert esito.returncode == attesa.returncode, esito.stderr
    assert json.loads(esito.stdout) == json.loads(attesa.stdout)


# --- Italian conventions that must work ----------------------------------------------------


def test_csv_con_virgola_e_numeri_italiani_tra_virgolette(caso):
    attesa = esegui(caso, "--json")
    assert attesa.returncode in (0, 1), attesa.stderr
    import csv
    import io

    for nome in (PIANO, CESSAZIONI):
        righe = list(csv.reader(io.StringIO(leggi(caso, nome)), delimiter=";"))
        uscita = io.StringIO()
        csv.writer(uscita, delimiter=",", lineterminator="\r\n").writerows(righe)
        assert '"32.747,89"' in uscita.getvalue() or '"30.150,00"' in uscita.getvalue()
        scrivi(caso, nome, uscita.getvalue())
    esito = esegui(caso, "--json")
    assert esito.returncode == attesa.returncode, esito.stderr
    assert json.loads(esito.stdout) == json.loads(attesa.stdout)


def test_numeri_italiani_equivalenti(caso):
    # "1.234,56", "1234,56" and "1234.56" are the same amount
    attesa = esegui(caso, "--json")
    sostituisci(caso, YAML, 'importo: "180.000,00"', 'importo: "180000,00"')
    sostituisci(caso, PIANO, "C1;32.747,89;34.938,30;", "C1;32747.89;€ 34.938,30;")
    esito = esegui(caso, "--json")
    assert esito.returncode == attesa.returncode, esito.stderr
    assert json.loads(esito.stdout) == json.loads(attesa.stdout)


def test_punto_delle_migliaia_senza_decimali(caso):
    # as text, "180.000" is read the Italian way: 180.000,00 (see the doubt in the report: the
    # docstring of numeri.parse_decimal says such a value is rejected as ambiguous)
    attesa = esegui(caso, "--json")
    sostituisci(caso, YAML, 'importo: "180.000,00"', 'importo: "180.000"')
    esito = esegui(caso, "--json")
    assert esito.returncode == attesa.returncode, esito.stderr
    # (5.180.000 + 5.300.000 + 5.446.922) / 3 - 180.000 = 5.128.974,00
    netto = json.loads(esito.stdout)["dm"]["entrate_correnti_nette"]
    assert netto == json.loads(attesa.stdout)["dm"]["entrate_correnti_nette"] == "5128974.00"


def test_sinonimi_italiani_accettati(caso):
    attesa = esegui(caso, "--json")
    sostituisci(caso, PIANO, "A3;2024;Istruttori;", "A3;2024;Area degli Istruttori;")
    sostituisci(caso, CESSAZIONI, "tempo indeterminato;pensione;", "TI;pensionamento;")
    esito = esegui(caso, "--json")
    assert esito.returncode == attesa.returncode, esito.stderr
    assert json.loads(esito.stdout) == json.loads(attesa.stdout)


# --- cross-file coherence ----------------------------------------------------------------


def test_sostituisce_cessazione_inesistente(caso):
    sostituisci(caso, PIANO, "sostituzione;C4;", "sostituzione;C9;")
    esito = esegui(caso)
    errore(esito, file=PIANO, riga=riga_di(caso, PIANO, ";C9;"), campo="sostituisce", contiene="C9")


def test_cessazione_sostituita_due_volte(caso):
    sostituisci(caso, PIANO, "sostituzione;C4;", "sostituzione;C1;")
    esito = esegui(caso)
    errore(
        esito, file=PIANO, riga=5, campo="sostituisce", contiene=("C1", "già coperto", "due volte")
    )


def test_anno_del_piano_fuori_triennio(caso):
    sostituisci(caso, PIANO, "A4;2024;", "A4;2027;")
    esito = esegui(caso)
    errore(esito, file=PIANO, riga=5, campo="anno", contiene="fuori periodo")


def test_cessazione_fuori_triennio(caso):
    sostituisci(caso, CESSAZIONI, "C4;2024;", "C4;2030;")
    esito = esegui(caso)
    errore(esito, file=CESSAZIONI, riga=4, campo="anno", contiene="fuori periodo")


def test_sostituzione_senza_sostituisce(caso):
    sostituisci(caso, PIANO, "sostituzione;C4;", "sostituzione;;")
    esito = esegui(caso)
    errore(esito, file=PIANO, riga=5, contiene="sostituisce")


def test_piano_sia_nello_yaml_sia_nel_csv(caso):
    testo = leggi(caso, YAML) + "piano_assunzioni: []\n"
    scrivi(caso, YAML, testo)
    esito = esegui(caso)
    errore(
        esito, file=YAML, riga=riga_di(caso, YAML, "piano_assunzioni:"), contiene="tenerne uno solo"
    )


def test_piu_errori_riportati_insieme(caso):
    sostituisci(caso, PIANO, "A3;2024;Istruttori;", "A3;2024;Area dei Maghi;")
    sostituisci(caso, CESSAZIONI, "C4;2024;7;", "C4;2024;13;")
    esito = esegui(caso)
    errore(esito, file=PIANO, riga=4, campo="area")
    errore(esito, file=CESSAZIONI, riga=4, campo="mese")


# --- folders ---------------------------------------------------------------------------


def test_cartella_inesistente(tmp_path):
    esito = esegui(tmp_path / "non-esiste")
    errore(esito, file=str(tmp_path / "non-esiste"), contiene="inesistente")


def test_cartella_senza_fascicolo_yaml(tmp_path):
    esito = esegui(tmp_path)
    errore(esito, file=str(tmp_path), contiene="fascicolo.yaml")


def test_i_file_non_sono_modificati(caso):
    # a valid run and an invalid run leave every byte of the input as it was
    prima = impronte(caso)
    esito = esegui(caso, "--json")
    assert esito.returncode in (0, 1), esito.stderr
    assert impronte(caso) == prima
    sostituisci(caso, PIANO, "A3;2024;Istruttori;", "A3;2024;Area dei Maghi;")
    prima = impronte(caso)
    assert esegui(caso).returncode == 2
    assert impronte(caso) == prima
    assert sorted(p.name for p in caso.iterdir()) == sorted(prima)


def test_fixture_originale_intatta():
    prima = impronte(CASORATE)
    esegui(CASORATE)
    assert impronte(CASORATE) == prima


@pytest.mark.parametrize("causa", ["dimissioni", "altro"])
def test_causa_dimissioni_e_altro_accettate(caso, causa):
    # canonical values without a synonym (rejected before a fix made during this work)
    attesa = esegui(caso)
    sostituisci(caso, CESSAZIONI, "indeterminato;pensione;", f"indeterminato;{causa};")
    esito = esegui(caso)
    assert esito.returncode == attesa.returncode, esito.stderr


# --- bugs found while writing these tests, now fixed -------------------------------------


def test_data_yaml_iso_con_mese_13(caso):
    sostituisci(caso, YAML, "data: 16/01/2024", "data: 2024-13-01")
    esito = esegui(caso)
    errore(esito, file=YAML, riga=riga_di(caso, YAML, "2024-13-01"))


def test_numero_di_riga_dopo_una_cella_su_due_righe(caso):
    testo = leggi(caso, PIANO).replace("con eventuale incarico di EQ", '"con eventuale\nincarico"')
    scrivi(caso, PIANO, testo.replace("A4;2024;Istruttori;", "A4;2024;Magia;", 1))
    esito = esegui(caso)
    errore(esito, file=PIANO, riga=riga_di(caso, PIANO, "A4;2024;Magia;"), campo="area")


def test_colonna_ripetuta(caso):
    sostituisci(caso, CESSAZIONI, "id;anno;mese;", "id;anno;anno;")
    esito = esegui(caso)
    errore(esito, file=CESSAZIONI, riga=1, contiene="colonne ripetute: anno")
    assert "duplicated" not in esito.stderr


# --- consistenza.csv (staff on 31 December) ----------------------------------------------

CONSISTENZA = "consistenza.csv"


def test_consistenza_part_time_oltre_le_teste(caso):
    sostituisci(
        caso, CONSISTENZA, "Istruttore tecnico;Istruttori;3;;", "Istruttore tecnico;Istruttori;3;4;"
    )
    esito = esegui(caso)
    errore(
        esito,
        file=CONSISTENZA,
        riga=riga_di(caso, CONSISTENZA, "Istruttore tecnico;"),
        contiene=("part_time (4) maggiore di teste (3)",),
    )


def test_consistenza_fte_senza_part_time_diverso_dalle_teste(caso):
    sostituisci(
        caso,
        CONSISTENZA,
        "Collaboratore tecnico manutentivo;Operatori esperti;3;0;",
        "Collaboratore tecnico manutentivo;Operatori esperti;3;0;2,5",
    )
    esito = esegui(caso)
    errore(
        esito,
        file=CONSISTENZA,
        riga=riga_di(caso, CONSISTENZA, "Collaboratore tecnico manutentivo;"),
        contiene="senza part-time",
    )


@pytest.mark.parametrize("fte", ["2", "3"])  # 3 people, 1 part-time: 2 < FTE < 3
def test_consistenza_fte_fuori_dai_limiti_del_part_time(caso, fte):
    sostituisci(
        caso,
        CONSISTENZA,
        "Istruttore tecnico;Istruttori;3;;",
        f"Istruttore tecnico;Istruttori;3;1;{fte}",
    )
    esito = esegui(caso)
    errore(
        esito,
        file=CONSISTENZA,
        riga=riga_di(caso, CONSISTENZA, "Istruttore tecnico;"),
        contiene="maggiore di 2 e minore di 3",
    )


def test_consistenza_fte_del_part_time_accettato(caso):
    sostituisci(
        caso,
        CONSISTENZA,
        "Istruttore tecnico;Istruttori;3;;",
        "Istruttore tecnico;Istruttori;3;1;2,5",
    )
    esito = esegui(caso)
    assert esito.returncode == 1, esito.stderr  # Casorate stays non verificabile, input accepted


def test_consistenza_area_sconosciuta_e_teste_negative(caso):
    sostituisci(
        caso,
        CONSISTENZA,
        "Operatore amministrativo;Operatori;1;;",
        "Operatore amministrativo;Ausiliari;1;;",
    )
    sostituisci(
        caso,
        CONSISTENZA,
        "Agente di polizia locale;Istruttori;4;;",
        "Agente di polizia locale;Istruttori;-4;;",
    )
    esito = esegui(caso)
    errore(
        esito,
        file=CONSISTENZA,
        riga=riga_di(caso, CONSISTENZA, "Operatore amministrativo;"),
        campo="area",
        contiene="Ausiliari",
    )
    errore(
        esito,
        file=CONSISTENZA,
        riga=riga_di(caso, CONSISTENZA, "Agente di polizia locale;"),
        campo="teste",
    )


def test_riga_c_nella_base_del_557_rifiutata(caso):
    sostituisci(
        caso,
        YAML,
        "    tipo: media_2011_2013\n",
        '    tipo: media_2011_2013\n    maggior_spesa_dm: "10.000,00"\n',
    )
    esito = esegui(caso)
    errore(
        esito,
        file=YAML,
        riga=riga_di(caso, YAML, "maggior_spesa_dm"),
        campo="comma_557.base.maggior_spesa_dm",
        contiene="riga C",
    )


# --- parameter overrides are checked like any other field -------------------------------

SOVRASCRITTURA = """
parametri:
  - nome: {nome}
{chiave}    valore: {valore}
    fonte: {{atto: Deliberazione di prova, articolo: art. 1, pubblicazione: albo pretorio}}
    motivazione: prova
"""


@pytest.mark.parametrize(
    ("nome", "chiave", "valore", "campo", "parola"),
    [
        ("dm.tabella_1", "e", '"pippo"', "valore", "non numerico"),
        ("dm.tabella_1", "e", '"150%"', "valore", "fuori intervallo"),
        ("dm.tabella_1", "zz", '"27%"', "chiave", "«zz» non esiste"),
        ("dm.tabella_99", None, '"27%"', "valore", "inesistente"),
    ],
)
def test_sovrascrittura_non_valida(caso, nome, chiave, valore, campo, parola):
    riga_chiave = f"    chiave: {chiave}\n" if chiave else ""
    testo = leggi(caso, YAML) + SOVRASCRITTURA.format(nome=nome, chiave=riga_chiave, valore=valore)
    scrivi(caso, YAML, testo)
    riga = riga_di(caso, YAML, f"chiave: {chiave}" if campo == "chiave" else f"valore: {valore}")
    errore(esegui(caso), file=YAML, riga=riga, campo=f"parametri[1].{campo}", contiene=parola)
