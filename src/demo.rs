//! A realistic example meeting record (a district emergency management bureau answering the
//! department checklist), used for screenshots, render tests and benchmarks.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::model::{Field, Meeting, Session, Unit, UnitKind, builtin};

/// The example session, with answers, problems and measures on several checks.
pub fn session(now: DateTime<FixedOffset>) -> Session {
    let template = builtin::get("dept").unwrap_or_else(|| builtin::all().remove(0));
    let mut s = Session::new(
        template,
        Unit {
            name: "临港区应急管理局".into(),
            kind: Some(UnitKind::Dept),
            ..Unit::default()
        },
        Meeting {
            title: "2023年度“三管三必须”责任落实对照检查会".into(),
            date: NaiveDate::from_ymd_opt(2023, 12, 5),
            place: "区政府三楼会议室".into(),
            host: "张建国".into(),
            recorder: "李明".into(),
            attendees: ["王海燕", "赵志刚", "刘洋", "陈静"]
                .map(String::from)
                .to_vec(),
            ..Meeting::default()
        },
        now,
    );
    let answers: [(&str, &str, [&str; 6]); 5] = [
        (
            "dept-1-1",
            "done",
            [
                "制定《行业领域安全生产监管职责清单》，将安全生产纳入行业规划和产业政策，2023年开展行业安全专项检查12次。",
                "",
                "",
                "",
                "",
                "",
            ],
        ),
        (
            "dept-1-2",
            "partial",
            [
                "对重点企业实行“四不两直”检查，全年立案查处违法违规行为23起。",
                "执法检查频次不均衡，部分小微企业全年未覆盖；执法文书制作不够规范。",
                "执法人员力量不足，对小微企业底数掌握不清。",
                "建立小微企业执法检查台账，2024年一季度前实现全覆盖；组织执法文书专题培训。",
                "执法大队 赵志刚",
                "2024-03-31",
            ],
        ),
        (
            "dept-1-4",
            "not_done",
            [
                "",
                "个别新业态领域存在职责边界不清、相互推诿的情况。",
                "新业态监管职责未及时明确，部门间会商机制不健全。",
                "提请区安委会明确新业态安全监管职责，建立部门联席会商制度。",
                "办公室 王海燕",
                "2024-01-31",
            ],
        ),
        (
            "dept-2-1",
            "done",
            [
                "领导班子成员安全生产责任清单已印发，安全生产工作已纳入领导干部年度述职内容。",
                "",
                "",
                "",
                "",
                "",
            ],
        ),
        (
            "dept-3-2",
            "partial",
            [
                "开展地下管网隐患专项排查，发现并整改隐患41处。",
                "对隐蔽致灾隐患排查手段单一，缺少专业检测设备。",
                "专业技术力量薄弱，购买第三方服务经费不足。",
                "申请专项经费引入第三方专业机构，开展地下油气管网隐蔽致灾隐患检测。",
                "规划科 刘洋",
                "2024-06-30",
            ],
        ),
    ];
    for (id, status, fields) in answers {
        let _ = s.set_status(id, Some(status), now);
        for (f, text) in Field::ALL.into_iter().zip(fields) {
            if !text.is_empty() {
                let _ = s.set_field(id, f, text, now);
            }
        }
    }
    let _ = s.toggle_flag("dept-1-4", now);
    s
}
