#!/bin/sh
# third-party.sh - the C libraries goalc links, built as static libraries for
# one target from Debian's own source packages.
#
#   sh scripts/third-party.sh TARGET
#
#   TARGET  linux-x86_64    gcc, for the static Linux binary
#           linux-arm64     aarch64-linux-gnu-gcc (Debian's cross compiler)
#           windows-x86_64  x86_64-w64-mingw32-gcc (mingw-w64)
#           wasm            emcc (emscripten)
#
# Debian ships these libraries as .so (and some as .a) for the machine it runs
# on only; a static, cross or WebAssembly build needs them compiled for the
# target.  The sources are Debian's (the same versions and security patches as
# the -dev packages the native build links), fetched by `apt-get source` from
# the Debian archive the machine already uses -- through a private list folder
# under build/, so the system's apt configuration is left alone -- and
# unpacked by dpkg-source, which checks them against the signed .dsc and
# applies Debian's patches.  Nothing is fetched from anywhere else.
#
# Libraries: zlib (for libxlsxwriter's and libzip's deflate), utf8proc,
# SQLite (its amalgamation, made once from the source tree), expat and
# libxlsxwriter are compiled file by file, as is cJSON (goalc lsp); libzip
# through its own CMake.
# The result: build/third-party/TARGET/{include,lib}; a second run with
# everything in place does nothing.  The source packages are kept in
# build/third-party/src/ (about 45 MB) across targets.
set -eu

target=${1:?usage: third-party.sh linux-x86_64|linux-arm64|windows-x86_64|wasm}
root=$(pwd)/build/third-party
src=$root/src
prefix=$root/$target
packages="zlib utf8proc sqlite3 expat libzip libxlsxwriter cjson"

case "$target" in
linux-x86_64) cc=gcc ar=ar system=Linux processor=x86_64 ;;
linux-arm64) cc=aarch64-linux-gnu-gcc ar=aarch64-linux-gnu-ar system=Linux processor=aarch64 ;;
windows-x86_64) cc=x86_64-w64-mingw32-gcc ar=x86_64-w64-mingw32-ar system=Windows processor=AMD64 ;;
wasm) cc=emcc ar=emar system=Emscripten processor=x86 ;;
*) echo "third-party.sh: unknown target $target" >&2; exit 2 ;;
esac

# The compiler flags of every library.  -ffile-prefix-map: the paths the
# objects keep (assert texts, __FILE__) are relative to build/third-party,
# so no binary holds the checkout's path and two checkouts build the same
# bytes (tests/run-dist.sh checks).
prefix_map="-ffile-prefix-map=$root/="
cflags="-O2 $prefix_map"
# .done names the packages built and the flags: another list or other flags
# build the target again.
stamp="$packages
cflags: $cflags"
if [ -f "$prefix/.done" ] && [ "$(cat "$prefix/.done")" = "$stamp" ]; then
    echo "$prefix"
    exit 0
fi
sh "$(dirname "$0")/install-deps.sh" third-party
command -v "$cc" >/dev/null 2>&1 || { echo "third-party.sh: $cc not found: install the target's compiler first" >&2; exit 1; }
say() { echo "third-party: $target: $*" >&2; }

# --- the sources: Debian source packages, once --------------------------------
# The first URI of the system's own (uncommented) list lines that matches $1.
archive_uri() {
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
        sed -n -e 's/^URIs:[[:space:]]*//p' -e 's/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]*\)\{0,1\}\([^[:space:]]*\).*/\2/p' |
        tr ' ' '\n' | grep -E "$1" | head -n 1
}

