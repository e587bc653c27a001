"""End-to-end cases of `wrpcheck audit --format log`: the pre-disclosure part of the EUDI TS10 v1.2
transaction log record (a `Presentation`), built by testvectors/gen_e2e.py (build_topics).

Each case records a json case of the same request and arguments; its expectation is derived from
that case's expected result by gen_e2e.log_record, never read from the CLI. The relying party is
named only when the judgement verified all of it: the request's signer, the access certificate and
the registration certificate (SPEC.md, "The log record").
"""

import gen_e2e as e
import e2e_intermediary


def build(v):
    # ---------------------------------------------------------------------------------------
    v.section("--format log: the TS10 Presentation record")
    v.log("log-allow", "allow-basic", party=True)
    v.log("log-allow-every-format", "allow-every-format", party=True)
    v.log("log-deny-overask", "rule6-one-finding-per-path", party=True)
    v.log("log-deny-two-queries-one-type", "rule6-two-queries", party=True)
    v.log("log-deny-whole-credential", "rule3-whole-credential-overask", party=True)
    v.log("log-deny-format-without-types", "rule2-format-without-types", party=True)
    v.log("log-warn", "warn-overask-only", party=True)
    v.log("log-intermediary", "intermediary-allow", party=True)
    v.log("log-mdoc", "mdoc-allow", party=True)
    v.log("log-mdoc-alternatives", "mdoc-v11-alternatives-count", party=True)
    v.log("log-text-from-the-request", "text-escapes-path-json", party=True)
    # A registration certificate that verifies is shown in the JSON result, but the record names
    # nobody unless the whole party is verified: not with an expired or untrusted certificate, a
    # request signature that fails, or an access certificate that does not chain.
    v.log("log-unverified-rc-untrusted", "rc-untrusted", party=False)
    v.log("log-unverified-rc-expired", "rc-expired", party=False)
    v.log("log-unverified-rc-missing", "rc-missing", party=False)
    v.log("log-unverified-request-signature", "request-signature-flipped", party=False)
    v.log("log-unverified-ac-untrusted", "ac-untrusted", party=False)
    v.log("log-unverified-intermediary-not-the-signer", "intermediary-not-the-signer", party=False)
    v.log("log-error-malformed", "request-malformed-not-a-request", party=False)
    v.log_unreadable("log-error-unreadable", e.REL + "does-not-exist", [],
                     "cannot read " + e.REL + "does-not-exist: No such file or directory")

    # The supervisory authority as TS5 registers it (name, country, contacts): dpaName, dpaCountry,
    # dpaContact; a certificate without purpose or privacy policy leaves those null.
    sa = {"name": "Autoriteit Persoonsgegevens", "country": "NL", "email": "info@dpa.example.nl",
          "uri": "https://dpa.example.nl/complaint"}
    payload = e.rc_payload(supervisory_authority=sa)
    pid_ok = [e.sdjwt("pid", [e.c("given_name"), e.c("family_name")])]
    v.add("log-dpa-json", e.request_object(e.params(pid_ok, rc=e.rc_jwt(payload))), query=pid_ok, rp=payload)
    v.log("log-dpa", "log-dpa-json", party=True)
    bare = e.rc_payload(purpose=e.DEL)
    v.add("log-no-purpose-json", e.request_object(e.params(pid_ok, rc=e.rc_jwt(bare))), query=pid_ok, rp=bare)
    v.log("log-no-purpose", "log-no-purpose-json", party=True)
    # an intermediary named by act.sub alone: its name is the access certificate's commonName
    served = e2e_intermediary.served(act={"sub": e.LEI})
    v.add("log-intermediary-act-json", e.request_object(e.params(pid_ok, rc=e.rc_jwt(served))),
          query=pid_ok, rp=served)
    v.log("log-intermediary-act", "log-intermediary-act-json", party=True)

    v.batch_log("batch-log", [
        ({"request": "../req/allow-basic.jwt"}, "log-allow"),
        ({"request": "../req/rule6-one-finding-per-path.jwt"}, "log-deny-overask"),
        ({"request": "../req/rc-untrusted.jwt"}, "log-unverified-rc-untrusted"),
        ({"request": "../req/intermediary-allow.jwt"}, "log-intermediary"),
    ])
