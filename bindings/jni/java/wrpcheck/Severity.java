package wrpcheck;

/** wrp_severity of a finding. */
public enum Severity {
    INFO(0), WARNING(1), ERROR(2);

    final int value;

    Severity(int value) {
        this.value = value;
    }

    /** The JSON's word: "info", "warning" or "error". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** ERROR for a value this binding does not know (fail closed). */
    static Severity of(int value) {
        for (Severity s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        return ERROR;
    }
}
