#!/bin/sh
# install-deps.sh - make sure the tools goalc builds and tests with are here.
#
#   sh scripts/install-deps.sh build   flex, bison, cmocka, utf8proc, libsqlite3, libxlsxwriter,
#                                      libzip, expat, libcjson, a C compiler
#   sh scripts/install-deps.sh lsp     neovim, python3 (goalc lsp's tests: a real client)
#   sh scripts/install-deps.sh import  python3-openpyxl (goalc import's test workbooks)
#   sh scripts/install-deps.sh test    python3-jsonschema (schema validation)
#   sh scripts/install-deps.sh tables  unicode-data (Unihan, EastAsianWidth: sources of tables)
#   sh scripts/install-deps.sh asan    clang
#   sh scripts/install-deps.sh fuzz    clang with libFuzzer (make fuzz)
#   sh scripts/install-deps.sh valgrind valgrind
#   sh scripts/install-deps.sh backends tidy, cmark-gfm (HTML and Markdown checks)
#   sh scripts/install-deps.sh browser  chromium, fonts-noto-cjk, poppler-utils
#   sh scripts/install-deps.sh bench    jq, time, python3 (make bench)
#   sh scripts/install-deps.sh sqlite   the sqlite3 client (the SQLite back end's tests)
#   sh scripts/install-deps.sh xlsx     python3-openpyxl (the XLSX back end's tests)
#   sh scripts/install-deps.sh office   libreoffice-calc-nogui, poppler-utils, fonts-noto-cjk
#                                       (make check-office)
#   sh scripts/install-deps.sh third-party  dpkg-dev, cmake, tcl (scripts/third-party.sh:
#                                       the libraries built from Debian's sources for a target)
#   sh scripts/install-deps.sh editors  neovim, mandoc, man-db, zsh, bash-completion, unzip (editor files,
#                                       man page, completions: make editors)
#   sh scripts/install-deps.sh node     nodejs, npm (make vsix, make editors-grammar)
#   sh scripts/install-deps.sh web      emscripten, nodejs, npm (make web: the page; docs/web.md)
#   sh scripts/install-deps.sh dist     gcc-mingw-w64-x86-64, gcc-aarch64-linux-gnu, qemu-user,
#                                       wine64, sqlite3, python3 (make dist, make check-dist)
#
# Installs only what is missing, with the system package manager (apt-get on
# Debian/Ubuntu), through sudo when not root, and says what it does.
set -eu

need=""
want() { need="$need $1"; }

have_header() { printf '#include <%s>\n' "$1" | ${CC:-cc} -E -x c - >/dev/null 2>&1; }

case "${1:-build}" in
build)
    command -v flex >/dev/null 2>&1 || want flex
    command -v bison >/dev/null 2>&1 || want bison
    command -v cc >/dev/null 2>&1 || want gcc
    command -v make >/dev/null 2>&1 || want make
    have_header utf8proc.h || want libutf8proc-dev
    have_header sqlite3.h || want libsqlite3-dev
    have_header xlsxwriter.h || want libxlsxwriter-dev
    have_header zip.h || want libzip-dev         # goalc import: the .xlsx container
    have_header expat.h || want libexpat1-dev    # goalc import: its XML parts
    have_header cjson/cJSON.h || want libcjson-dev # goalc lsp: the protocol's JSON
    printf '#include <stdarg.h>\n#include <stddef.h>\n#include <setjmp.h>\n#include <cmocka.h>\n' |
        ${CC:-cc} -E -x c - >/dev/null 2>&1 || want libcmocka-dev
    ;;
test)
    python3 -c 'import jsonschema' >/dev/null 2>&1 ||
        /usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1 || want python3-jsonschema
    ;;
tables)
    command -v python3 >/dev/null 2>&1 || want python3
    [ -f /usr/share/unicode/Unihan_Readings.txt.bz2 ] && [ -f /usr/share/unicode/EastAsianWidth.txt ] ||
        want unicode-data
    ;;
asan)
    command -v clang >/dev/null 2>&1 || want clang
    ;;
fuzz)
    if ! command -v clang >/dev/null 2>&1; then
        want clang
    elif ! printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; return (int)n * 0; }\n' |
        clang -fsanitize=fuzzer -x c - -o /dev/null >/dev/null 2>&1; then
        # Debian splits the sanitizer runtimes (libFuzzer too) into libclang-rt-<major>-dev.
        want "libclang-rt-$(clang -dumpversion | cut -d. -f1)-dev"
    fi
    ;;
