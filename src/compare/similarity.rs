//! How alike two paragraphs are, by the words they share.

/// The folded word keys of a paragraph, sorted, so two bags intersect in one merge pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct WordBag(Vec<u64>);

impl WordBag {
    pub(crate) const fn empty() -> Self {
        Self(Vec::new())
    }

    pub(crate) fn new(mut keys: Vec<u64>) -> Self {
        keys.sort_unstable();
        Self(keys)
    }

    /// Both bags together, for a paragraph compared with two that may be its halves.
    pub(crate) fn union(&self, other: &Self) -> Self {
        Self::new(self.0.iter().chain(&other.0).copied().collect())
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// The number of words the bags share, counting repeats as often as both have them.
    pub(crate) fn common(&self, other: &Self) -> usize {
        let (a, b) = (&self.0, &other.0);
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

    /// The distinct keys, for indexing.
    pub(crate) fn distinct(&self) -> impl Iterator<Item = u64> + '_ {
        let mut last = None;
        self.0.iter().copied().filter(move |&k| {
            let new = last != Some(k);
            last = Some(k);
            new
        })
    }
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
