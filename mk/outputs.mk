# mk/outputs.mk - what goalc writes, and where (tests/run-outputs.sh).
#
#   make outputs-tests   write errors on every stream of every command, outputs
#                        that would overwrite each other or an input, file names
#                        that look like options or hold control characters,
#                        fmt -w's attributes and refusals, temporary files
#                        removed on failure and on SIGINT/SIGTERM; part of
#                        `make check`

.PHONY: outputs-tests

outputs-tests: $(GOALC)
	@sh tests/run-outputs.sh $(GOALC)

check: outputs-tests
