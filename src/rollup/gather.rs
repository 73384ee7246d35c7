//! Gathering: which files to read, reading them on every core (rayon), and keeping of each
//! session only what the roll-up needs, so that thousands of sessions (each with a full copy of
//! its checklist) need not be held in memory.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rayon::prelude::*;

use crate::export::has_problem;
use crate::export::ledger::Origin;
use crate::model::carryover::repeats;
use crate::model::session::RectificationState;
use crate::model::signoff::{Role, short_code, verify};
use crate::model::{Session, UnitKind};
use crate::store::StoreError;

use super::NOT_DONE;
use super::group::StatusColumn;

/// A file that could not be read or is not a valid session, with the reason.
#[derive(Debug)]
pub struct FileError {
    pub path: PathBuf,
    /// The store's error; [`FileError::reason`] tells it in the interface language.
    pub error: StoreError,
}

impl FileError {
    /// The reason in `lang`, naming the file and the place in it.
    pub fn reason(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::store_error(&self.error, lang)
    }
}

/// A check of a checklist as the roll-up names it. The lines of a checklist are made once and
/// shared by every session of it (thousands of sessions of one checklist each copied them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckLine {
    pub id: String,
    /// The display number people say (3.2, or 2.3.2 in the combined checklist).
    pub number: String,
    /// The check's text, trimmed.
    pub text: String,
}

/// The lines of every check of `template`, in reading order.
pub fn check_lines(template: &crate::model::Template) -> Arc<[CheckLine]> {
    template
        .checks()
        .map(|(pos, c)| CheckLine {
            id: c.id.clone(),
            number: template.display_number(pos),
            text: c.text.trim().to_owned(),
        })
        .collect()
}

/// One check of one session, as the flags, the combined ledger and the long table of answers
/// need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerFacts {
    /// The status id; `None` when not yet checked.
    pub status: Option<String>,
    pub evidence: String,
    pub problems: String,
    pub causes: String,
    pub measures: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// 完成时限 as the meeting wrote it (长期坚持, 2027年3月底) or the date.
    pub due_text: String,
    pub progress: Option<RectificationState>,
    pub closed_on: Option<NaiveDate>,
    /// 反复出现: found short (基本落实 / 未落实) at the previous meeting and again now.
    pub repeat: bool,
}

impl AnswerFacts {
    /// Whether a deadline was given in any form (a day, a month, 长期坚持).
    pub fn has_deadline(&self) -> bool {
        self.due.is_some() || !self.due_text.trim().is_empty()
    }

    /// Whether a problem was recorded here.
    pub fn has_problem(&self) -> bool {
        !self.problems.trim().is_empty()
    }

    /// Days past the deadline on `as_of` of an open problem; `None` when not overdue.
    pub fn overdue_days(&self, as_of: NaiveDate) -> Option<i64> {
        if !self.has_problem() || self.progress == Some(RectificationState::Done) {
            return None;
        }
        let due = self.due?;
        (due < as_of).then(|| (as_of - due).num_days())
    }
}

/// One row of the combined 整改台账 before it is given its unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    /// Display number of the check.
    pub number: String,
    pub check_text: String,
    pub problem: String,
    pub measures: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub due_text: String,
    /// 未开始 / 整改中 / 已完成, empty when not recorded.
    pub progress: &'static str,
    pub closed_on: Option<NaiveDate>,
    /// Days past the deadline on the as-of date, for an open problem.
    pub overdue_days: Option<i64>,
    /// Found at this meeting, or 上次遗留: decided at an earlier one and followed up here.
    pub origin: Origin,
    /// 反复出现: the check was found short at the previous meeting and is again.
    pub repeat: bool,
}

impl LedgerEntry {
    /// 跟踪情况 in `lang`: in Chinese the unit's own ledger's words, so the two read alike.
    pub fn follow_up(&self, lang: crate::i18n::Lang) -> String {
        let l = super::labels::labels(lang);
        match (lang, self.origin, self.repeat) {
            (crate::i18n::Lang::Zh, origin, repeat) => {
                crate::export::ledger::follow_up(origin, repeat)
            }
            (_, Origin::Carried { since: Some(d) }, _) => {
                format!("{} ({})", l.carried, d.format("%Y-%m-%d"))
            }
            (_, Origin::Carried { since: None }, _) => l.carried.to_owned(),
            (_, Origin::ThisMeeting, true) => l.repeat.to_owned(),
            (_, Origin::ThisMeeting, false) => String::new(),
        }
    }

