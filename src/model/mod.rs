//! The domain: checklist templates, meeting sessions and their answers, and progress. Pure data
//! and rules; nothing here knows about files or terminals.

pub mod attendance;
pub mod builtin;
pub mod carryover;
pub mod dates;
pub mod deadline;
pub mod dense;
pub mod history;
pub mod history_text;
pub mod progress;
pub mod session;
pub mod signoff;
pub mod template;
pub mod unit_kind;

pub use progress::{Progress, StatusCount};
pub use session::{
    Answer, Conclusions, Field, Meeting, Rectification, SCHEMA_VERSION, Session, SessionError,
    Unit, UnitKind,
};
pub use template::{
    AnswerOption, Check, CheckIndex, CheckPos, Item, Section, Source, Template, TemplateError,
};
