"""The case as an Excel workbook: the template, reading it, converting both ways without loss.

Lossless means: for every fixture, and for a case that sets every field of the model, folder →
workbook → case and folder → workbook → folder → case give the same ``model_dump()`` as the
folder. A bad workbook is an Italian message naming sheet, row and column, exit status 2, never
a traceback. Bad workbooks are made here from a good one by changing one cell with openpyxl;
row numbers are looked up in the sheet, not taken from the program.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from fabbisogni.caso.excel.comandi import converti, modello
from fabbisogni.caso.excel.schema import FOGLI, ISTRUZIONI, MARCATORE
from fabbisogni.caso.fascicolo import Fascicolo
from fabbisogni.caso.lettura import file_di_input, leggi_fascicolo
from fabbisogni.errors import ErroreFabbisogni, ErroriInput
from fabbisogni.uscite.scrittura import ErroreUscita
from tests.conftest import FIXTURES, ROOT

openpyxl = pytest.importorskip("openpyxl")

CASI = sorted(p for p in FIXTURES.iterdir() if (p / "fascicolo.yaml").is_file())
CASORATE = FIXTURES / "casorate-primo-2024"


# --- a case that sets every field of the model --------------------------------------------

YAML_COMPLETO = """\
# Caso di prova: ogni campo del fascicolo ha un valore diverso dal predefinito.
ente:
  nome: Comune di Prova Completo
  codice_istat: "012345"
  provincia: NO
  popolazione: 4000
  anno_popolazione: 2025
  unione_di_comuni: sì
  dissesto: sì
  deficitario: sì
  riequilibrio: sì
  approvazione_cosfel: {atto: "Decisione COSFEL n. 12", data: 15/03/2026}
  dipendenti: 30
primo_anno: 2027
rendiconti:
  - anno: 2023
    entrate: {titolo_1: "2.000.000,00", titolo_2: "300.000,00", titolo_3: "300.000,00"}
    entrate_neutralizzate:
      - voce: Contributo regionale per il personale dei servizi sociali
        importo: "12.345,67"
        tipo: art57_c3septies
        riferimento: art. 57 c.3-septies DL 104/2020
  - anno: 2024
    entrate: {titolo_1: "2.000.000,00", titolo_2: "300.000,00", titolo_3: "300.000,01"}
  - anno: 2025
    entrate: {titolo_1: "2.000.000,00", titolo_2: "300.000,00", titolo_3: "300.000,00"}
    entrate_neutralizzate:
      - {voce: Fondo povertà, importo: "8.000,00", tipo: fondo_poverta, riferimento: L. 178/2020}
      - {voce: Altro, importo: "1.000,00", tipo: altro, riferimento: convenzione n. 3}
fcde: {anno: 2025, importo: "100.000,00", descrizione: FCDE assestato 2025}
spesa_personale:
  anno: 2025
  componenti:
    - {voce: Macroaggregato 101, codice: U.1.01.00.00.000, importo: "600.000,00",
       riferimento: DM art. 2}
    - {voce: Somministrazione, importo: "10.000,50"}
  rettifiche:
    - {voce: Incentivi funzioni tecniche, codice: U.1.01.01.01.004, importo: "-12.000,00",
       riferimento: Corte dei conti Lombardia 73/2021/PAR}
  neutralizzate:
    - {voce: Assistenti sociali, importo: "12.345,67", tipo: fondo_poverta,
       riferimento: L. 178/2020 c.797}
spesa_2018: "550.000,00"
resti_assunzionali_2015_2019: "1.234,56"
entrate_previste:
  - {anno: 2028, entrate_correnti: "2.700.000,00", fcde: "100.000,00",
     entrate_neutralizzate: "12.345,67"}
  - {anno: 2029, entrate_correnti: "2.750.000,00"}
comma_557:
  base:
    tipo: media_2011_2013
    componenti: [{voce: Media 2011-2013, importo: "800.000,00", codice: A}]
    escluse: [{voce: Rinnovi contrattuali, importo: "20.000,00", riferimento: CCNL 2019-2021}]
  rendiconto:
    anno: 2025
    componenti:
      - {voce: Macroaggregato 101, importo: "640.000,00"}
      - {voce: IRAP, importo: "40.000,00"}
    escluse: [{voce: Categorie protette, importo: "30.000,00"}]
    maggior_spesa_dm: "5.000,00"
  previsioni:
    - anno: 2027
      componenti: [{voce: Previsione 2027, importo: "660.000,00"}]
      maggior_spesa_dm: "6.000,00"
    - anno: 2028
      componenti: [{voce: Previsione 2028, importo: "665.000,00"}]
      escluse: [{voce: Rinnovi, importo: "31.000,00"}]
lavoro_flessibile:
  base: {tipo: parametro_motivato, importo: "50.000,00", atto: Deliberazione di Giunta n. 1}
  spesa_prevista:
    - {anno: 2027, importo: "30.000,00", descrizione: Tempo determinato ufficio tributi}
    - {anno: 2028, importo: "1.000,00"}
presupposti:
  bilanci_bdap: {rispettato: sì, atto: Attestazione, data: 10/01/2026, note: "inviati; nessun rilievo"}
  piao: {rispettato: no}
  eccedenze: {rispettato: sì, atto: Deliberazione di Giunta n. 2}
  parere_revisore: {rispettato: sì, atto: Verbale n. 1, data: 2026-01-20}
