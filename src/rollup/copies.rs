//! Text copied across checks of one unit or across units (the `copied_*` flags).
//!
//! Copied text is found without comparing every pair of answers: texts are normalised
//! (full-width to half-width, punctuation and spaces dropped), identical texts are grouped by a
//! hash, and each distinct text gets a `MinHash` signature of its 3-character shingles. Signatures
//! are cut into bands; a text is a candidate only against the first text met in each of its
//! bands' buckets, so the work grows with the number of texts, not with its square. A
//! candidate pair is then measured exactly (the Jaccard similarity of the two shingle sets), so
//! whether two texts count as copies does not depend on the estimate. Every step but grouping
//! the identical texts and joining the pairs found runs on all cores.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::flags::{
    COPY_MIN_CHARS, Flag, FlagDetail, NEAR_DUPLICATE, PLACES_SHOWN, Place, Rule, SHINGLE,
    TextField, normalised,
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

/// A long enough text of one answer: answer index, field, hash of its normalised characters.
type Found = (usize, TextField, u64);

/// The texts copied across checks of one unit or across units, found; [`Copies::flags_of`]
/// gives each unit's flags.
pub(super) struct Copies {
    /// Every long enough text, by unit (each unit's in reading order).
    occurrences: Vec<Occurrence>,
    /// Where each unit's occurrences start, and the end of the last.
    starts: Vec<usize>,
    /// The group of (near-)identical texts of each distinct text.
    group: Vec<u32>,
    /// The occurrences of each group (indexes into `occurrences`, so by unit), group after
    /// group; group `g`'s are `members[first[g]..first[g + 1]]`.
    members: Vec<u32>,
    first: Vec<usize>,
    /// Whether every occurrence of a group is the same text after normalising.
    identical: Vec<bool>,
}

