package wrpcheck;

import java.util.List;
import java.util.Objects;

/**
 * One requested item: (credential query or DocRequest, type, claims path), and whether it is
 * registered. Two are equal when every field is.
 */
public final class Requested {
    private final String credentialId;
    private final String format;
    private final String type;
    private final String pathJson;
    private final List<Object> path;
    private final boolean registered;

    Requested(String credentialId, String format, String type, String pathJson, boolean registered) {
        this.credentialId = credentialId;
        this.format = format;
        this.type = type;
        this.pathJson = pathJson;
        this.path = ClaimPath.parse(pathJson);
        this.registered = registered;
    }

    public String getCredentialId() {
        return credentialId;
    }

    public String getFormat() {
        return format;
    }

    /** The credential type, or null for a format without types. */
    public String getType() {
        return type;
    }

    /** The claims path (empty: the whole credential). */
    public List<Object> getPath() {
        return path;
    }

    public String getPathJson() {
        return pathJson;
    }

    /** True when every source checked (certificate, and register when given) registers it. */
    public boolean isRegistered() {
        return registered;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Requested)) {
            return false;
        }
        Requested q = (Requested) o;
        return registered == q.registered && Objects.equals(credentialId, q.credentialId)
                && Objects.equals(format, q.format) && Objects.equals(type, q.type) && Objects.equals(path, q.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(credentialId, format, type, path, registered);
    }

    /** {@code Requested{credentialId=pid, format=dc+sd-jwt, type=..., path=[...], registered=false}}. */
    @Override
    public String toString() {
        return new Show("Requested").add("credentialId", credentialId).add("format", format).add("type", type)
                .add("path", pathJson).add("registered", registered).toString();
    }
}