parametri:
  - nome: ccnl_fl.irap
    valore: "0.085"
    fonte: {atto: Legge regionale n. 1/2026, articolo: art. 1, pubblicazione: BUR n. 1}
    motivazione: aliquota regionale
  - nome: dm.tabella_3
    chiave: f
    valore: 0.3
    fonte: {atto: DM 17/03/2020, articolo: art. 6, pubblicazione: GU n. 108 del 27/04/2020,
            url: "https://www.gazzettaufficiale.it"}
    motivazione: aggiornamento
  - nome: dm.tabella_1
    valore: {a: 0.295, b: 0.286, "c d": 0.27}
    fonte: {atto: Atto di prova, articolo: art. 2, pubblicazione: Albo pretorio}
    motivazione: valori propri
  - nome: dm.tabella_2
    chiave: e
    valore: null
    fonte: {atto: Atto di prova, articolo: art. 3, pubblicazione: Albo pretorio}
    motivazione: non si applica
  - nome: piao.dipendenti_semplificato
    valore: 50
    fonte: {atto: Atto di prova, articolo: art. 4, pubblicazione: Albo pretorio}
    motivazione: un intero
dichiarati:
  fonte: PIAO 2027-2029, sottosezione 3.3
  rapporto: "24,5%"
  valore_soglia: 0.272
  soglia_rientro: "31,2%"
  importo_soglia: "680.000,00"
  spazio_assunzionale: 80000
  spesa_personale: 600000.5
  entrate_correnti: "2.500.000,00"
  anni_entrate: [2023, 2024, 2025]
  anno_spesa: 2025
  spesa_base_piano: "600.000,00"
  limite_piano: "680.000,00"
  spesa_prevista: {2027: "610.000,00", 2028: 620000}
  limite_557: "780.000,00"
  spesa_557: {2027: "1.297,888,00"}
  limite_flessibile: "50.000,00"
  spesa_flessibile: {2027: "30.000,00", 2028: "1.000,00"}
testi:
  consistenza: Nota alla consistenza.
  cessazioni: |
    Prima riga delle cessazioni;
    seconda riga, con «virgolette» e "doppi apici".
  evoluzione_fabbisogni: Evoluzione.
  obiettivi_trasformazione: Obiettivi.
  strategia_copertura: Strategia.
  formazione: =1+1 non è una formula
  soprannumero_eccedenze: Nessuna eccedenza.
organo_revisione:
  composizione: collegio
  componenti: ["Dott.ssa Maria Rossi (presidente)", "Dott. Luca Bianchi", "Dott. Paolo Verdi"]
proiezione:
  pensionamento: primo_diritto
  anni_oltre: 2
  tassi_uscita: {Istruttori: "3%", tutte: 0.02, "Funzionari ed EQ": "1,5%"}
  storico_uscite:
    - {anno: 2024, in_servizio: 30, uscite: 2}
    - {anno: 2025, area: Istruttori, in_servizio: 12, uscite: 1}
  simulazioni: 2000
  seme: 42
costi_profilo:
  - {area: Istruttori, profilo: Agente di Polizia Locale, costo_annuo: "36.500,00",
     costo_annuo_con_irap: "38.900,00", fonte: Cedolino medio 2026}
  - {area: Dirigenti, profilo: Dirigente area tecnica, costo_annuo: "80.000,00",
     fonte: Determina n. 12/2026}
"""

CSV_COMPLETO = {
    "personale.csv": (
        "id;area;profilo;servizio;fte;tipo_contratto;sesso;data_nascita;data_assunzione;"
        "contributi_anni;contributi_mesi;contributi_al;costo_annuo;costo_annuo_con_irap;"
        "data_cessazione;causa_cessazione;trattenimento;note\n"
        "P01;Funzionari ed EQ;Specialista contabile;Ragioneria;1;tempo indeterminato;M;"
        "15/03/1960;01/04/1995;38;0;31/12/2025;45.000,00;47.900,00;;;no;"
        "pensione nel 2027\n"
        "P02;Istruttori;Istruttore amministrativo;Anagrafe;0,5;TI;F;10/06/1964;"
        '01/09/1990;40;3;31/12/2025;;;;;sì;"part-time; ""metà"" tempo"\n'
        "P03;Operatori esperti;Collaboratore amministrativo;;1;tempo determinato;M;"
        "02/02/1985;;15;;31/12/2025;30.000,00;;01/03/2027;dimissioni;no;\n"
        "P04;Istruttori;Agente di Polizia Locale;Polizia Locale;1;tempo indeterminato;F;"
        "20/12/1990;01/02/2015;;;;;;;;no;\n"
    ),
    "cessazioni.csv": (
        "id;anno;mese;area;profilo;servizio;fte;tipo_contratto;causa;costo_annuo;"
        "costo_annuo_con_irap;dipendente;note\n"
        "C1;2027;3;Operatori esperti;Collaboratore amministrativo;Anagrafe;1;"
        "tempo determinato;dimissioni;30.000,00;32.000,00;P03;dimissioni presentate\n"
        "C2;2028;7;Istruttori;Istruttore tecnico;Servizi tecnici;0,5;tempo indeterminato;"
        "pensione;15.000,00;16.275,00;;\n"
        "C3;2029;1;Dirigenti;Dirigente;;1;art. 110 c.1;fine contratto;80.000,00;"
        "86.800,00;;\n"
    ),
    "piano_assunzioni.csv": (
        "id;anno;area;profilo;servizio;fte;tipo_contratto;mese_inizio;anno_fine;"
        "mese_fine;finanziamento;importo_finanziato;motivo;sostituisce;costo_annuo;"
        "costo_annuo_con_irap;note\n"
        "A1;2027;Operatori esperti;Collaboratore amministrativo;Anagrafe;1;"
        "tempo indeterminato;4;;;ordinario;;sostituzione;C1;30.000,00;32.000,00;"
        '"nota con ; e ""virgolette"""\n'
        "A2;2027;Istruttori;Assistente sociale;Servizi sociali;0,75;tempo determinato;6;"
        '2028;12;art. 57 c.3-septies;10.000,00;nuovo posto;;22.500,00;24.412,50;"nota su\n'
        'due righe"\n'
        "A3;2028;Funzionari ed EQ;Specialista;;1;tempo indeterminato;1;;;pnrr_31bis;;"
        "sostituzione;P01;;;\n"
        "A4;2029;Dirigenti;Dirigente area tecnica;;1;art110_c1;1;2029;6;fondo_poverta;;"
        "sostituzione;C3;80.000,00;86.800,00;\n"
    ),
    "consistenza.csv": (
        "area;profilo;servizio;tipo_contratto;teste;part_time;fte\n"
        "Istruttori;Istruttore amministrativo;Segreteria;tempo indeterminato;3;1;2,5\n"
        "Operatori;Operatore;;tempo determinato;2;0;\n"
        "Funzionari ed EQ;Specialista;Ragioneria;tempo indeterminato;1;;\n"
    ),
}