    /// The day of the meeting that decided a carried-over measure, when known.
    pub fn carried_since(&self) -> Option<NaiveDate> {
        match self.origin {
            Origin::Carried { since } => since,
            Origin::ThisMeeting => None,
        }
    }
}

/// 签字确认 as the office finds it when it collects the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signing {
    /// Who signed, in the order they signed.
    pub signers: Vec<(Role, String)>,
    /// 校验码 of the record's content as collected (the short form of its SHA-256,
    /// docs/signing.md); only for a signed record, where it is checked against the signatures.
    pub code: Option<String>,
    /// The SHA-256 in full, with `code`.
    pub sha256: Option<String>,
    /// Signed, and changed since: a signature no longer matches the content.
    pub altered: bool,
}

impl Signing {
    /// Of a session; a signed one is hashed to check its signatures.
    pub fn of(s: &Session) -> Self {
        if !s.is_signed() {
            return Self::default();
        }
        let v = verify(s);
        Signing {
            signers: s
                .signatures
                .iter()
                .map(|x| (x.role, x.name.trim().to_owned()))
                .collect(),
            code: Some(short_code(&v.sha256)),
            altered: v.is_altered(),
            sha256: Some(v.sha256),
        }
    }
}

/// What the roll-up keeps of one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitFacts {
    pub path: PathBuf,
    /// The name as written (trimmed).
    pub unit: String,
    pub kind: Option<UnitKind>,
    pub template: String,
    /// The checklist's title (shown instead of its id).
    pub template_title: String,
    pub template_title_en: Option<String>,
    pub date: Option<NaiveDate>,
    pub updated_at: DateTime<FixedOffset>,
    /// The session's answer set, in its order.
    pub answer_set: Vec<StatusColumn>,
    /// Counts per status id, aligned with `answer_set`.
    pub by_status: Vec<usize>,
    pub answered: usize,
    pub total: usize,
    pub problems: usize,
    pub open: usize,
    pub overdue: usize,
    /// Every check of the checklist in reading order ([`UnitFacts::checked`] pairs them with
    /// `answers`).
    pub checks: Arc<[CheckLine]>,
    /// The answer of every check, in the order of `checks`.
    pub answers: Vec<AnswerFacts>,
    /// The unit's 整改台账 rows; emptied when the units are combined (the rows move to
    /// [`super::Rollup::ledger`]).
    pub ledger: Vec<LedgerEntry>,
    /// Checks found short at the previous meeting and again now (反复出现).
    pub repeats: usize,
    /// Measures carried over from earlier meetings (上次遗留) not yet 已完成.
    pub carried_open: usize,
    /// Of those, past their deadline on the as-of date.
    pub carried_overdue: usize,
    pub signing: Signing,
}

/// The sessions read and the files that failed, in the order the paths were given (files of a
/// folder sorted by name).
#[derive(Debug, Default)]
pub struct Loaded {
    pub units: Vec<UnitFacts>,
    pub errors: Vec<FileError>,
    /// Conflict copies (`*.conflict-*.json`) found in folders: another version of a session
    /// already counted, so not counted twice.
    pub conflict_copies: Vec<PathBuf>,
}

