#!/bin/bash
# check.sh: drive the bash completion as bash would, and check what it offers.
# Usage: check.sh SOURCE_DIR PLAN_VALIDATE
set -u
source_dir=$1
validate=$2
bc=/usr/share/bash-completion/bash_completion
[ -r "$bc" ] || { echo "check.sh: bash-completion is not installed" >&2; exit 1; }
# shellcheck disable=SC1090
. "$bc"
# shellcheck disable=SC1091
. "$source_dir/cmd/completion/plan-tools.bash"

fails=0
# offers LINE WORD...: completing LINE (cursor at its end) offers every WORD.
offers()
{
    local line=$1; shift
    read -r -a COMP_WORDS <<<"$line"
    [[ $line == *' ' ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    _plan_tools
    local want got
    for want in "$@"; do
        got=no
        for c in "${COMPREPLY[@]}"; do [[ $c == "$want" ]] && got=yes; done
        if [[ $got == no ]]; then
            echo "check.sh: '$line' does not offer '$want' (offered: ${COMPREPLY[*]})" >&2
            fails=$((fails + 1))
        fi
    done
}

# offers_not LINE WORD...: completing LINE offers none of the WORDs.
offers_not()
{
    local line=$1; shift
    read -r -a COMP_WORDS <<<"$line"
    [[ $line == *' ' ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    _plan_tools
    local bad c
    for bad in "$@"; do
        for c in "${COMPREPLY[@]}"; do
            if [[ $c == "$bad" ]]; then
                echo "check.sh: '$line' offers '$bad', which is not its option" >&2
                fails=$((fails + 1))
            fi
        done
    done
}

cd "$source_dir/examples/strangnas" || exit 1
offers "plan-link " trace tree orphans matrix graph
offers "plan-link trace GST-" GST-A1 GST-A2
offers "plan-link tree KF-" KF-1 KF-10
offers "plan-link graph --from SU-" SU-2026-1
offers "plan-link matrix --format " md csv json
offers "plan-validate --" --strict --format --base --rev
offers "plan-validate --format " text json sarif github gitlab junit tap
# PATH or FILE...: directories and plan files; --stdin-filename names one.
offers "plan-validate " styrmodell.yaml planer
offers "plan-validate --" --stdin-filename
offers "plan-validate --stdin-filename " styrmodell.yaml
offers "plan-validate --" --lang --list-rules --explain
offers "plan-validate --lang " sv en
offers "plan-link trace --lang " sv en
offers "plan-report --lang " sv en
# Rule ids come from the binary being completed, as typed.
offers "$validate --explain activity-" activity-undated activity-unassigned
offers "$validate --explain " yaml-syntax no-trace limit
offers_not "$validate --explain activity-" no-trace
offers "plan-report " followup plan kpis calendar export site
offers "plan-report export --format " json csv
offers "plan-report followup --period " dr1 dr2 ar
offers "plan-report followup --owner b" bun
offers "plan-report followup --owner k" kommun
offers_not "plan-report followup --owner KF" KF-1
offers "plan-link trace --" --max-chains --format
offers "plan-link suspect --" --since
offers "plan-report kpis --" --kolada --lang
offers "plan-report followup --" --kolada --owner
offers "plan-report site --" --year --kolada
offers "plan-validate --" --cache --no-cache
offers "plan-link trace --" --cache --no-cache
# Options of other commands are not offered.
offers_not "plan-link trace --" --since --from
offers_not "plan-report kpis --" --period --owner
# plan-lsp: its own few options, none of the others'.
offers "plan-lsp --" --stdio --lang --limit --help --version
offers "plan-lsp --lang " sv en
offers "plan-lsp --limit " file-size= files=
offers_not "plan-lsp --" --format --root --rev --strict --cache
offers_not "plan-lsp " trace followup
[ "$fails" -eq 0 ] && echo "check.sh: completion offers what it should"
exit $((fails > 0))