# Fields the complete case cannot set: the model refuses any value but the default.
SEMPRE_PREDEFINITI = {("Base557", "maggior_spesa_dm")}


@pytest.fixture
def completo(tmp_path: Path) -> Path:
    cartella = tmp_path / "completo"
    cartella.mkdir()
    (cartella / "fascicolo.yaml").write_text(YAML_COMPLETO, encoding="utf-8")
    for nome, testo in CSV_COMPLETO.items():
        (cartella / nome).write_text(testo, encoding="utf-8")
    return cartella


# --- helpers ----------------------------------------------------------------------------


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )


def cartella_excel_cartella(caso: Path, tmp_path: Path) -> tuple[Path, Path]:
    xlsx = tmp_path / f"{caso.name}.xlsx"
    converti(caso, xlsx)
    indietro = tmp_path / f"{caso.name}-da-excel"
    converti(xlsx, indietro)
    return xlsx, indietro


def problemi(percorso: Path) -> list[str]:
    with pytest.raises(ErroreFabbisogni) as info:
        leggi_fascicolo(percorso)
    exc = info.value
    return [e.testo() for e in exc.errori] if isinstance(exc, ErroriInput) else [str(exc)]


def messaggio(
    righe: list[str],
    *,
    file: str,
    foglio: str | None = None,
    riga: int | None = None,
    campo: str | None = None,
    contiene: str | tuple[str, ...] = (),
) -> str:
    """The one message naming this place (and containing these words)."""
    dove = f"file {file}" + (f", foglio «{foglio}»" if foglio else "")
    parole = (contiene,) if isinstance(contiene, str) else contiene
    for r in righe:
        luogo, sep, _ = r.partition(": ")
        if not sep or not (luogo == dove or luogo.startswith(dove + ", ")):
            continue
        parti = luogo.removeprefix(dove).split(", ")
        if riga is not None and f"riga {riga}" not in parti:
            continue
        if campo is not None and f"campo «{campo}»" not in parti:
            continue
        if all(p in r for p in parole):
            return r
    raise AssertionError(
        f"nessun messaggio per {dove} riga {riga} campo {campo} {parole}:\n{righe}"
    )


def modifica(origine: Path, destinazione: Path, cambia: Any) -> Path:
    """Copy of a workbook with ``cambia(wb)`` applied (openpyxl, as a user's Excel would)."""
    wb = openpyxl.load_workbook(origine)
    cambia(wb)
    wb.save(destinazione)
    return destinazione


def colonna(ws: Any, intestazione: str) -> int:
    for cella in ws[1]:
        if cella.value == intestazione:
            return cella.column
    raise KeyError(intestazione)


def riga_di(ws: Any, intestazione: str, valore: Any) -> int:
    """The row whose cell under ``intestazione`` holds ``valore`` (exactly one)."""
    c = colonna(ws, intestazione)
    righe = [r for r in range(2, ws.max_row + 1) if ws.cell(r, c).value == valore]
    assert len(righe) == 1, (intestazione, valore, righe)
    return righe[0]


@pytest.fixture
def caso_xlsx(tmp_path: Path) -> Path:
    """Casorate Primo as a workbook, named as a user would."""
    percorso = tmp_path / "Casorate.xlsx"
    modello(percorso, CASORATE)
    return percorso


# --- lossless ---------------------------------------------------------------------------


