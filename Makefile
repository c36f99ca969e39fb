# Redo — the two commands are `make run` and `make test`. Everything else here serves them.
#
# Build output lives outside the clone (CARGO_TARGET_DIR) so CI can cache it and clean clones
# stay fast; override it if you like. Tools are installed only when missing.

SHELL := /bin/bash
.DEFAULT_GOAL := run

export CARGO_TARGET_DIR ?= $(HOME)/.cache/redo/target
export RUST_BACKTRACE ?= 0
# CI builds once from a clean clone: incremental caches would only cost disk.
ifdef CI
export CARGO_INCREMENTAL ?= 0
endif
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

REDO_LISTEN ?= 127.0.0.1:3000
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/version = "\(.*\)"/\1/p;}' Cargo.lock)
SERVER_BIN := $(CARGO_TARGET_DIR)/release/server
SITE_ROOT := $(CURDIR)/target/site
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-unit test-pg e2e-pg postgres bench lint build tools npm chromium e2e clean-data help

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

run: build ## Build and serve Redo on http://$(REDO_LISTEN) with demo data in ./data
	@echo "Startar Redo på http://$(REDO_LISTEN) (avsluta med Ctrl-C)"
	REDO_DEMO=1 REDO_LISTEN=$(REDO_LISTEN) LEPTOS_SITE_ROOT=$(SITE_ROOT) $(SERVER_BIN) serve

test: npm chromium ## Every test level: unit, service, HTTP and Playwright, on SQLite and PostgreSQL
	$(MAKE) test-unit
	$(MAKE) build
	$(MAKE) e2e
	$(MAKE) test-pg
	$(MAKE) e2e-pg

test-unit: ## Unit, service, HTTP and process tests on SQLite (cargo test)
	cargo test --workspace

# A throwaway PostgreSQL cluster for one command (pg_virtualenv from postgresql-common): it sets
# PGHOST, PGPORT, PGUSER and PGPASSWORD, and drops the cluster afterwards.
PG_URL = postgres://$$PGUSER:$$PGPASSWORD@$$PGHOST:$$PGPORT/postgres

postgres: ## PostgreSQL (for pg_virtualenv), only when missing
	@command -v pg_virtualenv >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y postgresql; }

# Each test opens its own database and pools, and the suites run tests side by side: the
# throwaway cluster allows more clients than PostgreSQL's default 100.
PG_TEST_CLUSTER = pg_virtualenv -o 'max_connections=300'

test-pg: postgres ## The service and HTTP suites, and two servers on one database, on PostgreSQL
	$(PG_TEST_CLUSTER) sh -c 'REDO_TEST_POSTGRES="$(PG_URL)" cargo test -p server --test services --test http && \
	  REDO_TEST_POSTGRES="$(PG_URL)" cargo test -p server --test process -- two_instances server_copy'

e2e-pg: postgres ## The Playwright journeys (JavaScript on) against PostgreSQL (run `make build` first)
	cd end2end && pg_virtualenv sh -c 'REDO_DATABASE_URL="$(PG_URL)" REDO_SERVER_BIN=$(SERVER_BIN) LEPTOS_SITE_ROOT=$(SITE_ROOT) npx playwright test --project=js'

e2e: ## The Playwright journeys against the release build (run `make build` first)
	cd end2end && REDO_SERVER_BIN=$(SERVER_BIN) LEPTOS_SITE_ROOT=$(SITE_ROOT) npx playwright test

lint: ## fmt, clippy (native and wasm), and no sqlx/tokio in the wasm dependency graph
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings
	@for dep in sqlx tokio; do \
	  if cargo tree -q -p app --target wasm32-unknown-unknown --no-default-features --features hydrate -e normal -i $$dep 2>/dev/null | grep -q .; then \
	    echo "$$dep is in the wasm dependency graph"; exit 1; fi; done; echo "wasm graph: no sqlx, no tokio"

bench: build postgres ## Throughput, latency, bundle size, cold start and memory (SQLite and PostgreSQL), as `name: value` lines
	@command -v wrk >/dev/null && command -v brotli >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y wrk brotli; }
	pg_virtualenv -o fsync=on sh -c 'python3 .ci/bench.py --server $(SERVER_BIN) --site-root $(SITE_ROOT) --postgres "$(PG_URL)"'

build: npm ## Release build of server and wasm without cargo-leptos (scripts/build-site.sh)
	SITE_ROOT=$(SITE_ROOT) scripts/build-site.sh

tools: ## wasm32 target and wasm-bindgen-cli, each only when missing (`make build` does this too)
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

npm: end2end/node_modules/.package-lock.json ## Playwright, axe-core and binaryen (wasm-opt) from npm

end2end/node_modules/.package-lock.json: end2end/package-lock.json
	cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	@touch $@

chromium: ## Debian's Chromium for the browser tests
	@command -v chromium >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

clean-data: ## Remove the local database (./data); the next `make run` seeds it again
	rm -rf data
