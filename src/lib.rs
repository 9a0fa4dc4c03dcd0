//! dsr-desk: a terminal desk for GDPR data-subject requests.
//!
//! Module map (dependencies point inwards):
//! - [`domain`]: pure rules: deadlines, holidays, requests, decisions. No I/O.
pub mod domain;
pub mod intake;
