package wrpcheck;

/** wrp_mode: ENFORCE denies overasking; WARN gives the verdict warn when overasking is all. */
public enum Mode {
    ENFORCE(0), WARN(1);

    final int value;

    Mode(int value) {
        this.value = value;
    }
}
