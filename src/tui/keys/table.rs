//! The table itself, in two parts: the screens' bindings and those of the layers over them.

mod layers;
mod screens;

use super::Binding;

/// Every binding, the screens' first.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    screens::SCREENS.iter().chain(layers::LAYERS.iter())
}
