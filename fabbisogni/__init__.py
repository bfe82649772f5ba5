"""fabbisogni: capacità assunzionale e verifica del PTFP dei comuni italiani."""

__version__ = "0.1.0"
