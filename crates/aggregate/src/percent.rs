//! [`Percent`]: an exact share with the precision it is published at.

use danish::{Rounded, Share};

/// Decimals of a response rate ("67,3 pct.").
pub const RESPONSE_RATE_DECIMALS: u8 = 1;
/// Decimals of a national share ("65,7 pct.").
pub const NATIONAL_DECIMALS: u8 = 1;
/// Decimals of a specialty's or a cluster's share ("71 pct.").
pub const UNIT_DECIMALS: u8 = 0;

/// A published percentage: the exact fraction and the precision it is printed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent {
    /// The exact fraction.
    pub share: Share,
    /// Decimals when published.
    pub decimals: u8,
}

impl Percent {
    /// `count / base` at `decimals`, or `None` for an empty base.
    pub fn new(count: u64, base: u64, decimals: u8) -> Option<Percent> {
        Share::new(count, base).map(|share| Percent { share, decimals })
    }

    /// The value as published.
    pub fn rounded(self) -> Rounded {
        self.share.percent(self.decimals)
    }

    /// The number as published: "67,3", "71".
    pub fn number(self) -> String {
        self.rounded().number()
    }

    /// The exact percentage as a float, for sizing chart bars only; never printed or compared.
    pub fn exact(self) -> f64 {
        self.share.part as f64 * 100.0 / self.share.whole as f64
    }

    /// With unit, as in running text: "67,3 pct.".
    pub fn pct(self) -> String {
        self.rounded().pct()
    }
}
