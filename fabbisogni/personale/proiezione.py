"""Who will leave: the roster projected over the triennio (and beyond, if asked).

Three kinds of cessation, kept apart because they are not equally certain:

- *known* — the roster gives the date and the cause (a resignation received, a pension granted);
- *pension* — the first date each pension right is met and the date the cessation takes effect,
  from the dated rules in :mod:`fabbisogni.personale.pensioni`; which date counts depends on the
  *ipotesi*: the limite ordinamentale (the ente must end the relationship: certain) or the first
  right (the earliest the person may go);
- *other exits* — dimissioni, mobilità, concorsi vinti altrove: a rate per area, given by the
  ente, estimated from its own history, or the national fallback in the tables, simulated with a
  seed to give P10, median and P90 (:mod:`fabbisogni.personale.simulazione`).

Known and pension cessations feed the verification engine as cessations with their saving a
regime and di competenza; the simulated range is reported beside them, never added to the check.
Only staff a tempo indeterminato are projected: a fixed-term contract ends by itself and does not
free a post. No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from fabbisogni.caso.fascicolo import (
    AREE,
    Cessazione,
    Dipendente,
    Fascicolo,
    primo_mese_senza_servizio,
)
from fabbisogni.numeri import euro, fmt_data, fmt_euro, fmt_percento
from fabbisogni.parametri import Parametri, ParametroUsato
from fabbisogni.personale.costo import (
    CostoNonDeterminabile,
    CostoPosto,
    costo_competenza,
    costo_posto,
)
from fabbisogni.personale.pensioni import EsitoPensione, RequisitiPensione, proietta_pensione
from fabbisogni.traccia import Passo, dato, passo

if TYPE_CHECKING:
    from fabbisogni.personale.simulazione import Simulazione

Ipotesi = Literal["limite_ordinamentale", "primo_diritto"]
IPOTESI_TESTO: dict[str, str] = {
    "limite_ordinamentale": "collocamento a riposo al limite ordinamentale (o a fine trattenimento)",
    "primo_diritto": "pensionamento alla prima data utile",
}
CAUSA_TESTO = {
    "pensione": "pensione",
    "dimissioni": "dimissioni",
    "mobilita": "mobilità",
    "fine_contratto": "fine contratto",
    "altro": "altro",
}


@dataclass(frozen=True)
class CessazionePersona:
    """One certain cessation of a person in the roster, with its cost and saving."""

    dipendente: Dipendente
    data: date  # first day without service
    anno: int
    mese: int  # first month wholly without service
    causa: str
    origine: Literal["nota", "pensione", "sostituzione"]
    regola: str
    costo: CostoPosto
    risparmio_competenza: Decimal  # in the year of the cessation

    @property
    def risparmio_regime(self) -> Decimal:
        return self.costo.annuo


@dataclass(frozen=True)
class TassoArea:
    area: str
    tasso: Decimal
    origine: str  # in words: where the rate comes from
    persone: int
    parametro: ParametroUsato | None = None


@dataclass
class Proiezione:
    anni: list[int]
    ipotesi: Ipotesi
    pensioni: list[EsitoPensione]
    cessazioni: list[CessazionePersona]
    escluse: list[Dipendente]
    tassi: list[TassoArea]
    simulazione: Simulazione | None
    passi: list[Passo] = field(default_factory=list)
    parametri: list[ParametroUsato] = field(default_factory=list)
    avvisi: list[str] = field(default_factory=list)  # roster data that contradicts the rules

    def per_anno(self, anno: int) -> list[CessazionePersona]:
        return [c for c in self.cessazioni if c.anno == anno]


def costo_persona(d: Dipendente, giorno: date, f: Fascicolo, parametri: Parametri) -> CostoPosto:
    return costo_posto(
        d.area,
        d.profilo,
        d.fte,
        giorno,
        parametri,
        f.costi_profilo,
        costo_annuo=d.costo_annuo,
        costo_annuo_con_irap=d.costo_annuo_con_irap,
    )


def proietta(
    f: Fascicolo,
    parametri: Parametri,
    *,
    anni_oltre: int | None = None,
    ipotesi: Ipotesi | None = None,
    simulazioni: int | None = None,
    seme: int | None = None,
    simula: bool = True,
) -> Proiezione:
    """Project the roster from 1 January of the plan's first year."""
    ipotesi = ipotesi or f.proiezione.pensionamento
    oltre = f.proiezione.anni_oltre if anni_oltre is None else anni_oltre
    anni = list(range(f.primo_anno, f.primo_anno + 3 + oltre))
    inizio, fine = date(anni[0], 1, 1), date(anni[-1], 12, 31)
    primo_movimento = f.spesa_personale.anno + 1
    sostituiti = {a.sostituisce for a in f.piano_assunzioni if a.sostituisce}
    # A cessation row that names a person is that person's known cessation.
    righe_persona = {c.dipendente: c for c in f.cessazioni if c.dipendente}

    requisiti = RequisitiPensione.carica(parametri, date(primo_movimento, 1, 1), fine)
    pensioni: list[EsitoPensione] = []
    cessazioni: list[CessazionePersona] = []
    escluse: list[Dipendente] = []
    avvisi: list[str] = []
    for d in f.personale:
        if d.tipo_contratto != "tempo_indeterminato":
            escluse.append(d)
            continue
        esito = proietta_pensione(d, requisiti, ipotesi)
        pensioni.append(esito)
        avvisi.extend(_avvisi(d, esito, inizio))
        riga = righe_persona.get(d.id)
        if riga is not None:
            cessazioni.append(_da_riga(d, riga, f, parametri))
            continue
        scelta = _cessazione(d, esito, ipotesi, d.id in sostituiti)
        if scelta is None:
            continue
        data, causa, origine, regola = scelta
        if origine != "nota" and data < inizio:
            # The right matured before the period and the person is still in service: the
            # earliest they can go is now.
            regola += f" (diritto già maturato: prima data utile nel periodo {fmt_data(inizio)})"
            data = inizio
        if not (date(primo_movimento, 1, 1) <= data <= fine):
            continue
        anno, mese = primo_mese_senza_servizio(data)
        if anno > anni[-1]:
            continue
        costo = costo_persona(d, date(anno, mese, 1), f, parametri)
        cessazioni.append(
            CessazionePersona(
                dipendente=d,
                data=data,
                anno=anno,
                mese=mese,
                causa=causa,
                origine=origine,
                regola=regola,
                costo=costo,
                risparmio_competenza=costo_competenza(costo.annuo, mese),
            )
        )
    cessazioni.sort(key=lambda c: (c.data, c.dipendente.id))
    tassi = _tassi(f, parametri, inizio)
    risultato = Proiezione(
        anni=anni,
        ipotesi=ipotesi,
        pensioni=pensioni,
        cessazioni=cessazioni,
        escluse=escluse,
        tassi=tassi,
        simulazione=None,
        avvisi=avvisi,
    )
    if simula and f.personale:
        risultato.simulazione = _simula(
            f,
            parametri,
            risultato,
            simulazioni or f.proiezione.simulazioni,
            f.proiezione.seme if seme is None else seme,
        )
    risultato.passi = _passi(risultato)
    risultato.parametri = _parametri(risultato)
    return risultato


