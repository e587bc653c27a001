"""End-to-end cases: embedded disclosure policies (contract v1.1, "Embedded disclosure policies
(ARF EDP_01..03, ETSI TS 119 472-3)"), given with --disclosure-policy FILE.

A policy applies to every requested credential of its format and type (dc+sd-jwt and vc+sd-jwt
being one format; for jwt_vc_json a requested type set within the policy's type values) and must
authorize the verified relying party: authorized_relying_parties lists the registration
certificate's sub, root_of_trust names (by base64url SHA-256) a certificate of the access
certificate's validated path, leaf to the anchor it ends at, entitlement names one of the
certificate's entitlements. Any policy that does not, or a relying party that is not verified
(request not authenticated, an access or registration certificate with an error), is one
DISCLOSURE_POLICY error per (credential query, type, policy), with credential_id and type. Its
findings come after coverage and the register, before REVOCATION_SKIPPED; --mode warn leaves them
errors. A policy file that is not the contract's shape is INPUT_UNREADABLE. Built by gen_e2e.py
(build_topics).
"""

import json
import os

import gen_e2e
from gen_e2e import (AC_ANCHORS, CRL, DEGREE, DEL, F, LEI, LOYALTY, OA, OAC, PID, PID_NS, RC_ANCHORS, REL,
                     STATUS, T, c, sdjwt)

P = gen_e2e.RC_PAYLOAD
SP_URI = gen_e2e.gen_rc.SP_URI
OTHER_LEI = "LEIXG-000000000000000000000"
DP = "DISCLOSURE_POLICY"
EDP_DRAFT = "testvectors/interop/2026/edp/it-wallet-docs/edp-authorized-rps.json"


def digest(name):
    """The base64url SHA-256 of the DER of a certificate of testvectors/pki/."""
    o4vp = gen_e2e.gen_o4vp
    return o4vp.x509_hash(o4vp.der(o4vp.load_cert(os.path.join(o4vp.FPKI, name + ".pem"))))


def policy(kind, values, fmt="dc+sd-jwt", type=PID, **extra):
    lists = {"authorized_relying_parties": "relying_parties", "root_of_trust": "roots",
             "entitlement": "entitlements"}
    p = {"format": fmt, "type": type, "policy": kind, lists[kind]: values}
    p.update(extra)
    return p


def dp(cid, type):
    return F(DP, cid=cid, type=type)