@pytest.mark.parametrize("caso", CASI, ids=[c.name for c in CASI])
def test_ogni_fixture_senza_perdite(caso: Path, tmp_path: Path):
    xlsx, indietro = cartella_excel_cartella(caso, tmp_path)
    atteso = leggi_fascicolo(caso).model_dump()
    assert leggi_fascicolo(xlsx).model_dump() == atteso
    assert leggi_fascicolo(indietro).model_dump() == atteso


def test_il_personale_in_servizio_passa_senza_perdite(tmp_path: Path):
    casi_con_personale = [c for c in CASI if leggi_fascicolo(c).personale]
    if not casi_con_personale:  # the roster fixture may not be there: the complete case has one
        pytest.skip("nessuna fixture con personale.csv")
    xlsx, _ = cartella_excel_cartella(casi_con_personale[0], tmp_path)
    assert leggi_fascicolo(xlsx).personale == leggi_fascicolo(casi_con_personale[0]).personale


def test_caso_completo_senza_perdite(completo: Path, tmp_path: Path):
    xlsx, indietro = cartella_excel_cartella(completo, tmp_path)
    atteso = leggi_fascicolo(completo).model_dump()
    assert leggi_fascicolo(xlsx).model_dump() == atteso
    assert leggi_fascicolo(indietro).model_dump() == atteso
    # and once more round: the folder written from the workbook gives the same workbook data
    xlsx2 = tmp_path / "di-nuovo.xlsx"
    converti(indietro, xlsx2)
    assert leggi_fascicolo(xlsx2).model_dump() == atteso


def _modelli(annotazione: Any) -> list[type[BaseModel]]:
    if isinstance(annotazione, type) and issubclass(annotazione, BaseModel):
        return [annotazione]
    return [m for a in get_args(annotazione) for m in _modelli(a)]


def _tutti_i_campi(modello_: type[BaseModel], campi: set[tuple[str, str]]) -> None:
    for nome, fi in modello_.model_fields.items():
        if (modello_.__name__, nome) in campi:
            continue
        campi.add((modello_.__name__, nome))
        for sotto in _modelli(fi.annotation):
            _tutti_i_campi(sotto, campi)


def _usati(oggetto: Any, usati: set[tuple[str, str]]) -> None:
    if isinstance(oggetto, BaseModel):
        for nome, fi in type(oggetto).model_fields.items():
            valore = getattr(oggetto, nome)
            if fi.is_required() or valore != fi.get_default(call_default_factory=True):
                usati.add((type(oggetto).__name__, nome))
            _usati(valore, usati)
    elif isinstance(oggetto, list | tuple):
        for v in oggetto:
            _usati(v, usati)
    elif isinstance(oggetto, dict):
        for v in oggetto.values():
            _usati(v, usati)


def test_il_caso_completo_usa_ogni_campo_del_modello(completo: Path):
    """So that the lossless test above covers every field: a new field of the model must get
    a value here, and a place in the workbook (fabbisogni/caso/excel/schema.py)."""
    tutti: set[tuple[str, str]] = set()
    _tutti_i_campi(Fascicolo, tutti)
    usati: set[tuple[str, str]] = set()
    _usati(leggi_fascicolo(completo), usati)
    mai = sorted(tutti - usati - SEMPRE_PREDEFINITI)
    assert not mai, f"campi del modello mai usati nel caso completo: {mai}"


def _numeri(dato: Any) -> Any:
    """JSON with every number-like text as a Decimal: 0 from a YAML integer and 0.00 from a
    cell shown to the cent are the same amount."""
    if isinstance(dato, dict):
        return {k: _numeri(v) for k, v in dato.items()}
    if isinstance(dato, list):
        return [_numeri(v) for v in dato]
    if isinstance(dato, str):
        try:
            return Decimal(dato)
        except InvalidOperation:
            return dato
    return dato


def test_stessa_verifica_dalla_cartella_e_dal_foglio(caso_xlsx: Path):
    cartella, foglio = run("verifica", CASORATE, "--json"), run("verifica", caso_xlsx, "--json")
    assert foglio.returncode == cartella.returncode == 1, foglio.stderr
    assert _numeri(json.loads(foglio.stdout)) == _numeri(json.loads(cartella.stdout))


def test_cartella_scritta_nel_formato_dei_documenti(completo: Path, tmp_path: Path):
    _, indietro = cartella_excel_cartella(completo, tmp_path)
    yaml = (indietro / "fascicolo.yaml").read_text(encoding="utf-8")
    assert 'importo: "100.000,00"' in yaml  # amounts as Italian text in quotes
    assert 'titolo_3: "300.000,01"' in yaml
    assert "data: 15/03/2026" in yaml  # dates gg/mm/aaaa
    assert "unione_di_comuni: sì" in yaml
    assert "provincia: NO" in yaml  # YAML 1.2: Novara stays a text
    assert 'rapporto: "24,5%"' in yaml
    assert '2027: "1.297,888,00"' in yaml  # a declared figure keeps the document's text
    assert "spazio_assunzionale: 80000" in yaml  # … and a number stays a number
    piano = (indietro / "piano_assunzioni.csv").read_text(encoding="utf-8")
    assert piano.splitlines()[0].startswith("id;anno;area;profilo;")
    assert ";0,75;" in piano and ";22.500,00;24.412,50;" in piano
    personale = (indietro / "personale.csv").read_text(encoding="utf-8")
    assert ";15/03/1960;01/04/1995;" in personale


# --- the template -----------------------------------------------------------------------


