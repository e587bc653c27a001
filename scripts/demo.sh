#!/bin/sh
# The main job on bundled sample data: verify two registration certificates of the sample relying
# party against the sample trust anchors at the vectors' fixed time (2027-01-01): one that is
# allowed, one whose status list says it was revoked.
set -u
cli=${1:-build/wrpcheck}
v=testvectors/rc
common="--rc-anchors $v/pki/rc-root.pem --ac-anchors $v/pki/ac-root.pem --ac-chain $v/pki/ac-leaf.pem
        --time 1798761600 --for-request"
"$cli" --version
echo
echo "== $v/valid.jwt (status list: valid)"
"$cli" rc $common --status-list $v/sl-valid.jwt $v/valid.jwt
echo "exit status $?"
echo
echo "== $v/revoked-invalid.jwt (status list: INVALID at its index)"
"$cli" rc $common --status-list $v/sl-valid.jwt $v/revoked-invalid.jwt
echo "exit status $?"
echo
echo "== the same, as the JSON result"
"$cli" rc $common --status-list $v/sl-valid.jwt --format json $v/revoked-invalid.jwt
echo "exit status $?"
exit 0
