//! The session file in pieces (`store::Image`) and the journal beside a large session: the
//! pieces give exactly the text `to_json` writes, a journal record carries exactly what changed,
//! every reader applies the journal, a crash at any step loses nothing that was reported saved,
//! and a journal that does not continue the file is never applied silently.

mod common;

use std::path::PathBuf;

use common::{add_unknown_fields, full_session, session, ts};
use proptest::prelude::*;
use selfcheck::model::{Field, Session};
use selfcheck::store::{
    Changed, Document, FileText, Image, OpenMode, journal_path, load_session, set_aside_journals,
    to_json,
};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn text(s: &Session) -> String {
    String::from_utf8(to_json(s)).expect("UTF-8")
}

fn joined(t: &FileText) -> String {
    String::from_utf8(t.to_vec()).expect("UTF-8")
}

/// A session with unknown fields everywhere (as another tool writes them), read back.
fn odd_session() -> Session {
    let s = full_session();
    let mut v = serde_json::to_value(&s).expect("value");
    add_unknown_fields(&mut v, "dept-1-1");
    serde_json::from_value(v).expect("session")
}

fn samples() -> Vec<(&'static str, Session)> {
    vec![
        ("nothing answered", session("gov", "镇政府")),
        ("every field", full_session()),
        ("unknown fields", odd_session()),
        ("synthetic 300", synthetic(300)),
    ]
}

#[test]
fn the_pieces_join_to_the_text_to_json_writes() {
    for (what, s) in samples() {
        assert_eq!(joined(&FileText::of(&s)), text(&s), "{what}");
        let image = Image::build(s.clone());
        assert_eq!(joined(&image.text(&s)), text(&s), "{what}, from an image");
        assert_eq!(FileText::of(&s).byte_len(), to_json(&s).len(), "{what}");
    }
}

/// A session file being edited the way the interface edits it: the file, its document, the
/// file's pieces (image), and the session in memory.
struct Editing {
    _dir: tempfile::TempDir,
    path: PathBuf,
    doc: Document,
    image: Image,
    s: Session,
    /// What changed since the image was last brought up to the session, as the interface
    /// lists it.
    changed: Changed,
}

impl Editing {
    fn start(base: Session) -> Self {
        let dir = temp();
        let path = dir.path().join("meeting.json");
        let doc = Document::create(&path, &base).expect("create");
        let image = Image::read(&path, doc.fingerprint().expect("written")).expect("image");
        Self {
            _dir: dir,
            path,
            doc,
            image,
            s: base,
            changed: Changed::default(),
        }
    }

    /// Makes change number `k`, noting what it changed.
    fn change(&mut self, k: usize) {
        self.changed.merge(change(&mut self.s, k));
    }

    /// Brings the image up to the session with the list of what changed.
    fn update(&mut self) -> Option<Vec<u8>> {
        let changed = std::mem::take(&mut self.changed);
        self.image.update(&self.s, &changed)
    }

    /// Makes change number `k` and saves it to the journal.
    fn journal(&mut self, k: usize) {
        self.change(k);
        let record = self.update().expect("changed");
        self.doc.append_journal(&record).expect("append");
    }

    /// Writes the whole file from the pieces.
    fn write_whole(&mut self) {
        self.update();
        self.doc.save_text(&self.image.text(&self.s)).expect("save");
    }

    /// The session as a reader sees it.
    fn read(&self) -> Session {
        load_session(&self.path).expect("load")
    }

    fn journal_file(&self) -> PathBuf {
        journal_path(&self.path)
    }

    /// The image read again from the file, as after a failed save.
    fn image_again(&self) -> Image {
        Image::read(&self.path, self.doc.fingerprint().expect("written")).expect("image")
    }
}

fn synthetic(checks: usize) -> Session {
    selfcheck::demo::synthetic_session(checks, ts("2023-12-05T09:00:00+08:00"))
}