def test_modello_vuoto(tmp_path: Path):
    percorso = tmp_path / "Modello.xlsx"
    assert modello(percorso) == [percorso]
    wb = openpyxl.load_workbook(percorso)
    assert wb.sheetnames == [ISTRUZIONI, *(f.nome for f in FOGLI)]
    assert MARCATORE in wb.defined_names
    istruzioni = " ".join(
        str(v) for r in wb[ISTRUZIONI].iter_rows(values_only=True) for v in r if v
    )
    assert "fabbisogni verifica Caso.xlsx" in istruzioni
    assert "gg/mm/aaaa" in istruzioni and "26,9%" in istruzioni
    for foglio in FOGLI:
        ws = wb[foglio.nome]
        assert list(ws.tables) == [foglio.tabella], foglio.nome
        assert [c.value for c in ws[1]] == list(foglio.intestazioni)
        assert ws.freeze_panes in ("A2", "B2")
        assert all(c.comment is not None for c in ws[1]), foglio.nome

    def validazione(foglio: str, intestazione: str) -> Any:
        ws = wb[foglio]
        lettera = openpyxl.utils.get_column_letter(colonna(ws, intestazione))
        for dv in ws.data_validations.dataValidation:
            if any(str(r).startswith(f"{lettera}2") for r in dv.sqref.ranges):
                return dv
        raise AssertionError(f"nessuna validazione per {foglio}.{intestazione}")

    area = validazione("Piano", "area")
    assert area.type == "list" and "Funzionari ed EQ" in area.formula1
    assert "tempo_indeterminato" in validazione("Piano", "tipo_contratto").formula1
    assert "pensione" in validazione("Cessazioni", "causa").formula1
    assert validazione("Personale", "sesso").type == "list"
    assert "art57_c3septies" in validazione("Piano", "finanziamento").formula1
    assert "nuovo_posto" in validazione("Piano", "motivo").formula1
    assert validazione("Personale", "trattenimento").formula1 == '"sì,no"'
    assert validazione("Personale", "data_nascita").type == "date"
    costo = validazione("Piano", "costo_annuo")
    assert (costo.type, costo.operator, costo.formula1) == ("decimal", "greaterThanOrEqual", "0")
    anno = validazione("Piano", "anno")
    assert (anno.type, anno.formula1, anno.formula2) == ("whole", "2000", "2100")
    assert validazione("Cessazioni", "mese").formula2 == "12"

    # read back empty: every mandatory field named, with its sheet
    righe = problemi(percorso)
    nome = percorso.name
    messaggio(righe, file=nome, foglio="Ente", campo="ente.nome", contiene="obbligatorio")
    messaggio(righe, file=nome, foglio="Ente", campo="primo_anno", contiene="obbligatorio")
    messaggio(righe, file=nome, foglio="Rendiconti", contiene="almeno 3 righe")
    messaggio(righe, file=nome, foglio="Spesa personale", contiene="«componenti»")


def test_modello_compilato_ha_date_importi_e_percentuali_veri(completo: Path, tmp_path: Path):
    percorso = tmp_path / "Completo.xlsx"
    modello(percorso, completo)
    wb = openpyxl.load_workbook(percorso)
    ws = wb["Presupposti"]
    r = riga_di(ws, "presupposto", "bilanci_bdap")
    data = ws.cell(r, colonna(ws, "data"))
    assert data.value == datetime(2026, 1, 10) and data.number_format == "dd/mm/yyyy"
    ws = wb["Rendiconti"]
    titolo = ws.cell(riga_di(ws, "anno", 2024), colonna(ws, "titolo_3"))
    assert titolo.value == 300000.01 and titolo.number_format == "#,##0.00"
    ws = wb["Dichiarati"]
    rapporto = ws.cell(riga_di(ws, "campo", "rapporto"), colonna(ws, "valore"))
    assert rapporto.value == pytest.approx(0.245) and "%" in rapporto.number_format
    ws = wb["Testi"]
    formazione = ws.cell(riga_di(ws, "campo", "formazione"), colonna(ws, "valore"))
    assert formazione.value == "=1+1 non è una formula" and formazione.data_type == "s"


# --- bad workbooks: sheet, row, column ------------------------------------------------------


def test_valore_non_ammesso_in_una_colonna_a_scelta(caso_xlsx: Path, tmp_path: Path):
    def cambia(wb: Any) -> None:
        ws = wb["Piano"]
        ws.cell(riga_di(ws, "id", "A3"), colonna(ws, "area")).value = "Istruttore capo"

    percorso = modifica(caso_xlsx, tmp_path / "area.xlsx", cambia)
    riga = riga_di(openpyxl.load_workbook(percorso)["Piano"], "id", "A3")
    righe = problemi(percorso)
    messaggio(
        righe,
        file="area.xlsx",
        foglio="Piano",
        riga=riga,
        campo="area",
        contiene=("Istruttore capo", "non riconosciuta", "Funzionari ed EQ"),
    )


def test_importo_negativo(caso_xlsx: Path, tmp_path: Path):
    def cambia(wb: Any) -> None:
        ws = wb["Rendiconti"]
        ws.cell(riga_di(ws, "anno", 2021), colonna(ws, "titolo_2")).value = -420000

    percorso = modifica(caso_xlsx, tmp_path / "negativo.xlsx", cambia)
    messaggio(
        problemi(percorso),
        file="negativo.xlsx",
        foglio="Rendiconti",
        riga=3,
        campo="titolo_2",
        contiene="negativo",
    )


