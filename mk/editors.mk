# mk/editors.mk - the editor files, the manual page and the shell completions
# (docs/editors.md).
#
#   make editors          the generated word lists current (scripts/gen-editors.py),
#                         the Vim syntax in headless Neovim, bash and zsh completion,
#                         the man page (mandoc -Tlint, every option), goalc help,
#                         make install/uninstall into a DESTDIR; part of `make check`
#   make editors-grammar  the VS Code grammar on every example, golden input and
#                         stdlib file with vscode-textmate (npm ci); part of `make check`
#   make vsix             build/goal-VERSION.vsix, the VS Code extension (npm ci, vsce)
#   make vsix-test        the .vsix holds what it should; part of `make check`
#   make editors-update   rewrite the generated word lists after keyword.def,
#                         diag.def, main.c or the stdlib changed
#
# npm installs from editors/vscode/package-lock.json only (npm ci), into
# build/vscode/, never into the source tree.

.PHONY: editors editors-grammar editors-update vsix vsix-test

VSCODE_BUILD := $(BUILD)/vscode
VSCODE_VERSION := $(shell sed -n 's/^  "version": "\(.*\)",/\1/p' editors/vscode/package.json)
VSIX := $(BUILD)/goal-$(VSCODE_VERSION).vsix
VSCODE_FILES := package.json package-lock.json README.md extension.js language-configuration.json \
                .vscodeignore syntaxes/goal.tmLanguage.json

editors: $(GOALC)
	@sh scripts/install-deps.sh editors
	@sh tests/run-editors.sh $(GOALC)

editors-update:
	python3 scripts/gen-editors.py

# The extension's sources and node_modules, as npm ci makes them from the lock file.
$(BUILD)/.vscode-npm-ok: editors/vscode/package.json editors/vscode/package-lock.json
	@sh scripts/install-deps.sh node
	@mkdir -p $(VSCODE_BUILD)
	cp editors/vscode/package.json editors/vscode/package-lock.json $(VSCODE_BUILD)/
	cd $(VSCODE_BUILD) && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

editors-grammar: $(BUILD)/.vscode-npm-ok
	@mkdir -p $(BUILD)/editors
	@python3 tests/editors/expect.py examples/*.goal tests/golden/*.goal stdlib/*.goal tests/editors/*.goal \
	    > $(BUILD)/editors/expectations.tsv
	@NODE_PATH=$(abspath $(VSCODE_BUILD))/node_modules node tests/editors/grammar.js \
	    $(BUILD)/editors/expectations.tsv

$(VSIX): $(BUILD)/.vscode-npm-ok $(addprefix editors/vscode/,$(VSCODE_FILES))
	@mkdir -p $(VSCODE_BUILD)/syntaxes
	cd editors/vscode && cp $(VSCODE_FILES) $(abspath $(VSCODE_BUILD))/ --parents
	cd $(VSCODE_BUILD) && ./node_modules/.bin/vsce package --skip-license --allow-missing-repository \
	    --out $(abspath $@)

vsix: $(VSIX)

vsix-test: $(VSIX)
	@sh tests/run-vsix.sh $(VSIX)

check: editors editors-grammar vsix-test
