//! selfcheck: runs a unit's workplace-safety self-check meeting (对照检查会) from a terminal.
//!
//! The flow is one way: terminal event -> keymap -> `Action` -> `App::update` -> `Effect` ->
//! runtime I/O -> draw. `model` and `store` hold the domain and its files and know nothing of
//! terminals; `export` reads the model only.
//!
//! Layers, each using only those below it: `cli` (the command line) -> `runtime` (terminal,
//! files, the loop) -> `ui` (drawing) -> `app` (state and `update`) -> `keymap` -> `action` (the
//! vocabulary between them) -> `export`, `store`, `i18n` -> `model`, `text`.

pub mod action;
pub mod app;
pub mod cli;
pub mod demo;
pub mod export;
pub mod followup;
pub mod i18n;
pub mod keymap;
pub mod model;
pub mod rollup;
pub mod runtime;
pub mod schema;
pub mod store;
pub mod text;
pub mod ui;
