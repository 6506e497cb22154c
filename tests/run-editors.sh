#!/bin/sh
# run-editors.sh GOALC - the editor files, the manual page, the completions
# and make install (docs/editors.md):
#
#   - the word lists of editors/ are what scripts/gen-editors.py makes from
#     keyword.def, lexutil.c, the stdlib, diag.def, emit.c and main.c;
#   - Vim: headless Neovim (and Vim when present) opens the examples, golden
#     inputs and stdlib files with only editors/vim on its runtime path:
#     filetype goal, the syntax and the ftplugin loaded, and every keyword,
#     string, comment and number (tests/editors/expect.py) in its highlight
#     group; gq formats through goalc fmt; :make fills the quickfix list;
#   - the man page passes mandoc -Tlint and names every command and option
#     of main.c; goalc help COMMAND and COMMAND --help, in both languages;
#   - every spelling of main.c's option table (--colour too) in goalc's help,
#     the man page, and the bash and zsh completion files;
#   - bash completion, run as bash runs it (COMP_WORDS, COMP_CWORD);
#     zsh completion, parsed (zsh -n) and run in a real interactive zsh;
#   - make install and make uninstall into a DESTDIR.
# The tools come from scripts/install-deps.sh editors (mk/editors.mk).
. "$(dirname "$0")/lib.sh"
lib_usage $#
goalc=$(lib_abs "$1")
lib_tmpdir editors
gen="python3 scripts/gen-editors.py"

for tool in nvim mandoc man zsh bash python3; do
    command -v $tool >/dev/null 2>&1 || { echo "run-editors.sh: no $tool (sh scripts/install-deps.sh editors)" >&2; exit 1; }
done

# --- generated lists ------------------------------------------------------------
if $gen --check >"$tmp/gen.diff" 2>&1; then ok; else
    no "editors/ is out of date with the compiler's tables (make editors-update)"
    head -20 "$tmp/gen.diff"
fi

# --- Vim --------------------------------------------------------------------------
python3 tests/editors/expect.py examples/*.goal tests/golden/*.goal stdlib/*.goal tests/editors/*.goal >"$tmp/expect.tsv"
spans=$(wc -l <"$tmp/expect.tsv")
vim_check() { # NAME COMMAND...: the highlighting check in that editor
    name=$1
    shift
    rm -f "$tmp/vim.out"
    "$@" -u NONE -i NONE --cmd 'set rtp^=editors/vim' \
        --cmd "let g:expect = '$tmp/expect.tsv' | let g:result = '$tmp/vim.out'" \
        -S tests/editors/vim-check.vim </dev/null >/dev/null 2>&1
    if [ -f "$tmp/vim.out" ] && [ "$(wc -l <"$tmp/vim.out")" -eq 1 ] && grep -q '^checked [1-9]' "$tmp/vim.out"; then
        ok
        echo "editors: $name: $spans spans, $(sed 's/checked //' "$tmp/vim.out") characters in their groups"
    else
        no "$name: editors/vim highlights these differently"
        head -20 "$tmp/vim.out" 2>/dev/null
    fi
}
vim_check nvim nvim --headless
# Vim too when it is a Vim with syntax (vim-tiny has none).
if command -v vim >/dev/null 2>&1 && vim --version 2>/dev/null | grep -q '+syntax'; then
    vim_check vim vim -N -E -s
fi

# gq through formatprg (goalc fmt -): the file as goalc fmt writes it.
sed 's/^ *//' examples/wangcheng-health-2023.goal >"$tmp/flat.goal"
"$goalc" fmt "$tmp/flat.goal" >"$tmp/fmt.want"
PATH=$(dirname "$goalc"):$PATH nvim --headless -u NONE -i NONE --cmd 'set rtp^=editors/vim' \
    -c 'filetype plugin on' -c "edit $tmp/flat.goal" -c 'normal! gggqG' -c "write! $tmp/fmt.got" -c 'qall!' \
    </dev/null >/dev/null 2>&1
if cmp -s "$tmp/fmt.want" "$tmp/fmt.got"; then ok; else no "gggqG in Vim is not goalc fmt's layout"; fi

