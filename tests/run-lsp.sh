#!/bin/sh
# run-lsp.sh GOALC - goalc lsp's tests: the scripted JSON-RPC session
# (tests/lsp/session.py), then Neovim headless set up with nothing but
# editors/vim/lsp.lua (tests/lsp/nvim-test.lua).  neovim and python3 come
# from scripts/install-deps.sh lsp.
set -u
goalc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== lsp: scripted session"
LANG=C LC_ALL=C python3 "$here/lsp/session.py" "$goalc" >"$tmp/session.log" 2>&1 || fail=1
grep -v '^ok' "$tmp/session.log"

echo "== lsp: Neovim headless with editors/vim/lsp.lua"
cp "$here/lsp/lsp-broken.goal" "$tmp/broken.goal"
cp "$here/lsp/lsp-sample.goal" "$tmp/sample.goal"
mkdir -p "$tmp/bin" "$tmp/home"
ln -s "$goalc" "$tmp/bin/goalc"
# The documented setup, unchanged: goalc found on $PATH.
if ! PATH="$tmp/bin:$PATH" HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home" XDG_DATA_HOME="$tmp/home" \
    XDG_STATE_HOME="$tmp/home" LANG=C LC_ALL=C NVIM_TEST_LOG="$tmp/nvim.log" NVIM_TEST_DIR="$tmp" \
    timeout 120 nvim --headless --clean -c "luafile $root/editors/vim/lsp.lua" \
    -c "luafile $here/lsp/nvim-test.lua" >"$tmp/nvim.out" 2>&1; then
    fail=1
    cat "$tmp/nvim.out"
fi
if [ -f "$tmp/nvim.log" ]; then
    grep -v '^ok' "$tmp/nvim.log"
    grep -q '^nvim: 0 failure' "$tmp/nvim.log" || fail=1
else
    echo "FAIL: Neovim wrote no log"
    fail=1
fi
[ $fail = 0 ] && echo "lsp: all passed"
exit $fail
