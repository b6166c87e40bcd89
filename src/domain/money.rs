//! Credits: the only money unit of the site. Integer, never floating point.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, Neg, Sub};

/// An amount of credits. Signed, because ledger postings are signed
/// (debits negative, credits positive); a wallet balance is never negative,
/// which the ledger checks, not this type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Credits(i64);

impl Credits {
    pub const ZERO: Credits = Credits(0);

    pub const fn new(amount: i64) -> Self {
        Self(amount)
    }

    pub const fn get(self) -> i64 {
        self.0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn checked_add(self, other: Credits) -> Option<Credits> {
        self.0.checked_add(other.0).map(Credits)
    }

    pub fn checked_sub(self, other: Credits) -> Option<Credits> {
        self.0.checked_sub(other.0).map(Credits)
    }

    pub fn checked_mul(self, factor: i64) -> Option<Credits> {
        self.0.checked_mul(factor).map(Credits)
    }

    /// Parses what a person typed ("1200", " 15 ", "-40"); refuses
    /// fractions, separators and anything beyond a sane bound so that a huge
    /// number can never overflow a sum.
    pub fn parse(raw: &str) -> Option<Credits> {
        let v: i64 = raw.trim().parse().ok()?;
        // A range, not `abs()`: the absolute value of i64::MIN overflows.
        (-Self::MAX_INPUT..=Self::MAX_INPUT)
            .contains(&v)
            .then_some(Credits(v))
    }

    /// The largest amount accepted from input: a billion credits.
    pub const MAX_INPUT: i64 = 1_000_000_000;
}

impl Add for Credits {
    type Output = Credits;
    fn add(self, rhs: Credits) -> Credits {
        Credits(self.0 + rhs.0)
    }
}

impl Sub for Credits {
    type Output = Credits;
    fn sub(self, rhs: Credits) -> Credits {
        Credits(self.0 - rhs.0)
    }
}

impl Neg for Credits {
    type Output = Credits;
    fn neg(self) -> Credits {
        Credits(-self.0)
    }
}

impl std::iter::Sum for Credits {
    fn sum<I: Iterator<Item = Credits>>(iter: I) -> Credits {
        Credits(iter.map(|c| c.0).sum())
    }
}

impl fmt::Display for Credits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Group thousands with a thin space: readable in English and Italian alike.
        let digits = self.0.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push('\u{202f}');
            }
            out.push(ch);
        }
        if self.0 < 0 {
            write!(f, "-{out}")
        } else {
            f.write_str(&out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_integers_within_bounds() {
        assert_eq!(Credits::parse(" 1200 "), Some(Credits(1200)));
        assert_eq!(Credits::parse("-40"), Some(Credits(-40)));
        assert_eq!(Credits::parse("1000000000"), Some(Credits(1_000_000_000)));
    }

    #[test]
    fn parse_refuses_fractions_text_and_huge_numbers() {
        for bad in [
            "1.5",
            "1,000",
            "",
            "abc",
            "1000000001",
            "99999999999999999999",
            "1e3",
            "-1000000001",
            // i64::MIN: its absolute value does not fit in an i64.
            "-9223372036854775808",
        ] {
            assert_eq!(Credits::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn display_groups_thousands() {
        assert_eq!(Credits(1234567).to_string(), "1\u{202f}234\u{202f}567");
        assert_eq!(Credits(-1200).to_string(), "-1\u{202f}200");
        assert_eq!(Credits(999).to_string(), "999");
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        assert_eq!(Credits(i64::MAX).checked_add(Credits(1)), None);
        assert_eq!(Credits(5).checked_mul(3), Some(Credits(15)));
    }
}
