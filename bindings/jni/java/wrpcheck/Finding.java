package wrpcheck;

import java.util.List;
import java.util.Objects;

/**
 * One finding of a judgement. Fields that do not apply are null. Two findings are equal when
 * every field is (code, severity, message, credential id, type, path, source).
 */
public final class Finding {
    private final int codeValue;
    private final String code;
    private final Severity severity;
    private final String message;
    private final String credentialId;
    private final String type;
    private final String pathJson;
    private final List<Object> path;
    private final String source;

    Finding(int codeValue, String code, int severity, String message, String credentialId, String type,
            String pathJson, String source) {
        this.codeValue = codeValue;
        this.code = code;
        this.severity = Severity.of(severity);
        this.message = message;
        this.credentialId = credentialId;
        this.type = type;
        this.pathJson = pathJson;
        this.path = ClaimPath.parse(pathJson);
        this.source = source;
    }

    /** The contract's name of the code ("OVERASK"). */
    public String getCode() {
        return code;
    }

    /** The numeric wrp_code (50 for OVERASK). */
    public int getCodeValue() {
        return codeValue;
    }

    public Severity getSeverity() {
        return severity;
    }

    public String getMessage() {
        return message;
    }

    /** The credential query id or DocRequest index, or null. */
    public String getCredentialId() {
        return credentialId;
    }

    /** The credential type (vct, docType), or null. */
    public String getType() {
        return type;
    }

    /** The claims path: String, Long and null elements; null when the finding has none. */
    public List<Object> getPath() {
        return path;
    }

    /** The claims path as the library's JSON array text, or null. */
    public String getPathJson() {
        return pathJson;
    }

    /** "registration_certificate" or "register", or null. */
    public String getSource() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Finding)) {
            return false;
        }
        Finding f = (Finding) o;
        return codeValue == f.codeValue && Objects.equals(code, f.code) && severity == f.severity
                && Objects.equals(message, f.message) && Objects.equals(credentialId, f.credentialId)
                && Objects.equals(type, f.type) && Objects.equals(path, f.path) && Objects.equals(source, f.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(codeValue, code, severity, message, credentialId, type, path, source);
    }

    /** {@code Finding{code=OVERASK, severity=error, message=..., credentialId=pid, ..., source=register}}. */
    @Override
    public String toString() {
        return new Show("Finding").add("code", code).add("severity", severity.label()).add("message", message)
                .add("credentialId", credentialId).add("type", type).add("path", pathJson).add("source", source)
                .toString();
    }
}
