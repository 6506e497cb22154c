#!/bin/sh
# run-catalogue.sh - every diagnostic in compiler/diag.def is documented in
# docs/diagnostics.md, and every error has a test that shows its code.
set -u
fail=0
for code in $(grep -o '^DIAG("[EWN][0-9]*"' compiler/diag.def | grep -o '[EWN][0-9]*'); do
    if ! grep -q "| $code |" docs/diagnostics.md; then
        echo "FAIL: $code is not in docs/diagnostics.md"
        fail=1
    fi
    case $code in
    E*)
        if ! grep -q "\[$code\]" tests/errors/*.err && ! grep -q "$code" tests/run-cli.sh; then
            echo "FAIL: no test shows $code"
            fail=1
        fi
        ;;
    esac
done
[ "$fail" -eq 0 ] && echo "catalogue: every diagnostic documented and tested"
[ "$fail" -eq 0 ]
