package wrpcheck;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The supervisory authority (data protection authority) the relying party answers to, where a
 * person can complain about it: its email, phone and uri as the registration certificate names
 * them (null when it does not), and every string member of the certificate's
 * {@code supervisory_authority} object. Two are equal when every member is.
 */
public final class SupervisoryAuthority {
    private final String email;
    private final String phone;
    private final String uri;
    private final Map<String, String> members;

    SupervisoryAuthority(String email, String phone, String uri, String[] members) {
        this.email = email;
        this.phone = phone;
        this.uri = uri;
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < members.length; i += 2) {
            m.put(members[i], members[i + 1]);
        }
        this.members = Collections.unmodifiableMap(m);
    }

    /** The email address to write to, or null. */
    public String getEmail() {
        return email;
    }

    /** The phone number to call, or null. */
    public String getPhone() {
        return phone;
    }

    /** The web address (where a complaint can be lodged), or null. */
    public String getUri() {
        return uri;
    }

    /** Every string member: name to value, in the certificate's order. */
    public Map<String, String> getMembers() {
        return members;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SupervisoryAuthority)) {
            return false;
        }
        SupervisoryAuthority s = (SupervisoryAuthority) o;
        return Objects.equals(email, s.email) && Objects.equals(phone, s.phone) && Objects.equals(uri, s.uri)
                && members.equals(s.members);
    }

    @Override
    public int hashCode() {
        return Objects.hash(email, phone, uri, members);
    }

    /** {@code SupervisoryAuthority{email=..., phone=..., uri=...}}: every member, in order. */
    @Override
    public String toString() {
        Show s = new Show("SupervisoryAuthority");
        for (Map.Entry<String, String> e : members.entrySet()) {
            s.add(Show.text(e.getKey()), e.getValue());
        }
        return s.toString();
    }
}
