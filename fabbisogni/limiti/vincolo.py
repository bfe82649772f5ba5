"""Which limit binds a tempo indeterminato hire in a year (the *vincolo*).

The margins of the limits are of different aggregates and cannot be compared as they stand:

- the D.M. 17/03/2020 margin is annual spesa *a regime, without IRAP*;
- the comma 557/562 margin is spesa *di competenza, with IRAP*;
- the flexible-work margin (art. 9 c. 28 D.L. 78/2010) concerns flexible contracts only, never a
  tempo indeterminato hire: it is not part of the comparison.

For a hire in service all year (from 1 January) the annual cost without IRAP C weighs C on the
D.M. and C × k on the comma 557, where k = (1 + contributi + IRAP) ÷ (1 + contributi) with the
rates of the CCNL cost tables (IRAP and contributi are both rates of the retribuzioni). The hire
fits the D.M. while C ≤ margine D.M. and the comma 557 while C ≤ margine 557 ÷ k: the vincolo is
the limit with the smaller of the two. A broken limit always binds; when a limit cannot be
verified and none is broken, the vincolo cannot be determined.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from fabbisogni.numeri import euro, fmt_euro, fmt_percento
from fabbisogni.parametri import Parametri, ParametroUsato
from fabbisogni.personale.costo import IRAP, ONERI
from fabbisogni.traccia import Passo, dato, passo

Vincolo = Literal["dm", "557"]
UNO = Decimal(1)
CONTRIBUTI = ("cpdel", "tfs", "inail")
SEI_DECIMALI = Decimal("0.000001")


def fattore_irap(anno: int, parametri: Parametri) -> tuple[Decimal, list[ParametroUsato], str]:
    """k = (1 + contributi + IRAP) ÷ (1 + contributi) on 1 January of ``anno``, its parameters
    and the formula in words. A contribution rate the table leaves to the ente (INAIL) counts
    as 0 until the ente gives it, as in the cost of a position."""
    giorno = date(anno, 1, 1)
    usati: list[ParametroUsato] = []
    contributi = Decimal(0)
    for chiave in CONTRIBUTI:
        aliquota, usato = parametri.leggi(ONERI, giorno, chiave)
        usati.append(usato)
        if isinstance(aliquota, Decimal):
            contributi += aliquota
    irap, usato = parametri.leggi(IRAP, giorno)
    usati.append(usato)
    irap = irap if isinstance(irap, Decimal) else Decimal(0)
    k = (UNO + contributi + irap) / (UNO + contributi)
    formula = (
        f"(1 + contributi {fmt_percento(contributi)} + IRAP {fmt_percento(irap)}) ÷ "
        f"(1 + contributi {fmt_percento(contributi)})"
    )
    return k, usati, formula


def vincolo_anno(
    anno: int,
    margine_dm: Decimal | None,
    esito_dm: bool | None,
    margine_557: Decimal | None,
    esito_557: bool | None,
    comma: str,
    parametri: Parametri,
) -> tuple[Vincolo | None, str, Decimal | None, Passo]:
    """The vincolo of ``anno``, a sentence saying why, the factor k when the two margins were
    compared (rounded to six decimals, as the trace shows it), and the step of the trace."""
    nomi: dict[Vincolo, str] = {"dm": "D.M. 17/03/2020", "557": f"comma {comma}"}
    codice = f"vincolo.{anno}"
    descrizione = f"Vincolo {anno} per un'assunzione a tempo indeterminato"
    riferimento = "art. 33, comma 2, D.L. 34/2019; art. 1, comma 557/562, L. 296/2006"
    rotti: list[Vincolo] = [k for k, e in (("dm", esito_dm), ("557", esito_557)) if e is False]
    ignoti = [nomi[k] for k, e in (("dm", esito_dm), ("557", esito_557)) if e is None]  # type: ignore[index]
    if ignoti and not rotti:
        nota = (
            f"non determinabile: {' e '.join(ignoti)} non verificabile nel {anno}, il margine "
            "dell'altro limite non basta a dire quale si raggiunge prima"
        )
        return (
            None,
            nota,
            None,
            passo(codice, descrizione, nota, None, "testo", riferimento=riferimento),
        )
    if ignoti:
        # a broken limit binds whatever the limit that cannot be verified says
        scelto = rotti[0]
        nota = f"{nomi[scelto]}: è superato nel {anno}, nessuna assunzione vi rientra"
        return (
            scelto,
            nota,
            None,
            passo(
                codice,
                descrizione,
                "un limite superato vincola qualunque assunzione (l'altro non è verificabile)",
                nomi[scelto],
                "testo",
                riferimento=riferimento,
            ),
        )
    assert margine_dm is not None and margine_557 is not None
    k, usati, formula_k = fattore_irap(anno, parametri)
    k = k.quantize(SEI_DECIMALI)
    ricondotto = margine_557 / k
    scelto = "dm" if margine_dm <= ricondotto else "557"
    if rotti:
        nota = f"{nomi[scelto]}: è superato nel {anno}, nessuna assunzione vi rientra"
    else:
        nota = (
            f"{nomi[scelto]}: un'assunzione in servizio dal 1° gennaio {anno} vi rientra fino a "
            f"un costo annuo senza IRAP di {fmt_euro(euro(min(margine_dm, ricondotto)))}"
        )
    return (
        scelto,
        nota,
        k,
        passo(
            codice,
            descrizione,
            "il minore tra il margine D.M. (spesa a regime senza IRAP) e il margine del comma "
            f"557 (spesa con IRAP) ricondotto a un costo senza IRAP: margine 557 ÷ k, con k = "
            f"{formula_k}; il margine del lavoro flessibile riguarda solo i contratti flessibili",
            nomi[scelto],
            "testo",
            input=[
                dato("margine D.M.", margine_dm),
                dato(f"margine comma {comma}", margine_557),
                dato("k (costo con IRAP ÷ costo senza IRAP)", k, "testo"),
                dato("margine 557 ÷ k", euro(ricondotto)),
            ],
            parametri=usati,
            riferimento=riferimento,
        ),
    )
