/*
 * test_import.c - goalc import's readers without a workbook: goalc's CSV
 * (quotes, a byte-order mark, CRLF, cells neutralised against formulas,
 * the 栏 cell) and the sheet finder on grids built here (a merged 一级
 * over several rows, an empty cell carrying the category above, labels
 * with spaces and fullwidth colons, a stray cell kept as a note), and the
 * model sheets of goalc's workbook (import_model.c), and its form sheets
 * compared with them (import_formcheck.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "diag/diag.h"
#include "front/import.h"

static struct arena *arena;
static struct diag_sink sink;

static int
setup(void **state)
{
    (void)state;
    arena = arena_create();
    diag_sink_init(&sink, arena, DIAG_LANG_EN);
    return arena == NULL;
}

static int
teardown(void **state)
{
    (void)state;
    arena_destroy(arena);
    return 0;
}

static const char *
written(struct import_doc *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    import_write_goal(mem, d);
    fclose(mem);
    const char *copy = arena_strndup(arena, text, len);
    free(text);
    return copy;
}

static void
csv_quotes_bom_crlf_and_formulas(void **state)
{
    (void)state;
    static const char csv[] =
        "\xEF\xBB\xBF"
        "department,project,level1,level2,item,indicator,kind,comparator,value,high,unit,target,"
        "standard,weight,note,file,line,actual,actual_value,actual_unit,score,score_computed,"
        "deviation,direction,set,columns\r\n"
        "某局,,产出指标,数量指标,,\"'=SUM(A1), \"\"x\"\"\",comparison,ge,5,,人,≥5人,,,,f,1,,,,,,,,year,"
        "\"评分标准: 每少1人\\n扣1分\r\n指标解释: 人次\"\r\n";
    struct import_doc d = {.arena = arena, .file = "indicators.csv"};
    assert_true(import_csv_read(&d, &sink, csv, sizeof csv - 1, NULL, 0, "indicators.csv", NULL));
    assert_int_equal(d.table_count, 1);
    const struct import_indicator *i = &d.tables[0].indicators[0];
    assert_string_equal(i->name, "=SUM(A1), \"x\"");
    assert_string_equal(i->target, "≥5人");
    assert_int_equal(i->column_count, 2);
    assert_string_equal(i->columns[0].text, "每少1人\n扣1分"); /* CRLF ends a column too */
    assert_string_equal(i->columns[1].name, "指标解释");
    assert_non_null(strstr(written(&d), "\"=SUM(A1), \\\"x\\\"\" ≥5人 栏"));
}

static void
csv_unclosed_quote_is_an_error(void **state)
{
    (void)state;
    static const char csv[] = "indicator\n\"open\n";
    struct import_doc d = {.arena = arena, .file = "x.csv"};
    size_t before = sink.errors;
    assert_false(import_csv_read(&d, &sink, csv, sizeof csv - 1, NULL, 0, "x.csv", NULL));
    assert_int_equal(sink.errors, before + 1);
}

/* A grid from rows of strings (NULL: empty), cols wide. */
static struct import_grid
grid(const char *const *cells, size_t rows, size_t cols)
{
    struct import_grid g = {.sheet = "S", .rows = rows, .cols = cols};
    g.cells = arena_alloc(arena, rows * cols * sizeof *g.cells);
    g.merged = arena_alloc(arena, rows * cols);
    memcpy(g.cells, cells, rows * cols * sizeof *g.cells);
    memset(g.merged, 0, rows * cols);
    return g;
}

static void
sheet_finds_labels_merges_and_notes(void **state)
{
    (void)state;
    const char *const cells[] = {
        "项 目 名 称：", "培训",     NULL,         NULL,
        "主管部门:",     "某局",     NULL,         "（签章）",
        "一级指标",      "二级指标", "三级指标",   "指标值",
        "产出指标",      "数量指标", "人数",       "≥500人",
        "产出指标",      "数量指标", "课时",       "不低于40课时",
        NULL,            "质量指标", "合格率",     "≥95%",
        "效益指标",      NULL,       "能力",       "有所提升",
    };
    struct import_grid g = grid(cells, 7, 4);
    /* rows 4 and 5 of column A: one merged range (A4:A5), as the reader fills it */
    g.merged[4 * 4 + 0] = 1;
    struct import_doc d = {.arena = arena, .file = "x.xlsx"};
    assert_true(import_sheet_read(&d, &g));
    assert_int_equal(d.table_count, 2); /* the project, and its department written empty */
    const struct import_table *t = &d.tables[0];
    assert_true(t->project);
    assert_string_equal(t->name, "培训");
    assert_string_equal(t->department, "某局");
    assert_int_equal(t->indicator_count, 4);
    assert_string_equal(t->indicators[2].level1, "产出指标"); /* carried over the empty A6 */
    assert_string_equal(t->indicators[2].level2, "质量指标");
    assert_string_equal(t->indicators[3].level1, "效益指标");
    assert_string_equal(t->indicators[3].level2, ""); /* a new 一级: no 二级 carried */
    assert_true(t->indicators[3].qualitative);
    assert_int_equal(d.note_count, 1);
    assert_string_equal(d.notes[0].where, "S!D2");
    assert_string_equal(d.notes[0].text, "（签章）");
}

