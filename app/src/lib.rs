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

/// Called by Leptos's island script once the WebAssembly has loaded; the script then hydrates each
/// island on the page. Once that is done (the islands hydrate synchronously, before the next
/// task), `data-hydrated` on `<body>` tells end-to-end tests that the page is fully interactive.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    leptos::prelude::set_timeout(
        || {
            if let Some(body) = leptos::prelude::document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}
