"""Cost of a position: CCNL Comparto Funzioni Locali tables, or the ente's own figures.

The annual cost *a regime* of a position (hire, cessation, person in service), with and without
IRAP, scaled by FTE. Three origins, in this order of precedence:

1. ``ente``: the cost written in the row (``costo_annuo``, optionally ``costo_annuo_con_irap``),
   already scaled by FTE. When only the cost without IRAP is given, IRAP is derived from it:
   retribuzioni = costo ÷ (1 + oneri), IRAP = retribuzioni × aliquota.
2. ``profilo``: a ``CostoProfilo`` of the case with the same area and profilo (case- and
   space-insensitive), full-time, scaled by FTE.
3. ``ccnl``: the tables in ``tables/ccnl_funzioni_locali.yaml`` in force on ``giorno`` (the start
   of a hire, the date of a cessation)::

       tabellare (12 mensilità) + tredicesima + indennità di comparto = retribuzioni
       + CPDEL + TFS/TFR + INAIL (each a rate of the retribuzioni)  = costo annuo senza IRAP
       + IRAP (rate of the retribuzioni)                            = costo annuo con IRAP

   Each component is scaled by FTE and then rounded half-up to the cent; the tredicesima is one
   monthly payment, tabellare ÷ 12, rounded like a payslip. The choice, and why, is in
   ``docs/costi.md``.

The Dirigenti area has no reliable table: without a cost from the ente it is an error.
Everything here is pure: no file I/O, no printing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from fabbisogni.caso.fascicolo import AREE, CostoProfilo
from fabbisogni.errors import ErroreFabbisogni, ErroreParametro
from fabbisogni.numeri import euro, fmt_data, fmt_euro, fmt_percento
from fabbisogni.parametri import Parametri, ParametroUsato, decimali_percento
from fabbisogni.traccia import Passo, dato, passo

RIF_CCNL = (
    "CCNL Comparto Funzioni Locali 16/11/2022 e 23/02/2026; CCNL 22/01/2004 art. 33 "
    "(indennità di comparto); D.Lgs. 446/1997 (IRAP)"
)
RIF_ENTE = "costo indicato dall'ente"

TABELLARE = "ccnl_fl.tabellare_annuo"
TREDICESIMA = "ccnl_fl.tredicesima"
COMPARTO = "ccnl_fl.indennita_comparto_annua"
ONERI = "ccnl_fl.oneri_ente"
IRAP = "ccnl_fl.irap"

# The table key of each area of the CCNL 16/11/2022 (Dirigenti: no table).
CHIAVE_AREA: dict[str, str] = {
    "Funzionari ed EQ": "funzionari_eq",
    "Istruttori": "istruttori",
    "Operatori esperti": "operatori_esperti",
    "Operatori": "operatori",
}
DIRIGENTI = "Dirigenti"
# Components computed on the retribuzioni: the trace shows the retribuzioni before them.
SU_RETRIBUZIONI = ("cpdel", "tfs", "inail", "irap")
DODICI = Decimal(12)
UNO = Decimal(1)

Origine = Literal["ente", "profilo", "ccnl"]


class CostoNonDeterminabile(ErroreFabbisogni, ValueError):
    """The cost of a position cannot be computed: the message says what the ente should give."""


SUGGERIMENTO = (
    "Indicare il costo del profilo in fascicolo.yaml (costi_profilo: area, profilo, costo_annuo, "
    "costo_annuo_con_irap facoltativo, fonte) oppure costo_annuo (e costo_annuo_con_irap) nella "
    "riga."
)


@dataclass(frozen=True)
class VoceCosto:
    """One component of the cost: amount already × FTE and rounded to the cent."""

    voce: str
    importo: Decimal
    formula: str
    codice: str = ""
    parametri: tuple[ParametroUsato, ...] = ()
    irap: bool = False  # True for the IRAP line, which is outside the cost without IRAP


@dataclass(frozen=True)
class CostoPosto:
    """Annual cost a regime of one position, with the components that make it."""

    annuo: Decimal
    annuo_con_irap: Decimal
    origine: Origine
    voci: tuple[VoceCosto, ...]
    parametri: tuple[ParametroUsato, ...]
    nota: str | None = None
    retribuzioni: Decimal | None = None  # base of contributions and IRAP, when known

    @property
    def irap(self) -> Decimal:
        return self.annuo_con_irap - self.annuo

    def passi(self, codice: str, descrizione: str) -> list[Passo]:
        """Trace steps: one per component, then the cost without and with IRAP."""
        rif = RIF_CCNL if self.origine == "ccnl" else RIF_ENTE
        passi: list[Passo] = []
        for i, v in enumerate(self.voci, start=1):
            if (
                self.retribuzioni is not None
                and v.codice in SU_RETRIBUZIONI
                and not any(p.codice == f"{codice}.retribuzioni" for p in passi)
            ):
                passi.append(self._passo_retribuzioni(codice, descrizione, rif))
            passi.append(
                passo(
                    f"{codice}.{v.codice or i}",
                    f"{descrizione}: {v.voce}",
                    v.formula,
                    v.importo,
                    parametri=list(v.parametri),
                    riferimento=rif,
                )
            )
        senza = [v for v in self.voci if not v.irap]
        origine = {
            "ente": "costo indicato nella riga dall'ente",
            "profilo": "costo del profilo indicato dall'ente (costi_profilo)",
            "ccnl": "tabelle del CCNL Funzioni Locali",
        }[self.origine]
        formula = f"{origine}: " + " + ".join(v.voce for v in senza)
        formula_irap = "costo annuo senza IRAP + IRAP"
        # the note of a CCNL cost is about the cost (INAIL left out); of an ente's cost, about IRAP
        if self.nota and self.origine == "ccnl":
            formula += f". {self.nota}"
        elif self.nota:
            formula_irap += f". {self.nota}"
        passi.append(
            passo(
                f"{codice}.annuo",
                f"{descrizione}: costo annuo a regime senza IRAP",
                formula,
                self.annuo,
                input=[dato(v.voce, v.importo) for v in senza],
                parametri=[p for v in senza for p in v.parametri],
                riferimento=rif,
            )
        )
        passi.append(
            passo(
                f"{codice}.annuo_con_irap",
                f"{descrizione}: costo annuo a regime con IRAP",
                formula_irap,
                self.annuo_con_irap,
                input=[dato("costo annuo senza IRAP", self.annuo), dato("IRAP", self.irap)],
                parametri=[p for v in self.voci if v.irap for p in v.parametri],
                riferimento=rif,
            )
        )
        return passi

    def _passo_retribuzioni(self, codice: str, descrizione: str, rif: str) -> Passo:
        if self.origine == "ccnl":
            prima = [v for v in self.voci if v.codice in ("tabellare", "tredicesima", "comparto")]
            formula = " + ".join(v.voce for v in prima)
            dati = [dato(v.voce, v.importo) for v in prima]
        else:
            formula = "ricavate dal costo senza IRAP: costo ÷ (1 + aliquote dei contributi)"
            dati = []
        return passo(
            f"{codice}.retribuzioni",
            f"{descrizione}: retribuzioni (base di contributi e IRAP)",
            formula,
            self.retribuzioni,
            input=dati,
            riferimento=rif,
        )


# --- public API --------------------------------------------------------------------------


def costo_posto(
    area: str,
    profilo: str,
    fte: Decimal,
    giorno: date,
    parametri: Parametri,
    costi_profilo: Sequence[CostoProfilo] = (),
    *,
    costo_annuo: Decimal | None = None,
    costo_annuo_con_irap: Decimal | None = None,
) -> CostoPosto:
    """The annual cost a regime of a position of ``area``/``profilo`` at ``fte``.

    ``giorno`` chooses the CCNL tables and the rates (start of a hire, date of a cessation).
    ``costo_annuo``/``costo_annuo_con_irap`` are the row's own figures, already × FTE.
    Raises :class:`CostoNonDeterminabile` when no cost can be found (Dirigenti without a cost
    from the ente, a date before the first table).
    """
    area = _area(area)
    fte = Decimal(fte)
    if not (Decimal(0) < fte <= UNO):
        raise CostoNonDeterminabile(
            f"quota FTE {fte} fuori intervallo per «{profilo}»: deve essere maggiore di 0 e al "
            "massimo 1"
        )
    if costo_annuo is not None:
        return _costo_ente(costo_annuo, costo_annuo_con_irap, giorno, parametri)
    if costo_annuo_con_irap is not None:
        raise CostoNonDeterminabile(
            f"costo_annuo_con_irap indicato senza costo_annuo per «{profilo}» ({area}): "
            "indicarli entrambi o nessuno dei due"
        )
    cp = _profilo_ente(area, profilo, costi_profilo)
    if cp is not None:
        return _costo_profilo(cp, fte, giorno, parametri)
    if area == DIRIGENTI:
        raise CostoNonDeterminabile(
            f"Costo del posto «{profilo}» (area Dirigenti) non determinabile: il programma non ha "
            "una tabella affidabile degli stipendi della dirigenza (CCNL Area Funzioni Locali). "
            + SUGGERIMENTO
        )
    try:
        return _costo_ccnl(area, fte, giorno, parametri)
    except ErroreParametro as exc:
        raise CostoNonDeterminabile(
            f"Costo del posto «{profilo}» ({area}) al {fmt_data(giorno)} non determinabile dalle "
            f"tabelle del CCNL Funzioni Locali: {exc} " + SUGGERIMENTO
        ) from exc


def costo_competenza(annuo: Decimal, mese_inizio: int) -> Decimal:
    """The part of ``annuo`` that falls in the year from ``mese_inizio`` to December.

    Months in service (13 − mese_inizio) ÷ 12 of the annual cost, rounded half-up to the cent:
    month 1 → the whole cost, month 7 → 6/12, month 12 → 1/12. The tredicesima accrues month
    by month, so the annual cost (13 mensilità) is spread evenly.
    """
    if isinstance(mese_inizio, bool) or not isinstance(mese_inizio, int):
        raise ValueError(f"mese di inizio «{mese_inizio}» non valido: un numero da 1 a 12")
    if not 1 <= mese_inizio <= 12:
        raise ValueError(f"mese di inizio {mese_inizio} non valido: un numero da 1 a 12")
    return euro(Decimal(annuo) * (13 - mese_inizio) / DODICI)


# --- the three origins -------------------------------------------------------------------


def _costo_ccnl(area: str, fte: Decimal, giorno: date, parametri: Parametri) -> CostoPosto:
    chiave = CHIAVE_AREA[area]
    tab, p_tab = _leggi_importo(parametri, TABELLARE, giorno, chiave)
    mesi13, p_13 = _leggi_importo(parametri, TREDICESIMA, giorno)
    comp, p_comp = _leggi_importo(parametri, COMPARTO, giorno, chiave)
    per_fte = "" if fte == UNO else f" × FTE {_fte(fte)}"

    tabellare = euro(tab * fte)
    mensile = tab / DODICI
    tredicesima = euro(mensile * mesi13 * fte)
    mesi = "" if mesi13 == UNO else f" × {_numero(mesi13)}"
    comparto = euro(comp * fte)
    voci = [
        VoceCosto(
            "Stipendio tabellare (12 mensilità)",
            tabellare,
            f"tabellare annuo {area} {fmt_euro(tab)}{per_fte}",
            "tabellare",
            (p_tab,),
        ),
        VoceCosto(
            "Tredicesima mensilità",
            tredicesima,
            f"una mensilità di tabellare: {fmt_euro(tab)} ÷ 12{mesi}{per_fte}",
            "tredicesima",
            (p_tab, p_13),
        ),
        VoceCosto(
            "Indennità di comparto (12 mensilità)",
            comparto,
            f"indennità di comparto annua {area} {fmt_euro(comp)}{per_fte} (non sulla tredicesima)",
            "comparto",
            (p_comp,),
        ),
    ]
    retribuzioni = tabellare + tredicesima + comparto
    oneri, inail_mancante = _oneri_e_irap(retribuzioni, giorno, parametri)
    nota = (
        "Premio INAIL non compreso: il tasso è dell'ente e non è stato indicato. Per "
        "indicarlo, nella sezione parametri del fascicolo scrivere nome «ccnl_fl.oneri_ente», "
        "chiave «inail», il tasso e la sua fonte (docs/costi.md)."
        if inail_mancante
        else None
    )
    return _somma("ccnl", voci + oneri, nota, retribuzioni)


def _costo_profilo(
    cp: CostoProfilo, fte: Decimal, giorno: date, parametri: Parametri
) -> CostoPosto:
    per_fte = "" if fte == UNO else f" × FTE {_fte(fte)}"
    annuo = euro(cp.costo_annuo * fte)
    voce = VoceCosto(
        "Costo annuo del profilo indicato dall'ente",
        annuo,
        f"costo annuo a tempo pieno senza IRAP di «{cp.profilo}» ({cp.area}) "
        f"{fmt_euro(cp.costo_annuo)}{per_fte}; fonte: {cp.fonte}",
        "profilo",
    )
    if cp.costo_annuo_con_irap is not None:
        con_irap = euro(cp.costo_annuo_con_irap * fte)
        irap = VoceCosto(
            "IRAP",
            con_irap - annuo,
            f"costo con IRAP indicato dall'ente {fmt_euro(cp.costo_annuo_con_irap)}{per_fte} "
            f"= {fmt_euro(con_irap)}, meno il costo senza IRAP {fmt_euro(annuo)}",
            "irap",
            irap=True,
        )
        return _somma("profilo", [voce, irap], f"Costo del profilo da costi_profilo ({cp.fonte}).")
    irap, nota, retribuzioni = _irap_ricavata(annuo, giorno, parametri)
    return _somma(
        "profilo",
        [voce, irap],
        f"Costo del profilo da costi_profilo ({cp.fonte}). {nota}",
        retribuzioni,
    )


def _costo_ente(
    annuo: Decimal, con_irap: Decimal | None, giorno: date, parametri: Parametri
) -> CostoPosto:
    annuo = Decimal(annuo)
    voce = VoceCosto(
        "Costo annuo indicato dall'ente",
        annuo,
        f"costo annuo a regime senza IRAP indicato nella riga, già rapportato all'FTE: "
        f"{fmt_euro(annuo)}",
        "ente",
    )
    if con_irap is not None:
        con_irap = Decimal(con_irap)
        if con_irap < annuo:
            raise CostoNonDeterminabile(
                f"costo_annuo_con_irap {fmt_euro(con_irap)} minore di costo_annuo "
                f"{fmt_euro(annuo)}: il costo con IRAP non può essere inferiore"
            )
        irap = VoceCosto(
            "IRAP",
            con_irap - annuo,
            f"costo con IRAP indicato nella riga {fmt_euro(con_irap)} meno il costo senza IRAP "
            f"{fmt_euro(annuo)}",
            "irap",
            irap=True,
        )
        return _somma("ente", [voce, irap], None)
    irap, nota, retribuzioni = _irap_ricavata(annuo, giorno, parametri)
    return _somma("ente", [voce, irap], nota, retribuzioni)


# --- components --------------------------------------------------------------------------


def _oneri_e_irap(
    retribuzioni: Decimal, giorno: date, parametri: Parametri
) -> tuple[list[VoceCosto], bool]:
    """CPDEL, TFS/TFR, INAIL and IRAP on the retribuzioni, each rounded to the cent.

    Also says whether the INAIL rate was missing (not in the table, not given by the ente).
    """
    base = fmt_euro(retribuzioni)
    voci = []
    inail_mancante = False
    for chiave, voce in (
        ("cpdel", "Contributi CPDEL a carico dell'ente"),
        ("tfs", "Contributo TFS/TFR a carico dell'ente"),
        ("inail", "Premio INAIL"),
    ):
        aliquota, usato = _leggi_aliquota(parametri, ONERI, giorno, chiave)
        if aliquota is None:
            inail_mancante = True
            voci.append(
                VoceCosto(
                    voce,
                    Decimal("0.00"),
                    "tasso INAIL non in tabella (dipende dall'ente): 0 finché l'ente non lo "
                    "indica nella sezione parametri del fascicolo (nome «ccnl_fl.oneri_ente», "
                    "chiave «inail»)",
                    chiave,
                    (usato,),
                )
            )
            continue
        voci.append(
            VoceCosto(
                voce,
                euro(retribuzioni * aliquota),
                f"retribuzioni {base} × {_pct(aliquota)}",
                chiave,
                (usato,),
            )
        )
    aliquota, usato = _leggi_aliquota(parametri, IRAP, giorno)
    if aliquota is None:
        raise ErroreParametro(f"Aliquota IRAP non applicabile il {fmt_data(giorno)}")
    voci.append(
        VoceCosto(
            "IRAP",
            euro(retribuzioni * aliquota),
            f"retribuzioni {base} × {_pct(aliquota)} (metodo retributivo)",
            "irap",
            (usato,),
            irap=True,
        )
    )
    return voci, inail_mancante


def _irap_ricavata(
    annuo: Decimal, giorno: date, parametri: Parametri
) -> tuple[VoceCosto, str, Decimal]:
    """IRAP from a cost without IRAP: retribuzioni = costo ÷ (1 + oneri); × aliquota."""
    usati: list[ParametroUsato] = []
    oneri = Decimal(0)
    inail_mancante = False
    for chiave in ("cpdel", "tfs", "inail"):
        aliquota, usato = _leggi_aliquota(parametri, ONERI, giorno, chiave)
        usati.append(usato)
        if aliquota is None:
            inail_mancante = True
            continue
        oneri += aliquota
    aliquota_irap, p_irap = _leggi_aliquota(parametri, IRAP, giorno)
    if aliquota_irap is None:
        raise ErroreParametro(f"Aliquota IRAP non applicabile il {fmt_data(giorno)}")
    usati.append(p_irap)
    retribuzioni = euro(annuo / (UNO + oneri))
    irap = euro(retribuzioni * aliquota_irap)
    inail = ", INAIL non indicato dall'ente" if inail_mancante else ""
    formula = (
        f"retribuzioni = {fmt_euro(annuo)} ÷ (1 + contributi {_pct(oneri)}{inail}) = "
        f"{fmt_euro(retribuzioni)}; IRAP = {fmt_euro(retribuzioni)} × {_pct(aliquota_irap)}"
    )
    nota = (
        f"IRAP ricavata dal costo senza IRAP: {formula} = {fmt_euro(irap)}; il costo con IRAP "
        "non è stato indicato dall'ente."
    )
    voce = VoceCosto("IRAP", irap, formula, "irap", tuple(usati), irap=True)
    return voce, nota, retribuzioni


def _somma(
    origine: Origine,
    voci: list[VoceCosto],
    nota: str | None,
    retribuzioni: Decimal | None = None,
) -> CostoPosto:
    annuo = sum((v.importo for v in voci if not v.irap), Decimal(0))
    con_irap = annuo + sum((v.importo for v in voci if v.irap), Decimal(0))
    usati: dict[tuple[str, str | None], ParametroUsato] = {}
    for v in voci:
        for p in v.parametri:
            usati.setdefault((p.nome, p.chiave), p)
    return CostoPosto(
        annuo=annuo,
        annuo_con_irap=con_irap,
        origine=origine,
        voci=tuple(voci),
        parametri=tuple(usati.values()),
        nota=nota,
        retribuzioni=retribuzioni,
    )


# --- helpers -----------------------------------------------------------------------------


def _area(area: str) -> str:
    indice = {" ".join(a.split()).casefold(): a for a in AREE}
    canonica = indice.get(" ".join(str(area).split()).casefold())
    if canonica is None:
        raise CostoNonDeterminabile(
            f"area «{area}» non riconosciuta: valori ammessi {', '.join(AREE)}"
        )
    return canonica


def _norm_profilo(testo: str) -> str:
    return " ".join(testo.split()).casefold()


def _profilo_ente(
    area: str, profilo: str, costi_profilo: Sequence[CostoProfilo]
) -> CostoProfilo | None:
    cercato = _norm_profilo(profilo)
    for cp in costi_profilo:
        if cp.area == area and _norm_profilo(cp.profilo) == cercato:
            return cp
    return None


def _leggi_importo(
    parametri: Parametri, nome: str, giorno: date, *chiavi: str
) -> tuple[Decimal, ParametroUsato]:
    valore, usato = parametri.leggi(nome, giorno, *chiavi)
    if valore is None or not isinstance(valore, Decimal):
        voce = f" (voce {'/'.join(chiavi)})" if chiavi else ""
        raise ErroreParametro(
            f"Il parametro «{nome}»{voce} non ha un importo in vigore il {fmt_data(giorno)}"
        )
    return valore, usato


def _leggi_aliquota(
    parametri: Parametri, nome: str, giorno: date, *chiavi: str
) -> tuple[Decimal | None, ParametroUsato]:
    valore, usato = parametri.leggi(nome, giorno, *chiavi)
    if valore is not None and not isinstance(valore, Decimal):
        raise ErroreParametro(
            f"Il parametro «{nome}» ({'/'.join(chiavi) or 'valore'}) non è un numero: «{valore}»"
        )
    return valore, usato


def _pct(valore: Decimal) -> str:
    """A rate as the documents write it: ``0.238`` → ``23,80%``, ``0.0288`` → ``2,88%``."""
    return fmt_percento(valore, max(2, decimali_percento(valore)))


def _numero(valore: Decimal) -> str:
    return format(valore.normalize(), "f").replace(".", ",")


def _fte(valore: Decimal) -> str:
    return _numero(valore)
