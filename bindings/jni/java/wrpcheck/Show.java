package wrpcheck;

import java.util.List;
import java.util.Map;

/**
 * The {@code toString} of the value classes: {@code Name{field=value, ...}}, fields that are null
 * left out. Text from a request (a name, a message, a type) is written with its control
 * characters escaped (a backslash, u, four hex digits), so that an object written to a log cannot
 * start a line of its own there.
 */
final class Show {
    private final StringBuilder b = new StringBuilder();
    private boolean first = true;

    Show(String name) {
        b.append(name).append('{');
    }

    /** Adds name=value unless value is null; a String, and the Strings in a Map or a List, are escaped. */
    Show add(String name, Object value) {
        if (value == null) {
            return this;
        }
        if (!first) {
            b.append(", ");
        }
        first = false;
        b.append(name).append('=');
        if (value instanceof String) {
            text(b, (String) value);
        } else if (value instanceof Map) {
            map(b, (Map<?, ?>) value);
        } else if (value instanceof List) {
            list(b, (List<?>) value);
        } else {
            b.append(value);
        }
        return this;
    }

    @Override
    public String toString() {
        return b + "}";
    }

    private static void map(StringBuilder b, Map<?, ?> m) {
        b.append('{');
        String sep = "";
        for (Map.Entry<?, ?> e : m.entrySet()) {
            b.append(sep);
            text(b, String.valueOf(e.getKey()));
            b.append('=');
            text(b, String.valueOf(e.getValue()));
            sep = ", ";
        }
        b.append('}');
    }

    /** [a, b, ...]: as List.toString, with the elements that are Strings escaped. */
    private static void list(StringBuilder b, List<?> l) {
        b.append('[');
        String sep = "";
        for (Object e : l) {
            b.append(sep);
            if (e instanceof String) {
                text(b, (String) e);
            } else {
                b.append(e);
            }
            sep = ", ";
        }
        b.append(']');
    }

    /** s with C0 and C1 control characters, DEL and the Unicode line and paragraph separators escaped. */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length());
        text(b, s);
        return b.toString();
    }

    private static void text(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
    }
}
