#!/usr/bin/env bash
# Mutation testing of the decision modules of escalation and points (not run in CI: it
# takes tens of minutes on two cores). Configured in pyproject.toml, [tool.mutmut]; the
# score and the surviving mutants judged equivalent are in docs/testing.md.
#
#   .venv/bin/pip install -e '.[mutation]' && bench/mutation.sh
#
# Then `.venv/bin/mutmut results` lists the survivors and `.venv/bin/mutmut show NAME`
# shows one. MUTMUT names another mutmut (another virtualenv's); JOBS the processes.
# PYTHONPATH is cleared: mutmut copies src/ to mutants/ and puts that copy first.
set -euo pipefail
cd "$(dirname "$0")/.."
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-fast}"
MUTMUT="${MUTMUT:-.venv/bin/mutmut}"
unset PYTHONPATH
rm -rf mutants
"$MUTMUT" run --max-children "${JOBS:-2}"
"$MUTMUT" results
