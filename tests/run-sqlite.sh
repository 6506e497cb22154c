#!/bin/sh
# run-sqlite.sh GOALC - the SQLite back end (docs/sqlite.md).
#
#   - the database of examples/*.goal answers each reviewer query
#     tests/sqlite/NAME.sql, run by the sqlite3 client, with exactly
#     tests/sqlite/NAME.expected (GOLDEN_UPDATE=1 rewrites them; review the
#     diff against the examples); the queries of tests/sqlite/constructs/
#     (履职, 进度, 计算, 栏: constructs the examples do not write) likewise
#     against the database of $constructs below;
#   - docs/sqlite.md documents every table, column and view of it, and shows
#     those queries and answers (tests/sqlite/check_docs.py);
#   - its foreign keys hold (PRAGMA foreign_key_check is empty), it passes
#     PRAGMA integrity_check, and check_partition_sums is empty;
#   - it holds what the JSON holds, value for value and location for
#     location, for the examples, for every golden case and for
#     tests/sqlite/*.goal, 栏, 履职, 进度, 计算 and 占比 included
#     (tests/sqlite/check_json.py);
#   - the same inputs give the same bytes: twice, with -j 2, in Chinese;
#   - -o FILE, -o DIR/, an existing directory, with other formats; no -o
#     and -o - refused;
#   - an input with errors, a failing write (a file-size limit) and a full
#     device leave no database and no temporary file, and an old database
#     untouched;
#   - make demo writes DEMO_OUT/tables.db.
# Needs sqlite3 and python3 (scripts/install-deps.sh sqlite).
set -u
. "$(dirname "$0")/lib.sh"
lib_usage $#
goalc=$(lib_abs "$1")
root=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$root" || exit 2
for tool in sqlite3 python3; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "run-sqlite: $tool is missing (sh scripts/install-deps.sh sqlite)" >&2
        exit 1
    fi
done
lib_tmpdir sqlite
db=$tmp/tables.db

