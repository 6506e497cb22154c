#!/bin/sh
# bench/run.sh GOALC [WORKDIR] - how fast goalc is, and how much memory it takes.
#
# For each size in BENCH_SIZES (megabytes of source, default "1 10 100") it
# generates a corpus with bench/gen.py (deterministic; kept in WORKDIR,
# default build/bench, and reused while gen.py is unchanged), checks that it
# compiles without errors, and measures on one core (taskset -c 0 when there
# is taskset):
#   wc -l              reading the bytes: the floor
#   check              parse and check
#   build FORMAT       check, then write json, csv, html, md, sqlite (to files;
#                      sqlite: the one database, out/tables.db)
#   build json-noloc   build --format json --json-locations none
#   jq -c .            parsing the JSON goalc wrote for the same corpus: what a
#                      team keeping its tables as JSON would run to read them
# Each row gives the wall time (date +%s%N around /usr/bin/time; best of BENCH_RUNS, default 3, one run from
# 100 MB up), MB/s of source, indicators/s, peak RSS and its ratio to the
# source size, and the time relative to wc -l and to jq.  A second table
# shows how time grows with size, and a third the corpus of BENCH_SPLIT_MB
# (default 10) megabytes split into BENCH_SPLIT_FILES (default 64) files,
# checked and built with -j 1 and -j 2 (no pinning: -j 2 needs two cores;
# best of BENCH_RUNS + 2).
set -eu
goalc=$1
work=${2:-build/bench}
sizes=${BENCH_SIZES:-1 10 100}
runs=${BENCH_RUNS:-3}
split_mb=${BENCH_SPLIT_MB:-10}
split_files=${BENCH_SPLIT_FILES:-64}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
results=$work/results.txt
: >"$results"
: >"$work/sizes.txt"

pin=""
command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null && pin="taskset -c 0"
if [ ! -x /usr/bin/time ]; then
    echo "bench: /usr/bin/time is needed for peak RSS (apt-get install time)" >&2
    exit 2
fi
have_jq=1
command -v jq >/dev/null 2>&1 || have_jq=0

# measure LABEL SIZE_MB INDICATORS PIN COMMAND... : best wall time of the runs
# and the peak RSS of that run, appended to the results as one line.
measure() {
    label=$1 mb=$2 ind=$3 p=$4
    shift 4
    n=$runs
    [ "${mb%.*}" -ge 100 ] 2>/dev/null && n=1
    best=""
    i=0
    while [ $i -lt "$n" ]; do
        start=$(date +%s%N)
        # shellcheck disable=SC2086
        /usr/bin/time -f '%M' -o "$work/usage" $p "$@" >/dev/null 2>"$work/stderr" || {
            echo "bench: $label failed:" >&2
            tail -5 "$work/stderr" >&2
            exit 1
        }
        end=$(date +%s%N)
        line="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') $(tail -1 "$work/usage")"
        best=$(printf '%s\n%s\n' "$best" "$line" | awk 'NF == 2' | sort -n | head -1)
        i=$((i + 1))
    done
    echo "$mb $label $ind $best" >>"$results"
}

for mb in $sizes; do
    corpus=$work/corpus-$mb.goal
    meta=$work/corpus-$mb.meta
    if [ ! -s "$corpus" ] || [ ! -s "$meta" ] || [ "$here/gen.py" -nt "$corpus" ]; then
        echo "bench: generating $mb MB" >&2
        python3 "$here/gen.py" "$mb" -o "$corpus" 2>"$meta"
    fi
    ind=$(sed -n 's/.* \([0-9]*\) indicators$/\1/p' "$meta")
    bytes=$(wc -c <"$corpus")
    if ! "$goalc" check "$corpus" 2>"$work/check.err"; then
        echo "bench: the $mb MB corpus does not compile:" >&2
        grep 'error\[' "$work/check.err" | head -5 >&2
        exit 1
    fi
    echo "bench: $mb MB ($bytes bytes, $ind indicators)" >&2
    out=$work/out-$mb
    rm -rf "$out" && mkdir -p "$out"
    measure "wc -l" "$mb" "$ind" "$pin" wc -l "$corpus"
    measure "check" "$mb" "$ind" "$pin" "$goalc" check "$corpus"
    for f in json csv html md sqlite; do
        measure "build $f" "$mb" "$ind" "$pin" "$goalc" build --format $f -o "$out/" "$corpus"
    done
    measure "build json-noloc" "$mb" "$ind" "$pin" "$goalc" build --format json \
        --json-locations none -o "$out/noloc.json" "$corpus"
    echo "$mb $bytes $(wc -c <"$out/corpus-$mb.json") $(wc -c <"$out/noloc.json")" >>"$work/sizes.txt"
    if [ $have_jq = 1 ]; then
        measure "jq -c ." "$mb" "$ind" "$pin" jq -c . "$out/corpus-$mb.json"
    fi
    rm -rf "$out"
done

# --- the tables -------------------------------------------------------------
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
echo "goalc $("$goalc" --version 2>/dev/null | sed 's/^goalc //'), ${cpu:-unknown CPU}," \
    "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores online, ${pin:-not pinned}"
