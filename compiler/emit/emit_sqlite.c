/*
 * emit_sqlite.c - the SQLite back end: one database (tables.db) holding
 * every input, for questions across tables and units (docs/sqlite.md).
 *
 * The one module that sees libsqlite3's API.  A database format
 * (emit.h, struct emit_database): open makes an empty database in memory
 * with the schema and starts one transaction, add inserts one compiled
 * input, write commits (SQLite checks every foreign key: at each insert,
 * and department_id and project_id, deferred, at the commit) and writes the whole
 * database file (sqlite3_serialize) to the stream the command made atomic
 * (output.c), so a failure anywhere leaves no file behind and the old one
 * untouched.  Rows are inserted in the order of the inputs and of their
 * sources, ids counted from 1, so the same inputs give the same bytes.
 *
 * Every construct of the checked model has its rows, so nothing a table
 * says is lost: tables, attributes, funds and their phases, categories,
 * indicators and targets, and (schema version 3) 栏, 履职, 进度, 计算 with
 * its operands, and 占比.  A row that names another (a duty's project, a
 * 计算's indicator or fund line) names it by the id it was given: tables
 * are numbered before any is written, and a set's 计算 are written after
 * all of its indicators.
 *
 * Amounts and values are the exact decimal strings of the checked model;
 * the *_num columns are the same text given to a REAL column (SQLite
 * converts it; goalc does no binary floating point), and the *_fen and
 * base_int columns are exact integers in a fixed smallest unit, so that
 * SUM is exact.  The schema lives in schema_sql below and in
 * docs/sqlite.md; changing one changes the other and tests/sqlite/.
 * Failures (only out of memory, or a bug) are returned with SQLite's
 * message, never reported here.
 */
#include "emit/emit.h"
#include "emit/emit_evaluation.h"
#include "model/model.h"

#include "base/decimal.h"
#include "base/source.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "model/compilation.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Integer columns hold a base value times 10^scale: 分 for money (元 × 100),
   a whole base unit for counts, and ten-thousandths of the base otherwise. */
enum { SCALE_MONEY = 2, SCALE_WHOLE = 0, SCALE_OTHER = 4 };

/*
 * A CHECK of three or more values is written `x = 'a' OR x = 'b' OR …`,
 * not `x IN ('a', 'b', …)`: SQLite builds a temporary index for such an IN
 * list at every insert, which made writing the database twice as slow (the
 * allocator gave the memory back to the system and took it again each
 * time; bench/README.md).
 */
