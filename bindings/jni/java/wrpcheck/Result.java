package wrpcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A judgement, copied out of the library: it outlives the verifier that made it. */
public final class Result {
    private final Verdict verdict;
    private final String requestKind;
    private final List<Finding> findings;
    private final List<Requested> requested;
    private final RelyingParty claimedRelyingParty;
    private final String json;

    Result(int verdict, String requestKind, Finding[] findings, Requested[] requested, RelyingParty party,
           String json) {
        this.verdict = Verdict.of(verdict);
        this.requestKind = requestKind;
        this.findings = Collections.unmodifiableList(Arrays.asList(findings));
        this.requested = Collections.unmodifiableList(Arrays.asList(requested));
        this.claimedRelyingParty = party;
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

    /** The library's JSON (the CLI contract's object), exactly as {@code wrpcheck --format json}. */
    public String toJson() {
        return json;
    }

    @Override
    public String toString() {
        return "Result{" + verdict.label() + " " + getCodes() + "}";
    }
}
