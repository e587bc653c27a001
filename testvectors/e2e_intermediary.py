"""End-to-end cases of contract v1.1 for intermediated requests (TS 119 475 clause 4.5 and Annex E.3,
CIR 2026/1730 Annex I point 16) and for both shapes of the status reference (TS 119 475 Annex C and
GEN-6.2.6.1), built by testvectors/gen_e2e.py (build_topics).

The intermediary is the test PKI's relying party (ac-leaf, organizationIdentifier gen_rc.LEI): it
signs every request with its own access certificate, while the registration certificate is the
served party's (sub SERVED) and names the intermediary in `intermediary` or `act`.
"""

import gen_e2e as e
import gen_register

SERVED = "LEIXG-5299001SERVEDPARTY7"
PLATFORM = "Example Platform B.V."


def served(**changes):
    """The served party's certificate payload: the common one under another identifier."""
    return e.rc_payload(**dict({"sub": SERVED, "registry_uri": "https://register.example.nl/wrp/" + SERVED},
                               **changes))


def intermediary(sub=e.LEI, **extra):
    x = {"sub": sub, "sname": PLATFORM}
    x.update(extra)
    return x


def build(v):
    F, OA = e.F, e.OA
    c, sdjwt = e.c, e.sdjwt
    pid_ok = [sdjwt("pid", [c("given_name"), c("family_name")])]

    def case(name, payload, findings=(), rp=True, query=pid_ok, args=(), **kw):
        token = e.rc_jwt(payload)
        v.add(name, e.request_object(e.params(query, rc=token)), args=list(args), query=query,
              rp=payload if rp else None, findings=findings, **kw)

    # ---------------------------------------------------------------------------------------
    v.section("intermediated requests (contract v1.1)")
    p = served(intermediary=intermediary())
    case("intermediary-allow", p)
    case("intermediary-name-annex-c", served(intermediary={"sub": e.LEI, "name": PLATFORM}))
    case("intermediary-act-sub-only", served(act={"sub": e.LEI}))
    case("intermediary-act-and-intermediary-agree", served(intermediary=intermediary(), act={"sub": e.LEI}))
    case("intermediary-act-and-intermediary-differ",
         served(intermediary=intermediary(), act={"sub": "LEIXG-5299009OTHERPLATFRM"}),
         [F("RC_MALFORMED")])
    case("intermediary-not-the-signer",
         served(intermediary=intermediary(sub="LEIXG-5299009OTHERPLATFRM")), [F("RC_SUBJECT_MISMATCH")])
    # The served party's own access certificate does not sign an intermediated request.
    case("intermediary-signed-by-served-party",
         e.rc_payload(intermediary=intermediary(sub="LEIXG-5299009OTHERPLATFRM")), [F("RC_SUBJECT_MISMATCH")])
    case("intermediary-sub-not-a-string", served(intermediary={"sub": {"id": e.LEI}, "sname": PLATFORM}),
         [F("RC_MALFORMED"), F("RC_SUBJECT_MISMATCH")])
    # Overasking is judged against the served party's registration as always.
    q = [sdjwt("pid", [c("given_name"), c("birth_date")])]
    case("intermediary-overask", p, [OA("pid", e.PID, "birth_date")], query=q)

    v.add("intermediary-text", e.REL + "req/intermediary-allow.jwt", fmt=None, query=pid_ok, rp=p,
          text_has=["relying party:  Example Shop (" + SERVED + ")",
                    "intermediary:   " + PLATFORM + " (" + e.LEI + ")",
                    "access cert:    CN=Example RP leaf,organizationIdentifier=" + e.LEI],
          text_lacks=["NOT verified"])

    # A DeviceRequest signed by the intermediary's reader certificate.
    doc = e.Doc(e.PID_NS, {e.PID_NS: {"age_over_18": False}}, rc=e.rc_jwt(p))
    v.add("intermediary-mdoc-allow", e.device_request([doc]), kind="mdoc",
          args=["--transcript", e.REL + "transcript.cbor"], query=[doc.query(0)], rp=p)

    # With a register, the served party's entry must name the intermediary.
    reg = ["--register-anchors", e.REG_ANCHORS]
    platform = {"identifier": [{"type": gen_register.ID + "LEI", "identifier": e.LEI}],
                "tradeName": "Example Platform", "legalPerson": {"legalName": [PLATFORM]}, "country": "NL"}
    ids = [{"type": gen_register.ID + "LEI", "identifier": SERVED}]
    both = [("rc", e.RC_CREDS), ("register", e.REG_CREDS)]
    named = v.put("register/intermediary-named.jwt",
                  e.reg_jws(e.reg_party(identifier=ids, usesIntermediary=[platform])))
    unnamed = v.put("register/intermediary-not-named.jwt", e.reg_jws(e.reg_party(identifier=ids)))
    other = dict(platform, identifier=[{"type": gen_register.ID + "LEI", "identifier": "LEIXG-5299009OTHERPLATFRM"}])
    wrong = v.put("register/intermediary-other-named.jwt",
                  e.reg_jws(e.reg_party(identifier=ids, usesIntermediary=[other])))
    service = {"serviceIdentifier": "svc-1", "serviceTradeName": "Age check", "usesIntermediary": [platform],
               "intendedUses": [e.reg_use()]}
    party = e.reg_party(identifier=ids, services=[service])
    del party["intendedUse"]
    in_service = v.put("register/intermediary-named-in-service.jwt", e.reg_jws(party))
    case("intermediary-register-named", p, args=["--register", named] + reg, sources=both)
    case("intermediary-register-named-in-service", p, args=["--register", in_service] + reg, sources=both)
    case("intermediary-register-not-named", p, [F("REGISTER_INTERMEDIARY")],
         args=["--register", unnamed] + reg, sources=both)
    case("intermediary-register-other-named", p, [F("REGISTER_INTERMEDIARY")],
         args=["--register", wrong] + reg, sources=both)

    # ---------------------------------------------------------------------------------------
    v.section("status reference shapes (contract v1.1)")
    uri = e.gen_rc.SL_URI
    case("status-direct-valid", e.rc_payload(status={"idx": 3, "uri": uri}))
    case("status-direct-revoked", e.rc_payload(status={"idx": 5, "uri": uri}), [F("RC_REVOKED")])
    case("status-direct-index-string", e.rc_payload(status={"idx": "3", "uri": uri}))
    case("status-both-shapes-agree", e.rc_payload(status={"idx": 3, "uri": uri,
                                                           "status_list": {"idx": 3, "uri": uri}}))
    case("status-both-shapes-differ", e.rc_payload(status={"idx": 5, "uri": uri,
                                                            "status_list": {"idx": 3, "uri": uri}}),
         [F("RC_MALFORMED")])
    case("status-direct-no-uri", e.rc_payload(status={"idx": 3}), [F("RC_MALFORMED"), F("RC_STATUS_UNKNOWN")])
    case("status-empty-object", e.rc_payload(status={}), [F("RC_MALFORMED"), F("RC_STATUS_UNKNOWN")])
    direct = e.rc_payload(status={"idx": 3, "uri": uri})
    cwt = e.gen_o4vp.b64u(e.rc_cwt(direct))
    v.add("status-direct-valid-cwt",
          e.request_object(e.params(pid_ok, verifier_info=[{"format": "registration_cert", "data": cwt}])),
          query=pid_ok, rp=direct)
