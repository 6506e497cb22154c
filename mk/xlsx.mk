# mk/xlsx.mk - tests of the XLSX back end (tests/run-xlsx.sh, docs/xlsx.md).
#
#   make xlsx-tests      openpyxl reads the workbooks of the examples and the
#                        golden cases back against their CSV, JSON and HTML;
#                        no formulas, exact decimals, sheet names, the same
#                        bytes every time, atomic writes, make demo's
#                        tables.xlsx; part of `make check`
#   make check-office    LibreOffice converts the examples' workbook to PDF
#                        and CSV: every indicator in the PDF's text, no tofu;
#                        not part of `make check` (CI runs it on its own)

.PHONY: xlsx-tests check-office

xlsx-tests: $(GOALC)
	@sh scripts/install-deps.sh xlsx
	@sh tests/run-xlsx.sh $(GOALC)

check: xlsx-tests

check-office: $(GOALC)
	@sh scripts/install-deps.sh office
	@sh tests/xlsx/run-office.sh $(GOALC) $(BUILD)/office
