#!/usr/bin/env bash
# Mutation testing of the decision modules of escalation and points (not run in CI: it
# takes tens of minutes on two cores). Configured in pyproject.toml, [tool.mutmut]; the
# score and the surviving mutants judged equivalent are in docs/testing.md.
#
#   .venv/bin/pip install -e '.[mutation]' && bench/mutation.sh
#
# Then `.venv/bin/mutmut results` lists the survivors and `.venv/bin/mutmut show NAME`
# shows one.
set -euo pipefail
cd "$(dirname "$0")/.."
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-fast}"
rm -rf mutants
.venv/bin/mutmut run --max-children "${JOBS:-2}"
.venv/bin/mutmut results
