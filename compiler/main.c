/*
 * main.c - the goalc command: arguments, files, exit status.
 *
 *   goalc check FILE...
 *   goalc build [--format F[,F]] [-o OUT] [--excel] FILE...
 *   goalc fmt [--keywords zh|en] [-w | --check] FILE...
 *
 * Exit status: 0 success, 1 the input has errors, 2 usage, I/O or memory
 * problems.  Everything printed to stderr goes through diag.c.
 */
#include "diag.h"
#include "diag_format.h"
#include "diff.h"
#include "diff_render.h"
#include "driver.h"
#include "emit.h"
#include "jobs.h"
#include "memstream.h"
#include "fmt.h"
#include "parse.h"
#include "source.h"
#include "output.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <stdio_ext.h>
#endif
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#ifndef GOALC_VERSION
#define GOALC_VERSION "0.1.0"
#endif

enum { EXIT_INPUT_ERRORS = 1, EXIT_TROUBLE = 2, MAX_FORMATS = 8, MAX_GATHERED = 16 };

enum command { CMD_NONE, CMD_CHECK, CMD_BUILD, CMD_FMT, CMD_DIFF, CMD_GIT_DIFF };

struct options {
    enum command command;
    enum diag_lang lang;
    struct diag_policy policy; /* -W switches */
    const char *stdlib_dir;    /* --stdlib DIR */
    bool color;
    const char *output;
    const struct emitter *formats[MAX_FORMATS];
    size_t format_count;
    bool excel; /* --excel: CSV for Excel */
    unsigned jobs; /* -j N: inputs compiled at once; 0 means one per core */
    struct fmt_options fmt; /* fmt --keywords */
    bool fmt_write;         /* fmt -w */
    bool fmt_check;         /* fmt --check */
    enum diag_format diagnostics; /* --diagnostics-format */
    enum diff_format diff_format; /* diff --format */
    bool color_given;             /* --color was given: diff colours even off a terminal */
    const char **files;
    size_t file_count;
};

static const char *
tr(const struct options *o, const char *en, const char *zh)
{
    return o->lang == DIAG_LANG_ZH ? zh : en;
}

