"""`fabbisogni report`: which files it writes, and the files it refuses to touch.

The content of each document is tested in test_xlsx.py, test_piao.py and test_parere.py; here,
the promises about files: never over an input, never over an existing output without --force,
never a half-written file, a clear Italian message and exit 2 when it refuses.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fabbisogni.uscite.scrittura import ErroreUscita, Uscita, controlla, scrivi_tutte, slug
from tests.conftest import FIXTURES, ROOT

CLI = str(ROOT / "cli.py")
CASO = FIXTURES / "sintetico-virtuoso-2024"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, CLI, *map(str, args)], capture_output=True, text=True, cwd=ROOT
    )


def impronta(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def caso(tmp_path: Path) -> Path:
    """A private copy of a fixture, so that a bug cannot damage the real one."""
    copia = tmp_path / "caso"
    shutil.copytree(CASO, copia)
    return copia


def test_without_any_document_asks_for_one():
    p = run("report", CASO)
    assert p.returncode == 2
    assert "indicare almeno un documento" in p.stderr


@pytest.mark.parametrize("force", [False, True])
def test_never_writes_over_an_input_file_even_with_force(caso: Path, force: bool):
    yaml = caso / "fascicolo.yaml"
    prima = impronta(yaml)
    # An input file given under a Markdown name it does not have would be refused for its
    # extension; give it a name that matches to reach the input check.
    alias = caso / "fascicolo.md"
    os.link(yaml, alias)  # the same file under another name
    args = ["report", caso, "--md", alias] + (["--force"] if force else [])
    p = run(*args)
    assert p.returncode == 2
    assert "nessun documento scritto" in p.stderr
    assert "file di input del fascicolo" in p.stderr
    assert impronta(yaml) == prima


def test_a_csv_of_the_case_is_an_input(caso: Path):
    piano = caso / "piano_assunzioni.csv"
    prima = impronta(piano)
    p = run("report", caso, "--md", piano, "--force")
    assert p.returncode == 2
    # refused both for the extension and because it is an input
    assert "estensione .md" in p.stderr
    assert "file di input del fascicolo" in p.stderr
    assert impronta(piano) == prima


def test_refuses_existing_output_without_force(tmp_path: Path):
    esistente = tmp_path / "piao.md"
    esistente.write_text("scritto a mano", encoding="utf-8")
    p = run("report", CASO, "--md", esistente)
    assert p.returncode == 2
    assert "esiste già" in p.stderr and "--force" in p.stderr
    assert esistente.read_text(encoding="utf-8") == "scritto a mano"


def test_wrong_extension_same_file_twice_and_missing_folder(tmp_path: Path):
    p = run(
        "report",
        CASO,
        "--docx",
        tmp_path / "piao.pdf",
        "--md",
        tmp_path / "uno.md",
        "--parere-md",
        tmp_path / "uno.md",
        "--xlsx",
        tmp_path / "manca" / "v.xlsx",
    )
    assert p.returncode == 2
    assert "--docx" in p.stderr and "estensione .docx" in p.stderr
    assert "stesso file già indicato per --md" in p.stderr
    assert "non esiste" in p.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written when anything is refused


def test_out_must_not_be_a_file(tmp_path: Path):
    f = tmp_path / "documenti"
    f.write_text("x", encoding="utf-8")
    p = run("report", CASO, "--out", f)
    assert p.returncode == 2
    assert "non una cartella" in p.stderr


def test_bad_case_exits_2_without_writing(tmp_path: Path):
    p = run("report", tmp_path / "non-esiste", "--md", tmp_path / "x.md")
    assert p.returncode == 2
    assert "inesistente" in p.stderr
    assert not (tmp_path / "x.md").exists()


# --- the writing itself, without the CLI -----------------------------------------------------


def _scrive(testo: str):
    def scrivi(p: Path) -> None:
        p.write_text(testo, encoding="utf-8")

    return scrivi


def test_a_failing_writer_leaves_no_file_and_no_temporary(tmp_path: Path):
    def rotto(p: Path) -> None:
        p.write_text("metà", encoding="utf-8")
        raise OSError("disco pieno")

    uscite = [
        Uscita("--md", tmp_path / "a.md", _scrive("completo")),
        Uscita("--parere-md", tmp_path / "b.md", rotto),
    ]
    with pytest.raises(ErroreUscita, match="disco pieno"):
        scrivi_tutte(uscite, force=False)
    # a.md was complete, but nothing is moved into place until every document is
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_appears_meanwhile_is_not_overwritten(tmp_path: Path):
    destinazione = tmp_path / "a.md"

    def intruso(p: Path) -> None:
        destinazione.write_text("di qualcun altro", encoding="utf-8")
        p.write_text("nostro", encoding="utf-8")

    with pytest.raises(ErroreUscita, match="comparso"):
        scrivi_tutte([Uscita("--md", destinazione, intruso)], force=False)
    assert destinazione.read_text(encoding="utf-8") == "di qualcun altro"
    assert [x.name for x in tmp_path.iterdir()] == ["a.md"]


def test_force_replaces_and_leaves_no_temporary(tmp_path: Path):
    destinazione = tmp_path / "a.md"
    destinazione.write_text("vecchio", encoding="utf-8")
    controlla([Uscita("--md", destinazione, _scrive("nuovo"))], [], force=True)
    scrivi_tutte([Uscita("--md", destinazione, _scrive("nuovo"))], force=True)
    assert destinazione.read_text(encoding="utf-8") == "nuovo"
    assert [x.name for x in tmp_path.iterdir()] == ["a.md"]


def test_symlink_to_an_input_is_refused(tmp_path: Path):
    ingresso = tmp_path / "fascicolo.yaml"
    ingresso.write_text("ente: x", encoding="utf-8")
    link = tmp_path / "piao.md"
    link.symlink_to(ingresso)
    with pytest.raises(ErroreUscita, match="file di input"):
        controlla([Uscita("--md", link, _scrive("x"))], [ingresso], force=True)


@pytest.mark.parametrize(
    ("nome", "atteso"),
    [
        ("Comune di Casorate Primo", "casorate-primo"),
        ("COMUNE DI Alzano Lombardo", "alzano-lombardo"),
        ("Comune di Sant'Angelo a Cupolo", "sant-angelo-a-cupolo"),
        ("Città di Forlì", "citta-di-forli"),
        ("???", "ente"),
    ],
)
def test_slug_for_standard_names(nome: str, atteso: str):
    assert slug(nome) == atteso


def test_out_writes_every_document_with_standard_names(tmp_path: Path):
    cartella = tmp_path / "documenti"  # created by the command
    p = run("report", FIXTURES / "alzano-lombardo-2023", "--out", cartella)
    assert p.returncode == 0, p.stderr
    base = "alzano-lombardo-2023-2025"
    attesi = {
        f"{base}-verifica.xlsx",
        f"{base}-piao-3.3.docx",
        f"{base}-piao-3.3.md",
        f"{base}-parere-revisore.docx",
        f"{base}-parere-revisore.md",
    }
    assert {x.name for x in cartella.iterdir()} == attesi  # and no temporaries
    for nome in attesi:
        assert f"Scritto {cartella / nome}" in p.stdout
        assert (cartella / nome).stat().st_size > 0
    assert (cartella / f"{base}-verifica.xlsx").read_bytes()[:2] == b"PK"  # a zip container
    assert (cartella / f"{base}-piao-3.3.docx").read_bytes()[:2] == b"PK"
    assert "non verificabile" in p.stdout  # the verdict is stated, the documents written anyway

    # a second run refuses every existing document and leaves them as they are
    prima = {n: impronta(cartella / n) for n in attesi}
    p2 = run("report", FIXTURES / "alzano-lombardo-2023", "--out", cartella)
    assert p2.returncode == 2
    assert p2.stderr.count("esiste già") == len(attesi)
    assert {n: impronta(cartella / n) for n in attesi} == prima
    # with --force they are replaced
    p3 = run("report", FIXTURES / "alzano-lombardo-2023", "--out", cartella, "--force")
    assert p3.returncode == 0, p3.stderr
    assert {x.name for x in cartella.iterdir()} == attesi


def test_only_markdown_does_not_need_the_office_libraries(tmp_path: Path):
    """A Markdown-only request must not import xlsxwriter or python-docx (lazy imports)."""
    codice = (
        "import sys; from fabbisogni.cli import main; sys.argv=['fabbisogni','report',"
        f"{str(CASO)!r},'--md',{str(tmp_path / 'p.md')!r}];\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert e.code in (0, None), e.code\n"
        "assert 'docx' not in sys.modules and 'xlsxwriter' not in sys.modules, 'importati'\n"
    )
    p = subprocess.run([sys.executable, "-c", codice], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "p.md").read_text(encoding="utf-8").strip()
