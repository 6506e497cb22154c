# goalc - one non-recursive Makefile.  Everything is built out of tree in build/.
#
#   make            build build/goalc
#   make demo       compile every example into out/ in every format (and out/tables.db)
#   make check      run every test (unit, golden, errors, schema, layers…)
#   make asan       the unit and golden tests under ASan + UBSan
#   make install    PREFIX=/usr/local DESTDIR= (goalc, its man page, bash and zsh completions)
#
# Missing build tools (flex, bison, cmocka, utf8proc) are installed by
# scripts/install-deps.sh through the system package manager.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
CC ?= cc
BUILD ?= build

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wswitch-enum -Wformat=2 -Wvla -Werror
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_XOPEN_SOURCE=700 $(CFLAGS) -MMD -MP -Icompiler -I$(BUILD)
# Generated scanner and parser: our flags minus what flex/bison output cannot meet.
GEN_CFLAGS := $(ALL_CFLAGS) -Wall -Wextra -Werror -Wno-unused-function -Wno-sign-compare \
              -Wno-unused-parameter
LDLIBS := -lutf8proc -lsqlite3 -lxlsxwriter
# goalc lsp: the protocol's JSON (compiler/lsp/lsp_json.c, docs/lsp.md).
LDLIBS += -lcjson

# compiler/ has a folder per layer (README, "Layout"); compiler/cli/ is the
# command, everything else is libgoalc.a, which the unit tests and the fuzz
# harness link too.
LAYERS := base diag model front sema emit review
# compiler/platform/: one implementation per OS family (posix, windows: make dist).
PLATFORM ?= posix
MAIN_SRCS := $(wildcard compiler/cli/*.c)
CORE_SRCS := compiler/platform/platform_$(PLATFORM).c \
             $(foreach l,$(LAYERS),$(wildcard compiler/$(l)/*.c)) compiler/driver.c \
             $(wildcard compiler/lsp/*.c)
CORE_OBJS := $(CORE_SRCS:compiler/%.c=$(BUILD)/%.o) $(BUILD)/lexer.o $(BUILD)/parser.o \
             $(BUILD)/stdlib_files.o
STDLIB := $(sort $(wildcard stdlib/*.goal))
MAIN_OBJS := $(MAIN_SRCS:compiler/%.c=$(BUILD)/%.o)
GOALC := $(BUILD)/goalc

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

EXAMPLES := $(wildcard examples/*.goal)
FORMATS := json csv html md sqlite xlsx

.PHONY: all deps demo check unit golden errors schema cli docs-examples catalogue layers unicode-tables asan valgrind install uninstall clean golden-update format
all: $(GOALC)

# --- dependencies -----------------------------------------------------------
DEPS_STAMP := $(BUILD)/.deps-ok
deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/install-deps.sh
	@mkdir -p $(BUILD)
	@sh scripts/install-deps.sh build
	@touch $@

# --- generated front end ----------------------------------------------------
# grammar/parser.y with the keywords' tokens from keyword.def (bison has no include).
$(BUILD)/parser.y: grammar/parser.y compiler/model/keyword.def scripts/gen-parser.sh
	@mkdir -p $(BUILD)
	sh scripts/gen-parser.sh compiler/model/keyword.def grammar/parser.y $@
# One run makes both files (&:): two parallel runs would race on them.
$(BUILD)/parser.c $(BUILD)/parser.h &: $(BUILD)/parser.y | $(DEPS_STAMP)
	bison -Wall -Werror --defines=$(BUILD)/parser.h -o $(BUILD)/parser.c $<

# -Cf: uncompressed tables, about twice as fast as the default (-8: every byte value).
FLEX_FLAGS = -8 -Cf
$(BUILD)/lexer.c $(BUILD)/lexer.h &: grammar/lexer.l | $(DEPS_STAMP)
	flex $(FLEX_FLAGS) --header-file=$(BUILD)/lexer.h -o $(BUILD)/lexer.c $<

$(BUILD)/lexer.o: $(BUILD)/lexer.c $(BUILD)/parser.h
	$(CC) $(GEN_CFLAGS) -c -o $@ $<
$(BUILD)/parser.o: $(BUILD)/parser.c $(BUILD)/parser.h $(BUILD)/lexer.h
	$(CC) $(GEN_CFLAGS) -c -o $@ $<

# The stdlib's sources, compiled into the binary.
$(BUILD)/stdlib_files.c: $(STDLIB) scripts/embed-stdlib.sh
	@mkdir -p $(BUILD)
	sh scripts/embed-stdlib.sh $@ $(STDLIB)
$(BUILD)/stdlib_files.o: $(BUILD)/stdlib_files.c compiler/stdlib_files.h
	$(CC) $(ALL_CFLAGS) $(WARN) -Wno-missing-prototypes -c -o $@ $<

# The GB18030 table, from the build machine's iconv (a host program, also
# when cross-compiling: the table is the same for every target).
HOST_CC ?= cc
$(BUILD)/gen-gb18030: scripts/gen-gb18030.c
	@mkdir -p $(BUILD)
	$(HOST_CC) -O2 -o $@ $<
$(BUILD)/gb18030.h: $(BUILD)/gen-gb18030
	$(BUILD)/gen-gb18030 >$@.tmp && mv $@.tmp $@
$(BUILD)/base/transcode.o: $(BUILD)/gb18030.h

# --- the compiler -----------------------------------------------------------
$(BUILD)/%.o: compiler/%.c $(BUILD)/parser.h $(BUILD)/lexer.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(WARN) -c -o $@ $<

$(BUILD)/libgoalc.a: $(CORE_OBJS)
	$(AR) rcs $@ $^

$(GOALC): $(MAIN_OBJS) $(BUILD)/libgoalc.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# --- demo -------------------------------------------------------------------
# DEMO_OUT: where (tests/run-sqlite.sh runs it elsewhere).
DEMO_OUT ?= out
demo: $(GOALC)
	@mkdir -p $(DEMO_OUT)
	$(GOALC) build --format $(subst $(space),$(comma),$(FORMATS)) -o $(DEMO_OUT)/ $(EXAMPLES)
	@ls -l $(DEMO_OUT)/

comma := ,
space := $(empty) $(empty)

# --- tests ------------------------------------------------------------------
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libgoalc.a | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(WARN) -Wno-missing-prototypes -o $@ $< $(BUILD)/libgoalc.a \
	    $(LDLIBS) -lcmocka -lpthread

unit: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do echo "== $$t"; $$t || exit 1; done

golden: $(GOALC)
	@sh tests/run-golden.sh $(GOALC)

errors: $(GOALC)
	@sh tests/run-errors.sh $(GOALC)

schema: $(GOALC)
	@sh scripts/install-deps.sh test
	@sh tests/run-schema.sh $(GOALC)

cli: $(GOALC)
	@sh tests/run-cli.sh $(GOALC)

docs-examples: $(GOALC)
	@sh tests/run-doc-examples.sh $(GOALC)

catalogue:
	@sh tests/run-catalogue.sh

# The tables generated from Unicode (pinyin, ambiguous widths) against their
# sources, and the look-alike table.
unicode-tables:
	@sh scripts/install-deps.sh tables
	@sh tests/run-unicode-tables.sh

# Each layer of compiler/ includes only the layers below it (README, "Layout").
layers:
	@sh tests/run-layers.sh

check: unit golden errors schema cli docs-examples catalogue layers unicode-tables
	@echo "all tests passed"

golden-update: $(GOALC)
	@GOLDEN_UPDATE=1 sh tests/run-golden.sh $(GOALC)
	@GOLDEN_UPDATE=1 sh tests/run-errors.sh $(GOALC)

# Sanitizer build: a separate tree, the same tests.
asan: | $(DEPS_STAMP)
	$(MAKE) BUILD=build/asan CC=clang \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=address,undefined" \
	    unit golden errors cli docs-examples backends diagformat diff-tests fmt-test git-tests \
	    parallel stdlib outputs-tests input includes sqlite-tests xlsx-tests import-tests lsp-tests

# valgrind over the unit tests and the command (a plain -O1 build, no sanitizers).
valgrind: | $(DEPS_STAMP)
	@sh scripts/install-deps.sh valgrind
	$(MAKE) BUILD=build/valgrind CFLAGS="-O1 -g" $(addprefix build/valgrind/tests/,$(notdir $(UNIT_BINS))) build/valgrind/goalc
	@sh tests/run-valgrind.sh build/valgrind

format:
	clang-format -i compiler/*.[ch] compiler/*/*.[ch] tests/unit/*.c

# The command, its manual page and its bash and zsh completions (docs/editors.md).
install: $(GOALC)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(GOALC) $(DESTDIR)$(BINDIR)/goalc
	install -m 644 man/goalc.1 $(DESTDIR)$(MANDIR)/man1/goalc.1
	install -m 644 editors/completion/goalc.bash $(DESTDIR)$(BASHCOMPDIR)/goalc
	install -m 644 editors/completion/_goalc $(DESTDIR)$(ZSHCOMPDIR)/_goalc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/goalc $(DESTDIR)$(MANDIR)/man1/goalc.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/goalc $(DESTDIR)$(ZSHCOMPDIR)/_goalc

clean:
	rm -rf build out

# Further targets of one subsystem each (back ends, benchmarks…).
include $(wildcard mk/*.mk)

-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d)
