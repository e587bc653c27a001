#!/bin/sh
# The main job on bundled sample data: audit two OpenID4VP requests of the sample relying party
# "Example Shop" at the vectors' fixed time (2027-01-01) with the sample trust anchors, status
# list and CRL. The first asks for what its registration certificate allows: allow. The second is
# the same request judged against the register too, whose intended use registers less: the
# address it asks for is overasking, and the wallet must deny. The third is an intermediated
# request (contract v1.1): a platform signs for the shop it serves.
set -u
cli=${1:-build/wrpcheck}
common="--ac-anchors testvectors/pki/ac-int.pem --crl testvectors/crl/current.pem
        --rc-anchors testvectors/rc/pki/rc-root.pem --status-list testvectors/rc/sl-valid.jwt
        --time 1798761600"
request=testvectors/o4vp/valid-san-dns.jwt
"$cli" --version
echo
echo "== 1. $request against its registration certificate"
"$cli" audit $common "$request"
echo "exit status $?"
echo
echo "== 2. the same request, also against the register (testvectors/register/valid.jwt)"
"$cli" audit $common --register testvectors/register/valid.jwt \
    --register-anchors testvectors/register/pki/reg-root.pem "$request"
echo "exit status $?"
echo
echo "== 2 again, as the JSON result of the CLI contract"
"$cli" audit $common --register testvectors/register/valid.jwt \
    --register-anchors testvectors/register/pki/reg-root.pem --format json "$request"
echo "exit status $?"
echo
intermediated=testvectors/e2e/req/intermediary-allow.jwt
echo "== 3. $intermediated: a platform (the intermediary, with its own access certificate)"
echo "   asks on behalf of a shop (the served party, whose registration certificate names it)"
"$cli" audit --ac-anchors testvectors/pki/ac-root.pem --crl testvectors/crl/current.pem \
    --rc-anchors testvectors/rc/pki/rc-root.pem --status-list testvectors/rc/sl-valid.jwt \
    --time 1798761600 "$intermediated"
echo "exit status $?"
exit 0
