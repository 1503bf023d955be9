# The README's commands. Each bootstraps the Python virtual environment, then hands over to
# fedctl (python/fedctl), which installs whatever else is missing and does the work.

PYTHON ?= python3
VENV := .venv
FEDCTL := $(VENV)/bin/fedctl
APP ?=

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

## bench: page, remote, propagation and API speed, and the API under load, against targets (needs `make build` first)
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

## dev APP=auth: one app's development server, standalone (run `make api` beside it)
dev: $(VENV)/.installed
	@test -n "$(APP)" || { echo "usage: make dev APP=<$$(node -p "Object.keys(require('./federation.json').apps).join('|')")>"; exit 2; }
	@test -d node_modules || npm ci --no-audit --no-fund
	APP_ENV=development npm run dev --workspace apps/$(APP)

clean:
	rm -rf apps/*/.next apps/*/.next-* apps/*/dist apps/*/dist-* .var
