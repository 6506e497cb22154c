# mk/bench.mk - speed and memory.
#
#   make bench      bench/run.sh: generated corpora of BENCH_SIZES megabytes
#                   (default "1 10 100"), check and build to every format on
#                   one core, against wc -l and jq; -j 1 against -j 2 on the
#                   corpus split into files; goalc lsp's time from a
#                   didChange to its diagnostics (bench/lsp.py).  Not part
#                   of `make check`.
#
# BENCH_RUNS (best of, default 3), BENCH_SPLIT_MB, BENCH_SPLIT_FILES: see
# bench/run.sh.  Work files go to $(BUILD)/bench.

.PHONY: bench

bench: $(GOALC)
	@sh scripts/install-deps.sh bench
	@sh bench/run.sh $(GOALC) $(BUILD)/bench
