# foi-extract: `make extract` then `make test` on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RAW    ?= raw
DB     ?= extracted/foi.db
WORKERS ?= 1

.PHONY: install extract test bench serve clean ocr-deps

# The environment is rebuilt when pyproject.toml changes.
$(BIN)/foi: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(BIN)/foi

install: $(BIN)/foi

extract: $(BIN)/foi
	$(BIN)/foi extract $(RAW) --db $(DB) --workers $(WORKERS)

test: $(BIN)/foi
	$(BIN)/python -m pytest

clean:
	rm -rf extracted/*.db extracted/*.db-wal extracted/*.db-shm
