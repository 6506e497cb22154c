/*
 * main.c - the goalc command: arguments, usage, and which command runs.
 *
 *   goalc check FILE...
 *   goalc build [--format F[,F]] [-o OUT] [--excel] FILE...
 *   goalc fmt [--keywords zh|en] [-w | --check] FILE...
 *
 * Exit status: 0 success, 1 the input has errors, 2 usage, I/O or memory
 * problems.  Everything printed to stderr goes through diag.c.  The
 * commands themselves live in cmd_build.c (check, build), cmd_diff.c
 * (diff, git-diff) and cmd_fmt.c (fmt); what they share is in cli.h.
 */
#include "cli/cli.h"
#include "diag/diag.h"
#include "diag/diag_format.h"
#include "review/diff_render.h"
#include "emit/emit.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
usage(FILE *out, const struct cli_options *o)
{
    fputs(cli_tr(o,
             "usage: goalc check [options] FILE...\n"
             "       goalc build [--format FORMAT[,FORMAT...]] [-o OUT] [options] FILE...\n"
             "       goalc diff [--format text|markdown|json] OLD NEW\n"
             "       goalc fmt [--keywords zh|en] [-w | --check] FILE...\n"
             "       goalc git-diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE\n"
             "       goalc --help | --version\n"
             "\n"
             "Compiles budget performance goal tables (预算绩效目标表).\n"
             "\n"
             "commands:\n"
             "  check            parse and check FILEs, print diagnostics\n"
             "  build            check, then write each FILE in the given formats\n"
             "  fmt              print each FILE in the canonical layout (docs/fmt.md);\n"
             "                   --keywords zh|en: keyword language (default zh); -w, --write:\n"
             "                   rewrite the files in place; --check: print a diff and exit 1\n"
             "                   when a file is not in the canonical layout\n"
             "  diff             compare two versions of a table (docs/diff.md); OLD and NEW\n"
             "                   may be - or REV:PATH (read with git show); exit 0 same, 1\n"
             "                   changed, 2 trouble\n"
             "\n"
             "options:\n"
             "  -f, --format F   output formats, comma-separated (default json); one of: ",
             "用法：goalc check [选项] 文件...\n"
             "      goalc build [--format 格式[,格式...]] [-o 输出] [选项] 文件...\n"
             "      goalc diff [--format text|markdown|json] 旧 新\n"
             "      goalc fmt [--keywords zh|en] [-w | --check] 文件...\n"
             "      goalc git-diff 路径 旧文件 旧哈希 旧模式 新文件 新哈希 新模式\n"
             "      goalc --help | --version\n"
             "\n"
             "编译预算绩效目标表。\n"
             "\n"
             "命令：\n"
             "  check            解析并检查文件，输出诊断信息\n"
             "  build            检查后按指定格式输出每个文件\n"
             "  fmt              按规范格式输出每个文件（见 docs/fmt.md）；--keywords zh|en：\n"
             "                   关键字语言（默认 zh）；-w, --write：就地改写文件；--check：\n"
             "                   文件不符合规范格式时输出差异并以状态 1 退出\n"
             "  diff             比较一张表的两个版本（见 docs/diff.md）；旧、新可为 - 或\n"
             "                   修订:路径（用 git show 读取）；退出状态 0 相同，1 有变更，2 出错\n"
             "\n"
             "选项：\n"
             "  -f, --format F   输出格式，以逗号分隔（默认 json）；可选："),
          out);
    emit_list_formats(out, ", ");
    fputs(cli_tr(o,
             "\n"
             "  -o, --output OUT write to OUT instead of standard output; OUT is a directory\n"
             "                   (files named FILE.<format>) when it ends in '/', exists as a\n"
             "                   directory, or several files or formats are given; csv\n"
             "                   always writes OUT/indicators.csv and OUT/funds.csv, with\n"
             "                   the rows of every FILE\n"
             "      --excel      CSV for Excel: a UTF-8 byte-order mark and CRLF line ends\n"
             "  -j, --jobs N     compile N files at once (default: one per core); the\n"
             "                   output is the same as with -j 1\n"
             "      --lang zh|en language of messages (default: from LC_ALL/LC_MESSAGES/LANG)\n"
             "      --color WHEN colour diagnostics: auto (default, on a terminal without\n"
             "                   NO_COLOR), always, never\n"
             "      --diagnostics-format F\n"
             "                   text (default), json (JSON Lines) or sarif (SARIF 2.1.0);\n"
             "                   json and sarif go to standard output, but for build to\n"
             "                   standard error when the output itself goes to standard output\n"
             "  -Wname, -Wno-name  turn the warning called name on or off (all are on);\n"
             "  -Werror[=name]   make warnings (or that one) errors; -w: no warnings\n"
             "      --stdlib DIR read the units and frameworks from DIR/*.goal instead of\n"
             "                   the stdlib built into goalc\n"
             "  -h, --help       show this help\n"
             "  -V, --version    show the version\n"
             "\n"
             "FILE may be - for standard input.  Exit status: 0 success, 1 errors in the\n"
             "input, 2 usage or I/O problems.\n",
             "\n"
             "  -o, --output OUT 输出到 OUT 而非标准输出；当 OUT 以 / 结尾、是已有目录，\n"
             "                   或给出多个文件或格式时，OUT 为目录（文件名为 文件名.<格式>）；\n"
             "                   csv 总是写入 OUT/indicators.csv 与 OUT/funds.csv，含所有文件的行\n"
             "      --excel      供 Excel 打开的 CSV：带 UTF-8 BOM，行尾为 CRLF\n"
             "  -j, --jobs N     同时编译 N 个文件（默认：每个处理器核一个），输出与 -j 1 相同\n"
             "      --lang zh|en 消息语言（默认取自 LC_ALL/LC_MESSAGES/LANG）\n"
             "      --color WHEN 诊断信息着色：auto（默认，终端且未设置 NO_COLOR 时）、\n"
             "                   always、never\n"
             "      --diagnostics-format F\n"
             "                   诊断格式：text（默认）、json（JSON Lines）或 sarif（SARIF 2.1.0）；\n"
             "                   json 与 sarif 写到标准输出；build 的结果写到标准输出时改写到标准错误\n"
             "  -W名称, -Wno-名称  开启或关闭名为“名称”的警告（默认全部开启）；\n"
             "  -Werror[=名称]   将警告（或该项警告）视为错误；-w：不显示警告\n"
             "      --stdlib DIR 从 DIR/*.goal 读取单位与框架，而非 goalc 内置的标准库\n"
             "  -h, --help       显示本帮助\n"
             "  -V, --version    显示版本\n"
             "\n"
             "文件可为 -，表示标准输入。退出状态：0 成功，1 输入有错误，2 用法或读写问题。\n"),
          out);
}

