# mk/oom.mk - out of memory is an outcome, never a crash.
#
#   make oom   tests/run-oom.sh: goalc built with -DGOALC_FAULT_INJECTION
#              (build/oom) fails the Nth arena allocation, and an LD_PRELOAD
#              shim the Nth malloc, for every N until the command succeeds;
#              each run must exit 2 with "out of memory" and write nothing.
#              Part of `make check`.

.PHONY: oom

OOM_BUILD := $(BUILD)/oom

$(OOM_BUILD)/failmalloc.so: tests/oom/failmalloc.c
	@mkdir -p $(OOM_BUILD)
	$(CC) -O2 -shared -fPIC -o $@ $<

oom: $(OOM_BUILD)/failmalloc.so | $(DEPS_STAMP)
	$(MAKE) BUILD=$(OOM_BUILD) CFLAGS="-O1 -g -DGOALC_FAULT_INJECTION" $(OOM_BUILD)/goalc
	@sh tests/run-oom.sh $(OOM_BUILD)/goalc $(OOM_BUILD)/failmalloc.so

check: oom