/// Finds the texts copied across checks of one unit or across units.
pub(super) fn copies(units: &[&UnitFacts]) -> Copies {
    // The normalised texts' hashes, per unit on all cores (nothing kept of the text: the
    // distinct ones are normalised again below, fewer than all).
    let found: Vec<Vec<Found>> = units
        .par_iter()
        .map(|u| {
            let mut v = Vec::new();
            for (k, a) in u.answers.iter().enumerate() {
                for field in TextField::PROSE {
                    let text = field.of(a);
                    // Fewer bytes than that is fewer characters still.
                    if text.len() < COPY_MIN_CHARS {
                        continue;
                    }
                    if let Some(hash) = exact_hash(text) {
                        v.push((k, field, hash));
                    }
                }
            }
            v
        })
        .collect();
    // Identical texts grouped by hash; one entry per distinct text, named by where it was
    // first met.
    let all = found.iter().map(Vec::len).sum();
    let mut distinct: Vec<&str> = Vec::new();
    let mut by_hash: HashMap<u64, usize, Fast> =
        HashMap::with_capacity_and_hasher(all, Fast::default());
    let mut occurrences = Vec::with_capacity(all);
    let mut starts = Vec::with_capacity(units.len() + 1);
    for (unit, list) in found.into_iter().enumerate() {
        starts.push(occurrences.len());
        for (answer, field, hash) in list {
            let text = match by_hash.entry(hash) {
                Entry::Occupied(e) => *e.get(),
                Entry::Vacant(e) => {
                    distinct.push(field.of(&units[unit].answers[answer]));
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
    starts.push(occurrences.len());
    drop(by_hash);
    // Near-duplicates: MinHash signatures, banded; each text is compared with the first text
    // of each of its buckets.
    // Each text's MinHash signature (to find candidates) and its set of shingles (to measure
    // them); the characters are no longer needed.
    let (signatures, sets): (Vec<Signature>, Vec<Vec<u32>>) =
        distinct.into_par_iter().map(prepare).unzip();
    let mut parent = join_near(&signatures, &sets);
    drop(signatures);
    drop(sets);
    // Each distinct text's group, numbered as met; then the occurrences of each group, in
    // their order (so by unit), counted out group by group.
    let mut number: Vec<u32> = vec![u32::MAX; parent.len()];
    let mut group = Vec::with_capacity(parent.len());
    let mut groups = 0;
    for t in 0..parent.len() {
        let root = find(&mut parent, t);
        if number[root] == u32::MAX {
            number[root] = groups;
            groups += 1;
        }
        group.push(number[root]);
    }
    let mut first = vec![0; groups as usize + 1];
    for o in &occurrences {
        first[group[o.text] as usize + 1] += 1;
    }
    for g in 1..first.len() {
        first[g] += first[g - 1];
    }
    let mut next = first.clone();
    let mut members = vec![0; occurrences.len()];
    let mut identical = vec![true; groups as usize];
    let mut text_of = vec![usize::MAX; groups as usize];
    for (i, o) in occurrences.iter().enumerate() {
        let g = group[o.text] as usize;
        #[allow(clippy::cast_possible_truncation)]
        {
            members[next[g]] = i as u32;
        }
        next[g] += 1;
        if text_of[g] == usize::MAX {
            text_of[g] = o.text;
        } else if text_of[g] != o.text {
            identical[g] = false;
        }
    }
    Copies {
        occurrences,
        starts,
        group,
        members,
        first,
        identical,
    }
}

impl Copies {
    /// The copy flags of one unit (index into the units searched), each with its place in
    /// reading order (check index + 1), two for a text: copied within the unit and across
    /// units, where each applies.
    pub(super) fn flags_of(&self, unit: usize) -> Vec<(usize, Flag)> {
        let mut out = Vec::new();
        let place = |&m: &u32| {
            let x = &self.occurrences[m as usize];
            Place {
                unit: x.unit,
                answer: x.answer,
                field: x.field,
            }
        };
        for o in &self.occurrences[self.starts[unit]..self.starts[unit + 1]] {
            let g = self.group[o.text] as usize;
            let members = &self.members[self.first[g]..self.first[g + 1]];
            if members.len() < 2 {
                continue;
            }
            let unit_of = |m: &u32| self.occurrences[*m as usize].unit;
            // The members are in unit order: this unit's are one run.
            let from = members.partition_point(|m| unit_of(m) < o.unit);
            let to = members.partition_point(|m| unit_of(m) <= o.unit);
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
                            identical: self.identical[g],
                        },
                    },
                )
            };
            let within = members[from..to]
                .iter()
                .filter(|m| self.occurrences[**m as usize].answer != o.answer);
            let count = within.clone().count();
            if count > 0 {
                out.push(flag(
                    Rule::CopiedWithinUnit,
                    within.take(PLACES_SHOWN).map(place).collect(),
                    count,
                ));
            }
            let others = members.len() - (to - from);
            if others > 0 {
                out.push(flag(
                    Rule::CopiedAcrossUnits,
                    members[..from]
                        .iter()
                        .chain(&members[to..])
                        .take(PLACES_SHOWN)
                        .map(place)
                        .collect(),
                    others,
                ));
            }
        }
        out
    }
}

/// The groups of near-identical texts, as a forest: each text's parent (follow with [`find`]
/// to the group's lowest text). Each text is measured against the distinct first texts of its
/// bands' buckets, on all cores; the pairs found are joined afterwards. The groups are the
/// connected pairs, so joining them in any order gives the same groups, each named by its
/// lowest text (a test compares this with joining as each pair is measured).
fn join_near(signatures: &[Signature], sets: &[Vec<u32>]) -> Vec<usize> {
    let n = signatures.len();
    // The first text met in each bucket, for every text: one map per band, the bands on all
    // cores.
    let firsts: Vec<Vec<usize>> = (0..BANDS)
        .into_par_iter()
        .map(|band| {
            let mut first: HashMap<u64, usize, Fast> =
                HashMap::with_capacity_and_hasher(n, Fast::default());
            signatures
                .iter()
                .enumerate()
                .map(|(i, sig)| {
                    *first
                        .entry(band_key(band, &sig[band * ROWS..(band + 1) * ROWS]))
                        .or_insert(i)
                })
                .collect()
        })
        .collect();
    let tallies: Vec<Tally> = sets.par_iter().map(|s| tally(s)).collect();
    let pairs: Vec<(usize, usize)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|i| {
            let mut met = [i; BANDS];
            let mut out = Vec::new();
            for (band, firsts) in firsts.iter().enumerate() {
                let first = firsts[i];
                if !met.contains(&first) {
                    met[band] = first;
                    if near_tallied((&sets[first], &tallies[first]), (&sets[i], &tallies[i])) {
                        out.push((first, i));
                    }
                }
            }
            out
        })
        .collect();
    let mut parent: Vec<usize> = (0..n).collect();
    for (a, b) in pairs {
        union(&mut parent, a, b);
    }
    parent
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
pub(super) struct Mixed(u64);

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

