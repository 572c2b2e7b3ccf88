# fwaudit — run `make` for the list of targets.
.DEFAULT_GOAL := help
SHELL         := /bin/bash

GO       ?= go
BIN      := bin
FLEET    ?= testdata/lab/fleet.yaml
DEMO_DIR := $(BIN)/demo
FUZZTIME ?= 10s
GOFLAGS_BUILD := -trimpath

help: ## List targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "%-12s %s\n", $$1, $$2}'

# Test peers: programs nobody here wrote, from Debian. Installed only when missing.
PEERS := ssh:openssh-client snmpd:snmpd snmpbulkwalk:snmp snmpsimd:snmpsim chromium:chromium

deps: ## Install the test peers if missing (OpenSSH client, net-snmp, snmpsim, Chromium) via apt-get
	@missing=""; for p in $(PEERS); do command -v $${p%%:*} >/dev/null 2>&1 || missing="$$missing $${p#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing test peers:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then SUDO=sudo; fi; \
	  ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing) \
	  || { echo "could not install:$$missing (run: sudo apt-get install -y$$missing)" >&2; exit 1; }; \
	fi

build: ## Build bin/fwaudit and bin/fwlab
	CGO_ENABLED=0 $(GO) build $(GOFLAGS_BUILD) -o $(BIN)/fwaudit ./cmd/fwaudit
	CGO_ENABLED=0 $(GO) build $(GOFLAGS_BUILD) -o $(BIN)/fwlab ./cmd/fwlab

demo: build ## Start the simulated lab fleet on loopback, sweep it with baselines/, stop it
	@echo "== starting the lab fleet ($(FLEET)) and sweeping it with baselines/ =="
	$(BIN)/fwlab --log-level warn --fleet $(FLEET) --out $(DEMO_DIR) --expect-exit 1 -- \
	  $(BIN)/fwaudit sweep -i $(DEMO_DIR)/inventory.yaml -b baselines/

test: deps ## Run every test (race detector on)
	$(GO) test -race -count=1 -timeout 20m ./...

bench: ## Run the benchmarks (parsers, collection, 200- and 1,000-device lab sweeps: devices/s, cpu-ms/device, peak RSS)
	$(GO) test -run '^$$' -bench . -benchmem -timeout 20m ./...

fuzz: ## Run each fuzz target for $(FUZZTIME)
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; done

golden: ## Rewrite golden files (go test ./... -update), then review the diff
	$(GO) test ./... -update

lint: ## gofmt check and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

clean: ## Remove bin/ and test caches
	rm -rf $(BIN)
	$(GO) clean -testcache

.PHONY: help deps build demo test bench fuzz golden lint clean
