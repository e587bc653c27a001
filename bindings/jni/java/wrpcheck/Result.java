package wrpcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A judgement, copied out of the library: it outlives the verifier that made it. Two results are
 * equal when they say the same: verdict, request kind, findings, requested items, relying party,
 * intermediary, access certificate, display and DCQL alternatives, and the same JSON (which holds
 * the rest).
 */
public final class Result {
    private final Verdict verdict;
    private final String requestKind;
    private final List<Finding> findings;
    private final List<Requested> requested;
    private final RelyingParty claimedRelyingParty;
    private final Intermediary intermediary;
    private final AccessCertificate accessCertificate;
    private final Display display;
    private final List<ClaimSetOption> claimSets;
    private final List<CredentialSetOption> credentialSets;
    private final String json;

    Result(int verdict, String requestKind, Finding[] findings, Requested[] requested, RelyingParty party,
           Intermediary intermediary, AccessCertificate accessCertificate, Display display,
           ClaimSetOption[] claimSets, CredentialSetOption[] credentialSets, String json) {
        this.verdict = Verdict.of(verdict);
        this.requestKind = requestKind;
        this.findings = Collections.unmodifiableList(Arrays.asList(findings));
        this.requested = Collections.unmodifiableList(Arrays.asList(requested));
        this.claimedRelyingParty = party;
        this.intermediary = intermediary;
        this.accessCertificate = accessCertificate;
        this.display = display;
        this.claimSets = Collections.unmodifiableList(Arrays.asList(claimSets));
        this.credentialSets = Collections.unmodifiableList(Arrays.asList(credentialSets));
        this.json = json;
    }

    public Verdict getVerdict() {
        return verdict;
    }

    /** "openid4vp" or "mdoc"; null for a registration certificate checked on its own. */
    public String getRequestKind() {
        return requestKind;
    }

    public List<Finding> getFindings() {
        return findings;
    }

    /** The code names of the findings, in order. */
    public List<String> getCodes() {
        List<String> codes = new ArrayList<>();
        for (Finding f : findings) {
            codes.add(f.getCode());
        }
        return Collections.unmodifiableList(codes);
    }

    public List<Requested> getRequested() {
        return requested;
    }

    /** The verified relying party, or null (the JSON's relying_party). */
    public RelyingParty getRelyingParty() {
        return claimedRelyingParty != null && claimedRelyingParty.isVerified() ? claimedRelyingParty : null;
    }

    /** What the registration certificate says, verified or not; null when none was read. */
    public RelyingParty getClaimedRelyingParty() {
        return claimedRelyingParty;
    }

    /**
     * The intermediary that signed the request for the relying party it serves; null when the
     * request is not intermediated or the relying party is not verified (the JSON's intermediary).
     */
    public Intermediary getIntermediary() {
        return intermediary;
    }

    /** The access certificate the request carried, verified or not; null when it carried none. */
    public AccessCertificate getAccessCertificate() {
        return accessCertificate;
    }

    /**
     * The purpose and service description in the languages {@link Request#lang(String)} gave, each
     * chosen by the library's lookup; null without them, and when the relying party is not
     * verified (the JSON's display, absent or null).
     */
    public Display getDisplay() {
        return display;
    }

    /**
     * Each claim set of each credential query, with whether it is registered (the JSON's
     * options.claim_sets, in its order); empty without a DCQL query.
     */
    public List<ClaimSetOption> getClaimSets() {
        return claimSets;
    }

    /**
     * Each option of each credential set, with whether it is registered (the JSON's
     * options.credential_sets, in its order): the registered one is the alternative a wallet can
     * offer instead of refusing. Empty without credential sets.
     */
    public List<CredentialSetOption> getCredentialSets() {
        return credentialSets;
    }

    /** The library's JSON (the CLI contract's object), exactly as {@code wrpcheck --format json}. */
    public String toJson() {
        return json;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Result)) {
            return false;
        }
        Result r = (Result) o;
        return verdict == r.verdict && Objects.equals(requestKind, r.requestKind) && findings.equals(r.findings)
                && requested.equals(r.requested) && Objects.equals(claimedRelyingParty, r.claimedRelyingParty)
                && Objects.equals(intermediary, r.intermediary) && Objects.equals(accessCertificate, r.accessCertificate)
                && Objects.equals(display, r.display) && claimSets.equals(r.claimSets)
                && credentialSets.equals(r.credentialSets) && Objects.equals(json, r.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(verdict, requestKind, findings, requested, claimedRelyingParty, intermediary,
                            accessCertificate, display, claimSets, credentialSets, json);
    }

    /**
     * {@code Result{verdict=deny, requestKind=openid4vp, relyingParty=RelyingParty{...},
     * intermediary=Intermediary{...}, accessCertificate=AccessCertificate{...}, display=Display{...},
     * findings=[...], requested=[...], claimSets=[...], credentialSets=[...]}}; a relying party
     * whose certificate did not verify is shown as {@code claimedRelyingParty}, and the
     * alternatives only when there are some. The JSON is left out ({@link #toJson()}).
     */
    @Override
    public String toString() {
        RelyingParty verifiedParty = getRelyingParty();
        return new Show("Result").add("verdict", verdict.label()).add("requestKind", requestKind)
                .add("relyingParty", verifiedParty)
                .add("claimedRelyingParty", verifiedParty == null ? claimedRelyingParty : null)
                .add("intermediary", intermediary).add("accessCertificate", accessCertificate)
                .add("display", display).add("findings", findings).add("requested", requested)
                .add("claimSets", claimSets.isEmpty() ? null : claimSets)
                .add("credentialSets", credentialSets.isEmpty() ? null : credentialSets).toString();
    }
}
