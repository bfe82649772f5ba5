"""A case as flat rows, one list per sheet, and back.

:func:`appiattisci` turns a validated :class:`Fascicolo` into the rows of each sheet (values as
the model holds them: Decimal, date, bool, int, text). :func:`ricomponi` turns the rows read from
a workbook into the raw data of the case, the same shape ``fascicolo.yaml`` gives, and records
where every value came from (sheet, row, column) so that a message can point at the cell. No
file is touched here; the two are inverse on every valid case (``tests/test_excel.py``).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from fabbisogni.caso.excel.schema import (
    BASI_557,
    BASI_FLESSIBILE,
    COLONNE_557,
    PER_NOME,
    SEZIONI_557,
    SEZIONI_SPESA,
    TIPI_FLESSIBILE,
    Foglio,
)
from fabbisogni.caso.fascicolo import (
    PRESUPPOSTI_DICHIARATI,
    Assunzione,
    Cessazione,
    Dipendente,
    Fascicolo,
    VoceConsistenza,
    _norm,
)
from fabbisogni.caso.sorgenti import Luogo, Origine, _campo, _valida_righe
from fabbisogni.errors import ErroreInput

Righe = dict[str, list[dict[str, Any]]]

# The sheets that are row-by-row copies of a CSV file, with the model of a row.
TABELLE = (
    ("piano_assunzioni", "Piano", Assunzione),
    ("cessazioni", "Cessazioni", Cessazione),
    ("consistenza", "Consistenza", VoceConsistenza),
    ("personale", "Personale", Dipendente),
)
TITOLI = ("titolo_1", "titolo_2", "titolo_3")


# --- Fascicolo → rows --------------------------------------------------------------------


def appiattisci(f: Fascicolo) -> Righe:
    """The rows of every sheet for a case (header → value; absent values are left out)."""
    d = f.model_dump()
    t: Righe = {nome: [] for nome in PER_NOME}

    def riga(foglio: str, **valori: Any) -> None:
        t[foglio].append({k: v for k, v in valori.items() if v is not None})

    _campi_piatti(t, PER_NOME["Ente"], d)
    for r in d["rendiconti"]:
        riga("Rendiconti", anno=r["anno"], **r["entrate"])
        for v in r["entrate_neutralizzate"]:
            riga("Entrate neutralizzate", anno=r["anno"], **v)
    for e in d["entrate_previste"]:
        riga("Entrate previste", **e)
    for sezione in SEZIONI_SPESA:
        for v in d["spesa_personale"][sezione]:
            riga("Spesa personale", sezione=sezione, **v)
    if (c := d["comma_557"]) is not None:
        colonne = [(c["base"]["tipo"], None, c["base"])]
        if c["rendiconto"] is not None:
            colonne.append(("rendiconto", c["rendiconto"]["anno"], c["rendiconto"]))
        colonne.extend(("previsione", p["anno"], p) for p in c["previsioni"])
        for nome, anno, col in colonne:
            for sezione in ("componenti", "escluse"):
                for v in col[sezione]:
                    riga("Comma 557", colonna=nome, anno=anno, sezione=sezione, **v)
            if col["maggior_spesa_dm"]:
                riga(
                    "Comma 557",
                    colonna=nome,
                    anno=anno,
                    sezione="maggior_spesa_dm",
                    importo=col["maggior_spesa_dm"],
                )
    if (lf := d["lavoro_flessibile"]) is not None:
        riga("Lavoro flessibile", **lf["base"])
        for s in lf["spesa_prevista"]:
            riga("Lavoro flessibile", tipo="spesa_prevista", **s)
    for chiave, p in d["presupposti"].items():
        riga("Presupposti", presupposto=chiave, **p)
    for chiave, foglio, _ in TABELLE:
        for r in d[chiave]:
            riga(foglio, **r)
    for c in d["costi_profilo"]:
        riga("Costi profilo", **c)
    _campi_piatti(t, PER_NOME["Proiezione"], d)
    for s in d["proiezione"]["storico_uscite"]:
        riga("Storico uscite", **s)
    for p in d["parametri"]:
        fonte = {f"fonte.{k}": v for k, v in p.pop("fonte").items()}
        riga("Parametri", **p, **fonte)
        if p["valore"] is None:  # an explicit null: the rule does not apply
            t["Parametri"][-1]["valore"] = None
    _campi_piatti(t, PER_NOME["Dichiarati"], d)
    _campi_piatti(t, PER_NOME["Testi"], d)
    return t


def _prendi(dati: Any, percorso: Sequence[str]) -> Any:
    for parte in percorso:
        if not isinstance(dati, dict):
            return None
        dati = dati.get(parte)
    return dati


def _campi_piatti(t: Righe, foglio: Foglio, d: dict[str, Any]) -> None:
    radice = _prendi(d, foglio.radice)
    for campo in foglio.campi:
        valore = _prendi(radice, campo.percorso)
        if isinstance(valore, dict) and set(valore) == {"valore", "testo", "forma_non_valida"}:
            valore = _dichiarato(valore)
        if campo.ripetibile:
            for v in valore or []:
                t[foglio.nome].append({"campo": campo.nome, "valore": v})
        elif campo.per_anno:
            for anno, v in (valore or {}).items():
                t[foglio.nome].append({"campo": campo.nome, "anno": anno, "valore": _dichiarato(v)})
        elif valore is not None:
            t[foglio.nome].append({"campo": campo.nome, "valore": valore})


def _dichiarato(valore: Any) -> Any:
    """A declared figure as the document wrote it (text) or, when it was a number, the number."""
    if isinstance(valore, dict) and "valore" in valore:
        return valore["testo"] if valore.get("testo") is not None else valore["valore"]
    return valore


# --- rows → raw data ---------------------------------------------------------------------


@dataclass
class Riga:
    """A row of a sheet: its number in Excel and its non-empty cells, read by column type."""

    numero: int
    valori: dict[str, Any] = field(default_factory=dict)


def etichetta(nome_file: str, foglio: str) -> str:
    """How a message names a sheet: ``Caso.xlsx, foglio «Piano»``."""
    return f"{nome_file}, foglio «{foglio}»"


class Ricomposizione:
    """The raw data of a case from the rows of its sheets, with the place of every value."""

    def __init__(self, nome_file: str) -> None:
        self.nome_file = nome_file
        self.dati: dict[str, Any] = {}
        self.errori: list[ErroreInput] = []
        self.luoghi: dict[tuple[Any, ...], Luogo] = {}
        # places whose problem is already reported: pydantic's message there would repeat it
        self.segnalati: set[tuple[Any, ...]] = set()
        self.origine = Origine()
        for chiave, foglio, _ in TABELLE:
            if chiave in self.origine.file:
                self.origine.file[chiave] = self.file(foglio)
        self.origine.dove_personale = "foglio «Personale»"

    # places and problems

    def file(self, foglio: str) -> str:
        return etichetta(self.nome_file, foglio)

    def errore(
        self, messaggio: str, foglio: str, riga: int | None = None, campo: str | None = None
    ) -> None:
        self.errori.append(ErroreInput(messaggio, file=self.file(foglio), riga=riga, campo=campo))

    def segna(
        self, loc: Sequence[Any], foglio: str, riga: int | None = None, campo: str | None = None
    ) -> None:
        self.luoghi[tuple(loc)] = (self.file(foglio), riga, campo)

    def segna_riga(self, loc: Sequence[Any], foglio: Foglio, riga: Riga) -> None:
        """The row itself (no column) and each of its columns, filled or not."""
        self.segna(loc, foglio.nome, riga.numero, "")
        for c in foglio.intestazioni:
            self.segna((*loc, *c.split(".")), foglio.nome, riga.numero, c)

    def gia_segnalato(self, loc: Sequence[Any]) -> bool:
        """A problem reported while the rows were read (a CSV-like row, a missing base)."""
        if loc and loc[0] in {chiave for chiave, _, _ in TABELLE}:
            return True
        return any(tuple(loc[: len(s)]) == s for s in self.segnalati)

    def ordine(self, errore: ErroreInput) -> tuple[int, int]:
        """Sort key of a message: sheet by sheet in the workbook's order, then by row."""
        fogli = [self.file(nome) for nome in PER_NOME]
        posto = fogli.index(errore.file) if errore.file in fogli else -1
        return posto, errore.riga or 0

    def luogo(self, loc: Sequence[Any]) -> Luogo:
        """Where the value at ``loc`` is: the closest place recorded for it or a container.

        The field is ``""`` for a whole row (no column to name) and None for a whole sheet
        (then the message names the path of the field).
        """
        loc = tuple(loc)
        for n in range(len(loc), 0, -1):
            trovato = self.luoghi.get(loc[:n])
            if trovato is None:
                continue
            file, riga, campo = trovato
            if n == len(loc) or campo:
                return trovato
            if riga is not None:  # a row: what is left of the path is the column
                return file, riga, _campo(loc[n:])
            return file, None, None
        return self.nome_file, None, None

    def scelta(
        self, valore: Any, ammessi: Sequence[str], foglio: str, riga: Riga, colonna: str
    ) -> str | None:
        if valore is None:
            self.errore("campo obbligatorio mancante", foglio, riga.numero, colonna)
            return None
        indice = {_norm(a): a for a in ammessi}
        trovato = indice.get(_norm(str(valore)))
        if trovato is None:
            self.errore(
                f"valore «{valore}» non ammesso: valori ammessi {', '.join(ammessi)}",
                foglio,
                riga.numero,
                colonna,
            )
        return trovato

    # the sheets

    def ricomponi(self, tabelle: dict[str, list[Riga]]) -> None:
        for chiave, foglio in (
            ("ente", "Ente"),
            ("primo_anno", "Ente"),
            ("fcde", "Ente"),
            ("spesa_2018", "Ente"),
            ("resti_assunzionali_2015_2019", "Ente"),
            ("organo_revisione", "Ente"),
            ("rendiconti", "Rendiconti"),
            ("entrate_previste", "Entrate previste"),
            ("spesa_personale", "Spesa personale"),
            ("comma_557", "Comma 557"),
            ("lavoro_flessibile", "Lavoro flessibile"),
            ("presupposti", "Presupposti"),
            ("costi_profilo", "Costi profilo"),
            ("proiezione", "Proiezione"),
            ("parametri", "Parametri"),
            ("dichiarati", "Dichiarati"),
            ("testi", "Testi"),
        ):
            self.segna((chiave,), foglio)
        self.segna(("proiezione", "storico_uscite"), "Storico uscite")

        _unisci(self.dati, self.campi(PER_NOME["Ente"], tabelle.get("Ente", [])))
        self.rendiconti(tabelle.get("Rendiconti", []), tabelle.get("Entrate neutralizzate", []))
        self.elenco("entrate_previste", PER_NOME["Entrate previste"], tabelle)
        self.spesa(tabelle.get("Spesa personale", []))
        self.comma_557(tabelle.get("Comma 557", []))
        self.flessibile(tabelle.get("Lavoro flessibile", []))
        self.presupposti(tabelle.get("Presupposti", []))
        for chiave, foglio, modello in TABELLE:
            self.tabella(chiave, PER_NOME[foglio], modello, tabelle.get(foglio, []))
        self.elenco("costi_profilo", PER_NOME["Costi profilo"], tabelle)
        proiezione = self.campi(PER_NOME["Proiezione"], tabelle.get("Proiezione", []))
        storico = self.righe(("proiezione", "storico_uscite"), PER_NOME["Storico uscite"], tabelle)
        if storico:
            proiezione["storico_uscite"] = storico
        if proiezione:
            self.dati["proiezione"] = proiezione
        self.parametri(tabelle.get("Parametri", []))
        for chiave, foglio in (("dichiarati", "Dichiarati"), ("testi", "Testi")):
            valori = self.campi(PER_NOME[foglio], tabelle.get(foglio, []))
            if valori:
                self.dati[chiave] = valori

    def campi(self, foglio: Foglio, righe: list[Riga]) -> dict[str, Any]:
        """A field table → the nested data under the sheet's root."""
        dati: dict[str, Any] = {}
        radice = foglio.radice
        for c in foglio.campi:  # a field with no row: the message names the sheet and field
            self.segna((*radice, *c.percorso), foglio.nome, None, c.nome)
            if c.obbligatorio:  # so that each missing field is named, not its container
                _contenitore(dati, c.percorso[:-1])
        visti: dict[str, int] = {}
        for riga in righe:
            nome, anno, valore = (riga.valori.get(k) for k in ("campo", "anno", "valore"))
            if nome is None:
                if valore is not None or anno is not None:
                    self.errore(
                        "manca il nome del campo (colonna «campo»)",
                        foglio.nome,
                        riga.numero,
                        "campo",
                    )
                continue
            campo = foglio.campo(str(nome))
            if campo is None:
                simili = difflib.get_close_matches(
                    str(nome), [c.nome for c in foglio.campi], n=1, cutoff=0.6
                )
                extra = f" (forse «{simili[0]}»?)" if simili else ""
                self.errore(f"campo «{nome}» sconosciuto{extra}", foglio.nome, riga.numero, "campo")
                continue
            percorso = (*radice, *campo.percorso)
            if campo.ripetibile and campo.tipo.nome == "anno" and valore is None:
                valore, anno = anno, None  # a list of years (anni_entrate) in the «anno» column
            if anno is not None and not campo.per_anno:
                self.errore(
                    f"da lasciare vuoto: «{campo.nome}» non è una cifra per anno",
                    foglio.nome,
                    riga.numero,
                    "anno",
                )
                continue
            if campo.ripetibile:
                if valore is not None:
                    lista = _contenitore(dati, campo.percorso, lista=True)
                    self.segna((*percorso, len(lista)), foglio.nome, riga.numero, campo.nome)
                    lista.append(valore)
                continue
            if campo.per_anno:
                if valore is None and anno is None:
                    continue
                if anno is None or valore is None:
                    manca = "anno" if anno is None else "valore"
                    self.errore(
                        f"campo obbligatorio mancante per «{campo.nome}»",
                        foglio.nome,
                        riga.numero,
                        manca,
                    )
                    continue
                mappa = _contenitore(dati, campo.percorso)
                if anno in mappa:
                    self.errore(
                        f"«{campo.nome}» dell'anno {anno} già indicato più sopra",
                        foglio.nome,
                        riga.numero,
                        "anno",
                    )
                    continue
                self.segna((*percorso, anno), foglio.nome, riga.numero, campo.nome)
                mappa[anno] = valore
                continue
            chiave = campo.nome.lower()
            if chiave in visti:
                self.errore(
                    f"campo già indicato alla riga {visti[chiave]}",
                    foglio.nome,
                    riga.numero,
                    campo.nome,
                )
                continue
            visti[chiave] = riga.numero
            self.segna(percorso, foglio.nome, riga.numero, campo.nome)
            if valore is not None:
                *sopra, ultimo = campo.percorso
                _contenitore(dati, sopra)[ultimo] = valore
        return dati

    def righe(
        self, loc: tuple[str, ...], foglio: Foglio, tabelle: dict[str, list[Riga]]
    ) -> list[dict[str, Any]]:
        elenco: list[dict[str, Any]] = []
        for riga in tabelle.get(foglio.nome, []):
            self.segna_riga((*loc, len(elenco)), foglio, riga)
            elenco.append(dict(riga.valori))
        return elenco

    def elenco(self, chiave: str, foglio: Foglio, tabelle: dict[str, list[Riga]]) -> None:
        elenco = self.righe((chiave,), foglio, tabelle)
        if elenco:
            self.dati[chiave] = elenco

    def rendiconti(self, righe: list[Riga], neutralizzate: list[Riga]) -> None:
        foglio = PER_NOME["Rendiconti"]
        rendiconti: list[dict[str, Any]] = []
        for i, riga in enumerate(righe):
            valori = riga.valori
            rendiconto: dict[str, Any] = {"entrate": {k: valori[k] for k in TITOLI if k in valori}}
            if "anno" in valori:
                rendiconto["anno"] = valori["anno"]
            self.segna_riga(("rendiconti", i), foglio, riga)
            for t in TITOLI:
                self.segna(("rendiconti", i, "entrate", t), foglio.nome, riga.numero, t)
            rendiconti.append(rendiconto)
        self.dati["rendiconti"] = rendiconti

        foglio = PER_NOME["Entrate neutralizzate"]
        per_anno: dict[Any, int] = {}
        for i, r in enumerate(rendiconti):
            per_anno.setdefault(r.get("anno"), i)
        for riga in neutralizzate:
            valori = dict(riga.valori)
            anno = valori.pop("anno", None)
            if anno is None:
                self.errore("campo obbligatorio mancante", foglio.nome, riga.numero, "anno")
                continue
            if anno not in per_anno:
                self.errore(
                    f"l'anno {anno} non è tra i rendiconti (foglio «Rendiconti»)",
                    foglio.nome,
                    riga.numero,
                    "anno",
                )
                continue
            k = per_anno[anno]
            lista = rendiconti[k].setdefault("entrate_neutralizzate", [])
            self.segna_riga(("rendiconti", k, "entrate_neutralizzate", len(lista)), foglio, riga)
            lista.append(valori)

    def spesa(self, righe: list[Riga]) -> None:
        foglio = PER_NOME["Spesa personale"]
        spesa = self.dati.setdefault("spesa_personale", {})
        spesa.setdefault("componenti", [])
        self.segna(("spesa_personale", "componenti"), foglio.nome, None, "sezione")
        for riga in righe:
            valori = dict(riga.valori)
            sezione = self.scelta(
                valori.pop("sezione", None), SEZIONI_SPESA, foglio.nome, riga, "sezione"
            )
            if sezione is None:
                continue
            lista = spesa.setdefault(sezione, [])
            self.segna_riga(("spesa_personale", sezione, len(lista)), foglio, riga)
            lista.append(valori)

    def comma_557(self, righe: list[Riga]) -> None:
        if not righe:
            return
        foglio = PER_NOME["Comma 557"]
        dati: dict[str, Any] = {}
        prima_riga: dict[int, int] = {}  # id(column) → its first row
        maggiore: dict[int, int] = {}  # id(column) → the row of its maggior_spesa_dm
        for riga in righe:
            valori = dict(riga.valori)
            colonna = self.scelta(
                valori.pop("colonna", None), COLONNE_557, foglio.nome, riga, "colonna"
            )
            sezione = self.scelta(
                valori.pop("sezione", None), SEZIONI_557, foglio.nome, riga, "sezione"
            )
            if colonna is None or sezione is None:
                continue
            anno = valori.pop("anno", None)
            col, loc = self._colonna_557(dati, colonna, anno, foglio, riga, prima_riga)
            if col is None:
                continue
            if sezione != "maggior_spesa_dm":
                lista = col.setdefault(sezione, [])
                self.segna_riga((*loc, sezione, len(lista)), foglio, riga)
                lista.append(valori)
                continue
            for k in valori.keys() - {"importo"}:
                self.errore(
                    "da lasciare vuoto: la riga della maggior spesa (riga C) ha solo l'importo",
                    foglio.nome,
                    riga.numero,
                    k,
                )
            if id(col) in maggiore:
                self.errore(
                    f"maggior spesa già indicata alla riga {maggiore[id(col)]} per questa colonna",
                    foglio.nome,
                    riga.numero,
                    "sezione",
                )
            elif "importo" not in valori:
                self.errore("campo obbligatorio mancante", foglio.nome, riga.numero, "importo")
            else:
                maggiore[id(col)] = riga.numero
                col["maggior_spesa_dm"] = valori["importo"]
                self.segna((*loc, "maggior_spesa_dm"), foglio.nome, riga.numero, "importo")
        if "base" not in dati:
            self.errore(
                "manca la base del limite: almeno una riga con colonna «media_2011_2013» "
                "(comma 557-quater) oppure «anno_2008» (comma 562)",
                foglio.nome,
                None,
                "colonna",
            )
            self.segnalati.add(("comma_557", "base"))
        dati.setdefault("previsioni", [])
        self.dati["comma_557"] = dati

    def _colonna_557(
        self,
        dati: dict[str, Any],
        colonna: str,
        anno: Any,
        foglio: Foglio,
        riga: Riga,
        prima_riga: dict[int, int],
    ) -> tuple[dict[str, Any] | None, tuple[Any, ...]]:
        """The column of the prospetto a row belongs to, created at its first row."""

        def nuova(col: dict[str, Any], loc: tuple[Any, ...]) -> dict[str, Any]:
            col.setdefault("componenti", [])
            prima_riga[id(col)] = riga.numero
            self.segna(loc, foglio.nome, riga.numero, "")
            self.segna((*loc, "anno"), foglio.nome, riga.numero, "anno")
            self.segna((*loc, "tipo"), foglio.nome, riga.numero, "colonna")
            self.segna((*loc, "componenti"), foglio.nome, riga.numero, "sezione")
            return col

        if colonna in BASI_557:
            loc: tuple[Any, ...] = ("comma_557", "base")
            if anno is not None:
                self.errore(
                    "da lasciare vuoto per la base: il periodo è nel nome della colonna "
                    f"({' o '.join(BASI_557)})",
                    foglio.nome,
                    riga.numero,
                    "anno",
                )
                return None, loc
            base = dati.get("base")
            if base is None:
                return nuova(dati.setdefault("base", {"tipo": colonna}), loc), loc
            if base["tipo"] != colonna:
                self.errore(
                    f"la base del limite è una sola: qui «{colonna}», alla riga "
                    f"{prima_riga[id(base)]} «{base['tipo']}»",
                    foglio.nome,
                    riga.numero,
                    "colonna",
                )
                return None, loc
            return base, loc
        if anno is None:
            self.errore(
                f"indicare l'anno della colonna «{colonna}»", foglio.nome, riga.numero, "anno"
            )
            return None, ()
        if colonna == "rendiconto":
            loc = ("comma_557", "rendiconto")
            col = dati.get("rendiconto")
            if col is None:
                return nuova(dati.setdefault("rendiconto", {"anno": anno}), loc), loc
            if col["anno"] != anno:
                self.errore(
                    f"la colonna del rendiconto è una sola: qui l'anno {anno}, alla riga "
                    f"{prima_riga[id(col)]} l'anno {col['anno']}",
                    foglio.nome,
                    riga.numero,
                    "anno",
                )
                return None, loc
            return col, loc
        previsioni = dati.setdefault("previsioni", [])
        for i, p in enumerate(previsioni):
            if p["anno"] == anno:
                return p, ("comma_557", "previsioni", i)
        loc = ("comma_557", "previsioni", len(previsioni))
        previsioni.append({"anno": anno})
        return nuova(previsioni[-1], loc), loc

    def flessibile(self, righe: list[Riga]) -> None:
        if not righe:
            return
        foglio = PER_NOME["Lavoro flessibile"]
        dati: dict[str, Any] = {"spesa_prevista": []}
        riga_base: int | None = None
        for riga in righe:
            valori = dict(riga.valori)
            tipo = self.scelta(valori.pop("tipo", None), TIPI_FLESSIBILE, foglio.nome, riga, "tipo")
            if tipo is None:
                continue
            if tipo in BASI_FLESSIBILE:
                if riga_base is not None:
                    self.errore(
                        f"la base del limite è una sola: già indicata alla riga {riga_base}",
                        foglio.nome,
                        riga.numero,
                        "tipo",
                    )
                    continue
                riga_base = riga.numero
                dati["base"] = {"tipo": tipo, **valori}
                self.segna_riga(("lavoro_flessibile", "base"), foglio, riga)
                continue
            lista = dati["spesa_prevista"]
            self.segna_riga(("lavoro_flessibile", "spesa_prevista", len(lista)), foglio, riga)
            lista.append(valori)
        if riga_base is None:
            self.errore(
                "manca la riga della base del limite (tipo "
                f"{', '.join(BASI_FLESSIBILE[:-1])} o {BASI_FLESSIBILE[-1]})",
                foglio.nome,
                None,
                "tipo",
            )
            self.segnalati.add(("lavoro_flessibile", "base"))
        self.dati["lavoro_flessibile"] = dati

    def presupposti(self, righe: list[Riga]) -> None:
        foglio = PER_NOME["Presupposti"]
        dati: dict[str, Any] = {}
        viste: dict[str, int] = {}
        for riga in righe:
            valori = dict(riga.valori)
            chiave = valori.pop("presupposto", None)
            if not valori:  # only the name: not declared
                continue
            chiave = self.scelta(chiave, PRESUPPOSTI_DICHIARATI, foglio.nome, riga, "presupposto")
            if chiave is None:
                continue
            if chiave in viste:
                self.errore(
                    f"presupposto già indicato alla riga {viste[chiave]}",
                    foglio.nome,
                    riga.numero,
                    "presupposto",
                )
                continue
            viste[chiave] = riga.numero
            self.segna_riga(("presupposti", chiave), foglio, riga)
            dati[chiave] = valori
        if dati:
            self.dati["presupposti"] = dati

    def tabella(self, chiave: str, foglio: Foglio, modello: type[Any], righe: list[Riga]) -> None:
        """A sheet that is a CSV file: each row validated on its own, as the CSV rows are."""
        if not righe:
            return
        grezze = [(r.numero, r.valori) for r in righe]
        oggetti, errori = _valida_righe(self.file(foglio.nome), grezze, modello)
        self.errori.extend(errori)
        self.dati[chiave] = [o.model_dump() for o in oggetti if o is not None]
        if chiave == "consistenza":
            return
        mappa = self.origine.mappa(chiave)
        for (numero, valori), o in zip(grezze, oggetti, strict=True):
            if o is not None:
                mappa[o.id] = (self.file(foglio.nome), numero)
            elif "id" in valori:
                mappa.setdefault(str(valori["id"]), (self.file(foglio.nome), numero))

    def parametri(self, righe: list[Riga]) -> None:
        foglio = PER_NOME["Parametri"]
        elenco: list[dict[str, Any]] = []
        for riga in righe:
            valori: dict[str, Any] = {"fonte": {}}
            for k, v in riga.valori.items():
                if k.startswith("fonte."):
                    valori["fonte"][k.removeprefix("fonte.")] = v
                else:
                    valori[k] = None if k == "valore" and v == "null" else v
            self.segna_riga(("parametri", len(elenco)), foglio, riga)
            elenco.append(valori)
        if elenco:
            self.dati["parametri"] = elenco


