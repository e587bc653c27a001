package wrpcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The relying party as its registration certificate describes it. Show it on a consent screen
 * only when {@link #isVerified()}: {@link Result#getRelyingParty()} is null otherwise. Two are
 * equal when every field is (the purpose texts compared as a map, whatever their order).
 * {@link #purposeFor} and {@link #serviceDescriptionFor} ask the library which text to show in
 * the user's languages; for them a relying party keeps the library's result it was read from
 * (freed once neither is reachable).
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
    private final List<LocalizedText> serviceDescription;
    private final Boolean publicBody;
    private final List<String> entitlements;
    private final SupervisoryAuthority supervisoryAuthority;
    /** The library's result this was read from, for the lookups; not part of the value. */
    private final NativeResult nativeResult;

    /**
     * purpose and serviceDescription: language tag, text, language tag, text, ...; publicBody 1, 0
     * or -1 (absent); nativeResult: the library's result, for the lookups.
     */
    RelyingParty(String name, String identifier, boolean verified, String country, String intendedUseId,
                 String[] purpose, String privacyPolicy, String registryUri, String infoUri, String supportUri,
                 String[] serviceDescription, int publicBody, String[] entitlements,
                 SupervisoryAuthority supervisoryAuthority, NativeResult nativeResult) {
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
        List<LocalizedText> description = new ArrayList<>();
        for (int i = 0; i + 1 < serviceDescription.length; i += 2) {
            description.add(new LocalizedText(serviceDescription[i], serviceDescription[i + 1]));
        }
        this.serviceDescription = Collections.unmodifiableList(description);
        this.publicBody = publicBody < 0 ? null : Boolean.valueOf(publicBody == 1);
        this.entitlements = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(entitlements)));
        this.supervisoryAuthority = supervisoryAuthority;
        this.nativeResult = Objects.requireNonNull(nativeResult, "nativeResult");
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

    /** The service description in every language given, in the certificate's order (empty when none). */
    public List<LocalizedText> getServiceDescription() {
        return serviceDescription;
    }

    /** Whether the relying party is a public body; null when the certificate does not say. */
    public Boolean getPublicBody() {
        return publicBody;
    }

    /** The certificate's entitlements (URIs or OIDs as written), in its order. */
    public List<String> getEntitlements() {
        return entitlements;
    }

    /** The data protection authority a person can complain to; null when the certificate names none. */
    public SupervisoryAuthority getSupervisoryAuthority() {
        return supervisoryAuthority;
    }

    /**
     * The purpose to show a user whose languages are langs (BCP 47 tags, comma separated, most
     * preferred first: "nl-BE,en"), as the library chooses it: RFC 4647 lookup, as
     * {@code wrpcheck audit --lang} does (each tag, then the tag shortened at each '-' from the
     * right, compared case-insensitively; no hit at all: the first entry; "en" never chooses
     * "en-GB"). null when the certificate has no purpose. A list the library refuses throws
     * WrpException (status MALFORMED or LIMIT, where "langs", the library's reason).
     */
    public LocalizedText purposeFor(String langs) {
        return nativeResult.lookup(langs, false);
    }

    /**
     * The service description for langs, chosen as {@link #purposeFor} chooses the purpose (each
     * on its own: the two may be in different languages); null when the certificate has none.
     */
    public LocalizedText serviceDescriptionFor(String langs) {
        return nativeResult.lookup(langs, true);
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
                && Objects.equals(supportUri, p.supportUri) && serviceDescription.equals(p.serviceDescription)
                && Objects.equals(publicBody, p.publicBody) && entitlements.equals(p.entitlements)
                && Objects.equals(supervisoryAuthority, p.supervisoryAuthority);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, identifier, verified, country, intendedUseId, purpose, privacyPolicy, registryUri,
                            infoUri, supportUri, serviceDescription, publicBody, entitlements, supervisoryAuthority);
    }

    /** {@code RelyingParty{name=..., identifier=LEIXG-..., verified=true, country=NL, ...}}. */
    @Override
    public String toString() {
        return new Show("RelyingParty").add("name", name).add("identifier", identifier).add("verified", verified)
                .add("country", country).add("intendedUseId", intendedUseId)
                .add("purpose", purpose.isEmpty() ? null : purpose).add("privacyPolicy", privacyPolicy)
                .add("registryUri", registryUri).add("infoUri", infoUri).add("supportUri", supportUri)
                .add("serviceDescription", serviceDescription.isEmpty() ? null : serviceDescription)
                .add("publicBody", publicBody).add("entitlements", entitlements.isEmpty() ? null : entitlements)
                .add("supervisoryAuthority", supervisoryAuthority).toString();
    }
}