def test_data_non_valida_e_data_come_testo(caso_xlsx: Path, tmp_path: Path):
    def cambia(wb: Any) -> None:
        ws = wb["Presupposti"]
        ws.cell(riga_di(ws, "presupposto", "eccedenze"), colonna(ws, "data")).value = "31/02/2024"
        # an Italian date typed as text is a date
        r = riga_di(ws, "presupposto", "parere_revisore")
        ws.cell(r, colonna(ws, "data")).value = "20/12/2023"
        ws = wb["Ente"]
        ws.cell(riga_di(ws, "campo", "ente.approvazione_cosfel.data"), 2).value = "ieri"

    percorso = modifica(caso_xlsx, tmp_path / "date.xlsx", cambia)
    wb = openpyxl.load_workbook(percorso)
    righe = problemi(percorso)
    messaggio(
        righe,
        file="date.xlsx",
        foglio="Presupposti",
        riga=riga_di(wb["Presupposti"], "presupposto", "eccedenze"),
        campo="data",
        contiene=("31/02/2024", "non è una data valida"),
    )
    messaggio(
        righe,
        file="date.xlsx",
        foglio="Ente",
        riga=riga_di(wb["Ente"], "campo", "ente.approvazione_cosfel.data"),
        campo="ente.approvazione_cosfel.data",
        contiene="«ieri» non è una data valida",
    )
    assert not any("parere_revisore" in r or "20/12/2023" in r for r in righe), righe


def test_foglio_mancante(caso_xlsx: Path, tmp_path: Path):
    def cambia(wb: Any) -> None:
        wb["Cessazioni"].title = "Uscite"

    righe = problemi(modifica(caso_xlsx, tmp_path / "fogli.xlsx", cambia))
    assert righe == [
        "file fogli.xlsx: manca il foglio «Cessazioni» (forse è «Uscite», rinominato?): ogni "
        "foglio del modello deve esserci, anche vuoto"
    ]


def test_colonna_rinominata_e_colonna_sconosciuta(caso_xlsx: Path, tmp_path: Path):
    def cambia(wb: Any) -> None:
        ws = wb["Piano"]
        ws.cell(1, colonna(ws, "area")).value = "aree"
        ws.cell(1, ws.max_column + 1).value = "colore"
        ws = wb["Cessazioni"]
        ws.cell(1, colonna(ws, "note")).value = "annotazioni"

    righe = problemi(modifica(caso_xlsx, tmp_path / "colonne.xlsx", cambia))
    nome = "colonne.xlsx"
    messaggio(righe, file=nome, foglio="Piano", riga=1, campo="aree", contiene="forse «area»?")
    messaggio(righe, file=nome, foglio="Piano", riga=1, campo="area", contiene="obbligatoria")
    messaggio(righe, file=nome, foglio="Piano", riga=1, campo="colore", contiene="sconosciuta")
    messaggio(righe, file=nome, foglio="Cessazioni", riga=1, campo="annotazioni")
    assert len(righe) == 4, righe  # the shape first: no value is checked


def test_importi_al_centesimo_come_li_mostra_excel(caso_xlsx: Path, tmp_path: Path):
    def cambia(wb: Any) -> None:
        ws = wb["Piano"]
        ws.cell(riga_di(ws, "id", "A2"), colonna(ws, "costo_annuo")).value = 30150.123
        # a formula's float noise is not a third decimal: Excel shows 32166.64
        r = riga_di(ws, "id", "A3")
        ws.cell(r, colonna(ws, "costo_annuo_con_irap")).value = 32166.640000000003

    percorso = modifica(caso_xlsx, tmp_path / "decimali.xlsx", cambia)
    righe = problemi(percorso)
    riga = riga_di(openpyxl.load_workbook(percorso)["Piano"], "id", "A2")
    messaggio(
        righe,
        file="decimali.xlsx",
        foglio="Piano",
        riga=riga,
        campo="costo_annuo",
        contiene="più di 2 decimali",
    )
    assert len(righe) == 1, righe


def test_campi_sconosciuti_ripetuti_e_righe_fuori_posto(caso_xlsx: Path, tmp_path: Path):
    def cambia(wb: Any) -> None:
        ws = wb["Ente"]
        ws.cell(riga_di(ws, "campo", "ente.provincia"), 1).value = "ente.provinca"
        ws.append(["primo_anno", 2025])
        ws = wb["Comma 557"]
        ws.append(["rendiconto", None, "componenti", "Senza anno", 100])
        ws.append(["anno_2008", None, "componenti", "Seconda base", 100])
        ws.append(["previsione", 2024, "maggior_spesa_dm", "Con voce", 100])
        ws = wb["Lavoro flessibile"]
        ws.append(["spesa_prevista", 2025, 100, "Atto che non si applica"])

    percorso = modifica(caso_xlsx, tmp_path / "righe.xlsx", cambia)
    wb = openpyxl.load_workbook(percorso)
    fine_ente, fine_557 = wb["Ente"].max_row, wb["Comma 557"].max_row
    fine_flex = wb["Lavoro flessibile"].max_row
    righe = problemi(percorso)
    nome = "righe.xlsx"
    messaggio(
        righe,
        file=nome,
        foglio="Ente",
        riga=riga_di(wb["Ente"], "campo", "ente.provinca"),
        campo="campo",
        contiene="forse «ente.provincia»?",
    )
    messaggio(righe, file=nome, foglio="Ente", riga=fine_ente, campo="primo_anno", contiene="già")
    messaggio(
        righe, file=nome, foglio="Comma 557", riga=fine_557 - 2, campo="anno", contiene="anno"
    )
    messaggio(
        righe,
        file=nome,
        foglio="Comma 557",
        riga=fine_557 - 1,
        campo="colonna",
        contiene="la base del limite è una sola",
    )
    messaggio(
        righe, file=nome, foglio="Comma 557", riga=fine_557, campo="voce", contiene="solo l'importo"
    )
    messaggio(
        righe,
        file=nome,
        foglio="Lavoro flessibile",
        riga=fine_flex,
        campo="atto",
        contiene="da lasciare vuoto",
    )


