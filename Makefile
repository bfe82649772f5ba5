# Two commands for a fresh machine with python3 and make only:
#   make demo   create .venv, install, verify a bundled case and write its documents to out/
#   make test   create .venv, install with the test extras, lint and run the suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CASE ?= fixtures/casorate-primo-2024

.PHONY: demo test lint format bench compile clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

# verifica exits 1 when the plan breaks a limit (Casorate does): that is a result, not a failure.
demo: $(VENV)/.installed compile
	@$(BIN)/fabbisogni verifica $(CASE); rc=$$?; \
	if [ $$rc -gt 1 ]; then exit $$rc; fi; \
	echo "(esito: codice di uscita $$rc — 0 conforme, 1 non conforme o non verificabile)"
	@mkdir -p out && $(BIN)/fabbisogni report $(CASE) --out out/$(notdir $(CASE)) --force

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

# Precompile the package: where PYTHONDONTWRITEBYTECODE is set (as on this machine) Python would
# otherwise compile every module at each start, ~0,1 s of a verifica.
compile: $(VENV)/.installed
	@$(BIN)/python -m compileall -q fabbisogni cli.py

bench: $(VENV)/.installed compile
	$(BIN)/python benchmarks/bench_verifica.py
	$(BIN)/python benchmarks/bench_cessazioni.py
	$(BIN)/python benchmarks/bench_scenari.py
	$(BIN)/python benchmarks/bench_massimo.py

clean:
	rm -rf $(VENV) build out *.egg-info
