# bash completion for plan-validate, plan-link, plan-report and plan-lsp:
# commands, options, and the ids of the plan set where an id is expected.
# Installed once per command name under share/bash-completion/completions/.

# The plan set's root: the nearest directory at or above $1 with a
# styrmodell.yaml.
_plan_root()
{
    local dir=${1:-.}
    dir=$(cd -- "$dir" 2>/dev/null && pwd -P) || return 1
    while [[ -n $dir ]]; do
        [[ -f $dir/styrmodell.yaml ]] && { printf '%s\n' "$dir"; return 0; }
        [[ $dir == / ]] && return 1
        dir=${dir%/*}
        [[ -z $dir ]] && dir=/
    done
    return 1
}

# Every id defined in the plan set (read from the YAML text, which is enough
# for completion and needs no parse).
_plan_ids()
{
    local root
    root=$(_plan_root "${1:-.}") || return
    grep -rhoE --include='*.yaml' --include='*.yml' \
        '(^|[{ ,-])id: *"?[A-Za-z0-9][A-Za-z0-9_.-]*' "$root" 2>/dev/null |
        sed -E 's/.*id: *"?//' | sort -u
}

# Revisions to offer: HEAD, tags and branches of the repository here.
_plan_revisions()
{
    COMPREPLY=($(compgen -W "HEAD HEAD~1 $(git tag 2>/dev/null) $(git branch --format='%(refname:short)' 2>/dev/null)" -- "$cur"))
}

# The rule ids, from the plan-validate being completed (the catalogue is
# compiled into it, so the list is always its own).
_plan_rules()
{
    "$1" --list-rules --format json 2>/dev/null |
        grep -oE '"id": "[a-z0-9-]+"' | sed -E 's/"id": "//; s/"$//'
}

# The ids of bodies, offices and units: those defined in the plan set's
# organisation document(s).
_plan_org_ids()
{
    local root
    root=$(_plan_root "${1:-.}") || return
    grep -rlE --include='*.yaml' --include='*.yml' '^kind: *"?organisation' "$root" 2>/dev/null |
        xargs -r grep -hoE '(^|[{ ,-])id: *"?[A-Za-z0-9][A-Za-z0-9_.-]*' 2>/dev/null |
        sed -E 's/.*id: *"?//' | sort -u
}

_plan_tools()
{
    local cur prev words cword
    _init_completion || return
    local cmd=${words[0]##*/} sub="" i
    local common="--root --rev -o -j --format --limit --cache --no-cache --help --version"

    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
        -*) ;;
        *) if [[ ${words[i-1]} != @(-o|-j|--root|--rev|--base|--format|--from|--owner|--period|--year|--kolada|--lang|--explain|--width|--max-chains|--since|--limit|--cache|--stdin-filename) ]]; then
               sub=${words[i]}; break
           fi ;;
        esac
    done

    case $prev in
    --root|-o|--kolada) _filedir; return ;;
    --cache) _filedir -d; return ;;
    --stdin-filename) _filedir '@(yaml|yml)'; return ;;
    -j|--width|--max-chains|--year) return ;;
    --limit) COMPREPLY=($(compgen -W "file-size= scalar-size= depth= alias-nodes= documents= files=" -- "$cur")); compopt -o nospace; return ;;
    --rev|--base|--since) _plan_revisions; return ;;
    --lang) COMPREPLY=($(compgen -W "sv en" -- "$cur")); return ;;
    --explain) COMPREPLY=($(compgen -W "$(_plan_rules "${words[0]}")" -- "$cur")); return ;;
    --period) COMPREPLY=($(compgen -W "dr1 dr2 ar" -- "$cur")); return ;;
    --from) COMPREPLY=($(compgen -W "$(_plan_ids)" -- "$cur")); return ;;
    --owner) COMPREPLY=($(compgen -W "$(_plan_org_ids) kommun" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --rule) COMPREPLY=($(compgen -W "$(plan-validate --list-rules --format json 2>/dev/null | sed -n 's/.*"id": "\([a-z0-9-]*\)".*"configurable": true.*/\1=/p')" -- "$cur")); compopt -o nospace 2>/dev/null; return ;;
    --format)
        case $cmd/$sub in
        plan-validate/*) COMPREPLY=($(compgen -W "text json sarif github gitlab junit tap" -- "$cur")) ;;
        plan-link/matrix) COMPREPLY=($(compgen -W "md csv json" -- "$cur")) ;;
        plan-link/graph) COMPREPLY=($(compgen -W "dot mermaid json" -- "$cur")) ;;
        plan-link/diff) COMPREPLY=($(compgen -W "text json md" -- "$cur")) ;;
        plan-link/*) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
        plan-report/calendar) COMPREPLY=($(compgen -W "md text json html ics" -- "$cur")) ;;
        plan-report/export) COMPREPLY=($(compgen -W "json csv" -- "$cur")) ;;
        plan-report/*) COMPREPLY=($(compgen -W "md text json html" -- "$cur")) ;;
        esac
        return ;;
    esac

    case $cmd in
    plan-validate)
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$common --strict --base --lang --list-rules --explain --rule -q --quiet --color --stdin-filename" -- "$cur"))
        else
            # PATH, or files of the plan set (plan-validate FILE...).
            _filedir '@(yaml|yml)'
        fi ;;
    plan-link)
        local -A own=([trace]="--max-chains" [tree]="--width" [graph]="--from"
                      [suspect]="--since" [orphans]="" [matrix]="" [diff]="")
        if [[ -z $sub ]]; then
            COMPREPLY=($(compgen -W "trace tree orphans matrix graph diff suspect" -- "$cur"))
        elif [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$common --lang ${own[$sub]}" -- "$cur"))
        elif [[ $sub == @(trace|tree) ]]; then
            COMPREPLY=($(compgen -W "$(_plan_ids)" -- "$cur"))
        elif [[ $sub == diff ]]; then
            _plan_revisions
        else
            _filedir -d
        fi ;;
    plan-report)
        if [[ -z $sub ]]; then
            COMPREPLY=($(compgen -W "followup plan kpis calendar export site" -- "$cur"))
        elif [[ $cur == -* ]]; then
            local -A own=([followup]="--period --year --owner --kolada" [plan]="--owner"
                          [kpis]="--kolada" [calendar]="--year" [export]=""
                          [site]="--year --kolada")
            COMPREPLY=($(compgen -W "$common --lang ${own[$sub]}" -- "$cur"))
        else
            _filedir -d
        fi ;;
    plan-lsp)
        # An editor starts it; these are what its command line takes.
        [[ $cur == -* ]] &&
            COMPREPLY=($(compgen -W "--stdio --lang -j --limit -h --help --version" -- "$cur")) ;;
    esac
}

complete -F _plan_tools plan-validate plan-link plan-report plan-lsp