static const char *const schema_sql[] = {
    /* Freed space zeroed whatever the library's build default (Debian's
       libsqlite3 has SQLITE_SECURE_DELETE, one built from the amalgamation
       for the web page and make dist has not): the same file bytes from
       every build (docs/dist.md, docs/web.md). */
    "PRAGMA secure_delete = ON;\n",
    "PRAGMA foreign_keys = ON;\n",
    "PRAGMA user_version = 3;\n",
    "CREATE TABLE sources (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  input INTEGER NOT NULL,\n"
    "  path TEXT NOT NULL,\n"
    "  included INTEGER NOT NULL CHECK (included IN (0, 1))\n"
    ");\n",
    "CREATE TABLE goal_tables (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('department', 'project')),\n"
    "  name TEXT NOT NULL,\n"
    "  department TEXT,\n"
    "  department_id INTEGER REFERENCES goal_tables(id) DEFERRABLE INITIALLY DEFERRED,\n"
    "  year INTEGER,\n"
    "  framework TEXT,\n"
    "  duties TEXT,\n"
    "  period TEXT,\n"
    "  period_goal TEXT,\n"
    "  goal TEXT,\n"
    "  goal_actual TEXT,\n"
    "  evaluation INTEGER NOT NULL CHECK (evaluation IN (0, 1)),\n"
    "  execution_rate_computed TEXT,\n"
    "  budget_score_computed TEXT,\n"
    "  total_points TEXT,\n"
    "  score TEXT,\n"
    "  score_computed TEXT,\n"
    "  grade TEXT,\n"
    "  grade_computed TEXT,\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL,\n"
    "  period_from TEXT,\n"
    "  period_to TEXT\n"
    ");\n",
    "CREATE TABLE attributes (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  table_id INTEGER NOT NULL REFERENCES goal_tables(id),\n"
    "  name TEXT NOT NULL,\n"
    "  value TEXT NOT NULL,\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL\n"
    ");\n",
    "CREATE TABLE fund_lines (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  table_id INTEGER NOT NULL REFERENCES goal_tables(id),\n"
    "  parent_id INTEGER REFERENCES fund_lines(id),\n"
    "  position INTEGER NOT NULL,\n"
    "  depth INTEGER NOT NULL,\n"
    "  path TEXT NOT NULL,\n"
    "  name TEXT,\n"
    "  partition TEXT,\n"
    "  of_which INTEGER NOT NULL CHECK (of_which IN (0, 1)),\n"
    "  amount TEXT,\n"
    "  total TEXT,\n"
    "  computed INTEGER NOT NULL CHECK (computed IN (0, 1)),\n"
    "  unit TEXT NOT NULL,\n"
    "  total_yuan TEXT,\n"
    "  total_fen INTEGER,\n"
    "  execution_rate TEXT,\n"
    "  weight TEXT,\n"
    "  score TEXT,\n"
    "  deviation TEXT,\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL\n"
    ");\n",
    "CREATE TABLE fund_phases (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  fund_line_id INTEGER NOT NULL REFERENCES fund_lines(id),\n"
    "  phase TEXT NOT NULL CHECK (phase = 'adjusted' OR phase = 'executed' OR phase = 'period' OR "
    "phase = 'final_accounts'),\n"
    "  year INTEGER,\n"
    "  amount TEXT,\n"
    "  total TEXT NOT NULL,\n"
    "  computed INTEGER NOT NULL CHECK (computed IN (0, 1)),\n"
    "  total_fen INTEGER\n"
    ");\n",
    "CREATE TABLE categories (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  table_id INTEGER NOT NULL REFERENCES goal_tables(id),\n"
    "  parent_id INTEGER REFERENCES categories(id),\n"
    "  level INTEGER NOT NULL CHECK (level IN (1, 2)),\n"
    "  position INTEGER NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  canonical TEXT,\n"
    "  quantity INTEGER NOT NULL CHECK (quantity IN (0, 1)),\n"
    "  timeliness INTEGER NOT NULL CHECK (timeliness IN (0, 1)),\n"
    "  cost INTEGER NOT NULL CHECK (cost IN (0, 1)),\n"
    "  satisfaction INTEGER NOT NULL CHECK (satisfaction IN (0, 1)),\n"
    "  not_applicable INTEGER NOT NULL CHECK (not_applicable IN (0, 1)),\n"
    "  implied INTEGER NOT NULL CHECK (implied IN (0, 1)),\n"
    "  weight TEXT,\n"
    "  weight_computed INTEGER NOT NULL CHECK (weight_computed IN (0, 1)),\n"
    "  score TEXT,\n"
    "  score_computed TEXT,\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL,\n"
    "  indicator_set TEXT NOT NULL CHECK (indicator_set IN ('year', 'period'))\n"
    ");\n",
    "CREATE TABLE indicators (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  table_id INTEGER NOT NULL REFERENCES goal_tables(id),\n"
    "  category_id INTEGER NOT NULL REFERENCES categories(id),\n"
    "  position INTEGER NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  item TEXT,\n"
    "  note TEXT,\n"
    "  weight TEXT,\n"
    "  score TEXT,\n"
    "  score_computed TEXT,\n"
    "  direction TEXT NOT NULL CHECK (direction = 'positive' OR direction = 'negative' OR "
    "direction = 'equal'),\n"
    "  deviation TEXT,\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL\n"
    ");\n",
    "CREATE TABLE dimensions (\n"
    "  name TEXT PRIMARY KEY,\n"
    "  english TEXT,\n"
    "  base_unit TEXT,\n"
    "  kind TEXT NOT NULL CHECK (kind = 'money' OR kind = 'ratio' OR kind = 'time' OR "
    "kind = 'whole' OR kind = 'other'),\n"
    "  int_scale INTEGER NOT NULL\n"
    ");\n",
    "CREATE TABLE targets (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  indicator_id INTEGER NOT NULL REFERENCES indicators(id),\n"
    "  role TEXT NOT NULL CHECK (role = 'target' OR role = 'standard' OR role = 'actual'),\n"
    "  kind TEXT NOT NULL CHECK (kind = 'comparison' OR kind = 'range' OR kind = 'deadline' OR "
    "kind = 'period' OR kind = 'qualitative'),\n"
    "  comparator TEXT CHECK (comparator = 'eq' OR comparator = 'ge' OR comparator = 'le' OR "
    "comparator = 'gt' OR comparator = 'lt'),\n"
    "  comparator_form TEXT CHECK (comparator_form = 'none' OR comparator_form = 'prefix' OR "
    "comparator_form = 'suffix'),\n"
    "  value TEXT,\n"
    "  value_num REAL,\n"
    "  high TEXT,\n"
    "  high_num REAL,\n"
    "  unit TEXT,\n"
    "  dimension TEXT REFERENCES dimensions(name),\n"
    "  base_value TEXT,\n"
    "  base_num REAL,\n"
    "  base_int INTEGER,\n"
    "  base_high TEXT,\n"
    "  base_high_num REAL,\n"
    "  date TEXT,\n"
    "  date_to TEXT,\n"
    "  text TEXT,\n"
    "  form TEXT NOT NULL,\n"
    "  written TEXT NOT NULL,\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL,\n"
    "  UNIQUE (indicator_id, role)\n"
    ");\n",
    /* Version 3: the form's other constructs (language.md §4.5, §7.1, §9.1, §10.8). */
    "CREATE TABLE form_columns (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  table_id INTEGER NOT NULL REFERENCES goal_tables(id),\n"
    "  row_set TEXT NOT NULL CHECK (row_set = 'funds' OR row_set = 'year' OR row_set = 'period'),\n"
    "  position INTEGER NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  UNIQUE (table_id, row_set, name)\n"
    ");\n",
    "CREATE TABLE column_cells (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  column_id INTEGER NOT NULL REFERENCES form_columns(id),\n"
    "  indicator_id INTEGER REFERENCES indicators(id),\n"
    "  fund_line_id INTEGER REFERENCES fund_lines(id),\n"
    "  position INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL,\n"
    "  CHECK ((indicator_id IS NULL) <> (fund_line_id IS NULL))\n"
    ");\n",
    "CREATE TABLE duty_rows (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  table_id INTEGER NOT NULL REFERENCES goal_tables(id),\n"
    "  parent_id INTEGER REFERENCES duty_rows(id),\n"
    "  level TEXT NOT NULL CHECK (level = 'duty' OR level = 'task' OR level = 'project'),\n"
    "  position INTEGER NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  project_id INTEGER REFERENCES goal_tables(id) DEFERRABLE INITIALLY DEFERRED,\n"
    "  amount TEXT,\n"
    "  unit TEXT NOT NULL,\n"
    "  amount_yuan TEXT,\n"
    "  amount_fen INTEGER,\n"
    "  computed INTEGER NOT NULL CHECK (computed IN (0, 1)),\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL\n"
    ");\n",
    "CREATE TABLE schedule_rows (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  table_id INTEGER NOT NULL REFERENCES goal_tables(id),\n"
    "  position INTEGER NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  kind TEXT NOT NULL CHECK (kind = 'period' OR kind = 'deadline' OR kind = 'qualitative'),\n"
    "  comparator TEXT CHECK (comparator = 'eq' OR comparator = 'ge' OR comparator = 'le' OR "
    "comparator = 'gt' OR comparator = 'lt'),\n"
    "  comparator_form TEXT CHECK (comparator_form = 'none' OR comparator_form = 'prefix' OR "
    "comparator_form = 'suffix'),\n"
    "  date TEXT,\n"
    "  date_to TEXT,\n"
    "  text TEXT,\n"
    "  first_day TEXT,\n"
    "  last_day TEXT,\n"
    "  form TEXT NOT NULL,\n"
    "  written TEXT NOT NULL,\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL\n"
    ");\n",
    "CREATE TABLE computations (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  indicator_id INTEGER NOT NULL UNIQUE REFERENCES indicators(id),\n"
    "  expression TEXT NOT NULL,\n"
    "  value TEXT,\n"
    "  value_num REAL,\n"
    "  unit TEXT,\n"
    "  matches INTEGER CHECK (matches IN (0, 1)),\n"
    "  dimension TEXT REFERENCES dimensions(name),\n"
    "  base_value TEXT,\n"
    "  base_int INTEGER,\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL\n"
    ");\n",
    "CREATE TABLE computation_inputs (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  computation_id INTEGER NOT NULL REFERENCES computations(id),\n"
    "  position INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL CHECK (kind = 'indicator' OR kind = 'fund' OR kind = 'number'),\n"
    "  indicator_id INTEGER REFERENCES indicators(id),\n"
    "  fund_line_id INTEGER REFERENCES fund_lines(id),\n"
    "  written TEXT NOT NULL,\n"
    "  value TEXT,\n"
    "  unit TEXT,\n"
    "  value_fen INTEGER,\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL\n"
    ");\n",
    "CREATE TABLE shares (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  fund_line_id INTEGER NOT NULL UNIQUE REFERENCES fund_lines(id),\n"
    "  whole_id INTEGER NOT NULL REFERENCES fund_lines(id),\n"
    "  percent TEXT NOT NULL,\n"
    "  value TEXT,\n"
    "  matches INTEGER CHECK (matches IN (0, 1)),\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL\n"
    ");\n",
    "CREATE INDEX goal_tables_department ON goal_tables(department_id);\n",
    "CREATE INDEX goal_tables_name ON goal_tables(name);\n",
    "CREATE INDEX attributes_table ON attributes(table_id);\n"
    "CREATE INDEX fund_lines_table ON fund_lines(table_id);\n",
    "CREATE INDEX fund_lines_parent ON fund_lines(parent_id);\n",
    "CREATE INDEX fund_lines_partition ON fund_lines(partition, name);\n",
    "CREATE INDEX fund_phases_line ON fund_phases(fund_line_id);\n",
    "CREATE INDEX categories_table ON categories(table_id);\n",
    "CREATE INDEX categories_parent ON categories(parent_id);\n",
    "CREATE INDEX indicators_table ON indicators(table_id);\n",
    "CREATE INDEX indicators_category ON indicators(category_id);\n",
    "CREATE INDEX targets_dimension ON targets(dimension);\n",
    "CREATE INDEX column_cells_column ON column_cells(column_id);\n",
    "CREATE INDEX column_cells_indicator ON column_cells(indicator_id);\n",
    "CREATE INDEX column_cells_fund_line ON column_cells(fund_line_id);\n",
    "CREATE INDEX duty_rows_table ON duty_rows(table_id);\n",
    "CREATE INDEX duty_rows_parent ON duty_rows(parent_id);\n",
    "CREATE INDEX duty_rows_project ON duty_rows(project_id);\n",
    "CREATE INDEX schedule_rows_table ON schedule_rows(table_id);\n",
    "CREATE INDEX computation_inputs_computation ON computation_inputs(computation_id);\n",
    "CREATE INDEX computation_inputs_indicator ON computation_inputs(indicator_id);\n",
    "CREATE INDEX computation_inputs_fund_line ON computation_inputs(fund_line_id);\n",
    "CREATE INDEX shares_whole ON shares(whole_id);\n",
    /* Views: the common questions (docs/sqlite.md, "Views"). */
    "CREATE VIEW departments AS\n"
    "  SELECT id, name, year, framework, goal, evaluation, source_id, line, col\n"
    "  FROM goal_tables WHERE kind = 'department';\n",
    "CREATE VIEW projects AS\n"
    "  SELECT id, name, department, department_id, year, framework, goal, evaluation,\n"
    "         source_id, line, col\n"
    "  FROM goal_tables WHERE kind = 'project';\n",
    "CREATE VIEW indicator_rows AS\n"
    "  SELECT i.id AS indicator_id, t.id AS table_id, t.kind AS table_kind,\n"
    "         t.name AS table_name, t.department, t.year,\n"
    "         c1.name AS level1, c2.name AS level2, c1.canonical AS level1_canonical,\n"
    "         c2.canonical AS level2_canonical, c2.quantity, c2.timeliness, c2.cost,\n"
    "         c2.satisfaction, i.position, i.name,\n"
    "         i.item, g.kind, g.comparator, g.value, g.high, g.unit, g.dimension,\n"
    "         g.base_value, g.base_num, g.base_int, g.form AS target, i.weight, i.score,\n"
    "         i.score_computed, s.path AS file, i.line, i.col, c2.indicator_set\n"
    "  FROM indicators i\n"
    "  JOIN goal_tables t ON t.id = i.table_id\n"
    "  JOIN categories c2 ON c2.id = i.category_id\n"
    "  JOIN categories c1 ON c1.id = c2.parent_id\n"
    "  LEFT JOIN targets g ON g.indicator_id = i.id AND g.role = 'target'\n"
    "  JOIN sources s ON s.id = i.source_id;\n",
    "CREATE VIEW fund_line_rows AS\n"
    "  SELECT f.id AS fund_line_id, t.id AS table_id, t.kind AS table_kind,\n"
    "         t.name AS table_name, t.department, t.year, f.depth, f.path, f.name,\n"
    "         f.partition, f.of_which, f.total, f.unit, f.total_yuan, f.total_fen,\n"
    "         s.path AS file, f.line, f.col\n"
    "  FROM fund_lines f\n"
    "  JOIN goal_tables t ON t.id = f.table_id\n"
    "  JOIN sources s ON s.id = f.source_id;\n",
    "CREATE VIEW funds_by_source AS\n"
    "  SELECT t.kind AS table_kind, f.partition, f.name AS source, COUNT(*) AS lines,\n"
    "         SUM(f.total_fen) AS total_fen,\n"
    "         printf('%s%d.%02d', CASE WHEN SUM(f.total_fen) < 0 THEN '-' ELSE '' END,\n"
    "                abs(SUM(f.total_fen)) / 100, abs(SUM(f.total_fen)) % 100) AS total_yuan\n"
    "  FROM fund_lines f JOIN goal_tables t ON t.id = f.table_id\n"
    "  WHERE f.partition IN ('收入性质', '资金来源') AND f.depth = 1\n"
    "  GROUP BY t.kind, f.partition, f.name;\n",
    "CREATE VIEW check_satisfaction_below_90 AS\n"
    "  SELECT table_name, department, name, target, file, line\n"
    "  FROM indicator_rows\n"
    "  WHERE satisfaction = 1\n"
    "    AND NOT (kind = 'comparison' AND comparator IN ('ge', 'gt')\n"
    "             AND dimension = '比率' AND base_int >= 900000);\n",
    "CREATE VIEW check_vague_outputs AS\n"
    "  SELECT table_name, department, level2, name, target, file, line\n"
    "  FROM indicator_rows\n"
    "  WHERE level1_canonical = '产出指标' AND kind = 'qualitative';\n",
    "CREATE VIEW check_target_restates_name AS\n"
    "  SELECT table_name, department, name, target, file, line\n"
    "  FROM indicator_rows WHERE kind = 'qualitative' AND target = name;\n",
    "CREATE VIEW check_timeliness_unmeasured AS\n"
    "  SELECT r.table_name, r.department, r.name, r.target, r.file, r.line\n"
    "  FROM indicator_rows r LEFT JOIN dimensions m ON m.name = r.dimension\n"
    "  WHERE r.timeliness = 1 AND r.kind IN ('comparison', 'range')\n"
    "    AND (m.kind IS NULL OR m.kind <> 'time');\n",
    "CREATE VIEW check_missing_satisfaction AS\n"
    "  SELECT t.kind, t.name, t.department, s.path AS file, t.line\n"
    "  FROM goal_tables t JOIN sources s ON s.id = t.source_id\n"
    "  WHERE EXISTS (SELECT 1 FROM indicators i WHERE i.table_id = t.id)\n"
    "    AND NOT EXISTS (SELECT 1 FROM indicators i JOIN categories c ON c.id = i.category_id\n"
    "                    WHERE i.table_id = t.id AND c.satisfaction = 1);\n",
    "CREATE VIEW check_partition_sums AS\n"
    "  SELECT t.name AS table_name, p.path, p.name, c.partition, p.total_fen,\n"
    "         SUM(c.total_fen) AS parts_fen\n"
    "  FROM fund_lines c JOIN fund_lines p ON p.id = c.parent_id\n"
    "  JOIN goal_tables t ON t.id = p.table_id\n"
    "  WHERE c.of_which = 0 AND c.partition IS NOT NULL\n"
    "  GROUP BY p.id, c.partition\n"
    "  HAVING SUM(c.total_fen) IS NOT p.total_fen;\n",
    "CREATE VIEW check_low_execution AS\n"
    "  SELECT kind, name, department, execution_rate_computed, budget_score_computed\n"
    "  FROM goal_tables\n"
    "  WHERE evaluation = 1 AND CAST(execution_rate_computed AS REAL) < 90;\n",
    "CREATE VIEW check_points_lost AS\n"
    "  SELECT r.table_name, r.name, r.target, a.form AS actual, r.weight, r.score,\n"
    "         r.score_computed, r.file, r.line\n"
    "  FROM indicator_rows r LEFT JOIN targets a\n"
    "    ON a.indicator_id = r.indicator_id AND a.role = 'actual'\n"
    "  WHERE r.weight IS NOT NULL\n"
    "    AND CAST(COALESCE(r.score, r.score_computed) AS REAL) < CAST(r.weight AS REAL);\n",
    "CREATE VIEW check_duties_without_projects AS\n"
    "  SELECT t.name AS department, d.name, d.amount, d.unit, s.path AS file, d.line\n"
    "  FROM duty_rows d JOIN goal_tables t ON t.id = d.table_id\n"
    "  JOIN sources s ON s.id = d.source_id\n"
    "  WHERE d.level = 'duty'\n"
    "    AND NOT EXISTS (SELECT 1 FROM duty_rows p LEFT JOIN duty_rows k ON k.id = p.parent_id\n"
    "                    WHERE p.level = 'project'\n"
    "                      AND (p.parent_id = d.id OR k.parent_id = d.id));\n",
    "CREATE VIEW check_schedule_outside_period AS\n"
    "  SELECT t.name AS project, r.name, r.form, r.first_day, r.last_day,\n"
    "         t.period_from, t.period_to, s.path AS file, r.line\n"
    "  FROM schedule_rows r JOIN goal_tables t ON t.id = r.table_id\n"
    "  JOIN sources s ON s.id = r.source_id\n"
    "  WHERE r.first_day < t.period_from OR r.last_day > t.period_to;\n",
    "BEGIN;\n",
};