lsp)
    command -v nvim >/dev/null 2>&1 || want neovim
    command -v python3 >/dev/null 2>&1 || want python3
    ;;
valgrind)
    command -v valgrind >/dev/null 2>&1 || want valgrind
    ;;
backends)
    command -v tidy >/dev/null 2>&1 || want tidy
    command -v cmark-gfm >/dev/null 2>&1 || want cmark-gfm
    command -v python3 >/dev/null 2>&1 || want python3
    ;;
browser)
    command -v chromium >/dev/null 2>&1 || want chromium
    command -v pdftotext >/dev/null 2>&1 || want poppler-utils
    fc-list 2>/dev/null | grep -q 'Noto Sans CJK' || want fonts-noto-cjk
    ;;
bench)
    command -v jq >/dev/null 2>&1 || want jq
    [ -x /usr/bin/time ] || want time
    command -v python3 >/dev/null 2>&1 || want python3
    ;;
import)
    python3 -c 'import openpyxl' >/dev/null 2>&1 ||
        /usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || want python3-openpyxl
    ;;
sqlite)
    command -v sqlite3 >/dev/null 2>&1 || want sqlite3
    command -v python3 >/dev/null 2>&1 || want python3
    ;;
xlsx)
    python3 -c 'import openpyxl' >/dev/null 2>&1 ||
        /usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || want python3-openpyxl
    ;;
office)
    command -v soffice >/dev/null 2>&1 || want libreoffice-calc-nogui
    command -v pdftotext >/dev/null 2>&1 || want poppler-utils
    fc-list 2>/dev/null | grep -q 'Noto Sans CJK' || want fonts-noto-cjk
    ;;
third-party)
    # scripts/third-party.sh: Debian source packages, built for another target.
    command -v dpkg-source >/dev/null 2>&1 || want dpkg-dev
    command -v cmake >/dev/null 2>&1 || want cmake
    command -v make >/dev/null 2>&1 || want make
    command -v tclsh >/dev/null 2>&1 || want tcl        # SQLite's amalgamation
    [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || want debian-archive-keyring
    ;;
editors)
    command -v nvim >/dev/null 2>&1 || want neovim
    command -v mandoc >/dev/null 2>&1 || want mandoc
    command -v man >/dev/null 2>&1 || want man-db
    command -v zsh >/dev/null 2>&1 || want zsh
    [ -f /usr/share/bash-completion/bash_completion ] || want bash-completion
    command -v unzip >/dev/null 2>&1 || want unzip
    command -v python3 >/dev/null 2>&1 || want python3
    ;;
node)
    command -v node >/dev/null 2>&1 || want nodejs
    command -v npm >/dev/null 2>&1 || want npm
    ;;
web)
    # make web: emcc for the WebAssembly, node and npm for the editor's bundle.
    command -v emcc >/dev/null 2>&1 || want emscripten
    command -v node >/dev/null 2>&1 || want nodejs
    command -v npm >/dev/null 2>&1 || want npm
    ;;
dist)
    # make dist: the cross compilers; make check-dist: ARM64 under qemu, Windows under wine.
    command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || want gcc-mingw-w64-x86-64
    command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || want gcc-aarch64-linux-gnu
    command -v qemu-aarch64 >/dev/null 2>&1 || want qemu-user
    command -v wine64 >/dev/null 2>&1 || [ -x /usr/lib/wine/wine64 ] || want wine64
    command -v sqlite3 >/dev/null 2>&1 || want sqlite3     # a database compared by .dump
    command -v python3 >/dev/null 2>&1 || want python3
    ;;
*)
    echo "usage: $0 build|test|lsp|asan|fuzz|valgrind|backends|browser|bench|sqlite|xlsx|office|third-party|editors|node|web|dist" >&2
    exit 2
    ;;
esac

[ -z "$need" ] && exit 0

echo "goalc: installing missing packages:$need" >&2
if ! command -v apt-get >/dev/null 2>&1; then
    echo "goalc: no apt-get here; please install:$need" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "goalc: not root and no sudo; please install:$need" >&2
        exit 1
    fi
fi
# One update per machine is enough: skip it when the lists are fresh (< 1 day).
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -1)" ]; then
    $sudo apt-get update -qq
fi
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >&2
