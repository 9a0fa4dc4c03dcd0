//! dsr-desk: a terminal desk for GDPR data-subject requests.
//!
//! Module map (dependencies point inwards):
//! - [`domain`]: pure rules: deadlines, holidays, requests, decisions. No I/O.
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod store;
pub mod tui;