/// Makes change number `k` to a session: statuses, texts, clearing, the head. Returns what
/// changed, as the interface would list it.
fn change(s: &mut Session, k: usize) -> Changed {
    let now =
        ts("2023-12-06T10:00:00+08:00") + chrono::Duration::seconds(i64::try_from(k).unwrap_or(0));
    let ids: Vec<String> = s.template.checks().map(|(_, c)| c.id.clone()).collect();
    let id = &ids[k * 7 % ids.len()];
    let mut changed = Changed::default();
    if k % 6 < 4 {
        changed.answer(id);
    }
    match k % 6 {
        0 => drop(s.set_status(id, Some("done"), now)),
        1 => drop(s.set_field(id, Field::Problems, &format!("问题{k}：台账不全"), now)),
        2 => drop(s.set_status(id, None, now)),
        3 => drop(s.set_field(id, Field::Evidence, "", now)),
        4 => {
            s.unit.name = format!("单位{k}");
            s.updated_at = now;
        }
        _ => {
            s.conclusions.overview = format!("总体{k}");
            s.updated_at = now;
        }
    }
    changed
}

#[test]
fn journal_records_carry_every_change_and_every_reader_applies_them() {
    let mut e = Editing::start(synthetic(200));
    let before = std::fs::read(&e.path).expect("file");
    let mut records = 0;
    for k in 0..30 {
        e.change(k);
        let record = e.update();
        assert_eq!(
            joined(&e.image.text(&e.s)),
            text(&e.s),
            "change {k}: the pieces"
        );
        if let Some(record) = record {
            e.doc.append_journal(&record).expect("append");
            records += 1;
        }
        assert_eq!(
            std::fs::read(&e.path).expect("file"),
            before,
            "change {k}: the file itself is not rewritten"
        );
        assert_eq!(
            e.read(),
            e.s,
            "change {k}: a reader sees the file and the journal"
        );
    }
    assert!(e.doc.journal_len() > 0);
    assert!(e.update().is_none(), "nothing changed, nothing to record");
    // The editor stops without writing the file (a crash): the next editor folds the
    // journal into the file and removes it.
    drop(e.doc);
    let (doc, opened) = Document::open(&e.path, OpenMode::Edit).expect("open");
    assert_eq!(opened, e.s);
    assert!(records > 20, "most changes change something: {records}");
    assert_eq!(doc.replayed(), records);
    assert_eq!(std::fs::read(&e.path).expect("file"), to_json(&e.s));
    assert!(!journal_path(&e.path).exists(), "the journal is folded in");
}

#[test]
fn a_whole_write_removes_the_journal() {
    let mut e = Editing::start(full_session());
    e.journal(0);
    assert!(e.journal_file().exists());
    e.change(1);
    e.write_whole();
    assert!(!e.journal_file().exists());
    assert_eq!(e.doc.journal_len(), 0);
    assert_eq!(std::fs::read(&e.path).expect("file"), to_json(&e.s));
    // A new journal continues the new file.
    e.journal(4);
    assert_eq!(e.read(), e.s);
}

#[test]
fn a_crash_between_writing_the_file_and_removing_the_journal_loses_nothing() {
    let mut e = Editing::start(full_session());
    for k in [0, 1, 4, 5] {
        e.journal(k);
    }
    let journal = std::fs::read(e.journal_file()).expect("journal");
    // The file is written whole (the old one becoming the backup) ...
    e.write_whole();
    // ... and the crash comes before the journal is removed.
    std::fs::write(e.journal_file(), &journal).expect("journal back");
    assert_eq!(e.read(), e.s);
    drop(e.doc);
    let (_doc, opened) = Document::open(&e.path, OpenMode::Edit).expect("open");
    assert_eq!(opened, e.s);
    assert!(!journal_path(&e.path).exists());
    assert!(
        set_aside_journals(&e.path).is_empty(),
        "the journal continues the backup: it is ours, folded in, not set aside as foreign"
    );
}

