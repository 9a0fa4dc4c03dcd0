//! dsr-desk: a terminal desk for GDPR data-subject requests.
//!
//! Module map (dependencies point inwards):
//! - [`domain`]: pure rules: deadlines, holidays, requests, decisions, text. No I/O.
//! - [`store`]: SQLite behind an API of domain types; the hash-chained audit trail.
//! - [`case`]: the case workflow: every operation on a request and its legal preconditions.
//! - [`customers`]: the company's customer database through a data map: lookup, records,
//!   and carrying out each right there.
//! - [`intake`]: mail files, mailboxes and web-form exports into incoming requests.
//! - [`export`]: machine and human renderings of requests.
//! - [`cli`]: the command line; [`tui`]: the terminal desk; [`config`], [`demo`].
pub mod case;
pub mod cli;
pub mod config;
pub mod customers;
pub mod demo;
pub mod domain;
pub mod export;
pub mod importer;
pub mod intake;
pub mod store;
pub mod tui;
