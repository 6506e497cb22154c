# mk/includes.mk - where 引用 may read and what it may show.
#
#   make includes   absolute paths, .., symbolic links and --include-root;
#                   files that are not goal tables never quoted in text,
#                   JSON or SARIF; part of `make check`

.PHONY: includes

includes: $(GOALC)
	@sh tests/run-includes.sh $(GOALC)

check: includes
