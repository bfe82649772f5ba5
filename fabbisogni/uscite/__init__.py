"""Outputs: console, JSON, workbook, DOCX and Markdown documents, each rendered from the one
Risultato. Nothing here computes a legal figure, reads a table or imports the limits."""
