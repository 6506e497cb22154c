# mk/lsp.mk - goalc lsp, the language server (docs/lsp.md).
#
#   make lsp-tests  tests/run-lsp.sh: a scripted JSON-RPC session over every
#                   feature and malformed input, then Neovim headless set up
#                   with editors/vim/lsp.lua alone; part of `make check`
#                   (neovim and python3 from install-deps.sh lsp)

.PHONY: lsp-tests

lsp-tests: $(GOALC)
	@sh scripts/install-deps.sh lsp
	@sh tests/run-lsp.sh $(GOALC)

check: lsp-tests
