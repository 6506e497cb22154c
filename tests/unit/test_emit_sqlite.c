/*
 * test_emit_sqlite.c - the SQLite back end (emit_sqlite.c) through its
 * interface, struct emit_database_ops: the database it writes is read
 * back with libsqlite3 (sqlite3_deserialize), as a reader would.  A
 * top-level project before its department gets its department's id (the
 * deferred foreign key); several inputs continue the ids; amounts are
 * exact in 分; the same inputs give the same bytes; add or write after
 * the write is refused with a reason, never a crash.  Rows that name
 * others by id (schema version 3) name the right ones, even when those
 * are written after them: a duty's project, a 计算's indicator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "platform/platform.h"
#include "driver.h"
#include "emit/emit.h"
#include "model/compilation.h"

static const char project_first[] =
    "项目 \"培训\" {\n"
    "    部门 \"卫生局\"\n"
    "    资金 12.345678 { 本级 10  上级 2.345678 }\n"
    "}\n"
    "部门 \"卫生局\" {\n"
    "    年度 2024\n"
    "    资金 100 { 按 支出性质 { 基本支出 87.654322  项目支出 12.345678 } }\n"
    "}\n";

static const char constructs[] =
    "项目 \"先\" {\n"
    "    部门 \"水利局\"\n"
    "    资金 30\n"
    "}\n"
    "部门 \"水利局\" {\n"
    "    年度 2024\n"
    "    资金 100 { 按 支出性质 { 基本支出 50  项目支出 50 占比 50% } }\n"
    "    履职 { 职能 \"供水\" { 任务 \"改造\" { 项目 \"先\" 30  项目 \"后\" 200000 元 } } }\n"
    "    指标 { 产出 { 数量 {\n"
    "        \"人均\" ≤ 0.005 万元/人 计算 资金 ÷ \"人数\" 栏 说明 \"总额除以人数\"\n"
    "        \"人数\" ≥ 20000 人\n"
    "    } }\n"
    "    效益指标 { 不适用 }  满意度指标 { 不适用 } }\n"
    "    项目 \"后\" { 资金 20 }\n"
    "}\n";

static const char second[] = "部门 \"民政局\" {\n    资金 元 3.05\n}\n";

static struct compilation *
compile(const char *name, const char *text)
{
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    assert_non_null(c);
    assert_int_equal(driver_run_bytes(c, name, text, strlen(text)), COMPILE_OK);
    return c;
}

/* The database of the inputs, as the bytes write gives; *len their count. */
static char *
database_of(const char *const *texts, size_t count, size_t *len)
{
    struct emit_database *db = emit_sqlite.open(NULL);
    assert_non_null(db);
    for (size_t i = 0; i < count; i++) {
        char name[32];
        snprintf(name, sizeof name, "in%zu.goal", i + 1);
        struct compilation *c = compile(name, texts[i]);
        assert_true(emit_sqlite.add(db, c));
        compilation_free(c);
    }
    char *bytes = NULL;
    FILE *out = platform_memstream_open(&bytes, len);
    assert_non_null(out);
    assert_true(emit_sqlite.write(db, out));
    assert_int_equal(platform_memstream_close(out), 0);
    emit_sqlite.close(db);
    assert_non_null(bytes);
    return bytes;
}

/* A connection on a copy of the bytes. */
static sqlite3 *
read_back(const char *bytes, size_t len)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    unsigned char *copy = sqlite3_malloc64(len);
    assert_non_null(copy);
    memcpy(copy, bytes, len);
    assert_int_equal(sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
                                         SQLITE_DESERIALIZE_FREEONCLOSE),
                     SQLITE_OK);
    return db;
}

/* The first column of the first row of sql, as text ("NULL" for NULL), in buf. */
static const char *
query(sqlite3 *db, const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *t = sqlite3_column_text(st, 0);
    snprintf(buf, size, "%s", t != NULL ? (const char *)t : "NULL");
    sqlite3_finalize(st);
    return buf;
}

static void
project_before_its_department(void **state)
{
    (void)state;
    const char *texts[] = {project_first};
    size_t len;
    char *bytes = database_of(texts, 1, &len);
    sqlite3 *db = read_back(bytes, len);
    char buf[128];
    assert_string_equal(
        query(db, "SELECT group_concat(id || kind, ',') FROM goal_tables", buf, sizeof buf),
        "1project,2department");
    assert_string_equal(
        query(db, "SELECT department_id FROM goal_tables WHERE kind = 'project'", buf, sizeof buf),
        "2");
    /* A top-level project without 年度 has its department's, though the department comes
       after it (sema_names' decl.year). */
    assert_string_equal(query(db, "SELECT year FROM goal_tables WHERE id = 1", buf, sizeof buf),
                        "2024");
    assert_string_equal(query(db, "SELECT COUNT(*) FROM pragma_foreign_key_check", buf, sizeof buf),
                        "0");
    sqlite3_close(db);
    free(bytes);
}

