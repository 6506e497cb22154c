/*
 * parser.y - the grammar of the goal-table language.
 *
 * Pure and reentrant; it only builds the tree: each action is one ast_*
 * call.  Names, units and sums are judged by the semantic passes.  Error
 * recovery synchronises at list items (a table field, a fund line, a
 * category, an indicator), so one mistake gives one message and parsing
 * goes on.  Token aliases are "中文|English": yyreport_syntax_error shows
 * the half that matches the message language.  The keywords' tokens are
 * not written here: scripts/gen-parser.sh puts them, from keyword.def, in
 * place of the line "%keyword-tokens" in build/parser.y, which bison reads.
 */
%require "3.8"
%define api.pure full
%define api.location.type {struct ast_span}
%define parse.error custom
%define parse.lac full
%locations
%expect 0

%lex-param {void *scanner}
%parse-param {void *scanner} {struct parse_ctx *ctx}

%code requires {
#include "model/ast.h"
#include "front/parse.h"
}

%code provides {
int yylex(YYSTYPE *lval, YYLTYPE *lloc, void *scanner);
}

%code {
#include "base/arena.h"
#include "diag/diag.h"
#include "front/lexutil.h"
#include "base/source.h"
#include "base/utf8.h"

#include <string.h>

#define A (ctx->arena)

#define YYLLOC_DEFAULT(cur, rhs, n)                                                                \
    do {                                                                                           \
        if (n) {                                                                                   \
            (cur).file = YYRHSLOC(rhs, 1).file;                                                    \
            (cur).start = YYRHSLOC(rhs, 1).start;                                                  \
            (cur).end = YYRHSLOC(rhs, n).end;                                                      \
        } else {                                                                                   \
            (cur).file = YYRHSLOC(rhs, 0).file;                                                    \
            (cur).start = (cur).end = YYRHSLOC(rhs, 0).end;                                        \
        }                                                                                          \
    } while (0)

/* Nesting is bounded by the lexer (PARSE_MAX_DEPTH), so a fixed stack on
   the C stack always suffices and the parser never allocates. */
#define YYINITDEPTH 4096
#define YYMAXDEPTH 4096

/* Bison calls this only when its stack is full, which the lexer's nesting
   limit should prevent; report it as what it would be. */
static void
yyerror(const YYLTYPE *loc, void *scanner, struct parse_ctx *ctx, const char *msg)
{
    (void)scanner, (void)msg;
    parse_error(ctx, *loc, DIAG_NESTING_TOO_DEEP, PARSE_MAX_DEPTH);
    ctx->stop = true;
}

/*
 * After an error bison stays quiet until three tokens have been shifted,
 * which would hide a second mistake on the next line.  Every token passes
 * through here: a token on a later line than the last error, reached while
 * bison is still discarding (nothing shifted since the error, status 3),
 * ends the quiet period.  Once recovery has shifted tokens into some
 * construct, its errors stay quiet: they are echoes of the first.  A token
 * on the error's own line never resets, so recovery always makes progress.
 * (yylex in parentheses: the real one, not this macro.)
 */
/*
 * In 计算 … 资金 成本构成 培训费, the words right after 资金, on the line of
 * the 计算, are the path of a fund line (FUND_WORD), so a bare name on the
 * next line is the next indicator.  Any token an expression cannot hold
 * ends the expression.
 */
static int
expression_token(struct parse_ctx *ctx, int token, const YYLTYPE *lloc)
{
    if (token == KW_COMPUTE) {
        ctx->compute_line = source_line_number(ctx->src, lloc->start);
    } else if (token == WORD && ctx->compute_line != 0 &&
               (ctx->last_token == KW_FUNDS || ctx->last_token == FUND_WORD) &&
               source_line_number(ctx->src, lloc->start) == ctx->compute_line) {
        token = FUND_WORD;
    } else if (token != KW_FUNDS && token != STRING && token != NUMBER && token != UNIT &&
               token != PLUS && token != MINUS && token != TIMES && token != DIVIDE &&
               token != LPAREN && token != RPAREN) {
        ctx->compute_line = 0;
    }
    ctx->last_token = token;
    return token;
}

static int
next_token(YYSTYPE *lval, YYLTYPE *lloc, void *scanner, struct parse_ctx *ctx, int *errstatus)
{
    int depth = ctx->depth;
    int token = (yylex)(lval, lloc, scanner);
    if (token != YYEOF && token != YYUNDEF) {
        parse_track_layout(ctx, *lloc, depth, token == '}');
        /* 项目 "Q" { where a "}" was left out: the keyword shows it, not the "{" */
        ctx->since_table_keyword++;
        if (token == KW_PROJECT || token == KW_DEPARTMENT) {
            ctx->table_keyword = *lloc;
            ctx->since_table_keyword = 0;
        }
    }
    token = expression_token(ctx, token, lloc);
    if (*errstatus == 3 && ctx->errors > 0) {
        /* The line only: a column per token is quadratic on a long line. */
        unsigned line = source_line_number(ctx->src, lloc->start);
        if (line > ctx->last_error_line)
            *errstatus = 0;
    }
    return token;
}
#define yylex(lval, lloc, scanner) next_token(lval, lloc, scanner, ctx, &yyerrstatus)

static const struct ast_str no_str;
static const struct ast_number no_number;
}

%union {
    struct ast_node *node;
    struct ast_list list;
    struct ast_str str;
    struct ast_number num;
    struct ast_quantity qty;
    struct ast_date date;
    enum ast_cmp cmp;
}

