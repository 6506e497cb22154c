# mk/backends.mk - tests of the CSV, HTML and Markdown back ends.
#
#   make backends        golden CSV/HTML/Markdown, escaping, CSV read back
#                        against the JSON, validity (tidy, cmark-gfm); part
#                        of `make check`
#   make check-browser   the HTML in headless Chromium: DOM, printed PDF,
#                        screenshots in $(BUILD)/browser/; not part of
#                        `make check` (CI runs it on its own)

.PHONY: backends backends-golden-update check-browser

backends: $(GOALC)
	@sh scripts/install-deps.sh backends
	@sh tests/run-backends.sh $(GOALC)

check: backends

golden-update: backends-golden-update
backends-golden-update: $(GOALC)
	@GOLDEN_UPDATE=1 sh tests/run-backends.sh $(GOALC)

check-browser: $(GOALC)
	@sh tests/browser/run.sh $(GOALC) $(BUILD)/browser
