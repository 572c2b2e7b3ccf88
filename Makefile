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
# (postgresql: the store tests run initdb / pg_ctl from /usr/lib/postgresql/*/bin;
# ansible, ansible-lint: the plan tests lint and list the generated playbooks;
# rsyslog: the syslog test sends to a real rsyslogd;
# systemd: docs/deploy verifies the unit files; cmark-gfm: the markdown report is
# rendered by GitHub's own renderer; dash and setpriv are Essential.)
PEERS := ssh:openssh-client snmpd:snmpd snmpbulkwalk:snmp snmpsimd:snmpsim chromium:chromium pg_ctlcluster:postgresql ansible-playbook:ansible ansible-lint:ansible-lint rsyslogd:rsyslog systemd-analyze:systemd cmark-gfm:cmark-gfm

deps: ## Install the test peers if missing (OpenSSH client, net-snmp, snmpsim, Chromium, PostgreSQL, Ansible, ansible-lint, rsyslog, systemd-analyze, cmark-gfm) via apt-get
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
	@rm -rf $(DEMO_DIR) # a new lab is a new fleet: start its history afresh
	$(BIN)/fwlab --log-level warn --fleet $(FLEET) --out $(DEMO_DIR) --expect-exit 1 -- \
	  $(BIN)/fwaudit sweep -i $(DEMO_DIR)/inventory.yaml -b baselines/ --state $(DEMO_DIR)/state.db

test: deps ## Run every test (race detector on)
	$(GO) test -race -count=1 -timeout 20m ./...

bench: ## Run the benchmarks (parsers, collection, store, lab sweeps; the 500- and 10,000-device fleet in its own process with history off / SQLite / PostgreSQL: devices/s, cpu-ms/device, store-ms/snapshot, peak RSS; store verify on 1M rows)
	$(GO) test -run '^$$' -bench . -benchmem -timeout 90m ./...

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

# Release and install (issue 9). Reproducible: no wall clock, no build
# path, no build ID; the date is the commit's (SOURCE_DATE_EPOCH).
PREFIX     ?= /usr/local
DESTDIR    ?=
VERSION    ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
COMMIT     ?= $(shell git rev-parse HEAD 2>/dev/null)
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
BUILD_DATE := $(shell date -u -d @$(SOURCE_DATE_EPOCH) +%Y-%m-%dT%H:%M:%SZ 2>/dev/null)
LDFLAGS_RELEASE := -s -w -buildid= -X fwaudit/internal/version.version=$(VERSION) -X fwaudit/internal/version.commit=$(COMMIT) -X fwaudit/internal/version.date=$(BUILD_DATE)
GOFLAGS_RELEASE  = -trimpath -buildvcs=false -ldflags "$(LDFLAGS_RELEASE)"
RELEASE_DIR := $(BIN)/release
PLATFORMS   ?= linux/amd64 linux/arm64
NOCONFIG    := --config /dev/null

release: ## Reproducible static builds in bin/release/ (fwaudit-OS-ARCH) plus SHA256SUMS
	@mkdir -p $(RELEASE_DIR)
	@for p in $(PLATFORMS); do os=$${p%/*}; arch=$${p#*/}; \
	  echo "build fwaudit-$$os-$$arch"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build $(GOFLAGS_RELEASE) -o $(RELEASE_DIR)/fwaudit-$$os-$$arch ./cmd/fwaudit || exit 1; \
	done
	$(MAKE) --no-print-directory checksums

checksums: ## Write bin/release/SHA256SUMS for the release binaries
	cd $(RELEASE_DIR) && sha256sum fwaudit-* > SHA256SUMS && cat SHA256SUMS

man: ## Generate man pages into bin/man/
	CGO_ENABLED=0 $(GO) build $(GOFLAGS_RELEASE) -o $(BIN)/fwaudit ./cmd/fwaudit
	rm -rf $(BIN)/man && SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) $(BIN)/fwaudit man $(BIN)/man $(NOCONFIG)

install: man ## Install fwaudit, completions and man pages under $(DESTDIR)$(PREFIX)
	@mkdir -p $(BIN)/completions
	$(BIN)/fwaudit completion bash $(NOCONFIG) > $(BIN)/completions/fwaudit.bash
	$(BIN)/fwaudit completion zsh $(NOCONFIG) > $(BIN)/completions/_fwaudit
	$(BIN)/fwaudit completion fish $(NOCONFIG) > $(BIN)/completions/fwaudit.fish
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 $(BIN)/fwaudit $(DESTDIR)$(PREFIX)/bin/fwaudit
	install -m 0644 $(BIN)/man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 0644 $(BIN)/completions/fwaudit.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/fwaudit
	install -m 0644 $(BIN)/completions/_fwaudit $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_fwaudit
	install -m 0644 $(BIN)/completions/fwaudit.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/fwaudit.fish

uninstall: ## Remove what install put under $(DESTDIR)$(PREFIX)
	rm -f $(DESTDIR)$(PREFIX)/bin/fwaudit $(DESTDIR)$(PREFIX)/share/man/man1/fwaudit*.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/fwaudit \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_fwaudit \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/fwaudit.fish

.PHONY: help deps build demo test bench fuzz golden lint clean release checksums man install uninstall