static void
usage(FILE *out, const struct options *o)
{
    fputs(tr(o,
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
    fputs(tr(o,
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

static int usage_error(const struct options *o, const char *en, const char *zh, ...)
    __attribute__((format(printf, 2, 4)));

static int
usage_error(const struct options *o, const char *en, const char *zh, ...)
{
    va_list ap;
    va_start(ap, zh);
    diag_tool_verror(o->lang, en, zh, ap);
    va_end(ap);
    diag_tool_error(o->lang, "try 'goalc --help'", "请运行 goalc --help 查看用法");
    return EXIT_TROUBLE;
}

static bool
add_formats(struct options *o, const char *list)
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
parse_args(int argc, char **argv, struct options *o)
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
                    return usage_error(o, "unknown command '%s'", "未知命令“%s”", a);
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
                return usage_error(o, "--lang takes zh or en, not '%s'",
                                   "--lang 的取值应为 zh 或 en，而非“%s”", v ? v : "");
        } else if (is_option(a, "--color", NULL) || is_option(a, "--colour", NULL)) {
            const char *v = option_value(argc, argv, &i, a, strchr(a, '=') ? (size_t)(strchr(a, '=') - a) : strlen(a));
            o->color_given = true;
            if (v != NULL && strcmp(v, "always") == 0)
                o->color = true;
            else if (v != NULL && strcmp(v, "never") == 0)
                o->color = false;
            else if (v == NULL || strcmp(v, "auto") != 0)
                return usage_error(o, "--color takes auto, always or never, not '%s'",
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
                return usage_error(o, "--keywords takes zh or en, not '%s'",
                                   "--keywords 的取值应为 zh 或 en，而非“%s”", v ? v : "");
            o->fmt.english = strcmp(v, "en") == 0;
        } else if (strcmp(a, "-w") == 0) {
            for (int w = 0; w < DIAG_COUNT; w++)
                o->policy.state[w] = DIAG_WARN_OFF;
        } else if (strncmp(a, "-W", 2) == 0) {
            if (!diag_policy_set(&o->policy, a + 2))
                return usage_error(o, "unknown warning option '%s' (see docs/diagnostics.md)",
                                   "未知的警告选项“%s”（见 docs/diagnostics.md）", a);
        } else if (is_option(a, "--stdlib", NULL)) {
            const char *v = option_value(argc, argv, &i, a, 8);
            if (v == NULL || v[0] == '\0')
                return usage_error(o, "%s needs a directory", "%s 需要一个目录", "--stdlib");
            o->stdlib_dir = v;
        } else if (is_option(a, "--diagnostics-format", NULL)) {
            const char *v = option_value(argc, argv, &i, a, 20);
            if (v == NULL || !diag_format_from_name(v, &o->diagnostics))
                return usage_error(o, "--diagnostics-format takes text, json or sarif, not '%s'",
                                   "--diagnostics-format 的取值应为 text、json 或 sarif，而非“%s”",
                                   v ? v : "");
        } else if (is_option(a, "--format", "-f")) {
            const char *v = a[1] == 'f' ? (i + 1 < argc ? argv[++i] : NULL)
                                        : option_value(argc, argv, &i, a, 8);
            if (o->command == CMD_DIFF) {
                if (v == NULL || !diff_format_from_name(v, &o->diff_format))
                    return usage_error(o, "diff --format takes text, markdown or json, not '%s'",
                                       "diff 的 --format 取值应为 text、markdown 或 json，而非“%s”",
                                       v ? v : "");
            } else if (v == NULL || !add_formats(o, v))
                return usage_error(o, "unknown output format '%s' (try --help)",
                                   "未知的输出格式“%s”（参见 --help）", v ? v : "");
        } else if (strncmp(a, "-j", 2) == 0 || is_option(a, "--jobs", NULL)) {
            const char *v = a[1] == 'j' ? (a[2] != '\0' ? a + 2 : i + 1 < argc ? argv[++i] : NULL)
                                        : option_value(argc, argv, &i, a, 6);
            char *end = NULL;
            unsigned long n = v != NULL ? strtoul(v, &end, 10) : 0;
            if (v == NULL || end == v || *end != '\0' || n < 1 || n > 1024)
                return usage_error(o, "-j takes a number of jobs from 1 to 1024, not '%s'",
                                   "-j 的取值应为 1 到 1024 之间的任务数，而非“%s”", v ? v : "");
            o->jobs = (unsigned)n;
        } else if (strcmp(a, "--excel") == 0) {
            o->excel = true;
        } else if (is_option(a, "--output", "-o")) {
            const char *v = a[1] == 'o' ? (i + 1 < argc ? argv[++i] : NULL)
                                        : option_value(argc, argv, &i, a, 8);
            if (v == NULL || v[0] == '\0')
                return usage_error(o, "%s needs a file or directory", "%s 需要一个文件或目录",
                                   a);
            o->output = v;
        } else {
            return usage_error(o, "unknown option '%s'", "未知选项“%s”", a);
        }
    }
    if (o->command == CMD_NONE) {
        usage(stderr, o);
        return EXIT_TROUBLE;
    }
    if (o->file_count == 0)
        return usage_error(o, "no input files%s", "没有输入文件%s", "");
    if (o->command == CMD_FMT && (o->output != NULL || o->format_count > 0 || o->excel))
        return usage_error(o, "%s", "%s",
                           tr(o, "fmt writes the files themselves: no --output, --format or --excel",
                              "fmt 输出文件本身，不接受 --output、--format 或 --excel"));
    if (o->command == CMD_FMT && o->fmt_write && o->fmt_check)
        return usage_error(o, "%s", "%s",
                           tr(o, "fmt takes -w or --check, not both", "fmt 不能同时使用 -w 与 --check"));
    if (o->command == CMD_CHECK && (o->output != NULL || o->format_count > 0))
        return usage_error(o, "%s: check writes no output; use build", "%s：check 不产生输出，请使用 build",
                           o->output ? "--output" : "--format");
    if (o->command == CMD_GIT_DIFF && o->file_count != 7 && o->file_count != 9)
        return usage_error(o, "%s", "%s",
                           tr(o, "git-diff takes git's external diff arguments: PATH OLD-FILE "
                                 "OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE (see docs/git.md)",
                              "git-diff 接受 git 外部比较程序的参数：路径 旧文件 旧哈希 旧模式 "
                              "新文件 新哈希 新模式（见 docs/git.md）"));
    if (o->command == CMD_DIFF && (o->file_count != 2 || o->output != NULL))
        return usage_error(o, "%s", "%s",
                           tr(o, "diff takes two files: OLD NEW", "diff 需要两个文件：旧 新"));
    if (o->command == CMD_BUILD && o->format_count == 0)
        add_formats(o, "json");
    bool csv = false;
    for (size_t i = 0; i < o->format_count; i++)
        csv = csv || o->formats[i] == emit_find("csv");
    if (o->excel && !csv)
        return usage_error(o, "%s", "%s",
                           tr(o, "--excel applies to csv output only", "--excel 仅用于 csv 输出"));
    return -1;
}

/* Whether a requested format gathers every input into files of fixed names (csv). */
static bool
gathers(const struct options *o)
{
    for (size_t i = 0; i < o->format_count; i++)
        if (o->formats[i]->files != NULL)
            return true;
    return false;
}

/* The base name of an input without its directory and .goal extension. */
static char *
output_stem(const char *input)
{
    if (strcmp(input, "-") == 0)
        input = "stdin";
    const char *slash = strrchr(input, '/');
    const char *base = slash ? slash + 1 : input;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".goal") == 0)
        n -= 5;
    char *stem = malloc(n + 1);
    if (stem != NULL) {
        memcpy(stem, base, n);
        stem[n] = '\0';
    }
    return stem;
}

static bool
output_is_directory(const struct options *o)
{
    if (o->output == NULL)
        return false;
    size_t n = strlen(o->output);
    struct stat st;
    return o->output[n - 1] == '/' || o->file_count > 1 || o->format_count > 1 || gathers(o) ||
           (stat(o->output, &st) == 0 && S_ISDIR(st.st_mode));
}

/* OUT/NAME[.EXTENSION], or NULL (reported) when out of memory. */
static char *
output_path(const struct options *o, const char *name, const char *extension)
{
    size_t n = strlen(o->output);
    const char *sep = o->output[n - 1] == '/' ? "" : "/";
    size_t len = n + strlen(sep) + strlen(name) + (extension ? strlen(extension) + 1 : 0) + 1;
    char *path = malloc(len);
    if (path == NULL) {
        diag_tool_error(o->lang, "out of memory", "内存不足");
        return NULL;
    }
    int at = snprintf(path, len, "%s%s%s", o->output, sep, name);
    if (extension != NULL)
        snprintf(path + at, len - (size_t)at, ".%s", extension);
    return path;
}

/* Writes one format of one compiled input; returns false on I/O failure. */
static bool
write_output(const struct options *o, const struct compilation *c, const char *input,
             const struct emitter *e, bool to_dir, const char *text, size_t len)
{
    char *path = NULL;
    const char *target = o->output != NULL ? o->output : "-";
    if (to_dir) {
        char *stem = output_stem(input);
        if (stem == NULL) {
            diag_tool_error(o->lang, "out of memory", "内存不足");
            return false;
        }
        path = output_path(o, stem, e->extension);
        free(stem);
        if (path == NULL)
            return false;
        target = path;
    }
    struct output out;
    bool ok = output_open(&out, target);
    if (ok) {
        if (text != NULL) /* written already, by a -j worker */
            fwrite(text, 1, len, out.fp);
        else
            e->emit(c, out.fp);
        ok = output_commit(&out);
    }
    if (!ok) {
        diag_tool_error(o->lang, "cannot write %s: %s", "无法写入 %s：%s", target,
                        strerror(out.error));
        output_abort(&out);
    }
    free(path);
    return ok;
}

/*
 * The files of the gathering formats are open from before the first input
 * to after the last, each input adding its rows; they replace the old files
 * only when every input compiled.
 */
struct gathered {
    const struct emit_file *file;
    char *path;
    struct output out;
};

static void
gather_abort(struct gathered *g, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        output_abort(&g[i].out);
        free(g[i].path);
    }
}

