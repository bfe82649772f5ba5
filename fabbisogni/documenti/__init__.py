"""Documents built from a case and its result: PIAO sottosezione 3.3 and the draft parere.

Builders return a :class:`~fabbisogni.documenti.modello.Documento`; the renderers in
:mod:`fabbisogni.render` turn the same model into DOCX and Markdown, so the two cannot disagree.
"""