# :make (makeprg goalc check, errorformat): the errors in the quickfix list.
cp tests/errors/unknown-category.goal "$tmp/bad.goal" 2>/dev/null || cp "$(ls tests/errors/*.goal | head -1)" "$tmp/bad.goal"
"$goalc" check --color never "$tmp/bad.goal" 2>&1 | grep -E '^[^ ]+:[0-9]+:[0-9]+: (error|warning)' |
    head -1 | cut -d: -f2 >"$tmp/qf.want"
PATH=$(dirname "$goalc"):$PATH nvim --headless -u NONE -i NONE --cmd 'set rtp^=editors/vim' \
    -c 'filetype plugin on' -c "edit $tmp/bad.goal" -c 'silent make' \
    -c "call writefile(map(filter(getqflist(), 'v:val.valid'), 'v:val.lnum')[0:0], '$tmp/qf.got')" -c 'qall!' \
    </dev/null >/dev/null 2>&1
if [ -s "$tmp/qf.want" ] && cmp -s "$tmp/qf.want" "$tmp/qf.got"; then ok; else
    no ":make in Vim does not put goalc check's first message in the quickfix list (want line $(cat "$tmp/qf.want"), got $(cat "$tmp/qf.got" 2>/dev/null))"
fi

# --- the man page -------------------------------------------------------------------
if mandoc -Tlint -W warning man/goalc.1 >"$tmp/lint" 2>&1 && [ ! -s "$tmp/lint" ]; then ok; else
    no "mandoc -Tlint man/goalc.1"
    head "$tmp/lint"
fi
mandoc -Tutf8 man/goalc.1 | sed 's/.\x08//g' >"$tmp/man.txt"
for c in $($gen --list commands) help; do
    grep -q "^ *goalc $c\b" "$tmp/man.txt" && ok || no "the man page's synopsis lacks goalc $c"
done
for o in $($gen --list options); do
    # -W is a prefix (-Wname); every other spelling stands alone.
    if [ "$o" = -W ]; then pat='-Wname'; else pat="$o"; fi
    grep -q -- "\(^\|[^-[:alnum:]]\)$pat\([^-[:alnum:]]\|$\)" "$tmp/man.txt" && ok || no "the man page does not name $o"
done
for w in $($gen --list formats); do
    grep -q "\b$w\b" "$tmp/man.txt" && ok || no "the man page does not name the format $w"
done

# --- goalc help ---------------------------------------------------------------------
for c in $($gen --list commands); do
    expect 0 "goalc help $c" "$goalc" help "$c"
    head -1 "$tmp/stdout" | grep -q "^usage: goalc $c " && ok || no "goalc help $c: no usage line"
    cp "$tmp/stdout" "$tmp/help.en"
    if [ "$c" != git-diff ]; then # git-diff's arguments are all git's, --help too
        expect 0 "goalc $c --help" "$goalc" "$c" --help
        cmp -s "$tmp/stdout" "$tmp/help.en" && ok || no "goalc $c --help is not goalc help $c"
    fi
    expect 0 "goalc --lang zh help $c" "$goalc" --lang zh help "$c"
    head -1 "$tmp/stdout" | grep -q "^用法：goalc $c " && ok || no "goalc --lang zh help $c: no 用法 line"
done
expect 2 "goalc help nosuch" "$goalc" help nosuch

