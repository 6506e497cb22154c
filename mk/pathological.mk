# mk/pathological.mk - hostile and oversized inputs under time and memory bounds.
#
#   make pathological   tests/run-pathological.sh: 100000-deep nesting, 10 MB
#                       lines and strings, 100000 indicators, bad UTF-8, NULs,
#                       includes of FIFOs and devices, CR line ends, outputs
#                       equal under several locales; part of `make check`
#
# PATHO_TIME and PATHO_MEM_KB bound each case (see the script); PATHO_VERBOSE=1
# prints each case's time and peak RSS.

.PHONY: pathological

pathological: $(GOALC)
	@sh tests/run-pathological.sh $(GOALC)

check: pathological