def test_controlli_tra_fogli(caso_xlsx: Path, tmp_path: Path):
    def cambia(wb: Any) -> None:
        ws = wb["Piano"]
        ws.cell(riga_di(ws, "id", "A2"), colonna(ws, "sostituisce")).value = "C9"
        ws = wb["Rendiconti"]
        ws.cell(riga_di(ws, "anno", 2022), 1).value = 2023

    percorso = modifica(caso_xlsx, tmp_path / "incroci.xlsx", cambia)
    righe = problemi(percorso)
    messaggio(
        righe,
        file="incroci.xlsx",
        foglio="Piano",
        riga=riga_di(openpyxl.load_workbook(percorso)["Piano"], "id", "A2"),
        campo="sostituisce",
        contiene="«C9», che non è tra le cessazioni",
    )
    messaggio(righe, file="incroci.xlsx", foglio="Rendiconti", contiene="tre anni consecutivi")

    def neutralizzate(wb: Any) -> None:
        wb["Entrate neutralizzate"].append([2019, "Contributo", 1000, "altro", "convenzione"])

    percorso = modifica(caso_xlsx, tmp_path / "anni.xlsx", neutralizzate)
    messaggio(
        problemi(percorso),
        file="anni.xlsx",
        foglio="Entrate neutralizzate",
        riga=openpyxl.load_workbook(percorso)["Entrate neutralizzate"].max_row,
        campo="anno",
        contiene="l'anno 2019 non è tra i rendiconti",
    )


def test_non_un_modello(tmp_path: Path):
    verifica = tmp_path / "verifica.xlsx"
    p = run("report", CASORATE, "--xlsx", verifica)
    assert p.returncode == 0, p.stderr
    assert "foglio di lavoro di verifica" in problemi(verifica)[0]
    testo = tmp_path / "finto.xlsx"
    testo.write_text("non sono un foglio", encoding="utf-8")
    assert "non è una cartella di lavoro Excel leggibile" in problemi(testo)[0]
    vecchio = tmp_path / "vecchio.xls"
    vecchio.write_bytes(b"\xd0\xcf\x11\xe0")
    assert "formato .xls non supportato" in problemi(vecchio)[0]
    assert "inesistente" in problemi(tmp_path / "manca.xlsx")[0]


def test_errore_da_riga_di_comando(caso_xlsx: Path, tmp_path: Path):
    def cambia(wb: Any) -> None:
        ws = wb["Cessazioni"]
        ws.cell(riga_di(ws, "id", "C2"), colonna(ws, "causa")).value = "trasloco"

    percorso = modifica(caso_xlsx, tmp_path / "Caso errato.xlsx", cambia)
    riga = riga_di(openpyxl.load_workbook(percorso)["Cessazioni"], "id", "C2")
    p = run("verifica", percorso)
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert "Traceback" not in p.stderr
    assert "Errore: dati non utilizzabili." in p.stderr
    attesa = f"file Caso errato.xlsx, foglio «Cessazioni», riga {riga}, campo «causa»:"
    assert any(r.strip().startswith(f"- {attesa}") for r in p.stderr.splitlines()), p.stderr
    assert "«trasloco» non riconosciuta" in p.stderr


# --- the commands -----------------------------------------------------------------------


def test_modello_non_sovrascrive(tmp_path: Path):
    percorso = tmp_path / "Caso.xlsx"
    p = run("modello", percorso, "--da", CASORATE)
    assert p.returncode == 0, p.stderr
    assert f"Scritto {percorso}" in p.stdout
    prima = percorso.read_bytes()
    p = run("modello", percorso)
    assert p.returncode == 2 and "esiste già" in p.stderr and "Traceback" not in p.stderr
    assert percorso.read_bytes() == prima
    # never over the case it reads, not even with --force
    p = run("modello", percorso, "--da", percorso, "--force")
    assert p.returncode == 2 and "file di input" in p.stderr
    assert percorso.read_bytes() == prima
    p = run("modello", percorso, "--force")
    assert p.returncode == 0, p.stderr
    assert leggi_fascicolo  # the empty template replaced the filled one
    assert "campo obbligatorio mancante" in problemi(percorso)[0]
    assert sorted(x.name for x in tmp_path.iterdir()) == ["Caso.xlsx"]  # no temporaries
    p = run("modello", tmp_path / "Caso.txt")
    assert p.returncode == 2 and "estensione .xlsx" in p.stderr