def costo_cessazione(
    c: Cessazione, d: Dipendente | None, f: Fascicolo, parametri: Parametri
) -> CostoPosto:
    """The cost of a cessation row: its own, else the person's payroll cost, else the ente's
    profile cost or the CCNL tables in force in its first month without service."""
    proprio = c.costo_annuo is not None or d is None
    return costo_posto(
        c.area,
        c.profilo,
        c.fte,
        date(c.anno, c.mese, 1),
        parametri,
        f.costi_profilo,
        costo_annuo=c.costo_annuo if proprio else d.costo_annuo,  # type: ignore[union-attr]
        costo_annuo_con_irap=(
            c.costo_annuo_con_irap if proprio else d.costo_annuo_con_irap  # type: ignore[union-attr]
        ),
    )


def _da_riga(d: Dipendente, c: Cessazione, f: Fascicolo, parametri: Parametri) -> CessazionePersona:
    costo = costo_cessazione(c, d, f, parametri)
    return CessazionePersona(
        dipendente=d,
        data=date(c.anno, c.mese, 1),
        anno=c.anno,
        mese=c.mese,
        causa=c.causa,
        origine="nota",
        regola=f"cessazione {c.id} del fascicolo ({CAUSA_TESTO[c.causa]})",
        costo=costo,
        risparmio_competenza=costo_competenza(costo.annuo, c.mese),
    )


