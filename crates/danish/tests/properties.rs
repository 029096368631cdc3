//! Properties of exact rounding and slugs over generated values: the published percentage is the
//! decimal expansion of the exact fraction rounded half away from zero, rounding keeps the order of
//! the shares, and published values compare as their texts and values do.

use danish::{Rounded, Share, slug};
use proptest::prelude::*;

/// The percentage `part / whole × 100` by long division, one decimal digit at a time, rounded
/// half away from zero on the first dropped digit; in Danish notation without trailing zeros.
fn long_division_percent(part: u64, whole: u64, decimals: u8) -> String {
    let whole = u128::from(whole);
    let hundredfold = u128::from(part) * 100;
    let mut integer = hundredfold / whole;
    let mut remainder = hundredfold % whole;
    let mut digits: Vec<u8> = Vec::new();
    for _ in 0..=decimals {
        remainder *= 10;
        digits.push((remainder / whole) as u8);
        remainder %= whole;
    }
    let dropped = digits.pop().expect("one digit more than published");
    if dropped >= 5 {
        // Carry through the kept digits into the integer part.
        let mut position = digits.len();
        loop {
            if position == 0 {
                integer += 1;
                break;
            }
            position -= 1;
            if digits[position] == 9 {
                digits[position] = 0;
            } else {
                digits[position] += 1;
                break;
            }
        }
    }
    while digits.last() == Some(&0) {
        digits.pop();
    }
    if digits.is_empty() {
        integer.to_string()
    } else {
        let fraction: String = digits
            .iter()
            .map(|digit| char::from(b'0' + digit))
            .collect();
        format!("{integer},{fraction}")
    }
}

/// A share with a base anywhere from 1 to `u64::MAX`, biased towards survey-sized counts.
fn share() -> impl Strategy<Value = Share> {
    prop_oneof![
        (1u64..=2_000).prop_flat_map(|whole| (0..=whole, Just(whole))),
        (1u64..=u64::MAX).prop_flat_map(|whole| (0..=whole, Just(whole))),
    ]
    .prop_map(|(part, whole)| Share::new(part, whole).expect("part ≤ whole, whole > 0"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn the_published_percentage_is_the_exact_one_rounded_half_away_from_zero(
        share in share(),
        decimals in 0u8..=3,
    ) {
        prop_assert_eq!(
            share.percent(decimals).number(),
            long_division_percent(share.part, share.whole, decimals)
        );
    }

    #[test]
    fn rounding_keeps_the_order_of_the_shares(
        first in share(),
        second in share(),
        decimals in 0u8..=3,
    ) {
        let (low, high) = match first.cmp_exact(second) {
            std::cmp::Ordering::Greater => (second, first),
            _ => (first, second),
        };
        prop_assert!(low.percent(decimals) <= high.percent(decimals));
    }

    #[test]
    fn published_values_compare_as_their_texts_and_values_do(
        first in share(),
        second in share(),
        first_decimals in 0u8..=3,
        second_decimals in 0u8..=3,
    ) {
        let first: Rounded = first.percent(first_decimals);
        let second: Rounded = second.percent(second_decimals);
        // Values of at most 100 with at most three decimals are exact enough as floats to order.
        let by_value = first.value().partial_cmp(&second.value()).expect("finite values");
        prop_assert_eq!(first.cmp(&second), by_value);
        prop_assert_eq!(first == second, first.number() == second.number());
    }

    #[test]
    fn a_slug_is_a_non_empty_ascii_file_name(name in "\\PC{0,40}|[ÆØÅæøå .'/&-]{0,12}") {
        let made = slug(&name);
        prop_assert!(!made.is_empty());
        prop_assert!(
            made.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-'),
            "{:?}", made
        );
        prop_assert!(!made.starts_with('-') && !made.ends_with('-') && !made.contains("--"), "{:?}", made);
        prop_assert_eq!(slug(&made), made.clone(), "slugging a slug changes nothing");
    }
}
