"""End-to-end cases of what the command line says to a person (SPEC.md 1a, 1b, 9): usage errors that
name the option and what it allows, `--opt=value` and RFC 3339 `--time`, input files of the wrong
kind named for what they look like, and the text report (the access certificate when no
registration certificate was read, "not checked" when there is nothing to compare with, the
alternatives under an overasked item, the time, the tool and the SHA-256 of every input). Built by
gen_e2e.py (build_topics); the strings checked are the ones a person reads on stderr or in the
report.
"""

import base64
import hashlib
import os
import re

import gen_e2e as e
from gen_e2e import F, OA, OAC, REL, c, mdocq, sdjwt

ANNEX_D = "testvectors/interop/iso18013-5/iso-18013-5-annex-d/"
BASIC = REL + "req/allow-basic.jwt"
MISSING = REL + "does-not-exist"
TIME_LINE = "time:           2027-01-01T00:00:00Z (1798761600)"
OPENID4VP_OR_MDOC = ("an OpenID4VP Request Object (compact JWS) or request (JSON), or an ISO/IEC 18013-5 "
                     "DeviceRequest (CBOR)")


def read(path):
    with open(os.path.join(e.ROOT, path), "rb") as f:
        return f.read()


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def version():
    with open(os.path.join(e.ROOT, "src/lib/api.c")) as f:
        return re.search(r'#define WRP_VERSION_STRING "([^"]*)"', f.read()).group(1)


def usage_errors(v):
    v.section("usage errors name the option and what it allows (stderr)")
    u = v.usage
    u("usage-says-unknown-option", ["audit", "--foo", BASIC],
      ["unknown option --foo (wrpcheck audit --help lists the options)"])
    u("usage-suggests-option", ["audit", "--ac-anchor", e.AC_ANCHORS, BASIC],
      ["unknown option --ac-anchor; did you mean --ac-anchors?"])
    u("usage-suggests-option-transposed", ["audit", "--fromat", "json", BASIC],
      ["unknown option --fromat; did you mean --format?"])
    u("usage-suggests-option-given-with-value", ["audit", "--statuslist=" + e.STATUS, BASIC],
      ["unknown option --statuslist; did you mean --status-list?"])
    u("usage-suggests-option-single-dash", ["audit", "-time", str(e.T), BASIC],
      ["unknown option -time; did you mean --time?"])
    u("usage-option-of-rc", ["audit", "--for-request", BASIC],
      ["--for-request is an option of wrpcheck rc, not of wrpcheck audit"])
    u("usage-option-of-audit", ["rc", "--register", e.AC_ANCHORS, REL + "rc/valid.jwt"],
      ["--register is an option of wrpcheck audit, not of wrpcheck rc"])
    u("usage-format-lists-values", ["audit", "--format", "yaml", BASIC],
      ["--format yaml: allowed values are text|json|html|csv|log\n"])
    u("usage-format-given-with-value-lists-values", ["audit", "--format=yaml", BASIC],
      ["--format yaml: allowed values are text|json|html|csv|log\n"])
    u("usage-rc-format-lists-values", ["rc", "--format", "xml", REL + "rc/valid.jwt"],
      ["wrpcheck rc: --format xml: allowed values are text|json\n"])
    u("usage-rc-format-log-is-audits", ["rc", "--format", "log", REL + "rc/valid.jwt"],
      ["wrpcheck rc: --format log: allowed values are text|json\n"])
    u("usage-csv-needs-a-batch", ["audit", "--format", "csv", BASIC],
      ["--format csv is one row per request of a --batch; for one request use text, json or html"])
    u("usage-mode-lists-values", ["audit", "--mode", "strict", BASIC],
      ["--mode strict: allowed values are enforce|warn"])
    u("usage-mode-suggests-value", ["audit", "--mode", "enforced", BASIC],
      ["--mode enforced: allowed values are enforce|warn; did you mean enforce?"])
    u("usage-kind-lists-values", ["audit", "--kind", "cbor", BASIC],
      ["--kind cbor: allowed values are openid4vp|mdoc"])
    u("usage-format-needs-value", ["audit", BASIC, "--format"], ["--format needs a value: text|json|html|csv|log\n"])
    u("usage-file-option-needs-value", ["audit", BASIC, "--crl"], ["--crl needs a value: FILE"])
    u("usage-flag-takes-no-value", ["audit", "--no-revocation=yes", BASIC],
      ["--no-revocation takes no value (given 'yes')"])
    u("usage-command-suggested", ["audti", BASIC], ["unknown command 'audti'; did you mean 'audit'?"])
    u("usage-option-before-command", ["--format", "json", "audit", BASIC],
      ["--format is an option of a command; give the command first (wrpcheck audit --format ...)"])
    u("usage-second-request-named", ["audit", BASIC, MISSING],
      ["more than one input file: " + BASIC + " and " + MISSING])

    v.section("--time: Unix seconds, or RFC 3339 UTC in exactly one form (SPEC.md 1a)")
    form = "written exactly as YYYY-MM-DDThh:mm:ssZ"
    for name, t in [("offset", "2027-01-01T01:00:00+01:00"), ("utc-offset", "2027-01-01T00:00:00+00:00"),
                    ("minus-zero", "2027-01-01T00:00:00-00:00"), ("lower-case", "2027-01-01t00:00:00z"),
                    ("fraction", "2027-01-01T00:00:00.5Z"), ("leap-second", "2016-12-31T23:59:60Z"),
                    ("no-seconds", "2027-01-01T00:00Z"), ("not-a-day", "2027-02-29T00:00:00Z"),
                    ("date-only", "2027-01-01"), ("word", "tomorrow")]:
        u("usage-time-" + name, ["audit", "--time", t, BASIC], ["--time " + t + ": expected Unix seconds", form])
    u("usage-time-before-1970", ["audit", "--time=1969-12-31T23:59:59Z", BASIC],
      ["--time 1969-12-31T23:59:59Z: before 1970-01-01T00:00:00Z"])