/* The keywords: KW_ID "中文|English" for each KEYWORD(ID, zh, en) of
   compiler/model/keyword.def, written here by scripts/gen-parser.sh. */
%keyword-tokens
%token ABOVE "以上|以上"
%token BELOW "以下|以下"
%token BEFORE "前|前"
%token RANGE "..|.."
%token <cmp> CMP "比较符|a comparator"
%token <str> WORD "名称|a name"
%token <str> STRING "字符串|a string"
%token <str> UNIT "单位|a unit"
%token <num> NUMBER "数字|a number"
%token <date> DATE "日期|a date"
/* 计算: the operators, and a fund line's name in 资金 NAME… (next_token) */
%token PLUS "+|+"
%token MINUS "-|-"
%token TIMES "×|×"
%token DIVIDE "÷|÷"
%token LPAREN "(|("
%token RPAREN ")|)"
%token <str> FUND_WORD "资金行名称|a fund line's name"

/* 资金 500 实施期 1500 / 资金 500 得分 9: a 资金 without a block takes the
   实施期 and 得分 that follow it as its own (docs/language.md §13). */
%precedence FUNDS_DONE
%precedence KW_PERIOD KW_SCORE

%type <list> items body fund_items fund_block fund_block_opt line_items line_block level1_items level2_items
%type <list> indicator_items modifiers fund_mods header_mods group_mods some_modifiers
%type <node> fund_mod header_mod group_mod
%type <list> level1_decls level1_body level2_body_opt level2_body alias_list names flags unit_defs
%type <node> framework_decl level1_decl level1_body_item level2_decl dimension_decl unit_def
%type <node> partition_decl
%type <str> fw_name string_opt unit_name
%type <node> item department project body_item funds fund_item fund_line line_item level1_item
%type <node> level2_item
%type <node> indicator_item target modifier period_value duty_row task_row project_row
%type <list> duty_rows task_block task_rows project_block project_rows
%type <qty> duty_amount
%type <list> schedule_rows
%type <node> schedule_row schedule_value
%type <node> expr term factor
%type <list> fund_path
%type <str> name fund_name money_unit
%type <num> amount_opt
%type <qty> quantity

%%

file:
    items                           { ctx->root = ast_new_file(A, @$, $1); }
    ;

items:
    %empty                          { $$ = (struct ast_list){0}; }
  | items item                      { $$ = ast_list_push($1, $2); }
    ;

item:
    department
  | project
  | KW_INCLUDE STRING               { $$ = ast_new_include(A, @$, $2); }
  | KW_FRAMEWORK fw_name            { $$ = ast_new_ref(A, AST_FRAMEWORK_REF, @$, $2); }
  | framework_decl
  | dimension_decl
  | partition_decl
  | error                           { $$ = NULL; }
    ;

department:
    KW_DEPARTMENT name '{' body '}' { $$ = ast_new_decl(A, AST_DEPARTMENT, @$, $2, $4); }
    ;

project:
    KW_PROJECT name '{' body '}'    { $$ = ast_new_decl(A, AST_PROJECT, @$, $2, $4); }
    ;

name:
    WORD
  | STRING
    ;

body:
    %empty                          { $$ = (struct ast_list){0}; }
  | body body_item                  { $$ = ast_body_push($1, $2); }
    ;

body_item:
    KW_YEAR NUMBER                  { $$ = ast_new_year(A, @$, $2); }
  | funds
  | KW_ACTUAL STRING                { $$ = ast_new_text(A, @$, AST_TEXT_ACTUAL, $2); }
  | KW_TOTAL_POINTS NUMBER          { $$ = ast_new_evaluation_field(A, AST_TOTAL_POINTS, @$, $2, no_str); }
  | KW_SCORE NUMBER                 { $$ = ast_new_evaluation_field(A, AST_TABLE_SCORE, @$, $2, no_str); }
  | KW_GRADE WORD                   { $$ = ast_new_evaluation_field(A, AST_GRADE, @$, no_number, $2); }
  | KW_INVERSE_RULE WORD            { $$ = ast_new_evaluation_field(A, AST_INVERSE_RULE, @$, no_number, $2); }
  | KW_DUTIES STRING                { $$ = ast_new_text(A, @$, AST_TEXT_DUTIES, $2); }
  | KW_GOAL STRING                  { $$ = ast_new_text(A, @$, AST_TEXT_GOAL, $2); }
  | KW_PERIOD_GOAL STRING           { $$ = ast_new_text(A, @$, AST_TEXT_PERIOD_GOAL, $2); }
  | KW_PERIOD period_value          { $$ = ast_new_period(A, @$, $2); }
  | KW_INDICATORS group_mods '{' level1_items '}' { $$ = ast_new_indicators(A, @$, $2, $4); }
  | KW_DUTY_TABLE '{' duty_rows '}' { $$ = ast_new_duty_table(A, @$, $3); }
  | KW_PERIOD_INDICATORS group_mods '{' level1_items '}' { $$ = ast_new_period_indicators(A, @$, $2, $4); }
  | KW_SCHEDULE '{' schedule_rows '}' { $$ = ast_new_schedule(A, @$, $3); }
  | project
  | KW_DEPARTMENT name              { $$ = ast_new_department_ref(A, @$, $2); }
  | KW_FRAMEWORK fw_name            { $$ = ast_new_ref(A, AST_FRAMEWORK_REF, @$, $2); }
  | name STRING                     { $$ = ast_new_attribute(A, @$, $1, $2); }
  | error                           { $$ = NULL; }
    ;

