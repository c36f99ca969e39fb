//! Redo: exercise planning and preparedness follow-up for Swedish regions.
//!
//! Layering: `domain` ← `backend` (server only) ← `api` ← `ui`; `charts` draws SVG from domain
//! data. The `ssr` feature builds the server side, `hydrate` the WebAssembly for the browser.

#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod backend;
#[cfg(feature = "ssr")]
pub mod charts;
pub mod domain;
pub mod ui;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(ui::App);
}