/// Expands the arguments into session files: a folder gives its `*.json` files (not its
/// sub-folders; dotfiles, backups, locks and recovery files are not `*.json` or are hidden),
/// sorted by name; a file is taken as given. The same file named twice is read once.
pub fn gather(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileError>, Vec<PathBuf>) {
    // Each file with its canonical path where it is known without asking the system.
    let mut files: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    let mut errors = Vec::new();
    let mut conflicts = Vec::new();
    for input in inputs {
        if input.is_dir() {
            match std::fs::read_dir(input) {
                Ok(entries) => {
                    // The folder's canonical path once: a regular file in it (not a link) is
                    // that path and its name.
                    let canonical_dir = std::fs::canonicalize(input).ok();
                    let mut found: Vec<(PathBuf, Option<PathBuf>)> = entries
                        .filter_map(Result::ok)
                        .filter_map(|e| {
                            let p = e.path();
                            if !is_session_name(&p) {
                                return None;
                            }
                            // Regular files only (a pipe named *.json would never end); the
                            // listing tells which without a look at each file, a link is
                            // followed.
                            let regular = match e.file_type() {
                                Ok(t) if t.is_file() => true,
                                Ok(t) if t.is_symlink() => false,
                                Ok(_) => return None,
                                Err(_) => false,
                            };
                            if regular {
                                let canonical =
                                    canonical_dir.as_ref().map(|d| d.join(e.file_name()));
                                Some((p, canonical))
                            } else {
                                p.is_file().then_some((p, None))
                            }
                        })
                        .collect();
                    found.sort();
                    for (p, canonical) in found {
                        if is_conflict_copy(&p) {
                            conflicts.push(p);
                        } else {
                            files.push((p, canonical));
                        }
                    }
                }
                Err(e) => errors.push(FileError {
                    path: input.clone(),
                    error: StoreError::io(input.clone(), e),
                }),
            }
        } else {
            files.push((input.clone(), None));
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|(p, canonical)| {
        seen.insert(
            canonical
                .clone()
                .unwrap_or_else(|| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
        )
    });
    let files = files.into_iter().map(|(p, _)| p).collect();
    (files, errors, conflicts)
}

fn is_session_name(p: &Path) -> bool {
    let Some(name) = p.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    !name.starts_with('.')
        && p.extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("json"))
}

/// `NAME.conflict-STAMP.json`, as the store names the copy it keeps on a conflicting save.
fn is_conflict_copy(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n.to_string_lossy().contains(".conflict-"))
}

/// Reads every session named by `inputs` on all cores through the store's reader (which bounds
/// the size and names the place of an error) and keeps its [`UnitFacts`]; `as_of` decides what
/// is overdue. Order follows [`gather`].
// A failed file is rare and its error is kept whole for the message; its size does not matter.
#[allow(clippy::result_large_err)]
pub fn load(inputs: &[PathBuf], as_of: NaiveDate) -> Loaded {
    let (files, mut errors, conflict_copies) = gather(inputs);
    let templates = super::read::Templates::default();
    let results: Vec<Result<UnitFacts, FileError>> = files
        .par_iter()
        .map(|p| {
            super::read::read(p, &templates)
                .map(|r| facts_read(p, r, as_of))
                .map_err(|error| FileError {
                    path: p.clone(),
                    error,
                })
        })
        .collect();
    let mut units = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(u) => units.push(u),
            Err(e) => errors.push(e),
        }
    }
    Loaded {
        units,
        errors,
        conflict_copies,
    }
}

/// The facts of one session; `as_of` decides what is overdue.
pub fn facts(path: &Path, s: &Session, as_of: NaiveDate) -> UnitFacts {
    facts_of(path, s.clone(), as_of)
}

/// The facts of one session, its texts moved rather than copied (thousands of files are read).
pub fn facts_of(path: &Path, mut s: Session, as_of: NaiveDate) -> UnitFacts {
    let checks = check_lines(&s.template);
    facts_in(path, &mut s, checks, as_of)
}

/// The facts of a session as the roll-up read it: the lines of its checklist shared with the
/// other sessions of that checklist where it was recognised, and the checklist's copy given
/// back to be lent again.
pub fn facts_read(path: &Path, mut r: super::read::Read, as_of: NaiveDate) -> UnitFacts {
    let checks = r
        .check_lines()
        .unwrap_or_else(|| check_lines(&r.session.template));
    let facts = facts_in(path, &mut r.session, checks, as_of);
    r.recycle();
    facts
}

