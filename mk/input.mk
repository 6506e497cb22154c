# mk/input.mk - reading input (tests/run-input.sh).
#
#   make input      pipes of every size around the powers of two through
#                   check, fmt - and diff -; /proc files; FIFOs and devices
#                   in --stdlib DIR; GB18030 files detected (E0020) and
#                   read with --encoding gb18030 (E0021); part of
#                   `make check`

.PHONY: input

input: $(GOALC)
	@sh tests/run-input.sh $(GOALC)

check: input
