package wrpcheck;

import java.util.Objects;

/**
 * The access certificate a request carried (its leaf), verified or not. Two are equal when every
 * field is.
 */
public final class AccessCertificate {
    private final String subject;
    private final String issuer;
    private final String serial;
    private final String notBefore;
    private final String notAfter;
    private final String sha256;
    private final boolean verified;

    AccessCertificate(String subject, String issuer, String serial, String notBefore, String notAfter,
                      String sha256, boolean verified) {
        this.subject = subject;
        this.issuer = issuer;
        this.serial = serial;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        this.sha256 = sha256;
        this.verified = verified;
    }

    /** The subject's distinguished name (RFC 4514). */
    public String getSubject() {
        return subject;
    }

    /** The issuer's distinguished name (RFC 4514). */
    public String getIssuer() {
        return issuer;
    }

    /** The serial number, lowercase hex. */
    public String getSerial() {
        return serial;
    }

    /** The start of validity, RFC 3339 UTC ("2026-01-01T00:00:00Z"); null when it cannot be converted. */
    public String getNotBefore() {
        return notBefore;
    }

    /** The end of validity, RFC 3339 UTC; null when it cannot be converted. */
    public String getNotAfter() {
        return notAfter;
    }

    /** The SHA-256 of the certificate's DER, base64url without padding. */
    public String getSha256() {
        return sha256;
    }

    /** True when its chain reached a trust anchor at the time and no AC_* finding was raised. */
    public boolean isVerified() {
        return verified;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AccessCertificate)) {
            return false;
        }
        AccessCertificate a = (AccessCertificate) o;
        return verified == a.verified && Objects.equals(subject, a.subject) && Objects.equals(issuer, a.issuer)
                && Objects.equals(serial, a.serial) && Objects.equals(notBefore, a.notBefore)
                && Objects.equals(notAfter, a.notAfter) && Objects.equals(sha256, a.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, issuer, serial, notBefore, notAfter, sha256, verified);
    }

    /** {@code AccessCertificate{subject=CN=..., issuer=..., serial=3001, notBefore=..., notAfter=..., sha256=..., verified=true}}. */
    @Override
    public String toString() {
        return new Show("AccessCertificate").add("subject", subject).add("issuer", issuer).add("serial", serial)
                .add("notBefore", notBefore).add("notAfter", notAfter).add("sha256", sha256)
                .add("verified", verified).toString();
    }
}
