//! The pure domain: no SQLite, no terminal, no clock reads. Time is passed in.

pub mod change;
pub mod controller;
pub mod datamap;
pub mod datamap_check;
pub mod deadline;
pub mod erasure;
pub mod event_names;
pub mod holidays;
pub mod marketing;
pub mod matching;
pub mod normalize;
pub mod replay;
pub mod request;
pub mod retention;
pub mod text;
pub mod timeliness;
