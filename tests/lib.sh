# tests/lib.sh - what the shell runners (tests/run-*.sh) share.  A runner
# sources it first thing, before any cd:
#
#     . "$(dirname "$0")/lib.sh"
#
# and gets:
#   lib_usage $#            exits 2 with "usage: RUNNER GOALC" unless the
#                           runner was given one argument
#   lib_abs PATH            PATH made absolute against the current directory
#   lib_tmpdir NAME         sets tmp to a fresh directory, goalc-NAME.XXXXXX
#                           under $TMPDIR, removed (made writable first) when
#                           the runner exits or is interrupted; a runner that
#                           defines lib_cleanup has it run first
#   pass fail ok no         the counters; ok counts a pass, no MESSAGE a
#                           failure, printing "FAIL: MESSAGE"
#   expect STATUS WHAT CMD...  runs CMD with its output in $tmp/stdout and
#                           $tmp/stderr; a failure unless it exits STATUS
#   has FILE PATTERN WHAT   a pass when grep finds PATTERN in FILE; hasnt the
#                           reverse; a failure shows FILE's first $lib_show
#                           lines (default 5)
#   lib_summary NAME        prints "NAME: P passed, F failed"; its status,
#                           the runner's last command, is 0 when none failed
pass=0 fail=0

lib_usage() {
    if [ "$1" -ne 1 ]; then
        echo "usage: $0 GOALC" >&2
        exit 2
    fi
}

lib_abs() {
    case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$(pwd)/$1" ;;
    esac
}

lib_cleanup() { :; }
lib_exit() {
    lib_cleanup
    if [ -n "${tmp:-}" ]; then
        chmod -R u+w "$tmp" 2>/dev/null
        rm -rf "$tmp"
    fi
}
lib_tmpdir() {
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/goalc-$1.XXXXXX") || exit 2
    trap lib_exit EXIT
    trap 'exit 130' HUP INT TERM
}

ok() { pass=$((pass + 1)); }
no() { echo "FAIL: $*"; fail=$((fail + 1)); }

expect() {
    want=$1 what=$2
    shift 2
    "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else
        no "$what: exit $got, expected $want"
        sed 's/^/    /' "$tmp/stderr" | head -5
    fi
}

has() {
    if grep -q -- "$2" "$1"; then ok; else
        no "$3: '$2' not in $1"
        sed 's/^/    /' "$1" | head -"${lib_show:-5}"
    fi
}
hasnt() {
    if grep -q -- "$2" "$1"; then
        no "$3: '$2' in $1"
        sed 's/^/    /' "$1" | head -"${lib_show:-5}"
    else ok; fi
}

lib_summary() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
