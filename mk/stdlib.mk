# mk/stdlib.mk - tests of the stdlib and of --stdlib DIR.
#
#   make stdlib   the stdlib compiles with no diagnostics; --stdlib with a
#                 copy of stdlib/ gives what the embedded copy gives; a
#                 stdlib without framework 2020 (E0401), a table in a stdlib
#                 file (E0311), an unreadable --stdlib (E0001); goalc from
#                 another directory; part of `make check`

.PHONY: stdlib

stdlib: $(GOALC)
	@sh tests/run-stdlib.sh $(GOALC)

check: stdlib