fetch_sources() {
    mkdir -p "$src/apt/lists/partial"
    # deb-src lines for the archive the system's own list names (its point
    # releases carry the security fixes; the security archive's source pool
    # is not served here).
    mirror=$(archive_uri '/debian/?$')
    suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
    [ -n "$mirror" ] || { echo "third-party.sh: no Debian archive in /etc/apt/sources.list*" >&2; exit 1; }
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    {
        echo "deb-src [signed-by=$keyring] $mirror $suite main"
        echo "deb-src [signed-by=$keyring] $mirror $suite-updates main"
    } >"$src/apt/sources.list"
    apt_options="-o Dir::Etc::SourceList=$src/apt/sources.list -o Dir::Etc::SourceParts=/nonexistent
                 -o Dir::State::Lists=$src/apt/lists -o APT::Sandbox::User=root -qq"
    say "apt-get source $*"
    # shellcheck disable=SC2086
    apt-get $apt_options update
    for p in "$@"; do
        # shellcheck disable=SC2086
        (cd "$src" && apt-get $apt_options source --download-only "$p" >/dev/null)
        for dsc in "$src/${p}"_*.dsc; do
            (cd "$src" && dpkg-source --require-valid-signature -x "$dsc" >/dev/null 2>&1) ||
                (cd "$src" && dpkg-source -x "$dsc" >/dev/null)
        done
    done
}
dir_of() { find "$src" -maxdepth 1 -type d -name "$1-[0-9]*" 2>/dev/null | sort | tail -n 1; }
# Each package once: what is unpacked here stays for every target.
missing=""
for p in $packages; do [ -n "$(dir_of "$p")" ] || missing="$missing $p"; done
# shellcheck disable=SC2086
[ -z "$missing" ] || fetch_sources $missing
zlib_dir=$(dir_of zlib)
utf8proc_dir=$(dir_of utf8proc)
sqlite_dir=$(dir_of sqlite3)
expat_dir=$(dir_of expat)/expat
[ -d "$expat_dir" ] || expat_dir=$(dir_of expat)
libzip_dir=$(dir_of libzip)
xlsxwriter_dir=$(dir_of libxlsxwriter)
cjson_dir=$(dir_of cjson)

# SQLite's amalgamation (sqlite3.c), made once on this machine with its own
# configure and tclsh.
if [ ! -f "$sqlite_dir/sqlite3.c" ]; then
    say "SQLite amalgamation"
    (cd "$sqlite_dir" && ./configure --quiet >/dev/null && make -s sqlite3.c >/dev/null)
fi

# --- the target's libraries ---------------------------------------------------
work=$root/work-$target
rm -rf "$work" "$prefix"
mkdir -p "$work" "$prefix/include" "$prefix/lib"

compile_library() { # NAME SOURCES... : compile into $prefix/lib/libNAME.a
    name=$1; shift
    mkdir -p "$work/$name"
    objects=""
    for c in "$@"; do
        o="$work/$name/$(basename "$c" .c).o"
        # shellcheck disable=SC2086
        $cc $cflags $extra_cflags -c -o "$o" "$c"
        objects="$objects $o"
    done
    # shellcheck disable=SC2086
    $ar rcs "$prefix/lib/lib$name.a" $objects
}

say zlib
extra_cflags="-I$zlib_dir"
z="$zlib_dir"
# Deflate and inflate only: nothing here reads or writes .gz files.
compile_library z "$z/adler32.c" "$z/compress.c" "$z/crc32.c" "$z/deflate.c" "$z/infback.c" \
    "$z/inffast.c" "$z/inflate.c" "$z/inftrees.c" "$z/trees.c" "$z/uncompr.c" "$z/zutil.c"
cp "$zlib_dir/zlib.h" "$zlib_dir/zconf.h" "$prefix/include/"

say utf8proc
extra_cflags="-DUTF8PROC_STATIC"
compile_library utf8proc "$utf8proc_dir/utf8proc.c"
cp "$utf8proc_dir/utf8proc.h" "$prefix/include/"

say SQLite
# No loadable extensions (nothing to load from), single-threaded in the browser.
extra_cflags="-DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_DQS=0"
[ "$target" != wasm ] || extra_cflags="$extra_cflags -DSQLITE_THREADSAFE=0"
compile_library sqlite3 "$sqlite_dir/sqlite3.c"
cp "$sqlite_dir/sqlite3.h" "$prefix/include/"

say expat
# Compiled as Debian's autotools build configures it (XML_DTD=1: Debian's
# patches test its value, which expat's CMake build leaves empty).
mkdir -p "$work/expat-config"
{
    echo '#define BYTEORDER 1234'
    echo '#define XML_NS 1'
    echo '#define XML_DTD 1'
    echo '#define XML_CONTEXT_BYTES 1024'
    echo '#define HAVE_MEMMOVE 1'
    [ "$system" = Windows ] || echo '#define XML_DEV_URANDOM 1'
} >"$work/expat-config/expat_config.h"
extra_cflags="-DHAVE_EXPAT_CONFIG_H -DXML_STATIC -I$work/expat-config -I$expat_dir/lib"
compile_library expat "$expat_dir/lib/xmlparse.c" "$expat_dir/lib/xmlrole.c" "$expat_dir/lib/xmltok.c"
cp "$expat_dir/lib/expat.h" "$expat_dir/lib/expat_external.h" "$prefix/include/"

