//! How alike two paragraphs are, by the words they share.

/// The folded word keys of a paragraph, sorted, so two bags intersect in one merge pass; and
/// its word pairs (each word with the next), which tell text kept in runs from the common words
/// any two paragraphs share.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct WordBag {
    words: Vec<u64>,
    pairs: Vec<u64>,
}

impl WordBag {
    pub(crate) const fn empty() -> Self {
        Self {
            words: Vec::new(),
            pairs: Vec::new(),
        }
    }

    /// The bag of a paragraph's word keys, in reading order.
    pub(crate) fn new(mut keys: Vec<u64>) -> Self {
        let mut pairs: Vec<u64> = keys
            .windows(2)
            .map(|w| w[0].rotate_left(29) ^ w[1].wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        keys.sort_unstable();
        pairs.sort_unstable();
        Self { words: keys, pairs }
    }

    /// Both bags together, for a paragraph compared with two that may be its halves.
    pub(crate) fn union(&self, other: &Self) -> Self {
        let mut words: Vec<u64> = self.words.iter().chain(&other.words).copied().collect();
        let mut pairs: Vec<u64> = self.pairs.iter().chain(&other.pairs).copied().collect();
        words.sort_unstable();
        pairs.sort_unstable();
        Self { words, pairs }
    }

    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// The number of words the bags share, counting repeats as often as both have them.
    pub(crate) fn common(&self, other: &Self) -> usize {
        common_sorted(&self.words, &other.words)
    }

    /// The Dice coefficient of the bags' word pairs: near 0 for two paragraphs that only share
    /// common words, about a half for a paragraph rewritten keeping half its words in runs.
    pub(crate) fn pair_similarity(&self, other: &Self) -> f64 {
        let shared = common_sorted(&self.pairs, &other.pairs);
        dice(shared, self.pairs.len(), other.pairs.len())
    }

    /// The distinct keys, for indexing.
    pub(crate) fn distinct(&self) -> impl Iterator<Item = u64> + '_ {
        let mut last = None;
        self.words.iter().copied().filter(move |&k| {
            let new = last != Some(k);
            last = Some(k);
            new
        })
    }
}

/// How many keys two sorted lists share, repeats counted as often as both have them.
fn common_sorted(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The Dice coefficient of two bags: 2 × shared / (size a + size b), from 0.0 to 1.0.
pub(crate) fn dice(common: usize, a: usize, b: usize) -> f64 {
    if a + b == 0 {
        1.0
    } else {
        2.0 * common as f64 / (a + b) as f64
    }
}

/// The best Dice coefficient two bags of these sizes could reach; cheap, to skip hopeless pairs.
pub(crate) fn dice_bound(a: usize, b: usize) -> f64 {
    dice(a.min(b), a, b)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn common_counts_repeats_once_per_pair() {
        let a = WordBag::new(vec![1, 1, 2, 3]);
        let b = WordBag::new(vec![1, 3, 3, 4]);
        assert_eq!(a.common(&b), 2);
        assert_eq!(a.union(&b).len(), 8);
        assert_eq!(a.distinct().collect::<Vec<_>>(), [1, 2, 3]);
        assert!((dice(2, 4, 4) - 0.5).abs() < 1e-9);
    }
}