def wrong_inputs(v):
    v.section("input files that cannot be read or are of the wrong kind say so (INPUT_UNREADABLE)")
    un = v.unreadable
    un("unreadable-says-why", MISSING, [], fmt="text",
       text_has=["cannot read " + MISSING + ": No such file or directory"])
    un("unreadable-option-file-says-why", BASIC, ["--crl", MISSING], kind="openid4vp",
       stderr_has=["cannot read CRL file " + MISSING + ": No such file or directory"])
    un("unreadable-directory-says-batch", REL + "req", [], fmt="text",
       text_has=["cannot read testvectors/e2e/req: it is a directory (to judge every request in it, use "
                 "--batch testvectors/e2e/req)"])
    said = "transcript file " + e.AC_ANCHORS + " looks like PEM text; expected a CBOR SessionTranscript"
    un("transcript-pem", REL + "req/mdoc-allow.cbor", ["--transcript", e.AC_ANCHORS], kind="mdoc",
       stderr_has=[said])
    un("transcript-pem-text", REL + "req/mdoc-allow.cbor", ["--transcript", e.AC_ANCHORS], kind="mdoc",
       fmt="text", text_has=[said])
    un("transcript-json", REL + "req/mdoc-allow.cbor", ["--transcript", BASIC], kind="mdoc",
       stderr_has=["transcript file " + BASIC + " looks like a compact JWS; expected a CBOR SessionTranscript"])
    un("rc-out-of-band-pem", BASIC, ["--rc", e.AC_ANCHORS], kind="openid4vp",
       stderr_has=["registration certificate file " + e.AC_ANCHORS + " looks like PEM text; expected a "
                   "registration certificate (compact JWS or CWT)"])
    un("ac-anchors-given-a-request", BASIC, ["--ac-anchors", BASIC], kind="openid4vp",
       stderr_has=["AC anchors file " + BASIC + " cannot be used (it looks like a compact JWS, expected PEM or "
                   "DER certificates): malformed input"])
    un("status-list-given-a-certificate", BASIC, ["--status-list", e.AC_ANCHORS], kind="openid4vp",
       stderr_has=["status list file " + e.AC_ANCHORS + " cannot be used (it looks like PEM text, expected a "
                   "status list token (compact JWS or CWT))"])


