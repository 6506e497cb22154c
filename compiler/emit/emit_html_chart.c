/*
 * emit_html_chart.c - the HTML back end's bar charts: inline SVG, drawn
 * from exact decimals.
 *
 * A chart is a key and one row per bar: a label (right-aligned), the
 * possible as an outlined bar, the earned as a grey bar inside it, and the
 * numbers "earned / possible" after it (only the possible for a bar that
 * is a single amount).  No script, nothing fetched; outlines and one grey,
 * so it prints in black and white; every label and number is an SVG
 * <text>, selectable and found by pdftotext.  Bar lengths are integer
 * arithmetic on the decimals' coefficients, no floating point.  Source
 * text (a category's name) goes through html_plain(); the chart's own
 * words are the caller's.
 */
#include "emit/emit_html.h"

#include "base/decimal.h"

#include <stdint.h>
#include <string.h>

/*
 * value ÷ max × length, rounded down, in integers: both decimals brought to
 * one scale (the finer one, or the coarser where the finer would overflow),
 * then cut to 15 digits so the product stays in 64 bits.
 */
static int
bar_length(struct decimal value, struct decimal max, int length)
{
    int64_t v = value.coef, m = max.coef;
    int sv = value.scale, sm = max.scale;
    while (sv < sm) {
        if (v > -INT64_MAX / 10 && v < INT64_MAX / 10) {
            v *= 10;
            sv++;
        } else {
            m /= 10;
            sm--;
        }
    }
    while (sm < sv) {
        if (m > -INT64_MAX / 10 && m < INT64_MAX / 10) {
            m *= 10;
            sm++;
        } else {
            v /= 10;
            sv--;
        }
    }
    while (v > 1000000000000000 || m > 1000000000000000) {
        v /= 10;
        m /= 10;
    }
    if (v <= 0 || m <= 0)
        return 0;
    if (v > m)
        v = m;
    return (int)(v * length / m);
}

enum {
    CHART_WIDTH = 600, /* half the form's width: the two charts side by side */
    CHART_LABEL = 120, /* the labels end here, right-aligned */
    CHART_BAR = 300,   /* the longest bar */
    CHART_ROW = 32,
    CHART_TOP = 44,
};

static void
svg_number(struct html *h, struct html_value s)
{
    if (!s.known) {
        html_lit(h, "—");
        return;
    }
    char buf[DECIMAL_FORMAT_MAX];
    if (s.digits != NULL)
        html_text(h, s.digits, strlen(s.digits));
    else
        html_text(h, buf, decimal_format(s.value, buf, sizeof buf));
}

static void
svg_rect(struct html *h, int x, int y, int w, int height, const char *style)
{
    html_lit(h, "<rect x=\"");
    html_number(h, x);
    html_lit(h, "\" y=\"");
    html_number(h, y);
    html_lit(h, "\" width=\"");
    html_number(h, w);
    html_lit(h, "\" height=\"");
    html_number(h, height);
    html_lit(h, "\" ");
    html_lit(h, style);
    html_lit(h, "/>");
}

static void
svg_text_open(struct html *h, int x, int y, const char *anchor)
{
    html_lit(h, "<text x=\"");
    html_number(h, x);
    html_lit(h, "\" y=\"");
    html_number(h, y);
    html_lit(h, "\" text-anchor=\"");
    html_lit(h, anchor);
    html_lit(h, "\">");
}

/*
 * One chart: a row per bar, the possible as an outlined bar, the earned as
 * a grey one inside it, the numbers "earned / possible" after it; a key at
 * the top.  sep is what stands between the two numbers.
 */
void
emit_html_bar_chart(struct html *h, const char *aria, const char *key_earned,
                    const char *key_possible, const struct html_bar *bars, int n,
                    const char *sep)
{
    struct decimal max = {0, 0};
    for (int i = 0; i < n; i++) {
        if (bars[i].possible.known && decimal_cmp(bars[i].possible.value, max) > 0)
            max = bars[i].possible.value;
        if (bars[i].earned.known && decimal_cmp(bars[i].earned.value, max) > 0)
            max = bars[i].earned.value;
    }
    int height = CHART_TOP + n * CHART_ROW + 10;
    html_lit(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    html_number(h, CHART_WIDTH);
    html_lit(h, " ");
    html_number(h, height);
    html_lit(h, "\" role=\"img\" aria-label=\"");
    html_lit(h, aria);
    html_lit(h, "\">");
    svg_rect(h, CHART_LABEL + 10, 14, 24, 16, "fill=\"#fff\" stroke=\"#000\"");
    svg_text_open(h, CHART_LABEL + 42, 28, "start");
    html_lit(h, key_possible);
    html_lit(h, "</text>");
    svg_rect(h, CHART_LABEL + 130, 14, 24, 16, "fill=\"#777\" stroke=\"#000\"");
    svg_text_open(h, CHART_LABEL + 162, 28, "start");
    html_lit(h, key_earned);
    html_lit(h, "</text>");
    for (int i = 0; i < n; i++) {
        int y = CHART_TOP + i * CHART_ROW;
        html_lit(h, "<g>");
        svg_text_open(h, CHART_LABEL, y + 21, "end");
        if (bars[i].name != NULL)
            html_plain(h, bars[i].name);
        else
            html_lit(h, bars[i].label);
        html_lit(h, "</text>");
        int possible = bars[i].possible.known ? bar_length(bars[i].possible.value, max, CHART_BAR) : 0;
        int earned = bars[i].earned.known ? bar_length(bars[i].earned.value, max, CHART_BAR) : 0;
        if (possible > 0)
            svg_rect(h, CHART_LABEL + 10, y + 4, possible, 24, "fill=\"#fff\" stroke=\"#000\"");
        if (earned > 0)
            svg_rect(h, CHART_LABEL + 10, y + 8, earned, 16, "fill=\"#777\" stroke=\"#000\"");
        int end = possible > earned ? possible : earned;
        svg_text_open(h, CHART_LABEL + 20 + end, y + 21, "start");
        if (!bars[i].single) {
            svg_number(h, bars[i].earned);
            html_lit(h, sep);
        }
        svg_number(h, bars[i].possible);
        html_lit(h, "</text></g>");
    }
    html_lit(h, "</svg>\n");
}

