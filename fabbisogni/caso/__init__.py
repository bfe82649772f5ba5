"""Reading the case: the fascicolo model, its files (YAML, CSV, a workbook, a scenario) and the
Italian messages for what cannot be used. Nothing here computes a legal figure."""
