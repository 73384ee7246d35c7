//! The sign-off lines printed between the body and the 落款: the 主持人 and the 主要负责人 with
//! the names they typed and the day they signed (a line to sign by hand where a role has not
//! signed), and under them the 校验码 of the record's content, so the signed paper copy and the
//! file can be matched (docs/signing.md).

use crate::i18n::fill;
use crate::model::Session;
use crate::model::signoff::{self, Role};

use super::super::{REPORT as W, cn_date};
use super::{Block, para};

/// The blank a hand signs on.
const BLANK: &str = W.sign_blank;

/// The sign-off lines and the 校验码. A record changed after it was signed says so beside the
/// code: the code printed is the content's now, and the one signed is named.
pub(super) fn sign_off(session: &Session) -> Vec<Block> {
    let v = signoff::verify(session);
    let mut blocks = Vec::new();
    for role in Role::ALL {
        let lead = fill(
            W.sign_lead,
            &[(
                "role",
                &crate::i18n::role_label(role, crate::i18n::Lang::Zh),
            )],
        );
        let text = match session.signatures.iter().find(|s| s.role == role) {
            Some(s) => fill(
                W.signed,
                &[
                    ("name", &s.name.trim()),
                    ("date", &cn_date(s.at.date_naive())),
                ],
            ),
            None => BLANK.to_owned(),
        };
        blocks.push(para(Some(lead), text));
    }
    let mut code = signoff::short_code(&v.sha256);
    if v.is_altered()
        && let Some(signed) = session.signatures.iter().find(|s| s.sha256 != v.sha256)
    {
        code.push_str(&fill(
            W.signed_altered,
            &[("code", &signoff::short_code(&signed.sha256))],
        ));
    }
    blocks.push(para(Some(W.code_lead.to_owned()), code));
    blocks
}