enum stmt_id {
    ST_SOURCE,
    ST_TABLE,
    ST_ATTRIBUTE,
    ST_FUND,
    ST_PHASE,
    ST_CATEGORY,
    ST_INDICATOR,
    ST_DIMENSION,
    ST_TARGET,
    ST_COLUMN,
    ST_CELL,
    ST_DUTY,
    ST_SCHEDULE,
    ST_COMPUTE,
    ST_INPUT,
    ST_SHARE,
    ST_COUNT
};

static const char *const insert_sql[ST_COUNT] = {
    [ST_SOURCE] = "INSERT INTO sources VALUES (?1, ?2, ?3, ?4)",
    [ST_TABLE] = "INSERT INTO goal_tables VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                 " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
    [ST_ATTRIBUTE] = "INSERT INTO attributes VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6)",
    [ST_FUND] = "INSERT INTO fund_lines VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
    [ST_PHASE] = "INSERT INTO fund_phases VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [ST_CATEGORY] = "INSERT INTO categories VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                    " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    [ST_INDICATOR] = "INSERT INTO indicators VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                     " ?11, ?12, ?13, ?14, ?15)",
    [ST_DIMENSION] = "INSERT OR IGNORE INTO dimensions VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_TARGET] = "INSERT INTO targets VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                  " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    [ST_COLUMN] = "INSERT INTO form_columns VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_CELL] = "INSERT INTO column_cells VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [ST_DUTY] = "INSERT INTO duty_rows VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                " ?13, ?14, ?15)",
    [ST_SCHEDULE] = "INSERT INTO schedule_rows VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                    " ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    [ST_COMPUTE] = "INSERT INTO computations VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                   " ?12, ?13)",
    [ST_INPUT] = "INSERT INTO computation_inputs VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                 " ?10, ?11, ?12)",
    [ST_SHARE] = "INSERT INTO shares VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
};

/* A node and its row: a table (for department_id and duty_rows.project_id),
   a fund line or an indicator (for what a 计算 names). */
struct node_id {
    const struct ast_node *node;
    sqlite3_int64 id;
};

/* A growing array of them; a failed allocation fails the database. */
struct node_ids {
    struct node_id *at;
    size_t count, cap;
};

/* The 栏 names of one set of rows (ast_columns) and the form_columns id of the first. */
struct column_set {
    const struct ast_columns *names;
    sqlite3_int64 first;
};

struct emit_database {
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    bool failed;
    bool written; /* write was called: nothing more can be added */
    char error[256];
    /* Counters: the last id of each kind of row, and of inputs. */
    sqlite3_int64 inputs, sources, tables, funds, categories, indicators, columns, duties,
        computations;
    /* For the input being added. */
    const struct compilation *c;
    sqlite3_int64 source_base; /* the id of its first source, less one */
    struct source_cursor at;
    struct node_ids table_ids; /* every table of the input, numbered before any is written */
    /* The table being added. */
    sqlite3_int64 table;
    const struct ast_node *funds_node; /* its 资金 */
    struct emit_phase phases[EMIT_PHASES_MAX];
    size_t phase_count;
    sqlite3_int64 fund_position, category_position, indicator_position;
    const char *indicator_set; /* the set being added: "year" (指标) or "period" (实施期指标) */
    struct node_ids fund_ids;      /* the table's fund nodes and their rows */
    struct node_ids indicator_ids; /* the set's indicators and their rows */
    struct column_set fund_columns, indicator_columns;
    sqlite3_int64 duty_position, schedule_position;
};

/* Keeps the first failure's reason, SQLite's message (English: the library's own). */
static void
fail(struct emit_database *d)
{
    if (d->failed)
        return;
    d->failed = true;
    snprintf(d->error, sizeof d->error, "%s", sqlite3_errmsg(d->db));
}

/* A failure SQLite did not report (our allocation, a misuse): its words for code. */
static void
fail_code(struct emit_database *d, int code)
{
    if (d->failed)
        return;
    d->failed = true;
    snprintf(d->error, sizeof d->error, "%s", sqlite3_errstr(code));
}

static void
fail_nomem(struct emit_database *d)
{
    fail_code(d, SQLITE_NOMEM);
}

/* --- binding --------------------------------------------------------------- */

static void
bind_text(struct emit_database *d, enum stmt_id s, int i, const char *text, size_t len)
{
    int rc = text == NULL
                 ? sqlite3_bind_null(d->st[s], i)
                 : sqlite3_bind_text64(d->st[s], i, text, len, SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK)
        fail(d);
}

static void
bind_cstr(struct emit_database *d, enum stmt_id s, int i, const char *text)
{
    bind_text(d, s, i, text, text != NULL ? strlen(text) : 0);
}

static void
bind_str(struct emit_database *d, enum stmt_id s, int i, const struct ast_str *str)
{
    bind_text(d, s, i, str != NULL ? str->text : NULL, str != NULL ? str->len : 0);
}

/* A decimal string of len bytes, NULL when len is 0 (unknown). */
static void
bind_buf(struct emit_database *d, enum stmt_id s, int i, const char *buf, size_t len)
{
    bind_text(d, s, i, len > 0 ? buf : NULL, len);
}

static void
bind_int(struct emit_database *d, enum stmt_id s, int i, sqlite3_int64 v)
{
    if (sqlite3_bind_int64(d->st[s], i, v) != SQLITE_OK)
        fail(d);
}

