package wrpcheck;

import java.util.Objects;

/**
 * The intermediary that signs an intermediated request for the relying party it serves (which
 * {@link Result#getRelyingParty()} describes). Two are equal when both fields are.
 */
public final class Intermediary {
    private final String identifier;
    private final String name;

    Intermediary(String identifier, String name) {
        this.identifier = identifier;
        this.name = name;
    }

    /** The intermediary's identifier (organizationIdentifier form, e.g. "LEIXG-..."). */
    public String getIdentifier() {
        return identifier;
    }

    /** Its name: the registration certificate's, else the access certificate's commonName; or null. */
    public String getName() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Intermediary)) {
            return false;
        }
        Intermediary i = (Intermediary) o;
        return Objects.equals(identifier, i.identifier) && Objects.equals(name, i.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(identifier, name);
    }

    /** {@code Intermediary{identifier=LEIXG-..., name=...}}. */
    @Override
    public String toString() {
        return new Show("Intermediary").add("identifier", identifier).add("name", name).toString();
    }
}
