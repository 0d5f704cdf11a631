# Shared by the stand-ins: where to record, and how.
# shellcheck shell=bash
: "${FEDI_TEST_RECORDS:?FEDI_TEST_RECORDS is not set}"
: "${FEDI_TEST_STATE:?FEDI_TEST_STATE is not set}"

# record NAME ARGS...: one line per call, each argument shell-quoted so that the line is exact.
record() {
    local name=$1; shift
    { printf '%s' "$name"; printf ' %q' "$@"; printf '\n'; } >> "$FEDI_TEST_RECORDS/commands.log"
}

fail() {
    echo "$*" >&2
    exit 1
}