def test_converti_nei_due_sensi_da_riga_di_comando(tmp_path: Path):
    xlsx = tmp_path / "Casorate.xlsx"
    p = run("converti", CASORATE, xlsx)
    assert p.returncode == 0, p.stderr
    cartella = tmp_path / "casorate"
    p = run("converti", xlsx, cartella)
    assert p.returncode == 0, p.stderr
    assert {x.name for x in cartella.iterdir()} == {
        "fascicolo.yaml",
        "piano_assunzioni.csv",
        "cessazioni.csv",
        "consistenza.csv",
    }
    assert leggi_fascicolo(cartella).model_dump() == leggi_fascicolo(CASORATE).model_dump()
    # a folder that is not empty: only with --force
    p = run("converti", xlsx, cartella)
    assert p.returncode == 2 and "non è vuota" in p.stderr
    # wrong directions
    p = run("converti", CASORATE, tmp_path / "altra-cartella")
    assert p.returncode == 2 and "file .xlsx" in p.stderr
    p = run("converti", xlsx, tmp_path / "copia.xlsx")
    assert p.returncode == 2 and "cartella" in p.stderr


def test_converti_con_force_sostituisce_i_csv_rimasti(tmp_path: Path, completo: Path):
    xlsx = tmp_path / "Alzano.xlsx"
    converti(FIXTURES / "alzano-lombardo-2023", xlsx)
    cartella = tmp_path / "destinazione"
    shutil.copytree(completo, cartella)  # a roster and a consistenza that Alzano has not
    with pytest.raises(ErroreUscita, match="non è vuota"):
        converti(xlsx, cartella)
    converti(xlsx, cartella, force=True)
    assert (cartella / "personale.csv").read_text(encoding="utf-8").count("\n") == 1
    assert (
        leggi_fascicolo(cartella).model_dump()
        == leggi_fascicolo(FIXTURES / "alzano-lombardo-2023").model_dump()
    )


def test_il_foglio_e_il_solo_file_di_input(caso_xlsx: Path, tmp_path: Path):
    assert file_di_input(caso_xlsx) == [caso_xlsx]
    p = run("report", caso_xlsx, "--xlsx", caso_xlsx, "--force")
    assert p.returncode == 2 and "file di input" in p.stderr
    p = run("report", caso_xlsx, "--md", tmp_path / "piao.md")
    assert p.returncode == 0, p.stderr


def test_la_verifica_di_una_cartella_non_carica_excel():
    """Start-up time: reading a folder must not import openpyxl, xlsxwriter or this package."""
    codice = (
        "import sys; from fabbisogni.cli import main; sys.argv=['fabbisogni','verifica',"
        f"{str(CASORATE)!r},'--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "caricati = [m for m in ('openpyxl', 'xlsxwriter', 'fabbisogni.caso.excel') if m in sys.modules]\n"
        "assert not caricati, caricati\n"
    )
    p = subprocess.run([sys.executable, "-c", codice], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr


def test_date_e_numeri_di_excel():
    from fabbisogni.caso.excel.schema import Tipo, da_cella

    assert da_cella(datetime(2024, 1, 16), Tipo("data")) == date(2024, 1, 16)
    assert da_cella(45307, Tipo("data")) == date(2024, 1, 16)  # a date that lost its format
    assert da_cella(" 16/01/2024 ", Tipo("data")) == "16/01/2024"  # read by the model
    assert str(da_cella(0.1 + 0.2, Tipo("importo"))) == "0.30"  # to the cent, as shown
    assert str(da_cella(0.1 + 0.2, Tipo("quota"))) == "0.3"
    assert str(da_cella(30150.123, Tipo("importo"))) == "30150.123"  # refused by the model
    assert da_cella(2024.0, Tipo("anno")) == 2024
    assert da_cella(12345.0, Tipo("testo")) == "12345"
    assert da_cella("   ", Tipo("testo")) is None
    assert da_cella(True, Tipo("sino")) is True
    assert da_cella("{a: 1, b: [2, 3]}", Tipo("valore")) == {"a": 1, "b": [2, 3]}


def test_la_documentazione_nomina_ogni_foglio_e_colonna():
    testo = (ROOT / "docs" / "modello-excel.md").read_text(encoding="utf-8")
    for foglio in FOGLI:
        assert f"{foglio.nome}** (`{foglio.tabella}`)" in testo or (
            f"| {foglio.nome} (`{foglio.tabella}`)" in testo
        ), foglio.nome
        for nome in [c.nome for c in foglio.colonne] + [c.nome for c in foglio.campi]:
            assert nome in testo, (foglio.nome, nome)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice non installato")
def test_salvato_da_un_foglio_di_calcolo_resta_lo_stesso(completo: Path, tmp_path: Path):
    """A user opens the workbook and saves it: LibreOffice rewrites the whole file."""
    originale = tmp_path / "completo.xlsx"
    modello(originale, completo)
    salvato = tmp_path / "salvato"
    comando = ["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML"]
    subprocess.run(
        [*comando, "--outdir", str(salvato), str(originale)],
        capture_output=True,
        timeout=300,
        check=True,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    percorso = salvato / "completo.xlsx"
    assert leggi_fascicolo(percorso).model_dump() == leggi_fascicolo(completo).model_dump()