def _contenitore(dati: dict[str, Any], percorso: Sequence[str], *, lista: bool = False) -> Any:
    """The dict (or the list) at ``percorso``, created with its parents if missing."""
    if not percorso:
        return dati
    for parte in percorso[:-1]:
        dati = dati.setdefault(parte, {})
    return dati.setdefault(percorso[-1], [] if lista else {})


def ricomponi(tabelle: dict[str, list[Riga]], nome_file: str) -> Ricomposizione:
    """The raw data of a case from its sheets' rows (``nome_file`` names it in messages)."""
    r = Ricomposizione(nome_file)
    r.ricomponi(tabelle)
    return r


def _unisci(dati: dict[str, Any], altro: dict[str, Any]) -> None:
    for k, v in altro.items():
        if isinstance(v, dict) and isinstance(dati.get(k), dict):
            _unisci(dati[k], v)
        else:
            dati[k] = v


def messaggio(err: Any) -> str | None:
    """Messages that speak of rows rather than list items (the workbook's words)."""
    tipo = err["type"]
    ctx = err.get("ctx") or {}
    loc = err["loc"]
    if tipo == "extra_forbidden":
        return "da lasciare vuoto: in questa riga il campo non si applica"
    if tipo == "too_short":
        n = ctx.get("min_length")
        if loc and loc[-1] == "componenti":
            return "serve almeno una riga con sezione «componenti»"
        return "serve almeno una riga" if n == 1 else f"servono almeno {n} righe"
    if tipo == "too_long":
        return f"ammesse al massimo {ctx.get('max_length')} righe"
    return None