pub(super) type Fast = BuildHasherDefault<Mixed>;

/// A 64-bit mix (the finaliser of SplitMix64): cheap and well spread.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The hash of a text's normalised characters, three to a word; `None` when there are fewer
/// than [`COPY_MIN_CHARS`].
fn exact_hash(text: &str) -> Option<u64> {
    let (mut h, mut word, mut n) = (0x51_7CC1_B727_220A_u64, 0u64, 0usize);
    for c in normalised(text) {
        word = (word << 21) | u64::from(u32::from(c));
        n += 1;
        if n % 3 == 0 {
            h = mix(h ^ word);
            word = 0;
        }
    }
    (n >= COPY_MIN_CHARS).then(|| mix(mix(h ^ word) ^ n as u64))
}

/// One `MinHash` value: 16 bits (b-bit `MinHash`). A band of [`ROWS`] values then matches by
/// chance once in 2^64, and the signatures of 2,000 files' texts were made in 0.7 of the time
/// that 32-bit values took (BENCHMARKS.md).
type Min = u16;

/// The signature of one text.
type Signature = [Min; HASHES];

/// A text's `MinHash` signature and its set of shingles (as hashes, sorted), of its normalised
/// characters. The signature has `HASHES` hash functions made from one 64-bit hash per
/// shingle by double hashing (`h1 + k·h2` in 16 bits); a shingle's three characters (21 bits
/// each) fit in one 64-bit word, so one [`mix`] hashes it. The set takes the hash's other 32
/// bits, so the exact measure does not share the signature's bits.
fn prepare(text: &str) -> (Signature, Vec<u32>) {
    let mut sig = [Min::MAX; HASHES];
    let mut set = Vec::with_capacity(text.len() / 3);
    let (mut packed, mut n) = (0u64, 0usize);
    for c in normalised(text) {
        // The last three characters.
        packed = ((packed << 21) | u64::from(u32::from(c))) & ((1 << 63) - 1);
        n += 1;
        if n < SHINGLE {
            continue;
        }
        let h = mix(packed ^ 0x2545_F491_4F6C_DD1D);
        // Parts of a 64-bit hash.
        #[allow(clippy::cast_possible_truncation)]
        let (h1, h2, member) = (h as Min, (h >> 16) as Min | 1, (h >> 32) as u32);
        set.push(member);
        // Hash function `k` is `h1 + k·h2`.
        for (s, k) in sig.iter_mut().zip(0..) {
            *s = (*s).min(h1.wrapping_add(h2.wrapping_mul(k)));
        }
    }
    set.sort_unstable();
    set.dedup();
    (sig, set)
}

/// Buckets of a set's [`Tally`].
const BUCKETS: usize = 128;

/// How many members of a set of shingles fall in each of [`BUCKETS`] buckets (by their low
/// bits); `None` when a bucket would hold more than a byte counts (a text of thousands of
/// characters).
type Tally = Option<[u8; BUCKETS]>;

fn tally(set: &[u32]) -> Tally {
    let mut counts = [0u8; BUCKETS];
    for &m in set {
        let c = &mut counts[m as usize % BUCKETS];
        *c = c.checked_add(1)?;
    }
    Some(counts)
}