/* The duty table: 职能 NAME [AMOUNT] { 任务 NAME [AMOUNT] { 项目 NAME [AMOUNT] } }; a
   职能 may list its 项目 directly too (forms without a 重点工作任务 column). */
duty_rows:
    %empty                          { $$ = (struct ast_list){0}; }
  | duty_rows duty_row              { $$ = ast_list_push($1, $2); }
    ;

duty_row:
    KW_DUTIES name duty_amount task_block { $$ = ast_new_duty_row(A, @$, AST_DUTY_DUTY, $2, $3, $4); }
  | error                           { $$ = NULL; }
    ;

task_block:
    %empty                          { $$ = (struct ast_list){0}; }
  | '{' task_rows '}'               { $$ = $2; }
    ;

task_rows:
    %empty                          { $$ = (struct ast_list){0}; }
  | task_rows task_row              { $$ = ast_list_push($1, $2); }
  | task_rows project_row           { $$ = ast_list_push($1, $2); }
    ;

task_row:
    KW_TASK name duty_amount project_block { $$ = ast_new_duty_row(A, @$, AST_DUTY_TASK, $2, $3, $4); }
    ;

project_block:
    %empty                          { $$ = (struct ast_list){0}; }
  | '{' project_rows '}'            { $$ = $2; }
    ;

project_rows:
    %empty                          { $$ = (struct ast_list){0}; }
  | project_rows project_row        { $$ = ast_list_push($1, $2); }
    ;

project_row:
    KW_PROJECT name duty_amount     { $$ = ast_new_duty_row(A, @$, AST_DUTY_PROJECT, $2, $3, (struct ast_list){0}); }
    ;

duty_amount:
    %empty                          { $$ = (struct ast_quantity){no_number, no_str}; }
  | NUMBER                          { $$ = (struct ast_quantity){$1, no_str}; }
  | NUMBER UNIT                     { $$ = (struct ast_quantity){$1, $2}; }
    ;

period_value:
    quantity                        { $$ = ast_new_comparison(A, @$, AST_CMP_EQ, AST_CMP_FORM_NONE, $1); }
  | DATE RANGE DATE                 { $$ = ast_new_date_period(A, @$, $1, $3); }
    ;

/* 资金 [money unit] [total] {modifier} [{ lines }] */
funds:
    KW_FUNDS money_unit NUMBER header_mods fund_block_opt
                                    { $$ = ast_new_fund(A, AST_FUNDS, @$, no_str, $2, $3, $4, $5); }
  | KW_FUNDS money_unit header_mod header_mods fund_block_opt
                                    { $$ = ast_new_fund(A, AST_FUNDS, @$, no_str, $2, no_number, ast_list_concat_front($3, $4), $5); }
  | KW_FUNDS money_unit fund_block  { $$ = ast_new_fund(A, AST_FUNDS, @$, no_str, $2, no_number, (struct ast_list){0}, $3); }
    ;

fund_block_opt:
    %empty %prec FUNDS_DONE         { $$ = (struct ast_list){0}; }
  | fund_block
    ;

/* A 资金 header's modifiers: a line's, and 实施期 with a unit or dates,
   which is the table's 实施期 field (ast_body_push moves it there). */
header_mods:
    %empty                          { $$ = (struct ast_list){0}; }
  | header_mods header_mod          { $$ = ast_list_push($1, $2); }
    ;

header_mod:
    fund_mod
  | KW_PERIOD NUMBER UNIT           { $$ = ast_new_period(A, @$, ast_new_comparison(A, ast_span_join(@2, @3), AST_CMP_EQ, AST_CMP_FORM_NONE, (struct ast_quantity){$2, $3})); }
  | KW_PERIOD DATE RANGE DATE       { $$ = ast_new_period(A, @$, ast_new_date_period(A, ast_span_join(@2, @4), $2, $4)); }
    ;

fund_mods:
    %empty                          { $$ = (struct ast_list){0}; }
  | fund_mods fund_mod              { $$ = ast_list_push($1, $2); }
    ;

/* 调整后 / 执行 / 实施期 AMOUNT, 决算 YEAR AMOUNT, 执行率 PERCENT, 分值 / 得分 N, 偏差 "…" */
fund_mod:
    KW_ADJUSTED NUMBER              { $$ = ast_new_fund_mod(A, @$, AST_FUNDMOD_ADJUSTED, no_number, (struct ast_quantity){$2, no_str}, no_str); }
  | KW_EXECUTED NUMBER              { $$ = ast_new_fund_mod(A, @$, AST_FUNDMOD_EXECUTED, no_number, (struct ast_quantity){$2, no_str}, no_str); }
  | KW_PERIOD NUMBER                { $$ = ast_new_fund_mod(A, @$, AST_FUNDMOD_PERIOD, no_number, (struct ast_quantity){$2, no_str}, no_str); }
  | KW_FINAL_ACCOUNTS NUMBER NUMBER { $$ = ast_new_fund_mod(A, @$, AST_FUNDMOD_FINAL, $2, (struct ast_quantity){$3, no_str}, no_str); }
  | KW_EXECUTION_RATE NUMBER UNIT   { $$ = ast_new_fund_mod(A, @$, AST_FUNDMOD_RATE, no_number, (struct ast_quantity){$2, $3}, no_str); }
  | KW_WEIGHT NUMBER                { $$ = ast_new_fund_mod(A, @$, AST_FUNDMOD_WEIGHT, no_number, (struct ast_quantity){$2, no_str}, no_str); }
  | KW_SCORE NUMBER                 { $$ = ast_new_fund_mod(A, @$, AST_FUNDMOD_SCORE, no_number, (struct ast_quantity){$2, no_str}, no_str); }
  | KW_DEVIATION STRING             { $$ = ast_new_fund_mod(A, @$, AST_FUNDMOD_DEVIATION, no_number, (struct ast_quantity){no_number, no_str}, $2); }
  | KW_COLUMN name STRING           { $$ = ast_new_column(A, @$, true, $2, $3); }
  | KW_SHARE NUMBER UNIT            { $$ = ast_new_fund_mod(A, @$, AST_FUNDMOD_SHARE, no_number, (struct ast_quantity){$2, $3}, no_str); }
    ;

