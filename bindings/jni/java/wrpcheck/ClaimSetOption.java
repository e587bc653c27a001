package wrpcheck;

import java.util.Objects;

/**
 * One claim set of a credential query (DCQL claim_sets): an alternative the wallet may disclose
 * instead of another. The query's id, the index of the claim set in its claim_sets, and whether
 * every claim of it is registered. Two are equal when every field is.
 */
public final class ClaimSetOption {
    private final String credentialId;
    private final int option;
    private final boolean registered;

    ClaimSetOption(String credentialId, int option, boolean registered) {
        this.credentialId = credentialId;
        this.option = option;
        this.registered = registered;
    }

    public String getCredentialId() {
        return credentialId;
    }

    /** The index of the claim set in the query's claim_sets. */
    public int getOption() {
        return option;
    }

    /** True when every claim of the claim set is registered. */
    public boolean isRegistered() {
        return registered;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ClaimSetOption)) {
            return false;
        }
        ClaimSetOption c = (ClaimSetOption) o;
        return option == c.option && registered == c.registered && Objects.equals(credentialId, c.credentialId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(credentialId, option, registered);
    }

    /** {@code ClaimSetOption{credentialId=pid, option=1, registered=false}}. */
    @Override
    public String toString() {
        return new Show("ClaimSetOption").add("credentialId", credentialId).add("option", option)
                .add("registered", registered).toString();
    }
}
