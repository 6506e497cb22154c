# mk/fuzz.mk - the libFuzzer harness over the whole pipeline.
#
#   make fuzz [FUZZ_SECONDS=N]  build build/fuzz/fuzz_compile (clang, libFuzzer,
#                               ASan + UBSan) and fuzz for N seconds (default
#                               300), one job; new inputs go to
#                               build/fuzz/corpus, crashes to build/fuzz/crashes
#   make fuzz FUZZ_SEED=S FUZZ_RUNS=N
#                               a repeatable run: N inputs from random seed S
#                               (FUZZ_SECONDS still bounds it), what CI runs;
#                               fuzz-import and fuzz-lsp take the same two
#   make fuzz-import            fuzz goalc import's readers and the command
#                               (tests/fuzz/fuzz_import.c)
#   make fuzz-lsp               fuzz goalc lsp (tests/fuzz/fuzz_lsp.c): its message
#                               reader and the whole server, seeded with
#                               tests/fuzz/lsp-corpus, words from tests/fuzz/lsp.dict
#   make fuzz-replay            run the harness once over tests/fuzz/corpus and
#                               tests/regress (no fuzzing), and the import and lsp
#                               harnesses over their seeds; part of `make check`
#
# The harness is built in its own tree (BUILD=build/fuzz), like `make asan`:
# the library objects get coverage instrumentation (fuzzer-no-link), the
# harness itself links libFuzzer's main.  Includes in single-file inputs
# resolve against tests/errors, where the seeds' include targets live; an
# input with form feeds is several files in a temporary directory.

FUZZ_BUILD := build/fuzz
FUZZ_SECONDS ?= 300
# 0: libFuzzer picks a seed (a new search each time); empty FUZZ_RUNS: no count.
FUZZ_SEED ?= 0
FUZZ_RUNS ?=
FUZZ_FLAGS ?= -max_len=16384 -timeout=10 -rss_limit_mb=2048
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CORPUS := tests/fuzz/corpus
FUZZ_REGRESS := $(wildcard tests/regress)

.PHONY: fuzz fuzz-build fuzz-replay fuzz-import fuzz-lsp

# The harness binary, for the sub-make that runs with BUILD=build/fuzz.
# It links cli/output.c too: fmt -w in the harness writes through it.
$(BUILD)/fuzz_compile: tests/fuzz/fuzz_compile.c compiler/cli/output.c $(BUILD)/libgoalc.a \
    | $(DEPS_STAMP)
	$(CC) $(ALL_CFLAGS) $(WARN) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< compiler/cli/output.c \
	    $(BUILD)/libgoalc.a $(LDLIBS)

# goalc import's readers and the command (tests/fuzz/fuzz_import.c), which
# links cmd_import.c and what it needs of cli/.
FUZZ_IMPORT_CLI := compiler/cli/cmd_import.c compiler/cli/cli.c compiler/cli/output.c
$(BUILD)/fuzz_import: tests/fuzz/fuzz_import.c $(FUZZ_IMPORT_CLI) $(BUILD)/libgoalc.a \
    | $(DEPS_STAMP)
	$(CC) $(ALL_CFLAGS) $(WARN) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< $(FUZZ_IMPORT_CLI) \
	    $(BUILD)/libgoalc.a $(LDLIBS)

# goalc lsp's message reader, JSON, positions and server (tests/fuzz/fuzz_lsp.c).
$(BUILD)/fuzz_lsp: tests/fuzz/fuzz_lsp.c $(BUILD)/libgoalc.a | $(DEPS_STAMP)
	$(CC) $(ALL_CFLAGS) $(WARN) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< $(BUILD)/libgoalc.a $(LDLIBS)

fuzz-build: | $(DEPS_STAMP)
	@sh scripts/install-deps.sh fuzz
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=clang \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
	    LDFLAGS="$(FUZZ_SAN)" $(FUZZ_BUILD)/fuzz_compile $(FUZZ_BUILD)/fuzz_import \
	    $(FUZZ_BUILD)/fuzz_lsp

# make fuzz-import [FUZZ_SECONDS=N]: fuzz the import readers, seeded with
# tests/import's workbooks (each prefixed with the byte that picks the reader)
# and tests/fuzz/import-corpus (goalc's CSV of the examples and of tests/import,
# \001 indicators.csv \f funds.csv; findings kept there too).
fuzz-import: fuzz-build
	@mkdir -p $(FUZZ_BUILD)/import-corpus $(FUZZ_BUILD)/import-seeds $(FUZZ_BUILD)/crashes
	@for f in tests/import/*.xlsx; do { printf '\000'; cat "$$f"; } \
	    >$(FUZZ_BUILD)/import-seeds/$$(basename $$f); done
	$(FUZZ_BUILD)/fuzz_import $(FUZZ_FLAGS) -max_len=200000 -max_total_time=$(FUZZ_SECONDS) \
	    -seed=$(FUZZ_SEED) $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS)) \
	    -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/crashes/ \
	    $(FUZZ_BUILD)/import-corpus $(FUZZ_BUILD)/import-seeds tests/fuzz/import-corpus </dev/null

# make fuzz-lsp [FUZZ_SECONDS=N]: new inputs go to build/fuzz/lsp-corpus.
fuzz-lsp: fuzz-build
	@mkdir -p $(FUZZ_BUILD)/lsp-corpus $(FUZZ_BUILD)/crashes
	$(FUZZ_BUILD)/fuzz_lsp $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -seed=$(FUZZ_SEED) $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS)) \
	    -dict=tests/fuzz/lsp.dict -artifact_prefix=$(FUZZ_BUILD)/crashes/ \
	    $(FUZZ_BUILD)/lsp-corpus tests/fuzz/lsp-corpus </dev/null

# New inputs are written to build/fuzz/corpus (the first corpus directory);
# the checked-in seeds are read but never written.
fuzz: fuzz-build
	@mkdir -p $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/crashes
	cd tests/errors && $(CURDIR)/$(FUZZ_BUILD)/fuzz_compile $(FUZZ_FLAGS) \
	    -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -seed=$(FUZZ_SEED) $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS)) \
	    -dict=$(CURDIR)/tests/fuzz/goal.dict \
	    -artifact_prefix=$(CURDIR)/$(FUZZ_BUILD)/crashes/ \
	    $(CURDIR)/$(FUZZ_BUILD)/corpus $(addprefix $(CURDIR)/,$(FUZZ_CORPUS) $(FUZZ_REGRESS)) \
	    </dev/null

fuzz-replay: fuzz-build
	cd tests/errors && $(CURDIR)/$(FUZZ_BUILD)/fuzz_compile $(FUZZ_FLAGS) -runs=0 \
	    $(addprefix $(CURDIR)/,$(FUZZ_CORPUS) $(FUZZ_REGRESS)) </dev/null
	@mkdir -p $(FUZZ_BUILD)/import-seeds
	@for f in tests/import/*.xlsx; do { printf '\000'; cat "$$f"; } \
	    >$(FUZZ_BUILD)/import-seeds/$$(basename $$f); done
	$(FUZZ_BUILD)/fuzz_import -runs=0 -rss_limit_mb=2048 $(FUZZ_BUILD)/import-seeds \
	    tests/fuzz/import-corpus </dev/null
	$(FUZZ_BUILD)/fuzz_lsp -runs=0 -rss_limit_mb=2048 tests/fuzz/lsp-corpus </dev/null

check: fuzz-replay
