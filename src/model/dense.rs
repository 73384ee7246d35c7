//! Reading a large map of answers without the room a B-tree leaves when it is filled in key
//! order. A `BTreeMap` that receives its keys in ascending order (as a session file lists its
//! answers) splits every full node in two and never fills the left half again: its nodes stay
//! a little over half full. An answer is some 500 bytes held in the node itself, so at 10,000
//! answers that is about 3 MB of empty slots, alive while the file is being read. Here the map
//! is rebuilt packed (`append` builds a new tree with full nodes, freeing the old one node by
//! node as it goes) each time it has grown by half since the last time, and once at the end:
//! at most a third of the answers sit in half-full nodes at any moment, for about three moves
//! of each answer in all.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{Deserialize, MapAccess, Visitor};

/// Deserializes a map as `BTreeMap`'s own `Deserialize` does (a repeated key keeps its last
/// value), into packed nodes.
pub fn packed_map<'de, D, K, V>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
{
    deserializer.deserialize_map(Packed(PhantomData))
}

struct Packed<K, V>(PhantomData<(K, V)>);

impl<'de, K, V> Visitor<'de> for Packed<K, V>
where
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
{
    type Value = BTreeMap<K, V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = BTreeMap::new();
        let mut next = 64;
        while let Some((key, value)) = access.next_entry()? {
            map.insert(key, value);
            if map.len() >= next {
                pack(&mut map);
                next = map.len() + map.len() / 2;
            }
        }
        pack(&mut map);
        Ok(map)
    }
}

/// Rebuilds `map` with full nodes.
pub fn pack<K: Ord, V>(map: &mut BTreeMap<K, V>) {
    // `append` into an empty map only swaps the two; into a map of one it merges both into a
    // new tree, built full.
    let Some(first) = map.pop_first() else {
        return;
    };
    let mut packed = BTreeMap::from([first]);
    packed.append(map);
    *map = packed;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_map_as_the_default_does() {
        #[derive(serde::Deserialize)]
        struct Wrap {
            #[serde(deserialize_with = "packed_map")]
            m: BTreeMap<String, u32>,
        }
        use std::fmt::Write;
        let mut text = String::from("{\"m\":{");
        for i in 0..1000 {
            write!(text, "\"k{i:04}\":{i},").expect("a string takes it");
        }
        text.push_str("\"k0005\":7}}");
        let w: Wrap = serde_json::from_str(&text).expect("a map");
        let plain: BTreeMap<String, u32> =
            serde_json::from_str(&text[5..text.len() - 1]).expect("a map");
        assert_eq!(w.m, plain);
        assert_eq!(w.m.len(), 1000);
        assert_eq!(w.m["k0005"], 7, "a repeated key keeps its last value");
        let empty: Wrap = serde_json::from_str("{\"m\":{}}").expect("an empty map");
        assert!(empty.m.is_empty());
        assert!(serde_json::from_str::<Wrap>("{\"m\":[1]}").is_err());
    }
}