money_unit:
    %empty                          { $$ = no_str; }
  | WORD
    ;

amount_opt:
    %empty                          { $$ = no_number; }
  | NUMBER
    ;

fund_block:
    '{' fund_items '}'              { $$ = $2; }
    ;

fund_items:
    %empty                          { $$ = (struct ast_list){0}; }
  | fund_items fund_item            { $$ = ast_list_push($1, $2); }
    ;

/* A name after an amount on the same line comes as UNIT (中央 4193.9 省 1048.48). */
fund_name:
    WORD
  | STRING
  | UNIT
    ;

/* Under a total: lines, partitions of it (按), and lists of some of its parts (其中). */
fund_item:
    fund_line
  | KW_BY name line_block           { $$ = ast_new_partition(A, AST_PARTITION, @$, $2, $3); }
  | KW_OF_WHICH line_block          { $$ = ast_new_partition(A, AST_OF_WHICH, @$, no_str, $2); }
  | error                           { $$ = NULL; }
    ;

/* NAME [AMOUNT] {modifier} [{ lines }], with at least one of the three. */
fund_line:
    fund_name NUMBER fund_mods      { $$ = ast_new_fund(A, AST_FUND_LINE, @$, $1, no_str, $2, $3, (struct ast_list){0}); }
  | fund_name NUMBER fund_mods fund_block
                                    { $$ = ast_new_fund(A, AST_FUND_LINE, @$, $1, no_str, $2, $3, $4); }
  | fund_name fund_mod fund_mods    { $$ = ast_new_fund(A, AST_FUND_LINE, @$, $1, no_str, no_number, ast_list_concat_front($2, $3), (struct ast_list){0}); }
  | fund_name fund_mod fund_mods fund_block
                                    { $$ = ast_new_fund(A, AST_FUND_LINE, @$, $1, no_str, no_number, ast_list_concat_front($2, $3), $4); }
  | fund_name fund_block            { $$ = ast_new_fund(A, AST_FUND_LINE, @$, $1, no_str, no_number, (struct ast_list){0}, $2); }
    ;

/* A partition or 其中 holds lines only (each line may be split further). */
line_block:
    '{' line_items '}'              { $$ = $2; }
    ;

line_items:
    %empty                          { $$ = (struct ast_list){0}; }
  | line_items line_item            { $$ = ast_list_push($1, $2); }
    ;

line_item:
    fund_line
  | error                           { $$ = NULL; }
    ;

level1_items:
    %empty                          { $$ = (struct ast_list){0}; }
  | level1_items level1_item        { $$ = ast_list_push($1, $2); }
    ;

level1_item:
    name group_mods '{' level2_items '}' { $$ = ast_new_category(A, @$, 1, $1, $2, $4); }
  | error                           { $$ = NULL; }
    ;

level2_items:
    %empty                          { $$ = (struct ast_list){0}; }
  | level2_items level2_item        { $$ = ast_list_push($1, $2); }
    ;

/* Rows may stand straight in a level-1 block (forms whose 一级 column holds
   数量/质量, or a level-1 with one level-2): sema_names files them.  A
   level-2 header and a row without a target share their start (NAME 分值 N),
   so both take any modifiers, and the "{" tells them apart; sema_structure
   allows only 分值 and 得分 on a category (E0181). */
level2_item:
    name '{' indicator_items '}'
                                    { $$ = ast_new_category(A, @$, 2, $1, (struct ast_list){0}, $3); }
  | name some_modifiers '{' indicator_items '}' { $$ = ast_new_category(A, @$, 2, $1, $2, $4); }
  | KW_NA                           { $$ = ast_new(A, AST_NOT_APPLICABLE, @$); }
  | error                           { $$ = NULL; }
  | name target modifiers           { $$ = ast_new_indicator(A, @$, $1, $2, $3); }
  | name some_modifiers             { $$ = ast_new_indicator(A, @$, $1, NULL, $2); }
    ;

/* The weight and score of 指标 or a category: 分值 W, 得分 S. */
group_mods:
    %empty                          { $$ = (struct ast_list){0}; }
  | group_mods group_mod            { $$ = ast_list_push($1, $2); }
    ;

group_mod:
    KW_WEIGHT NUMBER                { $$ = ast_new_number_modifier(A, @$, AST_MOD_WEIGHT, $2); }
  | KW_SCORE NUMBER                 { $$ = ast_new_number_modifier(A, @$, AST_MOD_SCORE, $2); }
    ;

indicator_items:
    %empty                          { $$ = (struct ast_list){0}; }
  | indicator_items indicator_item  { $$ = ast_list_push($1, $2); }
    ;

