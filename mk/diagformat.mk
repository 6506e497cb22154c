# mk/diagformat.mk - tests of --diagnostics-format json|sarif.
#
#   make diagformat   JSON Lines checked against the expected diagnostics of
#                     tests/errors, SARIF validated against the SARIF 2.1.0
#                     schema (tests/schema/); part of `make check`
#
# The module's unit test (tests/unit/test_diag_format.c) runs with `make unit`.

.PHONY: diagformat

diagformat: $(GOALC)
	@sh scripts/install-deps.sh test
	@sh tests/run-diagformat.sh $(GOALC)

check: diagformat
