#!/usr/bin/env bash
# Release build of Redo without cargo-leptos: the server with cargo, the browser bundle with
# cargo + wasm-bindgen-cli + wasm-opt (npm binaryen), into the layout cargo-leptos writes
# (target/site/pkg/redo.{js,wasm,css}, public/* at the site root), with the compile-time settings
# cargo-leptos uses (LEPTOS_OUTPUT_NAME from .cargo/config.toml, the wasm-release profile, the
# hydrate feature without default features). `cargo leptos build --release` gives the same site.
#
# Environment: CARGO_TARGET_DIR (where cargo builds), SITE_ROOT (default target/site).
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=${CARGO_TARGET_DIR:-target}
site=${SITE_ROOT:-target/site}
name=redo
wasm_bindgen_version=$(sed -n '/^name = "wasm-bindgen"$/{n;s/version = "\(.*\)"/\1/p;}' Cargo.lock)
started=$SECONDS

step() { printf '\n==> %s\n' "$*"; step_started=$SECONDS; }
done_step() { printf '    klart på %s\n' "$(elapsed $((SECONDS - step_started)))"; }
elapsed() { printf '%d min %02d s' $(($1 / 60)) $(($1 % 60)); }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "Lägger till rustup-målet wasm32-unknown-unknown (sekunder)"
  rustup target add wasm32-unknown-unknown
  done_step
fi

log_dir=${TMPDIR:-/tmp}

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock. Without --locked: the CLI's
# own lockfile names a crate version the registry no longer has. Without default features: they
# only add TLS for the test runner's downloads. At opt-level 1 it builds in about half the time
# and still processes our bundle in a second or two. It runs beside the server build, which leaves
# a core idle while it compiles or links its biggest crates on one thread. (Building the browser
# bundle beside them as well was measured slower: three jobs on two cores only contend.)
bindgen_pid=
if ! wasm-bindgen --version 2>/dev/null | grep -q "$wasm_bindgen_version"; then
  echo "==> Installerar wasm-bindgen-cli $wasm_bindgen_version i bakgrunden (cirka 2–4 minuter)"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_TARGET_DIR="$target_dir/wasm-bindgen-cli" \
    cargo install --quiet wasm-bindgen-cli --version "$wasm_bindgen_version" --no-default-features \
    >"$log_dir/redo-wasm-bindgen-install.log" 2>&1 &
  bindgen_pid=$!
fi

step "Bygger servern (cargo build --release -p server; cirka 9 minuter första gången, sekunder sedan)"
cargo build --release -p server
done_step

step "Bygger webbläsarpaketet (wasm32, profilen wasm-release; 2–3 minuter första gången)"
cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate \
  --profile wasm-release
done_step

if [ -n "$bindgen_pid" ]; then
  step "Väntar på wasm-bindgen-cli"
  if ! wait "$bindgen_pid"; then
    cat "$log_dir/redo-wasm-bindgen-install.log" >&2
    echo "Installationen av wasm-bindgen-cli misslyckades" >&2
    exit 1
  fi
  done_step
fi

if ! command -v wasm-opt >/dev/null; then
  echo "wasm-opt saknas: kör 'make npm' (npm-paketet binaryen). Debians binaryen fungerar inte." >&2
  exit 1
fi

step "Paketerar webbplatsen i $site (wasm-bindgen, wasm-opt -Oz; sekunder)"
mkdir -p "$site/pkg"
wasm-bindgen --target web --no-typescript --out-dir "$site/pkg" --out-name "$name" \
  "$target_dir/wasm32-unknown-unknown/wasm-release/app.wasm"
# Leptos's island loader asks for /pkg/<name>.wasm (cargo-leptos's name), not <name>_bg.wasm.
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$site/pkg/${name}_bg.wasm" -o "$site/pkg/$name.wasm"
rm -f "$site/pkg/${name}_bg.wasm"
cp style/main.css "$site/pkg/$name.css"
cp -r public/. "$site/"
done_step

printf '\nBygget klart på %s: %s/release/server och %s\n' "$(elapsed $((SECONDS - started)))" \
  "$target_dir" "$site"
