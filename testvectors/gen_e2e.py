#!/usr/bin/env python3
"""Generates the end-to-end vectors of `wrpcheck audit` in testvectors/e2e/.

Each case is one run of the CLI: a request (an OpenID4VP Request Object carrying a registration
certificate made here, or an ISO 18013-5 DeviceRequest with requestInfo.euWrprc and reader
authentication over e2e/transcript.cbor), the inputs (anchors, status lists, CRLs, register
documents), the exact arguments, and the result the contract (../shared/docs/cli-contract.md)
prescribes: expected/<case>.json and the exit status in cases.tsv.

The expectations are written down from the contract, not recorded from the CLI:
- the findings of each case are listed by hand, in pipeline order (request, access certificate,
  registration certificate, coverage against it, register, coverage against the register,
  REVOCATION_SKIPPED);
- the coverage findings and the `requested` list are computed a second time by `Oracle`, a
  direct reading of coverage rules 1-6, and must agree with the hand-written list;
- severities, verdict and exit status follow from the codes by the contract's verdict rules.

Keys and certificates are the existing ones: requests and readers are signed by ac-leaf
(testvectors/pki/, chain ac-leaf, ac-int under ac-root), registration certificates by the RC signer
of testvectors/rc/pki/, register responses by the register signer of testvectors/register/pki/.
Every signature is deterministic, so a re-run writes identical files.

cases.tsv: name<TAB>exit<TAB>check<TAB>stdin<TAB>arguments
  check  json  stdout is one JSON object compared with expected/<name>.json
         text  stdout ends with the line "verdict: V", V the verdict of expected/<name>.json; when
               that file has "text_has" / "text_lacks" (lists of strings), each of the first must
               appear in stdout and none of the second may
         html  stdout is one HTML page (<!DOCTYPE html> to </html>) holding data-verdict="V", V the
               verdict of expected/<name>.json, every string of its "html_has" and none of its
               "html_lacks" (testvectors/e2e_reports.py)
         usage stdout is empty (exit 64)
         log   stdout is one JSON object, the TS10 log record (--format log), equal to
               expected/<name>.json as a whole: derived by log_record() from the expected result
               of the json case with the same request and arguments
  Any case's expected/<name>.json may hold "stderr_has" (a list of strings its standard error must
  hold: what a message says); a usage case has that file only then.
  stdin  a file fed to the CLI's standard input, or -
  arguments are separated by single spaces and hold no shell metacharacters.
batch.tsv: the same columns, check `batch`: `wrpcheck audit --batch batch/<name>.jsonl` (or a
  folder batch/<name>/), whose stdout is one result per line, each compared with the same member of
  expected/<name>.json {"results": [...], "summary": {...}} as a json case is (and its `request`
  exactly), then the summary, compared whole; check `csv`: stdout is expected/<name>.csv byte for
  byte; check `html`: as for cases.tsv. A table of its own: cases.tsv is also the list that the allocation
  failure suite runs in one thread, and a batch is judged on two. Check `batch-log`: the same in
  the log format, each line {"request", "presentation"} equal as a whole.

Usage: python3 testvectors/gen_e2e.py [--check]   (--check: compare with the committed files)
"""

import copy
import glob
import hashlib
import json
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_mdoc  # noqa: E402
import gen_o4vp  # noqa: E402
import gen_rc  # noqa: E402
import gen_register  # noqa: E402
import rc_cbor  # noqa: E402
from cborenc import Tag, encode  # noqa: E402

OUT = os.path.join(HERE, "e2e")
ROOT = os.path.dirname(HERE)
REL = "testvectors/e2e/"
T = 1798761600  # 2027-01-01T00:00:00Z
DAY = 86400

PID = "urn:eudi:pid:1"
PID_NS = "eu.europa.ec.eudi.pid.1"
MDL = "org.iso.18013.5.1.mDL"
MDL_NS = "org.iso.18013.5.1"
LOYALTY = "urn:example:loyalty:1"
DEGREE = ["VerifiableCredential", "UniversityDegreeCredential"]
LEI = gen_rc.LEI
RP_HOST = "rp.example.com"
ORIGIN = "https://rp.example.com"
TX_TYPE = "urn:wrpcheck:e2e:payment"
IU = "iu-age-check-001"

# The inputs every case starts from (paths from the repository root).
AC_ANCHORS = "testvectors/pki/ac-root.pem"
CRL = "testvectors/crl/current.pem"
RC_ANCHORS = "testvectors/rc/pki/rc-root.pem"
STATUS = "testvectors/rc/sl-valid.jwt"  # index 3 VALID, 5 INVALID, 7 SUSPENDED
REG_ANCHORS = "testvectors/register/pki/reg-root.pem"
BASE = ["--ac-anchors", AC_ANCHORS, "--crl", CRL, "--rc-anchors", RC_ANCHORS,
        "--status-list", STATUS, "--time", str(T)]

DEL = gen_o4vp.DEL  # one sentinel for this file and the helpers of gen_o4vp


def patch(d, **changes):
    d = copy.deepcopy(d)
    for k, v in changes.items():
        if v is DEL:
            d.pop(k, None)
        else:
            d[k] = v
    return d


def jdump(obj):
    return json.dumps(obj, separators=(",", ":")).encode()


# ---------------------------------------------------------------------------------------------
# What the relying party registered

def entry(fmt, types, claims=None, key="claim"):
    """A registered credential: types is the vct list, the doctype, or the type_values sets."""
    meta = {"dc+sd-jwt": {"vct_values": types}, "vc+sd-jwt": {"vct_values": types},
            "mso_mdoc": {"doctype_value": types}, "jwt_vc_json": {"type_values": types}}[fmt]
    e = {"format": fmt, "meta": meta}
    if claims is not None:
        e[key] = claims
    return e


def c(*path, values=None, cid=None):
    """A claim: registered ({path, values?}) or requested (also id)."""
    x = {"path": list(path)}
    if cid is not None:
        x["id"] = cid
    if values is not None:
        x["values"] = values
    return x


RC_CREDS = [
    entry("dc+sd-jwt", [PID], [
        c("given_name"),
        c("address"),                                  # rule 4: a parent covers its children
        c("residence", "city"),                        # ... and a child not its parent
        c("nationalities", None),                      # null covers an index
        c("previous_names", 0),                        # an index does not cover null
        c("age_equal_or_over", "18", values=[True]),   # rule 5: true is not 1
        c("age_in_years", values=[18, 21]),            # rule 5: "18" is not 18
        c("place_of_birth", "country", values=["NL", "BE"]),
    ]),
    entry("dc+sd-jwt", [PID], [c("family_name")]),      # rule 2: entries add up
    entry("dc+sd-jwt", [LOYALTY]),                      # rule 1: no claim list, every claim
    entry("mso_mdoc", PID_NS, [
        c(PID_NS, "age_over_18"),
        c(PID_NS, "given_name"),
        c(PID_NS, "age_in_years", values=[18]),
        c(PID_NS, "age_over_21", values=[True]),
    ]),
    entry("mso_mdoc", PID_NS, [c(PID_NS, "family_name")]),
    entry("mso_mdoc", MDL),
    entry("jwt_vc_json", [DEGREE], [c("credentialSubject", "degree")]),
]

# The register's intended use: narrower than the certificate, and one claim (birth_date) that
# only the register has.
REG_CREDS = [
    {"format": "dc+sd-jwt", "meta": {"vct_values": [PID]},
     "claims": [c("given_name"), c("family_name"), c("nationalities", None), c("birth_date")]},
    {"format": "mso_mdoc", "meta": {"doctype_value": PID_NS},
     "claims": [c(PID_NS, "age_over_18"), c(PID_NS, "given_name")]},
]


# ---------------------------------------------------------------------------------------------
# The oracle: contract rules 1-6, read literally

def type_key(s):
    return json.dumps(sorted(set(s)), separators=(",", ":"))


def types_of(cred):
    """Each type once: rule 6 counts (credential query, type, path) triples."""
    fmt, meta = cred["format"], cred.get("meta", {})
    if isinstance(meta, str):
        meta = json.loads(meta)
    if fmt in ("dc+sd-jwt", "vc+sd-jwt"):
        types = list(meta["vct_values"]) if "vct_values" in meta else [meta["vct"]]
    elif fmt == "mso_mdoc":
        types = [meta["doctype_value"]]
    elif fmt in ("jwt_vc_json", "ldp_vc"):
        types = [type_key(s) for s in meta["type_values"]]
    else:
        types = []
    return list(dict.fromkeys(types))


def claim_list(cred):
    """None: no claim list (every claim of its types)."""
    for k in ("claim", "claims"):
        if k in cred:
            return cred[k]
    return None


def value_key(v):
    return ("bool" if isinstance(v, bool) else "int" if isinstance(v, int) else "str", v)


def path_covers(r, p):
    """Rule 4."""
    if len(r) > len(p):
        return False
    for a, b in zip(r, p):
        if a is None:
            if b is None or (isinstance(b, int) and not isinstance(b, bool)):
                continue
            return False
        if b is None or value_key(a) != value_key(b):
            return False
    return True


def claim_covers(reg, req):
    """Rules 4 and 5."""
    if "values" in reg:
        if reg["path"] != req["path"] or "values" not in req:
            return False
        allowed = {value_key(v) for v in reg["values"]}
        return all(value_key(v) in allowed for v in req["values"])
    return path_covers(reg["path"], req["path"])


class Oracle:
    """Coverage of a query (DCQL credential queries, or DocRequests as such) by sources."""

    def __init__(self, query, sources):
        """sources: [(source name, registered credentials)]; None as credentials stands for a
        source that was given but could not be used (it covers nothing and reports nothing)."""
        self.findings = []
        self.requested = []
        for q in query:
            types = types_of(q)
            claims = q.get("claims")
            for t in (types or [None]):
                for cl in (claims if claims is not None else [None]):
                    item = {"credential_id": q["id"], "format": q["format"], "type": t,
                            "path": cl["path"] if cl is not None else [], "registered": True}
                    self.requested.append(item)
        if not sources:  # no registration could be read: nothing is registered
            for item in self.requested:
                item["registered"] = False
        for name, creds in sources:
            i = 0
            for q in query:
                types = types_of(q)
                claims = q.get("claims")
                for t in (types or [None]):
                    group = [e for e in (creds or []) if e["format"] == q["format"] and t is not None
                             and t in types_of(e)]
                    if creds is not None and not group:
                        self.findings.append(F("OVERASK_CREDENTIAL", cid=q["id"], type=t, source=name))
                    for cl in (claims if claims is not None else [None]):
                        ok = creds is not None and bool(group) and self.covered(group, cl)
                        if creds is not None and group and not ok:
                            self.findings.append(F("OVERASK", cid=q["id"], type=t,
                                                   path=cl["path"] if cl is not None else [],
                                                   source=name))
                        if not ok:
                            self.requested[i]["registered"] = False
                        i += 1

    @staticmethod
    def covered(group, cl):
        if any(claim_list(e) is None for e in group):
            return True
        if cl is None:
            return False
        return any(claim_covers(r, cl) for e in group for r in claim_list(e))


# ---------------------------------------------------------------------------------------------
# Findings and results

SEVERITY = {"REVOCATION_SKIPPED": "warning", "REGISTER_UNSIGNED": "warning",
            "REGISTER_INCONSISTENT": "warning", "REQUEST_PARAMETER": "warning",
            "REGISTRAR_DATASET_MISMATCH": "warning", "VERIFIER_INFO_IGNORED": "info"}
OVERASK_CODES = ("OVERASK", "OVERASK_CREDENTIAL")
SOURCES = {"rc": "registration_certificate", "register": "register"}


def F(code, cid=None, type=None, path=None, source=None, severity=None):
    f = {"code": code}
    if severity is not None:
        f["severity"] = severity
    if cid is not None:
        f["credential_id"] = cid
    if type is not None:
        f["type"] = type
    if path is not None:
        f["path"] = path
    if source is not None:
        f["source"] = SOURCES.get(source, source)
    return f


def OA(cid, type, *path, src="rc"):
    return F("OVERASK", cid=cid, type=type, path=list(path), source=src)


def OAC(cid, type=None, src="rc"):
    return F("OVERASK_CREDENTIAL", cid=cid, type=type, source=src)


def verdict_of(findings, warn_mode):
    """The contract's verdict rules; sets each finding's severity."""
    for f in findings:
        f["severity"] = f.get("severity") or SEVERITY.get(f["code"], "error")
    errors = [f for f in findings if f["severity"] == "error"]
    if warn_mode and errors and all(f["code"] in OVERASK_CODES for f in errors):
        for f in errors:
            f["severity"] = "warning"
    codes = [f["code"] for f in findings]
    if "REQUEST_MALFORMED" in codes or "INPUT_UNREADABLE" in codes:
        return "error"
    if any(f["severity"] == "error" for f in findings):
        return "deny"
    if any(f["code"] in OVERASK_CODES for f in findings):
        return "warn"
    return "allow"


EXIT = {"allow": 0, "deny": 1, "error": 2, "warn": 3}


def texts(v):
    """A display text list as the result gives it: a flat list or a list of lists, {lang, value}
    (or content)."""
    flat = []
    for t in v or []:
        flat += t if isinstance(t, list) else [t]
    return [{"lang": t["lang"], "value": t.get("value", t.get("content"))} for t in flat]


def relying_party(payload):
    name = payload.get("name") or payload.get("sub_ln") or payload.get("sub_gn")
    rp = {"name": name, "identifier": payload.get("sub"), "country": payload.get("country"),
          "intended_use_id": payload.get("intended_use_id"),
          "purpose": texts(payload.get("purpose")),
          "privacy_policy": payload.get("privacy_policy"),
          "registry_uri": payload.get("registry_uri")}
    # Contract v1.1: the members below only when the certificate has them.
    if texts(payload.get("srv_description")):
        rp["srv_description"] = texts(payload.get("srv_description"))
    if isinstance(payload.get("public_body"), bool):
        rp["public_body"] = payload["public_body"]
    for k in ("info_uri", "support_uri"):
        if isinstance(payload.get(k), str):
            rp[k] = payload[k]
    if payload.get("entitlements"):
        rp["entitlements"] = list(payload["entitlements"])
    sa = payload.get("supervisory_authority")
    if isinstance(sa, dict) and any(isinstance(v, str) for v in sa.values()):
        rp["supervisory_authority"] = {k: v for k, v in sa.items() if isinstance(v, str)}
    return rp