# --- every option of main.c, wherever a user looks for it ---------------------------
# Each spelling main.c's option table accepts (gen-editors.py --list option-rows)
# is named by goalc's help (the usage and every command's help, in English and
# in Chinese; an option of one command by that command's help), by the man
# page, and by the bash and zsh completion files: a new option, or a new
# spelling of one (--colour), cannot be left out of any of them.
help_text() { # COMMAND|-: the help (- for the usage of them all) in both languages
    if [ "$1" = - ]; then
        "$goalc" --help && "$goalc" --lang zh --help
        for h in $($gen --list commands); do "$goalc" help "$h" && "$goalc" --lang zh help "$h"; done
    else
        "$goalc" help "$1" && "$goalc" --lang zh help "$1"
    fi
}
names_option() { # FILE SPELLING: FILE names it as a word of its own (-W as -Wname, -W-)
    case $2 in
    -W) grep -q -- '\(^\|[^-[:alnum:]]\)-W\(name\|名称\|[^[:alnum:]]\|$\)' "$1" ;;
    *) grep -q -- "\(^\|[^-[:alnum:]]\)$2\([^-[:alnum:]]\|$\)" "$1" ;;
    esac
}
$gen --list option-rows >"$tmp/option-rows"
[ "$(wc -l <"$tmp/option-rows")" -ge 20 ] && ok || no "gen-editors.py finds only $(wc -l <"$tmp/option-rows") options in main.c"
while read -r o c; do
    help_text "$c" >"$tmp/help.txt" 2>&1
    where=${c#-}
    names_option "$tmp/help.txt" "$o" && ok || no "goalc help ${where:-(all)} does not name $o"
    names_option "$tmp/man.txt" "$o" && ok || no "the man page does not name $o"
    names_option editors/completion/goalc.bash "$o" && ok || no "editors/completion/goalc.bash does not name $o"
    names_option editors/completion/_goalc "$o" && ok || no "editors/completion/_goalc does not name $o"
done <"$tmp/option-rows"

# --- bash completion ----------------------------------------------------------------
# complete LINE: what bash offers at the end of LINE, one a line, sorted.  The
# words are split as readline splits them (COMP_WORDBREAKS: = and : apart).
cat >"$tmp/complete.bash" <<'EOF'
[ -f /usr/share/bash-completion/bash_completion ] && . /usr/share/bash-completion/bash_completion
. editors/completion/goalc.bash
complete_line() {
    COMP_LINE=$1 COMP_POINT=${#1}
    local rest=$1 w
    COMP_WORDS=()
    # split on blanks, and = as a word of its own
    read -r -a raw <<<"$1"
    for w in "${raw[@]}"; do
        while [[ $w == *=* ]]; do COMP_WORDS+=("${w%%=*}" "="); w=${w#*=}; done
        COMP_WORDS+=("$w")
    done
    [[ $1 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _goalc goalc "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf '%s\n' "${COMPREPLY[@]}" | sort
}
complete_line "$1"
EOF
bash_offers() { # LINE WANT...: each WANT is among the offers
    line=$1
    shift
    bash "$tmp/complete.bash" "$line" >"$tmp/offers" 2>"$tmp/offers.err"
    for want in "$@"; do
        grep -qx -- "$want" "$tmp/offers" && ok || {
            no "bash: '$line<TAB>' does not offer $want (offers: $(tr '\n' ' ' <"$tmp/offers" | cut -c1-200))"
            cat "$tmp/offers.err" | head -3
        }
    done
}
bash_offers 'goalc ch' check
bash_offers 'goalc ' check build fmt diff git-diff import help
bash_offers 'goalc help b' build
bash_offers 'goalc build --format js' json
bash_offers 'goalc build --format json,c' json,csv
bash_offers 'goalc build -f ' json csv html md pdf sqlite xlsx
bash_offers 'goalc diff --format ' text markdown json
bash_offers 'goalc fmt --keywords ' zh en
bash_offers 'goalc --lang=' zh en
bash_offers 'goalc check --diagnostics-format ' text json sarif
bash_offers 'goalc check --encoding ' utf-8 gb18030
bash_offers 'goalc build --json-locations ' all none
bash_offers 'goalc build --html-targets ' filed canonical
bash_offers 'goalc check --color ' auto always never
bash_offers 'goalc check -Wno-vague' -Wno-vague-target
bash_offers 'goalc check -Werror=target-re' -Werror=target-restates-name
bash_offers 'goalc build --h' --help --html-targets
bash_offers 'goalc fmt --' --keywords --fill --write --check
bash_offers 'goalc check examples/wang' examples/wangcheng-health-2023.goal
# every warning of diag.def after -W, every option of main.c after some command
# shellcheck disable=SC2046
bash_offers 'goalc check -W' $($gen --list warnings | sed 's/^/-W/')
cat /dev/null >"$tmp/all-options"
for c in '' check build fmt diff import; do
    bash "$tmp/complete.bash" "goalc $c -" >>"$tmp/all-options" 2>/dev/null
    bash "$tmp/complete.bash" "goalc $c --" >>"$tmp/all-options" 2>/dev/null
done
for o in $($gen --list options); do
    case $o in -W) o=-Wno- ;; esac
    grep -qx -- "$o" "$tmp/all-options" && ok || no "bash completion never offers $o"
done

# --- zsh completion -------------------------------------------------------------------
if zsh -n editors/completion/_goalc 2>"$tmp/zsh.err"; then ok; else no "zsh -n _goalc"; cat "$tmp/zsh.err"; fi
# A real interactive zsh (through zsh/zpty), compinit with editors/completion
# on fpath: what TAB lists after LINE, read until every WANT is there (at
# most 20 s: the machine may be busy) or the time is up.
cat >"$tmp/zcomplete.zsh" <<'EOF'
zmodload zsh/zpty || exit 3
line=$1
shift
zpty -b z zsh -f -i
zpty -w z "PS1='%% '; fpath=($PWD/editors/completion \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "zstyle ':completion:*' list-rows-first true; LISTMAX=1000; COLUMNS=1000; cd $PWD"
zpty -w z "goalc() { :; }"
zpty -w -n z "$line"$'\t\t'
out=
for i in {1..80}; do
    sleep 0.25
    while zpty -r -t z more; do out+=$more; done
    listed=${out#*$line}
    missing=0
    for want in "$@"; do [[ $listed == *$want* ]] || missing=1; done
    (( missing )) || break
done
print -r -- "$listed"
zpty -d z
EOF
zsh_offers() { # LINE WANT...
    zsh -f "$tmp/zcomplete.zsh" "$@" 2>&1 | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' | tr '\r' '\n' >"$tmp/zoffers"
    line=$1
    shift
    for want in "$@"; do
        grep -qw -- "$want" "$tmp/zoffers" && ok || no "zsh: '$line<TAB>' does not offer $want"
    done
}
zsh_offers 'goalc ' 'check' 'import' 'git-diff'
zsh_offers 'goalc build --format=' 'sqlite' 'xlsx'
zsh_offers 'goalc check -Wno-' 'vague-target' 'target-restates-name'
zsh_offers 'goalc fmt --keywords=' 'zh' 'en'
zsh_offers 'goalc help ' 'build' 'git-diff'
zsh_offers 'goalc diff --format=' 'markdown' 'text'

# --- make install / uninstall ---------------------------------------------------------
make_() { ${MAKE:-make} --no-print-directory -s BUILD="$(dirname "$goalc")" "$@"; }
dest=$tmp/dest
if make_ install DESTDIR="$dest" PREFIX=/opt/goalc >"$tmp/install.log" 2>&1; then ok; else
    no "make install DESTDIR=… PREFIX=/opt/goalc"
    tail -5 "$tmp/install.log"
fi
for f in bin/goalc share/man/man1/goalc.1 share/bash-completion/completions/goalc share/zsh/site-functions/_goalc; do
    [ -f "$dest/opt/goalc/$f" ] && ok || no "make install did not install PREFIX/$f"
done
[ -x "$dest/opt/goalc/bin/goalc" ] && ok || no "the installed goalc is not executable"
MANPATH=$dest/opt/goalc/share/man man -w goalc 2>/dev/null | grep -q "$dest" && ok || no "man -w goalc does not find the installed page"
bash -c ". '$dest/opt/goalc/share/bash-completion/completions/goalc' && complete -p goalc" 2>/dev/null |
    grep -q '_goalc' && ok || no "the installed bash completion does not define complete -F _goalc goalc"
if make_ uninstall DESTDIR="$dest" PREFIX=/opt/goalc >"$tmp/uninstall.log" 2>&1; then ok; else no "make uninstall"; fi
left=$(find "$dest" -type f | head -3)
[ -z "$left" ] && ok || no "make uninstall left $left"

lib_summary editors
