# Shuniu — the two commands in the README are `make demo` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
export SHUNIU_DEMO_PASSWORD ?= Shuniu@2026

.PHONY: install demo seed run test test-fast lint bench-quick bench-full vendor messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

seed: install
	$(BIN)/shuniu migrate --noinput
	$(BIN)/shuniu seed_demo

run: install
	$(BIN)/shuniu runserver 127.0.0.1:8000

## Install everything, load the demo office and serve it on http://127.0.0.1:8000
demo: seed run

## The whole test suite (SQLite by default; PostgreSQL when DATABASE_URL is set)
test: install
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

lint: install
	$(BIN)/ruff check src tests bench

bench-quick: install
	$(BIN)/python -m bench.run --quick

bench-full: install
	$(BIN)/python -m bench.run --full

## Re-vendor the front-end assets from npm into src/shuniu/static/vendor (committed)
vendor:
	npm ci --no-audit --no-fund
	node scripts/vendor.mjs

messages: install
	cd src/shuniu && ../../$(BIN)/shuniu compilemessages