/* Opens the files and writes their headers; false (reported) on failure. */
static bool
gather_open(const struct options *o, const struct emit_options *eo, struct gathered *g,
            size_t *count)
{
    *count = 0;
    for (size_t f = 0; f < o->format_count; f++) {
        const struct emitter *e = o->formats[f];
        for (size_t k = 0; k < e->file_count && *count < MAX_GATHERED; k++) {
            struct gathered *x = &g[*count];
            x->file = &e->files[k];
            x->path = output_path(o, x->file->name, NULL);
            if (x->path == NULL) {
                gather_abort(g, *count);
                return false;
            }
            if (!output_open(&x->out, x->path)) {
                diag_tool_error(o->lang, "cannot write %s: %s", "无法写入 %s：%s", x->path,
                                strerror(x->out.error));
                ++*count;
                gather_abort(g, *count);
                return false;
            }
            x->file->begin(x->out.fp, eo);
            ++*count;
        }
    }
    return true;
}

/* Moves the files into place when keep, else removes them; false (reported) on failure. */
static bool
gather_close(const struct options *o, struct gathered *g, size_t count, bool keep)
{
    if (!keep) {
        gather_abort(g, count);
        return true;
    }
    bool ok = true;
    for (size_t i = 0; i < count; i++) {
        if (!output_commit(&g[i].out)) {
            diag_tool_error(o->lang, "cannot write %s: %s", "无法写入 %s：%s", g[i].path,
                            strerror(g[i].out.error));
            output_abort(&g[i].out);
            ok = false;
        }
        free(g[i].path);
    }
    return ok;
}

