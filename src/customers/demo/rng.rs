//! The demo's random numbers: one deterministic stream per customer id.

/// SplitMix64: tiny, fast, and good enough for demo data.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn for_customer(id: u64) -> Rng {
        Rng(id.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x0D5B_DE5C)
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Early items more often (squared uniform): common surnames stay common.
    pub(super) fn pick_skewed<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let u = self.below(1 << 20) as f64 / (1u64 << 20) as f64;
        &items[((u * u) * items.len() as f64) as usize % items.len()]
    }

    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}