static void
sheet_without_header_is_no_table(void **state)
{
    (void)state;
    const char *const cells[] = {"会议纪要", NULL, "一级指标", "三级指标"};
    struct import_grid g = grid(cells, 2, 2);
    struct import_doc d = {.arena = arena, .file = "x.xlsx"};
    assert_false(import_sheet_read(&d, &g));
    assert_int_equal(d.table_count, 0);
}

/* A sheet named name from rows of strings (NULL: empty), cols wide. */
static struct import_grid
named(const char *name, const char *const *cells, size_t rows, size_t cols)
{
    struct import_grid g = grid(cells, rows, cols);
    g.sheet = name;
    return g;
}

/*
 * goalc's workbook's model sheets (import_model.c): categories order the
 * rows and add an empty and a 不适用 category; duties nest by their level;
 * a row naming no table, and a duty of an unknown level, are notes.
 */
static void
model_sheets_order_nest_and_note(void **state)
{
    (void)state;
    const char *const tables[] = {
        "department", "project", "framework", "year", "period", "goal", "period_goal",
        "duties", "actual", "inverse_rule", "total_points", "score", "grade",
        "indicators_weight", "indicators_score", "money_unit", "nested",
        "某局", NULL, "2020", "2024", NULL, "完成任务", NULL, NULL, NULL, "比值", NULL, NULL,
        NULL, "90", NULL, "元", NULL,
    };
    const char *const cats[] = {
        "department", "project", "set", "level1", "level2", "not_applicable", "weight", "score",
        "implied",
        "某局", NULL, "year", "产出指标", NULL, "false", "50", NULL, "false",
        "某局", NULL, "year", "产出指标", "成本指标", "false", NULL, NULL, "false",
        "某局", NULL, "year", "产出指标", "数量指标", "false", NULL, NULL, "false",
        "某局", NULL, "year", "效益指标", NULL, "true", NULL, NULL, "false",
        "别局", NULL, "year", "效益指标", NULL, "true", NULL, NULL, "false",
    };
    const char *const attrs[] = {"department", "project", "name", "text"};
    const char *const sched[] = {"department", "project", "name", "when"};
    const char *const duties[] = {
        "department", "project", "level", "name", "amount", "unit",
        "某局", NULL, "duty", "卫生", "10", "万元",
        "某局", NULL, "task", "防控", "10", NULL,
        "某局", NULL, "project", "疾控", "10", NULL,
        "某局", NULL, "duty", "监督", NULL, NULL,
        "某局", NULL, "subtask", "巡查", NULL, NULL,
    };
    const char *const decls[] = {"text", "量纲 人数 { 名额 }"};
    struct import_grid g[] = {
        named("tables", tables, 2, 17),    named("categories", cats, 6, 9),
        named("attributes", attrs, 1, 4), named("schedule", sched, 1, 4),
        named("duties", duties, 6, 6),    named("declarations", decls, 2, 1),
    };
    struct import_model m;
    assert_true(import_model_find(g, 6, &m));
    struct import_doc d = {.arena = arena, .file = "x.xlsx"};
    assert_true(import_model_check(&d, &sink, &m));
    import_model_read(&d, &m);
    struct import_table *t = &d.tables[0];
    struct import_indicator *ind = import_add_indicator(&d, t); /* a row of indicators */
    *ind = (struct import_indicator){.where = "indicators!A2", .level1 = "产出指标",
                                     .level2 = "数量指标", .name = "人数", .target = "≥ 5 人"};
    import_model_finish(&d, &m);
    assert_int_equal(d.table_count, 1);
    assert_int_equal(t->indicator_count, 3); /* 成本指标 empty, 人数, 效益指标 不适用 */
    assert_true(t->indicators[0].empty);
    assert_string_equal(t->indicators[0].level2, "成本指标");
    assert_string_equal(t->indicators[1].name, "人数");
    assert_string_equal(t->indicators[1].l1_weight, "50");
    assert_true(t->indicators[2].not_applicable);
    assert_int_equal(t->duty_count, 4);
    assert_int_equal(t->duties[2].level, 2);
    assert_int_equal(d.note_count, 2);
    assert_string_equal(d.notes[0].where, "categories!A6");
    assert_string_equal(d.notes[1].where, "duties!A6");
    const char *text = written(&d);
    assert_non_null(strstr(text, "量纲 人数 { 名额 }"));
    assert_non_null(strstr(text, "反向计分 比值"));
    assert_non_null(strstr(text, "指标 分值 90 {"));
    assert_non_null(strstr(text, "成本指标 {\n            }"));
    assert_non_null(strstr(text, "职能 \"卫生\" 10 万元 {\n            任务 \"防控\" 10 {\n"
                                 "                项目 \"疾控\" 10\n            }\n        }\n"
                                 "        职能 \"监督\"\n    }"));
}

