# mk/diff.mk - tests of `goalc diff` (docs/diff.md).
#
#   make diff-tests   the two examples with known edits: each real change
#                     reported and classified, noise ignored, text/markdown/
#                     json, exit statuses, stdin and REV:PATH through git;
#                     part of `make check`

.PHONY: diff-tests

diff-tests: $(GOALC)
	@sh tests/run-diff.sh $(GOALC)

check: diff-tests
