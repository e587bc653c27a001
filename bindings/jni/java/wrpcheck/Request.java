package wrpcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request to judge and what the wallet knows besides its bytes (all optional): the
 * SessionTranscript, the client_id and web origin seen outside the request, a registration
 * certificate held out of band, the embedded disclosure policies of the credentials the wallet
 * holds, the user's languages, and the kind when it must not be detected.
 * <pre>{@code verifier.audit(new Request(bytes).clientId("x509_san_dns:rp.example.com")) }</pre>
 */
public final class Request {
    final byte[] bytes;
    byte[] transcript;
    String clientId;
    String origin;
    byte[] registration;
    final List<byte[]> disclosurePolicies = new ArrayList<>();
    String lang;
    Kind kind = Kind.AUTO;

    /** An OpenID4VP Request Object, JSON request or DC API envelope, or a DeviceRequest. */
    public Request(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    /** The ISO 18013-5 SessionTranscript (CBOR, or tag-24-wrapped SessionTranscriptBytes). */
    public Request transcript(byte[] transcript) {
        this.transcript = transcript;
        return this;
    }

    /** The client_id seen outside the Request Object (it must equal the one inside). */
    public Request clientId(String clientId) {
        this.clientId = clientId;
        return this;
    }

    /** The web origin that passed the request (DC API). */
    public Request origin(String origin) {
        this.origin = origin;
        return this;
    }

    /** A registration certificate held out of band, used only when the request carries none. */
    public Request registration(byte[] registration) {
        this.registration = registration;
        return this;
    }

    /**
     * The embedded disclosure policy (JSON, SPEC.md 8a) of a credential the wallet holds;
     * repeatable, at most 64 per request. A requested credential a policy does not authorize is
     * the finding DISCLOSURE_POLICY. A policy the library refuses makes the audit throw
     * WrpException with its reason and where ("disclosurePolicies[i]", i counting from 0 in the
     * order added): status MALFORMED, or LIMIT beyond 64.
     */
    public Request disclosurePolicy(byte[] json) {
        disclosurePolicies.add(Objects.requireNonNull(json, "json"));
        return this;
    }

    /**
     * The user's languages: BCP 47 tags, comma separated, most preferred first ("nl-BE,en"; at
     * most 16), as {@code wrpcheck audit --lang} takes them. The result then has a
     * {@link Result#getDisplay() display}. A list the library refuses (a wildcard, a quality
     * value, an empty tag, ...) makes the audit throw WrpException with its reason and where
     * "lang": status MALFORMED, or LIMIT beyond 16 tags. null: none (the default).
     */
    public Request lang(String langs) {
        this.lang = langs;
        return this;
    }

    public Request kind(Kind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
        return this;
    }
}
