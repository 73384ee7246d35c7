//! The domain: checklist templates, meeting sessions and their answers, and progress. Pure data
//! and rules; nothing here knows about files or terminals.
//!
//! The files have one direction of use, each only those on its own line or above
//! (`tests/layers.rs` checks there is no cycle):
//!
//! 1. leaves: `unit_kind`, `deadline`, `attendance`, `field`, `rectification`, `signature`,
//!    `dense` (reading a map into packed nodes);
//!    `template` and `builtin` (the checklists); `error`, `dates`;
//! 2. the plain data a session holds: `change` (history entries), `history_text` (an answer's
//!    history as read), `previous` (上次 and carried-over measures), `answer`;
//! 3. `session`: the record itself, its unit and meeting, looking answers up;
//! 4. what is done to a session: `history` (recording changes, replaying them), `edit`
//!    (changing answers), `signoff` (signing, the content hash), `carryover` (the next
//!    meeting's record, following measures up), `progress`.
//!
//! The modules of the last layer also re-export the data types of their concern (as
//! `history::Change`, `carryover::CarriedMeasure`, `signoff::Role`), and `session` those of the
//! record (`session::Answer`, `session::Field`), so the rest of the program names them there.

pub mod answer;
pub mod attendance;
pub mod builtin;
pub mod carryover;
pub mod change;
pub mod dates;
pub mod deadline;
pub mod dense;
pub mod edit;
pub mod error;
pub mod field;
pub mod history;
pub mod history_text;
pub mod previous;
pub mod progress;
pub mod rectification;
pub mod session;
pub mod signature;
pub mod signoff;
pub mod template;
pub mod unit_kind;

pub use answer::Answer;
pub use error::{SCHEMA_VERSION, SessionError};
pub use field::Field;
pub use progress::{Progress, StatusCount};
pub use rectification::Rectification;
pub use session::{Conclusions, Meeting, Session, Unit};
pub use template::{
    AnswerOption, Check, CheckIndex, CheckPos, Item, Section, Source, Template, TemplateError,
};
pub use unit_kind::UnitKind;