indicator_item:
    name target modifiers           { $$ = ast_new_indicator(A, @$, $1, $2, $3); }
  | name some_modifiers             { $$ = ast_new_indicator(A, @$, $1, NULL, $2); }
  | KW_NA                           { $$ = ast_new(A, AST_NOT_APPLICABLE, @$); }
  | error                           { $$ = NULL; }
    ;

target:
    CMP quantity                    { $$ = ast_new_comparison(A, @$, $1, AST_CMP_FORM_PREFIX, $2); }
  | quantity                        { $$ = ast_new_comparison(A, @$, AST_CMP_EQ, AST_CMP_FORM_NONE, $1); }
  | quantity ABOVE                  { $$ = ast_new_comparison(A, @$, AST_CMP_GE, AST_CMP_FORM_SUFFIX, $1); }
  | quantity BELOW                  { $$ = ast_new_comparison(A, @$, AST_CMP_LE, AST_CMP_FORM_SUFFIX, $1); }
  | quantity RANGE quantity         { $$ = ast_new_range(A, @$, $1, $3); }
  | CMP DATE                        { $$ = ast_new_deadline(A, @$, $1, AST_CMP_FORM_PREFIX, $2); }
  | DATE                            { $$ = ast_new_deadline(A, @$, AST_CMP_EQ, AST_CMP_FORM_NONE, $1); }
  | DATE BEFORE                     { $$ = ast_new_deadline(A, @$, AST_CMP_LE, AST_CMP_FORM_SUFFIX, $1); }
  | DATE RANGE DATE                 { $$ = ast_new_date_period(A, @$, $1, $3); }
  | KW_QUALITATIVE STRING           { $$ = ast_new_qualitative(A, @$, true, $2); }
  | STRING                          { $$ = ast_new_qualitative(A, @$, false, $1); }
    ;

quantity:
    NUMBER                          { $$ = (struct ast_quantity){$1, no_str}; }
  | NUMBER UNIT                     { $$ = (struct ast_quantity){$1, $2}; }
    ;

/*
 * The declarations the stdlib is written in (any file may add to them):
 *   框架 NAME ["description"] { 一级 NAME ["English"] WORD… { 别名 {…} 二级 … } }
 *   量纲 NAME ["English"] WORD… { UNIT [scale] … }
 * WORD… are attribute words (必备, 整数…), judged by the semantic passes.
 */
framework_decl:
    KW_FRAMEWORK fw_name string_opt '{' level1_decls '}'
                                    { $$ = ast_new_def(A, AST_FRAMEWORK, @$, 0, $2, $3, (struct ast_list){0}, (struct ast_list){0}, $5); }
    ;

fw_name:
    name
  | NUMBER                          { $$ = ast_str_of_number($1); }
    ;

string_opt:
    %empty                          { $$ = no_str; }
  | STRING
    ;

flags:
    %empty                          { $$ = (struct ast_list){0}; }
  | flags WORD                      { $$ = ast_list_push($1, ast_new_ref(A, AST_NAME, @2, $2)); }
    ;

level1_decls:
    %empty                          { $$ = (struct ast_list){0}; }
  | level1_decls level1_decl        { $$ = ast_list_push($1, $2); }
    ;

level1_decl:
    KW_LEVEL1 name string_opt flags '{' level1_body '}'
                                    { $$ = ast_new_level1(A, @$, $2, $3, $4, $6); }
  | error                           { $$ = NULL; }
    ;

/* Aliases of the level-1 category itself, and its level-2 categories. */
level1_body:
    %empty                          { $$ = (struct ast_list){0}; }
  | level1_body level1_body_item    { $$ = ast_list_push($1, $2); }
    ;

level1_body_item:
    alias_list                      { $$ = ast_new_def(A, AST_ALIASES, @$, 0, no_str, no_str, (struct ast_list){0}, $1, (struct ast_list){0}); }
  | level2_decl
  | error                           { $$ = NULL; }
    ;

level2_decl:
    KW_LEVEL2 name string_opt flags level2_body_opt
                                    { $$ = ast_new_def(A, AST_LEVEL, @$, 2, $2, $3, $4, $5, (struct ast_list){0}); }
    ;

level2_body_opt:
    %empty                          { $$ = (struct ast_list){0}; }
  | '{' level2_body '}'             { $$ = $2; }
    ;

level2_body:
    %empty                          { $$ = (struct ast_list){0}; }
  | level2_body alias_list          { $$ = $1; ast_list_concat(&$$, $2); }
    ;

alias_list:
    KW_ALIAS '{' names '}'          { $$ = $3; }
    ;

names:
    %empty                          { $$ = (struct ast_list){0}; }
  | names name                      { $$ = ast_list_push($1, ast_new_ref(A, AST_NAME, @2, $2)); }
    ;

dimension_decl:
    KW_DIMENSION name string_opt flags '{' unit_defs '}'
                                    { $$ = ast_new_def(A, AST_DIMENSION, @$, 0, $2, $3, $4, (struct ast_list){0}, $6); }
    ;

/* 划分 NAME ["English"] { LINE… }: a partition a 资金 total may be split by (按 NAME). */
partition_decl:
    KW_PARTITION name string_opt '{' names '}'
                                    { $$ = ast_new_def(A, AST_PARTITION_DEF, @$, 0, $2, $3, (struct ast_list){0}, (struct ast_list){0}, $5); }
    ;

unit_defs:
    %empty                          { $$ = (struct ast_list){0}; }
  | unit_defs unit_def              { $$ = ast_list_push($1, $2); }
    ;