#[test]
fn a_line_cut_short_ends_the_journal_and_is_not_applied() {
    let mut e = Editing::start(full_session());
    e.journal(0);
    let saved = e.s.clone();
    e.change(1);
    let record = e.update().expect("changed");
    // The crash came in the middle of writing the second record.
    let mut bytes = std::fs::read(e.journal_file()).expect("journal");
    bytes.extend_from_slice(&record[..record.len() / 2]);
    std::fs::write(e.journal_file(), &bytes).expect("torn");
    assert_eq!(e.read(), saved);
    // A whole record that is not a record also ends it.
    bytes.truncate(bytes.len() - record.len() / 2);
    bytes.extend_from_slice(b"{\"answers\": 7}\n");
    bytes.extend_from_slice(&record);
    bytes.push(b'\n');
    std::fs::write(e.journal_file(), &bytes).expect("bad line");
    assert_eq!(e.read(), saved);
}

#[test]
fn a_journal_that_does_not_continue_the_file_is_set_aside_and_offered() {
    let base = full_session();
    let mut e = Editing::start(base.clone());
    e.journal(0);
    drop(e.doc);
    // Someone replaces the file with another version (and no backup of ours is left).
    let mut theirs = base;
    theirs.unit.name = "另一个单位".to_owned();
    std::fs::write(&e.path, to_json(&theirs)).expect("replace");
    std::fs::remove_file(e.path.with_file_name("meeting.json.bak")).ok();
    assert_eq!(
        load_session(&e.path).expect("load"),
        theirs,
        "a reader does not mix the two"
    );
    let (doc, opened) = Document::open(&e.path, OpenMode::Edit).expect("open");
    assert_eq!(opened, theirs);
    assert_eq!(doc.replayed(), 0);
    assert!(
        !journal_path(&e.path).exists(),
        "set aside, so a new one can start"
    );
    let aside = set_aside_journals(&e.path);
    assert_eq!(aside.len(), 1, "kept, not deleted");
    let offered = selfcheck::runtime::find_recovery(
        &doc,
        &opened,
        selfcheck::i18n::texts(selfcheck::i18n::Lang::Zh),
    )
    .expect("offered as a recovery copy");
    assert_eq!(offered.path, aside[0].0);
    assert_eq!(
        offered.session.answers, e.s.answers,
        "the journal's answers applied to the file as it is"
    );
    assert!(!offered.differences.is_empty());
}

