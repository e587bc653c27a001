package wrpcheck;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The relying party as its registration certificate describes it. Show it on a consent screen
 * only when {@link #isVerified()}: {@link Result#getRelyingParty()} is null otherwise. Two are
 * equal when every field is (the purpose texts compared as a map, whatever their order).
 */
public final class RelyingParty {
    private final String name;
    private final String identifier;
    private final boolean verified;
    private final String country;
    private final String intendedUseId;
    private final Map<String, String> purpose;
    private final String privacyPolicy;
    private final String registryUri;
    private final String infoUri;
    private final String supportUri;

    RelyingParty(String name, String identifier, boolean verified, String country, String intendedUseId,
                 String[] purpose, String privacyPolicy, String registryUri, String infoUri, String supportUri) {
        this.name = name;
        this.identifier = identifier;
        this.verified = verified;
        this.country = country;
        this.intendedUseId = intendedUseId;
        Map<String, String> texts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < purpose.length; i += 2) {
            texts.put(purpose[i], purpose[i + 1]);
        }
        this.purpose = Collections.unmodifiableMap(texts);
        this.privacyPolicy = privacyPolicy;
        this.registryUri = registryUri;
        this.infoUri = infoUri;
        this.supportUri = supportUri;
    }

    public String getName() {
        return name;
    }

    /** The certificate's sub (organizationIdentifier form, e.g. "LEIXG-..."). */
    public String getIdentifier() {
        return identifier;
    }

    /** True when the certificate's signature and provider chain verified. */
    public boolean isVerified() {
        return verified;
    }

    public String getCountry() {
        return country;
    }

    public String getIntendedUseId() {
        return intendedUseId;
    }

    /** The purpose in every language given: language tag to text, in the certificate's order. */
    public Map<String, String> getPurpose() {
        return purpose;
    }

    public String getPrivacyPolicy() {
        return privacyPolicy;
    }

    public String getRegistryUri() {
        return registryUri;
    }

    public String getInfoUri() {
        return infoUri;
    }

    public String getSupportUri() {
        return supportUri;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RelyingParty)) {
            return false;
        }
        RelyingParty p = (RelyingParty) o;
        return verified == p.verified && Objects.equals(name, p.name) && Objects.equals(identifier, p.identifier)
                && Objects.equals(country, p.country) && Objects.equals(intendedUseId, p.intendedUseId)
                && purpose.equals(p.purpose) && Objects.equals(privacyPolicy, p.privacyPolicy)
                && Objects.equals(registryUri, p.registryUri) && Objects.equals(infoUri, p.infoUri)
                && Objects.equals(supportUri, p.supportUri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, identifier, verified, country, intendedUseId, purpose, privacyPolicy, registryUri,
                            infoUri, supportUri);
    }

    /** {@code RelyingParty{name=..., identifier=LEIXG-..., verified=true, country=NL, ...}}. */
    @Override
    public String toString() {
        return new Show("RelyingParty").add("name", name).add("identifier", identifier).add("verified", verified)
                .add("country", country).add("intendedUseId", intendedUseId)
                .add("purpose", purpose.isEmpty() ? null : purpose).add("privacyPolicy", privacyPolicy)
                .add("registryUri", registryUri).add("infoUri", infoUri).add("supportUri", supportUri).toString();
    }
}
