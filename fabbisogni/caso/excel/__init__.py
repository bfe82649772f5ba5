"""The case as an Excel workbook: the template, reading it back, converting both ways.

- :mod:`~fabbisogni.caso.excel.schema`: the sheets, their tables and columns, each column's type.
- :mod:`~fabbisogni.caso.excel.piatto`: a :class:`~fabbisogni.caso.fascicolo.Fascicolo` as flat rows and
  back (pure: no files), with the place of every value for the error messages.
- :mod:`~fabbisogni.caso.excel.scrittura`: the workbook (xlsxwriter): template, validation, comments.
- :mod:`~fabbisogni.caso.excel.lettura`: a workbook → rows (openpyxl, read-only) → raw data.
- :mod:`~fabbisogni.caso.excel.cartella`: a case → ``fascicolo.yaml`` and CSV files.
- :mod:`~fabbisogni.caso.excel.comandi`: what ``fabbisogni modello`` and ``converti`` write.

Nothing here is imported when a folder is verified: openpyxl, xlsxwriter and ruamel are loaded
only by the functions that need them.
"""
