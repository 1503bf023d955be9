# The README's commands. Each bootstraps the Python virtual environment, then hands over to
# fedctl (python/fedctl), which installs whatever else is missing and does the work.

PYTHON ?= python3
VENV := .venv
FEDCTL := $(VENV)/bin/fedctl
APP ?=
STANDALONE ?=

.PHONY: up prod test bench bench-prod build audit api dev clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[dev]'
	touch $@

## up: install what is missing, build, start the API, every remote and the host
up: $(VENV)/.installed
	$(FEDCTL) up

## prod: run it as production does: nginx on one origin, the Next servers and 2 API workers behind
## it, on PostgreSQL and Redis (DATABASE_URL / REDIS_URL, or throw-away ones); see docs/deploy.md
prod: $(VENV)/.installed
	$(FEDCTL) up --env production

## test: install what is missing, build, lint, run the JS unit tests and pytest
test: $(VENV)/.installed
	$(FEDCTL) test

## bench: page, remote, propagation and API speed, the API under load, page weight against a monolith build and
## server rendering, against targets (needs `make build` first)
bench: $(VENV)/.installed
	$(FEDCTL) bench --output .var/bench.json

## bench-prod: bytes of first and repeat visits through the edge; API with 2 workers against 1
## (needs `fedctl build --env production` first)
bench-prod: $(VENV)/.installed
	$(FEDCTL) bench --env production --output .var/bench-production.json

## build: production builds of every app
build: $(VENV)/.installed
	$(FEDCTL) build

## audit: the static federation audit of this repository
audit: $(VENV)/.installed
	$(FEDCTL) audit .

## api: the API server alone (development mode), for remotes run standalone
api: $(VENV)/.installed
	APP_ENV=development $(VENV)/bin/shop-api --host 127.0.0.1 --port $$(node -p "require('./federation.json').api.port")

## dev: the federation in development (the API and every app's dev server, edits swapped into the
## host page); APP=cart (or APP="cart account"): those apps live, the others from production builds
## (built if missing); STANDALONE=auth: one app's dev server alone, beside the API
dev: $(VENV)/.installed
	$(FEDCTL) dev $(APP) $(if $(STANDALONE),--standalone $(STANDALONE))

clean:
	rm -rf apps/*/.next apps/*/.next-* apps/*/dist apps/*/dist-* .var