def _avvisi(d: Dipendente, esito: EsitoPensione, inizio: date) -> list[str]:
    """What in the roster contradicts the age limits: someone kept past the limit."""
    limite = esito.diritto("trattenimento" if d.trattenimento else "limite_ordinamentale")
    if limite is None or limite.decorrenza is None:
        return []
    quale = "la fine del trattenimento" if d.trattenimento else "il limite ordinamentale"
    if d.data_cessazione is not None and d.data_cessazione > limite.decorrenza:
        return [
            f"{d.id}: la cessazione indicata ({fmt_data(d.data_cessazione)}) è successiva al "
            f"{fmt_data(limite.decorrenza)}, data da cui ha effetto {quale}: controllare la data "
            "o indicare il trattenimento in servizio"
        ]
    if d.data_cessazione is None and limite.decorrenza < inizio:
        return [
            f"{d.id}: {quale} ha effetto dal {fmt_data(limite.decorrenza)}, prima del triennio, "
            "ma la persona risulta ancora in servizio: la proiezione la fa cessare il "
            f"{fmt_data(inizio)}; controllare la data di nascita o indicare la cessazione"
        ]
    return []


def _cessazione(
    d: Dipendente, esito: EsitoPensione, ipotesi: Ipotesi, sostituito: bool
) -> tuple[date, str, Literal["nota", "pensione", "sostituzione"], str] | None:
    if d.data_cessazione is not None and d.causa_cessazione is not None:
        causa = CAUSA_TESTO[d.causa_cessazione]
        return d.data_cessazione, d.causa_cessazione, "nota", f"cessazione nota ({causa})"
    trattenimento = esito.diritto("trattenimento") if d.trattenimento else None
    if trattenimento is not None:
        # An agreed trattenimento binds whatever the ipotesi: the person stays until it ends.
        if trattenimento.decorrenza is None:
            return None
        return trattenimento.decorrenza, "pensione", "pensione", trattenimento.regola
    if esito.cessazione is not None and esito.cessazione.decorrenza is not None:
        c = esito.cessazione
        return c.decorrenza, "pensione", "pensione", c.regola
    if sostituito and ipotesi == "limite_ordinamentale":
        # The plan replaces this person: the ente expects them to go at their first right.
        primi = [x for x in esito.diritti if x.decorrenza is not None]
        if primi:
            primo = min(primi, key=lambda x: x.decorrenza or date.max)
            assert primo.decorrenza is not None
            return (
                primo.decorrenza,
                "pensione",
                "sostituzione",
                f"{primo.regola} (prima data utile: il piano ne prevede la sostituzione)",
            )
    return None


def _tassi(f: Fascicolo, parametri: Parametri, giorno: date) -> list[TassoArea]:
    """The rate of other exits of each area present in the roster, and where it comes from."""
    dati = f.proiezione.tassi_uscita
    storico = f.proiezione.storico_uscite
    presenti = [a for a in AREE if any(d.area == a for d in f.personale)]
    tassi: list[TassoArea] = []
    for area in presenti:
        persone = sum(
            1 for d in f.personale if d.area == area and d.tipo_contratto == "tempo_indeterminato"
        )
        if area in dati:
            tassi.append(TassoArea(area, dati[area], "indicato dall'ente per l'area", persone))
            continue
        if "tutte" in dati:
            tassi.append(
                TassoArea(area, dati["tutte"], "indicato dall'ente per tutte le aree", persone)
            )
            continue
        righe = [s for s in storico if s.area == area] or [s for s in storico if s.area is None]
        if righe:
            uscite = sum(s.uscite for s in righe)
            base = sum(s.in_servizio for s in righe)
            anni = sorted({s.anno for s in righe})
            ambito = "dell'area" if righe[0].area else "dell'ente"
            tassi.append(
                TassoArea(
                    area,
                    Decimal(uscite) / Decimal(base),
                    f"stimato dallo storico {ambito} {anni[0]}-{anni[-1]}: {uscite} uscite su "
                    f"{base} persone-anno",
                    persone,
                )
            )
            continue
        valore, usato = parametri.leggi("cessazioni.altre_uscite_tasso", giorno)
        tassi.append(
            TassoArea(
                area,
                valore,
                "media nazionale dei comuni (tabella, da confermare): l'ente non ha dato un tasso "
                "né il suo storico",
                persone,
                usato,
            )
        )
    return tassi


