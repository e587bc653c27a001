package wrpcheck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a claims path as the library renders it: a JSON array of strings, non-negative integers
 * and nulls. Elements become String, Long or null. Anything else is an IllegalArgumentException
 * (the library never produces it).
 */
final class ClaimPath {
    private final String s;
    private int i;

    private ClaimPath(String s) {
        this.s = s;
    }

    static List<Object> parse(String json) {
        if (json == null) {
            return null;
        }
        ClaimPath p = new ClaimPath(json);
        List<Object> out = p.array();
        if (p.i != json.length()) {
            throw p.bad();
        }
        return Collections.unmodifiableList(out);
    }

    private List<Object> array() {
        expect('[');
        List<Object> out = new ArrayList<>();
        if (peek() == ']') {
            i++;
            return out;
        }
        while (true) {
            out.add(element());
            char c = next();
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw bad();
            }
        }
    }

    private Object element() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == 'n' && s.startsWith("null", i)) {
            i += 4;
            return null;
        }
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (start == i) {
            throw bad();
        }
        return Long.parseLong(s.substring(start, i));
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"': case '\\': case '/': b.append(e); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'u':
                    if (i + 4 > s.length()) {
                        throw bad();
                    }
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                    break;
                default: throw bad();
            }
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw bad();
        }
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw bad();
        }
    }

    private IllegalArgumentException bad() {
        return new IllegalArgumentException("not a claims path at " + i + ": " + s);
    }
}