say cJSON
# One file (goalc lsp's messages); its header where the -dev package puts it.
extra_cflags=""
compile_library cjson "$cjson_dir/cJSON.c"
mkdir -p "$prefix/include/cjson"
cp "$cjson_dir/cJSON.h" "$prefix/include/cjson/"

# libzip through its own CMake build.
toolchain=$work/toolchain.cmake
cat >"$toolchain" <<EOF
set(CMAKE_SYSTEM_NAME $system)
set(CMAKE_SYSTEM_PROCESSOR $processor)
set(CMAKE_C_COMPILER $cc)
set(CMAKE_AR $(command -v $ar))
set(CMAKE_FIND_ROOT_PATH $prefix)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
EOF
if [ "$target" = wasm ]; then
    emscripten_toolchain=$(find /usr/share/emscripten -name Emscripten.cmake | head -n 1)
    echo "include($emscripten_toolchain)" >"$toolchain"
    echo "set(CMAKE_FIND_ROOT_PATH \${CMAKE_FIND_ROOT_PATH} $prefix)" >>"$toolchain"
fi

# CMake's flags: the prefix map only (its Release build type gives -O3; an
# -O2 here would also reach emcc's links, whose optimizer needs node's acorn).
cmake_build() { # NAME SOURCE_DIR OPTIONS...
    name=$1 dir=$2; shift 2
    say "$name"
    cmake -S "$dir" -B "$work/$name" -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_PREFIX_PATH="$prefix" -DBUILD_SHARED_LIBS=OFF \
        -DZLIB_INCLUDE_DIR="$prefix/include" -DZLIB_LIBRARY="$prefix/lib/libz.a" \
        -DCMAKE_POSITION_INDEPENDENT_CODE=OFF -DCMAKE_C_FLAGS="$prefix_map" -Wno-dev "$@" >"$work/$name.log" 2>&1 ||
        { cat "$work/$name.log" >&2; exit 1; }
    cmake --build "$work/$name" --parallel 2 >>"$work/$name.log" 2>&1 &&
        cmake --install "$work/$name" >>"$work/$name.log" 2>&1 ||
        { tail -n 40 "$work/$name.log" >&2; exit 1; }
}

# Under emscripten, CMake's check_type_size reads 7 for sizeof(off_t) and
# sizeof(size_t) (seen with Debian's emscripten 3.1.6): give the real ones.
wasm_sizes=""
[ "$target" != wasm ] ||
    wasm_sizes="-DHAVE_SIZEOF_OFF_T=TRUE -DSIZEOF_OFF_T=8 -DHAVE_SIZEOF_SIZE_T=TRUE -DSIZEOF_SIZE_T=4"
# shellcheck disable=SC2086
cmake_build libzip "$libzip_dir" $wasm_sizes -DENABLE_COMMONCRYPTO=OFF -DENABLE_GNUTLS=OFF -DENABLE_MBEDTLS=OFF \
    -DENABLE_OPENSSL=OFF -DENABLE_WINDOWS_CRYPTO=OFF -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF \
    -DENABLE_ZSTD=OFF -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF

say libxlsxwriter
# File by file, with the definitions its CMake build uses (its CMake project
# also wants a C++ compiler, which the cross toolchains here lack): its own
# minizip without encryption, its tmpfileplus, its MD5; on mingw-w64 the
# 32-bit file API of minizip, as its CMake build sets for static MinGW.
x=$xlsxwriter_dir
extra_cflags="-I$x/include -I$prefix/include -DNOCRYPT -DNOUNCRYPT"
[ "$system" != Windows ] || extra_cflags="$extra_cflags -DUSE_FILE32API"
# shellcheck disable=SC2046
compile_library xlsxwriter $(ls "$x"/src/*.c) "$x/third_party/minizip/ioapi.c" "$x/third_party/minizip/zip.c" \
    "$x/third_party/tmpfileplus/tmpfileplus.c" "$x/third_party/md5/md5.c"
cp -R "$x/include/xlsxwriter.h" "$x/include/xlsxwriter" "$prefix/include/"

# Some CMake builds install into lib64/ or name the archive differently.
for lib in "$prefix"/lib64/*.a; do [ -f "$lib" ] && mv "$lib" "$prefix/lib/"; done
for lib in z utf8proc sqlite3 expat zip xlsxwriter cjson; do
    [ -f "$prefix/lib/lib$lib.a" ] || { echo "third-party.sh: lib$lib.a was not built for $target" >&2; exit 1; }
done
rm -rf "$work"
echo "$stamp" >"$prefix/.done"
echo "$prefix"
