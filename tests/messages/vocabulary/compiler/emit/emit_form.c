/* A back end whose CJK literals are the form's words (allowlisted), with
   Chinese in comments (不算) and a language choice between variables. */
static const char *
label(const struct form *f, enum diag_lang lang, const char *en, const char *zh)
{
    key_cstr(f->w, "unit", "万元");
    put(f, "填报单位");
    return lang == DIAG_LANG_ZH ? zh : en; // 不是字面量
}
