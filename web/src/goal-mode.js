// goal-mode.js - goalc's highlighting for CodeMirror: the reserved words of
// compiler/model/keyword.def (both spellings, generated into keywords.js),
// strings, numbers, comparators, comments, and the category names (words
// ending in 指标) as types.  A stream tokenizer: highlighting only, the
// compiler does the parsing.
import { StreamLanguage } from "@codemirror/language";
import { keywords } from "./keywords.js";

const reserved = new Set(keywords);
// A word: what the lexer reads as one name or keyword, up to a space, a
// quote, a brace or a comparator.
const word = /^[^\s"“”{}()\[\],，:：#≥≤<>=≈≠~～·\d][^\s"“”{}()\[\],，:：#≥≤<>=≈≠~～·]*/u;

export const goalLanguage = StreamLanguage.define({
    name: "goal",
    token(stream) {
        if (stream.eatSpace())
            return null;
        if (stream.match("#")) {
            stream.skipToEnd();
            return "comment";
        }
        if (stream.match('"')) {
            while (!stream.eol() && stream.next() !== '"') {}
            return "string";
        }
        if (stream.match("“")) {
            while (!stream.eol() && stream.next() !== "”") {}
            return "string";
        }
        if (stream.match(/^\d[\d,.]*(%|‰)?/))
            return "number";
        if (stream.match(/^(≥|≤|>=|<=|<|>|=|≈|≠|~|～)/))
            return "operator";
        const m = stream.match(word);
        if (m) {
            if (reserved.has(m[0]))
                return "keyword";
            if (m[0].endsWith("指标"))
                return "typeName";
            return "variableName";
        }
        stream.next();
        return "punctuation";
    },
    languageData: { commentTokens: { line: "#" } },
});
