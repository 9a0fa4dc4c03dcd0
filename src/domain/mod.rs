//! The pure domain: no SQLite, no terminal, no clock reads. Time is passed in.

pub mod change;
pub mod deadline;
pub mod holidays;
pub mod request;
pub mod text;
