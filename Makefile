# Two commands do all the set-up on a fresh machine with Python 3.11+ and make:
#   make run    create .venv, install SayYes, open the app on the default data folder
#   make test   create .venv with the test extras, run the whole suite headless
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_RUN  := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test bench clean screenshots

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "SayYes needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(STAMP_TEST): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/sayyes

test: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

screenshots: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py docs/screenshots

# make bench   100,000 interviews of demo data, then every figure of README "Performance" beside its
#              baseline (about 4 minutes; not part of `make test`). BENCH_ARGS="--runs 9 --json out.json"
bench: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/bench.py $(BENCH_ARGS)

# make package        dist/sayyes_<version>_<arch>.deb and dist/sayyes-<version>-linux-<machine>.tar.gz
#                     (packaging/linux/build.sh: PyInstaller, dpkg-deb; apt-installs missing build libraries)
# make package-test   installs the .deb, smoke-tests it and the tarball on Xvfb, compiles the NSIS script
.PHONY: package package-test
STAMP_PACKAGE := $(VENV)/.installed-package
PACKAGE_VERSION = $(shell $(PYTHON) packaging/project_info.py version)
DEB     = dist/sayyes_$(PACKAGE_VERSION)_$(shell dpkg --print-architecture 2>/dev/null || echo amd64).deb
TARBALL = dist/sayyes-$(PACKAGE_VERSION)-linux-$(shell uname -m).tar.gz
PACKAGE_SOURCES = pyproject.toml tools/make_icons.py \
	$(shell find desktop_app packaging resources -type f ! -name '*.pyc' ! -path '*/__pycache__/*' 2>/dev/null)

$(STAMP_PACKAGE): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[package]'
	@touch $@ $(STAMP_RUN)

$(DEB): $(STAMP_PACKAGE) $(PACKAGE_SOURCES)
	bash packaging/linux/build.sh $(BIN)/python

$(TARBALL): $(DEB)
	@test -f $@ || bash packaging/linux/build.sh $(BIN)/python

package: $(DEB) $(TARBALL)

package-test: $(DEB) $(TARBALL)
	PYTHON=$(BIN)/python bash packaging/linux/smoke_test.sh $(DEB) $(TARBALL)

clean:
	rm -rf $(VENV) build *.egg-info
