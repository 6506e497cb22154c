# mk/parallel.mk - goalc -j: many inputs compiled at once.
#
#   make parallel   tests/run-parallel.sh: -j 1 and -j 2 (and -j 8) give the
#                   same stdout, stderr, exit status and output files on a
#                   set of inputs including ones with errors; part of
#                   `make check`
#
# compiler/cli/jobs.c uses POSIX threads (in libc on glibc 2.34 and later).

LDLIBS += -pthread

.PHONY: parallel

parallel: $(GOALC)
	@sh tests/run-parallel.sh $(GOALC)

check: parallel
