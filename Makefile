SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)

.PHONY: setup run test lint bench clean

# Create the virtualenv and install everything (again only when a requirements file changes).
$(STAMP): requirements.txt requirements-dev.txt package.json package-lock.json
	@echo "[clinflow] creating $(VENV) and installing requirements ..."
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	@echo "[clinflow] installing requirements-dev.txt (about a minute on a fresh machine; one line per package) ..."
	$(VENV)/bin/pip install --disable-pip-version-check --progress-bar on -r requirements-dev.txt 2>&1 \
		| grep --line-buffered -v -E "^WARNING: Location|^Requirement already satisfied"; test $${PIPESTATUS[0]} -eq 0
	@echo "[clinflow] installing the browser-test tools (axe-core) from package-lock.json ..."
	npm ci --no-audit --no-fund
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/python scripts/stack.py run

test: $(STAMP)
	$(VENV)/bin/python scripts/stack.py test $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) var/*.sqlite3* var/celerybeat-schedule* var/static
