# Podium — the two commands a newcomer needs: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
export PODIUM_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test lint typecheck bench install clean messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The translations (src/podium/locale/*/LC_MESSAGES/django.po) compiled for Django to read.
messages: $(STAMP)
	$(BIN)/podium compilemessages --ignore .venv --ignore var -v 0

run: $(STAMP) messages
	mkdir -p $(PODIUM_DATA_DIR)
	$(BIN)/podium migrate --noinput -v 0
	$(BIN)/podium demo --base-url http://$(HOST):$(PORT)
	PODIUM_DEMO=1 $(BIN)/podium serve --host $(HOST) --port $(PORT)

# The whole suite on SQLite; then, where DATABASE_URL points to PostgreSQL, again on it
# (browser tests once is enough: they exercise pages, not the engine; `sqlite` tests are about
# what only SQLite lets happen).
test: $(STAMP) messages
	$(BIN)/ruff check src
	$(BIN)/mypy
	env -u DATABASE_URL $(BIN)/pytest -m "not postgres"
	@case "$$DATABASE_URL" in postgres*) \
	  echo "== again on PostgreSQL ($$DATABASE_URL)"; \
	  $(BIN)/pytest -m "not browser and not sqlite" ;; \
	  *) echo "DATABASE_URL is not PostgreSQL: the PostgreSQL run is skipped";; esac

lint: $(STAMP)
	$(BIN)/ruff check src
	$(BIN)/ruff format --check src

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m podium.bench

clean:
	rm -rf $(VENV) var