/* A spelling after a scale on the same line comes as UNIT (个 1 所 1). */
unit_def:
    unit_name amount_opt            { $$ = ast_new_unit_def(A, @$, $1, $2); }
  | error                           { $$ = NULL; }
    ;

unit_name:
    WORD
  | STRING
  | UNIT
    ;

modifiers:
    %empty                          { $$ = (struct ast_list){0}; }
  | modifiers modifier              { $$ = ast_list_push($1, $2); }
    ;

/* A row without a target (an evaluation row: "内控制度健全性" 分值 10) has a
   modifier right after its name; sema_targets warns (W0180). */
some_modifiers:
    modifier                        { $$ = ast_list_push((struct ast_list){0}, $1); }
  | some_modifiers modifier         { $$ = ast_list_push($1, $2); }
    ;

modifier:
    KW_STANDARD target              { $$ = ast_new_standard(A, @$, $2); }
  | KW_WEIGHT NUMBER                { $$ = ast_new_number_modifier(A, @$, AST_MOD_WEIGHT, $2); }
  | KW_NOTE STRING                  { $$ = ast_new_text_modifier(A, @$, AST_MOD_NOTE, $2); }
  | KW_PROJECT STRING               { $$ = ast_new_text_modifier(A, @$, AST_MOD_ITEM, $2); }
  | KW_ACTUAL target                { $$ = ast_new_actual(A, @$, $2); }
  | KW_SCORE NUMBER                 { $$ = ast_new_number_modifier(A, @$, AST_MOD_SCORE, $2); }
  | KW_DEVIATION STRING             { $$ = ast_new_text_modifier(A, @$, AST_MOD_DEVIATION, $2); }
  | KW_DIRECTION WORD               { $$ = ast_new_text_modifier(A, @$, AST_MOD_DIRECTION, $2); }
  | KW_COLUMN name STRING           { $$ = ast_new_column(A, @$, false, $2, $3); }
  | KW_COMPUTE expr                 { $$ = ast_new_compute(A, @$, $2); }
    ;

/* 进度 { NAME VALUE … }: the 项目实施进度计划 rows (issue 15, item 9). */
schedule_rows:
    %empty                          { $$ = (struct ast_list){0}; }
  | schedule_rows schedule_row      { $$ = ast_list_push($1, $2); }
    ;

schedule_row:
    name schedule_value             { $$ = ast_new_schedule_row(A, @$, $1, $2); }
  | error                           { $$ = NULL; }
    ;

/* A period or a deadline as in a target (language.md §10.6), or a string for anything else. */
schedule_value:
    DATE RANGE DATE                 { $$ = ast_new_date_period(A, @$, $1, $3); }
  | DATE                            { $$ = ast_new_deadline(A, @$, AST_CMP_EQ, AST_CMP_FORM_NONE, $1); }
  | DATE BEFORE                     { $$ = ast_new_deadline(A, @$, AST_CMP_LE, AST_CMP_FORM_SUFFIX, $1); }
  | CMP DATE                        { $$ = ast_new_deadline(A, @$, $1, AST_CMP_FORM_PREFIX, $2); }
  | STRING                          { $$ = ast_new_qualitative(A, @$, false, $1); }
    ;
    ;

/* 计算: + - over × ÷, left to right; parentheses; numbers with units,
   indicators by name, fund lines by path. */
expr:
    term
  | expr PLUS term                  { $$ = ast_new_expr_binary(A, @$, AST_EXPR_ADD, $1, $3); }
  | expr MINUS term                 { $$ = ast_new_expr_binary(A, @$, AST_EXPR_SUB, $1, $3); }
    ;

term:
    factor
  | term TIMES factor               { $$ = ast_new_expr_binary(A, @$, AST_EXPR_MUL, $1, $3); }
  | term DIVIDE factor              { $$ = ast_new_expr_binary(A, @$, AST_EXPR_DIV, $1, $3); }
    ;

factor:
    NUMBER                          { $$ = ast_new_expr_number(A, @$, (struct ast_quantity){$1, no_str}); }
  | NUMBER UNIT                     { $$ = ast_new_expr_number(A, @$, (struct ast_quantity){$1, $2}); }
  | STRING                          { $$ = ast_new_expr_indicator(A, @$, $1); }
  | KW_FUNDS fund_path              { $$ = ast_new_expr_fund(A, @$, $2); }
  | LPAREN expr RPAREN              { $$ = ast_new_expr_group(A, @$, $2); }
    ;

fund_path:
    %empty                          { $$ = (struct ast_list){0}; }
  | fund_path FUND_WORD             { $$ = ast_list_push($1, ast_new_ref(A, AST_NAME, @2, $2)); }
    ;

%%

/*
 * How a token kind reads in a message: a category ("a number"), or a
 * spelling in quotes.  Without the article for the found token: "unexpected
 * number 5".
 */
