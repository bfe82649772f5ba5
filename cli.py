#!/usr/bin/env python3
"""Thin entry point for a checkout: `python cli.py verifica CASE`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fabbisogni.cli import main

if __name__ == "__main__":
    main()