static bool
ensure_directory(const struct options *o)
{
    if (mkdir(o->output, 0777) == 0 || errno == EEXIST)
        return true;
    diag_tool_error(o->lang, "cannot create directory %s: %s", "无法创建目录 %s：%s",
                    o->output, strerror(errno));
    return false;
}

/*
 * Where json and sarif diagnostics go: standard output, unless build
 * writes its output there (no -o, or -o -); text always goes to stderr.
 */
static FILE *
diagnostics_stream(const struct options *o)
{
    if (o->command == CMD_BUILD && (o->output == NULL || strcmp(o->output, "-") == 0))
        return stderr;
    return stdout;
}

/* The diagnostics of one compilation, in the chosen format; sarif collects them. */
static void
report(const struct options *o, struct diag_sarif *sarif, const struct compilation *c,
       const struct diag_render_options *render)
{
    switch (o->diagnostics) {
    case DIAG_FORMAT_TEXT:
        diag_render(&c->diags, stderr, render);
        break;
    case DIAG_FORMAT_JSON:
        diag_render_json(&c->diags, diagnostics_stream(o));
        break;
    case DIAG_FORMAT_SARIF:
        diag_sarif_add(sarif, &c->diags);
        break;
    }
}

/* --- -j: inputs compiled in parallel ---------------------------------------- */

/*
 * With -j N > 1 and several inputs, worker threads (jobs.c) compile the
 * inputs and write each one's formats and gathered rows into memory; run()
 * takes them in input order and does with them what it does with an input
 * it compiled itself: diagnostics, output files, gathered rows.  So every
 * message and every byte of output is the same as with -j 1.  Compilations
 * share nothing (driver.h) and back ends are pure (emit.h), which is what
 * makes this safe; all printing and writing stays on the main thread.
 */
struct prepared {
    struct compilation *c; /* NULL: out of memory */
    enum compile_status st;
    bool rendered;                          /* text[] holds the outputs */
    char *text[MAX_FORMATS + MAX_GATHERED]; /* per format, then per gathered file */
    size_t len[MAX_FORMATS + MAX_GATHERED];
};

struct parallel {
    const struct options *o;
    const struct emit_options *eo;
    const struct gathered *gathered;
    size_t gathered_count;
    struct prepared *items; /* one per input */
    struct jobs *pool;      /* NULL: compile in run(), one input after the other */
};

static void
prepared_free(struct prepared *x)
{
    compilation_free(x->c);
    x->c = NULL;
    for (size_t k = 0; k < MAX_FORMATS + MAX_GATHERED; k++) {
        free(x->text[k]);
        x->text[k] = NULL;
    }
}

/* The work of one input on a worker thread. */
static void
prepare(void *ctx, size_t i)
{
    const struct parallel *p = ctx;
    const struct options *o = p->o;
    struct prepared *x = &p->items[i];
    if ((x->c = compilation_new(o->lang)) == NULL)
        return;
    x->c->diags.policy = &o->policy;
    x->c->stdlib_dir = o->stdlib_dir;
    x->st = compilation_run(x->c, o->files[i]);
    if (x->st != COMPILE_OK || o->command != CMD_BUILD)
        return;
    bool ok = true;
    for (size_t k = 0; k < o->format_count + p->gathered_count && ok; k++) {
        FILE *m = memstream_open(&x->text[k], &x->len[k]);
        if (m == NULL) {
            ok = false;
            break;
        }
#ifdef __GLIBC__
        /* Only this thread uses the stream: skip the lock each of the
           emitter's many small writes would take once threads exist. */
        __fsetlocking(m, FSETLOCKING_BYCALLER);
#endif
        if (k >= o->format_count)
            p->gathered[k - o->format_count].file->add(x->c, m, p->eo);
        else if (o->formats[k]->emit != NULL)
            o->formats[k]->emit(x->c, m);
        ok = !ferror(m); /* a failed write may leave nothing for fclose to report */
        ok = fclose(m) == 0 && ok;
    }
    x->rendered = ok;
    if (!ok) /* short of memory: run() writes them itself */
        for (size_t k = 0; k < MAX_FORMATS + MAX_GATHERED; k++) {
            free(x->text[k]);
            x->text[k] = NULL;
        }
}

