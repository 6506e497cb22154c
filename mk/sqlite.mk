# mk/sqlite.mk - tests of the SQLite back end (tests/run-sqlite.sh).
#
#   make sqlite-tests    the reviewer queries of docs/sqlite.md against the
#                        examples' database (and those of
#                        tests/sqlite/constructs/ against the database of
#                        the files that write 履职, 进度, 计算, 栏), the
#                        schema as documented,
#                        foreign keys, the database against the JSON, the
#                        same bytes every time, atomic writes, make demo's
#                        tables.db; part of `make check`

.PHONY: sqlite-tests sqlite-golden-update

sqlite-tests: $(GOALC)
	@sh scripts/install-deps.sh sqlite
	@sh tests/run-sqlite.sh $(GOALC)

check: sqlite-tests

golden-update: sqlite-golden-update
sqlite-golden-update: $(GOALC)
	@GOLDEN_UPDATE=1 sh tests/run-sqlite.sh $(GOALC)
