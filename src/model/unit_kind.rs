//! The kinds of unit the notice addresses; each built-in checklist is for one kind. Their names
//! in the interface language are `crate::i18n::unit_kind`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The kinds of unit the notice addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 党委政府
    Gov,
    /// 部门
    Dept,
    /// 企业
    Enterprise,
}

impl UnitKind {
    pub const ALL: [UnitKind; 3] = [UnitKind::Gov, UnitKind::Dept, UnitKind::Enterprise];

    pub fn id(self) -> &'static str {
        match self {
            UnitKind::Gov => "gov",
            UnitKind::Dept => "dept",
            UnitKind::Enterprise => "enterprise",
        }
    }
}
