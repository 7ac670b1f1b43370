# foi-extract: `make extract` then `make test` on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RAW    ?= raw
DB     ?= extracted/foi.db
WORKERS ?= 1

.PHONY: install extract test test-browser bench serve clean ocr-deps doc-deps render-deps

# The environment is rebuilt when pyproject.toml changes.
$(BIN)/foi: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(BIN)/foi

install: $(BIN)/foi

extract: $(BIN)/foi $(VENV)/.doc-deps
	$(BIN)/foi extract $(RAW) --db $(DB) --workers $(WORKERS)

test: $(BIN)/foi
	$(BIN)/python -m pytest --ignore=tests/test_browser.py

$(BIN)/datasette: $(BIN)/foi
	$(BIN)/python -m pip install -q -e '.[test,explore]'

serve: $(BIN)/datasette
	test -f $(DB) || $(MAKE) extract
	$(BIN)/foi serve --db $(DB) --raw $(RAW)

# The benchmark (issue 8): N documents (default 300); prints a table, writes extracted/bench.{md,json}.
bench: $(BIN)/foi
	$(BIN)/python -m bench.run --n $(or $(N),300)

# The browser test and the metadata checks that need Datasette: the explore extra and Debian's Chromium, installed when missing.
test-browser: $(BIN)/datasette
	command -v chromium >/dev/null || (command -v apt-get >/dev/null && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1) || \
		echo "Chromium could not be installed: the browser test will be skipped"
	$(BIN)/python -m pytest tests/test_browser.py tests/test_metadata.py

# Legacy Word (.doc) files are read with antiword, from the system's packages: tried once per
# environment, never fatal (without it .doc files are reported in `errors`, with this command).
$(VENV)/.doc-deps: $(BIN)/foi
	command -v antiword >/dev/null || $(MAKE) -s doc-deps || \
		echo "antiword could not be installed: .doc files will be reported as unsupported"
	touch $@

doc-deps:
	command -v antiword >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq antiword)

# OCR for scanned PDFs (optional): Tesseract from Debian/Ubuntu packages.
ocr-deps:
	command -v tesseract >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-eng)

# Poppler's pdftotext and pdftohtml (optional): the tests compare their renderings of generated PDFs with the PDF.
render-deps:
	command -v pdftotext >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils)

# Everything generated under extracted/ (the database, exports, benchmark reports, screenshots).
clean:
	find extracted -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
