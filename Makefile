# Two commands: `make run` (set up the demo and serve on http://127.0.0.1:5000) and `make test` (set up and test).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
WORKERS ?=

.PHONY: run serve classroom demo-setup test test-postgres bench bench-http bench-live bench-pytest bench-deps setup translations clean \
	browser-deps screenshots

# The virtual environment is rebuilt when pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# A real install: the database and the chronologies, no account (it prints how to create the first teacher).
setup: $(BIN)/.installed
	$(BIN)/flask --app quiz setup

# The demo: the same, plus demo accounts whose passwords the README publishes; every page then says it is a demo.
demo-setup: $(BIN)/.installed
	$(BIN)/flask --app quiz setup --demo

# A production server (gunicorn, settings in quiz/gunicorn_conf.py: HOST, PORT, WORKERS), not Flask's
# development server, which serves one request at a time and is not meant to face a class. For a reloading
# server while developing: .venv/bin/flask --app quiz run --debug
SERVE = HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) $(BIN)/gunicorn -c python:quiz.gunicorn_conf 'quiz:create_app()'

# The one-command demo (README, "Demo logins").
run: demo-setup
	$(SERVE)

# A real install served the same way, without demo accounts.
serve: setup
	$(SERVE)

# A real install open to phones on the local network (README, "A lesson on one laptop"): students are on it,
# so no account with a published password.
classroom:
	$(MAKE) serve HOST=0.0.0.0

# Both backends, one command: the whole suite on SQLite, then every test that touches the database again
# on a throwaway PostgreSQL server the tests start themselves (tests/pg_server.py). Runs both even if the
# first fails, and fails if either did. Outside CI, a machine without PostgreSQL says so and skips that leg.
PG_TESTS    ?= tests/web tests/test_app.py tests/test_backup.py tests/test_postgres_fixture.py
PG_OPTIONAL := $(if $(CI),,--pg-optional)
test: $(BIN)/.installed browser-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	$(BIN)/python -m pytest --db=postgresql $(PG_OPTIONAL) $(PG_TESTS) $(PYTEST_ARGS) || status=1; exit $$status

# The browser tests (tests/browser, first leg only) drive Debian's chromium and need fonts-noto-core. A no-op
# when both are there; as root, apt-get installs them; otherwise (not root, offline) it says so and carries on,
# and those tests skip with one line saying why (.ci/run sets CHRONOQUIZ_REQUIRE_BROWSER=1: a failure there).
BROWSER_PACKAGES := chromium fonts-noto-core
CHROMIUM ?= /usr/bin/chromium
browser-deps:
	@if [ -x $(CHROMIUM) ] && [ -d /usr/share/fonts/truetype/noto ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then \
	  echo "browser-deps: $(BROWSER_PACKAGES) missing and apt-get not usable here (not root?); browser tests will skip"; \
	  exit 0; fi; \
	echo "browser-deps: apt-get install -y $(BROWSER_PACKAGES)"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null 2>&1 || \
	{ apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null 2>&1; } || \
	echo "browser-deps: apt-get could not install $(BROWSER_PACKAGES) (offline?); browser tests will skip"

test-postgres: $(BIN)/.installed
	$(BIN)/python -m pytest --db=postgresql $(PYTEST_ARGS)

# Refresh the README's screenshots (docs/screenshots) from the browser tests.
screenshots: $(BIN)/.installed browser-deps
	CHRONOQUIZ_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser $(PYTEST_ARGS)

# Every benchmark (bench/README.md): over HTTP against a bare Flask baseline (bench/http; BENCH_ARGS, e.g.
# "--workers 4 --routes answer"), then in-process through the Flask test client (pytest-benchmark).
bench: bench-http bench-pytest

bench-http: $(BIN)/.installed bench-deps
	$(BIN)/python -m bench.http $(BENCH_ARGS)

# A live lesson at class and hall scale (bench/README.md, "Live lessons"): 300 simulated phones through a 10-question
# game on the production server, then again with 20% of them dropping mid-question; BENCH_ARGS, e.g. "--workers 2".
bench-live: $(BIN)/.installed bench-deps
	$(BIN)/python -m bench.http.live $(BENCH_ARGS)

bench-pytest: $(BIN)/.installed
	$(BIN)/python -m pytest bench --benchmark-only $(PYTEST_ARGS)

# The HTTP benchmark's load generator is wrk (Debian package wrk); as root, apt-get installs it when missing,
# as browser-deps does for Chromium. Otherwise bench-http says what is missing and stops.
bench-deps:
	@if command -v wrk >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then \
	  echo "bench-deps: wrk missing and apt-get not usable here (not root?): install wrk"; exit 0; fi; \
	echo "bench-deps: apt-get install -y wrk"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get install -y -qq wrk >/dev/null 2>&1 || \
	{ apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1; } || \
	echo "bench-deps: apt-get could not install wrk (offline?)"

# After changing user-facing strings: extract them, merge into the catalogues, compile. N_ and Nn_ (quiz/messages.py)
# mark what the pure core says to people (import issues, set rules, generator errors): extracted too. No source locations and
# sorted entries: line numbers went stale with every edit, and sorted entries let two branches add strings
# without conflicting.
translations: $(BIN)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ -k Nn_:1,2 --no-location --sort-output -o quiz/translations/messages.pot .
	$(BIN)/pybabel update -i quiz/translations/messages.pot -d quiz/translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d quiz/translations

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .benchmarks build dist
