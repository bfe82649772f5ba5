"""Documents built from a case and its result: PIAO sottosezione 3.3 and the draft parere.

Builders return a :class:`~fabbisogni.uscite.documenti.modello.Documento`; the renderers in
:mod:`fabbisogni.uscite` turn the same model into DOCX and Markdown, so the two cannot disagree.
"""
