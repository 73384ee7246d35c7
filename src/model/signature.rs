//! 签字确认 as the record holds it: who signs ([`Role`]), a signature, and why one could not be
//! made. Plain data: uses nothing else of the model; signing and checking a record are in
//! `signoff`.

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Who signs the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 主持人: who chaired the meeting.
    Host,
    /// 主要负责人: the unit's principal (the notice: 主要负责人要亲自研究、亲自把关).
    Principal,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Host, Role::Principal];

    /// The role's name as the record writes it in the event of a signature (its words on
    /// screen and in the documents are `i18n::role_label`).
    pub fn recorded_name(self) -> &'static str {
        match self {
            Role::Host => "主持人",
            Role::Principal => "主要负责人",
        }
    }

    /// Reads a role as people name it: 主持人 / host / chair, 主要负责人 / principal / head.
    pub fn parse(text: &str) -> Option<Role> {
        match text.trim().to_lowercase().as_str() {
            "主持人" | "host" | "chair" | "chairperson" => Some(Role::Host),
            "主要负责人" | "principal" | "head" | "负责人" => Some(Role::Principal),
            _ => None,
        }
    }
}

/// One signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Signature {
    pub role: Role,
    /// The name as the signer typed it.
    pub name: String,
    /// When (RFC 3339).
    pub at: DateTime<FixedOffset>,
    /// SHA-256 of the record's canonical content when signed (64 lowercase hex digits).
    pub sha256: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Why a signature could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("the signer's name is empty; type the name of the person signing")]
    EmptyName,
    #[error("already signed as {role:?} by {name}; reopen the record for amendment to sign again")]
    AlreadySigned { role: Role, name: String },
    #[error(
        "the record was changed after it was signed (the signatures no longer match); reopen it for amendment, then sign again"
    )]
    Altered,
}