awk -v jq=$have_jq '
function mbps(mb, t) { return t > 0 ? sprintf("%.1f", mb / t) : "-" }
{
    mb = $1; t = $(NF - 1); rss = $NF; ind = $(NF - 2)
    label = $2; for (i = 3; i < NF - 2; i++) label = label " " $i
    key = mb SUBSEP label
    T[key] = t; R[key] = rss; I[mb] = ind
    if (!(mb in seen)) { seen[mb] = 1; sizes[++ns] = mb }
    if (!(label in lseen)) { lseen[label] = 1; labels[++nl] = label }
}
END {
    printf "%-8s %-16s %9s %9s %12s %9s %8s %8s %8s\n", "source", "command", "wall s", "MB/s",
        "indicators/s", "RSS MB", "RSS/src", "x wc -l", "jq/this"
    for (s = 1; s <= ns; s++) {
        mb = sizes[s]
        for (l = 1; l <= nl; l++) {
            key = mb SUBSEP labels[l]
            if (!(key in T)) continue
            t = T[key]; wc = T[mb SUBSEP "wc -l"]; j = T[mb SUBSEP "jq -c ."]
            printf "%-8s %-16s %9.3f %9s %12s %9.1f %8.2f %8s %8s\n", mb " MB", labels[l], t,
                mbps(mb, t), (t > 0 ? sprintf("%.0f", I[mb] / t) : "-"), R[key] / 1024,
                R[key] / 1024 / mb, (wc > 0 ? sprintf("%.1f", t / wc) : "-"),
                (j > 0 && t > 0 && labels[l] != "jq -c ." && labels[l] != "wc -l") ? sprintf("%.1f", j / t) : "-"
        }
    }
    if (ns > 1) {
        printf "\ngrowth of the time with the size (linear: the size ratio)\n"
        printf "%-16s", "command"
        for (s = 2; s <= ns; s++) printf " %16s", sizes[s - 1] "->" sizes[s] " MB (x" sizes[s] / sizes[s - 1] ")"
        printf "\n"
        for (l = 1; l <= nl; l++) {
            printf "%-16s", labels[l]
            for (s = 2; s <= ns; s++) {
                a = T[sizes[s - 1] SUBSEP labels[l]]; b = T[sizes[s] SUBSEP labels[l]]
                printf " %16s", (a > 0 ? sprintf("x%.1f", b / a) : "-")
            }
            printf "\n"
        }
    }
}' "$results"

# The JSON's size against the source's, with and without locations.
printf '\nJSON size          with locations           --json-locations none\n'
awk '{ printf "%-8s %10.1f MB %6.2fx the source %10.1f MB %6.2fx the source\n", $1 " MB",
       $3 / 1048576, $3 / $2, $4 / 1048576, $4 / $2 }' "$work/sizes.txt"

# --- many files, -j 1 against -j 2 ---------------------------------------------
if [ "$split_files" -gt 0 ]; then
    dir=$work/split-$split_mb-$split_files
    if [ ! -d "$dir" ] || [ "$here/gen.py" -nt "$dir" ]; then
        rm -rf "$dir"
        python3 "$here/gen.py" "$split_mb" --split "$split_files" -d "$dir" 2>/dev/null
    fi
    echo
    if ! "$goalc" check -j 1 "$dir/0000.goal" >/dev/null 2>&1; then
        echo "$split_mb MB in $split_files files: this goalc has no -j"
    else
        : >"$results"
        runs_save=$runs
        runs=$((runs + 2)) # short runs: more of them
        for j in 1 2; do
            measure "check -j $j" "$split_mb" 0 "" "$goalc" check -j $j "$dir"/*.goal
            rm -rf "$work/split-out" && mkdir -p "$work/split-out"
            measure "build json -j $j" "$split_mb" 0 "" "$goalc" build -j $j --format json \
                -o "$work/split-out/" "$dir"/*.goal
            rm -rf "$work/split-out" && mkdir -p "$work/split-out"
            measure "build all -j $j" "$split_mb" 0 "" "$goalc" build -j $j \
                --format json,csv,html,md -o "$work/split-out/" "$dir"/*.goal
        done
        runs=$runs_save
        rm -rf "$work/split-out"
        echo "$split_mb MB in $split_files files, $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores online"
        awk '{
            t = $(NF - 1); label = $2; for (i = 3; i < NF - 2; i++) label = label " " $i
            base = label; sub(/ -j [0-9]+$/, "", base)
            if (label ~ / -j 1$/) one[base] = t
            printf "%-18s %7.2f s %8.1f MB/s %8.1f RSS MB%s\n", label, t, $1 / t, $NF / 1024,
                (label ~ / -j 2$/ && one[base] > 0) ? sprintf("   speed-up x%.2f", one[base] / t) : ""
        }' "$results"
    fi
fi

# goalc lsp: the time from a didChange to its published diagnostics (bench/lsp.py).
echo
python3 "$here/lsp.py" "$goalc" "$work"