static void
bind_null(struct emit_database *d, enum stmt_id s, int i)
{
    if (sqlite3_bind_null(d->st[s], i) != SQLITE_OK)
        fail(d);
}

/* An id, NULL for 0 (none). */
static void
bind_id(struct emit_database *d, enum stmt_id s, int i, sqlite3_int64 id)
{
    if (id == 0)
        bind_null(d, s, i);
    else
        bind_int(d, s, i, id);
}

/* Runs the statement with what is bound, then clears it for the next row. */
static void
step(struct emit_database *d, enum stmt_id s)
{
    if (!d->failed && sqlite3_step(d->st[s]) != SQLITE_DONE)
        fail(d);
    sqlite3_reset(d->st[s]);
    sqlite3_clear_bindings(d->st[s]);
}

/* source_id, line, col of a span, from parameter i on. */
static void
bind_location(struct emit_database *d, enum stmt_id s, int i, struct ast_span span)
{
    const struct source *src = compilation_source(d->c, span.file);
    unsigned line, col;
    source_position_at(&d->at, src, span.start, &line, &col);
    bind_int(d, s, i, d->source_base + span.file + 1);
    bind_int(d, s, i + 1, line);
    bind_int(d, s, i + 2, col);
}

/* The source text of a span. */
static void
bind_written(struct emit_database *d, enum stmt_id s, int i, struct ast_span span)
{
    const struct source *src = compilation_source(d->c, span.file);
    bind_text(d, s, i, src->text + span.start, span.end - span.start);
}

/* value × 10^places as an exact integer; false when it has more decimals or overflows. */
static bool
scaled_int(struct decimal v, int places, sqlite3_int64 *out)
{
    struct decimal s;
    if (!decimal_shift(v, places, &s) || !decimal_is_whole(s))
        return false;
    s = decimal_normalize(s);
    while (s.scale > 0) { /* whole: the coefficient ends in scale zeros */
        s.coef /= 10;
        s.scale--;
    }
    *out = s.coef;
    return true;
}

/* An amount in a unit of money, in 分; NULL when not exact, unknown or not money. */
static void
bind_unit_fen(struct emit_database *d, enum stmt_id s, int i, struct decimal amount,
              const char *unit)
{
    const struct unit *u = unit != NULL ? catalog_unit(d->c->catalog, unit) : NULL;
    int e = u != NULL ? unit_money_exponent(u) : -1;
    sqlite3_int64 fen;
    if (e >= 0 && scaled_int(amount, e + SCALE_MONEY, &fen))
        bind_int(d, s, i, fen);
    else
        bind_null(d, s, i);
}

/* An amount in the table's money unit, in 分; NULL when not exact or unknown. */
static void
bind_fen(struct emit_database *d, enum stmt_id s, int i, struct decimal amount)
{
    bind_unit_fen(d, s, i, amount, model_money_unit(d->funds_node));
}

/* The same for a decimal string (NULL: unknown). */
static void
bind_digits_fen(struct emit_database *d, enum stmt_id s, int i, const char *digits,
                const struct ast_str *unit)
{
    struct decimal v;
    if (digits != NULL && unit->text != NULL && decimal_parse(digits, strlen(digits), &v))
        bind_unit_fen(d, s, i, v, unit->text);
}

/* The pieces of a form, as one text. */
static void
bind_form(struct emit_database *d, enum stmt_id s, int i, const struct model_form *f)
{
    size_t len = 0;
    for (size_t k = 0; k < f->count; k++)
        len += f->piece[k].len;
    char *text = sqlite3_malloc64(len + 1);
    if (text == NULL) {
        fail_nomem(d);
        return;
    }
    len = 0;
    for (size_t k = 0; k < f->count; k++) {
        memcpy(text + len, f->piece[k].s, f->piece[k].len);
        len += f->piece[k].len;
    }
    if (sqlite3_bind_text64(d->st[s], i, text, len, sqlite3_free, SQLITE_UTF8) != SQLITE_OK)
        fail(d);
}

/*
 * The first (or the last) day a date may mean, 2024-12-01, as sema_schedule
 * compares them (W0141): a month is its first to its last day, its end (月底)
 * its last day; in the table's year when none is written; NULL when no year
 * is known.
 */
static void
bind_day(struct emit_database *d, enum stmt_id s, int i, const struct ast_date *date, int year,
         bool last)
{
    if (date->year != 0)
        year = date->year;
    if (year == 0 || date->month < 1 || date->month > 12) {
        bind_null(d, s, i);
        return;
    }
    int day = date->day;
    if (day == 0)
        day = last || date->end_of_month ? model_days_in_month(year, date->month) : 1;
    char buf[3 * MODEL_INT_MAX];
    size_t n = model_format_int(buf, year, 4);
    buf[n++] = '-';
    n += model_format_int(buf + n, date->month, 2);
    buf[n++] = '-';
    n += model_format_int(buf + n, day, 2);
    bind_text(d, s, i, buf, n);
}

/* A period's (or a deadline's) first and last day, from parameter i on. */
static void
bind_days(struct emit_database *d, enum stmt_id s, int i, const struct ast_node *t, int year)
{
    if (t->u.target.kind == AST_TARGET_PERIOD) {
        bind_day(d, s, i, &t->u.target.date, year, false);
        bind_day(d, s, i + 1, &t->u.target.date_to, year, true);
    } else if (t->u.target.kind == AST_TARGET_DEADLINE) {
        bind_day(d, s, i, &t->u.target.date, year, false);
        bind_day(d, s, i + 1, &t->u.target.date, year, true);
    }
}

/* --- sources and tables ---------------------------------------------------- */

static void
add_sources(struct emit_database *d)
{
    d->inputs++;
    d->source_base = d->sources;
    for (size_t i = 0; i < d->c->user_source_count; i++) {
        bind_int(d, ST_SOURCE, 1, ++d->sources);
        bind_int(d, ST_SOURCE, 2, d->inputs);
        bind_cstr(d, ST_SOURCE, 3, compilation_source(d->c, (unsigned)i)->path);
        bind_int(d, ST_SOURCE, 4, i > 0);
        step(d, ST_SOURCE);
    }
}

/* Adds (node, id) to ids. */
static void
node_ids_push(struct emit_database *d, struct node_ids *ids, const struct ast_node *node,
              sqlite3_int64 id)
{
    if (ids->count == ids->cap) {
        size_t cap = ids->cap ? 2 * ids->cap : 16;
        struct node_id *p = realloc(ids->at, cap * sizeof *p);
        if (p == NULL) {
            fail_nomem(d);
            return;
        }
        ids->at = p;
        ids->cap = cap;
    }
    ids->at[ids->count++] = (struct node_id){node, id};
}

/* The row of node in ids; 0 when it has none. */
static sqlite3_int64
node_ids_find(const struct node_ids *ids, const struct ast_node *node)
{
    for (size_t i = 0; i < ids->count; i++)
        if (ids->at[i].node == node)
            return ids->at[i].id;
    return 0;
}

/* Every table gets its id before any row is written, so a project
   written before its department (a top-level project) can name it, and a
   duty table can name a project written after it. */
static void
number_tables(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    struct emit_database *d = ctx;
    (void)parent;
    d->tables++;
    if (!d->failed)
        node_ids_push(d, &d->table_ids, table, d->tables);
}

static sqlite3_int64
department_id(const struct emit_database *d, const struct ast_node *table,
              const struct ast_node *parent)
{
    const struct ast_node *decl = parent;
    if (table->kind != AST_PROJECT)
        return 0;
    const struct ast_str *name = model_department(table, parent);
    if (name != NULL && name->text != NULL) {
        const struct compilation_department *cd = compilation_department(d->c, name->text);
        if (cd != NULL)
            decl = cd->decl;
    }
    return decl != NULL && decl->kind == AST_DEPARTMENT ? node_ids_find(&d->table_ids, decl) : 0;
}

static void
bind_points_computed(struct emit_database *d, enum stmt_id s, int i, const struct ast_points *p)
{
    char buf[DECIMAL_FORMAT_MAX];
    bind_buf(d, s, i, buf, emit_score_computed(p, buf));
}

