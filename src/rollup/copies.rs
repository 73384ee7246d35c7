//! Text copied across checks of one unit or across units (the `copied_*` flags).
//!
//! Copied text is found without comparing every pair of answers: texts are normalised
//! (full-width to half-width, punctuation and spaces dropped), identical texts are grouped by a
//! hash, and each distinct text gets a `MinHash` signature of its 3-character shingles. Signatures
//! are cut into bands; a text is a candidate only against the first text met in each of its
//! bands' buckets, so the work grows with the number of texts, not with its square. A
//! candidate pair is then measured exactly (the Jaccard similarity of the two shingle sets), so
//! whether two texts count as copies does not depend on the estimate.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::flags::{
    COPY_MIN_CHARS, Flag, FlagDetail, NEAR_DUPLICATE, PLACES_SHOWN, Place, Rule, SHINGLE,
    TextField, normalise,
};
use super::gather::UnitFacts;

/// `MinHash` values per text, in `BANDS` bands of `ROWS`.
const HASHES: usize = 32;
const BANDS: usize = 8;
const ROWS: usize = HASHES / BANDS;

/// One place a long enough text was written.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    unit: usize,
    answer: usize,
    field: TextField,
    /// Index of its distinct (normalised) text.
    text: usize,
}

/// A long enough text of one answer: answer index, field, hash, normalised characters.
type Normalised = (usize, TextField, u64, Vec<char>);

/// Flags of text copied across checks of one unit or across units.
pub(super) fn copies(units: &[&UnitFacts]) -> Vec<(usize, Flag)> {
    // Normalised texts, per unit on all cores.
    let found: Vec<Vec<Normalised>> = units
        .par_iter()
        .map(|u| {
            let mut v = Vec::new();
            for (k, a) in u.answers.iter().enumerate() {
                for field in TextField::PROSE {
                    let text = field.of(a);
                    if text.chars().count() < COPY_MIN_CHARS {
                        continue;
                    }
                    let norm = normalise(text);
                    if norm.len() >= COPY_MIN_CHARS {
                        v.push((k, field, exact_hash(&norm), norm));
                    }
                }
            }
            v
        })
        .collect();
    // Identical texts grouped by hash; one entry per distinct text.
    let mut distinct: Vec<Vec<char>> = Vec::new();
    let mut by_hash: HashMap<u64, usize, Fast> = HashMap::default();
    let mut occurrences = Vec::new();
    for (unit, list) in found.into_iter().enumerate() {
        for (answer, field, hash, norm) in list {
            let text = match by_hash.entry(hash) {
                Entry::Occupied(e) => *e.get(),
                Entry::Vacant(e) => {
                    distinct.push(norm);
                    *e.insert(distinct.len() - 1)
                }
            };
            occurrences.push(Occurrence {
                unit,
                answer,
                field,
                text,
            });
        }
    }
    // Near-duplicates: MinHash signatures, banded; each text is compared with the first text
    // of each of its buckets.
    // Each text's MinHash signature (to find candidates) and its set of shingles (to measure
    // them); the characters are no longer needed.
    let (signatures, sets): (Vec<[u32; HASHES]>, Vec<Vec<u32>>) =
        distinct.into_par_iter().map(|t| prepare(&t)).unzip();
    let mut parent: Vec<usize> = (0..signatures.len()).collect();
    let mut buckets: HashMap<u64, usize, Fast> =
        HashMap::with_capacity_and_hasher(signatures.len() * BANDS, Fast::default());
    for (i, sig) in signatures.iter().enumerate() {
        for band in 0..BANDS {
            let key = band_key(band, &sig[band * ROWS..(band + 1) * ROWS]);
            match buckets.entry(key) {
                Entry::Vacant(e) => {
                    e.insert(i);
                }
                Entry::Occupied(e) => {
                    let first = *e.get();
                    // A candidate: measured exactly, unless already joined.
                    if find(&mut parent, first) != find(&mut parent, i)
                        && jaccard(&sets[first], &sets[i]) >= NEAR_DUPLICATE
                    {
                        union(&mut parent, first, i);
                    }
                }
            }
        }
    }
    drop(buckets);
    // Occurrences by group of (near-)identical texts.
    let mut groups: HashMap<usize, Vec<Occurrence>, Fast> = HashMap::default();
    for o in occurrences {
        groups.entry(find(&mut parent, o.text)).or_default().push(o);
    }
    let groups: Vec<Vec<Occurrence>> = groups.into_values().filter(|g| g.len() > 1).collect();
    groups
        .par_iter()
        .flat_map_iter(|group| {
            let mut out = Vec::new();
            flag_group(group, &mut out);
            out
        })
        .collect()
}

