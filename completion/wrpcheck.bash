# bash completion for wrpcheck(1): commands, options, option values and file names.
# Installed as $(PREFIX)/share/bash-completion/completions/wrpcheck (loaded on demand by
# bash-completion), or read with `. completion/wrpcheck.bash`. Needs nothing else.

# Options that take a file, and options that take another value, per command.
_wrpcheck_file_options='--ac-anchors --rc-anchors --status-list --lote --lote-signer --crl'
_wrpcheck_audit_file_options="$_wrpcheck_file_options --rc --register --register-anchors --transcript --disclosure-policy --batch"
_wrpcheck_rc_file_options="$_wrpcheck_file_options --ac-chain"
_wrpcheck_audit_value_options='--client-id --origin --lang --transaction-data-type --kind --time --mode --format'
_wrpcheck_rc_value_options='--time --format'
_wrpcheck_audit_flags='--no-revocation --help'
_wrpcheck_rc_flags='--no-revocation --for-request --help'
_wrpcheck_inspect_value_options='--format --index'
_wrpcheck_inspect_flags='--help'

# Completes file names (directories too, for --batch DIR and for descending).
_wrpcheck_files()
{
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$1")
}

_wrpcheck()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    COMPREPLY=()
    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W 'audit rc inspect --help --version' -- "$cur"))
        return 0
    fi
    local cmd=${COMP_WORDS[1]} files values flags
    case $cmd in
    audit)
        files=$_wrpcheck_audit_file_options values=$_wrpcheck_audit_value_options
        flags=$_wrpcheck_audit_flags
        ;;
    rc)
        files=$_wrpcheck_rc_file_options values=$_wrpcheck_rc_value_options flags=$_wrpcheck_rc_flags
        ;;
    inspect)
        files= values=$_wrpcheck_inspect_value_options flags=$_wrpcheck_inspect_flags
        ;;
    *)
        return 0
        ;;
    esac

    # The option whose value the current word is, if any: an option that takes a value consumes
    # the next word, whatever it looks like (as wrpcheck reads its arguments), unless the value
    # follows = in the same word (bash splits --format=json into --format, = and json).
    local i word owner=
    for ((i = 2; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ " $files $values " == *" $word "* ]]; then
            if [[ ${COMP_WORDS[i + 1]} == = ]]; then
                if ((i + 1 == COMP_CWORD || i + 2 == COMP_CWORD)); then
                    owner=$word
                fi
                ((i += 2))
                continue
            fi
            if ((i + 1 == COMP_CWORD)); then
                owner=$word
            fi
            ((i++))
        fi
    done
    [[ $cur == = ]] && cur=

    if [[ -n $owner ]]; then
        case $owner in
        --format)
            if [[ $cmd == audit ]]; then
                COMPREPLY=($(compgen -W 'text json log html csv' -- "$cur"))
            else
                COMPREPLY=($(compgen -W 'text json' -- "$cur"))
            fi
            ;;
        --mode) COMPREPLY=($(compgen -W 'enforce warn' -- "$cur")) ;;
        --kind) COMPREPLY=($(compgen -W 'openid4vp mdoc' -- "$cur")) ;;
        --time) COMPREPLY=($(compgen -W "$(date +%s) $(date -u +%Y-%m-%dT%H:%M:%SZ)" -- "$cur")) ;;
        --client-id | --origin | --lang | --transaction-data-type | --index) ;;
        *) _wrpcheck_files "$cur" ;;
        esac
        return 0
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$files $values $flags" -- "$cur"))
    else
        _wrpcheck_files "$cur"
    fi
    return 0
}

complete -F _wrpcheck wrpcheck