static void
add_table_row(struct emit_database *d, const struct ast_node *table, const struct ast_node *parent)
{
    enum stmt_id s = ST_TABLE;
    bool project = table->kind == AST_PROJECT;
    bind_int(d, s, 1, d->table);
    bind_cstr(d, s, 2, project ? "project" : "department");
    bind_str(d, s, 3, &table->u.decl.name);
    bind_str(d, s, 4, model_department(table, parent));
    bind_id(d, s, 5, department_id(d, table, parent));
    if (table->u.decl.year != 0) /* sema_names: its own 年度, else its department's */
        bind_int(d, s, 6, table->u.decl.year);
    const struct framework *fw = table->u.decl.framework;
    bind_cstr(d, s, 7, fw != NULL ? fw->name : NULL);
    bind_str(d, s, 8, model_text(table, AST_TEXT_DUTIES));
    const struct ast_node *period = ast_field(table, AST_PERIOD);
    if (period != NULL && period->u.period.value != NULL) {
        struct model_form form;
        model_form_target(d->c, period->u.period.value, &form);
        bind_form(d, s, 9, &form);
    }
    bind_str(d, s, 10, model_text(table, AST_TEXT_PERIOD_GOAL));
    bind_str(d, s, 11, model_text(table, AST_TEXT_GOAL));
    bind_str(d, s, 12, model_text(table, AST_TEXT_ACTUAL));
    const struct ast_evaluation *e = table->u.decl.evaluation;
    bind_int(d, s, 13, model_is_evaluation(table));
    if (model_is_evaluation(table)) {
        char buf[DECIMAL_FORMAT_MAX];
        bind_buf(d, s, 14, buf, e->rate_known ? emit_decimal(e->rate, buf) : 0);
        bind_points_computed(d, s, 15, &e->budget);
        const struct ast_node *n = model_field(table, AST_TOTAL_POINTS);
        if (n != NULL)
            bind_cstr(d, s, 16, n->u.evaluation_field.number.digits);
        else
            bind_buf(d, s, 16, buf, emit_weight(&e->total, buf));
        n = model_field(table, AST_TABLE_SCORE);
        bind_cstr(d, s, 17, n != NULL ? n->u.evaluation_field.number.digits : NULL);
        bind_points_computed(d, s, 18, &e->total);
        enum ast_grade grade = emit_grade_written(table);
        if (grade != AST_GRADE_NONE)
            bind_cstr(d, s, 19, model_grade_name(grade, false));
        if (e->grade_computed != AST_GRADE_NONE)
            bind_cstr(d, s, 20, model_grade_name(e->grade_computed, false));
    }
    bind_location(d, s, 21, table->span);
    if (period != NULL && period->u.period.value != NULL &&
        period->u.period.value->u.target.kind == AST_TARGET_PERIOD) /* not a duration */
        bind_days(d, s, 24, period->u.period.value, table->u.decl.year);
    step(d, s);
    for (const struct ast_node *n = table->u.decl.body.first; n != NULL; n = n->next)
        if (n->kind == AST_ATTRIBUTE) {
            bind_int(d, ST_ATTRIBUTE, 1, d->table);
            bind_str(d, ST_ATTRIBUTE, 2, &n->u.attribute.name);
            bind_str(d, ST_ATTRIBUTE, 3, &n->u.attribute.value);
            bind_location(d, ST_ATTRIBUTE, 4, n->span);
            step(d, ST_ATTRIBUTE);
        }
}

/* --- 栏: the form's other columns ------------------------------------------- */

/* The columns of one set of rows of the table, in first-seen order (sema_columns). */
static void
add_column_set(struct emit_database *d, const char *set, const struct ast_columns *names,
               struct column_set *out)
{
    out->names = names;
    out->first = d->columns + 1;
    for (uint32_t k = 0; k < names->count; k++) {
        bind_int(d, ST_COLUMN, 1, ++d->columns);
        bind_int(d, ST_COLUMN, 2, d->table);
        bind_cstr(d, ST_COLUMN, 3, set);
        bind_int(d, ST_COLUMN, 4, k + 1);
        bind_str(d, ST_COLUMN, 5, names->names[k]);
        step(d, ST_COLUMN);
    }
}

/* One 栏 of a row: its cell, under the set's column of that name (parameter
   2 or 3 is the row: indicator_id or fund_line_id). */
static void
add_cell(struct emit_database *d, const struct column_set *set, int row_param, sqlite3_int64 row,
         int position, const struct ast_node *m)
{
    const struct ast_str *name = model_column_name(m);
    uint32_t k = 0;
    while (k < set->names->count && strcmp(set->names->names[k]->text, name->text) != 0)
        k++;
    if (k == set->names->count) { /* sema_columns lists every name of the set */
        fail_code(d, SQLITE_INTERNAL);
        return;
    }
    bind_int(d, ST_CELL, 1, set->first + k);
    bind_int(d, ST_CELL, row_param, row);
    bind_int(d, ST_CELL, 4, position);
    bind_str(d, ST_CELL, 5, model_column_text(m));
    bind_location(d, ST_CELL, 6, m->span);
    step(d, ST_CELL);
}

/* --- funds ----------------------------------------------------------------- */

/* Where a fund line is listed: its parent's row, its depth and path, the 按 it is under. */
struct fund_place {
    sqlite3_int64 parent;
    int depth;
    const char *path;
    size_t path_len;
    const struct ast_str *partition;
    bool of_which;
};

static void add_fund_items(struct emit_database *d, const struct fund_place *at,
                           const struct ast_list *items);

static void
add_phases(struct emit_database *d, const struct ast_node *n, sqlite3_int64 id)
{
    enum stmt_id s = ST_PHASE;
    static const char *const names[] = {
        [AST_PHASE_BUDGET] = "budget",        [AST_PHASE_ADJUSTED] = "adjusted",
        [AST_PHASE_EXECUTED] = "executed",    [AST_PHASE_PERIOD] = "period",
        [AST_PHASE_FINAL] = "final_accounts",
    };
    for (size_t i = 0; i < d->phase_count; i++) {
        struct emit_phase p = d->phases[i];
        const struct ast_phase_total *t = model_fund_phase(n, p.phase, p.year);
        if (t == NULL || !t->known)
            continue;
        char buf[DECIMAL_FORMAT_MAX];
        const struct ast_node *m = emit_phase_written(n, p);
        bind_int(d, s, 1, id);
        bind_cstr(d, s, 2, names[p.phase]);
        if (p.phase == AST_PHASE_FINAL)
            bind_int(d, s, 3, p.year);
        bind_cstr(d, s, 4, m != NULL ? m->u.fund_mod.value.value.digits : NULL);
        bind_buf(d, s, 5, buf, emit_decimal(t->total, buf));
        bind_int(d, s, 6, t->computed);
        bind_fen(d, s, 7, t->total);
        step(d, s);
    }
}

/* 占比 of a fund node, of whole (its parent's row; the 资金 total's own). */
static void
add_share(struct emit_database *d, const struct ast_node *n, sqlite3_int64 whole)
{
    const struct ast_node *m = model_fund_mod(n, AST_FUNDMOD_SHARE);
    if (m == NULL)
        return;
    enum stmt_id s = ST_SHARE;
    const struct ast_relation *r = m->u.fund_mod.relation;
    bind_int(d, s, 1, d->funds);
    bind_int(d, s, 2, whole);
    bind_cstr(d, s, 3, m->u.fund_mod.value.value.digits);
    if (r != NULL && r->known) {
        char buf[DECIMAL_FORMAT_MAX];
        bind_buf(d, s, 4, buf, decimal_format(r->value, buf, sizeof buf));
        bind_int(d, s, 5, r->matches);
    }
    bind_location(d, s, 6, m->span);
    step(d, s);
}

/* One row of fund_lines (the 资金 total when n is the FUNDS node); its id. */
static sqlite3_int64
add_fund_row(struct emit_database *d, const struct fund_place *at, const struct ast_node *n)
{
    enum stmt_id s = ST_FUND;
    sqlite3_int64 id = ++d->funds;
    bind_int(d, s, 1, id);
    bind_int(d, s, 2, d->table);
    bind_id(d, s, 3, at->parent);
    bind_int(d, s, 4, d->fund_position++);
    bind_int(d, s, 5, at->depth);
    bind_text(d, s, 6, at->path, at->path_len);
    bind_str(d, s, 7, n->kind == AST_FUND_LINE ? &n->u.fund.name : NULL);
    bind_str(d, s, 8, at->partition);
    bind_int(d, s, 9, at->of_which);
    bind_cstr(d, s, 10, n->u.fund.amount.digits);
    char buf[DECIMAL_FORMAT_MAX];
    bind_buf(d, s, 11, buf, model_amount(n, buf));
    bind_int(d, s, 12, n->u.fund.computed);
    bind_cstr(d, s, 13, model_money_unit(d->funds_node));
    bind_buf(d, s, 14, buf, model_amount_yuan(d->c, d->funds_node, n, buf));
    if (n->u.fund.total_known)
        bind_fen(d, s, 15, n->u.fund.total);
    bind_cstr(d, s, 16, emit_fund_number(n, AST_FUNDMOD_RATE));
    bind_cstr(d, s, 17, emit_fund_number(n, AST_FUNDMOD_WEIGHT));
    bind_cstr(d, s, 18, emit_fund_number(n, AST_FUNDMOD_SCORE));
    const struct ast_node *m = model_fund_mod(n, AST_FUNDMOD_DEVIATION);
    bind_str(d, s, 19, m != NULL ? &m->u.fund_mod.text : NULL);
    bind_location(d, s, 20, n->span);
    step(d, s);
    add_phases(d, n, id);
    node_ids_push(d, &d->fund_ids, n, id);
    int position = 0;
    for (m = n->u.fund.mods.first; m != NULL; m = m->next)
        if (model_is_column(m))
            add_cell(d, &d->fund_columns, 3, id, ++position, m);
    add_share(d, n, at->parent != 0 ? at->parent : id);
    return id;
}

/* at's path with "/", an optional prefix and name appended, in sqlite3_malloc'd memory. */
static char *
path_join(struct emit_database *d, const struct fund_place *at, const char *prefix,
          const struct ast_str *name, size_t *len)
{
    size_t plen = prefix != NULL ? strlen(prefix) : 0, nlen = name != NULL ? name->len : 0;
    char *p = sqlite3_malloc64(at->path_len + 1 + plen + nlen + 1);
    if (p == NULL) {
        fail_nomem(d);
        return NULL;
    }
    size_t n = 0;
    memcpy(p, at->path, at->path_len);
    n = at->path_len;
    if (n > 0)
        p[n++] = '/';
    if (plen > 0)
        memcpy(p + n, prefix, plen);
    n += plen;
    if (nlen > 0)
        memcpy(p + n, name->text, nlen);
    n += nlen;
    p[n] = '\0';
    *len = n;
    return p;
}

