"""JSON output: amounts and ratios as strings holding exact decimals."""

from __future__ import annotations

import json

from fabbisogni.risultato import Risultato


def to_json(risultato: Risultato) -> str:
    dati = risultato.model_dump(mode="json")
    return json.dumps(dati, ensure_ascii=False, indent=2)
