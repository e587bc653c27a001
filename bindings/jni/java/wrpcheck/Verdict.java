package wrpcheck;

/** wrp_verdict: what the wallet must do with a request. */
public enum Verdict {
    ALLOW(0), WARN(1), DENY(2), ERROR(3);

    final int value;

    Verdict(int value) {
        this.value = value;
    }

    /** The JSON's word: "allow", "warn", "deny" or "error". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The verdict of a library value; ERROR for a value this binding does not know (fail closed). */
    static Verdict of(int value) {
        for (Verdict v : values()) {
            if (v.value == value) {
                return v;
            }
        }
        return ERROR;
    }
}
