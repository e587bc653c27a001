#!/bin/sh
# The main job on bundled sample data.
set -eu
cli=${1:-build/wrpcheck}
"$cli" --version
