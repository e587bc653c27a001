"""End-to-end cases of contract v1.1 `--lang LIST`: the result's `display`, the purpose and the
service description a consent screen shows, each chosen by RFC 4647 lookup (each tag of the list
in order, then shortened at each '-' from the right, case-insensitive; no hit: the certificate's
first entry); null unless the relying party is verified. Built by gen_e2e.py (build_topics).
"""

import gen_e2e as e

PURPOSE = [{"lang": "en", "value": "Checking that the buyer is of age"},
           {"lang": "nl", "value": "Controleren dat de koper meerderjarig is"},
           {"lang": "de-AT", "value": "Altersnachweis des Käufers"}]
SRV = [{"lang": "nl", "value": "Webwinkel voor producten met een leeftijdsgrens"},
       {"lang": "en-GB", "value": "Online shop for age-restricted goods"}]


def build(v):
    c, sdjwt = e.c, e.sdjwt
    pid_ok = [sdjwt("pid", [c("given_name"), c("family_name")])]
    multi = e.rc_payload(purpose=PURPOSE, srv_description=SRV)
    req = e.request_object(e.params(pid_ok, rc=e.rc_jwt(multi)))

    def case(name, lang, payload=multi, request=None, **kw):
        v.add(name, request if request is not None else e.request_object(e.params(pid_ok, rc=e.rc_jwt(payload))),
              query=pid_ok, rp=payload, lang=lang, **kw)

    # ---------------------------------------------------------------------------------------
    v.section("--lang: the purpose and service description to show (contract v1.1 display)")
    case("display-first-tag", "nl", request=req)
    case("display-later-tag", "fr,en", request=e.REL + "req/display-first-tag.jwt")
    case("display-shortened", "de-AT-x-shop", request=e.REL + "req/display-first-tag.jwt")
    case("display-region-not-widened", "en-US,nl", request=e.REL + "req/display-first-tag.jwt")
    case("display-case-insensitive", "NL-be", request=e.REL + "req/display-first-tag.jwt")
    case("display-no-hit-first-entry", "fr,it", request=e.REL + "req/display-first-tag.jwt")
    # only a verified relying party is shown
    v.add("display-unverified", e.REL + "req/rc-untrusted.jwt", query=pid_ok, rp=None,
          findings=[e.F("RC_UNTRUSTED")], lang="nl")
    v.add("display-mdoc", e.REL + "req/mdoc-allow.cbor", kind="mdoc",
          args=["--transcript", e.REL + "transcript.cbor"],
          query=[e.Doc(e.PID_NS, {e.PID_NS: {"age_over_18": False, "given_name": True}}, e.RC_VALID).query(0)],
          rp=e.RC_PAYLOAD, lang="en")
