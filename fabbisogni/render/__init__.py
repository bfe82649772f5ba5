"""Renderers: each reads the one Risultato and writes it in one form."""