/// [`facts_of`], the answers' texts moved out of `s` and the rest left; `checks` are the lines
/// of `s`'s checklist.
// One pass over the checks, the counts kept as they go.
#[allow(clippy::too_many_lines)]
fn facts_in(path: &Path, s: &mut Session, checks: Arc<[CheckLine]>, as_of: NaiveDate) -> UnitFacts {
    let answer_set: Vec<StatusColumn> = s
        .template
        .answer_set
        .iter()
        .map(|a| StatusColumn {
            id: a.id.clone(),
            label: a.label.clone(),
            label_en: a.label_en.clone(),
        })
        .collect();
    let ledger = ledger_entries(s, &checks, as_of);
    let signing = Signing::of(s);
    let repeats: std::collections::HashSet<String> = repeats(s).into_iter().collect();
    let (carried_open, carried_overdue) = carried(s, as_of);
    let mut answers = std::mem::take(&mut s.answers);
    let mut u = UnitFacts {
        path: path.to_owned(),
        unit: s.unit.name.trim().to_owned(),
        kind: s.unit.kind.or(s.template.unit_kind),
        template: s.template.id.clone(),
        template_title: s.template.title.trim().to_owned(),
        template_title_en: s.template.title_en.clone(),
        date: s.meeting.date,
        updated_at: s.updated_at,
        by_status: vec![0; answer_set.len()],
        answer_set,
        answered: 0,
        total: 0,
        problems: 0,
        open: 0,
        overdue: 0,
        answers: Vec::with_capacity(checks.len()),
        checks,
        ledger,
        repeats: repeats.len(),
        carried_open,
        carried_overdue,
        signing,
    };
    for (_, check) in s.template.checks() {
        u.total += 1;
        // Taken in place: removing from the map moved each answer (and rebalanced the tree).
        let answer = answers.get_mut(&check.id);
        let problem = answer.as_deref().is_some_and(has_problem);
        let facts = match answer {
            Some(a) => {
                let take = |t: &mut String| {
                    let trimmed = t.trim();
                    if trimmed.len() == t.len() {
                        std::mem::take(t)
                    } else {
                        trimmed.to_owned()
                    }
                };
                AnswerFacts {
                    due_text: a.due_display(),
                    status: a.status.take(),
                    evidence: take(&mut a.evidence),
                    problems: take(&mut a.problems),
                    causes: take(&mut a.causes),
                    measures: take(&mut a.measures),
                    owner: take(&mut a.owner),
                    due: a.due,
                    progress: a.rectification.as_ref().map(|r| r.state),
                    closed_on: a.rectification.as_ref().and_then(|r| r.closed_on),
                    repeat: repeats.contains(&check.id),
                }
            }
            None => AnswerFacts {
                status: None,
                evidence: String::new(),
                problems: String::new(),
                causes: String::new(),
                measures: String::new(),
                owner: String::new(),
                due: None,
                due_text: String::new(),
                progress: None,
                closed_on: None,
                repeat: false,
            },
        };
        if let Some(status) = facts.status.as_deref() {
            u.answered += 1;
            if let Some(i) = u.answer_set.iter().position(|c| c.id == status) {
                u.by_status[i] += 1;
            }
        }
        if problem {
            u.problems += 1;
            if facts.progress != Some(RectificationState::Done) {
                u.open += 1;
                if facts.overdue_days(as_of).is_some() {
                    u.overdue += 1;
                }
            }
        }
        u.answers.push(facts);
    }
    u
}

/// Measures carried over from earlier meetings (上次遗留): how many are open, and how many of
/// those are past their deadline on `as_of`.
fn carried(s: &Session, as_of: NaiveDate) -> (usize, usize) {
    let all = s.answers.values().flat_map(|a| &a.carried_over);
    (
        all.clone().filter(|m| m.is_open()).count(),
        all.filter(|m| m.is_overdue(as_of)).count(),
    )
}

impl UnitFacts {
    /// Every check with its answer, in reading order.
    pub fn checked(&self) -> impl Iterator<Item = (&CheckLine, &AnswerFacts)> {
        self.checks.iter().zip(&self.answers)
    }

    /// Every check marked 未落实, in reading order.
    pub fn not_done(&self) -> impl Iterator<Item = &CheckLine> {
        self.checked()
            .filter(|(_, a)| a.status.as_deref() == Some(NOT_DONE))
            .map(|(c, _)| c)
    }
}

/// The unit's 整改台账 rows, taken from the unit's own ledger (`export::ledger`) so that the
/// combined ledger and the unit's cannot disagree on what a row is. This is the one place that
/// adapts those rows to the roll-up.
fn ledger_entries(s: &Session, checks: &[CheckLine], as_of: NaiveDate) -> Vec<LedgerEntry> {
    // The rows come in reading order: the checks are looked through once.
    let mut checks = checks.iter().peekable();
    crate::export::ledger::ledger_rows(s)
        .into_iter()
        .map(|r| {
            while checks.next_if(|c| c.id != r.check_id).is_some() {}
            let check_text = checks.peek().map_or_else(String::new, |c| c.text.clone());
            LedgerEntry {
                overdue_days: r
                    .is_overdue(as_of)
                    .then(|| r.due.map(|d| (as_of - d).num_days()))
                    .flatten(),
                number: r.check_number,
                check_text,
                problem: r.problem,
                measures: r.measures,
                owner: r.owner,
                due: r.due,
                due_text: r.due_display,
                progress: r.progress,
                closed_on: r.closed_on,
                origin: r.origin,
                repeat: r.repeat,
            }
        })
        .collect()
}
