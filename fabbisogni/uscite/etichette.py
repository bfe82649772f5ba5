"""Italian labels for the result's codes, shared by every renderer (console, workbook, documents)."""

from __future__ import annotations

COLLOCAZIONE = {
    "virtuoso": "sotto la soglia di Tabella 1 (virtuoso)",
    "intermedio": "tra Tabella 1 e Tabella 3 (intermedio)",
    "sopra_soglia": "sopra la soglia di rientro di Tabella 3",
}

REGOLA_DM = {
    "tabella_1": "valore soglia di Tabella 1 × entrate (D.M. art. 4, c. 2)",
    "tabella_2": "spesa 2018 incrementata della percentuale di Tabella 2 (D.M. art. 5, c. 1)",
    "resti_2015_2019": "spesa 2018 incrementata dei resti assunzionali 2015-2019 (D.M. art. 5, c. 2)",
    "tabella_2_senza_spesa_2018": "Tabella 2 non applicabile: manca la spesa di personale 2018",
    "solo_turnover": "solo turn over: asseverazione dell'organo di revisione non resa",
    "intermedio": "rapporto non superiore a quello dell'ultimo rendiconto (D.M. art. 6)",
    "rientro_graduale": "percorso di rientro: il rapporto deve scendere (D.M. art. 6)",
    "turnover_30": "turn over ridotto per i comuni sopra la Tabella 3 (D.M. art. 6)",
    "rientrato": "soglia di rientro di Tabella 3 × entrate, più favorevole del percorso di "
    "rientro (D.M. art. 6)",
}

REGOLA_DM_BREVE = {
    "tabella_1": "Tabella 1",
    "tabella_2": "Tabella 2",
    "resti_2015_2019": "resti assunzionali 2015-2019",
    "tabella_2_senza_spesa_2018": "Tabella 2 senza spesa 2018",
    "solo_turnover": "solo turn over",
    "intermedio": "rapporto del rendiconto",
    "rientro_graduale": "rientro graduale",
    "turnover_30": "turn over 30%",
    "rientrato": "Tabella 3",
}
"""The D.M. rules in a few words, for tables and messages (``REGOLA_DM`` has them in full)."""

VINCOLO = {
    "dm": "D.M. 17/03/2020",
    "557": "comma 557/562",
    "flessibile": "lavoro flessibile (art. 9 c. 28)",
}

ESITO = {
    "conforme": "conforme",
    "non_conforme": "non conforme",
    "non_verificabile": "non verificabile",
}

ESITO_LIMITE = {True: "rispettato", False: "superato", None: "non verificabile"}

ESITO_PRESUPPOSTO = {
    "rispettato": "rispettato",
    "non_rispettato": "non rispettato",
    "non_documentato": "non documentato",
}

GRAVITA = {"grave": "grave", "attenzione": "attenzione", "informativa": "informativa"}

TIPO_CONTRATTO = {
    "tempo_indeterminato": "tempo indeterminato",
    "tempo_determinato": "tempo determinato",
    "somministrazione": "somministrazione",
    "cococo": "collaborazione coordinata e continuativa",
    "formazione_lavoro": "contratto di formazione e lavoro",
    "art110_c1": "art. 110, c. 1, TUEL",
    "art110_c2": "art. 110, c. 2, TUEL",
    "art90": "art. 90 TUEL (staff)",
}

FINANZIAMENTO = {
    "ordinario": "bilancio dell'ente",
    "art57_c3septies": "finanziato da terzi (art. 57, c. 3-septies, D.L. 104/2020)",
    "fondo_poverta": "Fondo povertà",
    "pnrr_31bis": "PNRR (art. 31-bis D.L. 152/2021)",
}

AREA = {
    "Dirigenti": "Dirigenza",
    "Funzionari ed EQ": "Area dei Funzionari e dell'Elevata Qualificazione",
    "Istruttori": "Area degli Istruttori",
    "Operatori esperti": "Area degli Operatori esperti",
    "Operatori": "Area degli Operatori",
}
"""Areas of the CCNL Funzioni Locali 16/11/2022 (and the dirigenza), highest first: the table order."""

MOTIVO = {"sostituzione": "sostituzione di cessazione", "nuovo_posto": "nuovo posto"}

CAUSA_CESSAZIONE = {
    "pensione": "pensionamento",
    "dimissioni": "dimissioni",
    "mobilita": "mobilità in uscita",
    "fine_contratto": "fine del contratto",
    "altro": "altra causa",
}

MESI = (
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
)


def etichetta(mappa: dict, chiave: object) -> str:
    """The label for ``chiave``, or the code itself with spaces if the map does not know it."""
    valore = mappa.get(chiave)
    return valore if valore is not None else str(chiave).replace("_", " ")