/// At least as many members as two sets share: a shared member is in the same bucket of both,
/// so each bucket holds no more shared ones than the smaller of its two counts. Exact as a
/// bound (never below), and a few instructions against a merge of the sets.
fn shared_at_most(a: &[u8; BUCKETS], b: &[u8; BUCKETS]) -> usize {
    // Sixteen buckets side by side (the compiler makes one vector step of each line); a lane
    // sums at most 8 × 255, well inside 16 bits.
    let mut lanes = [0u16; 16];
    for (x, y) in a.chunks_exact(16).zip(b.chunks_exact(16)) {
        for ((lane, &x), &y) in lanes.iter_mut().zip(x).zip(y) {
            *lane += u16::from(x.min(y));
        }
    }
    lanes.iter().map(|&l| usize::from(l)).sum()
}

/// Whether the Jaccard similarity of two sorted sets is at least [`NEAR_DUPLICATE`], the pairs
/// that cannot share enough ruled out first by their tallies. Most pairs measured are texts on
/// the same check written from the same model, alike but not near: this rules most of them out
/// without merging their sets.
fn near_tallied((a, ta): (&[u32], &Tally), (b, tb): (&[u32], &Tally)) -> bool {
    let Some(needed) = fewest_shared(a.len(), b.len()) else {
        return false;
    };
    if let (Some(ta), Some(tb)) = (ta, tb)
        && shared_at_most(ta, tb) < needed
    {
        return false;
    }
    share_at_least(a, b, needed)
}

/// The fewest members two sets of these sizes must share for [`jaccard`] to reach
/// [`NEAR_DUPLICATE`]; `None` when even the whole of the smaller cannot.
fn fewest_shared(a: usize, b: usize) -> Option<usize> {
    let total = a + b;
    let reaches = |shared: usize| {
        let all = total - shared;
        #[allow(clippy::cast_precision_loss)]
        let j = if all == 0 {
            1.0
        } else {
            shared as f64 / all as f64
        };
        j >= NEAR_DUPLICATE
    };
    // The ratio grows with the shared members: from just under t·(a + b)/(1 + t) up.
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let mut needed =
        ((NEAR_DUPLICATE * total as f64 / (1.0 + NEAR_DUPLICATE)) as usize).saturating_sub(2);
    let most = a.min(b);
    while needed <= most && !reaches(needed) {
        needed += 1;
    }
    (needed <= most).then_some(needed)
}

/// Whether [`jaccard`] of two sorted sets is at least [`NEAR_DUPLICATE`], without tallies: what
/// the early stop of [`share_at_least`] and the tallies are tested against.
#[cfg(test)]
fn near(a: &[u32], b: &[u32]) -> bool {
    fewest_shared(a.len(), b.len()).is_some_and(|needed| share_at_least(a, b, needed))
}

/// Whether two sorted sets share at least `needed` members, stopping as soon as too few are
/// left to share.
fn share_at_least(a: &[u32], b: &[u32], needed: usize) -> bool {
    // A merge without branches on the values (they are hashes: no branch would be guessed).
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        if shared + (a.len() - i).min(b.len() - j) < needed {
            return false;
        }
        let (x, y) = (a[i], b[j]);
        shared += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    shared >= needed
}

/// The Jaccard similarity of two sorted sets: shared members over all members.
#[cfg(test)]
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

