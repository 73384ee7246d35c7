//! 整改进展: how far the measure for a problem has come. Plain data: uses nothing else of the
//! model.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// 整改进展: how far the measure for a problem has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RectificationState {
    /// 未开始
    NotStarted,
    /// 整改中
    InProgress,
    /// 已完成
    Done,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rectification {
    pub state: RectificationState,
    /// 销号日期: when the problem was closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<NaiveDate>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