/* A model sheet that lost a column is E0041, nothing read. */
static void
model_sheet_without_column_is_an_error(void **state)
{
    (void)state;
    const char *const tables[] = {"department", "project"};
    struct import_grid g[] = {named("tables", tables, 1, 2)};
    struct import_model m;
    assert_true(import_model_find(g, 1, &m));
    struct import_doc d = {.arena = arena, .file = "x.xlsx"};
    size_t before = sink.errors;
    assert_false(import_model_check(&d, &sink, &m));
    assert_int_equal(sink.errors, before + 1);
}

/*
 * goalc's workbook's form sheet against its data sheets (import_formcheck.c):
 * a target as the source spells it (≧, 不少于, >=, 1,000) is the target of
 * the row; 6727 and 6727.00 are one amount; only what was changed (a
 * target, an amount, a text) is an edit, at the form's cell; a form whose
 * table the data lack is one edit without a data cell.
 */
static void
form_check_compares_like_with_like(void **state)
{
    (void)state;
    /* labels in column A, the indicator table in B to E */
    const char *const form2[] = {
        "2024年部门整体支出绩效目标表", NULL, NULL, NULL, NULL,
        "部门名称", "某局", NULL, NULL, NULL,
        "资金总额", "6727.00", NULL, NULL, NULL,
        "一般公共预算", "6000", NULL, NULL, NULL,
        "整体绩效目标", "完成全年任务", NULL, NULL, NULL,
        NULL, "一级指标", "二级指标", "三级指标", "指标值及单位",
        NULL, "产出指标", "数量指标", "签约数", "≧548000人",
        NULL, "产出指标", "数量指标", "讲座", "不少于120人次",
        NULL, "产出指标", "数量指标", "培训", ">=1,000人",
        NULL, "产出指标", "质量指标", "合格率", "≥98%",
    };
    const char *const ind[] = {
        "department", "project", "level1", "level2", "indicator", "target", "target_written", "set",
        "某局", NULL, "产出指标", "数量指标", "签约数", "≥548000人", "≧548000 人", "year",
        "某局", NULL, "产出指标", "数量指标", "讲座", "≥120人次", "不少于 120 人次", "year",
        "某局", NULL, "产出指标", "数量指标", "培训", "≥1000人", ">= 1,000 人", "year",
        "某局", NULL, "产出指标", "质量指标", "合格率", "≥95%", "≥ 95%", "year",
    };
    const char *const funds[] = {
        "department", "project", "path", "name", "amount",
        "某局", NULL, NULL, NULL, "6727",
        "某局", NULL, "按收入性质", "一般公共预算", "6727",
    };
    const char *const tables[] = {"department", "project", "year", "goal",
                                  "某局", NULL, "2024", "完成全年任务"};
    struct import_grid g = named("某局", form2, 10, 5), ig = named("indicators", ind, 5, 8),
                       fg = named("funds", funds, 3, 5), tg = named("tables", tables, 2, 4);
    struct import_model m = {.tables = &tg};
    struct import_doc d = {.arena = arena, .file = "x.xlsx"};
    import_form_check(&d, &g, &ig, &fg, &m);
    assert_int_equal(d.edit_count, 2);
    assert_string_equal(d.edits[0].at, "某局!E10");
    assert_string_equal(d.edits[0].form, "≥98%");
    assert_string_equal(d.edits[0].data, "≥95%");
    assert_string_equal(d.edits[0].data_at, "indicators!F5");
    assert_string_equal(d.edits[1].at, "某局!B4");
    assert_string_equal(d.edits[1].what, "一般公共预算");
    assert_string_equal(d.edits[1].data_at, "funds!E3");
    /* the same sheet naming a table the data lack */
    const char *const other[] = {"部门名称", "别局", NULL, "一级指标", "二级指标", "三级指标"};
    struct import_grid o = named("别局", other, 2, 3);
    struct import_doc d2 = {.arena = arena, .file = "x.xlsx"};
    import_form_check(&d2, &o, &ig, &fg, &m);
    assert_int_equal(d2.edit_count, 1);
    assert_string_equal(d2.edits[0].at, "别局!A1");
    assert_string_equal(d2.edits[0].what, "别局");
    assert_null(d2.edits[0].data_at);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(csv_quotes_bom_crlf_and_formulas, setup, teardown),
        cmocka_unit_test_setup_teardown(csv_unclosed_quote_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(sheet_finds_labels_merges_and_notes, setup, teardown),
        cmocka_unit_test_setup_teardown(sheet_without_header_is_no_table, setup, teardown),
        cmocka_unit_test_setup_teardown(model_sheets_order_nest_and_note, setup, teardown),
        cmocka_unit_test_setup_teardown(model_sheet_without_column_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(form_check_compares_like_with_like, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