#[test]
fn a_read_only_opener_applies_the_journal_and_writes_nothing() {
    let mut e = Editing::start(full_session());
    e.journal(1);
    let journal = std::fs::read(e.journal_file()).expect("journal");
    let (_ro, opened) = Document::open(&e.path, OpenMode::ReadOnly).expect("open");
    assert_eq!(opened, e.s);
    assert_eq!(
        std::fs::read(e.journal_file()).expect("journal"),
        journal,
        "left as it was"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any sequence of changes, recorded one save at a time: the pieces always join to the
    /// text `to_json` writes, and the file with the journal always reads back as the session.
    #[test]
    fn any_changes_read_back_through_the_journal(steps in proptest::collection::vec(0usize..500, 1..25)) {
        let mut e = Editing::start(session("enterprise", "某公司"));
        for (i, k) in steps.iter().enumerate() {
            e.change(*k);
            let record = e.update();
            let whole = e.image.text(&e.s);
            prop_assert_eq!(joined(&whole), text(&e.s));
            if i % 5 == 4 {
                e.doc.save_text(&whole).expect("save");
            } else if let Some(record) = record {
                e.doc.append_journal(&record).expect("append");
            }
            prop_assert_eq!(e.read(), e.s.clone());
        }
    }
}

#[test]
fn a_session_put_in_another_ones_place_is_compared_whole() {
    let base = full_session();
    let mut e = Editing::start(base.clone());
    e.journal(0);
    // Another version of the session takes its place (a recovery copy restored, say): its
    // answers were never changed through this session's methods, but every difference counts.
    let mut other = base;
    other.answers.clear();
    e.s = other.clone();
    // Whoever puts it there says so.
    e.changed = Changed::Everything;
    let record = e.update().expect("changed");
    assert_eq!(joined(&e.image.text(&e.s)), text(&other));
    e.doc.append_journal(&record).expect("append");
    assert_eq!(e.read(), other);
}

#[test]
fn an_image_read_again_after_a_failed_save_finds_the_change_that_failed() {
    let mut e = Editing::start(full_session());
    e.change(0);
    // The save of this change fails after the image took it in ...
    let _lost_with_the_failed_write = e.update();
    // ... so the image is read again from the file, which does not have it.
    e.image = e.image_again();
    let record = e
        .update()
        .expect("the change is found again, though its list of changes was handed over");
    e.doc.append_journal(&record).expect("append");
    assert_eq!(e.read(), e.s);
}

#[test]
fn the_first_saves_go_to_the_journal_from_the_list_of_changes_before_the_image_is_read() {
    let mut e = Editing::start(synthetic(300));
    // Opened: from here on the interface lists what it changes.
    for k in [0, 1, 2, 3] {
        e.change(k);
        let Changed::Answers(ids) = std::mem::take(&mut e.changed) else {
            panic!("the list is known");
        };
        let record = selfcheck::store::record_of(&e.s, &ids);
        e.doc.append_journal(&record).expect("append");
        assert_eq!(e.read(), e.s, "change {k}");
    }
    // The image arrives, read from the file: it finds the same changes again, harmlessly.
    e.image = e.image_again();
    e.journal(4);
    assert_eq!(e.read(), e.s);
    assert_eq!(joined(&e.image.text(&e.s)), text(&e.s));
}

#[test]
fn a_journal_on_the_backup_is_never_applied_to_a_file_someone_else_wrote() {
    let base = full_session();
    let mut e = Editing::start(base.clone());
    e.journal(0);
    let journal = std::fs::read(e.journal_file()).expect("journal");
    // The file is written whole: the journal's base is now the backup ...
    e.write_whole();
    drop(e.doc);
    // ... the journal comes back (a crash before its removal), and someone replaces the file.
    std::fs::write(journal_path(&e.path), &journal).expect("journal back");
    let mut theirs = base;
    theirs.unit.name = "另一个单位".to_owned();
    std::fs::write(&e.path, to_json(&theirs)).expect("replace");
    assert_eq!(
        load_session(&e.path).expect("load"),
        theirs,
        "a reader does not mix them"
    );
    let (_doc, opened) = Document::open(&e.path, OpenMode::Edit).expect("open");
    assert_eq!(opened, theirs, "the editor does not mix them");
    assert_eq!(
        std::fs::read(&e.path).expect("file"),
        to_json(&theirs),
        "their file untouched"
    );
    assert_eq!(
        set_aside_journals(&e.path).len(),
        1,
        "ours kept aside, to be offered"
    );
}

#[test]
fn a_journal_this_program_cannot_read_is_set_aside_not_overwritten() {
    let mut e = Editing::start(full_session());
    let foreign = b"{\"selfcheck_journal\": 99}\n{\"something\": \"newer\"}\n";
    std::fs::write(e.journal_file(), foreign).expect("a newer journal");
    assert_eq!(e.read(), e.s, "not applied");
    drop(e.doc);
    let (doc, _) = Document::open(&e.path, OpenMode::Edit).expect("open");
    e.doc = doc;
    let name = |p: std::path::PathBuf| p.file_name().unwrap().to_string_lossy().into_owned();
    let aside: Vec<String> = std::fs::read_dir(e.path.parent().unwrap())
        .unwrap()
        .map(|d| name(d.unwrap().path()))
        .filter(|n| n.starts_with("meeting.json.journal-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        std::fs::read(e.path.with_file_name(&aside[0])).expect("kept"),
        foreign,
        "kept byte for byte"
    );
    // Saving goes on with a journal of its own.
    e.image = e.image_again();
    e.journal(1);
    assert_eq!(e.read(), e.s);
}