static const char *
symbol_text(struct parse_ctx *ctx, yysymbol_kind_t sym, bool article)
{
    bool zh = ctx->diags->lang == DIAG_LANG_ZH;
    if (sym == YYSYMBOL_YYEOF)
        return zh ? "文件结尾" : "end of file";
    const char *alias = yysymbol_name(sym);
    const char *bar = strchr(alias, '|');
    bool category = sym == YYSYMBOL_CMP || sym == YYSYMBOL_WORD || sym == YYSYMBOL_STRING ||
                    sym == YYSYMBOL_UNIT || sym == YYSYMBOL_NUMBER || sym == YYSYMBOL_DATE;
    if (bar == NULL) /* '{' and '}' come as "'{'" */
        return arena_printf(A, zh ? "“%s”" : "\"%s\"",
                            alias[0] == '\'' ? arena_strndup(A, alias + 1, 1) : alias);
    const char *part = zh ? arena_strndup(A, alias, (size_t)(bar - alias)) : bar + 1;
    if (category && !article && strncmp(part, "a ", 2) == 0)
        return part + 2;
    if (category)
        return part;
    return arena_printf(A, zh ? "“%s”" : "\"%s\"", part);
}

/* The unexpected token as the user wrote it: its category and its text. */
static const char *
found_text(struct parse_ctx *ctx, yysymbol_kind_t sym, const YYLTYPE *loc)
{
    if (sym == YYSYMBOL_YYEOF || sym == YYSYMBOL_YYEMPTY)
        return symbol_text(ctx, YYSYMBOL_YYEOF, false);
    bool zh = ctx->diags->lang == DIAG_LANG_ZH;
    const char *text = ctx->src->text + loc->start;
    size_t len = loc->end - loc->start, shown = 0, chars = 0;
    while (shown < len && chars < 24 && text[shown] != '\n' && text[shown] != '\r') {
        shown++;
        while (shown < len && utf8_is_continuation((unsigned char)text[shown]))
            shown++;
        chars++;
    }
    const char *ellipsis = shown < len ? "…" : "";
    switch (sym) {
    case YYSYMBOL_WORD:
    case YYSYMBOL_STRING:
    case YYSYMBOL_UNIT:
    case YYSYMBOL_NUMBER:
    case YYSYMBOL_DATE:
        return arena_printf(A, "%s %.*s%s", symbol_text(ctx, sym, false), (int)shown, text,
                            ellipsis);
    default:
        return arena_printf(A, zh ? "“%.*s”" : "\"%.*s\"", (int)shown, text);
    }
}

enum { MAX_EXPECTED = 7 };

/* Whether the byte at t[i] ends a glued word: spacing (also U+3000, U+00A0), a
   line end, a brace, a quote (also “) or a comment. */
static bool
ends_word(void *scanner, const char *t, size_t i)
{
    char c = lexer_source_byte(scanner, t + i); /* flex may hold a NUL there */
    return strchr(" \t\r\n{}\"#", c) != NULL ||
           (c == '\xE3' && t[i + 1] == '\x80' && t[i + 2] == '\x80') ||
           (c == '\xE2' && t[i + 1] == '\x80' && t[i + 2] == '\x9C') ||
           (c == '\xC2' && t[i + 1] == '\xA0');
}

/* The end of what is glued to the token at loc (年结转 to 2024 in 2024年结转);
   loc->end if nothing is. */
static size_t
glued_word_end(void *scanner, const struct parse_ctx *ctx, const YYLTYPE *loc)
{
    const char *t = ctx->src->text;
    size_t i = loc->end;
    while (i < ctx->src->len && !ends_word(scanner, t, i)) {
        i++;
        while (i < ctx->src->len && utf8_is_continuation((unsigned char)t[i]))
            i++;
    }
    return i;
}

static bool
expects_close(const yypcontext_t *yyctx)
{
    yysymbol_kind_t all[YYNTOKENS];
    int n = yypcontext_expected_tokens(yyctx, all, YYNTOKENS);
    for (int i = 0; i < n; i++)
        if (strcmp(yysymbol_name(all[i]), "'}'") == 0)
            return true;
    return false;
}

/* Whether the unexpected token starts what only a table holds: a field's
   keyword, or the "{" of 项目 NAME / 部门 NAME; *at is where it starts,
   *block the index of the innermost block it shows closed. */
static bool
starts_table_item(const struct parse_ctx *ctx, yysymbol_kind_t token, const YYLTYPE *loc,
                  YYLTYPE *at, int *block)
{
    *at = *loc;
    *block = ctx->depth - 1;
    switch (token) {
    case YYSYMBOL_KW_YEAR:
    case YYSYMBOL_KW_FUNDS:
    case YYSYMBOL_KW_DUTIES:
    case YYSYMBOL_KW_GOAL:
    case YYSYMBOL_KW_PERIOD:
    case YYSYMBOL_KW_PERIOD_GOAL:
    case YYSYMBOL_KW_INDICATORS:
    case YYSYMBOL_KW_DEPARTMENT:
    case YYSYMBOL_KW_PROJECT:
        return true;
    default:
        break;
    }
    if (token == YYSYMBOL_YYEOF || strcmp(yysymbol_name(token), "'{'") != 0 ||
        ctx->since_table_keyword != 2)
        return false;
    *at = ctx->table_keyword;
    *block = ctx->depth - 2; /* the scanner has already opened the "{" */
    return true;
}

/* The self-evaluation's modifiers (调整后, 实际, 得分…) may follow almost
   any amount or target; a list of what was expected names them only when
   nothing else would do, so `其他资金 }` still says "expected a number". */
static bool
is_evaluation_word(yysymbol_kind_t sym)
{
    switch (sym) {
    case YYSYMBOL_KW_ADJUSTED:
    case YYSYMBOL_KW_EXECUTED:
    case YYSYMBOL_KW_FINAL_ACCOUNTS:
    case YYSYMBOL_KW_EXECUTION_RATE:
    case YYSYMBOL_KW_SCORE:
    case YYSYMBOL_KW_DEVIATION:
    case YYSYMBOL_KW_ACTUAL:
    case YYSYMBOL_KW_DIRECTION:
    case YYSYMBOL_KW_TOTAL_POINTS:
    case YYSYMBOL_KW_GRADE:
    case YYSYMBOL_KW_INVERSE_RULE:
    case YYSYMBOL_KW_COLUMN: /* 栏 may follow any row too (issue 15) */
        return true;
    default:
        return false;
    }
}