# --- the examples' database and the reviewer queries ------------------------
expect 0 "build --format sqlite examples/*.goal" "$goalc" build -w --format sqlite -o "$db" examples/*.goal
[ -s "$tmp/stderr" ] && no "build: unexpected diagnostics" && cat "$tmp/stderr"
[ -s "$tmp/stdout" ] && no "build -o FILE wrote to standard output"
# The examples write no 履职, 进度, 计算 or 栏: those queries run on the
# golden cases that do, beside the examples and tests/sqlite/sqlmap.goal.
constructs="examples/*.goal tests/golden/columns-forms.goal tests/golden/columns-selfeval.goal
    tests/golden/duties-health.goal tests/golden/quantities-relations.goal tests/sqlite/sqlmap.goal"
# shellcheck disable=SC2086
expect 0 "build --format sqlite (constructs)" "$goalc" build -w --format sqlite -o "$tmp/constructs.db" $constructs
for q in tests/sqlite/*.sql tests/sqlite/constructs/*.sql; do
    want=${q%.sql}.expected
    qdb=$db
    case $q in tests/sqlite/constructs/*) qdb=$tmp/constructs.db ;; esac
    if ! sqlite3 -batch -bail -header "$qdb" <"$q" >"$tmp/answer" 2>&1; then
        no "$q fails"
        sed 's/^/    /' "$tmp/answer" | head -5
        continue
    fi
    [ "${GOLDEN_UPDATE:-}" = 1 ] && cp "$tmp/answer" "$want"
    if [ ! -f "$want" ]; then
        no "$want is missing (GOLDEN_UPDATE=1 sh tests/run-sqlite.sh GOALC, then review it)"
    elif diff -u "$want" "$tmp/answer"; then ok; else
        no "$q: the answer differs from $want (above)"
    fi
done
if python3 tests/sqlite/check_docs.py docs/sqlite.md "$db" tests/sqlite tests/sqlite/constructs; then ok; else
    no "docs/sqlite.md does not match the database or the queries"
fi

# --- integrity ----------------------------------------------------------------
sqlite3 -batch "$db" 'PRAGMA foreign_key_check;' >"$tmp/fk" 2>&1
[ ! -s "$tmp/fk" ] && ok || { no "PRAGMA foreign_key_check finds rows"; head -5 "$tmp/fk"; }
[ "$(sqlite3 -batch "$db" 'PRAGMA integrity_check;')" = ok ] && ok || no "PRAGMA integrity_check"
[ "$(sqlite3 -batch "$db" 'PRAGMA user_version;')" = 3 ] && ok || no "user_version is not 3"
[ -z "$(sqlite3 -batch "$db" 'SELECT * FROM check_partition_sums;')" ] && ok ||
    no "check_partition_sums is not empty: a breakdown does not add up in the database"
# The views of the lint's findings give what README's table of findings says.
[ "$(sqlite3 -batch "$db" 'SELECT COUNT(*) FROM check_target_restates_name')" = 3 ] && ok ||
    no "check_target_restates_name: not the three of 沅江 (W0501)"
[ "$(sqlite3 -batch "$db" "SELECT group_concat(name, ',') FROM check_timeliness_unmeasured")" = \
    "设备到位及时性,年度培训任务按计划进度完成" ] && ok || no "check_timeliness_unmeasured: not the two of 望城 (W0504)"
# The checks of the other constructs: the stage after the 实施期 (W0141) and
# the two duties no project carries.
cq() { sqlite3 -batch "$tmp/constructs.db" "$1" 2>&1; }
[ -z "$(cq 'PRAGMA foreign_key_check;')" ] && ok || no "constructs: PRAGMA foreign_key_check finds rows"
[ "$(cq "SELECT project || ':' || name || ':' || line FROM check_schedule_outside_period")" = \
    "农村饮水安全巩固提升:竣工验收:39" ] && ok || no "check_schedule_outside_period: $(cq 'SELECT * FROM check_schedule_outside_period')"
"$goalc" check tests/sqlite/sqlmap.goal 2>&1 | grep -q 'sqlmap.goal:39:.*W0141' && ok ||
    no "tests/sqlite/sqlmap.goal:39 is not W0141, which check_schedule_outside_period mirrors"
[ "$(cq "SELECT group_concat(name, ',') FROM check_duties_without_projects")" = "人口家庭服务,水旱灾害防御" ] && ok ||
    no "check_duties_without_projects: $(cq 'SELECT * FROM check_duties_without_projects')"
# A duty table names a project written before its department and one written inside it.
[ "$(cq "SELECT group_concat(d.name || '>' || t.kind || ':' || t.id, ',') FROM duty_rows d JOIN goal_tables t ON t.id = d.project_id")" = \
    "$(cq "SELECT group_concat(d.name || '>project:' || (SELECT id FROM goal_tables WHERE name = d.name AND kind = 'project'), ',') FROM duty_rows d WHERE level = 'project'")" ] && ok ||
    no "duty_rows.project_id: not the projects' rows"
# Each table's rows say where they came from.
[ "$(sqlite3 -batch "$db" "SELECT group_concat(path, ' ') FROM sources WHERE included = 0")" = \
    "$(echo examples/*.goal)" ] && ok || no "sources: not the inputs in order"

# --- exact numbers at the edges ----------------------------------------------------
# Less than a 分, or more decimals than a dimension's int_scale: NULL in the
# integer column, the text still exact; 18 digits fit; a range in 万人 is in 人.
expect 0 "build tests/sqlite/extremes.goal" "$goalc" build -w --format sqlite -o "$tmp/edge.db" tests/sqlite/extremes.goal
q() { sqlite3 -batch "$tmp/edge.db" "$1" 2>&1; }
[ "$(q "SELECT total || ',' || total_yuan || ',' || ifnull(total_fen, 'NULL') FROM fund_lines WHERE depth = 0")" =     "0.005,0.005,NULL" ] && ok || no "0.005 元: $(q "SELECT total_fen FROM fund_lines WHERE depth = 0")"
[ "$(q "SELECT base_int FROM targets WHERE value = '999999999999999999'")" = 999999999999999999 ] && ok ||
    no "18 digits: $(q "SELECT base_int FROM targets WHERE value = '999999999999999999'")"
[ "$(q "SELECT base_value || ',' || ifnull(base_int, 'NULL') FROM targets WHERE unit = '%' AND value = '0.00001'")" =     "0.00001,NULL" ] && ok || no "0.00001 %: not NULL in base_int"
[ "$(q "SELECT base_value || '..' || base_high FROM targets WHERE kind = 'range'")" = "15000..25000" ] && ok ||
    no "1.5..2.5 万人: $(q "SELECT base_value, base_high FROM targets WHERE kind = 'range'")"
[ "$(q "SELECT date || '..' || date_to FROM targets WHERE kind = 'period'")" = "2024-01..2024-03" ] && ok ||
    no "a period of months"
[ "$(q "SELECT name FROM check_satisfaction_below_90")" = "满意" ] && ok || no "≥ 89.99 % is below 90 %"
[ "$(q "SELECT COUNT(*) FROM categories WHERE not_applicable = 1")" = 1 ] && ok || no "不适用"

# --- the same as the JSON -----------------------------------------------------
mkdir "$tmp/json"
jsons=""
for f in examples/*.goal; do
    "$goalc" build -w -o "$tmp/json/$(basename "$f" .goal).json" "$f" || no "$f: no JSON"
    jsons="$jsons $tmp/json/$(basename "$f" .goal).json"
done
# shellcheck disable=SC2086
python3 tests/sqlite/check_json.py "$db" $jsons >"$tmp/cmp" && ok ||
    { no "the examples' database differs from their JSON"; cat "$tmp/cmp"; }
jsons=""
for f in tests/golden/*.goal; do
    "$goalc" build -w -o "$tmp/json/golden-$(basename "$f" .goal).json" "$f" || no "$f: no JSON"
    jsons="$jsons $tmp/json/golden-$(basename "$f" .goal).json"
done
expect 0 "build --format sqlite tests/golden/*.goal" "$goalc" build -w --format sqlite -o "$tmp/golden.db" tests/golden/*.goal
# shellcheck disable=SC2086
python3 tests/sqlite/check_json.py "$tmp/golden.db" $jsons >"$tmp/cmp" && ok ||
    { no "the golden cases' database differs from their JSON"; cat "$tmp/cmp"; }
# Every construct is there: the golden cases write each of them at least once.
for t in form_columns column_cells duty_rows schedule_rows computations computation_inputs shares; do
    [ "$(sqlite3 -batch "$tmp/golden.db" "SELECT COUNT(*) > 0 FROM $t")" = 1 ] && ok ||
        no "the golden cases' database has no row in $t"
done
sqlite3 -batch "$tmp/golden.db" 'PRAGMA foreign_key_check;' >"$tmp/fk" 2>&1
[ ! -s "$tmp/fk" ] && ok || { no "golden: PRAGMA foreign_key_check finds rows"; head -5 "$tmp/fk"; }
jsons=""
for f in tests/sqlite/*.goal; do
    "$goalc" build -w -o "$tmp/json/sqlite-$(basename "$f" .goal).json" "$f" || no "$f: no JSON"
    jsons="$jsons $tmp/json/sqlite-$(basename "$f" .goal).json"
done
expect 0 "build --format sqlite tests/sqlite/*.goal" "$goalc" build -w --format sqlite -o "$tmp/tests.db" tests/sqlite/*.goal
# shellcheck disable=SC2086
python3 tests/sqlite/check_json.py "$tmp/tests.db" $jsons >"$tmp/cmp" && ok ||
    { no "tests/sqlite/*.goal: the database differs from their JSON"; cat "$tmp/cmp"; }

# --- the same bytes -----------------------------------------------------------
"$goalc" build -w --format sqlite -o "$tmp/again.db" examples/*.goal
cmp -s "$db" "$tmp/again.db" && ok || no "two builds give different databases"
"$goalc" build -w -j 2 --format sqlite -o "$tmp/j2.db" examples/*.goal
cmp -s "$db" "$tmp/j2.db" && ok || no "-j 2 gives a different database"
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$goalc" build -w --lang zh --format sqlite -o "$tmp/zh.db" examples/*.goal
cmp -s "$db" "$tmp/zh.db" && ok || no "--lang zh gives a different database"

# --- where it goes ------------------------------------------------------------
cd "$tmp" || exit 2
ex=$root/examples/yuanjiang-health-2024.goal
expect 0 "-o DIR/" "$goalc" build -w --format sqlite -o dir/ "$ex"
[ -s dir/tables.db ] && ok || no "-o dir/ did not write dir/tables.db"
mkdir exists
expect 0 "-o an existing directory" "$goalc" build -w --format sqlite -o exists "$ex"
[ -s exists/tables.db ] && ok || no "-o exists did not write exists/tables.db"
cmp -s dir/tables.db exists/tables.db && ok || no "-o dir/ and -o exists differ"
expect 0 "with other formats" "$goalc" build -w --format json,csv,sqlite -o both/ "$ex"
for f in yuanjiang-health-2024.json indicators.csv funds.csv tables.db; do
    [ -s "both/$f" ] && ok || no "--format json,csv,sqlite -o both/: no both/$f"
done
cmp -s dir/tables.db both/tables.db && ok || no "with other formats: a different database"
expect 0 "-o a new name" "$goalc" build -w --format sqlite -o review.sqlite "$ex" "$root/examples/wangcheng-health-2023.goal"
[ -f review.sqlite ] && ok || no "-o review.sqlite with two inputs did not write that file"
# With other formats OUT is a directory: -o x.db (new) and an existing file are refused.
expect 2 "-o x.db with other formats" "$goalc" build -w --format json,sqlite -o x.db "$ex"
has "$tmp/stderr" "with other formats, sqlite writes tables.db into a directory; for the database alone" \
    "-o x.db with other formats: message"
[ ! -e x.db ] && ok || no "-o x.db with other formats: x.db was created"
expect 0 "-o x.db/ with other formats" "$goalc" build -w --format json,sqlite -o x.db/ "$ex"
[ -s x.db/tables.db ] && ok || no "-o x.db/: no x.db/tables.db"
: >plain.txt
expect 2 "-o a file with other formats" "$goalc" build -w --format md,sqlite -o plain.txt "$ex"
has "$tmp/stderr" "sqlite writes tables.db into a directory, and plain.txt is not one" "-o a file: message"
[ ! -s plain.txt ] && ok || no "-o a file with other formats: plain.txt was written"
cp "$db" old.db
expect 0 "-o an existing database" "$goalc" build -w --format sqlite -o old.db "$ex"
cmp -s old.db dir/tables.db && ok || no "-o an existing database: not replaced"
expect 2 "no -o" "$goalc" build -w --format sqlite "$ex"
has "$tmp/stderr" "sqlite writes a database file: give -o FILE" "no -o: message"
[ ! -s "$tmp/stdout" ] && ok || no "no -o: something was written to standard output"
expect 2 "-o -" "$goalc" build -w --format sqlite -o - "$ex"
LANG=zh_CN.UTF-8 expect 2 "no -o, in Chinese" "$goalc" --lang zh build -w --format sqlite "$ex"
has "$tmp/stderr" "sqlite 输出一个数据库文件" "no -o: message in Chinese"
# The database over an input is refused before anything is written.
cp "$ex" in.goal
expect 2 "the database over an input" "$goalc" build -w --format sqlite -o in.goal in.goal
has "$tmp/stderr" "the output in.goal is the input in.goal" "the database over an input: message"
cmp -s in.goal "$ex" && ok || no "the database over an input: the input was overwritten"

# An included file is a source of its input, and a project there names its department.
mkdir inc
printf '部门 "主" {\n    资金 100 { 按 支出性质 { 基本支出 60  项目支出 40 } }\n}\n引用 "proj.goal"\n' >inc/main.goal
printf '项目 "子项目" {\n    部门 "主"\n    资金 40\n}\n' >inc/proj.goal
expect 0 "an input with an include" "$goalc" build -w --format sqlite -o inc.db inc/main.goal "$ex"
[ "$(sqlite3 -batch inc.db "SELECT group_concat(id || ':' || input || ':' || path || ':' || included, ' ') FROM sources")" = \
    "1:1:inc/main.goal:0 2:1:inc/proj.goal:1 3:2:$ex:0" ] && ok || no "an include: sources $(sqlite3 inc.db 'SELECT * FROM sources')"
[ "$(sqlite3 -batch inc.db "SELECT department_id || ':' || source_id || ':' || line FROM goal_tables WHERE name = '子项目'")" = \
    "1:2:1" ] && ok || no "an include: the project's row"

# --- atomic: nothing half-written, nothing left behind ------------------------
mkdir atom
printf '部门 "坏" { 资金 10 { 按 收入性质 { 一般公共预算 6 } } }\n' >bad.goal
expect 1 "an input with errors" "$goalc" build -w --format sqlite -o atom/new.db "$ex" bad.goal
[ -z "$(ls -A atom)" ] && ok || no "an input with errors: atom/ holds $(ls -A atom)"
cp "$db" atom/tables.db
expect 1 "an input with errors, over an old database" "$goalc" build -w --format sqlite -o atom/tables.db "$ex" bad.goal
cmp -s "$db" atom/tables.db && ok || no "an input with errors: the old database was changed"
[ "$(ls -A atom)" = tables.db ] && ok || no "an input with errors: atom/ holds $(ls -A atom)"
# A write that fails half-way: a file-size limit of 8 blocks, SIGXFSZ ignored so
# that write() fails with EFBIG.
(trap '' XFSZ; ulimit -f 8 && exec "$goalc" build -w --format sqlite -o atom/tables.db "$ex") \
    >"$tmp/stdout" 2>"$tmp/stderr"
st=$?
[ $st = 2 ] && ok || no "a failing write: exit $st, expected 2"
has "$tmp/stderr" "cannot write atom/tables.db" "a failing write: message"
cmp -s "$db" atom/tables.db && ok || no "a failing write: the old database was changed"
[ "$(ls -A atom)" = tables.db ] && ok || no "a failing write: atom/ holds $(ls -A atom)"
expect 2 "-o /dev/full" "$goalc" build -w --format sqlite -o /dev/full "$ex"
has "$tmp/stderr" "cannot write /dev/full: No space left on device" "-o /dev/full: message"
expect 2 "a directory that cannot be made" "$goalc" build -w --format sqlite -o bad.goal/x/ "$ex"
cd "$root" || exit 2

# --- make demo ----------------------------------------------------------------
# Its commands as make would run them, without making anything else: only
# the lines that write into DEMO_OUT (mkdir, goalc build, ls).
if make -n -s --no-print-directory demo DEMO_OUT="$tmp/demo" GOALC="$goalc" >"$tmp/demo.all" 2>&1 &&
    grep -F "$tmp/demo" "$tmp/demo.all" >"$tmp/demo.sh" &&
    grep -q -- "--format [a-z,]*sqlite" "$tmp/demo.sh" &&
    sh "$tmp/demo.sh" >"$tmp/demo.out" 2>&1; then ok; else
    no "make demo fails"
    sed 's/^/    /' "$tmp/demo.out" | head -5
fi
[ "$(sqlite3 -batch "$tmp/demo/tables.db" 'SELECT COUNT(*) FROM indicators;' 2>&1)" = \
    "$(sqlite3 -batch "$db" 'SELECT COUNT(*) FROM indicators;')" ] && ok ||
    no "make demo did not write DEMO_OUT/tables.db of every example"

lib_summary sqlite