/// The flags of one group of (near-)identical texts.
fn flag_group(group: &[Occurrence], out: &mut Vec<(usize, Flag)>) {
    let mut by_unit: HashMap<usize, Vec<Occurrence>, Fast> = HashMap::default();
    for o in group {
        by_unit.entry(o.unit).or_default().push(*o);
    }
    let identical = group.iter().all(|o| o.text == group[0].text);
    let place = |o: &Occurrence| Place {
        unit: o.unit,
        answer: o.answer,
        field: o.field,
    };
    for o in group {
        let flag = |rule, places: Vec<Place>, count| {
            (
                o.answer + 1,
                Flag {
                    unit: o.unit,
                    rule,
                    answer: Some(o.answer),
                    field: Some(o.field),
                    detail: FlagDetail::Copied {
                        places,
                        count,
                        identical,
                    },
                },
            )
        };
        let same_unit = &by_unit[&o.unit];
        let within: Vec<&Occurrence> = same_unit.iter().filter(|x| x.answer != o.answer).collect();
        if !within.is_empty() {
            out.push(flag(
                Rule::CopiedWithinUnit,
                within.iter().take(PLACES_SHOWN).map(|x| place(x)).collect(),
                within.len(),
            ));
        }
        let others = group.len() - same_unit.len();
        if others > 0 {
            out.push(flag(
                Rule::CopiedAcrossUnits,
                group
                    .iter()
                    .filter(|x| x.unit != o.unit)
                    .take(PLACES_SHOWN)
                    .map(place)
                    .collect(),
                others,
            ));
        }
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// The hasher of the maps here: their keys are hashes already, or indexes; one [`mix`] spreads
/// them (`SipHash`, the standard one, guards against chosen keys at several times the cost).
#[derive(Default, Clone, Copy)]
struct Mixed(u64);

impl Hasher for Mixed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0 ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = mix(self.0 ^ n);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type Fast = BuildHasherDefault<Mixed>;

/// A 64-bit mix (the finaliser of SplitMix64): cheap and well spread.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn exact_hash(text: &[char]) -> u64 {
    text.iter().fold(0x51_7CC1_B727_220A, |h, &c| {
        mix(h ^ u64::from(u32::from(c)))
    })
}

/// A text's `MinHash` signature and its set of shingles (as hashes, sorted). The signature has
/// `HASHES` hash functions made from one 64-bit hash per shingle by double hashing
/// (`h1 + i·h2`); a shingle's three characters (21 bits each) fit in one 64-bit word, so one
/// [`mix`] hashes it.
fn prepare(text: &[char]) -> ([u32; HASHES], Vec<u32>) {
    // Lanes of four, so the minimum is taken four values at a time.
    let mut sig = [[u32::MAX; 4]; HASHES / 4];
    let mut set = Vec::with_capacity(text.len().saturating_sub(SHINGLE - 1));
    for w in text.windows(SHINGLE) {
        let packed = w
            .iter()
            .fold(0u64, |p, &c| (p << 21) | u64::from(u32::from(c)));
        let h = mix(packed ^ 0x2545_F491_4F6C_DD1D);
        // Halves of a 64-bit hash.
        #[allow(clippy::cast_possible_truncation)]
        let (h1, h2) = (h as u32, (h >> 32) as u32 | 1);
        set.push(h1 ^ h2);
        let mut v = [
            h1,
            h1.wrapping_add(h2),
            h1.wrapping_add(h2.wrapping_mul(2)),
            h1.wrapping_add(h2.wrapping_mul(3)),
        ];
        let step = h2.wrapping_mul(4);
        for lane in &mut sig {
            for (s, x) in lane.iter_mut().zip(&mut v) {
                *s = (*s).min(*x);
                *x = x.wrapping_add(step);
            }
        }
    }
    set.sort_unstable();
    set.dedup();
    let mut out = [0; HASHES];
    for (o, s) in out.iter_mut().zip(sig.iter().flatten()) {
        *o = *s;
    }
    (out, set)
}

/// The Jaccard similarity of two sorted sets: shared members over all members.
fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let all = a.len() + b.len() - shared;
    #[allow(clippy::cast_precision_loss)]
    let j = if all == 0 {
        1.0
    } else {
        shared as f64 / all as f64
    };
    j
}

fn band_key(band: usize, rows: &[u32]) -> u64 {
    rows.iter()
        .fold(mix(band as u64 + 1), |h, &r| mix(h ^ u64::from(r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(t: &str) -> Vec<u32> {
        prepare(&normalise(t)).1
    }

    #[test]
    fn a_lightly_edited_paragraph_is_a_near_duplicate_and_another_is_not() {
        let a = "对重点企业实行四不两直检查，全年立案查处违法违规行为二十三起，形成执法检查台账并逐项跟踪整改到位。";
        let b = "对重点企业实行四不两直检查，全年立案查处违法违规行为二十五起，形成执法检查台账并逐项跟踪整改到位。";
        let c = "修订危险化学品安全管理制度，组织专题培训两次，年底前完成隐患整改并开展回头看。";
        assert!(jaccard(&set(a), &set(b)) >= NEAR_DUPLICATE);
        assert!(jaccard(&set(a), &set(c)) < 0.3);
        // The signatures of the near-duplicate share a band, so the pair is looked at.
        let (sa, sb) = (prepare(&normalise(a)).0, prepare(&normalise(b)).0);
        assert!(
            (0..BANDS).any(
                |band| sa[band * ROWS..(band + 1) * ROWS] == sb[band * ROWS..(band + 1) * ROWS]
            )
        );
    }
}
