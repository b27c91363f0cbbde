# chart_export — developer entry points. `make test` needs nothing installed by hand beyond
# what this machine kind ships (Python >= 3.11, Java 17, the gcloud SDK with the Firestore emulator).
VENV      ?= .venv
PY        := $(VENV)/bin/python
PYTEST_ARGS ?=

.PHONY: venv demo test test-fast mutants bench bench-function gallery oracle clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $$(devtools/find-python.sh) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

## The main job end to end on local stand-ins (Firestore emulator delivering events through the
## dev relay, fake-gcs-server, functions-framework serving main.py); outputs in ./demo-output/.
demo: venv
	$(PY) devtools/demo.py

## Whole suite; pytest session fixtures start (and stop) the Firestore emulator and fake-gcs-server.
test: venv
	$(PY) -m pytest $(PYTEST_ARGS)

## Unit tests only (no emulators).
test-fast: venv
	$(PY) -m pytest -m "not emulator" $(PYTEST_ARGS)

## Remove each rule of the publish protocol in turn; its test must go red (about a minute).
mutants: venv
	$(PY) devtools/mutants.py

bench: venv
	$(PY) benchmarks/bench_render.py

bench-function: venv
	$(PY) benchmarks/bench_function.py

gallery: venv
	$(PY) benchmarks/gallery.py

## Expected vectors of TradingView's built-in studies (tests/data/oracle/*.json), from the Pyne
## ports in devtools/oracle/ports run by PyneCore in its own venv. Offline; CI never runs it.
ORACLE_VENV ?= .venv-oracle
$(ORACLE_VENV)/.installed: devtools/oracle/requirements.txt
	@test -x $(ORACLE_VENV)/bin/python || $$(devtools/find-python.sh) -m venv $(ORACLE_VENV)
	$(ORACLE_VENV)/bin/python -m pip install --quiet -r devtools/oracle/requirements.txt
	@touch $@

oracle: $(ORACLE_VENV)/.installed
	$(ORACLE_VENV)/bin/python devtools/oracle/bars.py
	$(ORACLE_VENV)/bin/python devtools/oracle/generate.py $(PORTS)
	$(ORACLE_VENV)/bin/python devtools/oracle/sum_vectors.py

clean:
	rm -rf $(VENV) $(ORACLE_VENV) .pytest_cache demo-output
