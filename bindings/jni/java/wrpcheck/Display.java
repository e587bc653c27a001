package wrpcheck;

import java.util.Objects;

/**
 * What a consent screen shows a user in their languages ({@link Request#lang(String)}): the
 * purpose and the service description, each chosen on its own by the library's RFC 4647 lookup
 * (as {@link RelyingParty#purposeFor} and {@link RelyingParty#serviceDescriptionFor} choose them),
 * and the language tag of the chosen purpose as the certificate writes it. A member is null when
 * the certificate has no entry for it. Two are equal when every field is.
 */
public final class Display {
    private final String lang;
    private final String purpose;
    private final String serviceDescription;

    Display(String lang, String purpose, String serviceDescription) {
        this.lang = lang;
        this.purpose = purpose;
        this.serviceDescription = serviceDescription;
    }

    /** The language tag of the chosen purpose ("de-AT"). */
    public String getLang() {
        return lang;
    }

    public String getPurpose() {
        return purpose;
    }

    /** The chosen service description, which may be in another language than the purpose. */
    public String getServiceDescription() {
        return serviceDescription;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Display)) {
            return false;
        }
        Display d = (Display) o;
        return Objects.equals(lang, d.lang) && Objects.equals(purpose, d.purpose)
                && Objects.equals(serviceDescription, d.serviceDescription);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lang, purpose, serviceDescription);
    }

    /** {@code Display{lang=nl, purpose=..., serviceDescription=...}}. */
    @Override
    public String toString() {
        return new Show("Display").add("lang", lang).add("purpose", purpose)
                .add("serviceDescription", serviceDescription).toString();
    }
}