def wrong_requests(v):
    v.section("requests of the wrong shape: REQUEST_MALFORMED naming what they look like (SPEC.md 9)")
    mdoc = read(REL + "req/mdoc-allow.cbor")
    jws = read(BASIC).strip()

    def shape(name, request, kind, says, ext="txt", args=(), fmt="text"):
        v.add(name, request, args=list(args), kind=kind, fmt=fmt, ext=ext, findings=[F("REQUEST_MALFORMED")],
              requested=[], text_has=says if fmt == "text" else ())

    shape("shape-hex", mdoc.hex().encode() + b"\n", "openid4vp",
          ["the request looks like hex text; expected " + OPENID4VP_OR_MDOC + ": decode the hex digits to bytes "
           "first"])
    shape("shape-hex-json", REL + "req/shape-hex.txt", "openid4vp", None, fmt="json")
    shape("shape-base64", base64.b64encode(mdoc) + b"\n", "openid4vp",
          ["the request looks like base64 text; expected " + OPENID4VP_OR_MDOC + ": decode the base64 first"])
    shape("shape-bom", b"\xef\xbb\xbf" + jws + b"\n", "mdoc",
          ["the request looks like text beginning with a byte order mark; expected " + OPENID4VP_OR_MDOC +
           ": remove the byte order mark"], ext="jwt")
    link = b"openid4vp://?client_id=x509_san_dns:" + e.RP_HOST.encode() + b"&request=" + jws + b"\n"
    shape("shape-link-request", link, "openid4vp",
          ["the request looks like a link (URL); expected " + OPENID4VP_OR_MDOC + ": its request parameter "
           "holds a compact JWS, judge that Request Object on its own"])
    shape("shape-link-request-json", REL + "req/shape-link-request.txt", "openid4vp", None, fmt="json")
    shape("shape-link-request-uri",
          b"https://rp.example.com/start?client_id=x509_san_dns%3Arp.example.com&request_uri=https%3A%2F%2F"
          b"rp.example.com%2Frequest%2F1\n", "openid4vp",
          ["the request looks like a link (URL); expected " + OPENID4VP_OR_MDOC + ": the Request Object is "
           "behind its request_uri, fetch it and judge that"])
    shape("shape-html", b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body></body></html>\n",
          "mdoc", ["the request looks like HTML; expected " + OPENID4VP_OR_MDOC], ext="html")
    shape("shape-pem", e.AC_ANCHORS, "openid4vp",
          ["the request looks like PEM text; expected " + OPENID4VP_OR_MDOC])
    shape("shape-jws-given-as-mdoc", BASIC, "mdoc",
          ["the request looks like a compact JWS; expected an ISO/IEC 18013-5 DeviceRequest (CBOR), as the "
           "kind given says"], args=["--kind", "mdoc"])
    shape("shape-cbor-given-as-openid4vp", REL + "req/mdoc-allow.cbor", "openid4vp",
          ["the request looks like binary data (CBOR or DER); expected an OpenID4VP Request Object (compact "
           "JWS) or request (JSON), as the kind given says"], args=["--kind", "openid4vp"])


