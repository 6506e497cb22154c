/*
 * cmd_lsp.c - goalc lsp [--stdio] [--lang zh|en]: the language server on
 * standard input and output (lsp/lsp_server.h).  --stdio is what editors'
 * clients pass and is the only transport; messages follow --lang, else
 * the locale.
 */
#include "cli/cli.h"

#include "lsp/lsp_server.h"
#include "platform/platform.h"

#include <stdio.h>
#include <string.h>

int
cli_run_lsp(int argc, char **argv)
{
    enum diag_lang lang = diag_lang_from_env();
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
        if (strcmp(a, "--stdio") == 0 || strcmp(a, "lsp") == 0)
            continue;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(diag_phrase(lang, PHRASE_HELP_LSP), stdout);
            return 0;
        }
        if (strncmp(a, "--lang=", 7) == 0)
            v = a + 7;
        else if (strcmp(a, "--lang") == 0 && i + 1 < argc)
            v = argv[++i];
        if (v != NULL && (strcmp(v, "zh") == 0 || strcmp(v, "en") == 0)) {
            lang = strcmp(v, "zh") == 0 ? DIAG_LANG_ZH : DIAG_LANG_EN;
            continue;
        }
        diag_tool_error(lang, PHRASE_LSP_USAGE);
        return EXIT_TROUBLE;
    }
    return lsp_server_run(PLATFORM_STDIN, PLATFORM_STDOUT, lang);
}
