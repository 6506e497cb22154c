# goalc inside git: the external diff driver and textconv (tests/run-git.sh).
.PHONY: git-tests
git-tests: $(GOALC)
	@sh tests/run-git.sh $(GOALC)
check: git-tests
