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

# The first build runs three jobs side by side, which keeps both cores busy while each of them
# compiles one big crate or links on a single thread: the wasm-bindgen-cli install, the browser
# bundle (in a target directory of its own, so it does not wait for cargo's lock on the server's)
# and the server.
log_dir=${TMPDIR:-/tmp}
wasm_target_dir=$target_dir/site-wasm

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock. Without --locked: the CLI's
# own lockfile names a crate version the registry no longer has. Without default features: they
# only add TLS for the test runner's downloads. At opt-level 1 it builds in about half the time
# and still processes our bundle in a second or two.
bindgen_pid=
if ! wasm-bindgen --version 2>/dev/null | grep -q "$wasm_bindgen_version"; then
  echo "==> Installerar wasm-bindgen-cli $wasm_bindgen_version i bakgrunden (cirka 2–4 minuter)"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_TARGET_DIR="$target_dir/wasm-bindgen-cli" \
    cargo install --quiet wasm-bindgen-cli --version "$wasm_bindgen_version" --no-default-features \
    >"$log_dir/redo-wasm-bindgen-install.log" 2>&1 &
  bindgen_pid=$!
fi

echo "==> Bygger webbläsarpaketet i bakgrunden (wasm32, profilen wasm-release; 2–5 minuter första gången)"
CARGO_TARGET_DIR="$wasm_target_dir" cargo build --quiet -p app --lib --target wasm32-unknown-unknown \
  --no-default-features --features hydrate --profile wasm-release >"$log_dir/redo-wasm-build.log" 2>&1 &
wasm_pid=$!

step "Bygger servern (cargo build --release -p server; 9–11 minuter första gången, sekunder sedan)"
cargo build --release -p server
done_step

step "Väntar på webbläsarpaketet"
if ! wait "$wasm_pid"; then
  cat "$log_dir/redo-wasm-build.log" >&2
  echo "Bygget av webbläsarpaketet misslyckades" >&2
  exit 1
fi
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
  "$wasm_target_dir/wasm32-unknown-unknown/wasm-release/app.wasm"
# Leptos's island loader asks for /pkg/<name>.wasm (cargo-leptos's name), not <name>_bg.wasm.
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$site/pkg/${name}_bg.wasm" -o "$site/pkg/$name.wasm"
rm -f "$site/pkg/${name}_bg.wasm"
cp style/main.css "$site/pkg/$name.css"
cp -r public/. "$site/"
done_step

printf '\nBygget klart på %s: %s/release/server och %s\n' "$(elapsed $((SECONDS - started)))" \
  "$target_dir" "$site"
