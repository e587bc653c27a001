"""End-to-end cases: registrar datasets sent beside the registration certificate (contract v1.1,
"Registrar data sent beside the certificate", ETSI TS 119 472-2 V1.3.1).

OpenID4VP carries the dataset as a verifier_info entry of format registrar_dataset whose data is
the JSON object; a DeviceRequest as requestInfo["euWrpRegistrarInfo"], a CBOR map or a byte string
holding the JSON object. The dataset never replaces the certificate (RC_MISSING without one); when
the certificate verified, the dataset's identifier list must hold its sub, intendedUseIdentifier
equal its intended_use_id and registryURI its registry_uri, each compared when both sides have it:
a disagreement is REGISTRAR_DATASET_MISMATCH, a warning, so the verdict stays allow. A dataset that
is not an object is ignored (VERIFIER_INFO_IGNORED, info). Findings of the comparison come right
after those of the registration certificate. Built by gen_e2e.py (build_topics).
"""

import json

import gen_e2e
from gen_e2e import DEL, F, PID_NS, MDL, MDL_NS, REL, c, sdjwt

P = gen_e2e.RC_PAYLOAD
SUB = P["sub"]
IU = P["intended_use_id"]
REGISTRY = P["registry_uri"]
MISMATCH = "REGISTRAR_DATASET_MISMATCH"


def dataset(**changes):
    """A registrar dataset (TS 119 472-2 members, as the a-sit-plus/vck test writes them) that
    agrees with the e2e registration certificate."""
    d = {
        "identifier": [{"type": "http://data.europa.eu/eudi/id/EUID", "identifier": "NL.KVK.12345678"},
                       {"type": "LEI", "identifier": SUB}],
        "srvDescription": [{"lang": "en", "content": "Online shop for age-restricted goods"}],
        "registryURI": REGISTRY,
        "intendedUseIdentifier": IU,
        "purpose": [{"lang": "en", "content": "Checking that the buyer is of age"}],
        "policyURI": "https://shop.example.nl/privacy",
        "credential": [{"format": "dc+sd-jwt", "meta": {"vct_values": [gen_e2e.PID]},
                        "claim": [{"path": ["given_name"]}, {"path": ["family_name"]}]}],
    }
    return gen_e2e.patch(d, **changes)


def mismatch(cid=None):
    return F(MISMATCH, cid=cid, severity="warning")


def ignored(cid=None):
    return F("VERIFIER_INFO_IGNORED", cid=cid)


class RDoc(gen_e2e.Doc):
    """A DocRequest whose requestInfo is given whole (euWrprc, euWrpRegistrarInfo, other keys)."""

    def __init__(self, doc_type, name_spaces, info):
        self.doc_type, self.name_spaces, self.alternatives = doc_type, name_spaces, []
        self.items = gen_e2e.gen_mdoc.items_request(doc_type, name_spaces, info)


