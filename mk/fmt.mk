# mk/fmt.mk - tests of goalc fmt.
#
#   make fmt-test   fmt keeps the meaning and the comments of every error-free
#                   file in the repository, is idempotent, --check and -w;
#                   part of `make check`

.PHONY: fmt-test

fmt-test: $(GOALC)
	@sh tests/run-fmt.sh $(GOALC)

check: fmt-test
