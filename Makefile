# Shuniu — the two commands in the README are `make demo` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
export PORT ?= 8000
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
export SHUNIU_DEMO_PASSWORD ?= Shuniu@2026

.PHONY: install demo seed run test lint bench-quick bench-full vendor messages

$(STAMP): pyproject.toml
	@test -n "$(PY)" || { echo "未找到 python3.11，请先安装 Python 3.11" >&2; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "创建虚拟环境失败：Debian/Ubuntu 请先执行 sudo apt-get install python3-venv" >&2; exit 1; }
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

seed: install
	$(BIN)/shuniu migrate --noinput
	$(BIN)/shuniu seed_demo

run: install
	$(BIN)/shuniu runserver 127.0.0.1:$(PORT)

## Install everything, load the demo office and serve it on http://127.0.0.1:8000 (PORT=8001 to change)
demo: seed run

## The whole test suite (SQLite by default; PostgreSQL when DATABASE_URL is set); prints the 20 slowest tests
## (docs/testing.md). The slow files go first (conftest.py), so xdist must keep that order.
test: install
	$(BIN)/python -m pytest -q -n 2 --dist loadfile --no-loadscope-reorder --durations=20

lint: install
	$(BIN)/ruff check $(wildcard src tests bench)

bench-quick: install
	$(BIN)/python -m bench.run --quick

bench-full: install
	$(BIN)/python -m bench.run --full

## Re-vendor the front-end assets from npm into src/shuniu/static/vendor (committed)
vendor:
	npm ci --no-audit --no-fund
	node scripts/vendor.mjs

## Re-extract the English catalogue from the Chinese source strings and compile it (needs Debian gettext)
messages: install
	cd src/shuniu && SHUNIU_DATA_DIR=$(CURDIR)/var ../../$(BIN)/shuniu makemessages -l en --add-location file --no-obsolete --ignore 'static/*'
	cd src/shuniu && SHUNIU_DATA_DIR=$(CURDIR)/var ../../$(BIN)/shuniu compilemessages -l en