def build(v):
    pid_ok = [sdjwt("pid", [c("given_name"), c("family_name")])]
    rc_entry = {"format": "registration_cert", "data": gen_e2e.RC_VALID.decode("ascii")}

    def o4vp(name, entries, findings=(), rp=P, **kw):
        """entries: the verifier_info entries; the registration certificate is added after them
        unless rp is None."""
        vi = list(entries) + ([rc_entry] if rp is not None else [])
        v.add(name, gen_e2e.request_object(gen_e2e.params(pid_ok, verifier_info=vi)), query=pid_ok,
              rp=rp, findings=findings, sources=None if rp is not None else [], **kw)

    def rd(data):
        return {"format": "registrar_dataset", "data": data}

    # -----------------------------------------------------------------------------------------
    v.section("registrar datasets in verifier_info (TS 119 472-2): compared with the certificate")
    o4vp("registrar-o4vp-agrees", [rd(dataset())])
    o4vp("registrar-o4vp-identifier-string", [rd(dataset(identifier=SUB))])
    o4vp("registrar-o4vp-identifier-differs",
         [rd(dataset(identifier=[{"type": "LEI", "identifier": "LEIXG-000000000000000000000"}]))],
         [mismatch()])
    o4vp("registrar-o4vp-identifier-string-differs",
         [rd(dataset(identifier="urn:eu:wrp:eu:12345678901:0001"))], [mismatch()])
    o4vp("registrar-o4vp-identifier-empty", [rd(dataset(identifier=[]))], [mismatch()])
    o4vp("registrar-o4vp-identifier-unreadable", [rd(dataset(identifier=[SUB]))], [mismatch()])
    o4vp("registrar-o4vp-intended-use-differs", [rd(dataset(intendedUseIdentifier="iu-other"))],
         [mismatch()])
    o4vp("registrar-o4vp-registry-uri-differs",
         [rd(dataset(registryURI="https://registry.example.eu/api/v1"))], [mismatch()])
    o4vp("registrar-o4vp-registry-uri-not-normalised", [rd(dataset(registryURI=REGISTRY + "/"))],
         [mismatch()])
    o4vp("registrar-o4vp-every-member-differs",
         [rd(dataset(identifier="x", intendedUseIdentifier="y", registryURI="https://z.example"))],
         [mismatch(), mismatch(), mismatch()])
    o4vp("registrar-o4vp-only-unread-members",
         [rd(dataset(identifier=DEL, intendedUseIdentifier=DEL, registryURI=DEL))])
    vi = [rc_entry, rd(dataset(intendedUseIdentifier="iu-other"))]
    v.add("registrar-o4vp-entry-after-certificate",
          gen_e2e.request_object(gen_e2e.params(pid_ok, verifier_info=vi)), query=pid_ok, rp=P,
          findings=[mismatch()])
    o4vp("registrar-o4vp-two-datasets-each-compared",
         [rd(dataset()), rd(dataset(registryURI="https://registry.example.eu/api/v1"))], [mismatch()])
    o4vp("registrar-o4vp-not-an-object", [rd(json.dumps(dataset()))], [ignored()])
    o4vp("registrar-o4vp-no-data", [{"format": "registrar_dataset"}], [ignored()])
    o4vp("registrar-o4vp-without-certificate", [rd(dataset())], [F("RC_MISSING")], rp=None)
    o4vp("registrar-o4vp-without-certificate-differs", [rd(dataset(identifier="x"))],
         [F("RC_MISSING")], rp=None)
    o4vp("registrar-o4vp-not-an-object-without-certificate", [rd([dataset()])],
         [F("RC_MISSING"), ignored()], rp=None)
    v.add("registrar-o4vp-certificate-out-of-band",
          gen_e2e.request_object(gen_e2e.params(pid_ok, verifier_info=[rd(dataset(identifier="x"))])),
          args=["--rc", REL + "rc/valid.jwt"], query=pid_ok, rp=P, findings=[mismatch()])
    rogue = gen_e2e.rc_jwt(signer=gen_e2e.RC_PKI.signer("rogue_signer"))
    vi = [rd(dataset(identifier="x")), {"format": "registration_cert", "data": rogue.decode("ascii")}]
    v.add("registrar-o4vp-certificate-unverified-not-compared",
          gen_e2e.request_object(gen_e2e.params(pid_ok, verifier_info=vi)), query=pid_ok,
          findings=[F("RC_UNTRUSTED")])

    # -----------------------------------------------------------------------------------------
    v.section("registrar datasets in requestInfo.euWrpRegistrarInfo (TS 119 472-2)")
    tr = REL + "transcript.cbor"
    rc = gen_e2e.RC_VALID
    pid = {PID_NS: {"age_over_18": False, "given_name": True}}
    mdl = {MDL_NS: {"portrait": False}}

    def mdoc(name, docs, findings=(), rp=P):
        query = [d.query(i) for i, d in enumerate(docs)]
        v.add(name, gen_e2e.device_request(docs), args=["--transcript", tr], kind="mdoc",
              query=query, rp=rp, sources=[("rc", gen_e2e.RC_CREDS)] if rp is not None else [],
              findings=findings)

    as_bstr = json.dumps(dataset()).encode()
    mdoc("registrar-mdoc-map-agrees", [RDoc(PID_NS, pid, {"euWrprc": rc, "euWrpRegistrarInfo": dataset()})])
    mdoc("registrar-mdoc-map-identifier-string",
         [RDoc(PID_NS, pid, {"euWrprc": rc, "euWrpRegistrarInfo": dataset(identifier=SUB)})])
    mdoc("registrar-mdoc-map-intended-use-differs",
         [RDoc(PID_NS, pid, {"euWrprc": rc,
                             "euWrpRegistrarInfo": dataset(intendedUseIdentifier="identity-verification")})],
         [mismatch("0")])
    mdoc("registrar-mdoc-map-identifier-differs",
         [RDoc(PID_NS, pid, {"euWrprc": rc, "euWrpRegistrarInfo": dataset(identifier=[
             {"type": "organizationIdentifier", "identifier": "VATIT-EXAMPLE-RP"}])})],
         [mismatch("0")])
    mdoc("registrar-mdoc-bstr-json-agrees",
         [RDoc(PID_NS, pid, {"euWrprc": rc, "euWrpRegistrarInfo": as_bstr})])
    mdoc("registrar-mdoc-bstr-json-registry-uri-differs",
         [RDoc(PID_NS, pid, {"euWrprc": rc, "euWrpRegistrarInfo": json.dumps(dataset(
             registryURI="https://registry.example.org/entities/example-rp")).encode()})],
         [mismatch("0")])
    mdoc("registrar-mdoc-bstr-not-json", [RDoc(PID_NS, pid, {"euWrprc": rc, "euWrpRegistrarInfo": b"\xa0"})],
         [ignored("0")])
    mdoc("registrar-mdoc-text-not-map",
         [RDoc(PID_NS, pid, {"euWrprc": rc, "euWrpRegistrarInfo": json.dumps(dataset())})],
         [ignored("0")])
    mdoc("registrar-mdoc-two-docs-each-compared",
         [RDoc(PID_NS, pid, {"euWrprc": rc, "euWrpRegistrarInfo": dataset()}),
          RDoc(MDL, mdl, {"euWrprc": rc, "euWrpRegistrarInfo": dataset(intendedUseIdentifier="iu-other")})],
         [mismatch("1")])
    mdoc("registrar-mdoc-without-certificate", [RDoc(PID_NS, pid, {"euWrpRegistrarInfo": dataset()})],
         [F("RC_MISSING")], rp=None)
    mdoc("registrar-mdoc-misspelt-certificate-key", [RDoc(PID_NS, pid, {"eUWrprc": rc})],
         [F("RC_MISSING")], rp=None)
    mdoc("registrar-mdoc-misspelt-certificate-key-with-dataset",
         [RDoc(PID_NS, pid, {"eUWrprc": rc, "EUWRPRC": rc, "euWrpRegistrarInfo": dataset()})],
         [F("RC_MISSING")], rp=None)