def build(v):
    pid_ok = [sdjwt("pid", [c("given_name"), c("family_name")])]
    basic = REL + "req/allow-basic.jwt"

    def put(name, obj):
        data = obj if isinstance(obj, bytes) else (json.dumps(obj, indent=1) + "\n").encode()
        return v.put("policy/%s.json" % name, data)

    def args_of(*files):
        out = []
        for f in files:
            out += ["--disclosure-policy", f]
        return out

    rps_lei = put("rps-lei", policy("authorized_relying_parties", [OTHER_LEI, LEI]))
    rps_other = put("rps-other", policy("authorized_relying_parties", [OTHER_LEI]))
    root_leaf = put("root-leaf", policy("root_of_trust", [digest("ac-leaf")]))
    root_int = put("root-int", policy("root_of_trust", [digest("ac-int")]))
    root_anchor = put("root-anchor", policy("root_of_trust", [digest("other-root"), digest("ac-root")]))
    root_unrelated = put("root-unrelated", policy("root_of_trust", [digest("other-root")]))
    ent_sp = put("entitlement-sp", policy("entitlement", [SP_URI]))
    ent_pid = put("entitlement-pid-provider",
                  policy("entitlement", ["https://uri.etsi.org/19475/Entitlement/PID_Provider"]))

    def case(name, files, findings=(), request=basic, query=pid_ok, **kw):
        kw.setdefault("rp", P)
        v.add(name, request, args=list(kw.pop("args", [])) + args_of(*files), query=query,
              findings=findings, **kw)

    # -----------------------------------------------------------------------------------------
    v.section("embedded disclosure policies (ARF EDP_01..03): each kind allows and denies")
    case("disclosure-rps-allow", [rps_lei])
    case("disclosure-rps-deny", [rps_other], [dp("pid", PID)])
    case("disclosure-root-leaf", [root_leaf])
    case("disclosure-root-intermediate", [root_int])
    case("disclosure-root-anchor", [root_anchor])
    case("disclosure-root-unrelated", [root_unrelated], [dp("pid", PID)])
    # the path ends at the anchor it reached: with ac-int as the anchor, ac-root is not on it
    case("disclosure-root-beyond-the-anchor", [root_anchor], [dp("pid", PID)], base=False,
         args=["--ac-anchors", "testvectors/pki/ac-int.pem", "--crl", CRL, "--rc-anchors", RC_ANCHORS,
               "--status-list", STATUS, "--time", str(T)])
    case("disclosure-root-anchor-is-the-intermediate", [root_int], base=False,
         args=["--ac-anchors", "testvectors/pki/ac-int.pem", "--crl", CRL, "--rc-anchors", RC_ANCHORS,
               "--status-list", STATUS, "--time", str(T)])
    case("disclosure-entitlement-allow", [ent_sp])
    case("disclosure-entitlement-deny", [ent_pid], [dp("pid", PID)])

    # -----------------------------------------------------------------------------------------
    v.section("embedded disclosure policies: which requested credentials a policy applies to")
    loyalty = put("rps-other-loyalty", policy("authorized_relying_parties", [OTHER_LEI], type=LOYALTY))
    case("disclosure-other-type-no-effect", [loyalty])
    mdoc_pid = put("rps-other-mdoc-pid-vct", policy("authorized_relying_parties", [OTHER_LEI], fmt="mso_mdoc"))
    case("disclosure-other-format-no-effect", [mdoc_pid])
    old_name = put("rps-other-vc-sd-jwt", policy("authorized_relying_parties", [OTHER_LEI], fmt="vc+sd-jwt"))
    case("disclosure-vc-sd-jwt-is-dc-sd-jwt", [old_name], [dp("pid", PID)])
    two_types = [sdjwt("pid", [c("given_name")], vct=[PID, LOYALTY])]
    case("disclosure-each-type-on-its-own", [loyalty], [dp("pid", LOYALTY)],
         request=gen_e2e.request_object(gen_e2e.params(two_types)), query=two_types)
    case("disclosure-two-policies-both-allow", [rps_lei, ent_sp])
    case("disclosure-two-policies-one-denies", [rps_lei, ent_pid], [dp("pid", PID)])
    case("disclosure-two-policies-both-deny", [rps_other, root_unrelated], [dp("pid", PID), dp("pid", PID)])
    degree = [{"id": "deg", "format": "jwt_vc_json", "meta": {"type_values": [DEGREE]},
               "claims": [c("credentialSubject", "degree")]}]
    deg_policy = put("rps-other-degree", policy("authorized_relying_parties", [OTHER_LEI], fmt="jwt_vc_json",
                                                type=list(reversed(DEGREE))))
    deg_key = gen_e2e.type_key(DEGREE)
    case("disclosure-type-values-set", [deg_policy], [dp("deg", deg_key)],
         request=gen_e2e.request_object(gen_e2e.params(degree)), query=degree)
    within = [{"id": "deg", "format": "jwt_vc_json", "meta": {"type_values": [["UniversityDegreeCredential"]]},
               "claims": [c("credentialSubject", "degree")]}]
    within_key = gen_e2e.type_key(["UniversityDegreeCredential"])
    case("disclosure-type-values-within-the-set", [deg_policy],
         [OAC("deg", within_key), dp("deg", within_key)],
         request=gen_e2e.request_object(gen_e2e.params(within)), query=within)

    # -----------------------------------------------------------------------------------------
    v.section("embedded disclosure policies: only a verified relying party is authorized")
    case("disclosure-rc-unverified", [rps_lei], [F("RC_UNTRUSTED"), dp("pid", PID)],
         request=REL + "req/rc-untrusted.jwt", rp=None)
    case("disclosure-rc-missing", [rps_lei], [F("RC_MISSING"), dp("pid", PID)],
         request=REL + "req/rc-missing.jwt", rp=None, sources=[])
    expired = gen_e2e.rc_payload(exp=T - gen_e2e.DAY)
    case("disclosure-rc-expired", [ent_sp], [F("RC_EXPIRED"), dp("pid", PID)],
         request=REL + "req/rc-expired.jwt", rp=expired)
    # the certificate's sub is listed, but it is not the party that signed the request
    unbound = "LEIXG-000000000000000000XX"
    rps_unbound = put("rps-unbound-sub", policy("authorized_relying_parties", [unbound]))
    case("disclosure-rc-subject-mismatch", [rps_unbound], [F("RC_SUBJECT_MISMATCH"), dp("pid", PID)],
         request=REL + "req/rc-subject-mismatch.jwt", rp=gen_e2e.rc_payload(sub=unbound))
    case("disclosure-ac-untrusted", [root_anchor], [F("AC_UNTRUSTED"), dp("pid", PID)], base=False,
         args=["--ac-anchors", "testvectors/pki/other-root.pem", "--crl", CRL, "--rc-anchors", RC_ANCHORS,
               "--status-list", STATUS, "--time", str(T)])
    case("disclosure-ac-revoked", [root_anchor], [F("AC_REVOKED"), dp("pid", PID)],
         request=REL + "req/ac-revoked.jwt")
    case("disclosure-request-signature", [rps_lei], [F("REQUEST_SIGNATURE"), dp("pid", PID)],
         request=REL + "req/request-signature-other-key.jwt")
    case("disclosure-request-unsigned", [rps_lei], [F("REQUEST_UNSIGNED"), dp("pid", PID)],
         request=REL + "req/request-unsigned.json")
    case("disclosure-no-revocation", [rps_lei], [F("REVOCATION_SKIPPED")], base=False,
         args=["--ac-anchors", AC_ANCHORS, "--rc-anchors", RC_ANCHORS, "--time", str(T), "--no-revocation"])
    case("disclosure-deny-no-revocation", [rps_other], [dp("pid", PID), F("REVOCATION_SKIPPED")], base=False,
         args=["--ac-anchors", AC_ANCHORS, "--rc-anchors", RC_ANCHORS, "--time", str(T), "--no-revocation"])

    # -----------------------------------------------------------------------------------------
    v.section("embedded disclosure policies: an intermediated request authorizes the served party")
    import e2e_intermediary as im
    served_rp = im.served(intermediary=im.intermediary())
    served_req = REL + "req/intermediary-allow.jwt"
    rps_served = put("rps-served", policy("authorized_relying_parties", [OTHER_LEI, im.SERVED]))
    # the intermediary signs (its organizationIdentifier is LEI), but it is not the relying party
    case("disclosure-intermediated-served-listed", [rps_served], request=served_req, rp=served_rp)
    case("disclosure-intermediated-only-intermediary-listed", [rps_lei], [dp("pid", PID)],
         request=served_req, rp=served_rp)
    # the root of trust is the path of the access certificate that signed: the intermediary's
    case("disclosure-intermediated-root-of-trust", [root_anchor], request=served_req, rp=served_rp)
    case("disclosure-intermediated-root-unrelated", [root_unrelated], [dp("pid", PID)],
         request=served_req, rp=served_rp)

    # -----------------------------------------------------------------------------------------
    v.section("embedded disclosure policies: --mode warn softens overasking only")
    over = [sdjwt("pid", [c("given_name"), c("birth_date")])]
    over_req = gen_e2e.request_object(gen_e2e.params(over))
    case("disclosure-warn-mode-deny", [rps_other], [OA("pid", PID, "birth_date"), dp("pid", PID)],
         request=over_req, query=over, warn=True)
    case("disclosure-warn-mode-allowed", [rps_lei], [OA("pid", PID, "birth_date")],
         request=over_req, query=over, warn=True)

    # -----------------------------------------------------------------------------------------
    v.section("embedded disclosure policies: DeviceRequests (docType, format mso_mdoc)")
    doc = gen_e2e.Doc(PID_NS, {PID_NS: {"age_over_18": False, "given_name": True}}, gen_e2e.RC_VALID)
    mq = [doc.query(0)]
    mreq = REL + "req/mdoc-allow.cbor"
    t_args = ["--transcript", REL + "transcript.cbor"]
    m_lei = put("rps-lei-mdoc", policy("authorized_relying_parties", [LEI], fmt="mso_mdoc", type=PID_NS))
    m_other = put("rps-other-mdoc", policy("authorized_relying_parties", [OTHER_LEI], fmt="mso_mdoc", type=PID_NS))
    m_root = put("root-anchor-mdoc", policy("root_of_trust", [digest("ac-root")], fmt="mso_mdoc", type=PID_NS))
    case("disclosure-mdoc-allow", [m_lei, m_root], request=mreq, query=mq, kind="mdoc", args=t_args)
    case("disclosure-mdoc-deny", [m_other], [dp("0", PID_NS)], request=mreq, query=mq, kind="mdoc", args=t_args)
    case("disclosure-mdoc-sd-jwt-policy-no-effect", [rps_other], request=mreq, query=mq, kind="mdoc",
         args=t_args)
    case("disclosure-mdoc-reader-unverified", [m_lei], [F("READER_AUTH_UNVERIFIED"), dp("0", PID_NS)],
         request=mreq, query=mq, kind="mdoc")

    # -----------------------------------------------------------------------------------------
    v.section("embedded disclosure policies: a policy file that is not the contract's shape")
    bad = {
        "list-missing": policy("entitlement", [SP_URI], entitlements=DEL),
        "list-empty": policy("authorized_relying_parties", []),
        "no-format": gen_e2e.patch(policy("authorized_relying_parties", [LEI]), format=DEL),
        "format-unknown": policy("authorized_relying_parties", [LEI], fmt="sd-jwt"),
        "kind-unknown": gen_e2e.patch(policy("authorized_relying_parties", [LEI]), policy="authorized_rp_only"),
        "root-not-a-digest": policy("root_of_trust", [digest("ac-root")[:-2]]),
        "member-unknown": policy("authorized_relying_parties", [LEI], relying_party=[LEI]),
    }
    for name, obj in bad.items():
        obj = {k: val for k, val in obj.items() if val is not DEL}
        v.unreadable("disclosure-unreadable-" + name, basic, args_of(put("bad-" + name, obj)), kind="openid4vp")
    dup = b'{"format":"dc+sd-jwt","type":"urn:eudi:pid:1","policy":"root_of_trust","policy":"entitlement",' \
          b'"entitlements":["' + SP_URI.encode() + b'"]}\n'
    v.unreadable("disclosure-unreadable-duplicate-member", basic, args_of(put("bad-duplicate-member", dup)),
                 kind="openid4vp")
    v.unreadable("disclosure-unreadable-not-json", basic, args_of(put("bad-not-json", b"policy: root_of_trust\n")),
                 kind="openid4vp")
    v.unreadable("disclosure-unreadable-missing-file", basic, args_of(REL + "policy/does-not-exist.json"),
                 kind="openid4vp")
    # a draft TS 119 472-3 encoding (policy_type, authorized_parties): refused, never ignored
    v.unreadable("disclosure-unreadable-ts119472-3-draft", basic, args_of(EDP_DRAFT), kind="openid4vp")
    v.unreadable("disclosure-unreadable-mdoc", mreq, t_args + args_of(REL + "policy/bad-list-empty.json"),
                 kind="mdoc")

    # -----------------------------------------------------------------------------------------
    v.batch("disclosure-batch-every-request", [
        ({"request": "../req/allow-basic.jwt"}, "disclosure-rps-deny"),
        ({"request": "../req/mdoc-allow.cbor", "transcript": "../transcript.cbor", "kind": "mdoc"},
         "disclosure-mdoc-sd-jwt-policy-no-effect"),
    ], args=args_of(rps_other))
