# mk/import.mk - goalc import (docs/import.md): the libraries it links and
# its tests (tests/run-import.sh).
#
#   make import-tests    official-form workbooks (tests/import/*.xlsx, made by
#                        tests/import/make-fixtures.py) imported, compiled and
#                        compared with their expected JSON; goalc's CSV round
#                        trip for the examples and the golden files; hostile
#                        inputs; part of `make check`
#   make import-fixtures regenerate the workbooks (needs python3-openpyxl), and
#                        goalc's own workbooks edited (make-roundtrip-fixtures.py,
#                        make-formcheck-fixtures.py: its form sheets)

LDLIBS += -lzip -lexpat

.PHONY: import-tests import-fixtures import-golden-update

import-tests: $(GOALC)
	@sh tests/run-import.sh $(GOALC)

check: import-tests

import-fixtures: $(GOALC)
	@sh scripts/install-deps.sh import
	/usr/bin/python3 tests/import/make-fixtures.py tests/import
	/usr/bin/python3 tests/import/make-roundtrip-fixtures.py $(GOALC) tests/import
	/usr/bin/python3 tests/import/make-formcheck-fixtures.py $(GOALC) tests/import

golden-update: import-golden-update
import-golden-update: $(GOALC)
	@GOLDEN_UPDATE=1 sh tests/run-import.sh $(GOALC)
