package wrpcheck;

/** wrp_status: why a call could not run. */
public enum Status {
    OK(0), ARG(1), NOMEM(2), MALFORMED(3), LIMIT(4), IO(5), CRYPTO(6), UNSUPPORTED(7), INTERNAL(8);

    final int value;

    Status(int value) {
        this.value = value;
    }

    /** INTERNAL for a value this binding does not know. */
    static Status of(int value) {
        for (Status s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        return INTERNAL;
    }
}
