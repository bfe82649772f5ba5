"""Analyses over the engine: the largest plan that fits, how far each figure can move, and
scenarios side by side. Each is a search or a comparison over :func:`fabbisogni.motore.verifica`,
never a second copy of the rules."""