/* Starts the workers when -j and the inputs call for them. */
static void
parallel_start(struct parallel *p)
{
    const struct options *o = p->o;
    unsigned jobs = o->jobs != 0 ? o->jobs : jobs_default_threads();
    if (jobs < 2 || o->file_count < 2)
        return;
    for (size_t i = 0; i < o->file_count; i++)
        if (strcmp(o->files[i], "-") == 0)
            return; /* standard input is read once, in order */
    if ((p->items = calloc(o->file_count, sizeof *p->items)) == NULL)
        return;
    if (jobs > o->file_count)
        jobs = (unsigned)o->file_count;
    /* Two inputs ahead per worker keeps them busy and bounds the memory held. */
    p->pool = jobs_start(o->file_count, jobs, 2 * (size_t)jobs, prepare, p);
    if (p->pool == NULL) {
        free(p->items);
        p->items = NULL;
    }
}

/* Input i, compiled by a worker; NULL when run() compiles it itself. */
static struct prepared *
parallel_take(struct parallel *p, size_t i)
{
    if (p->pool == NULL)
        return NULL;
    jobs_wait(p->pool, i);
    return &p->items[i];
}

/* Done with input i (its compilation already freed by run()). */
static void
parallel_done(struct parallel *p, size_t i)
{
    if (p->pool == NULL)
        return;
    p->items[i].c = NULL;
    prepared_free(&p->items[i]);
    jobs_release(p->pool, i);
}

/* Stops the workers; frees what they prepared from input `from` on. */
static void
parallel_end(struct parallel *p, size_t from)
{
    if (p->pool == NULL)
        return;
    size_t worked = jobs_finish(p->pool);
    for (size_t i = from; i < worked; i++)
        prepared_free(&p->items[i]);
    free(p->items);
    p->pool = NULL;
    p->items = NULL;
}

static int
run(const struct options *o)
{
    int status = 0;
    bool to_dir = o->command == CMD_BUILD && output_is_directory(o);
    if (to_dir && !ensure_directory(o))
        return EXIT_TROUBLE;
    if (o->command == CMD_BUILD && o->output == NULL && o->format_count > 1)
        return usage_error(o, "%s", "%s",
                           tr(o, "several formats need -o DIR", "多种格式需要用 -o 指定目录"));
    if (o->command == CMD_BUILD && o->output == NULL && gathers(o))
        return usage_error(o, "%s", "%s",
                           tr(o, "csv writes indicators.csv and funds.csv: give -o DIR",
                              "csv 输出 indicators.csv 与 funds.csv 两个文件，请用 -o 指定目录"));
    struct emit_options eo = {o->excel};
    struct gathered gathered[MAX_GATHERED];
    size_t gathered_count = 0;
    if (o->command == CMD_BUILD && gathers(o) &&
        !gather_open(o, &eo, gathered, &gathered_count))
        return EXIT_TROUBLE;
    struct diag_render_options render = {o->color};
    struct diag_sarif *sarif = NULL; /* one log for every input */
    if (o->diagnostics == DIAG_FORMAT_SARIF && (sarif = diag_sarif_new()) == NULL) {
        diag_tool_error(o->lang, "out of memory", "内存不足");
        gather_abort(gathered, gathered_count);
        return EXIT_TROUBLE;
    }
    struct parallel par = {o, &eo, gathered, gathered_count, NULL, NULL};
    parallel_start(&par);
    for (size_t i = 0; i < o->file_count; i++) {
        struct prepared *x = parallel_take(&par, i);
        struct compilation *c = x != NULL ? x->c : compilation_new(o->lang);
        if (c != NULL && x == NULL) {
            c->diags.policy = &o->policy;
            c->stdlib_dir = o->stdlib_dir;
        }
        if (c == NULL) {
            diag_tool_error(o->lang, "out of memory", "内存不足");
            parallel_end(&par, i);
            gather_abort(gathered, gathered_count);
            diag_sarif_free(sarif);
            return EXIT_TROUBLE;
        }
        bool pre = x != NULL && x->rendered;
        enum compile_status st = x != NULL ? x->st : compilation_run(c, o->files[i]);
        report(o, sarif, c, &render);
        switch (st) {
        case COMPILE_OK:
            if (o->command == CMD_BUILD) {
                for (size_t f = 0; f < o->format_count; f++)
                    if (o->formats[f]->emit != NULL &&
                        !write_output(o, c, o->files[i], o->formats[f], to_dir,
                                      pre ? x->text[f] : NULL, pre ? x->len[f] : 0))
                        status = EXIT_TROUBLE;
                for (size_t f = 0; f < gathered_count; f++)
                    if (pre)
                        fwrite(x->text[o->format_count + f], 1, x->len[o->format_count + f],
                               gathered[f].out.fp);
                    else
                        gathered[f].file->add(c, gathered[f].out.fp, &eo);
            }
            break;
        case COMPILE_ERRORS:
            if (status == 0)
                status = EXIT_INPUT_ERRORS;
            break;
        case COMPILE_IO_ERROR:
            status = EXIT_TROUBLE;
            break;
        case COMPILE_OOM:
            diag_tool_error(o->lang, "%s: out of memory", "%s：内存不足", o->files[i]);
            status = EXIT_TROUBLE;
            break;
        }
        compilation_free(c);
        parallel_done(&par, i);
    }
    parallel_end(&par, o->file_count);
    if (sarif != NULL && !diag_sarif_write(sarif, diagnostics_stream(o), GOALC_VERSION)) {
        diag_tool_error(o->lang, "out of memory", "内存不足");
        status = EXIT_TROUBLE;
    }
    diag_sarif_free(sarif);
    if (!gather_close(o, gathered, gathered_count, status == 0))
        status = EXIT_TROUBLE;
    return status;
}