static void
add_fund_line(struct emit_database *d, const struct fund_place *at, const struct ast_node *n)
{
    sqlite3_int64 id = add_fund_row(d, at, n);
    struct fund_place under = {id, at->depth + 1, NULL, 0, NULL, false};
    char *path = path_join(d, at, NULL, &n->u.fund.name, &under.path_len);
    if (path == NULL)
        return;
    under.path = path;
    add_fund_items(d, &under, &n->u.fund.items);
    sqlite3_free(path);
}

static void
add_fund_items(struct emit_database *d, const struct fund_place *at, const struct ast_list *items)
{
    for (const struct ast_node *n = items->first; n != NULL && !d->failed; n = n->next) {
        struct fund_place in = *at;
        char *path = NULL;
        /* a fund list holds lines, 按 and 其中 (ast.h) */
        if (n->kind == AST_FUND_LINE) {
            add_fund_line(d, at, n);
        } else if (n->kind == AST_PARTITION || n->kind == AST_OF_WHICH) {
            bool of_which = n->kind == AST_OF_WHICH;
            path = path_join(d, at, of_which ? "其中" : "按", of_which ? NULL : &n->u.partition.name,
                             &in.path_len);
            if (path == NULL)
                return;
            in.path = path;
            in.partition = of_which ? NULL : &n->u.partition.name;
            in.of_which = of_which;
            add_fund_items(d, &in, &n->u.partition.lines);
        }
        sqlite3_free(path);
    }
}

static void
add_funds(struct emit_database *d, const struct ast_node *funds)
{
    d->funds_node = funds;
    add_column_set(d, "funds", &funds->u.fund.columns, &d->fund_columns);
    d->phase_count = emit_funds_modified(funds) ? emit_phases(funds, d->phases) : 0;
    d->fund_position = 0;
    struct fund_place top = {0, 0, "", 0, NULL, false};
    sqlite3_int64 id = add_fund_row(d, &top, funds);
    struct fund_place under = {id, 1, "", 0, NULL, false};
    add_fund_items(d, &under, &funds->u.fund.items);
}

/* --- categories, indicators and targets ------------------------------------ */

static const char *
dimension_kind(const struct dimension *dim, int *scale)
{
    *scale = SCALE_OTHER;
    if (dim->flags & DIM_MONEY) {
        *scale = SCALE_MONEY;
        return "money";
    }
    if (dim->flags & DIM_RATIO)
        return "ratio";
    if (dim->flags & DIM_TIME)
        return "time";
    if (dim->flags & DIM_WHOLE) {
        *scale = SCALE_WHOLE;
        return "whole";
    }
    return "other";
}

/* The unit's dimension, added to dimensions the first time; its int_scale. */
static int
add_dimension(struct emit_database *d, const struct dimension *dim)
{
    enum stmt_id s = ST_DIMENSION;
    int scale;
    const char *kind = dimension_kind(dim, &scale);
    bind_cstr(d, s, 1, dim->name);
    bind_cstr(d, s, 2, dim->english[0] != '\0' ? dim->english : NULL);
    bind_cstr(d, s, 3, dim->base);
    bind_cstr(d, s, 4, kind);
    bind_int(d, s, 5, scale);
    step(d, s);
    return scale;
}

/* comparator_form's values. */
static const char *const cmp_forms[] = {
    [AST_CMP_FORM_NONE] = "none",
    [AST_CMP_FORM_PREFIX] = "prefix",
    [AST_CMP_FORM_SUFFIX] = "suffix",
};

/* A date as data: 2024-12-31, or 2024-12 for a month; the table's year when none is written. */
static void
bind_date(struct emit_database *d, enum stmt_id s, int i, const struct ast_date *date, int year)
{
    char buf[3 * MODEL_INT_MAX];
    size_t n = 0;
    if (date->year != 0)
        year = date->year;
    if (year != 0) {
        n += model_format_int(buf, year, 4);
        buf[n++] = '-';
    }
    n += model_format_int(buf + n, date->month, 2);
    if (date->day != 0) {
        buf[n++] = '-';
        n += model_format_int(buf + n, date->day, 2);
    }
    bind_text(d, s, i, buf, n);
}

/* A target's value and its base, into (value, value_num) at parameter i and
   (base_value, base_num, and base_int when with_int) at b. */
static void
bind_quantity(struct emit_database *d, int i, int b, const struct ast_quantity *q,
              const struct unit *u, int scale, bool with_int)
{
    enum stmt_id s = ST_TARGET;
    bind_cstr(d, s, i, q->value.digits);
    bind_cstr(d, s, i + 1, q->value.digits); /* REAL affinity: SQLite reads the number */
    struct decimal v, base;
    if (u == NULL || q->value.digits == NULL ||
        !decimal_parse(q->value.digits, strlen(q->value.digits), &v) || !unit_to_base(u, v, &base))
        return;
    char buf[DECIMAL_FORMAT_MAX];
    size_t len = emit_decimal(base, buf);
    bind_buf(d, s, b, buf, len);
    bind_buf(d, s, b + 1, buf, len);
    sqlite3_int64 n;
    if (with_int && scaled_int(base, scale, &n))
        bind_int(d, s, b + 2, n);
}

static const struct unit *
unit_of(const struct emit_database *d, const struct ast_str *unit)
{
    return unit->text != NULL ? catalog_unit(d->c->catalog, unit->text) : NULL;
}

static void
add_target(struct emit_database *d, sqlite3_int64 indicator, const char *role,
           const struct ast_node *t, int year)
{
    static const char *const kinds[] = {
        [AST_TARGET_COMPARISON] = "comparison",   [AST_TARGET_RANGE] = "range",
        [AST_TARGET_DEADLINE] = "deadline",       [AST_TARGET_PERIOD] = "period",
        [AST_TARGET_QUALITATIVE] = "qualitative",
    };
    enum stmt_id s = ST_TARGET;
    bind_int(d, s, 1, indicator);
    bind_cstr(d, s, 2, role);
    bind_cstr(d, s, 3, kinds[t->u.target.kind]);
    switch (t->u.target.kind) {
    case AST_TARGET_COMPARISON:
    case AST_TARGET_RANGE: {
        const struct ast_quantity *lo = &t->u.target.value;
        bool range = t->u.target.kind == AST_TARGET_RANGE;
        const struct ast_quantity *hi = range ? &t->u.target.high : NULL;
        /* A range writes its unit once, after the high value or after both. */
        const struct ast_str *unit = hi != NULL && hi->unit.text != NULL ? &hi->unit : &lo->unit;
        const struct unit *u = unit_of(d, unit);
        const struct unit *ulo = lo->unit.text != NULL ? unit_of(d, &lo->unit) : u;
        int scale = SCALE_OTHER;
        if (u != NULL)
            scale = add_dimension(d, u->dimension);
        if (!range) {
            bind_cstr(d, s, 4, ast_cmp_name(t->u.target.cmp));
            bind_cstr(d, s, 5, cmp_forms[t->u.target.cmp_form]);
        }
        bind_quantity(d, 6, 12, lo, ulo, scale, true);
        if (hi != NULL) /* base_high has no integer column */
            bind_quantity(d, 8, 15, hi, u, scale, false);
        bind_str(d, s, 10, unit->text != NULL ? unit : NULL);
        bind_cstr(d, s, 11, u != NULL ? u->dimension->name : NULL);
        break;
    }
    case AST_TARGET_DEADLINE:
        bind_cstr(d, s, 4, ast_cmp_name(t->u.target.cmp));
        bind_cstr(d, s, 5, cmp_forms[t->u.target.cmp_form]);
        bind_date(d, s, 17, &t->u.target.date, year);
        break;
    case AST_TARGET_PERIOD:
        bind_date(d, s, 17, &t->u.target.date, year);
        bind_date(d, s, 18, &t->u.target.date_to, year);
        break;
    case AST_TARGET_QUALITATIVE:
        bind_str(d, s, 19, &t->u.target.text);
        break;
    }
    struct model_form form;
    model_form_target(d->c, t, &form);
    bind_form(d, s, 20, &form);
    const struct source *src = compilation_source(d->c, t->span.file);
    bind_text(d, s, 21, src->text + t->span.start, t->span.end - t->span.start);
    bind_location(d, s, 22, t->span);
    step(d, s);
}

/* The row's 分值 and 得分 as written, and the score computed, from parameter i on. */
static void
bind_points(struct emit_database *d, enum stmt_id s, int i, const struct ast_list *modifiers,
            const struct ast_points *p, bool evaluation)
{
    const struct ast_node *m = emit_modifier_in(modifiers, AST_MOD_WEIGHT);
    bind_cstr(d, s, i, m != NULL ? m->u.modifier.number.digits : NULL);
    m = emit_modifier_in(modifiers, AST_MOD_SCORE);
    bind_cstr(d, s, i + 1, m != NULL ? m->u.modifier.number.digits : NULL);
    if (evaluation)
        bind_points_computed(d, s, i + 2, p);
}

