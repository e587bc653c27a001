package wrpcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One option of a credential set (DCQL credential_sets): the index of the set and of the option
 * in it, the credential query ids of the option, whether the set is required, and whether every
 * credential of the option can be presented within its registration, which makes it the
 * alternative to offer instead of refusing. Two are equal when every field is.
 */
public final class CredentialSetOption {
    private final int set;
    private final int option;
    private final List<String> credentialIds;
    private final boolean required;
    private final boolean registered;

    CredentialSetOption(int set, int option, String[] credentialIds, boolean required, boolean registered) {
        this.set = set;
        this.option = option;
        this.credentialIds = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(credentialIds)));
        this.required = required;
        this.registered = registered;
    }

    /** The index of the credential set in the query's credential_sets. */
    public int getSet() {
        return set;
    }

    /** The index of the option in the set's options. */
    public int getOption() {
        return option;
    }

    /** The ids of the credential queries the option asks for, in its order. */
    public List<String> getCredentialIds() {
        return credentialIds;
    }

    /** The set's required (true when the query does not say). */
    public boolean isRequired() {
        return required;
    }

    /** True when every credential of the option can be presented within its registration. */
    public boolean isRegistered() {
        return registered;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CredentialSetOption)) {
            return false;
        }
        CredentialSetOption c = (CredentialSetOption) o;
        return set == c.set && option == c.option && credentialIds.equals(c.credentialIds) && required == c.required
                && registered == c.registered;
    }

    @Override
    public int hashCode() {
        return Objects.hash(set, option, credentialIds, required, registered);
    }

    /** {@code CredentialSetOption{set=0, option=1, credentialIds=[pid_mdoc], required=true, registered=true}}. */
    @Override
    public String toString() {
        return new Show("CredentialSetOption").add("set", set).add("option", option)
                .add("credentialIds", credentialIds).add("required", required).add("registered", registered)
                .toString();
    }
}
