#!/bin/sh
# run-catalogue.sh - every diagnostic in compiler/diag/diag.def is documented in
# docs/diagnostics.md, every error and warning has a test that shows its
# code, and an example: a "- **CODE** **bad** … **good** …" line.
set -u
fail=0
for code in $(grep -o '^DIAG("[EWN][0-9]*"' compiler/diag/diag.def | grep -o '[EWN][0-9]*'); do
    if ! grep -q "| $code |" docs/diagnostics.md; then
        echo "FAIL: $code is not in docs/diagnostics.md"
        fail=1
    fi
    case $code in
    E* | W*)
        if ! grep -q "\[$code\]" tests/errors/*.err &&
            ! grep -q "$code" tests/run-cli.sh tests/run-stdlib.sh tests/run-input.sh tests/run-fmt.sh &&
            ! grep -q "\[$code\]" tests/import/*.err; then
            echo "FAIL: no test shows $code"
            fail=1
        fi
        if ! grep -q "^- \*\*$code\*\* \*\*bad\*\* .* \*\*good\*\* " docs/diagnostics.md; then
            echo "FAIL: $code has no bad and good example in docs/diagnostics.md"
            fail=1
        fi
        ;;
    esac
done
[ "$fail" -eq 0 ] && echo "catalogue: every diagnostic documented, tested and shown bad and good"
[ "$fail" -eq 0 ]
