package wrpcheck;

import java.util.List;

/** One requested item: (credential query or DocRequest, type, claims path). */
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
}
