package wrpcheck;

import java.util.Objects;

/**
 * A text in one language, as a registration certificate gives it: a language tag ("en", "nl")
 * and the text. Two are equal when both are.
 */
public final class LocalizedText {
    private final String lang;
    private final String text;

    LocalizedText(String lang, String text) {
        this.lang = lang;
        this.text = text;
    }

    /** The language tag ("en"). */
    public String getLang() {
        return lang;
    }

    public String getText() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LocalizedText)) {
            return false;
        }
        LocalizedText t = (LocalizedText) o;
        return Objects.equals(lang, t.lang) && Objects.equals(text, t.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lang, text);
    }

    /** {@code LocalizedText{lang=nl, text=...}}. */
    @Override
    public String toString() {
        return new Show("LocalizedText").add("lang", lang).add("text", text).toString();
    }
}