def lang_lookup(langs, entries):
    """RFC 4647 lookup as contract v1.1 --lang says: each tag of the list in order, then the tag
    shortened at each '-' from the right, compared case-insensitively with the entries' tags; the
    first hit, else the first entry; None without entries."""
    if not entries:
        return None
    for tag in [t.strip() for t in langs.split(",") if t.strip()]:
        while tag:
            for e in entries:
                if isinstance(e.get("lang"), str) and e["lang"].lower() == tag.lower():
                    return e
            tag = tag.rsplit("-", 1)[0] if "-" in tag else ""
    return entries[0]


def display_of(rp, langs):
    """Contract v1.1 display of a verified relying party (its JSON), else None."""
    if rp is None:
        return None
    p = lang_lookup(langs, rp["purpose"])
    d = lang_lookup(langs, rp.get("srv_description", []))
    return {"lang": p["lang"] if p else None, "purpose": p["value"] if p else None,
            "srv_description": d["value"] if d else None}


def intermediary_of(payload):
    """Contract v1.1: {identifier, name} of an intermediated certificate, else None."""
    im = payload.get("intermediary") if isinstance(payload.get("intermediary"), dict) else {}
    act = payload.get("act") if isinstance(payload.get("act"), dict) else {}
    ident = im.get("sub") if isinstance(im.get("sub"), str) else act.get("sub")
    if not isinstance(ident, str):
        return None
    name = im.get("sname", im.get("name"))
    return {"identifier": ident, "name": name}


