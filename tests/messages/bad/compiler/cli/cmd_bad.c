/* A command that hands text to the catalogue's helpers. */
static int
fail(const struct cli_options *o, const char *path)
{
    diag_tool_error(o->lang, "cannot write %s", path);
    return cli_usage_error(o, "%s", "%s", cli_tr(o, PHRASE_NO_INPUT_FILES));
}
