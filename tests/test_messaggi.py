"""No English reaches the user from input validation (fabbisogni/messaggi.py).

Every bad input here is real: a YAML or CSV file written to a copy of the Casorate Primo case,
a scenario file, a workbook changed with openpyxl, or a dict validated through the models. Each
must give an Italian message naming file, row and field; a few go through the command line for
the exit status 2. Row numbers are computed from the altered text, not taken from the program.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel, ValidationError
from pydantic_core.core_schema import ErrorType

from fabbisogni.caso.fascicolo import (
    Atto,
    Base557,
    Dichiarati,
    Ente,
    Fascicolo,
    ImportoDichiarato,
    OrganoRevisione,
    Proiezione,
)
from fabbisogni.caso.scenari import Scenario
from fabbisogni.errors import ErroreParametro
from fabbisogni.messaggi import (
    elenco_valori,
    messaggio_csv,
    messaggio_errore,
    messaggio_os,
    messaggio_yaml,
)
from fabbisogni.parametri import Sovrascrittura
from tests.conftest import FIXTURES
from tests.test_excel import problemi  # the messages of reading a case, one per problem
from tests.test_input import (
    CASORATE,
    CESSAZIONI,
    PIANO,
    YAML,
    errore,
    esegui,
    leggi,
    riga_di,
    scrivi,
    sostituisci,
)

CONSISTENZA = "consistenza.csv"
VIRTUOSO = FIXTURES / "sintetico-virtuoso-2025"

# Words of pydantic's, ruamel's and the csv module's English messages.
INGLESE = re.compile(
    r"\b(should|input|valid|field required|mapping values|expected|found|value error|"
    r"unable|string|integer|instance|allowed|character|token|scanning|duplicate|"
    r"unexpected|line \d|column \d)\b",
    re.IGNORECASE,
)


@pytest.fixture
def caso(tmp_path: Path) -> Path:
    destinazione = tmp_path / "caso"
    shutil.copytree(CASORATE, destinazione)
    return destinazione


def senza_inglese(testo: str) -> None:
    trovate = INGLESE.findall(testo)
    assert not trovate, f"inglese ({trovate}) in: {testo}"


def trova(
    righe: list[str],
    *,
    file: str,
    riga: int | None = None,
    campo: str | None = None,
    contiene: str | tuple[str, ...] = (),
) -> str:
    """The one message naming this place and containing these words (and no English)."""
    parole = (contiene,) if isinstance(contiene, str) else contiene
    for r in righe:
        senza_inglese(r)
    for r in righe:
        dove, sep, _ = r.partition(": ")
        parti = dove.split(", ")
        if not sep or parti[0] != f"file {file}":
            continue
        if riga is not None and f"riga {riga}" not in parti:
            continue
        if campo is not None and f"campo «{campo}»" not in parti:
            continue
        if all(p in r for p in parole):
            return r
    raise AssertionError(
        f"nessun messaggio per {file} riga {riga} campo {campo} {parole}:\n{righe}"
    )


def aggiungi_yaml(cartella: Path, testo: str) -> None:
    scrivi(cartella, YAML, leggi(cartella, YAML) + testo)


def errori_modello(modello: type[BaseModel], dati: Any) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as info:
        modello.model_validate(dati)
    return info.value.errors()


# --- every pydantic error type has an Italian message ---------------------------------------


ESEMPI_CTX: dict[str, dict[str, Any]] = {
    "greater_than": {"gt": 0},
    "greater_than_equal": {"ge": 0},
    "less_than": {"lt": 1},
    "less_than_equal": {"le": 1},
    "multiple_of": {"multiple_of": Decimal("0.5")},
    "too_short": {"field_type": "List", "min_length": 3, "actual_length": 1},
    "too_long": {"field_type": "Dictionary", "max_length": 3, "actual_length": 4},
    "string_too_short": {"min_length": 3},
    "string_too_long": {"max_length": 3},
    "string_pattern_mismatch": {"pattern": "^x+$"},
    "literal_error": {"expected": "'a', 'b' or 'c'"},
    "enum": {"expected": "'a' or 'b'"},
    "decimal_max_digits": {"max_digits": 5},
    "decimal_max_places": {"decimal_places": 2},
    "decimal_whole_digits": {"whole_digits": 3},
    "union_tag_invalid": {"discriminator": "'tipo'", "tag": "x", "expected_tags": "'a', 'b'"},
    "union_tag_not_found": {"discriminator": "'tipo'"},
    "url_scheme": {"expected_schemes": "'http' or 'https'"},
    "url_too_long": {"max_length": 10},
    "uuid_version": {"expected_version": 4},
    "value_error": {"error": ValueError("importo negativo")},
    "assertion_error": {"error": AssertionError("condizione non rispettata")},
}


@pytest.mark.parametrize("tipo", get_args(ErrorType))
def test_ogni_tipo_di_errore_di_pydantic_ha_un_messaggio_italiano(tipo):
    err = {
        "type": tipo,
        "loc": ("campo",),
        "msg": "Input should be a valid something, found nothing",
        "input": "abc",
        "ctx": ESEMPI_CTX.get(tipo, {}),
    }
    testo = messaggio_errore(err)
    assert testo and "Input should" not in testo
    senza_inglese(testo)


def test_un_tipo_sconosciuto_non_mostra_il_testo_di_pydantic():
    err = {"type": "nuovo_tipo", "loc": ("x",), "msg": "Input should be new", "input": 1.5}
    assert messaggio_errore(err) == "valore «1,5» non valido"
    assert messaggio_errore({"type": "altro", "loc": (), "msg": "Nope"}) == "valore non valido"


def test_prefisso_value_error_tolto_senza_ctx():
    err = {"type": "value_error", "loc": (), "msg": "Value error, anno_fine e mese_fine insieme"}
    assert messaggio_errore(err) == "anno_fine e mese_fine insieme"


def test_valori_ammessi_all_italiana():
    assert elenco_valori(["a", "b", "c"]) == "«a», «b» o «c»"
    err = {"type": "literal_error", "loc": ("t",), "input": "x", "ctx": {"expected": "'a' or 'b'"}}
    assert messaggio_errore(err) == "valore «x» non ammesso: valori ammessi «a» o «b»"


# --- the error types our models can give, from real input -----------------------------------


@pytest.mark.parametrize(
    ("modello", "dati", "tipo", "atteso"),
    [
        (
            Sovrascrittura,
            {
                "nome": "x",
                "valore": 1,
                "fonte": {"atto": "ab", "articolo": "1", "pubblicazione": "albo"},
                "motivazione": "ok!",
            },
            "string_too_short",
            "testo «ab» troppo corto: servono almeno 3 caratteri",
        ),
        (
            Sovrascrittura,
            {
                "nome": "x",
                "valore": 1,
                "fonte": {"atto": "abc", "articolo": "", "pubblicazione": "albo"},
                "motivazione": "ok!",
            },
            "string_too_short",
            "testo vuoto",
        ),
        (
            Ente,
            {"nome": "x", "popolazione": "9.128a", "anno_popolazione": 2023},
            "int_parsing",
            "«9.128a» non è un numero intero",
        ),
        (
            Ente,
            {"nome": "x", "popolazione": 9128.5, "anno_popolazione": 2023},
            "int_from_float",
            "«9128,5» non è un numero intero",
        ),
        (
            Ente,
            {"nome": "x", "popolazione": 1, "anno_popolazione": 1999},
            "greater_than_equal",
            "«1999» troppo piccolo: deve essere almeno 2000",
        ),
        (
            Ente,
            {"nome": "x", "popolazione": 1, "anno_popolazione": 2101},
            "less_than_equal",
            "«2101» troppo grande: deve essere al massimo 2100",
        ),
        (
            Ente,
            {"nome": "x", "popolazione": 1, "anno_popolazione": 2023, "codice_istat": "18041"},
            "string_pattern_mismatch",
            "sei cifre",
        ),
        (
            Ente,
            {"nome": "x", "popolazione": 1, "anno_popolazione": 2023, "codice_istat": 18041},
            "string_type",
            "tra virgolette",
        ),
        (
            Ente,
            {"nome": "x", "popolazione": 1, "anno_popolazione": 2023, "approvazione_cosfel": "sì"},
            "model_type",
            "qui serve un elenco di campi",
        ),
        (
            Ente,
            {"nome": ["x"], "popolazione": 1, "anno_popolazione": 2023},
            "string_type",
            "qui serve un testo, non un elenco",
        ),
        (
            Ente,
            {"popolazione": 1, "anno_popolazione": 2023},
            "missing",
            "campo obbligatorio mancante",
        ),
        (
            Ente,
            {"nome": "x", "popolazione": 1, "anno_popolazione": 2023, "popolazone": 1},
            "extra_forbidden",
            "campo non previsto",
        ),
        (
            Atto,
            {"atto": "x", "data": 20240116},
            "date_from_datetime_inexact",
            "«20240116» non è una data (scrivere gg/mm/aaaa",
        ),
        (Atto, {"atto": "x", "data": [16, 1, 2024]}, "date_type", "non è una data"),
        (
            Atto,
            {"atto": "x", "data": "31/02/2024"},
            "value_error",
            "«31/02/2024» non è una data valida",
        ),
        (ImportoDichiarato, {"valore": "mille"}, "decimal_parsing", "«mille» non è un numero"),
        (ImportoDichiarato, {"valore": [1]}, "decimal_type", "un elenco non è un numero"),
        (
            ImportoDichiarato,
            {"valore": "Infinity"},
            "finite_number",
            "«Infinity» non è un numero finito",
        ),
        (
            ImportoDichiarato,
            {"valore": 1, "forma_non_valida": "forse"},
            "bool_parsing",
            "«forse» non è sì/no",
        ),
        (
            ImportoDichiarato,
            {"valore": 1, "forma_non_valida": [1]},
            "bool_type",
            "un elenco non è sì/no",
        ),
        (
            Dichiarati,
            {"fonte": "x", "anni_entrate": "2022"},
            "list_type",
            "qui serve un elenco (righe che cominciano con «-»), non «2022»",
        ),
        (
            Dichiarati,
            {"fonte": "x", "spesa_prevista": [1]},
            "dict_type",
            "qui serve un elenco di campi",
        ),
        (
            Dichiarati,
            {"fonte": "x", "spesa_prevista": {"duemila": 1}},
            "int_parsing",
            "«duemila» non è un numero intero",
        ),
        (
            Base557,
            {"tipo": "media", "componenti": [{"voce": "x", "importo": 1}]},
            "literal_error",
            "valore «media» non ammesso: valori ammessi «media_2011_2013» o «anno_2008»",
        ),
        (
            Base557,
            {"tipo": "anno_2008", "componenti": []},
            "too_short",
            "serve almeno un elemento (qui 0)",
        ),
        (
            Fascicolo,
            {"presupposti": {"durc": {"rispettato": True}}},
            "literal_error",
            "chiave «durc» non ammessa: chiavi ammesse «bilanci_bdap»",
        ),
        (
            Fascicolo,
            {"rendiconti": [{}, {}, {}, {}]},
            "too_long",
            "ammessi al massimo 3 elementi (qui 4)",
        ),
        (
            Proiezione,
            {"tassi_uscita": {"tutte": "150%"}},
            "value_error",
            "percentuale 150% fuori intervallo",
        ),
        (
            Proiezione,
            {"simulazioni": 10},
            "greater_than_equal",
            "«10» troppo piccolo: deve essere almeno 100",
        ),
        (OrganoRevisione, {"componenti": "Rossi"}, "list_type", "qui serve un elenco"),
        (
            Scenario,
            {"nome": "x", "base": "b", "fcde": {2024: "5%"}},
            "value_error",
            "va scritta con il segno",
        ),
        (
            Scenario,
            {"nome": "x", "base": "b", "entrate": {"anno": "+5%"}},
            "int_parsing",
            "«anno» non è un numero intero",
        ),
    ],
)
def test_errore_del_modello_in_italiano(modello, dati, tipo, atteso):
    errori = [e for e in errori_modello(modello, dati) if e["type"] == tipo]
    assert errori, errori_modello(modello, dati)
    testi = [messaggio_errore(e) for e in errori]
    assert any(atteso in t for t in testi), testi
    for t in testi:
        senza_inglese(t)


# --- through the files of a case ---------------------------------------------------------


def test_motivazione_troppo_corta_nel_fascicolo(caso):
    aggiungi_yaml(
        caso,
        'parametri:\n  - nome: dm.tabella_1\n    chiave: e\n    valore: "27%"\n'
        "    fonte: {atto: Delibera, articolo: art. 1, pubblicazione: albo}\n"
        "    motivazione: no\n",
    )
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "motivazione: no"),
        campo="parametri[1].motivazione",
        contiene="testo «no» troppo corto: servono almeno 3 caratteri",
    )


def test_chiave_dei_presupposti_sconosciuta(caso):
    sostituisci(caso, YAML, "  bilanci_bdap:\n", "  bilanci_bdapp:\n")
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "bilanci_bdapp:"),
        campo="presupposti.bilanci_bdapp",
        contiene="chiave «bilanci_bdapp» non ammessa",
    )


def test_anno_come_chiave_nominato_come_scritto(caso):
    sostituisci(caso, YAML, '    2024: "1.445.249,00"', '    1999: "1.445.249,00"')
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "1999:"),
        campo="dichiarati.spesa_prevista.1999",
        contiene="«1999» troppo piccolo: deve essere almeno 2000",
    )


def test_testo_scritto_come_numero(caso):
    sostituisci(caso, YAML, "  provincia: PV", "  provincia: 18")
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "provincia: 18"),
        campo="ente.provincia",
        contiene="«18» è letto come un numero, ma qui serve un testo",
    )


def test_sezione_scritta_come_valore(caso):
    sostituisci(caso, YAML, "  parere_revisore:\n", "  parere_revisore: sì\n  xx:\n")
    righe = problemi(caso)
    trova(
        righe,
        file=YAML,
        campo="presupposti.parere_revisore",
        contiene="qui serve un elenco di campi",
    )


# --- YAML syntax -------------------------------------------------------------------------


def test_yaml_tabulazione(caso):
    sostituisci(caso, YAML, "  provincia: PV", "\tprovincia: PV")
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "provincia: PV"),
        contiene=("YAML non valido", "non il tasto Tab"),
    )


def test_yaml_chiave_ripetuta_con_la_prima_riga(caso):
    sostituisci(caso, YAML, "primo_anno: 2024", "primo_anno: 2024\nprimo_anno: 2025")
    prima = riga_di(caso, YAML, "primo_anno: 2024")
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "primo_anno: 2025"),
        contiene=f"campo «primo_anno» scritto due volte (la prima volta alla riga {prima})",
    )


def test_yaml_chiave_ripetuta_in_una_sezione(caso):
    sostituisci(caso, YAML, "  provincia: PV", "  provincia: PV\n  provincia: MI")
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "provincia: MI"),
        contiene="campo «provincia» scritto due volte",
    )


def test_yaml_due_punti_nel_valore(caso):
    sostituisci(caso, YAML, "  provincia: PV", "  provincia: PV: Pavia")
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "PV: Pavia"),
        contiene=("due punti «:» non attesi", "tra virgolette"),
    )


def test_yaml_due_punti_mancanti(caso):
    sostituisci(caso, YAML, "  provincia: PV", "  provincia PV")
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "provincia PV"),
        contiene="mancano i due punti",
    )


def test_yaml_virgolette_non_chiuse(caso):
    sostituisci(caso, YAML, 'spesa_2018: "1.147.023,02"', 'spesa_2018: "1.147.023,02')
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "spesa_2018:"),
        contiene="virgolette aperte e non chiuse",
    )


def test_yaml_parentesi_non_chiusa(caso):
    sostituisci(caso, YAML, "primo_anno: 2024", "primo_anno: [2024")
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "primo_anno: [2024"),
        contiene="parentesi quadra «[» aperta e non chiusa",
    )


def test_yaml_alias_non_definito(caso):
    sostituisci(caso, YAML, "  provincia: PV", "  provincia: *PV")
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "provincia: *PV"),
        contiene="«*PV» rimanda a un'ancora «&PV» che non c'è",
    )


def test_yaml_rientro_sbagliato(caso):
    sostituisci(caso, YAML, "  provincia: PV", " provincia: PV")
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, " provincia: PV"),
        contiene="rientro sbagliato",
    )


def test_yaml_barra_rovesciata_tra_virgolette(tmp_path):
    percorso = tmp_path / "scenario.yaml"
    percorso.write_text('nome: Prova\nbase: "C:\\Fascicoli\\virtuoso"\n', encoding="utf-8")
    trova(
        problemi(percorso),
        file="scenario.yaml",
        riga=2,
        contiene="barra rovesciata",
    )


def test_yaml_carattere_di_controllo(caso):
    sostituisci(caso, YAML, "  provincia: PV", "  provincia: P\x07V")
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "provincia: P"),
        contiene="carattere di controllo non ammesso (codice U+0007)",
    )


def test_yaml_data_impossibile(caso):
    sostituisci(caso, YAML, "data: 16/01/2024", "data: 2024-02-30")
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "2024-02-30"),
        contiene="data impossibile «2024-02-30»: il mese 2 del 2024 ha 29 giorni",
    )


def test_yaml_etichetta_sbagliata(caso):
    sostituisci(caso, YAML, "  popolazione: 9128", "  popolazione: !!int novemila")
    trova(
        problemi(caso),
        file=YAML,
        riga=riga_di(caso, YAML, "!!int"),
        contiene="etichetta «!!»",
    )


@pytest.mark.parametrize(
    ("testo", "parole"),
    [
        ("a: 1\n---\nb: 2\n", "più documenti"),
        ("a: %x\n", "non può cominciare con «%»"),
        ("a: ]\n", "non può cominciare con «]»"),
        ("a: {x: 1\nb: 2\n", "parentesi graffa"),
        ("a:\n  b: 1\n  - 2\n", "elemento di elenco"),
        ("a: &\n", "«&» a inizio valore"),
        ("a: |x\n  t\n", "dopo «|» o «>»"),
        ("l:\n  - a: 1\n    a: 2\n", "scritto due volte (la prima volta alla riga 2)"),
    ],
)
def test_messaggi_yaml(testo, parole):
    from ruamel.yaml import YAML as Lettore
    from ruamel.yaml.error import YAMLError

    with pytest.raises(YAMLError) as info:
        Lettore(typ="rt").load(testo)
    messaggio, riga = messaggio_yaml(info.value, testo)
    assert parole in messaggio and riga is not None
    senza_inglese(messaggio)


# --- CSV and files -----------------------------------------------------------------------


def test_csv_separato_da_tabulatore(caso):
    scrivi(caso, CESSAZIONI, leggi(caso, CESSAZIONI).replace(";", "\t"))
    trova(problemi(caso), file=CESSAZIONI, riga=1, contiene="colonne separate con il tabulatore")


def test_csv_con_una_colonna_sola(caso):
    scrivi(caso, CESSAZIONI, "id\nC1\n")
    trova(problemi(caso), file=CESSAZIONI, riga=1, contiene="l'intestazione ha una colonna sola")


def test_csv_troppi_campi(caso):
    sostituisci(caso, CESSAZIONI, "C4;2024;7;", "C4;2024;7;;")
    trova(
        problemi(caso),
        file=CESSAZIONI,
        riga=riga_di(caso, CESSAZIONI, "C4;2024;7;"),
        contiene="la riga ha 13 campi invece di 12",
    )


def test_csv_virgolette_non_chiuse(caso):
    sostituisci(caso, PIANO, "A2;2024;Istruttori;", 'A2;2024;"Istruttori;')
    trova(
        problemi(caso),
        file=PIANO,
        riga=riga_di(caso, PIANO, 'A2;2024;"Istruttori;'),
        contiene='virgolette «"» aperte in questa riga',
    )


def test_csv_cella_enorme():
    import csv
    import io

    with pytest.raises(csv.Error) as info:
        list(csv.reader(io.StringIO('a;b\n"' + "x" * 200_000 + "\n", newline=""), delimiter=";"))
    testo = messaggio_csv(info.value)
    assert "virgoletta" in testo
    senza_inglese(testo)


def test_csv_codifica(caso):
    (caso / CESSAZIONI).write_bytes("id;anno\n".encode("utf-16"))
    trova(problemi(caso), file=CESSAZIONI, contiene="codifica non supportata")


def test_file_non_leggibile_in_italiano(tmp_path):
    try:
        (tmp_path / "cartella").mkdir()
        (tmp_path / "cartella").read_bytes()
    except OSError as exc:
        testo = messaggio_os(exc)
    assert testo.startswith("file non leggibile (")
    senza_inglese(testo)


# --- numbers written the Italian way ------------------------------------------------------


def test_fte_del_csv_come_scritto(caso):
    sostituisci(caso, PIANO, "Polizia Locale;1;", "Polizia Locale;1,5;")
    trova(
        problemi(caso),
        file=PIANO,
        riga=riga_di(caso, PIANO, "1,5;"),
        campo="fte",
        contiene="quota FTE 1,5 fuori intervallo",
    )


def test_fte_della_consistenza_con_la_virgola(caso):
    sostituisci(
        caso,
        CONSISTENZA,
        "Istruttore tecnico;Istruttori;3;;",
        "Istruttore tecnico;Istruttori;3;;3,5",
    )
    trova(
        problemi(caso),
        file=CONSISTENZA,
        riga=riga_di(caso, CONSISTENZA, "Istruttore tecnico;"),
        contiene="fte (3,5) maggiore di teste (3)",
    )


def test_importo_negativo_dal_yaml_con_la_virgola(caso):
    sostituisci(caso, YAML, 'importo: "180.000,00"', "importo: -180000.5")
    trova(
        problemi(caso),
        file=YAML,
        campo="fcde.importo",
        contiene="importo negativo (-180.000,5)",
    )


def test_fte_dal_foglio_excel_con_la_virgola(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from fabbisogni.caso.excel.comandi import modello

    percorso = tmp_path / "Casorate.xlsx"
    modello(percorso, CASORATE)
    wb = openpyxl.load_workbook(percorso)
    ws = wb["Piano"]
    intestazioni = [c.value for c in ws[1]]
    colonna_id, colonna_fte = intestazioni.index("id") + 1, intestazioni.index("fte") + 1
    riga = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, colonna_id).value == "A2")
    ws.cell(riga, colonna_fte).value = 1.5
    wb.save(percorso)
    messaggio = next(m for m in problemi(percorso) if "fte" in m)
    assert "foglio «Piano»" in messaggio and f"riga {riga}" in messaggio
    assert "quota FTE 1,5 fuori intervallo" in messaggio
    senza_inglese(messaggio)


# --- scenarios and tables ------------------------------------------------------------------


def test_scenario_con_errori_di_tipo(tmp_path):
    percorso = tmp_path / "scenario.yaml"
    percorso.write_text(
        f"nome: Prova\nbase: {VIRTUOSO}\nassunzioni:\n  togli: A1\n"
        "parametri:\n  - nome: dm.tabella_1\n    valore: 1\n"
        "    fonte: {atto: x, articolo: art. 1, pubblicazione: albo}\n    motivazione: ok\n",
        encoding="utf-8",
    )
    righe = problemi(percorso)
    trova(righe, file="scenario.yaml", riga=4, campo="assunzioni.togli", contiene="un elenco")
    trova(
        righe,
        file="scenario.yaml",
        riga=8,
        campo="parametri[1].fonte.atto",
        contiene="testo «x» troppo corto",
    )
    trova(righe, file="scenario.yaml", riga=9, campo="parametri[1].motivazione")


def test_tabella_non_valida_in_italiano(tmp_path):
    from fabbisogni.parametri import _analizza_file

    testo = (
        "nome: prova.a\ndescrizione: prova\nunita: euro\nversioni:\n  - dal: 2020-01-01\n"
        "    fonte: {atto: x, articolo: art. 1, pubblicazione: GU}\n    valore: 1\n"
    )
    with pytest.raises(ErroreParametro) as info:
        _analizza_file(tmp_path / "a.yaml", testo)
    assert "campo «versioni[1].fonte.atto»: testo «x» troppo corto" in str(info.value)
    senza_inglese(str(info.value))
    with pytest.raises(ErroreParametro) as info:
        _analizza_file(tmp_path / "a.yaml", "nome: a\n\tx: 1\n")
    assert "riga 2" in str(info.value) and "Tab" in str(info.value)


# --- the command line: exit status 2, Italian, no traceback --------------------------------


def test_da_riga_di_comando_yaml_con_tab(caso):
    sostituisci(caso, YAML, "  provincia: PV", "\tprovincia: PV")
    esito = esegui(caso)
    messaggio = errore(
        esito, file=YAML, riga=riga_di(caso, YAML, "provincia: PV"), contiene="tasto Tab"
    )
    senza_inglese(esito.stderr)
    assert "\\t" not in messaggio


def test_da_riga_di_comando_fte_e_mese(caso):
    sostituisci(caso, PIANO, "Polizia Locale;1;", "Polizia Locale;1,5;")
    sostituisci(caso, CESSAZIONI, "C4;2024;7;", "C4;2024;tredici;")
    esito = esegui(caso)
    errore(esito, file=PIANO, campo="fte", contiene="quota FTE 1,5")
    errore(esito, file=CESSAZIONI, campo="mese", contiene="«tredici» non è un numero intero")
    senza_inglese(esito.stderr)


# --- a sweep of bad inputs: never an English word --------------------------------------------

GUASTI_YAML = [
    ("  provincia: PV", "  provincia: [PV"),
    ("  provincia: PV", "  provincia: {PV"),
    ("  provincia: PV", "  provincia: 'PV"),
    ("  provincia: PV", "  provincia: @PV"),
    ("  provincia: PV", "  provincia: `PV`"),
    ("  provincia: PV", "  provincia: PV\n provincia2: MI"),
    ("  provincia: PV", "  - provincia: PV"),
    ("  provincia: PV", "  provincia: &"),
    ("  provincia: PV", "  provincia: !!float pv"),
    ("  provincia: PV", "  provincia: PV\n---\n"),
    ("  popolazione: 9128", "  popolazione: 9128,5"),
    ("  popolazione: 9128", "  popolazione: [9128]"),
    ("  popolazione: 9128", "  popolazione: -1"),
    ("  popolazione: 9128", "  popolazione: 9128\n  codice_istat: 18041"),
    ("  popolazione: 9128", "  popolazione: 9128\n  approvazione_cosfel: sì"),
    ("  dissesto: no", "  dissesto: forse"),
    ("primo_anno: 2024", "primo_anno: duemila"),
    ("primo_anno: 2024", "primo_anno: 2024.5"),
    ("primo_anno: 2024", "primo_anno: 3000"),
    ("primo_anno: 2024", "primo_anno: 2024\ntesti: []"),
    ("primo_anno: 2024", "primo_anno: 2024\norgano_revisione: {composizione: giunta}"),
    ("primo_anno: 2024", "primo_anno: 2024\nproiezione: {tassi_uscita: {tutte: 2}}"),
    ('importo: "180.000,00"', "importo: .inf"),
    ('importo: "180.000,00"', "importo: [1]"),
    ('importo: "180.000,00"', "importo: true"),
    ("data: 16/01/2024", "data: 2024-13-01"),
    ("data: 16/01/2024", "data: 20240116"),
    ("    tipo: media_2011_2013\n", "    tipo: media\n"),
    ('  rapporto: "24,70%"', '  rapporto: "124,70%"'),
    ('  rapporto: "24,70%"', "  rapporto: [1]"),
]


@pytest.mark.parametrize(("vecchio", "nuovo"), GUASTI_YAML)
def test_nessuna_parola_inglese_dal_fascicolo(caso, vecchio, nuovo):
    sostituisci(caso, YAML, vecchio, nuovo)
    righe = problemi(caso)
    assert righe
    for r in righe:
        assert r.startswith(f"file {YAML}"), r
        senza_inglese(r)


GUASTI_CSV = [
    (PIANO, "A2;2024;Istruttori;", "A2;2024.5;Istruttori;"),
    (PIANO, "A2;2024;Istruttori;", "A2;;Istruttori;"),
    (PIANO, "A2;2024;Istruttori;", "A2;2024;Istruttori;;"),
    (PIANO, "Polizia Locale;1;", "Polizia Locale;mezzo;"),
    (PIANO, "Polizia Locale;1;", "Polizia Locale;0;"),
    (CESSAZIONI, "C4;2024;7;", "C4;2024;7,5;"),
    (CESSAZIONI, "C4;2024;7;", "C4;2024;99999999999999999999999;"),
    (CESSAZIONI, "mobilità;32.747,89;", "mobilità;32,747,89;"),
    (CESSAZIONI, "mobilità;32.747,89;", "mobilità;-5;"),
    (CONSISTENZA, "Istruttore tecnico;Istruttori;3;;", "Istruttore tecnico;Istruttori;tre;;"),
    (CONSISTENZA, "Istruttore tecnico;Istruttori;3;;", "Istruttore tecnico;Istruttori;3;5;2,5"),
]


@pytest.mark.parametrize(("nome", "vecchio", "nuovo"), GUASTI_CSV)
def test_nessuna_parola_inglese_dai_csv(caso, nome, vecchio, nuovo):
    sostituisci(caso, nome, vecchio, nuovo)
    righe = problemi(caso)
    assert any(r.startswith(f"file {nome}, riga ") for r in righe), righe
    for r in righe:
        senza_inglese(r)
