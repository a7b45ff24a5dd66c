# nianbao make targets. `make run` and `make test` are the README's two set-up commands.
SWIFT ?= swift
BIN := .build/release/nianbao
STAGE ?= validate
FILE ?=

.PHONY: deps build run full rerun one test bench bench-instructions clean rules

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build -c release

## run: incremental run over pipeline.json's input (data/ by default) into out/
run: build
	$(BIN) run

## full: ignore the incremental state and re-extract everything
full: build
	$(BIN) run --full-refresh

## rerun STAGE=validate: re-run from a stage on cached extractions (e.g. after changing rules)
rerun: build
	$(BIN) run --from-stage $(STAGE)

## one FILE=path: process one report and print its tables and rejects
one: build
	@test -n "$(FILE)" || (echo "usage: make one FILE=path/to/report.txt" >&2; exit 64)
	$(BIN) one "$(FILE)"

rules: build
	$(BIN) rules

## test: unit, golden and end-to-end tests (outputs read back with pyarrow, DuckDB and polars)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## bench: release build, synthetic archives of 10,000 and 100,000 reports (cached in $$NIANBAO_BENCH_DIR,
## default /tmp/nianbao-bench), cold / incremental / 1%-changed runs against the `cat` anchor and a fixed zlib
## workload on every core (the machine's speed that day), CPU µs per
## report of each stage on one thread, the instructions a report takes (callgrind, when valgrind is installed:
## the one figure the machine's speed does not move), then the Parquet writer against pyarrow on 1,000,000 rows.
## BENCH_ARGS="--sizes 10000 --repeat 1" for a quick variant (cold runs are repeated 3 times by default).
BENCH_ARGS ?=
BENCH_DIR ?= $(or $(NIANBAO_BENCH_DIR),/tmp/nianbao-bench)
bench: build
	python3 scripts/bench.py $(BENCH_ARGS)
	.build/release/stage-bench $(BENCH_DIR)/archive-10000 --limit 2000 --repeat 3
	@$(MAKE) --no-print-directory bench-instructions
	$(SWIFT) build -c release --product parquet-bench
	python3 scripts/bench_writer.py .build/release/parquet-bench

## bench-instructions: instructions a report takes in `stage-bench` over the first 1,000 reports of the 10,000-report
## archive (callgrind, about a minute; skipped without valgrind). Unlike times, the figure does not move with the machine.
bench-instructions: build
	@if command -v valgrind >/dev/null 2>&1; then \
	  valgrind --tool=callgrind --callgrind-out-file=$(BENCH_DIR)/stage-bench.callgrind \
	    .build/release/stage-bench $(BENCH_DIR)/archive-10000 --limit 1000 --repeat 1 >/dev/null 2>&1 \
	  && callgrind_annotate $(BENCH_DIR)/stage-bench.callgrind | awk '/PROGRAM TOTALS/ { gsub(",", "", $$1); \
	    printf "stage-bench: %.3f million instructions a report over the first 1,000 reports (callgrind; the same on any day)\n", $$1 / 1e9 }'; \
	else echo "stage-bench instructions: skipped (valgrind is not installed)"; fi

clean:
	rm -rf out out.staging out.previous .nianbao
