#!/bin/sh
# run-oom.sh GOALC_FI SHIM - out of memory is an outcome, never a crash.
#
# GOALC_FI is goalc built with -DGOALC_FAULT_INJECTION: GOALC_FAIL_ALLOC=N
# makes the Nth arena allocation of the process fail.  SHIM is
# tests/oom/failmalloc.c built as a shared object: preloaded, with
# GOALC_FAIL_MALLOC=N it makes the Nth malloc/calloc/realloc fail, libc's
# own included.  For each command below and each N from 1 until the
# command succeeds, the run must exit 2 (never a signal), say "out of
# memory" (or the system's "Cannot allocate memory" for a file it could
# not open), and leave the output file as it was.  The JSON build of an
# example tries every N; the other commands every OOM_STRIDE-th (default
# 29) N of the arena, and every N of malloc.  Warnings are off (-w): they
# are not what is tested, and printing them is most of a run's time.
set -u
. "$(dirname "$0")/lib.sh"
goalc=$(lib_abs "$1") shim=$(lib_abs "$2")
root=$(cd "$(dirname "$0")/.." && pwd)
stride=${OOM_STRIDE:-29}
example=$root/examples/wangcheng-health-2023.goal
lib_tmpdir oom
cd "$tmp" || exit 2
cp "$example" old.goal
sed 's/不断提高/有所提高/' "$example" >new.goal

# sweep LABEL VAR STEP OUTPUT COMMAND...: runs COMMAND with VAR=1, 1+STEP, ...
# until it succeeds (exits 0, or 1 when ok1 is set: diff's "they differ").
# OUTPUT is a file the command writes, created beforehand with other
# content that must still be there whenever the run fails; =FILE is a file
# the command rewrites in place, which must then still equal old.goal; -
# is none.
sweep() {
    label=$1 var=$2 every=$3 output=$4
    shift 4
    n=1 bad=0 runs=0
    while [ $n -lt 100000 ]; do
        case $output in
        -) ;;
        =*) cp old.goal "${output#=}" ;;
        *)
            rm -rf "$output"
            mkdir -p "$(dirname "$output")"
            echo previous >"$output"
            ;;
        esac
        env "$var=$n" "$@" >out.txt 2>err.txt
        rc=$?
        runs=$((runs + 1))
        [ $rc = 0 ] && break
        [ $rc = 1 ] && [ -n "${ok1:-}" ] && break
        why=""
        if [ $rc != 2 ]; then
            why="exit $rc"
        elif ! grep -q -e 'out of memory' -e '内存不足' -e 'Cannot allocate memory' err.txt; then
            why="no out-of-memory message"
        else
            case $output in
            -) ;;
            =*) cmp -s old.goal "${output#=}" || why="${output#=} was rewritten" ;;
            *) [ "$(cat "$output" 2>/dev/null)" = previous ] || why="$output was written" ;;
            esac
        fi
        if [ -n "$why" ]; then
            [ $bad -lt 3 ] && { echo "FAIL: $label, $var=$n: $why"; sed 's/^/    /' err.txt | tail -3; }
            bad=$((bad + 1))
        fi
        n=$((n + every))
    done
    if [ $rc != 0 ] && { [ $rc != 1 ] || [ -z "${ok1:-}" ]; }; then
        echo "FAIL: $label never succeeded"
        bad=$((bad + 1))
    fi
    if [ $bad = 0 ]; then
        pass=$((pass + 1))
        [ "${OOM_VERBOSE:-}" = 1 ] && echo "ok: $label ($runs runs, succeeded at $var=$n)"
    else
        fail=$((fail + 1))
        echo "FAIL: $label: $bad of $runs runs"
    fi
}

fi="$goalc"
pre="env LD_PRELOAD=$shim $goalc"
for kind in arena malloc; do
    if [ $kind = arena ]; then var=GOALC_FAIL_ALLOC cmd=$fi; else var=GOALC_FAIL_MALLOC cmd=$pre; fi
    json_step=1 step=$stride
    [ $kind = malloc ] && step=1
    sweep "$kind: build json" $var $json_step out.json $cmd build -w -j 1 --format json -o out.json old.goal
    sweep "$kind: build html" $var $step out.html $cmd build -w -j 1 --format html -o out.html old.goal
    sweep "$kind: build csv" $var $step csv/indicators.csv $cmd build -w -j 1 --format csv -o csv old.goal
    sweep "$kind: build sqlite" $var $step db/tables.db $cmd build -w -j 1 --format sqlite -o db/tables.db old.goal
    sweep "$kind: check, Chinese, SARIF" $var $step - $cmd check -j 1 --lang zh --diagnostics-format sarif old.goal
    sweep "$kind: build -j 2, two files into one CSV" $var $step csv2/indicators.csv \
        $cmd build -w -j 2 --format csv -o csv2 old.goal new.goal
    sweep "$kind: fmt" $var $step - $cmd fmt old.goal
    sweep "$kind: fmt -w" $var $step =fmt.goal $cmd fmt -w fmt.goal
    ok1=1
    sweep "$kind: diff" $var $step - $cmd diff --format markdown old.goal new.goal
    ok1=
done

lib_summary oom