static void
add_indicator(struct emit_database *d, const struct ast_node *ind, sqlite3_int64 category,
              bool evaluation, int year)
{
    enum stmt_id s = ST_INDICATOR;
    sqlite3_int64 id = ++d->indicators;
    bind_int(d, s, 1, id);
    bind_int(d, s, 2, d->table);
    bind_int(d, s, 3, category);
    bind_int(d, s, 4, ++d->indicator_position);
    bind_str(d, s, 5, &ind->u.indicator.name);
    const struct ast_node *m = model_modifier(ind, AST_MOD_ITEM);
    bind_str(d, s, 6, m != NULL ? &m->u.modifier.text : NULL);
    m = model_modifier(ind, AST_MOD_NOTE);
    bind_str(d, s, 7, m != NULL ? &m->u.modifier.text : NULL);
    bind_points(d, s, 8, &ind->u.indicator.modifiers, &ind->u.indicator.points, evaluation);
    bind_cstr(d, s, 11, model_direction_name(ind->u.indicator.direction, true));
    m = model_modifier(ind, AST_MOD_DEVIATION);
    bind_str(d, s, 12, m != NULL ? &m->u.modifier.text : NULL);
    bind_location(d, s, 13, ind->span);
    step(d, s);
    if (ind->u.indicator.target != NULL) /* a row without one (W0180) has no target row */
        add_target(d, id, "target", ind->u.indicator.target, year);
    m = model_modifier(ind, AST_MOD_STANDARD);
    if (m != NULL && m->u.modifier.target != NULL)
        add_target(d, id, "standard", m->u.modifier.target, year);
    m = model_modifier(ind, AST_MOD_ACTUAL);
    if (m != NULL && m->u.modifier.target != NULL)
        add_target(d, id, "actual", m->u.modifier.target, year);
    node_ids_push(d, &d->indicator_ids, ind, id);
    int position = 0;
    for (m = ind->u.indicator.modifiers.first; m != NULL; m = m->next)
        if (model_is_column(m))
            add_cell(d, &d->indicator_columns, 2, id, ++position, m);
}

/* --- 计算 ------------------------------------------------------------------- */

/* The first indicator of the set named name (sema_relations looks names up
   so); 0 when none. */
static sqlite3_int64
indicator_named(const struct emit_database *d, const struct ast_str *name,
                const struct ast_node **ind)
{
    for (size_t i = 0; i < d->indicator_ids.count; i++) {
        const struct ast_node *n = d->indicator_ids.at[i].node;
        if (strcmp(n->u.indicator.name.text, name->text) == 0) {
            *ind = n;
            return d->indicator_ids.at[i].id;
        }
    }
    return 0;
}

/* The line directly under parent (a 资金 or a line, through its 按 and 其中) named name. */
static const struct ast_node *
fund_child(const struct ast_node *parent, const char *name)
{
    for (const struct ast_node *n = parent->u.fund.items.first; n != NULL; n = n->next) {
        const struct ast_node *first = n, *stop = n->next;
        if (n->kind == AST_PARTITION || n->kind == AST_OF_WHICH) {
            first = n->u.partition.lines.first;
            stop = NULL;
        }
        for (const struct ast_node *l = first; l != stop; l = l->next)
            if (l->kind == AST_FUND_LINE && strcmp(l->u.fund.name.text, name) == 0)
                return l;
    }
    return NULL;
}

/* The operands of a 计算, left to right: numbers, indicators and fund lines. */
static void
add_inputs(struct emit_database *d, const struct ast_node *e, int *position)
{
    enum stmt_id s = ST_INPUT;
    char buf[DECIMAL_FORMAT_MAX];
    const char *kind = "number";
    switch (e->u.expr.op) {
    case AST_EXPR_GROUP:
        add_inputs(d, e->u.expr.left, position);
        return;
    case AST_EXPR_ADD:
    case AST_EXPR_SUB:
    case AST_EXPR_MUL:
    case AST_EXPR_DIV:
        add_inputs(d, e->u.expr.left, position);
        add_inputs(d, e->u.expr.right, position);
        return;
    case AST_EXPR_NUMBER: {
        const struct ast_quantity *q = &e->u.expr.number;
        bind_cstr(d, s, 7, q->value.digits);
        bind_str(d, s, 8, q->unit.text != NULL ? &q->unit : NULL);
        bind_digits_fen(d, s, 9, q->value.digits, &q->unit);
        break;
    }
    case AST_EXPR_INDICATOR: {
        kind = "indicator";
        const struct ast_node *ind = NULL;
        bind_id(d, s, 4, indicator_named(d, &e->u.expr.name, &ind));
        const struct ast_node *t = ind != NULL ? ind->u.indicator.target : NULL;
        if (t != NULL && t->u.target.kind == AST_TARGET_COMPARISON) {
            const struct ast_quantity *q = &t->u.target.value;
            bind_cstr(d, s, 7, q->value.digits);
            bind_str(d, s, 8, q->unit.text != NULL ? &q->unit : NULL);
            bind_digits_fen(d, s, 9, q->value.digits, &q->unit);
        }
        break;
    }
    case AST_EXPR_FUND: {
        kind = "fund";
        const struct ast_node *line = d->funds_node;
        for (const struct ast_node *p = e->u.expr.path.first; p != NULL && line != NULL;
             p = p->next)
            line = fund_child(line, p->u.ref.name.text);
        if (line == NULL) /* E0707 */
            break;
        bind_id(d, s, 5, node_ids_find(&d->fund_ids, line));
        if (line->u.fund.total_known) {
            bind_buf(d, s, 7, buf, emit_decimal(line->u.fund.total, buf));
            bind_fen(d, s, 9, line->u.fund.total);
        }
        bind_cstr(d, s, 8, model_money_unit(d->funds_node));
        break;
    }
    }
    bind_int(d, s, 1, d->computations);
    bind_int(d, s, 2, ++*position);
    bind_cstr(d, s, 3, kind);
    bind_written(d, s, 6, e->span);
    bind_location(d, s, 10, e->span);
    step(d, s);
}

/* An indicator's 计算: what sema_relations computed, and its operands. */
static void
add_computation(struct emit_database *d, const struct ast_node *ind, sqlite3_int64 indicator)
{
    const struct ast_node *m = model_modifier(ind, AST_MOD_COMPUTE);
    if (m == NULL)
        return;
    enum stmt_id s = ST_COMPUTE;
    const struct ast_node *e = m->u.modifier.target;
    const struct ast_relation *r = e->u.expr.relation;
    bind_int(d, s, 1, ++d->computations);
    bind_int(d, s, 2, indicator);
    if (r != NULL)
        bind_cstr(d, s, 3, r->expression);
    else /* not checked (E0704): the source's text */
        bind_written(d, s, 3, e->span);
    if (r != NULL && r->known) {
        char buf[DECIMAL_FORMAT_MAX];
        size_t len = decimal_format(r->value, buf, sizeof buf);
        bind_buf(d, s, 4, buf, len);
        bind_buf(d, s, 5, buf, len); /* REAL affinity */
        bind_int(d, s, 7, r->matches);
        const struct unit *u = r->unit != NULL ? catalog_unit(d->c->catalog, r->unit) : NULL;
        struct decimal base;
        if (u != NULL && unit_to_base(u, r->value, &base)) {
            int scale = add_dimension(d, u->dimension);
            bind_cstr(d, s, 8, u->dimension->name);
            bind_buf(d, s, 9, buf, emit_decimal(base, buf));
            sqlite3_int64 n;
            if (scaled_int(base, scale, &n))
                bind_int(d, s, 10, n);
        }
    }
    if (r != NULL)
        bind_cstr(d, s, 6, r->unit);
    bind_location(d, s, 11, m->span);
    step(d, s);
    int position = 0;
    add_inputs(d, e, &position);
}

static sqlite3_int64
add_category(struct emit_database *d, const struct ast_node *cat, sqlite3_int64 parent,
             bool evaluation)
{
    enum stmt_id s = ST_CATEGORY;
    const struct category *def = cat->u.category.def;
    unsigned kinds = def != NULL ? category_kinds(def) : 0;
    sqlite3_int64 id = ++d->categories;
    bind_int(d, s, 1, id);
    bind_int(d, s, 2, d->table);
    bind_id(d, s, 3, parent);
    bind_int(d, s, 4, cat->u.category.level);
    bind_int(d, s, 5, ++d->category_position);
    bind_str(d, s, 6, &cat->u.category.name);
    bind_cstr(d, s, 7, def != NULL ? def->name : NULL);
    bind_int(d, s, 8, (kinds & CAT_QUANTITY) != 0);
    bind_int(d, s, 9, (kinds & CAT_TIMELINESS) != 0);
    bind_int(d, s, 10, (kinds & CAT_COST) != 0);
    bind_int(d, s, 11, (kinds & CAT_SATISFACTION) != 0);
    bind_int(d, s, 12, model_not_applicable(cat));
    bind_int(d, s, 13, cat->u.category.implied);
    const struct ast_list *mods = &cat->u.category.modifiers;
    const struct ast_points *p = &cat->u.category.points;
    const struct ast_node *m = emit_modifier_in(mods, AST_MOD_WEIGHT);
    char buf[DECIMAL_FORMAT_MAX];
    if (m != NULL)
        bind_cstr(d, s, 14, m->u.modifier.number.digits);
    else if (evaluation)
        bind_buf(d, s, 14, buf, emit_weight(p, buf));
    bind_int(d, s, 15, m == NULL && evaluation && p->weight_known);
    m = emit_modifier_in(mods, AST_MOD_SCORE);
    bind_cstr(d, s, 16, m != NULL ? m->u.modifier.number.digits : NULL);
    if (evaluation)
        bind_points_computed(d, s, 17, p);
    bind_location(d, s, 18, cat->span);
    bind_cstr(d, s, 21, d->indicator_set);
    step(d, s);
    return id;
}

