package wrpcheck;

/**
 * A call that could not run (never a verdict: a deny is a {@link Result}). Carries the library's
 * status, its description, the argument concerned ("acAnchors[1]") and the library's reason.
 */
public final class WrpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int statusValue;
    private final String where;
    private final String detail;

    WrpException(int status, String statusText, String where, String detail) {
        super(message(statusText, where, detail));
        this.statusValue = status;
        this.where = where;
        this.detail = detail != null ? detail : "";
    }

    private static String message(String statusText, String where, String detail) {
        String text = statusText + (detail != null && !detail.isEmpty() ? ": " + detail : "");
        return where != null ? where + ": " + text : text;
    }

    public Status getStatus() {
        return Status.of(statusValue);
    }

    /** The numeric wrp_status. */
    public int getStatusValue() {
        return statusValue;
    }

    /** The argument concerned, or null. */
    public String getWhere() {
        return where;
    }

    /** The library's reason ("" when it gave none). */
    public String getDetail() {
        return detail;
    }
}
