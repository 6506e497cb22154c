/* A pass that builds its messages itself: every line of interest fails. */
static const char *
hint(const struct checker *k, const char *best)
{
    return k->english ? arena_printf(k->c->arena, "; did you mean %s?", best)
                      : arena_printf(k->c->arena, "；是否应为 %s？", best);
}

static const char *
level(const struct checker *k, int level)
{
    if (k->english)
        return level == 1 ? "level-1" : "level-2";
    return level == 1 ? "一级" : "二级";
}

static const char *
severity(enum diag_lang lang)
{
    return lang == DIAG_LANG_ZH ? "警告" : "warning";
}

static void
report(const struct checker *k)
{
    diag_text(&k->c->diags, "the target", "指标值");
    say(k, "not formatted", "不符合规范格式");
}