def cert_summary(der, verified):
    """Contract v1.1 access_certificate of a leaf, computed here with `cryptography`."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID
    cert = x509.load_der_x509_certificate(der)
    names = {NameOID.ORGANIZATION_IDENTIFIER: "organizationIdentifier",
             NameOID.SERIAL_NUMBER: "serialNumber"}
    serial = cert.serial_number
    return {"subject": cert.subject.rfc4514_string(names), "issuer": cert.issuer.rfc4514_string(names),
            "serial": ("-" if serial < 0 else "") + format(abs(serial), "x"),
            "not_before": cert.not_valid_before_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "not_after": cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "sha256": gen_o4vp.b64u(hashlib.sha256(der).digest()), "verified": verified}


def leaf_der(request, kind):
    """The DER of the access certificate a request carries (x5c[0] of the Request Object, or the
    first DocRequest's reader x5chain), or None when it carries none that reads."""
    import base64
    import refcheck
    try:
        if kind == "mdoc":
            dr = refcheck.cbor_parse(request)
            docs = dr.get("docRequests")
            auth = docs[0].get("readerAuth") if docs else None
            if auth is None and dr.get("version") == "1.1" and dr.get("readerAuthAll"):
                auth = dr.get("readerAuthAll")[0]
            prot = refcheck.cbor_parse(auth[0]) if auth[0] else refcheck.CborMap([])
            chain = prot.get(33, auth[1].get(33))
            return bytes(chain[0] if isinstance(chain, list) else chain)
        text = request.strip()
        if text[:1] == b"{":
            text = json.loads(text)["request"].encode()
        head = text.split(b".")[0]
        header = json.loads(base64.urlsafe_b64decode(head + b"=" * (-len(head) % 4)))
        return base64.b64decode(header["x5c"][0])
    except Exception:  # noqa: BLE001 (any request that does not read carries none)
        return None


# EUDI TS10 v1.2 Presentation, the pre-disclosure part (SPEC.md "The log record")

SEMANTICS_NATURAL, SEMANTICS_LEGAL = "urn:oid:0.4.0.194121.1.1", "urn:oid:0.4.0.194121.1.2"


def ts2_identifier(ident):
    """TS2 Identifier: the identifier as certified, typed as the EN 319 412-1 semantics identifier
    it is (natural persons: PAS, IDC, PNO, TAX, TIN; every other a legal person's)."""
    natural = ident[:3] in ("PAS", "IDC", "PNO", "TAX", "TIN")
    return {"type": SEMANTICS_NATURAL if natural else SEMANTICS_LEGAL, "identifier": ident}


def log_record(result, party):
    """The record that a judgement with this expected result writes; party: the whole relying
    party verified (else every member about it is null)."""
    rp = result["relying_party"] if party else None
    assert not party or rp is not None
    und = lambda text: {"lang": "und", "content": text} if text is not None else None  # noqa: E731
    sa = (rp or {}).get("supervisory_authority", {})
    strings = lambda *v: [x for x in v if x is not None] or None  # noqa: E731
    rec = {"interactingPartyIdentifier": ts2_identifier(rp["identifier"]) if rp else None,
           "interactingPartyType": "ServiceProvider",
           "interactingPartyName": und(rp["name"]) if rp else None,
           "interactingPartyContact": strings(rp.get("country"), rp.get("info_uri")) if rp else None,
           "isIntermediary": result["intermediary"] is not None if rp else None}
    if rp and result["intermediary"] is not None:
        rec["intermediaryIdentifier"] = ts2_identifier(result["intermediary"]["identifier"])
        rec["intermediaryName"] = und(result["intermediary"]["name"])
    rec.update({
        "registrarURL": rp["registry_uri"] if rp else None,
        "purpose": [{"lang": t["lang"], "content": t["value"]} for t in rp["purpose"]] or None if rp else None,
        "privacyPolicy": [{"type": "http://data.europa.eu/eudi/policy/privacy-statement",
                           "policyURI": rp["privacy_policy"]}] if rp and rp["privacy_policy"] else None,
        "dpaName": und(sa.get("name")),
        "dpaCountry": sa.get("country"),
        "dpaContact": strings(sa.get("email"), sa.get("phone"), sa.get("uri")),
    })
    claims = {}
    for item in result["requested"]:
        if item["type"] is not None:
            path = json.dumps(item["path"], separators=(",", ":"), ensure_ascii=False)
            seen = claims.setdefault(item["type"], [])
            if path not in seen:
                seen.append(path)
    rec["listOfClaimsRequested"] = [{"credentialIdentifier": t, "claims": p} for t, p in claims.items()]
    if result["verdict"] in ("deny", "error"):
        codes = list(dict.fromkeys(f["code"] for f in result["findings"] if f["severity"] == "error"))
        why = ("the request could not be judged" if result["verdict"] == "error"
               else "the request was refused before disclosure")
        rec["reasonOfNoncompletion"] = "verdict %s: %s (%s)" % (result["verdict"], why, ", ".join(codes))
    return rec


# ---------------------------------------------------------------------------------------------
# Registration certificates

RC_PKI = gen_rc.Pki()
RC_SIGNER = RC_PKI.signer("rc_signer")


def rc_payload(**changes):
    p = gen_rc.rc_payload(credentials=RC_CREDS)
    return patch(p, **changes)


def rc_jwt(payload=None, signer=RC_SIGNER, header=None, sig=None):
    h = {"alg": signer.alg, "typ": "rc-wrp+jwt", "x5c": signer.x5c()}
    for k, v in (header or {}).items():
        if v is DEL:
            h.pop(k, None)
        else:
            h[k] = v
    token = gen_rc.jwt(h, payload if payload is not None else rc_payload(), signer, sig)
    if sig is None and h.get("typ") and h["alg"] == signer.alg:
        gen_rc.check_jwt(token, signer)
    return token.encode("ascii")


def rc_cwt(payload=None, signer=RC_SIGNER):
    prot = {1: gen_rc.COSE_ALG[signer.alg], 16: "rc-wrp+cwt", 33: gen_rc.x5chain(signer)}
    claims = rc_cbor.dumps(gen_rc.cwt_claims(payload if payload is not None else rc_payload()))
    return gen_rc.cose_sign1(prot, {}, claims, signer)


# ---------------------------------------------------------------------------------------------
# OpenID4VP requests

LEAF, INT, LEAF_KEY = gen_o4vp.LEAF, gen_o4vp.INT, gen_o4vp.LEAF_KEY
SIGNER = gen_o4vp.Signer(LEAF_KEY, [LEAF, INT])
X509_HASH = "x509_hash:" + gen_o4vp.x509_hash(gen_o4vp.der(LEAF))


def leaf_signer(cert_name):
    """ac-leaf's key with another certificate of testvectors/pki/ (same key, other profile)."""
    return gen_o4vp.Signer(LEAF_KEY, [gen_o4vp.load_cert(os.path.join(gen_o4vp.FPKI, cert_name + ".pem")),
                                      INT])


def sdjwt(cid, claims=None, vct=(PID,), fmt="dc+sd-jwt", **extra):
    q = {"id": cid, "format": fmt, "meta": {"vct_values": list(vct)}}
    if claims is not None:
        q["claims"] = claims
    q.update(extra)
    return q


def mdocq(cid, claims=None, doctype=PID_NS, **extra):
    q = {"id": cid, "format": "mso_mdoc", "meta": {"doctype_value": doctype}}
    if claims is not None:
        q["claims"] = claims
    q.update(extra)
    return q


def params(creds, rc=None, sets=None, **changes):
    """Request parameters asking for creds (DCQL credential queries) and carrying rc."""
    dcql = {"credentials": creds}
    if sets is not None:
        dcql["credential_sets"] = sets
    p = {
        "client_id": "x509_san_dns:" + RP_HOST,
        "response_type": "vp_token",
        "response_mode": "direct_post",
        "response_uri": "https://rp.example.com/openid4vp/response",
        "nonce": "e2e-nonce-0001",
        "dcql_query": dcql,
        "verifier_info": [{"format": "registration_cert",
                           "data": (rc if rc is not None else RC_VALID).decode("ascii")}],
    }
    return patch(p, **changes)


def dc_api(creds, **changes):
    base = dict(response_mode="dc_api", response_uri=DEL, expected_origins=[ORIGIN, "https://www.rp.example.com"])
    base.update(changes)
    return params(creds, **base)


def request_object(payload, signer=SIGNER, hdr=None, sig=None, verify=True):
    h = gen_o4vp.header(signer) if hdr is None else hdr
    token = gen_o4vp.compact(h, payload, signer, sig=sig)
    if verify and sig is None:
        gen_o4vp.verify_with_joserfc(token, signer)
    return token.encode("ascii")


# ---------------------------------------------------------------------------------------------
# DeviceRequests

NONCE = "e2e-mdoc-nonce-0001"


def dcapi_transcript(nonce=NONCE):
    info = encode([ORIGIN, nonce, None])
    return encode([None, None, ["OpenID4VPDCAPIHandover", hashlib.sha256(info).digest()]])


TRANSCRIPT = dcapi_transcript()
READER = gen_mdoc.Reader("ac-leaf", ["ac-leaf", "ac-int"])
READER_WRONG_KEY = gen_mdoc.Reader("other-root", ["ac-leaf", "ac-int"])


class Doc:
    """One DocRequest: docType, {namespace: {element: intent}}, requestInfo."""

    def __init__(self, doc_type, name_spaces, rc=None, alternatives=None):
        self.doc_type, self.name_spaces = doc_type, name_spaces
        info = {}
        if rc is not None:
            info["euWrprc"] = rc
        if alternatives is not None:
            info["alternativeDataElements"] = alternatives
        self.alternatives = alternatives or []
        self.items = gen_mdoc.items_request(doc_type, name_spaces, info or None)

    def query(self, index):
        """The DocRequest as the contract reads it: a credential query of format mso_mdoc whose
        claims are every [namespace, element] and every alternative, once."""
        paths = []
        for ns, els in self.name_spaces.items():
            paths += [[ns, el] for el in els]
        for a in self.alternatives:
            paths.append(list(a["requestedElement"]))
            for s in a["alternativeElementSets"]:
                paths += [list(r) for r in s]
        unique = []
        for p in paths:
            if p not in unique:
                unique.append(p)
        return {"id": str(index), "format": "mso_mdoc", "meta": {"doctype_value": self.doc_type},
                "claims": [{"path": p} for p in unique]}


def device_request(docs, auth="each", reader=READER, transcript=TRANSCRIPT, version="1.0"):
    """auth: "each" (a readerAuth per DocRequest), "none", "all" (1.1 readerAuthAll), or a list
    of per-document choices (True/False)."""
    choice = [auth == "each"] * len(docs) if isinstance(auth, str) else auth
    out = []
    for d, signed in zip(docs, choice):
        sig = gen_mdoc.sign1(reader, gen_mdoc.reader_authentication(d.items, transcript),
                             check=reader is READER) if signed else None
        out.append(gen_mdoc.doc_request(d.items, sig))
    auth_all = None
    if auth == "all":
        auth_all = [gen_mdoc.sign1(reader, gen_mdoc.reader_authentication_all(
            [d.items for d in docs], None, transcript))]
    return gen_mdoc.device_request(out, version, None, auth_all)


# ---------------------------------------------------------------------------------------------
# Register responses

REG_PKI = gen_register.Pki()
REG_SIGNER = REG_PKI.signer("reg_signer")
ROGUE_REG_SIGNER = REG_PKI.signer("rogue_signer")


def reg_use(**changes):
    return gen_register.use(**dict({"credentials": REG_CREDS}, **changes))


def reg_party(**changes):
    return gen_register.rp(**dict({"intendedUse": [reg_use()]}, **changes))


def reg_jws(data, signer=REG_SIGNER, sig=None):
    hdr = {"alg": "ES256", "typ": "JWT", "x5c": signer.x5c()}
    body = gen_register.payload(data)
    return gen_register.compact(hdr, body, signer.key, signer.chain[0] if sig is None else None,
                                sig).encode("ascii")


# ---------------------------------------------------------------------------------------------
# The cases

class Cases:
    def __init__(self):
        self.files = {}
        self.lines = []
        self.batch_lines = []
        self.names = set()
        self.results = {}
        self.log_of = {}  # a log case: the case whose result it records
        self.stats = {"codes": set()}

    def put(self, rel, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        assert self.files.get(rel, data) == data, rel
        self.files[rel] = data
        return REL + rel

    def section(self, title):
        self.lines.append("# " + title)

    def add(self, name, request, args=(), base=True, fmt="json", findings=(), query=None,
            sources=None, rp=None, kind="openid4vp", warn=False, stdin=False, requested=None,
            ext=None, text_has=(), text_lacks=(), access_certificate=True, lang=None, html_has=(),
            html_lacks=(), stderr_has=()):
        """request: bytes (written to req/<name>.<ext>) or a path (str, used as it is).
        query: the credential queries for the oracle (None: nothing requested). sources: the
        coverage sources, default the registration certificate's RC_CREDS when rp is given.
        text_has / text_lacks: for a text case, strings the report must / must not hold; html_has /
        html_lacks the same for an html case; stderr_has: strings the standard error must hold."""
        assert name not in self.names, name
        self.names.add(name)
        if isinstance(request, bytes):
            if ext is None:
                ext = {"openid4vp": "jwt", "mdoc": "cbor"}[kind]
                if request.lstrip()[:1] == b"{":
                    ext = "json"
            path = self.put("req/%s.%s" % (name, ext), request)
        else:
            path = request
        argv = ["audit"] + (list(BASE) if base else []) + list(args)
        if warn:
            argv += ["--mode", "warn"]
        if fmt is not None:
            argv += ["--format", fmt]
        if lang is not None:
            argv += ["--lang", lang]
        findings = [dict(f) for f in findings]
        if sources is None:
            sources = [("rc", RC_CREDS)] if query is not None else []
        oracle = Oracle(query or [], [(SOURCES[s], cr) for s, cr in sources])
        mine = [f for f in findings if f["code"] in OVERASK_CODES]
        assert mine == oracle.findings, (name, mine, oracle.findings)
        if "--no-revocation" in argv:
            assert findings[-1]["code"] == "REVOCATION_SKIPPED", name
        verdict = verdict_of(findings, warn)
        result = {"verdict": verdict, "request_kind": kind,
                  "relying_party": relying_party(rp) if rp is not None else None,
                  "intermediary": intermediary_of(rp) if rp is not None else None,
                  "findings": findings,
                  "requested": oracle.requested if requested is None else requested}
        # The access certificate whenever the request carried one (a request that could not be
        # read carries none; access_certificate=False where the library cannot take it out).
        der = leaf_der(self.request_bytes(request), kind) if access_certificate and verdict != "error" else None
        if der is not None:
            verified = not any(f["code"].startswith("AC_") for f in findings)
            result["access_certificate"] = cert_summary(der, verified)
        if result["intermediary"] is not None and result["intermediary"]["name"] is None and der:
            # no name in the certificate: the access certificate's commonName
            from cryptography import x509
            from cryptography.x509.oid import NameOID
            cn = x509.load_der_x509_certificate(der).subject.get_attributes_for_oid(NameOID.COMMON_NAME)
            result["intermediary"]["name"] = cn[0].value if cn else None
        if lang is not None:
            result["display"] = display_of(result["relying_party"], lang)
        self.results[name] = copy.deepcopy(result)
        assert fmt != "json" or not (text_has or text_lacks), name
        assert fmt == "html" or not (html_has or html_lacks), name
        if text_has:
            result["text_has"] = list(text_has)
        if text_lacks:
            result["text_lacks"] = list(text_lacks)
        if html_has:
            result["html_has"] = list(html_has)
        if html_lacks:
            result["html_lacks"] = list(html_lacks)
        if stderr_has:
            result["stderr_has"] = list(stderr_has)
        self.put("expected/%s.json" % name, json.dumps(result, indent=1) + "\n")
        if stdin:
            argv.append("-")
        else:
            argv.append(path)
        for a in argv:
            assert a and not any(ch in a for ch in " \t'\"\\$`;&|<>()*?!#~{}[]"), (name, a)
        check = fmt if fmt in ("json", "html") else "text"  # text is the default format
        self.lines.append("\t".join([name, str(EXIT[verdict]), check, path if stdin else "-",
                                     " ".join(argv)]))
        self.stats["codes"].update(f["code"] for f in findings)

    def request_bytes(self, request):
        """A request given as bytes, or as a path: one this run writes, else the file."""
        if isinstance(request, bytes):
            return request
        if request.startswith(REL) and request[len(REL):] in self.files:
            return self.files[request[len(REL):]]
        with open(os.path.join(ROOT, request), "rb") as f:
            return f.read()

    def batch(self, name, lines, args=()):
        """A JSON Lines batch (batch/<name>.jsonl), lines [(object or raw text, expected)]: expected
        is the name of a case whose result the line must give (its `request` the line's path as the
        CLI resolves it), or an int N: the line is unusable, INPUT_UNREADABLE named "line N"."""
        assert name not in self.names, name
        self.names.add(name)
        texts, results = [], []
        for obj, want in lines:
            texts.append(obj if isinstance(obj, str) else json.dumps(obj, separators=(",", ":")))
            if isinstance(want, int):
                results.append({"request": "line %d" % want, "verdict": "error", "request_kind": None,
                                "relying_party": None, "intermediary": None,
                                "findings": [{"code": "INPUT_UNREADABLE", "severity": "error"}],
                                "requested": []})
                self.stats["codes"].add("INPUT_UNREADABLE")
            else:
                r = copy.deepcopy(self.results[want])
                results.append(dict({"request": REL + "batch/" + obj["request"]}, **r))
        batch = self.put("batch/%s.jsonl" % name, "\n".join(texts) + "\n")
        summary = {"requests": len(results),
                   "verdicts": {k: sum(1 for r in results if r["verdict"] == k)
                                for k in ("allow", "warn", "deny", "error")},
                   "codes": {}}
        for r in results:
            for f in r["findings"]:
                summary["codes"][f["code"]] = summary["codes"].get(f["code"], 0) + 1
        verdicts = {r["verdict"] for r in results}
        status = next((EXIT[v] for v in ("error", "deny", "warn") if v in verdicts), 0)
        self.put("expected/%s.json" % name,
                 json.dumps({"results": results, "summary": summary}, indent=1) + "\n")
        argv = ["audit"] + list(BASE) + list(args) + ["--format", "json", "--batch", batch]
        for a in argv:
            assert a and not any(ch in a for ch in " \t'\"\\$`;&|<>()*?!#~{}[]"), (name, a)
        self.batch_lines.append("\t".join([name, str(status), "batch", "-", " ".join(argv)]))

    def log(self, name, based_on, party):
        """`--format log` of the case based_on (the same request and arguments): the TS10 record
        log_record() derives from that case's expected result. party: whether the judgement
        verified the whole relying party (request signer, access certificate, registration
        certificate), the only case in which the record names it."""
        assert name not in self.names, name
        self.names.add(name)
        line = next(x for x in self.lines if x.split("\t")[0] == based_on)
        _, status, check, stdin, args = line.split("\t")
        assert check == "json" and " --format json " in args, based_on
        record = log_record(self.results[based_on], party)
        self.results[name] = record
        self.log_of[name] = based_on
        self.put("expected/%s.json" % name, json.dumps(record, indent=1, ensure_ascii=False) + "\n")
        self.lines.append("\t".join([name, status, "log", stdin,
                                     args.replace(" --format json ", " --format log ")]))

    def log_unreadable(self, name, request, args, why):
        """`--format log` when an input cannot be used: nothing judged, nobody named; why is the
        CLI's reason (INPUT_UNREADABLE)."""
        assert name not in self.names, name
        self.names.add(name)
        result = {"verdict": "error", "relying_party": None, "intermediary": None, "requested": [],
                  "findings": [{"code": "INPUT_UNREADABLE", "severity": "error"}]}
        record = log_record(result, False)
        record["reasonOfNoncompletion"] = record["reasonOfNoncompletion"][:-1] + ": " + why + ")"
        self.put("expected/%s.json" % name, json.dumps(record, indent=1, ensure_ascii=False) + "\n")
        self.lines.append("\t".join([name, "2", "log", "-",
                                     " ".join(["audit"] + list(BASE) + list(args) + ["--format", "log", request])]))
        self.stats["codes"].add("INPUT_UNREADABLE")

    def batch_log(self, name, lines):
        """A batch in the log format: lines [(object, log case)], each result line
        {"request", "presentation": the log case's record}, then the summary as for a json batch."""
        assert name not in self.names, name
        self.names.add(name)
        texts, results, summary = [], [], {"requests": len(lines), "codes": {},
                                           "verdicts": dict.fromkeys(("allow", "warn", "deny", "error"), 0)}
        worst = 0
        for obj, case in lines:
            texts.append(json.dumps(obj, separators=(",", ":")))
            results.append({"request": REL + "batch/" + obj["request"], "presentation": self.results[case]})
            based = self.results[self.log_of[case]]
            summary["verdicts"][based["verdict"]] += 1
            for f in based["findings"]:
                summary["codes"][f["code"]] = summary["codes"].get(f["code"], 0) + 1
            worst = max(worst, ("allow", "warn", "deny", "error").index(based["verdict"]))
        batch = self.put("batch/%s.jsonl" % name, "\n".join(texts) + "\n")
        self.put("expected/%s.json" % name,
                 json.dumps({"results": results, "summary": summary}, indent=1, ensure_ascii=False) + "\n")
        argv = ["audit"] + list(BASE) + ["--format", "log", "--batch", batch]
        status = EXIT[("allow", "warn", "deny", "error")[worst]]
        self.batch_lines.append("\t".join([name, str(status), "batch-log", "-", " ".join(argv)]))

    def usage(self, name, args, stderr_has=()):
        """A usage error: exit 64, nothing on stdout, and stderr_has in its message."""
        assert name not in self.names, name
        self.names.add(name)
        if stderr_has:
            self.put("expected/%s.json" % name, json.dumps({"stderr_has": list(stderr_has)}, indent=1) + "\n")
        for a in args:
            assert a and not any(ch in a for ch in " \t'\"\\$`;&|<>()*?!#~{}[]"), (name, a)
        self.lines.append("\t".join([name, "64", "usage", "-", " ".join(args)]))

    def unreadable(self, name, request, args, kind=None, fmt="json", text_has=(), stderr_has=()):
        """An input that cannot be read or used: verdict error, one INPUT_UNREADABLE finding; for a
        text case, text_has in the report; stderr_has in the standard error."""
        assert name not in self.names, name
        self.names.add(name)
        findings = [{"code": "INPUT_UNREADABLE", "severity": "error"}]
        result = {"verdict": "error", "request_kind": kind, "relying_party": None, "intermediary": None,
                  "findings": findings, "requested": []}
        assert fmt != "json" or not text_has, name
        if text_has:
            result["text_has"] = list(text_has)
        if stderr_has:
            result["stderr_has"] = list(stderr_has)
        self.put("expected/%s.json" % name, json.dumps(result, indent=1) + "\n")
        self.lines.append("\t".join([name, "2", fmt, "-",
                                     " ".join(["audit"] + list(BASE) + list(args) +
                                              ["--format", fmt, request])]))
        self.stats["codes"].add("INPUT_UNREADABLE")


RC_VALID = rc_jwt()
RC_PAYLOAD = rc_payload()


def build(v):
    put = v.put
    rc_valid = put("rc/valid.jwt", RC_VALID)
    put("rc/valid.cwt", rc_cwt())
    P = RC_PAYLOAD
    pid_ok = [sdjwt("pid", [c("given_name"), c("family_name")])]

    # -----------------------------------------------------------------------------------------
    v.section("allowed requests")
    v.add("allow-basic", request_object(params(pid_ok)), query=pid_ok, rp=P)
    v.add("allow-x509-hash", request_object(params(pid_ok, client_id=X509_HASH)), query=pid_ok, rp=P)
    rc_cwt_b64 = gen_o4vp.b64u(rc_cwt())
    req = params(pid_ok, verifier_info=[{"format": "registration_cert", "data": rc_cwt_b64}])
    v.add("allow-rc-cwt-base64url", request_object(req), query=pid_ok, rp=P)
    req = params(pid_ok, verifier_info=[{"format": "registration_cert",
                                         "data": gen_o4vp.b64u(RC_VALID)}])
    v.add("allow-rc-jwt-base64url", request_object(req), query=pid_ok, rp=P)
    env = jdump({"request": request_object(dc_api(pid_ok)).decode()})
    v.add("allow-dc-api-envelope", env, args=["--origin", ORIGIN], query=pid_ok, rp=P)
    v.add("allow-no-revocation", request_object(params(pid_ok)), base=False,
          args=["--ac-anchors", AC_ANCHORS, "--rc-anchors", RC_ANCHORS, "--time", str(T),
                "--no-revocation"],
          query=pid_ok, rp=P, findings=[F("REVOCATION_SKIPPED")])
    v.add("allow-anchor-intermediate", request_object(params(pid_ok)), base=False,
          args=["--ac-anchors", "testvectors/pki/ac-int.pem", "--crl", CRL, "--rc-anchors", RC_ANCHORS,
                "--status-list", STATUS, "--time", str(T)], query=pid_ok, rp=P)
    many = [sdjwt("pid", [c("given_name"), c("address", "street_address")]),
            mdocq("pid_mdoc", [c(PID_NS, "age_over_18")]),
            sdjwt("loyalty", vct=[LOYALTY]),
            {"id": "degree", "format": "jwt_vc_json",
             "meta": {"type_values": [list(reversed(DEGREE))]},
             "claims": [c("credentialSubject", "degree")]}]
    v.add("allow-every-format", request_object(params(many)), query=many, rp=P)

    # -----------------------------------------------------------------------------------------
    v.section("coverage rules, DCQL dc+sd-jwt")

    def cov(name, creds, findings=(), **kw):
        v.add(name, request_object(params(creds)), query=creds, rp=P, findings=findings, **kw)

    q = [sdjwt("pid", [c("address", "street_address"), c("address", "locality")])]
    cov("rule4-parent-covers-child", q)
    q = [sdjwt("pid", [c("residence")])]
    cov("rule4-child-not-parent", q, [OA("pid", PID, "residence")])
    q = [sdjwt("pid", [c("nationalities", 0), c("nationalities", 2)])]
    cov("rule4-null-covers-index", q)
    q = [sdjwt("pid", [c("nationalities", None)])]
    cov("rule4-null-covers-null", q)
    q = [sdjwt("pid", [c("previous_names", None)])]
    cov("rule4-index-not-null", q, [OA("pid", PID, "previous_names", None)])
    q = [sdjwt("pid", [c("previous_names", 0)])]
    cov("rule4-index-covers-same-index", q)
    q = [sdjwt("pid", [c("previous_names", 1)])]
    cov("rule4-index-not-other-index", q, [OA("pid", PID, "previous_names", 1)])
    q = [sdjwt("pid", [c("age_equal_or_over", "18", values=[True])])]
    cov("rule5-values-true", q)
    q = [sdjwt("pid", [c("age_equal_or_over", "18", values=[1])])]
    cov("rule5-values-1-not-true", q, [OA("pid", PID, "age_equal_or_over", "18")])
    q = [sdjwt("pid", [c("age_in_years", values=[18])])]
    cov("rule5-values-18", q)
    q = [sdjwt("pid", [c("age_in_years", values=["18"])])]
    cov("rule5-values-string-18-not-18", q, [OA("pid", PID, "age_in_years")])
    q = [sdjwt("pid", [c("age_in_years", values=[21, 18])])]
    cov("rule5-values-all-among", q)
    q = [sdjwt("pid", [c("age_in_years", values=[18, 30])])]
    cov("rule5-values-one-outside", q, [OA("pid", PID, "age_in_years")])
    q = [sdjwt("pid", [c("age_in_years")])]
    cov("rule5-no-values-not-covered", q, [OA("pid", PID, "age_in_years")])
    q = [sdjwt("pid", [c("place_of_birth", "country", values=["NL"])])]
    cov("rule5-string-values", q)
    q = [sdjwt("pid", [c("place_of_birth", values=["NL"])])]
    cov("rule5-values-path-must-be-equal", q, [OA("pid", PID, "place_of_birth")])
    q = [sdjwt("pid", [c("given_name"), c("family_name"), c("address")])]
    cov("rule2-entries-add-up", q)
    q = [sdjwt("pid", [c("given_name"), c("birth_date"), c("tax_id")])]
    cov("rule6-one-finding-per-path", q, [OA("pid", PID, "birth_date"), OA("pid", PID, "tax_id")])
    q = [sdjwt("pid", [c("given_name"), c("birth_date")], vct=(PID, PID))]
    cov("rule6-type-listed-twice-one-finding", q, [OA("pid", PID, "birth_date")])
    q = [sdjwt("pid", [c("given_name", cid="a"), c("birth_date", cid="b")],
               claim_sets=[["a"], ["b"]])]
    cov("rule3-claim-sets-all-count", q, [OA("pid", PID, "birth_date")])
    q = [sdjwt("pid", [c("given_name", cid="a"), c("family_name", cid="b")],
               claim_sets=[["a", "b"], ["a"]])]
    cov("rule3-claim-sets-registered", q)
    q = [sdjwt("loyalty", vct=[LOYALTY])]
    cov("rule3-whole-credential-allowed", q)
    q = [sdjwt("loyalty", [c("points"), c("member", "since")], vct=[LOYALTY])]
    cov("rule1-no-claim-list-every-claim", q)
    q = [sdjwt("pid")]
    cov("rule3-whole-credential-overask", q, [OA("pid", PID)])
    q = [sdjwt("pid", [c("given_name")], vct=[PID, "urn:example:unregistered:1"])]
    cov("rule2-overask-credential-by-type", q,
        [OAC("pid", "urn:example:unregistered:1")])
    q = [sdjwt("other", [c("given_name")], vct=["urn:example:unregistered:1"])]
    cov("rule2-overask-credential-only-type", q, [OAC("other", "urn:example:unregistered:1")])
    q = [sdjwt("pid", [c("given_name")], fmt="vc+sd-jwt")]
    cov("rule2-overask-credential-by-format", q, [OAC("pid", PID)])
    q = [{"id": "degree", "format": "jwt_vc_json", "meta": {"type_values": [DEGREE]},
          "claims": [c("credentialSubject", "degree")]}]
    cov("rule1-type-values-set", q)
    q = [{"id": "degree", "format": "jwt_vc_json",
          "meta": {"type_values": [["VerifiableCredential"]]},
          "claims": [c("credentialSubject", "degree")]}]
    cov("rule1-type-values-other-set", q, [OAC("degree", type_key(["VerifiableCredential"]))])
    q = [{"id": "x", "format": "ldp_vc", "meta": {"type_values": [DEGREE]}}]
    cov("rule2-ldp-vc-not-registered", q, [OAC("x", type_key(DEGREE))])
    q = [sdjwt("pid", [c("given_name")]), sdjwt("pid2", [c("tax_id")])]
    cov("rule6-two-queries", q, [OA("pid2", PID, "tax_id")])
    q = [sdjwt("both", [c("given_name")], vct=[PID, LOYALTY])]
    cov("rule2-each-type-on-its-own", q)
    q = [sdjwt("both", [c("points")], vct=[PID, LOYALTY])]
    cov("rule2-each-type-overask", q, [OA("both", PID, "points")])
    q = [{"id": "x", "format": "jwt_vc", "meta": {"anything": 1}, "claims": [c("given_name")]}]
    cov("rule2-format-without-types", q, [OAC("x")])
    empty = rc_payload(credentials=[entry("dc+sd-jwt", [PID], [])])
    q = [sdjwt("pid", [c("given_name")]), sdjwt("whole")]
    v.add("rule1-empty-claim-list-registers-none", request_object(params(q, rc=rc_jwt(empty))),
          query=q, rp=empty, sources=[("rc", empty["credentials"])],
          findings=[OA("pid", PID, "given_name"), OA("whole", PID)])
    none = rc_payload(credentials=DEL)
    v.add("rule1-no-credentials-registers-nothing", request_object(params(pid_ok, rc=rc_jwt(none))),
          query=pid_ok, rp=none, sources=[("rc", [])], findings=[OAC("pid", PID)])

    # -----------------------------------------------------------------------------------------
    v.section("coverage rules, DCQL mso_mdoc")
    q = [mdocq("m", [c(PID_NS, "age_over_18"), c(PID_NS, "family_name")])]
    cov("mdoc-dcql-entries-add-up", q)
    q = [mdocq("m", [c(PID_NS, "birth_date")])]
    cov("mdoc-dcql-overask", q, [OA("m", PID_NS, PID_NS, "birth_date")])
    q = [mdocq("m", [c(PID_NS, "age_in_years", values=[18])])]
    cov("mdoc-dcql-values-18", q)
    q = [mdocq("m", [c(PID_NS, "age_in_years", values=["18"])])]
    cov("mdoc-dcql-values-string-18", q, [OA("m", PID_NS, PID_NS, "age_in_years")])
    q = [mdocq("m", [c(PID_NS, "age_in_years")])]
    cov("mdoc-dcql-values-required", q, [OA("m", PID_NS, PID_NS, "age_in_years")])
    q = [mdocq("m", [c(PID_NS, "age_over_21", values=[True])])]
    cov("mdoc-dcql-values-true", q)
    q = [mdocq("m", [c(PID_NS, "age_over_21", values=[1])])]
    cov("mdoc-dcql-values-1-not-true", q, [OA("m", PID_NS, PID_NS, "age_over_21")])
    q = [mdocq("mdl", doctype=MDL)]
    cov("mdoc-dcql-whole-credential-allowed", q)
    q = [mdocq("m")]
    cov("mdoc-dcql-whole-credential-overask", q, [OA("m", PID_NS)])
    q = [mdocq("mdl", [c(MDL_NS, "portrait"), c(MDL_NS, "driving_privileges")], doctype=MDL)]
    cov("mdoc-dcql-no-claim-list", q)
    q = [mdocq("m", [c("org.example.ns", "x")], doctype="org.example.unregistered")]
    cov("mdoc-dcql-overask-credential-by-type", q, [OAC("m", "org.example.unregistered")])
    q = [mdocq("m", [c(LOYALTY, "points")], doctype=LOYALTY)]
    cov("mdoc-dcql-overask-credential-by-format", q, [OAC("m", LOYALTY)])
    q = [mdocq("m", [c(PID_NS, "age_over_18", cid="a"), c(PID_NS, "birth_date", cid="b")],
               claim_sets=[["a"], ["b"]])]
    cov("mdoc-dcql-claim-sets-all-count", q, [OA("m", PID_NS, PID_NS, "birth_date")])
    q = [mdocq("m", [c(PID_NS, "age_over_18", cid="a"), c(PID_NS, "family_name", cid="b")],
               claim_sets=[["a"], ["a", "b"]])]
    cov("mdoc-dcql-claim-sets-registered", q)

    # -----------------------------------------------------------------------------------------
    v.section("--mode warn")
    q = [sdjwt("pid", [c("given_name"), c("birth_date")])]
    cov("warn-overask-only", q, [OA("pid", PID, "birth_date")], warn=True)
    q = [sdjwt("pid", [c("given_name")], vct=[PID, "urn:example:unregistered:1"])]
    cov("warn-overask-credential-only", q, [OAC("pid", "urn:example:unregistered:1")], warn=True)
    q = [sdjwt("pid", [c("given_name")])]
    cov("warn-nothing-to-warn", q, warn=True)
    q = [sdjwt("pid", [c("given_name"), c("birth_date")])]
    v.add("warn-overask-and-ac-error", request_object(params(q)), query=q, rp=P, warn=True,
          base=False, args=["--ac-anchors", AC_ANCHORS, "--rc-anchors", RC_ANCHORS,
                            "--status-list", STATUS, "--time", str(T)],
          findings=[F("AC_REVOCATION_UNKNOWN"), OA("pid", PID, "birth_date")])
    unsigned = jdump(patch(params(q), response_mode="dc_api", response_uri=DEL, client_id=DEL))
    v.add("warn-unsigned-denied", unsigned, query=q, rp=P, warn=True,
          findings=[F("REQUEST_UNSIGNED"), OA("pid", PID, "birth_date")])
    v.add("warn-overask-text", request_object(params(q)), query=q, rp=P, warn=True, fmt="text",
          findings=[OA("pid", PID, "birth_date")])
    v.add("warn-overask-and-warnings", REL + "req/warn-overask-only.jwt", base=False, warn=True,
          args=["--ac-anchors", AC_ANCHORS, "--rc-anchors", RC_ANCHORS, "--time", str(T),
                "--no-revocation"], query=q, rp=P,
          findings=[OA("pid", PID, "birth_date"), F("REVOCATION_SKIPPED")])
    v.add("warn-overask-and-rc-error", request_object(params(q, rc=rc_jwt(rc_payload(exp=T - DAY)))),
          query=q, rp=rc_payload(exp=T - DAY), warn=True,
          findings=[F("RC_EXPIRED"), OA("pid", PID, "birth_date")])

    # -----------------------------------------------------------------------------------------
    v.section("request findings (OpenID4VP)")
    v.add("request-malformed-not-a-request", b"this is not a request\n", ext="txt",
          findings=[F("REQUEST_MALFORMED")], requested=[])
    good = request_object(params(pid_ok)).decode()
    h, p, s = good.split(".")
    v.add("request-malformed-bad-base64url", ("%s.%s=.%s" % (h, p, s)).encode(),
          findings=[F("REQUEST_MALFORMED")], requested=[])
    dup = jdump(params(pid_ok))[:-1] + b',"nonce":"other"}'
    v.add("request-malformed-duplicate-member",
          gen_o4vp.compact(gen_o4vp.header(SIGNER), dup, SIGNER).encode(),
          findings=[F("REQUEST_MALFORMED")], requested=[])
    v.add("request-malformed-payload-array",
          gen_o4vp.compact(gen_o4vp.header(SIGNER), b"[]", SIGNER).encode(),
          findings=[F("REQUEST_MALFORMED")], requested=[])
    v.add("request-typ-jwt", request_object(params(pid_ok), hdr=gen_o4vp.header(SIGNER, typ="JWT")),
          query=pid_ok, rp=P, findings=[F("REQUEST_TYP")])
    v.add("request-typ-absent", request_object(params(pid_ok), hdr=gen_o4vp.header(SIGNER, typ=DEL)),
          query=pid_ok, rp=P, findings=[F("REQUEST_TYP")])
    v.add("request-alg-none",
          request_object(params(pid_ok), hdr=gen_o4vp.header(SIGNER, alg="none"), sig=b""),
          query=pid_ok, rp=P, findings=[F("REQUEST_ALG"), F("REQUEST_SIGNATURE")])
    v.add("request-alg-hs256",
          request_object(params(pid_ok), hdr=gen_o4vp.header(SIGNER, alg="HS256"),
                         sig=hashlib.sha256(b"secret").digest()),
          query=pid_ok, rp=P, findings=[F("REQUEST_ALG"), F("REQUEST_SIGNATURE")])
    sig = bytearray(gen_o4vp.base64.urlsafe_b64decode(s + "=="))
    sig[5] ^= 1
    v.add("request-signature-flipped", ("%s.%s.%s" % (h, p, gen_o4vp.b64u(bytes(sig)))).encode(),
          query=pid_ok, rp=P, findings=[F("REQUEST_SIGNATURE")])
    other = gen_o4vp.Signer(gen_o4vp.OTHER_KEY, [LEAF, INT])
    v.add("request-signature-other-key", request_object(params(pid_ok), signer=other, verify=False),
          query=pid_ok, rp=P, findings=[F("REQUEST_SIGNATURE")])
    unsigned = jdump(patch(params(pid_ok), response_mode="dc_api", response_uri=DEL, client_id=DEL))
    v.add("request-unsigned", unsigned, query=pid_ok, rp=P, findings=[F("REQUEST_UNSIGNED")])
    # Request parameters beyond the contract: REQUEST_PARAMETER, not REQUEST_MALFORMED (which the
    # contract keeps for a request that cannot be read). The nonce denies; where the response
    # goes is a warning; an absent response_mode is not judged.
    for name, changes in [("nonce-absent", dict(nonce=DEL)), ("nonce-base64", dict(nonce="bm9uY2U+/w=="))]:
        v.add("request-parameter-" + name, request_object(params(pid_ok, **changes)), query=pid_ok, rp=P,
              findings=[F("REQUEST_PARAMETER", severity="error")])
    v.add("request-parameter-response-mode-absent", request_object(params(pid_ok, response_mode=DEL)),
          query=pid_ok, rp=P)
    for name, changes in [("response-mode-unknown", dict(response_mode="form_post")),
                          ("response-uri-http-with-hash", dict(client_id=X509_HASH,
                                                               response_uri="http://rp.example.com/r"))]:
        v.add("request-parameter-" + name, request_object(params(pid_ok, **changes)), query=pid_ok, rp=P,
              findings=[F("REQUEST_PARAMETER")])
    v.add("request-parameter-response-uri-http-with-san",
          request_object(params(pid_ok, response_uri="http://rp.example.com/r")), query=pid_ok, rp=P,
          findings=[F("CLIENT_ID_MISMATCH"), F("REQUEST_PARAMETER")])
    v.add("client-id-mismatch-hash",
          request_object(params(pid_ok, client_id="x509_hash:" + gen_o4vp.x509_hash(gen_o4vp.der(INT)))),
          query=pid_ok, rp=P, findings=[F("CLIENT_ID_MISMATCH")])
    v.add("client-id-mismatch-san",
          request_object(params(pid_ok, client_id="x509_san_dns:other.example.com",
                                response_uri="https://other.example.com/response")),
          query=pid_ok, rp=P, findings=[F("CLIENT_ID_MISMATCH")])
    v.add("client-id-mismatch-response-uri",
          request_object(params(pid_ok, response_uri="https://evil.example.com/response")),
          query=pid_ok, rp=P, findings=[F("CLIENT_ID_MISMATCH")])
    v.add("client-id-san-case-insensitive",
          request_object(params(pid_ok, client_id="x509_san_dns:RP.Example.COM")),
          query=pid_ok, rp=P)
    v.add("client-id-prefix-none", request_object(params(pid_ok, client_id=RP_HOST)),
          query=pid_ok, rp=P, findings=[F("CLIENT_ID_PREFIX")])
    v.add("client-id-prefix-redirect-uri",
          request_object(params(pid_ok, client_id="redirect_uri:https://rp.example.com/openid4vp/response")),
          query=pid_ok, rp=P, findings=[F("CLIENT_ID_PREFIX")])
    v.add("client-id-prefix-scheme",
          request_object(params(pid_ok, client_id=RP_HOST, client_id_scheme="x509_san_dns")),
          query=pid_ok, rp=P, findings=[F("CLIENT_ID_PREFIX"), F("CLIENT_ID_PREFIX")])
    v.add("origin-match", request_object(dc_api(pid_ok)), args=["--origin", ORIGIN], query=pid_ok, rp=P)
    v.add("origin-second", request_object(dc_api(pid_ok)), args=["--origin", "https://www.rp.example.com"],
          query=pid_ok, rp=P)
    v.add("origin-mismatch", request_object(dc_api(pid_ok)), args=["--origin", "https://evil.example.com"],
          query=pid_ok, rp=P, findings=[F("ORIGIN_MISMATCH")])
    v.add("origin-mismatch-envelope", env, args=["--origin", "https://evil.example.com"],
          query=pid_ok, rp=P, findings=[F("ORIGIN_MISMATCH")])
    v.add("origin-none-given-expected-origins-present", REL + "req/origin-match.jwt", query=pid_ok, rp=P,
          findings=[F("ORIGIN_MISMATCH")])
    # Appendix A.2 as contract v1.1 reads it: an origin given means that the request came through
    # the DC API, so a signed request must carry expected_origins holding it; one in the envelope or
    # answered through the API (response_mode dc_api, dc_api.jwt) must carry them, origin or not.
    v.add("origin-given-without-expected-origins", REL + "req/allow-basic.jwt", args=["--origin", ORIGIN],
          query=pid_ok, rp=P, findings=[F("ORIGIN_MISMATCH")])
    v.add("origin-given-other-without-expected-origins", REL + "req/allow-basic.jwt",
          args=["--origin", "https://evil.example"], query=pid_ok, rp=P, findings=[F("ORIGIN_MISMATCH")])
    v.add("origin-dc-api-without-expected-origins",
          request_object(dc_api(pid_ok, expected_origins=DEL)), args=["--origin", "https://evil.example.com"],
          query=pid_ok, rp=P, findings=[F("ORIGIN_MISMATCH")])
    v.add("origin-dc-api-without-expected-origins-no-origin", REL + "req/origin-dc-api-without-expected-origins.jwt",
          query=pid_ok, rp=P, findings=[F("ORIGIN_MISMATCH")])
    v.add("origin-dc-api-jwt-without-expected-origins-no-origin",
          request_object(dc_api(pid_ok, response_mode="dc_api.jwt", expected_origins=DEL)),
          query=pid_ok, rp=P, findings=[F("ORIGIN_MISMATCH")])
    # the envelope around a request that names no origins (its response_mode direct_post)
    plain_env = jdump({"request": request_object(params(pid_ok)).decode()})
    v.add("origin-envelope-without-expected-origins", plain_env, args=["--origin", "https://evil.example"],
          query=pid_ok, rp=P, findings=[F("ORIGIN_MISMATCH")])
    v.add("origin-envelope-without-expected-origins-no-origin",
          REL + "req/origin-envelope-without-expected-origins.json", query=pid_ok, rp=P,
          findings=[F("ORIGIN_MISMATCH")])
    # the envelope's own members are not the request's: expected_origins beside the JWS counts for nothing
    outer_env = jdump({"request": request_object(params(pid_ok)).decode(), "expected_origins": [ORIGIN]})
    v.add("origin-envelope-outer-expected-origins-ignored", outer_env, args=["--origin", ORIGIN],
          query=pid_ok, rp=P, findings=[F("ORIGIN_MISMATCH")])
    v.add("origin-envelope-no-origin-given", REL + "req/allow-dc-api-envelope.json", query=pid_ok, rp=P,
          findings=[F("ORIGIN_MISMATCH")])
    # expected_origins in a request answered elsewhere (direct_post): checked all the same
    eo_post = request_object(params(pid_ok, expected_origins=[ORIGIN]))
    v.add("origin-expected-origins-direct-post-no-origin", eo_post, query=pid_ok, rp=P,
          findings=[F("ORIGIN_MISMATCH")])
    v.add("origin-expected-origins-direct-post-match", REL + "req/origin-expected-origins-direct-post-no-origin.jwt",
          args=["--origin", ORIGIN], query=pid_ok, rp=P)
    v.add("origin-envelope-direct-post-match", jdump({"request": eo_post.decode()}), args=["--origin", ORIGIN],
          query=pid_ok, rp=P)

    def dcql_invalid(name, dcql, **changes):
        v.add(name, request_object(params(pid_ok, dcql_query=dcql, **changes)), rp=P,
              findings=[F("DCQL_INVALID")], requested=[])

    dcql_invalid("dcql-absent", DEL)
    # contract v1.1: scope beside dcql_query, whatever its JSON type, is DCQL_INVALID; the query is
    # still read, so what it asks is listed; only the empty string is no scope
    for kind, scope in [("null", None), ("true", True), ("false", False), ("number", 1), ("zero", 0),
                        ("array", [PID_NS]), ("empty-array", []), ("object", {"pid": True}),
                        ("empty-object", {}), ("string", "openid " + PID_NS), ("space", " ")]:
        v.add("dcql-and-scope-" + kind, request_object(params(pid_ok, scope=scope)), query=pid_ok, rp=P,
              findings=[F("DCQL_INVALID")])
    v.add("dcql-and-scope-empty-string", request_object(params(pid_ok, scope="")), query=pid_ok, rp=P)
    dcql_invalid("dcql-scope-only", DEL, scope="openid eu.europa.ec.eudi.pid.1")
    dcql_invalid("dcql-presentation-definition", DEL,
                 presentation_definition={"id": "pd", "input_descriptors": []})
    dcql_invalid("dcql-no-credentials", {"credentials": []})
    dcql_invalid("dcql-bad-id", {"credentials": [sdjwt("p i d", [c("given_name")])]})
    dcql_invalid("dcql-duplicate-id", {"credentials": [sdjwt("pid", [c("given_name")]),
                                                       sdjwt("pid", [c("family_name")])]})
    dcql_invalid("dcql-no-meta", {"credentials": [patch(sdjwt("pid", [c("given_name")]), meta=DEL)]})
    dcql_invalid("dcql-vct-values-empty", {"credentials": [sdjwt("pid", [c("given_name")], vct=[])]})
    dcql_invalid("dcql-doctype-number", {"credentials": [mdocq("m", [c(PID_NS, "x")], doctype=1)]})
    dcql_invalid("dcql-type-values-strings",
                 {"credentials": [{"id": "d", "format": "jwt_vc_json",
                                   "meta": {"type_values": ["VerifiableCredential"]}}]})
    dcql_invalid("dcql-mdoc-path-three", {"credentials": [mdocq("m", [c(PID_NS, "a", "b")])]})
    dcql_invalid("dcql-mdoc-path-index", {"credentials": [mdocq("m", [c(PID_NS, 0)])]})
    dcql_invalid("dcql-path-empty", {"credentials": [sdjwt("pid", [c()])]})
    dcql_invalid("dcql-path-negative", {"credentials": [sdjwt("pid", [c("nationalities", -1)])]})
    dcql_invalid("dcql-path-boolean", {"credentials": [sdjwt("pid", [c("nationalities", True)])]})
    dcql_invalid("dcql-values-float", {"credentials": [sdjwt("pid", [c("age_in_years", values=[18.5])])]})
    # an integer is written as one: 18.0 and 1.0 are not integers, however they round
    dcql_invalid("dcql-values-integral-float",
                 {"credentials": [sdjwt("pid", [c("age_in_years", values=[18.0])])]})
    dcql_invalid("dcql-path-integral-float", {"credentials": [sdjwt("pid", [c("nationalities", 1.0)])]})
    dcql_invalid("dcql-values-null", {"credentials": [sdjwt("pid", [c("age_in_years", values=[None])])]})
    dcql_invalid("dcql-values-object", {"credentials": [sdjwt("pid", [c("age_in_years", values=[{}])])]})
    dcql_invalid("dcql-multiple-string", {"credentials": [sdjwt("pid", [c("given_name")], multiple="yes")]})
    dcql_invalid("dcql-holder-binding-number",
                 {"credentials": [sdjwt("pid", [c("given_name")], require_cryptographic_holder_binding=1)]})
    dcql_invalid("dcql-trusted-authorities-object",
                 {"credentials": [sdjwt("pid", [c("given_name")], trusted_authorities={"type": "aki"})]})
    dcql_invalid("dcql-claim-sets-without-claims",
                 {"credentials": [sdjwt("pid", claim_sets=[["a"]])]})
    dcql_invalid("dcql-claim-sets-unknown-id",
                 {"credentials": [sdjwt("pid", [c("given_name", cid="a")], claim_sets=[["b"]])]})
    dcql_invalid("dcql-credential-sets-unknown-id",
                 {"credentials": [sdjwt("pid", [c("given_name")])], "credential_sets": [{"options": [["x"]]}]})
    dcql_invalid("dcql-required-string",
                 {"credentials": [sdjwt("pid", [c("given_name")])],
                  "credential_sets": [{"options": [["pid"]], "required": "true"}]})
    td = gen_o4vp.b64u(jdump({"type": TX_TYPE, "credential_ids": ["pid"], "amount": "10.00"}))
    v.add("tx-data-type-handled", request_object(params(pid_ok, transaction_data=[td])),
          args=["--transaction-data-type", TX_TYPE], query=pid_ok, rp=P)
    v.add("tx-data-type-second-flag", request_object(params(pid_ok, transaction_data=[td])),
          args=["--transaction-data-type", "urn:other", "--transaction-data-type", TX_TYPE],
          query=pid_ok, rp=P)
    v.add("tx-data-type-not-handled", request_object(params(pid_ok, transaction_data=[td])),
          query=pid_ok, rp=P, findings=[F("TRANSACTION_DATA_UNSUPPORTED")])
    v.add("tx-data-type-other", request_object(params(pid_ok, transaction_data=[td])),
          args=["--transaction-data-type", "urn:other"],
          query=pid_ok, rp=P, findings=[F("TRANSACTION_DATA_UNSUPPORTED")])
    bad_ids = gen_o4vp.b64u(jdump({"type": TX_TYPE, "credential_ids": ["passport"]}))
    v.add("tx-data-unknown-credential-id", request_object(params(pid_ok, transaction_data=[bad_ids])),
          args=["--transaction-data-type", TX_TYPE], query=pid_ok, rp=P,
          findings=[F("TRANSACTION_DATA_UNSUPPORTED")])
    v.add("tx-data-not-base64url", request_object(params(pid_ok, transaction_data=["{not base64}"])),
          args=["--transaction-data-type", TX_TYPE], query=pid_ok, rp=P,
          findings=[F("TRANSACTION_DATA_UNSUPPORTED")])

    # -----------------------------------------------------------------------------------------
    v.section("--client-id, --kind, stdin, --format text")
    v.add("client-id-outside-equal", request_object(params(pid_ok)),
          args=["--client-id", "x509_san_dns:" + RP_HOST], query=pid_ok, rp=P)
    v.add("client-id-outside-differs", request_object(params(pid_ok)),
          args=["--client-id", "x509_san_dns:other.example.com"], query=pid_ok, rp=P,
          findings=[F("CLIENT_ID_MISMATCH")])
    v.add("client-id-outside-host-case", request_object(params(pid_ok)),
          args=["--client-id", "x509_san_dns:RP.EXAMPLE.COM"], query=pid_ok, rp=P)
    v.add("client-id-outside-prefix-differs", request_object(params(pid_ok)),
          args=["--client-id", "X509_SAN_DNS:" + RP_HOST], query=pid_ok, rp=P,
          findings=[F("CLIENT_ID_MISMATCH")])
    v.add("client-id-outside-hash-case", request_object(params(pid_ok, client_id=X509_HASH)),
          args=["--client-id", X509_HASH.swapcase().replace("X509_HASH", "x509_hash")],
          query=pid_ok, rp=P, findings=[F("CLIENT_ID_MISMATCH")])
    basic = REL + "req/allow-basic.jwt"
    v.add("stdin-openid4vp", basic, stdin=True, query=pid_ok, rp=P)
    v.add("kind-openid4vp-forced", basic, args=["--kind", "openid4vp"], query=pid_ok, rp=P)
    v.add("kind-mdoc-on-jws", basic, args=["--kind", "mdoc"], kind="mdoc",
          findings=[F("REQUEST_MALFORMED")], requested=[])
    v.add("text-allow", basic, fmt="text", query=pid_ok, rp=P)
    v.add("text-deny", REL + "req/rule4-child-not-parent.jwt", fmt="text",
          query=[sdjwt("pid", [c("residence")])], rp=P, findings=[OA("pid", PID, "residence")])
    v.add("text-error", REL + "req/request-malformed-not-a-request.txt", fmt="text",
          findings=[F("REQUEST_MALFORMED")], requested=[])
    v.add("text-is-the-default", REL + "req/rule4-child-not-parent.jwt", fmt=None,
          query=[sdjwt("pid", [c("residence")])], rp=P, findings=[OA("pid", PID, "residence")])
    v.add("text-warn", REL + "req/warn-overask-only.jwt", fmt="text", warn=True,
          query=[sdjwt("pid", [c("given_name"), c("birth_date")])], rp=P,
          findings=[OA("pid", PID, "birth_date")])
    # What the request says is escaped in the text report: C1 controls (U+0085 NEXT LINE, U+009B
    # CSI), U+2028/U+2029, bidirectional controls, U+FEFF and tag characters; ordinary letters stay
    # as they are. The JSON result carries the paths unchanged.
    odd = [("nl\u0085verdict: allow", "nl\\u0085verdict: allow"),
           ("csi\u009b2K", "csi\\u009b2K"),
           ("ls\u2028verdict: allow", "ls\\u2028verdict: allow"),
           ("ps\u2029x", "ps\\u2029x"),
           ("rlo\u202eexe.txt", "rlo\\u202eexe.txt"),
           ("lri\u2066x\u2069", "lri\\u2066x\\u2069"),
           ("lrm\u200ex", "lrm\\u200ex"),
           ("bom\ufeffx", "bom\\ufeffx"),
           ("tag\U000e0041", "tag\\U000e0041"),
           ("caf\u00e9 \u00fc \u540d\u524d", "caf\u00e9 \u00fc \u540d\u524d")]
    q = [sdjwt("pid", [c("given_name")] + [c(raw) for raw, _ in odd])]
    lacks = ["\u0085", "\u009b", "\u2028", "\u2029", "\u202e", "\u2066", "\u2069", "\u200e", "\ufeff",
             "\U000e0041"]
    v.add("text-escapes-path", request_object(params(q)), fmt="text", query=q, rp=P,
          findings=[OA("pid", PID, raw) for raw, _ in odd],
          text_has=[shown for _, shown in odd], text_lacks=lacks)
    v.add("text-escapes-path-json", REL + "req/text-escapes-path.jwt", query=q, rp=P,
          findings=[OA("pid", PID, raw) for raw, _ in odd])
    v.add("text-escapes-client-id",
          request_object(params(pid_ok, client_id="x509_san_dns:rp.example.com\u0085verdict: allow")),
          fmt="text", query=pid_ok, rp=P, findings=[F("CLIENT_ID_MISMATCH")],
          text_has=["rp.example.com\\u0085verdict: allow"], text_lacks=["\u0085"])

    # -----------------------------------------------------------------------------------------
    v.section("access certificate")
    v.add("ac-untrusted", basic, base=False,
          args=["--ac-anchors", "testvectors/pki/other-root.pem", "--crl", CRL, "--rc-anchors",
                RC_ANCHORS, "--status-list", STATUS, "--time", str(T)],
          query=pid_ok, rp=P, findings=[F("AC_UNTRUSTED")])
    v.add("ac-untrusted-no-anchors", basic, base=False,
          args=["--crl", CRL, "--rc-anchors", RC_ANCHORS, "--status-list", STATUS, "--time", str(T)],
          query=pid_ok, rp=P, findings=[F("AC_UNTRUSTED")])
    v.add("ac-expired", request_object(params(pid_ok), signer=leaf_signer("ac-leaf-expired")),
          query=pid_ok, rp=P, findings=[F("AC_EXPIRED")])
    v.add("ac-not-yet-valid", request_object(params(pid_ok), signer=leaf_signer("ac-leaf-notyet")),
          query=pid_ok, rp=P, findings=[F("AC_EXPIRED")])
    v.add("ac-revoked", request_object(params(pid_ok), signer=leaf_signer("ac-leaf-revoked")),
          query=pid_ok, rp=P, findings=[F("AC_REVOKED")])
    v.add("ac-revocation-unknown-no-crl", basic, base=False,
          args=["--ac-anchors", AC_ANCHORS, "--rc-anchors", RC_ANCHORS, "--status-list", STATUS,
                "--time", str(T)], query=pid_ok, rp=P, findings=[F("AC_REVOCATION_UNKNOWN")])
    v.add("ac-revocation-unknown-expired-crl", basic, base=False,
          args=["--ac-anchors", AC_ANCHORS, "--crl", "testvectors/crl/expired.pem", "--rc-anchors",
                RC_ANCHORS, "--status-list", STATUS, "--time", str(T)],
          query=pid_ok, rp=P, findings=[F("AC_REVOCATION_UNKNOWN")])
    v.add("ac-revocation-unknown-forged-crl", basic, base=False,
          args=["--ac-anchors", AC_ANCHORS, "--crl", "testvectors/crl/forged-empty.pem",
                "--rc-anchors", RC_ANCHORS, "--status-list", STATUS, "--time", str(T)],
          query=pid_ok, rp=P, findings=[F("AC_REVOCATION_UNKNOWN")])
    v.add("ac-anchors-two-files", basic, base=False,
          args=["--ac-anchors", "testvectors/pki/other-root.pem", "--ac-anchors", AC_ANCHORS, "--crl", CRL,
                "--rc-anchors", "testvectors/rc/pki/ac-root.pem", "--rc-anchors", RC_ANCHORS,
                "--status-list", STATUS, "--time", str(T)], query=pid_ok, rp=P)
    v.add("ac-anchors-two-in-one-file", basic, base=False,
          args=["--ac-anchors", "testvectors/pki/anchors-other-and-ac-root.pem", "--crl", CRL,
                "--rc-anchors", RC_ANCHORS, "--status-list", STATUS, "--time", str(T)], query=pid_ok, rp=P)
    v.add("ac-crl-two-files", basic, base=False,
          args=["--ac-anchors", AC_ANCHORS, "--crl", "testvectors/crl/expired.pem", "--crl", CRL,
                "--rc-anchors", RC_ANCHORS, "--status-list", STATUS, "--time", str(T)], query=pid_ok, rp=P)
    v.add("ac-revoked-among-two-crls", REL + "req/ac-revoked.jwt", base=False,
          args=["--ac-anchors", AC_ANCHORS, "--crl", "testvectors/crl/current-empty.pem", "--crl", CRL,
                "--rc-anchors", RC_ANCHORS, "--status-list", STATUS, "--time", str(T)],
          query=pid_ok, rp=P, findings=[F("AC_REVOKED")])
    v.add("ac-crl-der", basic, base=False,
          args=["--ac-anchors", "testvectors/pki/ac-root.der", "--crl", "testvectors/crl/current.der",
                "--rc-anchors", RC_ANCHORS, "--status-list", STATUS, "--time", str(T)],
          query=pid_ok, rp=P)
    v.add("ac-profile-no-identifier", request_object(params(pid_ok), signer=leaf_signer("ac-leaf-noid")),
          query=pid_ok, rp=P, findings=[F("AC_PROFILE")])
    v.add("ac-profile-ca", request_object(params(pid_ok), signer=leaf_signer("ac-leaf-ca")),
          query=pid_ok, rp=P, findings=[F("AC_PROFILE")])
    # an organizationIdentifier that is empty, or given twice, identifies no one; a registration
    # certificate whose sub is empty names no one
    empty_sub = rc_payload(sub="")
    v.add("ac-profile-empty-identifier",
          request_object(params(pid_ok, rc=rc_jwt(empty_sub)), signer=leaf_signer("ac-leaf-emptyorgid")),
          query=pid_ok, rp=empty_sub, findings=[F("CLIENT_ID_MISMATCH"), F("AC_PROFILE"), F("RC_MALFORMED")])
    v.add("ac-profile-two-identifiers",
          request_object(params(pid_ok), signer=leaf_signer("ac-leaf-twoorgid")),
          query=pid_ok, rp=P, findings=[F("CLIENT_ID_MISMATCH"), F("AC_PROFILE")])
    v.add("rc-malformed-empty-sub", request_object(params(pid_ok, rc=rc_jwt(empty_sub))),
          query=pid_ok, rp=empty_sub, findings=[F("RC_MALFORMED"), F("RC_SUBJECT_MISMATCH")])
    serial = rc_payload(sub="PNONL-123456782", sub_ln=DEL, sub_gn="Jan", sub_fn="Jansen", name="Jan Jansen")
    v.add("ac-serial-number-binds", request_object(params(pid_ok, rc=rc_jwt(serial)),
                                                   signer=leaf_signer("ac-leaf-serial")),
          query=pid_ok, rp=serial)
    v.add("ac-serial-number-mismatch", request_object(params(pid_ok), signer=leaf_signer("ac-leaf-serial")),
          query=pid_ok, rp=P, findings=[F("RC_SUBJECT_MISMATCH")])
    multi = gen_o4vp.Signer(LEAF_KEY, [gen_o4vp.load_cert(os.path.join(gen_o4vp.FPKI, "ac-leaf-multi.pem")),
                                       INT])
    ntr = rc_payload(sub="NTRNL-12345678")  # ac-leaf-multi's organizationIdentifier
    v.add("ac-no-crl-distribution-point", request_object(params(pid_ok, rc=rc_jwt(ntr)), signer=multi),
          base=False, args=["--ac-anchors", AC_ANCHORS, "--rc-anchors", RC_ANCHORS, "--status-list",
                            STATUS, "--time", str(T)], query=pid_ok, rp=ntr)
    v.add("ac-anchor-is-the-leaf", basic, base=False,
          args=["--ac-anchors", "testvectors/pki/ac-leaf.pem", "--crl", CRL, "--rc-anchors", RC_ANCHORS,
                "--status-list", STATUS, "--time", str(T)], query=pid_ok, rp=P)
    v.add("ac-expired-by-time", basic, base=False,
          args=["--ac-anchors", AC_ANCHORS, "--rc-anchors", RC_ANCHORS, "--time", str(T + 4 * 365 * DAY),
                "--no-revocation"],
          query=pid_ok,  # the RC signer has expired too: not verified, no relying party
          findings=[F("AC_EXPIRED"), F("RC_UNTRUSTED"), F("RC_EXPIRED"), F("REVOCATION_SKIPPED")])

    # -----------------------------------------------------------------------------------------
    v.section("registration certificate")

    def with_rc(name, rc, findings, rp=P, **kw):
        v.add(name, request_object(params(pid_ok, rc=rc)), query=pid_ok, rp=rp, findings=findings, **kw)

    v.add("rc-missing", request_object(params(pid_ok, verifier_info=DEL)), query=pid_ok,
          findings=[F("RC_MISSING")], sources=[])
    v.add("rc-missing-other-verifier-info", request_object(params(pid_ok, verifier_info=[
        {"format": "jwt", "data": "eyJ.x.y"}])), query=pid_ok,
        findings=[F("VERIFIER_INFO_IGNORED"), F("RC_MISSING")], sources=[])
    two = [{"format": "registration_cert", "data": RC_VALID.decode()},
           {"format": "registration_cert", "data": rc_cwt_b64}]
    v.add("rc-multiple", request_object(params(pid_ok, verifier_info=two)), query=pid_ok, rp=P,
          findings=[F("RC_MULTIPLE")])
    v.add("rc-malformed-data", request_object(params(pid_ok, verifier_info=[
        {"format": "registration_cert", "data": "***"}])), query=pid_ok, findings=[F("RC_MALFORMED")],
        sources=[])
    v.add("rc-malformed-not-a-token", request_object(params(pid_ok, verifier_info=[
        {"format": "registration_cert", "data": gen_o4vp.b64u(b"not a certificate")}])),
        query=pid_ok, findings=[F("RC_MALFORMED")], sources=[])
    with_rc("rc-malformed-no-name", rc_jwt(rc_payload(name=DEL)), [F("RC_MALFORMED")],
            rp=rc_payload(name=DEL))
    bad_creds = copy.deepcopy(RC_CREDS)
    bad_creds[0]["claim"].append(c("nationalities", -1))
    with_rc("rc-malformed-registered-path", rc_jwt(rc_payload(credentials=bad_creds)),
            [F("RC_MALFORMED"), OAC("pid", PID)], rp=rc_payload(credentials=bad_creds),
            sources=[("rc", [])])
    bad_creds = copy.deepcopy(RC_CREDS)
    bad_creds[3]["claim"].append(c(PID_NS, "age_in_years", "x"))
    with_rc("rc-malformed-registered-mdoc-path", rc_jwt(rc_payload(credentials=bad_creds)),
            [F("RC_MALFORMED"), OAC("pid", PID)], rp=rc_payload(credentials=bad_creds),
            sources=[("rc", [])])
    bad_creds = copy.deepcopy(RC_CREDS)
    bad_creds[0]["claim"].append(c("age_in_years", values=[18.5]))
    with_rc("rc-malformed-registered-values", rc_jwt(rc_payload(credentials=bad_creds)),
            [F("RC_MALFORMED"), OAC("pid", PID)], rp=rc_payload(credentials=bad_creds),
            sources=[("rc", [])])
    bad_creds = copy.deepcopy(RC_CREDS)
    bad_creds[0]["claim"].append(c("nationalities", 1.0))
    with_rc("rc-malformed-registered-path-float", rc_jwt(rc_payload(credentials=bad_creds)),
            [F("RC_MALFORMED"), OAC("pid", PID)], rp=rc_payload(credentials=bad_creds),
            sources=[("rc", [])])
    with_rc("rc-malformed-registered-path-float-cwt",
            gen_o4vp.b64u(rc_cwt(rc_payload(credentials=bad_creds))).encode(),
            [F("RC_MALFORMED"), OAC("pid", PID)], rp=rc_payload(credentials=bad_creds),
            sources=[("rc", [])])
    bad_creds = copy.deepcopy(RC_CREDS)
    bad_creds[0]["claim"].append(c("age_in_years", values=[18.0]))
    with_rc("rc-malformed-registered-values-float-cwt",
            gen_o4vp.b64u(rc_cwt(rc_payload(credentials=bad_creds))).encode(),
            [F("RC_MALFORMED"), OAC("pid", PID)], rp=rc_payload(credentials=bad_creds),
            sources=[("rc", [])])
    with_rc("rc-typ", rc_jwt(header={"typ": "JWT"}), [F("RC_TYP")])
    with_rc("rc-alg-none", rc_jwt(header={"alg": "none"}, sig=b""), [F("RC_ALG"), F("RC_SIGNATURE")],
            rp=None)
    rc_h, rc_p, rc_s = RC_VALID.decode().split(".")
    rc_sig = bytearray(gen_o4vp.base64.urlsafe_b64decode(rc_s + "=="))
    rc_sig[7] ^= 1
    with_rc("rc-signature", ("%s.%s.%s" % (rc_h, rc_p, gen_o4vp.b64u(bytes(rc_sig)))).encode(),
            [F("RC_SIGNATURE")], rp=None)
    with_rc("rc-untrusted", rc_jwt(signer=RC_PKI.signer("rogue_signer")), [F("RC_UNTRUSTED")], rp=None)
    v.add("rc-untrusted-anchors", basic, base=False,
          args=["--ac-anchors", AC_ANCHORS, "--crl", CRL, "--rc-anchors", "testvectors/rc/pki/ac-root.pem",
                "--status-list", STATUS, "--time", str(T)],
          query=pid_ok, findings=[F("RC_UNTRUSTED"), F("RC_STATUS_UNKNOWN")])
    with_rc("rc-expired", rc_jwt(rc_payload(exp=T - DAY)), [F("RC_EXPIRED")],
            rp=rc_payload(exp=T - DAY))
    with_rc("rc-iat-future", rc_jwt(rc_payload(iat=T + 60)), [F("RC_EXPIRED")],
            rp=rc_payload(iat=T + 60))
    revoked = rc_payload(status={"status_list": {"idx": 5, "uri": gen_rc.SL_URI}})
    with_rc("rc-revoked", rc_jwt(revoked), [F("RC_REVOKED")], rp=revoked)
    suspended = rc_payload(status={"status_list": {"idx": 7, "uri": gen_rc.SL_URI}})
    with_rc("rc-suspended", rc_jwt(suspended), [F("RC_REVOKED")], rp=suspended)
    v.add("rc-revoked-no-revocation", REL + "req/rc-revoked.jwt", base=False,
          args=["--ac-anchors", AC_ANCHORS, "--rc-anchors", RC_ANCHORS, "--time", str(T),
                "--no-revocation"], query=pid_ok, rp=revoked, findings=[F("REVOCATION_SKIPPED")])
    v.add("rc-status-unknown-no-list", basic, base=False,
          args=["--ac-anchors", AC_ANCHORS, "--crl", CRL, "--rc-anchors", RC_ANCHORS, "--time", str(T)],
          query=pid_ok, rp=P, findings=[F("RC_STATUS_UNKNOWN")])
    v.add("rc-status-unknown-expired-list", basic, base=False,
          args=["--ac-anchors", AC_ANCHORS, "--crl", CRL, "--rc-anchors", RC_ANCHORS,
                "--status-list", "testvectors/rc/sl-expired.jwt", "--time", str(T)],
          query=pid_ok, rp=P, findings=[F("RC_STATUS_UNKNOWN")])
    v.add("rc-status-unknown-untrusted-list", basic, base=False,
          args=["--ac-anchors", AC_ANCHORS, "--crl", CRL, "--rc-anchors", RC_ANCHORS,
                "--status-list", "testvectors/rc/sl-untrusted.jwt", "--time", str(T)],
          query=pid_ok, rp=P, findings=[F("RC_STATUS_UNKNOWN")])
    v.add("rc-status-list-cwt", basic, base=False,
          args=["--ac-anchors", AC_ANCHORS, "--crl", CRL, "--rc-anchors", RC_ANCHORS,
                "--status-list", "testvectors/rc/sl-other-uri.jwt", "--status-list",
                "testvectors/rc/sl-valid.cwt", "--time", str(T)], query=pid_ok, rp=P)
    past_end = rc_payload(status={"status_list": {"idx": 4096, "uri": gen_rc.SL_URI}})
    with_rc("rc-status-index-outside", rc_jwt(past_end), [F("RC_STATUS_UNKNOWN")], rp=past_end)
    no_status = rc_payload(status=DEL)
    with_rc("rc-status-no-claim", rc_jwt(no_status), [F("RC_STATUS_UNKNOWN")], rp=no_status)
    other_sub = rc_payload(sub="LEIXG-000000000000000000XX")
    with_rc("rc-subject-mismatch", rc_jwt(other_sub), [F("RC_SUBJECT_MISMATCH")], rp=other_sub)
    provider = rc_payload(entitlements=["https://uri.etsi.org/19475/Entitlement/QEAA_Provider"])
    with_rc("rc-entitlement", rc_jwt(provider), [F("RC_ENTITLEMENT")], rp=provider)
    oid = rc_payload(entitlements=["0.4.0.19475.1.1"])
    with_rc("rc-entitlement-oid", rc_jwt(oid), [], rp=oid)
    policy = rc_payload(policy_id=["1.2.3.4"])
    with_rc("rc-policy", rc_jwt(policy), [F("RC_POLICY")], rp=policy)
    claims_key = rc_payload(credentials=[dict((("claims" if k == "claim" else k), x) for k, x in e.items())
                                         for e in RC_CREDS])
    q = [sdjwt("pid", [c("given_name"), c("address", "street_address")])]
    v.add("rc-claims-plural", request_object(params(q, rc=rc_jwt(claims_key))), query=q, rp=claims_key)
    q = [sdjwt("pid", [c("given_name"), c("tax_id")])]
    v.add("rc-overask-despite-untrusted", request_object(params(q, rc=rc_jwt(signer=RC_PKI.signer("rogue_signer")))),
          query=q, findings=[F("RC_UNTRUSTED"), OA("pid", PID, "tax_id")])

    # -----------------------------------------------------------------------------------------
    v.section("--rc out of band")
    no_vi = request_object(params(pid_ok, verifier_info=DEL))
    v.add("rc-out-of-band-used", no_vi, args=["--rc", rc_valid], query=pid_ok, rp=P)
    v.add("rc-out-of-band-cwt", REL + "req/rc-out-of-band-used.jwt", args=["--rc", REL + "rc/valid.cwt"],
          query=pid_ok, rp=P)
    narrow = rc_payload(credentials=[entry("dc+sd-jwt", [PID], [c("given_name")])])
    narrow_path = put("rc/narrow.jwt", rc_jwt(narrow))
    v.add("rc-out-of-band-ignored", basic, args=["--rc", narrow_path], query=pid_ok, rp=P)
    v.add("rc-out-of-band-narrow", REL + "req/rc-out-of-band-used.jwt", args=["--rc", narrow_path],
          query=pid_ok, rp=narrow, sources=[("rc", narrow["credentials"])],
          findings=[OA("pid", PID, "family_name")])
    v.add("rc-out-of-band-not-with-malformed", REL + "req/rc-malformed-data.jwt", args=["--rc", rc_valid],
          query=pid_ok, findings=[F("RC_MALFORMED")], sources=[])

    # -----------------------------------------------------------------------------------------
    v.section("register")
    reg = ["--register-anchors", REG_ANCHORS]
    reg_valid = put("register/valid.jwt", reg_jws(reg_party()))
    both = [sdjwt("pid", [c("given_name"), c("family_name")]), mdocq("m", [c(PID_NS, "age_over_18")])]
    S2 = [("rc", RC_CREDS), ("register", REG_CREDS)]

    def regcase(name, req_creds, register, findings=(), sources=S2, **kw):
        v.add(name, request_object(params(req_creds)), args=["--register", register] + reg,
              query=req_creds, rp=P, sources=sources, findings=findings, **kw)

    regcase("register-allow", both, reg_valid)
    put("register/array.jwt", reg_jws([gen_register.other_rp("Other Bank", "NL111111111B01"), reg_party()]))
    regcase("register-allow-array", both, REL + "register/array.jwt")
    q = [sdjwt("pid", [c("given_name"), c("address", "street_address")])]
    regcase("register-overask", q, reg_valid, [OA("pid", PID, "address", "street_address", src="register")])
    q = [sdjwt("pid", [c("given_name"), c("birth_date")])]
    regcase("register-covers-rc-does-not", q, reg_valid, [OA("pid", PID, "birth_date")])
    q = [sdjwt("loyalty", vct=[LOYALTY])]
    regcase("register-overask-credential", q, reg_valid, [OAC("loyalty", LOYALTY, src="register")])
    q = [sdjwt("pid", [c("given_name"), c("address", "street_address")])]
    regcase("register-overask-warn", q, reg_valid, [OA("pid", PID, "address", "street_address", src="register")],
            warn=True)
    put("register/unsigned.json", gen_register.dumps(gen_register.payload(reg_party())))
    regcase("register-unsigned", both, REL + "register/unsigned.json", [F("REGISTER_UNSIGNED")])
    put("register/other-party.jwt", reg_jws(gen_register.other_rp("Other Bank", "NL111111111B01")))
    regcase("register-not-found", both, REL + "register/other-party.jwt", [F("REGISTER_NOT_FOUND")],
            sources=[("rc", RC_CREDS), ("register", None)])
    put("register/other-use.jwt", reg_jws(reg_party(intendedUse=[reg_use(intendedUseIdentifier="iu-other")])))
    regcase("register-intended-use-other", both, REL + "register/other-use.jwt",
            [F("REGISTER_INTENDED_USE")], sources=[("rc", RC_CREDS), ("register", None)])
    put("register/revoked.jwt", reg_jws(reg_party(intendedUse=[reg_use(revokedAt="2026-06-01")])))
    regcase("register-intended-use-revoked", both, REL + "register/revoked.jwt",
            [F("REGISTER_INTENDED_USE")], sources=[("rc", RC_CREDS), ("register", None)])
    put("register/revoked-at-time.jwt", reg_jws(reg_party(intendedUse=[reg_use(revokedAt="2027-01-01")])))
    regcase("register-intended-use-revoked-at-time", both, REL + "register/revoked-at-time.jwt",
            [F("REGISTER_INTENDED_USE")], sources=[("rc", RC_CREDS), ("register", None)])
    put("register/revoked-later.jwt", reg_jws(reg_party(intendedUse=[reg_use(revokedAt="2027-01-02")])))
    regcase("register-intended-use-revoked-later", both, REL + "register/revoked-later.jwt")
    put("register/revoked-later-datetime.jwt",
        reg_jws(reg_party(intendedUse=[reg_use(revokedAt="2027-01-01T00:00:01Z")])))
    regcase("register-intended-use-revoked-next-second", both, REL + "register/revoked-later-datetime.jwt")
    put("register/revoked-datetime.jwt",
        reg_jws(reg_party(intendedUse=[reg_use(revokedAt="2026-12-31T23:59:59Z")])))
    regcase("register-intended-use-revoked-datetime", both, REL + "register/revoked-datetime.jwt",
            [F("REGISTER_INTENDED_USE")], sources=[("rc", RC_CREDS), ("register", None)])
    rh, rp_, _ = reg_jws(reg_party()).decode().split(".")
    put("register/sig-flipped.jwt", "%s.%s.%s" % (rh, rp_, gen_o4vp.b64u(bytes(64))))
    regcase("register-signature", both, REL + "register/sig-flipped.jwt", [F("REGISTER_SIGNATURE")])
    put("register/rogue.jwt", reg_jws(reg_party(), signer=ROGUE_REG_SIGNER))
    regcase("register-untrusted", both, REL + "register/rogue.jwt", [F("REGISTER_UNTRUSTED")])
    v.add("register-untrusted-no-anchors", request_object(params(both)), args=["--register", reg_valid],
          query=both, rp=P, sources=S2, findings=[F("REGISTER_UNTRUSTED")])
    put("register/garbage.txt", "this is not a register response\n")
    regcase("register-malformed", both, REL + "register/garbage.txt", [F("REGISTER_MALFORMED")],
            sources=[("rc", RC_CREDS), ("register", None)])
    no_iu = rc_payload(intended_use_id=DEL)
    v.add("register-rc-without-intended-use", request_object(params(both, rc=rc_jwt(no_iu))),
          args=["--register", reg_valid] + reg, query=both, rp=no_iu,
          sources=[("rc", RC_CREDS), ("register", None)], findings=[F("REGISTER_INTENDED_USE")])
    v.add("register-rc-missing", request_object(params(both, verifier_info=DEL)),
          args=["--register", reg_valid] + reg, query=both, sources=[], findings=[F("RC_MISSING")])
    lenient = [{"format": "dc+sd-jwt", "meta": json.dumps({"vct_values": [PID]}),
                "claim": [c("given_name"), c("family_name")]},
               {"format": "mso_mdoc", "meta": {"doctype_value": PID_NS},
                "claim": [c(PID_NS, "age_over_18")]}]
    put("register/lenient.jwt", reg_jws(reg_party(intendedUse=gen_register.DEL, services=[{
        "serviceIdentifier": "svc-1", "serviceTradeName": "Example Shop",
        "intendedUse": [patch(reg_use(), credentials=DEL, credential=lenient)]}])))
    regcase("register-lenient-shapes", both, REL + "register/lenient.jwt",
            sources=[("rc", RC_CREDS), ("register", lenient)])
    q = [sdjwt("pid", [c("given_name"), c("nationalities", None)])]
    regcase("register-lenient-shapes-overask", q, REL + "register/lenient.jwt",
            [OA("pid", PID, "nationalities", None, src="register")],
            sources=[("rc", RC_CREDS), ("register", lenient)])

    # -----------------------------------------------------------------------------------------
    v.section("DeviceRequests")
    tr = put("transcript.cbor", TRANSCRIPT)
    put("transcript-tag24.cbor", encode(Tag(24, TRANSCRIPT)))
    put("transcript-other.cbor", dcapi_transcript("another-nonce"))
    T_ARGS = ["--transcript", tr]

    def mdoc(name, docs, findings=(), args=T_ARGS, rp=P, sources=None, **kw):
        query = [d.query(i) for i, d in enumerate(docs)]
        if sources is None:
            sources = [("rc", RC_CREDS)] if rp is not None else []
        v.add(name, device_request(docs, **{k: kw.pop(k) for k in ("auth", "reader", "transcript",
                                                                    "version") if k in kw}),
              args=args, kind="mdoc", query=query, rp=rp, sources=sources, findings=findings, **kw)

    pid_doc = Doc(PID_NS, {PID_NS: {"age_over_18": False, "given_name": True}}, RC_VALID)
    mdoc("mdoc-allow", [pid_doc])
    v.add("mdoc-allow-transcript-tag24", REL + "req/mdoc-allow.cbor",
          args=["--transcript", REL + "transcript-tag24.cbor"], kind="mdoc",
          query=[pid_doc.query(0)], rp=P)
    v.add("mdoc-stdin", REL + "req/mdoc-allow.cbor", args=T_ARGS, kind="mdoc", stdin=True,
          query=[pid_doc.query(0)], rp=P)
    v.add("mdoc-kind-forced", REL + "req/mdoc-allow.cbor", args=T_ARGS + ["--kind", "mdoc"],
          kind="mdoc", query=[pid_doc.query(0)], rp=P)
    v.add("mdoc-kind-openid4vp-on-cbor", REL + "req/mdoc-allow.cbor", args=T_ARGS + ["--kind", "openid4vp"],
          findings=[F("REQUEST_MALFORMED")], requested=[])
    v.add("mdoc-text", REL + "req/mdoc-allow.cbor", args=T_ARGS, kind="mdoc", fmt="text",
          query=[pid_doc.query(0)], rp=P)
    mdoc("mdoc-rc-cwt", [Doc(PID_NS, {PID_NS: {"age_over_18": False}}, rc_cwt())])
    mdoc("mdoc-entries-add-up", [Doc(PID_NS, {PID_NS: {"given_name": False, "family_name": False}}, RC_VALID)])
    mdoc("mdoc-whole-credential", [Doc(MDL, {MDL_NS: {"portrait": False, "driving_privileges": True}},
                                       RC_VALID)])
    mdoc("mdoc-two-docs", [pid_doc, Doc(MDL, {MDL_NS: {"family_name": False}})])
    mdoc("mdoc-overask", [Doc(PID_NS, {PID_NS: {"age_over_18": False, "birth_date": True}}, RC_VALID)],
         [OA("0", PID_NS, PID_NS, "birth_date")])
    mdoc("mdoc-values-never-cover", [Doc(PID_NS, {PID_NS: {"age_in_years": False}}, RC_VALID)],
         [OA("0", PID_NS, PID_NS, "age_in_years")])
    mdoc("mdoc-overask-second-doc", [pid_doc, Doc(PID_NS, {PID_NS: {"birth_date": False}})],
         [OA("1", PID_NS, PID_NS, "birth_date")])
    mdoc("mdoc-overask-credential-by-type",
         [Doc("org.example.unregistered", {"org.example.ns": {"x": False}}, RC_VALID)],
         [OAC("0", "org.example.unregistered")])
    mdoc("mdoc-overask-credential-by-format", [Doc(LOYALTY, {LOYALTY: {"points": False}}, RC_VALID)],
         [OAC("0", LOYALTY)])
    mdoc("mdoc-overask-warn", [Doc(PID_NS, {PID_NS: {"age_over_18": False, "birth_date": True}}, RC_VALID)],
         [OA("0", PID_NS, PID_NS, "birth_date")], warn=True)
    alts = [{"requestedElement": [PID_NS, "age_over_21"],
             "alternativeElementSets": [[[PID_NS, "age_over_18"]], [[PID_NS, "given_name"]]]}]
    alt_doc = Doc(PID_NS, {PID_NS: {"family_name": False}}, RC_VALID, alts)
    mdoc("mdoc-v11-alternatives-count", [alt_doc], [OA("0", PID_NS, PID_NS, "age_over_21")],
         version="1.1")
    alts_ok = [{"requestedElement": [PID_NS, "given_name"],
                "alternativeElementSets": [[[PID_NS, "family_name"]]]}]
    mdoc("mdoc-v11-reader-auth-all", [Doc(PID_NS, {PID_NS: {"age_over_18": False}}, RC_VALID, alts_ok),
                                      Doc(MDL, {MDL_NS: {"portrait": False}})], auth="all", version="1.1")
    mdoc("mdoc-reader-auth-missing", [pid_doc], [F("READER_AUTH_MISSING", cid="0")], auth="none")
    mdoc("mdoc-reader-auth-missing-second", [pid_doc, Doc(MDL, {MDL_NS: {"portrait": False}})],
         [F("READER_AUTH_MISSING", cid="1")], auth=[True, False])
    mdoc("mdoc-reader-auth-all-in-1.0", [pid_doc], [F("READER_AUTH_MISSING", cid="0")], auth="all")
    v.add("mdoc-reader-auth-unverified", REL + "req/mdoc-allow.cbor", kind="mdoc",
          query=[pid_doc.query(0)], rp=P, findings=[F("READER_AUTH_UNVERIFIED")])
    v.add("mdoc-reader-auth-signature-transcript", REL + "req/mdoc-allow.cbor", kind="mdoc",
          args=["--transcript", REL + "transcript-other.cbor"], query=[pid_doc.query(0)], rp=P,
          findings=[F("READER_AUTH_SIGNATURE", cid="0")])
    mdoc("mdoc-reader-auth-signature-key", [pid_doc], [F("READER_AUTH_SIGNATURE", cid="0")],
         reader=READER_WRONG_KEY)
    other_rc = rc_jwt(rc_payload(intended_use_id="iu-other"))
    mdoc("mdoc-rc-multiple", [pid_doc, Doc(MDL, {MDL_NS: {"portrait": False}}, other_rc)],
         [F("RC_MULTIPLE")])
    mdoc("mdoc-rc-same-twice", [pid_doc, Doc(MDL, {MDL_NS: {"portrait": False}}, RC_VALID)])
    no_rc = Doc(PID_NS, {PID_NS: {"age_over_18": False}})
    mdoc("mdoc-rc-missing", [no_rc], [F("RC_MISSING")], rp=None)
    v.add("mdoc-rc-out-of-band", REL + "req/mdoc-rc-missing.cbor", args=T_ARGS + ["--rc", REL + "rc/valid.cwt"],
          kind="mdoc", query=[no_rc.query(0)], rp=P)
    v.add("mdoc-ac-untrusted", REL + "req/mdoc-allow.cbor", base=False,
          args=T_ARGS + ["--ac-anchors", "testvectors/pki/other-root.pem", "--crl", CRL, "--rc-anchors",
                         RC_ANCHORS, "--status-list", STATUS, "--time", str(T)],
          kind="mdoc", query=[pid_doc.query(0)], rp=P, findings=[F("AC_UNTRUSTED")])
    mdoc("mdoc-ac-revoked", [pid_doc], [F("AC_REVOKED")],
         reader=gen_mdoc.Reader("ac-leaf", ["ac-leaf-revoked", "ac-int"]))
    mdoc("mdoc-rc-subject-mismatch", [Doc(PID_NS, {PID_NS: {"age_over_18": False}}, rc_jwt(other_sub))],
         [F("RC_SUBJECT_MISMATCH")], rp=other_sub)
    v.add("mdoc-register-overask", REL + "req/mdoc-entries-add-up.cbor",
          args=T_ARGS + ["--register", reg_valid] + reg, kind="mdoc",
          query=[Doc(PID_NS, {PID_NS: {"given_name": False, "family_name": False}}).query(0)], rp=P,
          sources=S2, findings=[OA("0", PID_NS, PID_NS, "family_name", src="register")])
    trailing = device_request([pid_doc]) + b"\x00"
    v.add("mdoc-request-malformed-trailing-byte", trailing, args=T_ARGS, kind="mdoc",
          findings=[F("REQUEST_MALFORMED")], requested=[])
    v.add("mdoc-request-malformed-not-device-request", encode({"version": "1.0"}), args=T_ARGS,
          kind="mdoc", findings=[F("REQUEST_MALFORMED")], requested=[])

    # -----------------------------------------------------------------------------------------
    v.section("usage errors (exit 64, nothing on stdout)")
    v.usage("usage-unknown-option", ["audit", "--bogus", "x", basic])
    v.usage("usage-unknown-short-option", ["audit", "-x", basic])
    v.usage("usage-missing-value", ["audit", basic, "--ac-anchors"])
    v.usage("usage-bad-mode", ["audit", "--mode", "lenient", basic])
    v.usage("usage-bad-format", ["audit", "--format", "xml", basic])
    v.usage("usage-bad-kind", ["audit", "--kind", "cbor", basic])
    v.usage("usage-bad-time", ["audit", "--time", "yesterday", basic])
    v.usage("usage-negative-time", ["audit", "--time", "-5", basic])
    v.usage("usage-time-overflow", ["audit", "--time", "99999999999999999999999", basic])
    v.usage("usage-no-request", ["audit", "--time", str(T)])
    v.usage("usage-two-requests", ["audit", basic, basic])
    v.usage("usage-no-command", ["--format", "json"])

    # -----------------------------------------------------------------------------------------
    v.section("inputs that cannot be read (INPUT_UNREADABLE, verdict error, JSON still printed)")
    missing = REL + "does-not-exist"
    v.unreadable("unreadable-request", missing, [])
    v.unreadable("unreadable-request-kind-given", missing, ["--kind", "mdoc"], kind="mdoc")
    v.unreadable("unreadable-ac-anchors", basic, ["--ac-anchors", missing], kind="openid4vp")
    v.unreadable("unreadable-rc-anchors", basic, ["--rc-anchors", missing], kind="openid4vp")
    v.unreadable("unreadable-status-list", basic, ["--status-list", missing], kind="openid4vp")
    v.unreadable("unreadable-crl", basic, ["--crl", missing], kind="openid4vp")
    v.unreadable("unreadable-register", basic, ["--register", missing], kind="openid4vp")
    v.unreadable("unreadable-register-anchors", basic, ["--register-anchors", missing], kind="openid4vp")
    v.unreadable("unreadable-rc", basic, ["--rc", missing], kind="openid4vp")
    v.unreadable("unreadable-transcript", REL + "req/mdoc-allow.cbor", ["--transcript", missing],
                 kind="mdoc")
    garbage = REL + "register/garbage.txt"
    v.unreadable("unusable-ac-anchors", basic, ["--ac-anchors", garbage], kind="openid4vp")
    v.unreadable("unusable-register-anchors", basic, ["--register-anchors", garbage], kind="openid4vp")
    v.unreadable("unusable-status-list", basic, ["--status-list", garbage], kind="openid4vp")
    v.unreadable("unusable-crl", basic, ["--crl", garbage], kind="openid4vp")
    v.unreadable("unreadable-directory", REL + "req", [])
    v.unreadable("unreadable-text", basic, ["--crl", missing], kind="openid4vp", fmt="text")

    # -----------------------------------------------------------------------------------------
    # batch.tsv: a line with a member the batch format does not define is unusable (it may be an
    # override, misspelt, that would otherwise be dropped); lines with known members only are judged
    v.batch("batch-unknown-member", [
        ({"request": "../req/allow-basic.jwt"}, "allow-basic"),
        ({"request": "../req/allow-basic.jwt", "clientId": "x509_hash:abc"}, 2),
        ({"request": "../req/allow-basic.jwt", "client_id": "x509_hash:abc"}, "client-id-outside-differs"),
        ({"request": "../req/allow-basic.jwt", "Origin": "https://evil.example"}, 4),
        ({"request": "../req/allow-basic.jwt", "origin": ORIGIN, "comment": "x"}, 5),
        ({"request": "../req/allow-basic.jwt", "client_id": "x509_san_dns:" + RP_HOST}, "allow-basic"),
    ])
    v.batch("batch-known-members", [
        ({"request": "../req/allow-dc-api-envelope.json", "client_id": "x509_san_dns:" + RP_HOST,
          "origin": ORIGIN, "kind": "openid4vp"}, "allow-dc-api-envelope"),
        ({"request": "../req/mdoc-allow.cbor", "transcript": "../transcript.cbor", "kind": "mdoc"}, "mdoc-allow"),
        ({"request": "../req/rc-out-of-band-used.jwt", "rc": "../rc/valid.jwt"}, "rc-out-of-band-used"),
    ])

CONTRACT_CODES = """REQUEST_MALFORMED REQUEST_TYP REQUEST_ALG REQUEST_SIGNATURE REQUEST_UNSIGNED
CLIENT_ID_MISMATCH CLIENT_ID_PREFIX ORIGIN_MISMATCH DCQL_INVALID TRANSACTION_DATA_UNSUPPORTED
READER_AUTH_MISSING READER_AUTH_SIGNATURE READER_AUTH_UNVERIFIED AC_UNTRUSTED AC_EXPIRED AC_REVOKED
AC_REVOCATION_UNKNOWN AC_PROFILE RC_MISSING RC_MULTIPLE RC_MALFORMED RC_TYP RC_ALG RC_SIGNATURE
RC_UNTRUSTED RC_EXPIRED RC_REVOKED RC_STATUS_UNKNOWN RC_SUBJECT_MISMATCH RC_ENTITLEMENT RC_POLICY
OVERASK OVERASK_CREDENTIAL REGISTER_MALFORMED REGISTER_SIGNATURE REGISTER_UNTRUSTED REGISTER_NOT_FOUND
REGISTER_INTENDED_USE REGISTER_UNSIGNED INPUT_UNREADABLE REVOCATION_SKIPPED
REGISTER_INTERMEDIARY REGISTRAR_DATASET_MISMATCH DISCLOSURE_POLICY""".split()


def build_topics(v):
    """The cases of one topic each (testvectors/e2e_TOPIC.py, in name order): a module holds a
    build(v) that adds its cases with the helpers of this file (import gen_e2e)."""
    import importlib
    only = os.environ.get("WRP_E2E_TOPICS")  # a comma-separated subset, for staging one topic
    for path in sorted(glob.glob(os.path.join(HERE, "e2e_*.py"))):
        name = os.path.splitext(os.path.basename(path))[0]
        if only is None or name[4:] in only.split(","):
            importlib.import_module(name).build(v)


def main():
    warnings.simplefilter("ignore")
    v = Cases()
    build(v)
    build_topics(v)
    missing = sorted(set(CONTRACT_CODES) - v.stats["codes"])
    assert not missing, "contract codes without a case: %s" % missing
    head = ["# End-to-end cases of `wrpcheck audit`, generated by testvectors/gen_e2e.py (see there).",
            "# name\texit\tcheck\tstdin\targuments"]
    v.files["cases.tsv"] = ("\n".join(head + v.lines) + "\n").encode()
    head = ["# `wrpcheck audit --batch` cases, generated by testvectors/gen_e2e.py (see there).",
            "# name\texit\tcheck\tstdin\targuments"]
    v.files["batch.tsv"] = ("\n".join(head + v.batch_lines) + "\n").encode()
    check = "--check" in sys.argv[1:]
    differ = []
    for rel, data in sorted(v.files.items()):
        path = os.path.join(OUT, rel)
        old = open(path, "rb").read() if os.path.exists(path) else None
        if old == data:
            continue
        differ.append(rel)
        if not check:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
    present = set()
    for root, _, names in os.walk(OUT):
        for n in names:
            present.add(os.path.relpath(os.path.join(root, n), OUT))
    stale = sorted(present - set(v.files) - {"README.md"})
    for rel in differ if check else []:
        print("differs: " + rel)
    for rel in stale:
        print("not generated: " + rel)
    n = sum(1 for line in v.lines + v.batch_lines if not line.startswith("#"))
    print("%d cases, %d files, %d %s" % (n, len(v.files), len(differ), "differ" if check else "written"))
    return 1 if check and (differ or stale) else 0


if __name__ == "__main__":
    sys.exit(main())
