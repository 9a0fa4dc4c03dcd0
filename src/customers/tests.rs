//! Customer database tests against generated demo data.