static void
amounts_are_exact(void **state)
{
    (void)state;
    const char *texts[] = {project_first, second};
    size_t len;
    char *bytes = database_of(texts, 2, &len);
    sqlite3 *db = read_back(bytes, len);
    char buf[128];
    /* 12.345678 万元 is 123456.78 元; 0.000001 万元 is 1 分. */
    assert_string_equal(query(db,
                              "SELECT total || ' ' || total_yuan || ' ' || total_fen "
                              "FROM fund_lines WHERE id = 1",
                              buf, sizeof buf),
                        "12.345678 123456.78 12345678");
    assert_string_equal(
        query(db, "SELECT SUM(total_fen) FROM fund_lines WHERE depth = 1 AND table_id = 1", buf,
              sizeof buf),
        "12345678");
    /* The second input: its own source, the ids go on, 元 stay 元. */
    assert_string_equal(query(db,
                              "SELECT group_concat(id || ':' || input || ':' || path, ' ') "
                              "FROM sources",
                              buf, sizeof buf),
                        "1:1:in1.goal 2:2:in2.goal");
    assert_string_equal(query(db,
                              "SELECT id || ' ' || total_fen || ' ' || unit || ' ' || "
                              "source_id FROM fund_lines WHERE table_id = 3",
                              buf, sizeof buf),
                        "7 305 元 2");
    sqlite3_close(db);
    free(bytes);
}

static void
same_inputs_same_bytes(void **state)
{
    (void)state;
    const char *texts[] = {project_first, second};
    size_t len1, len2;
    char *a = database_of(texts, 2, &len1);
    char *b = database_of(texts, 2, &len2);
    assert_int_equal(len1, len2);
    assert_memory_equal(a, b, len1);
    free(a);
    free(b);
}

static void
add_after_write_fails_cleanly(void **state)
{
    (void)state;
    struct emit_database *db = emit_sqlite.open(NULL);
    assert_non_null(db);
    struct compilation *c = compile("in.goal", second);
    assert_true(emit_sqlite.add(db, c));
    char *bytes = NULL;
    size_t len;
    FILE *out = platform_memstream_open(&bytes, &len);
    assert_true(emit_sqlite.write(db, out));
    platform_memstream_close(out);
    free(bytes);
    /* The transaction is over: nothing more is added, nor written again. */
    assert_false(emit_sqlite.add(db, c));
    assert_string_equal(emit_sqlite.error(db), sqlite3_errstr(SQLITE_MISUSE));
    assert_false(emit_sqlite.add(db, c)); /* and stays failed */
    out = platform_memstream_open(&bytes, &len);
    assert_false(emit_sqlite.write(db, out));
    platform_memstream_close(out);
    free(bytes);
    compilation_free(c);
    emit_sqlite.close(db);
}

static void
rows_name_rows_written_later(void **state)
{
    (void)state;
    const char *texts[] = {constructs};
    size_t len;
    char *bytes = database_of(texts, 1, &len);
    sqlite3 *db = read_back(bytes, len);
    char buf[256];
    /* Tables: 1 先 (top level, first), 2 水利局, 3 后 (inside, after the duty table). */
    assert_string_equal(
        query(db, "SELECT group_concat(name || ':' || level || ':' || ifnull(project_id, '-') || ':' "
                  "|| ifnull(amount_fen, '-') || ':' || computed, ' ') FROM duty_rows", buf, sizeof buf),
        "供水:duty:-:50000000:1 改造:task:-:50000000:1 先:project:1:30000000:0 后:project:3:20000000:0");
    assert_string_equal(
        query(db, "SELECT group_concat(i.kind || ':' || ifnull(n.name, f.depth) || ':' || i.value, ' ') "
                  "FROM computation_inputs i LEFT JOIN indicators n ON n.id = i.indicator_id "
                  "LEFT JOIN fund_lines f ON f.id = i.fund_line_id", buf, sizeof buf),
        "fund:0:100 indicator:人数:20000");
    assert_string_equal(query(db, "SELECT value || ' ' || unit || ' ' || matches || ' ' || base_int "
                                  "FROM computations", buf, sizeof buf),
                        "0.005 万元/人 1 500000"); /* 50 元/人 in ten-thousandths */
    assert_string_equal(query(db, "SELECT f.name || ' of ' || w.depth || ': ' || s.value FROM shares s "
                                  "JOIN fund_lines f ON f.id = s.fund_line_id "
                                  "JOIN fund_lines w ON w.id = s.whole_id", buf, sizeof buf),
                        "项目支出 of 0: 50");
    assert_string_equal(query(db, "SELECT c.row_set || ':' || c.name || ':' || x.text FROM column_cells x "
                                  "JOIN form_columns c ON c.id = x.column_id", buf, sizeof buf),
                        "year:说明:总额除以人数");
    assert_string_equal(query(db, "SELECT COUNT(*) FROM pragma_foreign_key_check", buf, sizeof buf), "0");
    assert_string_equal(query(db, "PRAGMA user_version", buf, sizeof buf), "3");
    sqlite3_close(db);
    free(bytes);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(project_before_its_department),
        cmocka_unit_test(amounts_are_exact),
        cmocka_unit_test(same_inputs_same_bytes),
        cmocka_unit_test(add_after_write_fails_cleanly),
        cmocka_unit_test(rows_name_rows_written_later),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