/* One set of a table's indicators: its 指标 (set "year"), or a project's
   实施期指标 ("period", never a self-evaluation's: sema_structure, E0144). */
static void
add_indicator_set(struct emit_database *d, const struct ast_node *inds, const char *set,
                  bool evaluation, int year)
{
    if (inds == NULL)
        return;
    d->indicator_set = set;
    d->indicator_ids.count = 0;
    add_column_set(d, set, &inds->u.indicators.columns, &d->indicator_columns);
    for (const struct ast_node *l1 = inds->u.indicators.categories.first; l1 != NULL;
         l1 = l1->next) {
        if (l1->kind != AST_CATEGORY)
            continue;
        sqlite3_int64 id1 = add_category(d, l1, 0, evaluation);
        for (const struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next) {
            if (l2->kind != AST_CATEGORY)
                continue;
            sqlite3_int64 id2 = add_category(d, l2, id1, evaluation);
            for (const struct ast_node *ind = l2->u.category.items.first; ind != NULL;
                 ind = ind->next)
                if (ind->kind == AST_INDICATOR)
                    add_indicator(d, ind, id2, evaluation, year);
        }
    }
    /* After the whole set: a 计算 may name an indicator written after it. */
    for (size_t i = 0; i < d->indicator_ids.count && !d->failed; i++)
        add_computation(d, d->indicator_ids.at[i].node, d->indicator_ids.at[i].id);
}

static void
add_indicators(struct emit_database *d, const struct ast_node *table, int year)
{
    d->category_position = d->indicator_position = 0;
    add_indicator_set(d, ast_field(table, AST_INDICATORS), "year", model_is_evaluation(table), year);
    add_indicator_set(d, ast_field(table, AST_PERIOD_INDICATORS), "period", false, year);
}

/* --- 履职 and 进度 ------------------------------------------------------------ */

/* A row of a department's duty table and the rows under it. */
static void
add_duty_row(struct emit_database *d, const struct ast_node *dept, const struct ast_node *row,
             sqlite3_int64 parent)
{
    static const char *const levels[] = {
        [AST_DUTY_DUTY] = "duty", [AST_DUTY_TASK] = "task", [AST_DUTY_PROJECT] = "project"};
    enum stmt_id s = ST_DUTY;
    sqlite3_int64 id = ++d->duties;
    char buf[DECIMAL_FORMAT_MAX];
    bind_int(d, s, 1, id);
    bind_int(d, s, 2, d->table);
    bind_id(d, s, 3, parent);
    bind_cstr(d, s, 4, levels[row->u.duty.level]);
    bind_int(d, s, 5, ++d->duty_position);
    bind_str(d, s, 6, &row->u.duty.name);
    if (row->u.duty.project != NULL)
        bind_id(d, s, 7, node_ids_find(&d->table_ids, row->u.duty.project));
    bind_cstr(d, s, 8, row->u.duty.amount.value.digits);
    bind_cstr(d, s, 9, model_duty_unit(dept, row));
    bind_buf(d, s, 10, buf, model_duty_yuan(row, buf));
    sqlite3_int64 fen;
    if (row->u.duty.amount_known && scaled_int(row->u.duty.yuan, SCALE_MONEY, &fen))
        bind_int(d, s, 11, fen);
    bind_int(d, s, 12, row->u.duty.amount.value.digits == NULL && row->u.duty.amount_known);
    bind_location(d, s, 13, row->span);
    step(d, s);
    for (const struct ast_node *r = row->u.duty.rows.first; r != NULL && !d->failed; r = r->next)
        add_duty_row(d, dept, r, id);
}

static void
add_schedule(struct emit_database *d, const struct ast_node *table)
{
    const struct ast_node *schedule = ast_field(table, AST_SCHEDULE);
    if (schedule == NULL)
        return;
    static const char *const kinds[] = {[AST_TARGET_PERIOD] = "period",
                                        [AST_TARGET_DEADLINE] = "deadline",
                                        [AST_TARGET_QUALITATIVE] = "qualitative"};
    enum stmt_id s = ST_SCHEDULE;
    int year = table->u.decl.year;
    d->schedule_position = 0;
    for (const struct ast_node *row = schedule->u.schedule.rows.first; row != NULL && !d->failed;
         row = row->next) {
        const struct ast_node *t = row->u.schedule_row.value;
        bind_int(d, s, 1, d->table);
        bind_int(d, s, 2, ++d->schedule_position);
        bind_str(d, s, 3, &row->u.schedule_row.name);
        switch (t->u.target.kind) { /* a row is a period, a deadline or a string (ast.h) */
        case AST_TARGET_DEADLINE:
            bind_cstr(d, s, 5, ast_cmp_name(t->u.target.cmp));
            bind_cstr(d, s, 6, cmp_forms[t->u.target.cmp_form]);
            bind_date(d, s, 7, &t->u.target.date, year);
            break;
        case AST_TARGET_PERIOD:
            bind_date(d, s, 7, &t->u.target.date, year);
            bind_date(d, s, 8, &t->u.target.date_to, year);
            break;
        case AST_TARGET_QUALITATIVE:
            bind_str(d, s, 9, &t->u.target.text);
            break;
        case AST_TARGET_COMPARISON:
        case AST_TARGET_RANGE:
            fail_code(d, SQLITE_INTERNAL);
            return;
        }
        bind_cstr(d, s, 4, kinds[t->u.target.kind]);
        bind_days(d, s, 10, t, year);
        struct model_form form;
        model_form_target(d->c, t, &form);
        bind_form(d, s, 12, &form);
        bind_written(d, s, 13, t->span);
        bind_location(d, s, 14, row->span);
        step(d, s);
    }
}

static void
add_table(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    struct emit_database *d = ctx;
    if (d->failed)
        return;
    d->table++;
    add_table_row(d, table, parent);
    const struct ast_node *funds = ast_field(table, AST_FUNDS);
    d->funds_node = funds; /* NULL: a 计算 names no fund line (E0707) */
    d->fund_ids.count = 0;
    if (funds != NULL)
        add_funds(d, funds);
    add_indicators(d, table, table->u.decl.year);
    const struct ast_node *duties = table->kind == AST_DEPARTMENT ? model_duty_table(table) : NULL;
    d->duty_position = 0;
    if (duties != NULL)
        for (const struct ast_node *r = duties->u.duty.rows.first; r != NULL && !d->failed;
             r = r->next)
            add_duty_row(d, table, r, 0);
    add_schedule(d, table);
}

/* --- the interface (emit.h) ------------------------------------------------ */

static void
database_close(struct emit_database *d)
{
    if (d == NULL)
        return;
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(d->st[i]);
    sqlite3_close(d->db);
    free(d->table_ids.at);
    free(d->fund_ids.at);
    free(d->indicator_ids.at);
    free(d);
}

static struct emit_database *
database_open(const char *scratch)
{
    (void)scratch; /* built in memory */
    struct emit_database *d = calloc(1, sizeof *d);
    if (d == NULL)
        return NULL;
    /* SQLite's own allocations fail too under make oom: its message says so. */
    if (sqlite3_open_v2(":memory:", &d->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        fail(d);
        return d;
    }
    for (size_t i = 0; i < sizeof schema_sql / sizeof schema_sql[0]; i++)
        if (sqlite3_exec(d->db, schema_sql[i], NULL, NULL, NULL) != SQLITE_OK) {
            fail(d);
            return d;
        }
    for (int i = 0; i < ST_COUNT && !d->failed; i++)
        if (sqlite3_prepare_v3(d->db, insert_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &d->st[i],
                               NULL) != SQLITE_OK)
            fail(d);
    return d;
}

static bool
database_add(struct emit_database *d, const struct compilation *c)
{
    if (d->written)
        fail_code(d, SQLITE_MISUSE); /* the transaction is over */
    if (d->failed)
        return false;
    d->c = c;
    d->at = (struct source_cursor){0};
    d->table_ids.count = 0;
    add_sources(d);
    /* Number the tables first, then write them with the same numbers. */
    sqlite3_int64 first = d->tables;
    model_each_table(c, number_tables, d);
    d->table = first;
    model_each_table(c, add_table, d);
    d->c = NULL;
    return !d->failed;
}

static bool
database_write(struct emit_database *d, FILE *out)
{
    if (d->written)
        fail_code(d, SQLITE_MISUSE);
    if (d->failed)
        return false;
    d->written = true;
    if (sqlite3_exec(d->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        fail(d);
        return false;
    }
    sqlite3_int64 size = 0;
    unsigned char *bytes = sqlite3_serialize(d->db, "main", &size, 0);
    if (bytes == NULL) { /* sqlite3_serialize fails only for memory, and sets no error */
        fail_nomem(d);
        return false;
    }
    fwrite(bytes, 1, (size_t)size, out); /* a short write stays in out's error indicator */
    sqlite3_free(bytes);
    return true;
}

static const char *
database_error(const struct emit_database *d)
{
    return d->error;
}

static const char *const suffixes[] = {".db", ".sqlite", ".sqlite3", NULL};

const struct emit_database_ops emit_sqlite = {
    .name = "tables.db",
    .failed = PHRASE_DATABASE_FAILED,
    .needs_output = PHRASE_DATABASE_NEEDS_OUTPUT,
    .names_file = PHRASE_DATABASE_OUTPUT_NAMES_DB,
    .is_file = PHRASE_DATABASE_OUTPUT_IS_FILE,
    .suffixes = suffixes,
    .open = database_open,
    .add = database_add,
    .write = database_write,
    .error = database_error,
    .close = database_close,
};