static int
without_evaluation_words(yysymbol_kind_t *expected, int n)
{
    /* Where 调整后 may come, 实施期, 分值 and 占比 are a fund line's modifiers too. */
    bool fund_mods = false;
    for (int i = 0; i < n; i++)
        fund_mods = fund_mods || expected[i] == YYSYMBOL_KW_ADJUSTED;
    int kept = 0;
    for (int i = 0; i < n; i++) {
        bool drop = is_evaluation_word(expected[i]) ||
                    (fund_mods && (expected[i] == YYSYMBOL_KW_PERIOD ||
                                   expected[i] == YYSYMBOL_KW_WEIGHT ||
                                   expected[i] == YYSYMBOL_KW_SHARE));
        if (!drop)
            expected[kept++] = expected[i];
    }
    return kept > 0 ? kept : n;
}

static int
yyreport_syntax_error(const yypcontext_t *yyctx, void *scanner, struct parse_ctx *ctx)
{
    if (ctx->stop)
        return 0;
    const YYLTYPE *loc = yypcontext_location(yyctx);
    unsigned line = source_line_number(ctx->src, loc->start);
    if (ctx->errors > 0 && line == ctx->last_error_line)
        return 0; /* the rest of this line is the same mistake */
    yysymbol_kind_t token = yypcontext_token(yyctx);
    /* A "}" left out: said once, where the layout or a table's keyword shows it. */
    bool close_expected = expects_close(yyctx);
    /* The line the layout shows outside a block: its mistake is that block's "}". */
    bool on_unclosed_line =
        ctx->unclosed.set && source_line_number(ctx->src, ctx->unclosed.at.start) == line;
    /* So is whatever the parser trips on later while that block is still
       open (once a "}" has closed it, aligned or not, it is not). */
    bool unclosed_open = ctx->unclosed.set && ctx->depth > ctx->unclosed.index &&
                         ctx->open_braces[ctx->unclosed.index] == ctx->unclosed.brace;
    if (close_expected || on_unclosed_line || unclosed_open) {
        if (token == YYSYMBOL_YYEOF && ctx->unclosed_reported)
            return 0;
        YYLTYPE at = *loc;
        int block = -1;
        if (!close_expected || !starts_table_item(ctx, token, loc, &at, &block))
            at = *loc, block = -1;
        if (parse_report_unclosed(ctx, at, block)) {
            ctx->last_error_line = line;
            return 0;
        }
    }
    bool zh = ctx->diags->lang == DIAG_LANG_ZH;
    const char *found = found_text(ctx, token, loc);
    yysymbol_kind_t expected[YYNTOKENS];
    int n = yypcontext_expected_tokens(yyctx, expected, YYNTOKENS);
    n = n > 0 ? without_evaluation_words(expected, n) : n;
    if (n > MAX_EXPECTED)
        n = 0; /* too many to be a useful list */
    size_t before = ctx->diags->count;
    if (n <= 0) {
        parse_error(ctx, *loc, DIAG_SYNTAX_ERROR_UNEXPECTED, found);
    } else {
        /* Where a name may come, UNIT is only a name that followed an amount: say "a name" once. */
        bool name_expected = false;
        for (int i = 0; i < n; i++)
            name_expected = name_expected || expected[i] == YYSYMBOL_WORD;
        int kept = 0;
        for (int i = 0; i < n; i++)
            if (!(name_expected && expected[i] == YYSYMBOL_UNIT))
                expected[kept++] = expected[i];
        n = kept;
        size_t glued = token == YYSYMBOL_NUMBER && name_expected ? glued_word_end(scanner, ctx, loc) : 0;
        if (glued > loc->end) { /* 2024年结转 where a name goes: quote it, it is not a number */
            char *word = arena_strndup(A, ctx->src->text + loc->start, glued - loc->start);
            word[loc->end - loc->start] = lexer_source_byte(scanner, ctx->src->text + loc->end);
            YYLTYPE at = *loc;
            at.end = (uint32_t)glued;
            parse_error(ctx, at, DIAG_NAME_STARTS_WITH_DIGIT, word, word);
            return 0;
        }
        char *list = "";
        for (int i = 0; i < n; i++) {
            const char *sep = i == 0 ? "" : i == n - 1 ? (zh ? " 或 " : " or ") : (zh ? "、" : ", ");
            list = arena_printf(A, "%s%s%s", list, sep, symbol_text(ctx, expected[i], true));
        }
        parse_error(ctx, *loc, DIAG_SYNTAX_ERROR, found, list);
    }
    /* At the end of the file, point at the block that was never closed. */
    if (token == YYSYMBOL_YYEOF && ctx->depth > 0 && ctx->diags->count > before &&
        expects_close(yyctx)) {
        uint32_t at = ctx->open_braces[ctx->depth - 1];
        struct diag_loc open = {ctx->src, at, at + 1};
        diag_add_note(ctx->diags, ctx->diags->items[ctx->diags->count - 1],
                      DIAG_NOTE_UNCLOSED_BLOCK, open);
    }
    return 0;
}