def _simula(
    f: Fascicolo, parametri: Parametri, p: Proiezione, simulazioni: int, seme: int
) -> Simulazione:
    import numpy as np

    from fabbisogni.personale.simulazione import simula

    h = len(p.anni)
    per_persona = {c.dipendente.id: c for c in p.cessazioni}
    tasso_area = {t.area: float(t.tasso) for t in p.tassi}
    persone = [d for d in f.personale if d.tipo_contratto == "tempo_indeterminato"]
    # People leaving before the first year (known cessations in the year before) are out.
    persone = [d for d in persone if d.id not in per_persona or per_persona[d.id].anno >= p.anni[0]]
    costi = np.empty(len(persone))
    tassi = np.empty(len(persone))
    certo = np.empty(len(persone), dtype=np.int64)
    mese = np.ones(len(persone), dtype=np.int64)
    inizio = date(p.anni[0], 1, 1)
    # Many people share area, profile and FTE: cost each combination once.
    gia: dict[tuple[object, ...], float] = {}
    for i, d in enumerate(persone):
        c = per_persona.get(d.id)
        if c is not None:
            costi[i] = float(c.costo.annuo * 100)
        else:
            chiave = (d.area, d.profilo, d.fte, d.costo_annuo, d.costo_annuo_con_irap)
            if chiave not in gia:
                try:
                    gia[chiave] = float(costo_persona(d, inizio, f, parametri).annuo * 100)
                except CostoNonDeterminabile:
                    # Counted among the exits, without a saving: said in the projection.
                    gia[chiave] = 0.0
                    p.avvisi.append(
                        f"{d.id} ({d.area}, {d.profilo}): costo non determinabile (indicarlo nel "
                        "personale o nei costi dei profili): le sue eventuali uscite simulate "
                        "non hanno risparmio"
                    )
            costi[i] = gia[chiave]
        tassi[i] = tasso_area.get(d.area, 0.0)
        if c is not None:
            certo[i] = c.anno - p.anni[0]
            mese[i] = c.mese
        else:
            certo[i] = h
    return simula(costi, tassi, certo, mese, p.anni, simulazioni, seme)


def _passi(p: Proiezione) -> list[Passo]:
    passi: list[Passo] = []
    for c in p.cessazioni:
        d = c.dipendente
        passi.append(
            passo(
                f"cessazione.{d.id}",
                f"Cessazione di {d.id} ({d.area}, {d.profilo})",
                f"{c.regola}; dal {fmt_data(c.data)}, primo mese intero senza servizio "
                f"{c.mese:02d}/{c.anno}; risparmio a regime = costo annuo "
                f"({fmt_euro(c.costo.annuo)}); di competenza {c.anno} = costo annuo × "
                f"{13 - c.mese}/12",
                c.risparmio_competenza,
                input=[
                    dato("costo annuo a regime", c.costo.annuo),
                    dato("mese di cessazione", c.mese, "testo"),
                ],
                parametri=[
                    *[x for s in _diritti(p, d.id) for x in s.parametri],
                    *c.costo.parametri,
                ],
            )
        )
    for t in p.tassi:
        passi.append(
            passo(
                f"tasso.{t.area}",
                f"Tasso annuo di altre uscite: {t.area}",
                t.origine,
                fmt_percento(t.tasso, 2),
                "testo",
                parametri=[t.parametro] if t.parametro else [],
            )
        )
    return passi


def _diritti(p: Proiezione, ident: str) -> list:
    for e in p.pensioni:
        if e.id == ident:
            return [e.cessazione] if e.cessazione is not None else []
    return []


def _parametri(p: Proiezione) -> list[ParametroUsato]:
    visti: dict[tuple[str, str | None, str], ParametroUsato] = {}
    for s in p.passi:
        for u in s.parametri:
            visti.setdefault((u.nome, u.chiave, u.valore), u)
    return list(visti.values())


def cessazioni_per_verifica(f: Fascicolo, p: Proiezione) -> list[Cessazione]:
    """The certain cessations of the roster, as rows for the verification engine."""
    fine = f.primo_anno + 2
    nominate = {c.dipendente for c in f.cessazioni if c.dipendente}
    righe: list[Cessazione] = []
    for c in p.cessazioni:
        if c.anno > fine or c.dipendente.id in nominate:
            continue
        d = c.dipendente
        righe.append(
            Cessazione(
                id=d.id,
                anno=c.anno,
                mese=c.mese,
                area=d.area,
                profilo=d.profilo,
                servizio=d.servizio,
                fte=d.fte,
                tipo_contratto=d.tipo_contratto,
                causa=c.causa,
                costo_annuo=euro(c.costo.annuo),
                costo_annuo_con_irap=euro(c.costo.annuo_con_irap),
                dipendente=d.id,
                note=f"dal personale in servizio: {c.regola}",
            )
        )
    return righe
