# mk/messages.mk - every message of compiler/ comes from a catalogue.
#
#   make messages   tests/run-messages.sh: no English/Chinese literal pair,
#                   language branch or CJK literal outside diag/diag.def and
#                   diag/phrase.def (but the allowlisted vocabulary), and the
#                   checker fails on tests/messages/bad/; part of `make check`

.PHONY: messages

messages:
	@sh tests/run-messages.sh

check: messages
