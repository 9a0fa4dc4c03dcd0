//! Who answers: the controller's details and the letters' default language, as the register
//! holds them. Letters, access packages and exports all name the controller from here.

use crate::domain::controller::Controller;
use crate::export::letters::Lang;
use crate::store::Store;

use super::error::{CaseError, Result};

/// The controller's details; refused when the register has none (made by an earlier
/// version), since a letter or access package must say who sends it (Art. 13-15).
pub fn of(store: &Store) -> Result<Controller> {
    store.controller()?.ok_or(CaseError::NoController)
}

/// The language letters are written in when a request's own cannot be told.
pub fn letter_language(store: &Store) -> Result<Lang> {
    Ok(store
        .letter_language()?
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or(Lang::Nb))
}