def text_report(v):
    v.section("the text report: who, what against what, alternatives, and what it was made from")
    P = e.RC_PAYLOAD
    pid_ok = [sdjwt("pid", [c("given_name"), c("family_name")])]
    files = [(opt, path) for opt, path in zip(e.BASE[0::2], e.BASE[1::2]) if opt != "--time"]
    made_from = ["input SHA-256:  %s  %s" % (sha256(read(BASIC)), BASIC)]
    made_from += ["%s  %s %s" % (sha256(read(path)), opt, path) for opt, path in files]
    v.add("text-made-from", BASIC, fmt="text", query=pid_ok, rp=P, args=["--time=2027-01-01T00:00:00Z"],
          text_has=[TIME_LINE, "tool:           wrpcheck " + version(),
                    "information:    https://shop.example.nl\n", "support:        https://shop.example.nl/support\n",
                    "access cert:    CN=Example RP leaf,organizationIdentifier=" + e.LEI,
                    "  SAN:          DNS:" + e.RP_HOST + "\n"] + made_from)
    v.add("time-given-as-rfc3339", BASIC, base=False, query=pid_ok, rp=P,
          args=["--ac-anchors=" + e.AC_ANCHORS, "--crl=" + e.CRL, "--rc-anchors=" + e.RC_ANCHORS,
                "--status-list=" + e.STATUS, "--time=2027-01-01T00:00:00Z"])
    v.add("text-standard-input-named", BASIC, fmt="text", query=pid_ok, rp=P, stdin=True,
          text_has=["input SHA-256:  %s  - (standard input)" % sha256(read(BASIC))])

    v.add("text-shows-the-users-language", BASIC, fmt="text", query=pid_ok, rp=P, lang="nl,en",
          text_has=["purpose [en]:   Checking that the buyer is of age\n",
                    "service [nl]:   Webwinkel voor producten met een leeftijdsgrens\n"],
          text_lacks=["service [en]:"])
    v.add("text-every-language-without-lang", BASIC, fmt="text", query=pid_ok, rp=P,
          text_has=["service [en]:   Online shop for age-restricted goods\n",
                    "service [nl]:   Webwinkel voor producten met een leeftijdsgrens\n"])
    v.add("text-not-checked-without-registration", REL + "req/rc-missing.jwt", fmt="text", query=pid_ok,
          findings=[F("RC_MISSING")], sources=[],
          text_has=["relying party:  named only by its access certificate (no registration certificate was read)",
                    "access cert:    CN=Example RP leaf,organizationIdentifier=" + e.LEI,
                    "  SAN:          DNS:" + e.RP_HOST,
                    "requested:      not checked (no registration to compare with)\n  not checked pid      ",
                    "findings:\n  error   RC_MISSING"],
          text_lacks=["OVERASKED", "relying party:  - (-)", "intended use:   -"])

    # ISO/IEC 18013-5 Annex D: a DeviceRequest with no registration certificate at all.
    elements = ["family_name", "document_number", "driving_privileges", "issue_date", "expiry_date", "portrait"]
    annex_d = bytes.fromhex(read(ANNEX_D + "device_request.hex").decode().strip())
    transcript = v.put("annex-d-transcript.cbor",
                       bytes.fromhex(read(ANNEX_D + "session_transcript_bytes.hex").decode().strip()))
    query = [{"id": "0", "format": "mso_mdoc", "meta": {"doctype_value": e.MDL},
              "claims": [{"path": [e.MDL_NS, el]} for el in elements]}]
    findings = [F("AC_EXPIRED"), F("AC_PROFILE"), F("AC_REVOCATION_UNKNOWN"), F("RC_MISSING")]
    args = ["--ac-anchors", ANNEX_D + "reader_cert.pem", "--transcript", transcript, "--time", str(e.T)]
    v.add("annex-d-no-registration", annex_d, base=False, args=args, kind="mdoc", query=query,
          findings=findings, sources=[])
    v.add("annex-d-no-registration-text", REL + "req/annex-d-no-registration.cbor", base=False, args=args,
          kind="mdoc", fmt="text", query=query, findings=findings, sources=[],
          text_has=["requested:      not checked (no registration to compare with)",
                    "  not checked 0        org.iso.18013.5.1.mDL [\"org.iso.18013.5.1\",\"portrait\"] mso_mdoc",
                    "access cert:    CN=reader  [NOT verified]"],
          text_lacks=["OVERASKED"])

    # The alternatives the request offers under an overasked item: another credential set option
    # (registered or not), presenting none of a set that is not required, another claim set.
    q = [sdjwt("pid", [c("given_name"), c("birth_date")]), mdocq("pid_mdoc", [c(e.PID_NS, "age_over_18")])]
    sets = [{"options": [["pid"], ["pid_mdoc"]]}]
    v.add("text-alternatives-credential-set", e.request_object(e.params(q, sets=sets)), fmt="text", query=q, rp=P,
          findings=[OA("pid", e.PID, "birth_date")],
          text_has=["  OVERASKED   pid      urn:eudi:pid:1 [\"birth_date\"] dc+sd-jwt\n"
                    "              or instead: pid_mdoc (registered)\n"
                    "  registered  pid_mdoc "])
    other = "urn:example:unregistered:1"
    q = [sdjwt("pid", [c("birth_date")]), sdjwt("other", [c("x")], vct=[other])]
    sets = [{"options": [["pid"], ["other"]], "required": False}]
    v.add("text-alternatives-optional-set", e.request_object(e.params(q, sets=sets)), fmt="text", query=q, rp=P,
          findings=[OA("pid", e.PID, "birth_date"), OAC("other", other)],
          text_has=["  OVERASKED   pid      urn:eudi:pid:1 [\"birth_date\"] dc+sd-jwt\n"
                    "              or instead: other (not registered)\n"
                    "              or none of them: the credential set is not required\n"])
    q = [sdjwt("pid", [c("given_name", cid="g"), c("birth_date", cid="b"), c("family_name", cid="f")],
               claim_sets=[["b", "f"], ["g", "f"]])]
    v.add("text-alternatives-claim-set", e.request_object(e.params(q)), fmt="text", query=q, rp=P,
          findings=[OA("pid", e.PID, "birth_date")],
          text_has=["  OVERASKED   pid      urn:eudi:pid:1 [\"birth_date\"] dc+sd-jwt\n"
                    "              or instead: claim set 1 of pid (registered)\n"
                    "  registered  pid      urn:eudi:pid:1 [\"family_name\"]"])

    v.section("times in messages are RFC 3339")
    expired = e.rc_payload(exp=e.T - e.DAY)
    v.add("text-rc-expired-says-when", REL + "req/rc-expired.jwt", fmt="text", query=pid_ok, rp=expired,
          findings=[F("RC_EXPIRED")],
          text_has=["registration certificate expired at 2026-12-31T00:00:00Z (time 2027-01-01T00:00:00Z)"])


def build(v):
    usage_errors(v)
    wrong_inputs(v)
    wrong_requests(v)
    text_report(v)
