"""Pensioni: when one person in the roster meets each pension right, and when they leave.

Rights computed (tables in ``fabbisogni/tables/pensioni.yaml``, rules in ``docs/pensioni.md``):

- *vecchiaia*: the age in force on the day (D.L. 201/2011 art. 24 c.6; L. 199/2025 c.185) and
  20 years of contributions (art. 24 c.7);
- *anticipata*: contributions by sex (D.L. 4/2019 art. 15; L. 199/2025 c.185), then the CPDEL
  window of the year in which the requirement is met (L. 213/2023 art. 1 c.162);
- *quota103*: 62 years and 41 of contributions met by 31/12/2025, 9-month window for the PA;
- *limite_ordinamentale*: until 31/12/2024 collocamento d'ufficio at 65 with the anticipata
  requirement (D.L. 101/2013 art. 2 c.5); from 2025 the vecchiaia age (L. 207/2024 c.162),
  kept in service to reach 20 years of contributions if that happens by 71;
- *trattenimento*: agreed stay in service up to 70 (L. 207/2024 c.165).

Time arithmetic follows art. 2963 c.c. (terms in months): a person reaches *n* months of age on
the same day of the month as their birth, or on the last day of the month when that day is
missing (born 29/02 → 28/02 in common years; born 31/01 → 28 or 29/02 one month later).
Contributions grow by one month per month of calendar time from ``contributi_al`` (person
assumed in service full time; part-time counts in full for the right) and are traced back the
same way when the requirement was already met at ``contributi_al``.

Decorrenze (table ``pensioni.decorrenza``, to confirm): vecchiaia the day after maturation;
anticipata and quota 103 the day after the window ends; limite ordinamentale and trattenimento
the first day of the next month (D.P.R. 1092/1973 art. 4).

A requirement that changes on 1 January applies as in force on the day considered: for each
table version, candidate = max(version start, day the person reaches that version's figure),
accepted if inside the version. ``RequisitiPensione.carica`` reads every table version once;
``proietta_pensione`` is then plain date arithmetic (no parameter lookup, no validation).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from fabbisogni.caso.fascicolo import Dipendente
from fabbisogni.errors import ErroreParametro
from fabbisogni.numeri import fmt_data
from fabbisogni.parametri import Parametri, ParametroUsato, fmt_anni_mesi

TipoDiritto = Literal[
    "vecchiaia", "anticipata", "quota103", "limite_ordinamentale", "trattenimento"
]
Ipotesi = Literal["limite_ordinamentale", "primo_diritto"]

P_VECCHIAIA_ETA = "pensioni.vecchiaia_eta"
P_VECCHIAIA_CONTRIBUTI = "pensioni.vecchiaia_contributi"
P_ANTICIPATA = "pensioni.anticipata_contributi"
P_FINESTRA = "pensioni.finestra_anticipata_cpdel"
P_LIMITI = "pensioni.pa_limiti_eta"
P_PERMANENZA = "pensioni.pa_permanenza_minimo_contributivo"
P_QUOTA103 = "pensioni.quota103"
P_DECORRENZA = "pensioni.decorrenza"

GIORNO_SUCCESSIVO = "giorno_successivo"
PRIMO_MESE_SUCCESSIVO = "primo_mese_successivo"
_REGOLE_DECORRENZA = {
    GIORNO_SUCCESSIVO: "dal giorno successivo",
    PRIMO_MESE_SUCCESSIVO: "dal primo giorno del mese successivo",
}
_UN_GIORNO = timedelta(days=1)
_GIORNI_MESE = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


# --- results -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Diritto:
    """One pension right (or the end of service) for one person."""

    tipo: TipoDiritto
    maturazione: (
        date | None
    )  # first day the requirement is met (None: not computable / after fino_al)
    decorrenza: date | None  # first day without service / first day of pension
    regola: str  # the rule in words, with the figures actually used (Italian)
    parametri: tuple[ParametroUsato, ...]
    nota: str | None = None


@dataclass(frozen=True, slots=True)
class EsitoPensione:
    id: str
    diritti: tuple[Diritto, ...]
    cessazione: Diritto | None  # the right whose decorrenza ends the service under the ipotesi

    def diritto(self, tipo: TipoDiritto) -> Diritto | None:
        for d in self.diritti:
            if d.tipo == tipo:
                return d
        return None


# --- time arithmetic ---------------------------------------------------------------------


def add_months(giorno: date, mesi: int) -> date:
    """``giorno`` plus ``mesi`` months (negative: minus), art. 2963 c.4-5 c.c.

    Same day of the month; when the target month has no such day, its last day:
    31/01 + 1 → 28/02 (29/02 in leap years); 29/02/1960 + 12 → 28/02/1961.
    """
    totale = giorno.year * 12 + giorno.month - 1 + mesi
    anno, m0 = divmod(totale, 12)
    g = giorno.day
    if g > 28:
        ultimo = _GIORNI_MESE[m0]
        if m0 == 1 and anno % 4 == 0 and (anno % 100 != 0 or anno % 400 == 0):
            ultimo = 29
        if g > ultimo:
            g = ultimo
    return date(anno, m0 + 1, g)


_TESTO_DATA: dict[date, str] = {}
_TESTO_MESI: dict[int, str] = {}


def _fd(giorno: date) -> str:
    """``fmt_data`` with a cache: the same days recur across a roster."""
    testo = _TESTO_DATA.get(giorno)
    if testo is None:
        testo = _TESTO_DATA[giorno] = fmt_data(giorno)
    return testo


def _fm(mesi: int) -> str:
    testo = _TESTO_MESI.get(mesi)
    if testo is None:
        testo = _TESTO_MESI[mesi] = fmt_anni_mesi(mesi)
    return testo


def decorrenza_da(giorno: date, regola: str) -> date:
    """The first day without service after ``giorno``, by a rule of ``pensioni.decorrenza``."""
    if regola == GIORNO_SUCCESSIVO:
        return giorno + _UN_GIORNO
    if giorno.month == 12:
        return date(giorno.year + 1, 1, 1)
    return date(giorno.year, giorno.month + 1, 1)


# --- the tables, read once ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tratto:
    """A stretch of time in which the requirements of a rule do not change."""

    dal: date
    al: date | None  # None: open-ended (the last stretch is always open: see ``carica``)
    valore: Any
    parametri: tuple[ParametroUsato, ...]


@dataclass(frozen=True, slots=True)
class _Linea:
    """The stretches of one rule, in order, with their starts for lookup by date.

    ``minimo`` is the smallest figure of any stretch (element by element for tuples, ignoring
    None): nobody meets the rule before reaching it, so the walk can start from there.
    """

    tratti: tuple[Tratto, ...]
    inizi: tuple[date, ...]
    minimo: Any

    @classmethod
    def di(cls, tratti: list[Tratto]) -> _Linea:
        if tratti and tratti[-1].al is not None:
            ultimo = tratti[-1]
            tratti[-1] = Tratto(ultimo.dal, None, ultimo.valore, ultimo.parametri)
        return cls(tuple(tratti), tuple(t.dal for t in tratti), _minimo([t.valore for t in tratti]))

    def in_vigore(self, giorno: date) -> Tratto:
        """The stretch in force on ``giorno``; the first one for earlier days."""
        i = bisect.bisect_right(self.inizi, giorno) - 1
        return self.tratti[max(i, 0)]


def _minimo(valori: list[Any]) -> Any:
    presenti = [v for v in valori if v is not None]
    if not presenti or isinstance(presenti[0], str | dict):
        return None
    if isinstance(presenti[0], tuple):
        colonne = zip(*presenti, strict=True)
        return tuple(min((x for x in c if x is not None), default=None) for c in colonne)
    return min(presenti)


def _mesi(valore: Any, nome: str, chiave: str | None = None) -> int | None:
    if valore is None:
        return None
    if isinstance(valore, Decimal) and valore == valore.to_integral_value() and valore >= 0:
        return int(valore)
    voce = f" (voce «{chiave}»)" if chiave else ""
    raise ErroreParametro(
        f"Il parametro «{nome}»{voce} deve essere un numero intero di mesi, non «{valore}»"
    )


def _leggi_linea(
    parametri: Parametri,
    nome: str,
    dal: date,
    al: date,
    converti: Callable[[Any, str], Any],
    chiavi: tuple[str, ...] = (),
) -> list[Tratto]:
    """Every version of ``nome`` that overlaps [dal, al], read once through ``Parametri.leggi``.

    ``al`` and any day between two versions must be covered (else ``leggi`` raises naming the
    parameter and the day); a ``dal`` before the first version is allowed.
    """
    try:
        tabella = parametri.tabelle[nome]
    except KeyError as exc:
        raise ErroreParametro(f"Parametro sconosciuto: «{nome}»") from exc
    parametri.leggi(nome, al)  # al must be covered
    versioni = sorted(tabella.versioni, key=lambda v: v.dal)
    tratti: list[Tratto] = []
    for v in versioni:
        if v.dal > al or (v.al is not None and v.al < dal):
            continue
        if tratti and tratti[-1].al is not None and tratti[-1].al + _UN_GIORNO < v.dal:
            parametri.leggi(nome, tratti[-1].al + _UN_GIORNO)  # a gap: raises
        giorno = max(v.dal, dal)
        if chiavi:
            valori: dict[str, Any] = {}
            usati = []
            for k in chiavi:
                valore, usato = parametri.leggi(nome, giorno, k)
                valori[k] = converti(valore, k)
                usati.append(usato)
            tratti.append(Tratto(v.dal, v.al, valori, tuple(usati)))
        else:
            valore, usato = parametri.leggi(nome, giorno)
            tratti.append(Tratto(v.dal, v.al, converti(valore, ""), (usato,)))
    return tratti


def _unisci(*linee: list[Tratto]) -> list[Tratto]:
    """Stretches of several rules merged on their common breakpoints; valore is a tuple."""
    inizi = sorted({t.dal for linea in linee for t in linea})
    chiuse = [_Linea.di(list(linea)) for linea in linee]
    unite = []
    for i, inizio in enumerate(inizi):
        fine = inizi[i + 1] - _UN_GIORNO if i + 1 < len(inizi) else None
        parti = [linea.in_vigore(inizio) for linea in chiuse]
        usati = tuple(p for t in parti for p in t.parametri)
        unite.append(Tratto(inizio, fine, tuple(t.valore for t in parti), usati))
    return unite


@dataclass(frozen=True, slots=True, eq=False)
class RequisitiPensione:
    """Every version of the pension tables between ``dal`` and ``fino_al``, read once."""

    dal: date
    fino_al: date
    vecchiaia: _Linea  # (età, contributi minimi)
    anticipata: dict[str, _Linea]  # "M"/"F" → contributi
    finestra: _Linea
    limiti: _Linea  # {collocamento_65_con_anticipata, trattenimento_max}
    permanenza: _Linea
    quota103: _Linea  # {eta, contributi, finestra_pa} or None
    decorrenza: _Linea  # {vecchiaia, anticipata, limite_ordinamentale}
    # last day of the old regime (date.max if open-ended, None if absent)
    fine_collocamento_65: date | None
    # quota 103 outcomes shared by everybody (not met, not computable)
    quota103_fissi: dict[str, Diritto]

    @classmethod
    def carica(cls, parametri: Parametri, dal: date, al: date) -> RequisitiPensione:
        """Read the tables for [dal, al]. Rights met after ``al`` are reported as not met.

        A requirement reached before the first version read is computed with that version and
        said so in the right's ``nota`` (pass an early ``dal``, e.g. 1/1/2019, for exact past
        dates).
        """
        if al < dal:
            raise ErroreParametro(
                f"Periodo vuoto per le pensioni: dal {fmt_data(dal)} al {fmt_data(al)}"
            )

        def mesi(nome: str) -> Callable[[Any, str], Any]:
            return lambda v, k: _mesi(v, nome, k or None)

        def quota(valori: dict[str, int | None]) -> tuple[int, int, int] | None:
            if all(v is None for v in valori.values()):
                return None
            if any(v is None for v in valori.values()):
                raise ErroreParametro(
                    f"Il parametro «{P_QUOTA103}» deve avere eta, contributi e finestra_pa, "
                    "oppure essere null"
                )
            return (valori["eta"], valori["contributi"], valori["finestra_pa"])  # type: ignore[return-value]

        def regola(v: Any, k: str) -> str:
            if v not in _REGOLE_DECORRENZA:
                raise ErroreParametro(
                    f"Il parametro «{P_DECORRENZA}» (voce «{k}») ammette "
                    f"{' o '.join(_REGOLE_DECORRENZA)}, non «{v}»"
                )
            return str(v)

        eta = _leggi_linea(parametri, P_VECCHIAIA_ETA, dal, al, mesi(P_VECCHIAIA_ETA))
        minimo = _leggi_linea(
            parametri, P_VECCHIAIA_CONTRIBUTI, dal, al, mesi(P_VECCHIAIA_CONTRIBUTI)
        )
        anticipata = {
            sesso: _Linea.di(
                [
                    Tratto(t.dal, t.al, t.valore[chiave], t.parametri)
                    for t in _leggi_linea(
                        parametri, P_ANTICIPATA, dal, al, mesi(P_ANTICIPATA), (chiave,)
                    )
                ]
            )
            for sesso, chiave in (("M", "uomini"), ("F", "donne"))
        }
        limiti = _leggi_linea(
            parametri,
            P_LIMITI,
            dal,
            al,
            mesi(P_LIMITI),
            ("collocamento_65_con_anticipata", "trattenimento_max"),
        )
        linea_limiti = _Linea.di(
            [
                Tratto(
                    t.dal,
                    t.al,
                    (t.valore["collocamento_65_con_anticipata"], t.valore["trattenimento_max"]),
                    t.parametri,
                )
                for t in limiti
            ]
        )
        vecchi = [t for t in linea_limiti.tratti if t.valore[0] is not None]
        linea_quota103 = _Linea.di(
            [
                Tratto(t.dal, t.al, quota(t.valore), t.parametri)
                for t in _leggi_linea(
                    parametri,
                    P_QUOTA103,
                    dal,
                    al,
                    mesi(P_QUOTA103),
                    ("eta", "contributi", "finestra_pa"),
                )
            ]
        )
        return cls(
            dal=dal,
            fino_al=al,
            vecchiaia=_Linea.di(_unisci(eta, minimo)),
            anticipata=anticipata,
            finestra=_Linea.di(_leggi_linea(parametri, P_FINESTRA, dal, al, mesi(P_FINESTRA))),
            limiti=linea_limiti,
            permanenza=_Linea.di(
                _leggi_linea(parametri, P_PERMANENZA, dal, al, mesi(P_PERMANENZA))
            ),
            quota103=linea_quota103,
            decorrenza=_Linea.di(
                _leggi_linea(
                    parametri,
                    P_DECORRENZA,
                    dal,
                    al,
                    regola,
                    ("vecchiaia", "anticipata", "limite_ordinamentale"),
                )
            ),
            fine_collocamento_65=(vecchi[-1].al or date.max) if vecchi else None,
            quota103_fissi=_quota103_fissi(linea_quota103),
        )


# --- the walk over table versions ----------------------------------------------------------


def _prima_data(
    linea: _Linea, raggiunto: Callable[[Any], date | None], estendi: bool
) -> tuple[date, Tratto] | None:
    """First day on which the requirement in force that day is met.

    For each stretch: candidate = max(start, day the person reaches that stretch's figure),
    accepted if inside the stretch. With ``estendi`` the first stretch also covers earlier days.
    """
    tratti = linea.tratti
    i = 0
    if linea.minimo is not None:
        inizio = raggiunto(linea.minimo)
        if inizio is not None:
            i = max(bisect.bisect_right(linea.inizi, inizio) - 1, 0)
    for j in range(i, len(tratti)):
        t = tratti[j]
        giorno = raggiunto(t.valore)
        if giorno is None:
            continue
        if giorno < t.dal and not (estendi and j == 0):
            giorno = t.dal
        if t.al is None or giorno <= t.al:
            return giorno, t
    return None


def _prima_data_certa(linea: _Linea, raggiunto: Callable[[Any], date]) -> tuple[date, Tratto]:
    """``_prima_data`` for a figure always reachable: the last stretch is open, so it is found."""
    trovato = _prima_data(linea, raggiunto, estendi=True)
    assert trovato is not None, "the last stretch is open-ended"
    return trovato


def _note(*note: str | None) -> str | None:
    testo = "; ".join(n for n in note if n)
    return testo or None


def _prima_della_tabella(giorno: date, linea: _Linea) -> str | None:
    inizio = linea.tratti[0].dal
    if giorno < inizio:
        return (
            f"requisito raggiunto prima del {_fd(inizio)}: data calcolata con il valore in "
            "vigore da quel giorno"
        )
    return None


def _a_ritroso(giorno: date, contributi_al: date | None) -> str | None:
    if contributi_al is not None and giorno < contributi_al:
        return (
            f"contributi già raggiunti al {_fd(contributi_al)}: data ricostruita a ritroso "
            "supponendo contribuzione continua"
        )
    return None


def _oltre(
    tipo: TipoDiritto, regola: str, parametri: tuple[ParametroUsato, ...], r: RequisitiPensione
) -> Diritto:
    return Diritto(tipo, None, None, regola, parametri, f"non maturato entro il {_fd(r.fino_al)}")


class _Persona:
    """One person with the days they reach given figures, memoised within one projection."""

    __slots__ = ("_contributi", "_eta", "_limite", "c0", "c_al", "d", "nascita")

    def __init__(self, d: Dipendente) -> None:
        self.d = d
        self.nascita = d.data_nascita
        self.c0 = d.contributi
        self.c_al = d.contributi_al if self.c0 is not None else None
        self._eta: dict[int, date] = {}
        self._contributi: dict[int, date] = {}
        self._limite: tuple[date, Tratto] | None = None

    def eta(self, mesi: int) -> date:
        """The day the person is ``mesi`` months old."""
        giorno = self._eta.get(mesi)
        if giorno is None:
            giorno = self._eta[mesi] = add_months(self.nascita, mesi)
        return giorno

    def eta_vecchiaia(self, linea: _Linea) -> tuple[date, Tratto]:
        """First day the person has the vecchiaia age in force that day (walk by age only)."""
        if self._limite is None:
            self._limite = _prima_data_certa(linea, lambda v: self.eta(v[0]))
        return self._limite

    def contributi(self, mesi: int) -> date:
        """The day contributions reach ``mesi`` months (traced back if already reached)."""
        giorno = self._contributi.get(mesi)
        if giorno is None:
            assert self.c0 is not None and self.c_al is not None
            giorno = self._contributi[mesi] = add_months(self.c_al, mesi - self.c0)
        return giorno


# --- the rights --------------------------------------------------------------------------


def _vecchiaia(p: _Persona, r: RequisitiPensione) -> Diritto:
    c0 = p.c0
    c_al = p.c_al

    def raggiunto(v: tuple[int, int]) -> date:
        a = p.eta(v[0])
        if c0 is None or c_al is None:
            return a
        c = p.contributi(v[1])
        return a if a >= c else c

    giorno, t = p.eta_vecchiaia(r.vecchiaia)
    if c0 is not None and p.contributi(t.valore[1]) > giorno:
        giorno, t = _prima_data_certa(r.vecchiaia, raggiunto)
    eta, minimo = t.valore
    regola_dec = r.decorrenza.in_vigore(giorno)
    parametri = t.parametri + regola_dec.parametri[:1]
    requisiti = (
        f"vecchiaia: {_fm(eta)} di età e almeno {_fm(minimo)} di contributi "
        f"(requisiti in vigore il {_fd(giorno)})"
    )
    if giorno > r.fino_al:
        return _oltre("vecchiaia", requisiti, parametri, r)
    a = p.eta(eta)
    nota_tabella = _prima_della_tabella(giorno, r.vecchiaia)
    rd = regola_dec.valore["vecchiaia"]
    decorrenza = decorrenza_da(giorno, rd)
    fine = f"{_REGOLE_DECORRENZA[rd]}, {_fd(decorrenza)}"
    if c0 is None or c_al is None:
        return Diritto(
            "vecchiaia",
            giorno,
            decorrenza,
            f"{requisiti}; età compiuta il {_fd(a)}, contributi non indicati; decorrenza {fine}",
            parametri,
            _note(
                "contributi non indicati: vecchiaia calcolata sulla sola età, presumendo almeno "
                f"{_fm(minimo)} di contributi",
                nota_tabella,
            ),
        )
    c = p.contributi(minimo)
    contributi = (
        f"contributi già sufficienti al {_fd(c_al)}"
        if c <= c_al
        else f"contributi raggiunti il {_fd(c)}"
    )
    return Diritto(
        "vecchiaia",
        giorno,
        decorrenza,
        f"{requisiti}; età compiuta il {_fd(a)}, {contributi}: maturata il "
        f"{_fd(giorno)}; decorrenza {fine}",
        parametri,
        nota_tabella,
    )


def _anticipata(p: _Persona, r: RequisitiPensione) -> Diritto:
    c0 = p.c0
    c_al = p.c_al
    linea = r.anticipata[p.d.sesso]
    sesso = "uomini" if p.d.sesso == "M" else "donne"
    if c0 is None or c_al is None:
        return Diritto(
            "anticipata",
            None,
            None,
            f"anticipata: requisito contributivo ({sesso}) non verificabile",
            (),
            "contributi non indicati: anticipata non calcolabile",
        )
    giorno, t = _prima_data_certa(linea, lambda v: p.contributi(v))
    requisito = (
        f"anticipata: {_fm(t.valore)} di contributi ({sesso}, requisito in vigore il {_fd(giorno)})"
    )
    if giorno > r.fino_al:
        return _oltre("anticipata", requisito, t.parametri, r)
    f = r.finestra.in_vigore(giorno)
    regola_dec = r.decorrenza.in_vigore(giorno)
    fine_finestra = add_months(giorno, f.valore)
    rd = regola_dec.valore["anticipata"]
    decorrenza = decorrenza_da(fine_finestra, rd)
    return Diritto(
        "anticipata",
        giorno,
        decorrenza,
        f"{requisito}; raggiunti il {_fd(giorno)}; finestra CPDEL di "
        f"{_fm(f.valore)} per i requisiti maturati nel {giorno.year}, fino al "
        f"{_fd(fine_finestra)}; decorrenza {_REGOLE_DECORRENZA[rd]}, {_fd(decorrenza)}",
        t.parametri + f.parametri + regola_dec.parametri[1:2],
        _note(
            _prima_della_tabella(giorno, linea),
            _prima_della_tabella(giorno, r.finestra) if giorno >= linea.tratti[0].dal else None,
            _a_ritroso(giorno, p.c_al),
        ),
    )


def _quota103_fissi(linea: _Linea) -> dict[str, Diritto]:
    """The outcomes of quota 103 that are the same for everybody, built once by ``carica``."""
    previste = [t for t in linea.tratti if t.valore is not None]
    tutti = tuple(u for t in linea.tratti for u in t.parametri)
    if not previste:
        nessuna = Diritto(
            "quota103", None, None, "quota 103: non prevista nel periodo considerato", tutti
        )
        return {"non_verificabile": nessuna, "non_raggiunta": nessuna}
    ultima = previste[-1]
    eta, contributi, _ = ultima.valore
    descrizione = f"quota 103: {_fm(eta)} di età e {_fm(contributi)} di contributi"
    entro = f"entro il {_fd(ultima.al)}" if ultima.al else None
    if entro:
        descrizione += f" maturati {entro}"
    chiusura = tuple(u for t in linea.tratti if t.valore is None for u in t.parametri)
    return {
        "descrizione": Diritto("quota103", None, None, descrizione, ultima.parametri),
        "non_verificabile": Diritto(
            "quota103",
            None,
            None,
            f"{descrizione}: non verificabile",
            ultima.parametri,
            "contributi non indicati: quota 103 non calcolabile",
        ),
        "non_raggiunta": Diritto(
            "quota103",
            None,
            None,
            f"{descrizione}: requisiti non raggiunti",
            ultima.parametri + chiusura,
            f"requisiti non raggiunti {entro}" if entro else None,
        ),
    }


def _quota103(p: _Persona, r: RequisitiPensione) -> Diritto:
    fissi = r.quota103_fissi
    if p.c0 is None:
        return fissi["non_verificabile"]
    if r.quota103.minimo is None:
        return fissi["non_raggiunta"]

    def raggiunto(v: tuple[int, int, int] | None) -> date | None:
        if v is None:
            return None
        a = p.eta(v[0])
        c = p.contributi(v[1])
        return a if a >= c else c

    trovato = _prima_data(r.quota103, raggiunto, estendi=False)
    if trovato is None:
        return fissi["non_raggiunta"]
    giorno, t = trovato
    eta, contributi, finestra = t.valore
    if giorno > r.fino_al:
        return _oltre("quota103", fissi["descrizione"].regola, t.parametri, r)
    a = p.eta(eta)
    c = p.contributi(contributi)
    regola_dec = r.decorrenza.in_vigore(giorno)
    rd = regola_dec.valore["anticipata"]
    fine_finestra = add_months(giorno, finestra)
    decorrenza = decorrenza_da(fine_finestra, rd)
    return Diritto(
        "quota103",
        giorno,
        decorrenza,
        f"quota 103: {_fm(eta)} di età e {_fm(contributi)} di contributi "
        f"(requisiti maturati nel {giorno.year}); età compiuta il {_fd(a)}, contributi "
        f"raggiunti il {_fd(c)}: maturata il {_fd(giorno)}; finestra per i dipendenti "
        f"pubblici di {_fm(finestra)}, fino al {_fd(fine_finestra)}; decorrenza "
        f"{_REGOLE_DECORRENZA[rd]}, {_fd(decorrenza)}",
        t.parametri + regola_dec.parametri[1:2],
        _a_ritroso(c, p.c_al),
    )


def _limite(p: _Persona, r: RequisitiPensione, anticipata: Diritto) -> Diritto:
    c0 = p.c0
    c_al = p.c_al
    # Until 31/12/2024: collocamento d'ufficio at 65 once the anticipata requirement is met,
    # not before the anticipata's first decorrenza (D.L. 101/2013 art. 2 c.5; DFP 22978/2025).
    if (
        anticipata.maturazione is not None
        and anticipata.decorrenza is not None
        and r.fine_collocamento_65 is not None
        and anticipata.maturazione <= r.fine_collocamento_65
    ):
        mat_anticipata = anticipata.maturazione

        def vecchio(v: tuple[int | None, int | None]) -> date | None:
            if v[0] is None:
                return None
            d65 = p.eta(v[0])
            return d65 if d65 >= mat_anticipata else mat_anticipata

        trovato = _prima_data(r.limiti, vecchio, estendi=True)
        if trovato is not None and trovato[0] <= r.fino_al:
            giorno, t = trovato
            d65 = p.eta(t.valore[0])
            regola_dec = r.decorrenza.in_vigore(giorno)
            rd = regola_dec.valore["limite_ordinamentale"]
            al_limite = decorrenza_da(d65, rd)
            decorrenza = max(al_limite, anticipata.decorrenza)
            return Diritto(
                "limite_ordinamentale",
                giorno,
                decorrenza,
                f"limite ordinamentale (regime fino al {_fd(t.al) if t.al else '—'}): "
                f"collocamento d'ufficio a {_fm(t.valore[0])} con il requisito "
                f"dell'anticipata; età compiuta il {_fd(d65)}, requisito dell'anticipata "
                f"maturato il {_fd(mat_anticipata)}: limite raggiunto il {_fd(giorno)}; "
                f"cessazione {_REGOLE_DECORRENZA[rd]} al compimento dell'età "
                f"({_fd(al_limite)}) e non prima della decorrenza dell'anticipata "
                f"({_fd(anticipata.decorrenza)}): {_fd(decorrenza)}",
                t.parametri + anticipata.parametri + regola_dec.parametri[2:3],
                _prima_della_tabella(giorno, r.limiti),
            )
    # From 1/1/2025: the vecchiaia age (L. 207/2024 art. 1 c.162).
    giorno, t = p.eta_vecchiaia(r.vecchiaia)
    eta, minimo = t.valore
    eta_vigore = t.parametri[:1]
    regola = (
        f"limite ordinamentale: età della pensione di vecchiaia, {_fm(eta)} "
        f"(in vigore il {_fd(giorno)})"
    )
    if giorno > r.fino_al:
        return _oltre("limite_ordinamentale", regola, eta_vigore, r)
    regola += f", compiuta il {_fd(giorno)}"
    parametri = eta_vigore
    nota = _prima_della_tabella(giorno, r.vecchiaia)
    cessa = giorno
    if c0 is None or c_al is None:
        nota = _note(
            f"contributi non indicati: si presume che al limite ci siano almeno "
            f"{_fm(minimo)} di contributi",
            nota,
        )
    else:
        c = p.contributi(minimo)
        if c > giorno:
            perm = r.permanenza.in_vigore(giorno)
            massimo = p.eta(perm.valore)
            parametri = parametri + t.parametri[1:2] + perm.parametri
            if c <= massimo:
                cessa = c
                regola += (
                    f"; senza {_fm(minimo)} di contributi resta in servizio fino a "
                    f"raggiungerli, il {_fd(c)} (entro i {_fm(perm.valore)}, "
                    f"{_fd(massimo)})"
                )
            else:
                regola += (
                    f"; {_fm(minimo)} di contributi raggiunti solo il {_fd(c)}, "
                    f"dopo i {_fm(perm.valore)} ({_fd(massimo)}): cessazione al limite"
                )
                nota = _note(
                    "cessazione senza diritto alla pensione di vecchiaia: minimo contributivo "
                    f"non raggiungibile entro i {_fm(perm.valore)}",
                    nota,
                )
    if cessa > r.fino_al:
        return _oltre("limite_ordinamentale", regola, parametri, r)
    regola_dec = r.decorrenza.in_vigore(cessa)
    rd = regola_dec.valore["limite_ordinamentale"]
    decorrenza = decorrenza_da(cessa, rd)
    return Diritto(
        "limite_ordinamentale",
        cessa,
        decorrenza,
        f"{regola}; cessazione d'ufficio {_REGOLE_DECORRENZA[rd]}: {_fd(decorrenza)}",
        parametri + regola_dec.parametri[2:3],
        nota,
    )


def _trattenimento(p: _Persona, r: RequisitiPensione, limite: Diritto) -> tuple[Diritto, bool]:
    """The agreed trattenimento, and whether it replaces the limite as the cessation."""
    if limite.maturazione is None:
        return Diritto(
            "trattenimento",
            None,
            None,
            "trattenimento in servizio: limite ordinamentale non raggiunto nel periodo",
            (),
            limite.nota,
        ), True
    t = r.limiti.in_vigore(limite.maturazione)
    massimo = t.valore[1]
    if massimo is None or t.valore[0] is not None:
        return Diritto(
            "trattenimento",
            None,
            None,
            f"trattenimento in servizio: non previsto il {_fd(limite.maturazione)}",
            t.parametri,
            "trattenimento non previsto prima del 1/1/2025: cessazione al limite ordinamentale",
        ), False
    settanta = p.eta(massimo)
    giorno = max(settanta, limite.maturazione)
    regola = (
        f"trattenimento in servizio concordato fino a {_fm(massimo)}, compiuti il {_fd(settanta)}"
    )
    if giorno > r.fino_al:
        return _oltre("trattenimento", regola, t.parametri, r), True
    regola_dec = r.decorrenza.in_vigore(giorno)
    rd = regola_dec.valore["limite_ordinamentale"]
    decorrenza = decorrenza_da(giorno, rd)
    return Diritto(
        "trattenimento",
        giorno,
        decorrenza,
        f"{regola}; cessazione {_REGOLE_DECORRENZA[rd]}: {_fd(decorrenza)}",
        t.parametri + regola_dec.parametri[2:3],
        "trattenimento ipotizzato fino all'età massima; l'accordo può fissare una data anteriore",
    ), True


def proietta_pensione(
    d: Dipendente,
    requisiti: RequisitiPensione,
    ipotesi: Ipotesi = "limite_ordinamentale",
) -> EsitoPensione:
    """Each pension right of ``d`` and the cessation under ``ipotesi``.

    ``limite_ordinamentale``: the cessation is the limite ordinamentale (or the trattenimento
    when agreed); ``primo_diritto``: the earliest decorrenza among vecchiaia, anticipata,
    quota 103 and limite ordinamentale (which may already be past).
    """
    p = _Persona(d)
    vecchiaia = _vecchiaia(p, requisiti)
    anticipata = _anticipata(p, requisiti)
    quota103 = _quota103(p, requisiti)
    limite = _limite(p, requisiti, anticipata)
    diritti: tuple[Diritto, ...] = (vecchiaia, anticipata, quota103, limite)
    cessazione: Diritto | None = limite if limite.decorrenza is not None else None
    if d.trattenimento:
        trattenimento, sostituisce = _trattenimento(p, requisiti, limite)
        diritti += (trattenimento,)
        if sostituisce:
            # None when the 70th birthday falls after fino_al: no cessation in the period
            cessazione = trattenimento if trattenimento.decorrenza is not None else None
    if ipotesi == "primo_diritto":
        cessazione = None
        for diritto in (vecchiaia, anticipata, quota103, limite):
            if diritto.decorrenza is not None and (
                cessazione is None or diritto.decorrenza < cessazione.decorrenza  # type: ignore[operator]
            ):
                cessazione = diritto
    return EsitoPensione(d.id, diritti, cessazione)