/* --- goalc diff ------------------------------------------------------------ */

/* Whether a diff argument names a git revision of a file (REV:PATH) rather than a file. */
static bool
diff_is_revision(const char *arg)
{
    struct stat st;
    return arg[0] != '-' && strchr(arg, ':') != NULL && stat(arg, &st) != 0;
}

/*
 * The bytes of `git show REV:PATH` in a malloc'd buffer (*len of them), or
 * NULL (reported) when git cannot be run or fails.  No shell is involved.
 */
static char *
diff_git_show(const struct options *o, const char *spec, size_t *len)
{
    int fd[2];
    if (pipe(fd) != 0) {
        diag_tool_error(o->lang, "cannot run git: %s", "无法运行 git：%s", strerror(errno));
        return NULL;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    posix_spawn_file_actions_addclose(&fa, fd[1]);
    char *argv[] = {"git", "show", "--no-textconv", (char *)spec, NULL};
    pid_t pid;
    int err = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    if (err != 0) {
        close(fd[0]);
        diag_tool_error(o->lang, "cannot run git: %s", "无法运行 git：%s", strerror(err));
        return NULL;
    }
    char *buf = NULL;
    size_t used = 0, cap = 0;
    bool ok = true;
    for (;;) {
        if (used == cap) {
            char *nb = cap < (size_t)1 << 30 ? realloc(buf, cap ? cap * 2 : 65536) : NULL;
            if (nb == NULL) {
                ok = false;
                break;
            }
            buf = nb;
            cap = cap ? cap * 2 : 65536;
        }
        ssize_t n = read(fd[0], buf + used, cap - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        used += (size_t)n;
    }
    close(fd[0]);
    int wst;
    while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
        ;
    if (!ok || !WIFEXITED(wst) || WEXITSTATUS(wst) != 0) {
        diag_tool_error(o->lang, "git show %s failed", "git show %s 失败", spec);
        free(buf);
        return NULL;
    }
    *len = used;
    return buf;
}

/* One side of a diff compiled; NULL (reported, diagnostics printed) on any trouble. */
static struct compilation *
diff_side(const struct options *o, const char *arg)
{
    struct compilation *c = compilation_new(o->lang);
    if (c == NULL) {
        diag_tool_error(o->lang, "out of memory", "内存不足");
        return NULL;
    }
    c->diags.policy = &o->policy;
    c->stdlib_dir = o->stdlib_dir;
    enum compile_status st;
    if (diff_is_revision(arg)) {
        size_t len = 0;
        char *bytes = diff_git_show(o, arg, &len);
        if (bytes == NULL) {
            compilation_free(c);
            return NULL;
        }
        st = compilation_run_bytes(c, arg, bytes, len);
        free(bytes);
    } else {
        st = compilation_run(c, arg);
    }
    if (st != COMPILE_OK) {
        struct diag_render_options render = {o->color};
        diag_render(&c->diags, stderr, &render);
        if (st == COMPILE_OOM)
            diag_tool_error(o->lang, "%s: out of memory", "%s：内存不足", arg);
        compilation_free(c);
        return NULL;
    }
    return c;
}

/* goalc diff OLD NEW: exit 0 when the two mean the same, 1 when they differ, 2 on trouble. */
static int
run_diff(const struct options *o)
{
    if (strcmp(o->files[0], "-") == 0 && strcmp(o->files[1], "-") == 0)
        return usage_error(o, "%s", "%s",
                           tr(o, "diff: only one side can be standard input",
                              "diff：只有一侧可以是标准输入"));
    struct compilation *old_c = diff_side(o, o->files[0]);
    struct compilation *new_c = old_c != NULL ? diff_side(o, o->files[1]) : NULL;
    struct diff *d = new_c != NULL ? diff_compare(old_c, new_c) : NULL;
    if (new_c != NULL && d == NULL)
        diag_tool_error(o->lang, "out of memory", "内存不足");
    compilation_free(old_c);
    compilation_free(new_c);
    if (d == NULL)
        return EXIT_TROUBLE;
    const char *no_color = getenv("NO_COLOR");
    bool color = o->color_given ? o->color
                                : isatty(STDOUT_FILENO) && (no_color == NULL || no_color[0] == '\0');
    struct diff_render_options ro = {o->diff_format, o->lang, color, o->files[0], o->files[1]};
    diff_render(d, stdout, &ro);
    int status = d->change_count > 0 ? 1 : 0;
    diff_free(d);
    return status;
}

/* --- goalc fmt ------------------------------------------------------------- */

/* A temporary file holding len bytes; its path (to unlink and free), or NULL. */
static char *
fmt_temp_file(const char *bytes, size_t len)
{
    const char *dir = getenv("TMPDIR");
    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    size_t n = strlen(dir) + sizeof "/goalc-fmt-XXXXXX";
    char *path = malloc(n);
    if (path == NULL)
        return NULL;
    snprintf(path, n, "%s/goalc-fmt-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        free(path);
        return NULL;
    }
    FILE *fp = fdopen(fd, "wb");
    bool ok = fp != NULL && fwrite(bytes, 1, len, fp) == len;
    if (fp != NULL)
        ok = fclose(fp) == 0 && ok;
    else
        close(fd);
    if (!ok) {
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

/* `diff -u` of the file as it is and as fmt writes it, on standard output. */
static void
fmt_print_diff(const struct options *o, const char *name, const struct source *src,
               const char *formatted, size_t len)
{
    char *old_path = fmt_temp_file(src->text, src->len);
    char *new_path = fmt_temp_file(formatted, len);
    bool shown = false;
    if (old_path != NULL && new_path != NULL) {
        char *label = malloc(strlen(name) + sizeof " (formatted)");
        if (label != NULL) {
            sprintf(label, "%s (formatted)", name);
            char *argv[] = {"diff", "-u", "--label", (char *)name, "--label", label,
                            old_path, new_path, NULL};
            fflush(stdout);
            pid_t pid;
            int wstatus;
            if (posix_spawnp(&pid, "diff", NULL, NULL, argv, environ) == 0 &&
                waitpid(pid, &wstatus, 0) == pid && WIFEXITED(wstatus) &&
                WEXITSTATUS(wstatus) == 1)
                shown = true;
            free(label);
        }
    }
    if (!shown)
        printf("%s: %s\n", name, tr(o, "not formatted", "不符合规范格式"));
    for (char **p = (char *[]){old_path, new_path}, **e = p + 2; p < e; p++) {
        if (*p != NULL)
            unlink(*p);
        free(*p);
    }
}

/* Formats one file: prints it, rewrites it (-w) or compares it (--check); an exit status. */
static int
fmt_one(const struct options *o, const char *path)
{
    struct compilation *c = compilation_new(o->lang);
    if (c == NULL) {
        diag_tool_error(o->lang, "out of memory", "内存不足");
        return EXIT_TROUBLE;
    }
    c->diags.policy = &o->policy;
    struct parse_comments comments;
    enum compile_status st = compilation_parse_only(c, path, &comments);
    struct diag_render_options render = {o->color};
    if (o->diagnostics == DIAG_FORMAT_SARIF) /* no log for fmt: its messages as text */
        diag_render(&c->diags, stderr, &render);
    else
        report(o, NULL, c, &render);
    int status = 0;
    if (st != COMPILE_OK) {
        if (st == COMPILE_OOM)
            diag_tool_error(o->lang, "%s: out of memory", "%s：内存不足", path);
        status = st == COMPILE_ERRORS ? EXIT_INPUT_ERRORS : EXIT_TROUBLE;
        compilation_free(c);
        return status;
    }
    const struct source *src = compilation_source(c, 0);
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (mem == NULL) {
        diag_tool_error(o->lang, "out of memory", "内存不足");
        compilation_free(c);
        return EXIT_TROUBLE;
    }
    fmt_file(mem, c->root, src, &comments, &o->fmt);
    if (fclose(mem) != 0) {
        diag_tool_error(o->lang, "out of memory", "内存不足");
        free(text);
        compilation_free(c);
        return EXIT_TROUBLE;
    }
    bool same = len == src->len && memcmp(text, src->text, len) == 0;
    if (o->fmt_check) {
        if (!same) {
            fmt_print_diff(o, path, src, text, len);
            status = EXIT_INPUT_ERRORS;
        }
    } else if (!o->fmt_write || strcmp(path, "-") == 0) {
        fwrite(text, 1, len, stdout);
    } else if (!same) {
        struct output out;
        bool ok = output_open(&out, path);
        if (ok) {
            fwrite(text, 1, len, out.fp);
            ok = output_commit(&out);
        }
        if (!ok) {
            diag_tool_error(o->lang, "cannot write %s: %s", "无法写入 %s：%s", path,
                            strerror(out.error));
            output_abort(&out);
            status = EXIT_TROUBLE;
        }
    }
    free(text);
    compilation_free(c);
    return status;
}

static int
run_fmt(const struct options *o)
{
    int status = 0;
    for (size_t i = 0; i < o->file_count; i++) {
        int st = fmt_one(o, o->files[i]);
        if (st > status)
            status = st;
    }
    return status;
}

/* --- goalc git-diff ---------------------------------------------------------- */

/* One version for git-diff: /dev/null (an added or deleted file) is empty; NULL when it does not compile. */
static struct compilation *
git_diff_side(const struct options *o, const char *file, const char *path)
{
    struct compilation *c = compilation_new(o->lang);
    if (c == NULL)
        return NULL;
    c->stdlib_dir = o->stdlib_dir;
    enum compile_status st = strcmp(file, "/dev/null") == 0
                                 ? compilation_run_bytes(c, path, "", 0)
                                 : compilation_run(c, file);
    if (st != COMPILE_OK) {
        compilation_free(c);
        return NULL;
    }
    return c;
}

/* A plain unified diff of the two texts, labelled like git's; false when diff cannot run. */
static bool
git_plain_diff(const char *old_file, const char *new_file, const char *a, const char *b)
{
    fflush(stdout);
    char *argv[] = {"diff", "-u", "--label", (char *)a, "--label", (char *)b,
                    (char *)old_file, (char *)new_file, NULL};
    pid_t pid;
    if (posix_spawnp(&pid, "diff", NULL, NULL, argv, environ) != 0)
        return false;
    int wst;
    while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(wst) && WEXITSTATUS(wst) <= 1;
}

/*
 * goalc git-diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE
 * [NEW-PATH RENAME-INFO]: git's external diff driver (docs/git.md).  The
 * semantic report when both versions compile, else a plain diff; exit 0
 * either way, since git stops at a driver that exits non-zero.
 */
static int
run_git_diff(const struct options *o)
{
    const char *path = o->files[0], *old_file = o->files[1], *new_file = o->files[4];
    const char *new_path = o->file_count == 9 ? o->files[7] : path;
    size_t a_len = strlen(path) + 3, b_len = strlen(new_path) + 3;
    char *a = malloc(a_len), *b = malloc(b_len);
    if (a == NULL || b == NULL) {
        free(a);
        free(b);
        diag_tool_error(o->lang, "out of memory", "内存不足");
        return EXIT_TROUBLE;
    }
    snprintf(a, a_len, "a/%s", path);
    snprintf(b, b_len, "b/%s", new_path);
    printf("diff --goal %s %s\n", a, b);
    struct compilation *old_c = git_diff_side(o, old_file, path);
    struct compilation *new_c = old_c != NULL ? git_diff_side(o, new_file, new_path) : NULL;
    struct diff *d = new_c != NULL ? diff_compare(old_c, new_c) : NULL;
    compilation_free(old_c);
    compilation_free(new_c);
    int status = 0;
    if (d == NULL) {
        printf("%s\n", tr(o, "(one version does not compile: a plain diff follows)",
                          "（有一个版本无法编译：以下为逐行比较）"));
        if (!git_plain_diff(old_file, new_file, a, b)) {
            diag_tool_error(o->lang, "cannot run diff", "无法运行 diff");
            status = EXIT_TROUBLE;
        }
    } else {
        if (d->change_count == 0) {
            printf("%s\n", tr(o, "no change in meaning", "含义没有变化"));
        } else {
            const char *no_color = getenv("NO_COLOR");
            bool color = o->color_given ? o->color
                                        : isatty(STDOUT_FILENO) &&
                                              (no_color == NULL || no_color[0] == '\0');
            struct diff_render_options ro = {DIFF_FORMAT_TEXT, o->lang, color, a, b};
            diff_render(d, stdout, &ro);
        }
        diff_free(d);
    }
    free(a);
    free(b);
    return status;
}

int
main(int argc, char **argv)
{
    struct options o = {0};
    int status = parse_args(argc, argv, &o);
    if (status < 0)
        status = o.command == CMD_FMT        ? run_fmt(&o)
                 : o.command == CMD_DIFF     ? run_diff(&o)
                 : o.command == CMD_GIT_DIFF ? run_git_diff(&o)
                                             : run(&o);
    free(o.files);
    if (fflush(stdout) != 0 && status == 0)
        status = EXIT_TROUBLE;
    return status;
}