/// A band's [`ROWS`] values (16 bits each, one word) told apart from other bands'.
fn band_key(band: usize, rows: &[Min]) -> u64 {
    let packed = rows.iter().fold(0, |h, &r| (h << 16) | u64::from(r));
    packed ^ mix(band as u64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The copy search as it was done on one core: each text against the first text of each
    /// of its buckets, joined as soon as measured, a pair already joined not measured again.
    fn join_near_one_by_one(signatures: &[Signature], sets: &[Vec<u32>]) -> Vec<usize> {
        let mut parent: Vec<usize> = (0..signatures.len()).collect();
        let mut buckets: HashMap<u64, usize> = HashMap::new();
        for (i, sig) in signatures.iter().enumerate() {
            for band in 0..BANDS {
                let key = band_key(band, &sig[band * ROWS..(band + 1) * ROWS]);
                match buckets.entry(key) {
                    Entry::Vacant(e) => {
                        e.insert(i);
                    }
                    Entry::Occupied(e) => {
                        let first = *e.get();
                        if find(&mut parent, first) != find(&mut parent, i)
                            && jaccard(&sets[first], &sets[i]) >= NEAR_DUPLICATE
                        {
                            union(&mut parent, first, i);
                        }
                    }
                }
            }
        }
        parent
    }

    #[test]
    fn the_groups_are_those_of_joining_one_pair_at_a_time() {
        // Texts made from a few paragraphs, each edited in one to four places (some edits
        // keep a text near its paragraph, more do not), in a scrambled order.
        let bases = [
            "对重点企业实行四不两直检查，全年立案查处违法违规行为二十三起，形成执法检查台账并逐项跟踪整改到位。",
            "修订危险化学品安全管理制度，组织专题培训两次，年底前完成隐患整改并开展回头看工作。",
            "已严格落实安全生产责任制，全年开展专项检查十次，形成检查记录和整改台账，按月通报。",
        ];
        let digits = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
        let mut texts = Vec::new();
        let mut state = 7u64;
        for k in 0..600 {
            let base: Vec<char> = bases[k % bases.len()].chars().collect();
            let mut t = base.clone();
            state = mix(state);
            for e in 0..=(state % 4) {
                let at = usize::try_from(mix(state ^ e) % t.len() as u64).unwrap();
                let d = digits[usize::try_from(mix(state + e) % 9).unwrap()];
                t[at] = d.chars().next().unwrap();
            }
            texts.push(t.into_iter().collect::<String>());
        }
        let (signatures, sets): (Vec<_>, Vec<_>) = texts.iter().map(|t| prepare(t)).unzip();
        let mut ours = join_near(&signatures, &sets);
        let mut theirs = join_near_one_by_one(&signatures, &sets);
        let ours: Vec<usize> = (0..texts.len()).map(|i| find(&mut ours, i)).collect();
        let theirs: Vec<usize> = (0..texts.len()).map(|i| find(&mut theirs, i)).collect();
        assert_eq!(ours, theirs);
        // Both joined some texts and left others apart.
        let groups: std::collections::HashSet<usize> = ours.iter().copied().collect();
        assert!(
            groups.len() > 3 && groups.len() < texts.len(),
            "{}",
            groups.len()
        );
    }

    #[test]
    fn the_tallies_never_count_fewer_shared_members_than_there_are() {
        let mut state = 11u64;
        let mut set = |len: usize, from: &[u32], keep: u64| -> Vec<u32> {
            let mut v: Vec<u32> = from
                .iter()
                .copied()
                .filter(|_| {
                    state = mix(state);
                    state % 100 < keep
                })
                .collect();
            while v.len() < len {
                state = mix(state);
                #[allow(clippy::cast_possible_truncation)]
                v.push(state as u32);
            }
            v.sort_unstable();
            v.dedup();
            v
        };
        let (mut ruled_out, mut near_pairs) = (0, 0);
        for k in 0..2000u64 {
            let a = set(20 + (k % 90) as usize, &[], 0);
            let b = set(20 + (k % 70) as usize, &a, k % 100);
            let shared = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
            let (ta, tb) = (tally(&a).unwrap(), tally(&b).unwrap());
            assert!(shared_at_most(&ta, &tb) >= shared);
            // Ruling a pair out never rules out a near one.
            let tallied = near_tallied((&a, &Some(ta)), (&b, &Some(tb)));
            assert_eq!(tallied, jaccard(&a, &b) >= NEAR_DUPLICATE);
            ruled_out += usize::from(
                fewest_shared(a.len(), b.len()).is_some_and(|n| shared_at_most(&ta, &tb) < n),
            );
            near_pairs += usize::from(tallied);
        }
        // Both kinds met: pairs the tallies ruled out, and near pairs they let through.
        assert!(
            ruled_out > 100 && near_pairs > 100,
            "{ruled_out} {near_pairs}"
        );
        // A bucket that a byte cannot count: no tally, the sets are merged.
        // Multiples of 128 (BUCKETS): all in one bucket.
        let long: Vec<u32> = (0..300u32).map(|m| m << 7).collect();
        assert_eq!(tally(&long), None);
        assert!(near_tallied((&long, &None), (&long, &None)));
    }

    #[test]
    fn the_early_stop_decides_as_the_whole_measure_does() {
        // Sets of every size up to 40 with every overlap, around the threshold and away.
        for a_len in 0..40u32 {
            for b_len in 0..40u32 {
                for shared in 0..=a_len.min(b_len) {
                    let a: Vec<u32> = (0..a_len).collect();
                    // `shared` of a's members, then members a does not have, interleaved.
                    let mut b: Vec<u32> = (0..shared).map(|x| x * 2 % a_len.max(1)).collect();
                    b.sort_unstable();
                    b.dedup();
                    let have = u32::try_from(b.len()).expect("small");
                    b.extend((0..b_len.saturating_sub(have)).map(|x| 1000 + x));
                    b.sort_unstable();
                    assert_eq!(
                        near(&a, &b),
                        jaccard(&a, &b) >= NEAR_DUPLICATE,
                        "{a:?} {b:?}"
                    );
                }
            }
        }
    }

    /// Pairs of random Chinese paragraphs, the second edited in a few places: of the pairs
    /// whose shingle sets reach [`NEAR_DUPLICATE`], the share whose signatures have a band in
    /// common is what the banding promises (docs/rollup.md: 0.985 at 0.8, more above), so the
    /// hash functions behave as independent ones.
    #[test]
    fn near_duplicates_share_a_band_as_often_as_the_banding_promises() {
        let alphabet: Vec<char> = "安全生产责任制落实检查整改台账隐患排查治理制度培训应急预案演练监督执法企业部门单位领导干部职工岗位风险管控"
            .chars()
            .collect();
        let mut state = 11u64;
        let mut next = |n: usize| {
            state = mix(state.wrapping_add(0x9E37_79B9_7F4A_7C15));
            usize::try_from(state % n as u64).unwrap()
        };
        let (mut near_pairs, mut shared) = (0usize, 0usize);
        for _ in 0..4000 {
            let len = 30 + next(60);
            let a: Vec<char> = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            let mut b = a.clone();
            for _ in 0..=next(3) {
                let at = next(b.len());
                b[at] = alphabet[next(alphabet.len())];
            }
            let (a, b): (String, String) = (a.into_iter().collect(), b.into_iter().collect());
            let ((sa, seta), (sb, setb)) = (prepare(&a), prepare(&b));
            if jaccard(&seta, &setb) < NEAR_DUPLICATE {
                continue;
            }
            near_pairs += 1;
            if (0..BANDS).any(|band| {
                sa[band * ROWS..(band + 1) * ROWS] == sb[band * ROWS..(band + 1) * ROWS]
            }) {
                shared += 1;
            }
        }
        assert!(near_pairs > 1000, "{near_pairs}");
        #[allow(clippy::cast_precision_loss)]
        let rate = shared as f64 / near_pairs as f64;
        assert!(rate >= 0.985, "{shared} of {near_pairs}: {rate}");
    }

    fn set(t: &str) -> Vec<u32> {
        prepare(t).1
    }

    #[test]
    fn a_lightly_edited_paragraph_is_a_near_duplicate_and_another_is_not() {
        let a = "对重点企业实行四不两直检查，全年立案查处违法违规行为二十三起，形成执法检查台账并逐项跟踪整改到位。";
        let b = "对重点企业实行四不两直检查，全年立案查处违法违规行为二十五起，形成执法检查台账并逐项跟踪整改到位。";
        let c = "修订危险化学品安全管理制度，组织专题培训两次，年底前完成隐患整改并开展回头看。";
        assert!(jaccard(&set(a), &set(b)) >= NEAR_DUPLICATE);
        assert!(jaccard(&set(a), &set(c)) < 0.3);
        // The signatures of the near-duplicate share a band, so the pair is looked at.
        let (sa, sb) = (prepare(a).0, prepare(b).0);
        assert!(
            (0..BANDS).any(
                |band| sa[band * ROWS..(band + 1) * ROWS] == sb[band * ROWS..(band + 1) * ROWS]
            )
        );
    }
}