static bool
add_formats(struct cli_options *o, const char *list)
{
    const char *p = list;
    while (*p != '\0') {
        size_t n = strcspn(p, ",");
        char name[32];
        if (n == 0 || n >= sizeof name)
            return false;
        memcpy(name, p, n);
        name[n] = '\0';
        const struct emitter *e = emit_find(name);
        if (e == NULL || o->format_count == MAX_FORMATS)
            return false;
        bool seen = false;
        for (size_t i = 0; i < o->format_count; i++)
            seen = seen || o->formats[i] == e;
        if (!seen)
            o->formats[o->format_count++] = e;
        p += n;
        if (*p == ',')
            p++;
    }
    return true;
}

/* The value of an option given as --opt=value or --opt value. */
static const char *
option_value(int argc, char **argv, int *i, const char *arg, size_t name_len)
{
    if (arg[name_len] == '=')
        return arg + name_len + 1;
    if (arg[name_len] != '\0')
        return NULL;
    if (*i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

static bool
is_option(const char *arg, const char *long_name, const char *short_name)
{
    size_t n = strlen(long_name);
    if (strncmp(arg, long_name, n) == 0 && (arg[n] == '\0' || arg[n] == '='))
        return true;
    return short_name != NULL && strcmp(arg, short_name) == 0;
}

/* Returns -1 to go on, or an exit status. */
static int
parse_args(int argc, char **argv, struct cli_options *o)
{
    o->lang = diag_lang_from_env();
    const char *no_color = getenv("NO_COLOR");
    o->color = isatty(STDERR_FILENO) && (no_color == NULL || no_color[0] == '\0');
    /* --lang first, so every later message is in the right language. */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (is_option(argv[i], "--lang", NULL)) {
            int j = i;
            const char *v = option_value(argc, argv, &j, argv[i], 6);
            if (v != NULL && strcmp(v, "zh") == 0)
                o->lang = DIAG_LANG_ZH;
            else if (v != NULL && strcmp(v, "en") == 0)
                o->lang = DIAG_LANG_EN;
        }
    }
    o->files = calloc((size_t)argc, sizeof *o->files);
    if (o->files == NULL) {
        diag_tool_error(o->lang, "out of memory", "内存不足");
        return EXIT_TROUBLE;
    }
    bool only_files = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            if (o->command == CMD_NONE) {
                if (strcmp(a, "check") == 0)
                    o->command = CMD_CHECK;
                else if (strcmp(a, "fmt") == 0)
                    o->command = CMD_FMT;
                else if (strcmp(a, "build") == 0)
                    o->command = CMD_BUILD;
                else if (strcmp(a, "diff") == 0)
                    o->command = CMD_DIFF;
                else if (strcmp(a, "git-diff") == 0) {
                    o->command = CMD_GIT_DIFF;
                    only_files = true; /* git's arguments, whatever they look like */
                }
                else if (strcmp(a, "help") == 0) {
                    usage(stdout, o);
                    return 0;
                } else
                    return cli_usage_error(o, "unknown command '%s'", "未知命令“%s”", a);
            } else {
                o->files[o->file_count++] = a;
            }
        } else if (strcmp(a, "--") == 0) {
            only_files = true;
        } else if (is_option(a, "--help", "-h")) {
            usage(stdout, o);
            return 0;
        } else if (is_option(a, "--version", "-V")) {
            printf("goalc %s\n", GOALC_VERSION);
            return 0;
        } else if (is_option(a, "--lang", NULL)) {
            const char *v = option_value(argc, argv, &i, a, 6);
            if (v == NULL || (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0))
                return cli_usage_error(o, "--lang takes zh or en, not '%s'",
                                   "--lang 的取值应为 zh 或 en，而非“%s”", v ? v : "");
        } else if (is_option(a, "--color", NULL) || is_option(a, "--colour", NULL)) {
            const char *v = option_value(argc, argv, &i, a, strchr(a, '=') ? (size_t)(strchr(a, '=') - a) : strlen(a));
            o->color_given = true;
            if (v != NULL && strcmp(v, "always") == 0)
                o->color = true;
            else if (v != NULL && strcmp(v, "never") == 0)
                o->color = false;
            else if (v == NULL || strcmp(v, "auto") != 0)
                return cli_usage_error(o, "--color takes auto, always or never, not '%s'",
                                   "--color 的取值应为 auto、always 或 never，而非“%s”",
                                   v ? v : "");
        } else if (o->command == CMD_FMT &&
                   (strcmp(a, "-w") == 0 || strcmp(a, "--write") == 0)) {
            o->fmt_write = true;
        } else if (o->command == CMD_FMT && strcmp(a, "--check") == 0) {
            o->fmt_check = true;
        } else if (o->command == CMD_FMT && is_option(a, "--keywords", NULL)) {
            const char *v = option_value(argc, argv, &i, a, 10);
            if (v == NULL || (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0))
                return cli_usage_error(o, "--keywords takes zh or en, not '%s'",
                                   "--keywords 的取值应为 zh 或 en，而非“%s”", v ? v : "");
            o->fmt.english = strcmp(v, "en") == 0;
        } else if (strcmp(a, "-w") == 0) {
            for (int w = 0; w < DIAG_COUNT; w++)
                o->policy.state[w] = DIAG_WARN_OFF;
        } else if (strncmp(a, "-W", 2) == 0) {
            if (!diag_policy_set(&o->policy, a + 2))
                return cli_usage_error(o, "unknown warning option '%s' (see docs/diagnostics.md)",
                                   "未知的警告选项“%s”（见 docs/diagnostics.md）", a);
        } else if (is_option(a, "--stdlib", NULL)) {
            const char *v = option_value(argc, argv, &i, a, 8);
            if (v == NULL || v[0] == '\0')
                return cli_usage_error(o, "%s needs a directory", "%s 需要一个目录", "--stdlib");
            o->stdlib_dir = v;
        } else if (is_option(a, "--diagnostics-format", NULL)) {
            const char *v = option_value(argc, argv, &i, a, 20);
            if (v == NULL || !diag_format_from_name(v, &o->diagnostics))
                return cli_usage_error(o, "--diagnostics-format takes text, json or sarif, not '%s'",
                                   "--diagnostics-format 的取值应为 text、json 或 sarif，而非“%s”",
                                   v ? v : "");
        } else if (is_option(a, "--format", "-f")) {
            const char *v = a[1] == 'f' ? (i + 1 < argc ? argv[++i] : NULL)
                                        : option_value(argc, argv, &i, a, 8);
            if (o->command == CMD_DIFF) {
                if (v == NULL || !diff_format_from_name(v, &o->diff_format))
                    return cli_usage_error(o, "diff --format takes text, markdown or json, not '%s'",
                                       "diff 的 --format 取值应为 text、markdown 或 json，而非“%s”",
                                       v ? v : "");
            } else if (v == NULL || !add_formats(o, v))
                return cli_usage_error(o, "unknown output format '%s' (try --help)",
                                   "未知的输出格式“%s”（参见 --help）", v ? v : "");
        } else if (strncmp(a, "-j", 2) == 0 || is_option(a, "--jobs", NULL)) {
            const char *v = a[1] == 'j' ? (a[2] != '\0' ? a + 2 : i + 1 < argc ? argv[++i] : NULL)
                                        : option_value(argc, argv, &i, a, 6);
            char *end = NULL;
            unsigned long n = v != NULL ? strtoul(v, &end, 10) : 0;
            if (v == NULL || end == v || *end != '\0' || n < 1 || n > 1024)
                return cli_usage_error(o, "-j takes a number of jobs from 1 to 1024, not '%s'",
                                   "-j 的取值应为 1 到 1024 之间的任务数，而非“%s”", v ? v : "");
            o->jobs = (unsigned)n;
        } else if (strcmp(a, "--excel") == 0) {
            o->excel = true;
        } else if (is_option(a, "--output", "-o")) {
            const char *v = a[1] == 'o' ? (i + 1 < argc ? argv[++i] : NULL)
                                        : option_value(argc, argv, &i, a, 8);
            if (v == NULL || v[0] == '\0')
                return cli_usage_error(o, "%s needs a file or directory", "%s 需要一个文件或目录",
                                   a);
            o->output = v;
        } else {
            return cli_usage_error(o, "unknown option '%s'", "未知选项“%s”", a);
        }
    }
    if (o->command == CMD_NONE) {
        usage(stderr, o);
        return EXIT_TROUBLE;
    }
    if (o->file_count == 0)
        return cli_usage_error(o, "no input files%s", "没有输入文件%s", "");
    if (o->command == CMD_FMT && (o->output != NULL || o->format_count > 0 || o->excel))
        return cli_usage_error(o, "%s", "%s",
                           cli_tr(o, "fmt writes the files themselves: no --output, --format or --excel",
                              "fmt 输出文件本身，不接受 --output、--format 或 --excel"));
    if (o->command == CMD_FMT && o->fmt_write && o->fmt_check)
        return cli_usage_error(o, "%s", "%s",
                           cli_tr(o, "fmt takes -w or --check, not both", "fmt 不能同时使用 -w 与 --check"));
    if (o->command == CMD_CHECK && (o->output != NULL || o->format_count > 0))
        return cli_usage_error(o, "%s: check writes no output; use build", "%s：check 不产生输出，请使用 build",
                           o->output ? "--output" : "--format");
    if (o->command == CMD_GIT_DIFF && o->file_count != 7 && o->file_count != 9)
        return cli_usage_error(o, "%s", "%s",
                           cli_tr(o, "git-diff takes git's external diff arguments: PATH OLD-FILE "
                                 "OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE (see docs/git.md)",
                              "git-diff 接受 git 外部比较程序的参数：路径 旧文件 旧哈希 旧模式 "
                              "新文件 新哈希 新模式（见 docs/git.md）"));
    if (o->command == CMD_DIFF && (o->file_count != 2 || o->output != NULL))
        return cli_usage_error(o, "%s", "%s",
                           cli_tr(o, "diff takes two files: OLD NEW", "diff 需要两个文件：旧 新"));
    if (o->command == CMD_BUILD && o->format_count == 0)
        add_formats(o, "json");
    bool csv = false;
    for (size_t i = 0; i < o->format_count; i++)
        csv = csv || o->formats[i] == emit_find("csv");
    if (o->excel && !csv)
        return cli_usage_error(o, "%s", "%s",
                           cli_tr(o, "--excel applies to csv output only", "--excel 仅用于 csv 输出"));
    return -1;
}

int
main(int argc, char **argv)
{
    struct cli_options o = {0};
    int status = parse_args(argc, argv, &o);
    if (status < 0)
        status = o.command == CMD_FMT        ? cli_run_fmt(&o)
                 : o.command == CMD_DIFF     ? cli_run_diff(&o)
                 : o.command == CMD_GIT_DIFF ? cli_run_git_diff(&o)
                                             : cli_run_build(&o);
    free(o.files);
    if (fflush(stdout) != 0 && status == 0)
        status = EXIT_TROUBLE;
    return status;
}
