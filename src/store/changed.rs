//! Which answers of a session changed since it was last handed to the disk: the interface
//! knows (it made the changes), and a save that is told compares and renders only those.

use std::collections::BTreeSet;

/// What changed in a session since the last save. The unit, the meeting and the closing texts
/// are not listed: they are small and a save always compares them whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// Only these answers (by check id), if any.
    Answers(BTreeSet<String>),
    /// Anything may differ (a session put in another's place, a save that failed after it was
    /// counted): compare everything.
    Everything,
}

impl Default for Changed {
    /// Nothing changed.
    fn default() -> Self {
        Changed::Answers(BTreeSet::new())
    }
}

impl Changed {
    /// One answer changed.
    pub fn answer(&mut self, check_id: &str) {
        if let Changed::Answers(ids) = self
            && !ids.contains(check_id)
        {
            ids.insert(check_id.to_owned());
        }
    }

    /// Adds what `other` lists.
    pub fn merge(&mut self, other: Changed) {
        match (&mut *self, other) {
            (Changed::Everything, _) => {}
            (_, Changed::Everything) => *self = Changed::Everything,
            (Changed::Answers(ids), Changed::Answers(more)) => ids.extend(more),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_absorbs_a_list_and_lists_join() {
        let mut c = Changed::default();
        c.answer("a");
        let mut d = Changed::default();
        d.answer("b");
        c.merge(d);
        assert_eq!(c, Changed::Answers(["a".into(), "b".into()].into()));
        c.merge(Changed::Everything);
        assert_eq!(c, Changed::Everything);
        c.answer("c");
        c.merge(Changed::default());
        assert_eq!(c, Changed::Everything);
    }
}
