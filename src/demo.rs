//! A realistic example meeting record (a district emergency management bureau answering the
//! department checklist), used for screenshots, render tests and benchmarks.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::model::{Field, Meeting, Session, Unit, UnitKind, builtin};

/// The unit of the example meetings.
fn example_unit() -> Unit {
    Unit {
        name: "临港区应急管理局".into(),
        kind: Some(UnitKind::Dept),
        ..Unit::default()
    }
}

/// An example meeting on 2023-12-05 with the usual host and recorder.
fn example_meeting(title: &str, attendees: Vec<String>) -> Meeting {
    Meeting {
        title: title.into(),
        date: NaiveDate::from_ymd_opt(2023, 12, 5),
        place: "区政府三楼会议室".into(),
        host: "张建国".into(),
        recorder: "李明".into(),
        attendees,
        ..Meeting::default()
    }
}

/// The example session, with answers, problems and measures on several checks.
pub fn session(now: DateTime<FixedOffset>) -> Session {
    let template = builtin::get("dept").unwrap_or_else(|| builtin::all().remove(0));
    let mut s = Session::new(
        template,
        example_unit(),
        example_meeting(
            "2023年度“三管三必须”责任落实对照检查会",
            ["王海燕", "赵志刚", "刘洋", "陈静"]
                .map(String::from)
                .to_vec(),
        ),
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

/// Checks per item and items per section of a synthetic checklist: a shape like the real ones,
/// only much longer.
const SYNTHETIC_CHECKS_PER_ITEM: usize = 20;
const SYNTHETIC_ITEMS_PER_SECTION: usize = 25;

const SECTION_NUMBERS: [&str; 10] = [
    "第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九", "第十",
];

/// Phrases the synthetic text is made of, so that no two checks read the same and the text has
/// the mix of Chinese punctuation the wrapping rules care about.
const SUBJECTS: [&str; 8] = [
    "安全生产责任制",
    "重大事故隐患排查治理",
    "危险化学品安全管理",
    "特种设备定期检验",
    "应急预案演练",
    "安全教育培训",
    "外包施工作业管理",
    "消防设施维护保养",
];
const ACTIONS: [&str; 6] = [
    "建立健全",
    "严格落实",
    "定期检查",
    "及时整改",
    "逐级签订",
    "督促指导",
];
const PEOPLE: [&str; 6] = ["张建国", "李明", "王海燕", "赵志刚", "刘洋", "陈静"];

fn pick<T: Copy>(pool: &[T], n: usize) -> T {
    pool[n % pool.len()]
}

/// A checklist of `checks` checks (at least one) in sections of 25 items of 20 checks, all text
/// Chinese: a stand-in for a very long custom checklist in benchmarks and load tests.
pub fn synthetic_template(checks: usize) -> crate::model::Template {
    use crate::model::{Check, Item, Section, template::default_answer_set};
    let checks = checks.max(1);
    let mut sections = Vec::new();
    let mut made = 0;
    while made < checks {
        let si = sections.len();
        let mut items = Vec::new();
        while made < checks && items.len() < SYNTHETIC_ITEMS_PER_SECTION {
            let ii = items.len();
            let n = (checks - made).min(SYNTHETIC_CHECKS_PER_ITEM);
            let item_checks = (0..n)
                .map(|ci| {
                    let k = made + ci;
                    Check {
                        id: format!("syn-{}-{}-{}", si + 1, ii + 1, ci + 1),
                        text: format!(
                            "检查第{}条：本单位{}{}的情况，包括制度是否“上墙”、台账是否齐全、责任是否落实到岗到人（第{}次抽查）。",
                            k + 1,
                            pick(&ACTIONS, k),
                            pick(&SUBJECTS, k / 3),
                            k % 7 + 1
                        ),
                        addressee: None,
                        extra: serde_json::Map::new(),
                    }
                })
                .collect();
            made += n;
            items.push(Item {
                id: format!("syn-{}-{}", si + 1, ii + 1),
                number: format!("（{}）", ii + 1),
                requirements: vec![format!(
                    "{}“{}”，做到责任、措施、资金、时限和预案“五到位”",
                    pick(&ACTIONS, ii),
                    pick(&SUBJECTS, si + ii)
                )],
                checks: item_checks,
                extra: serde_json::Map::new(),
            });
        }
        sections.push(Section {
            id: format!("syn-{}", si + 1),
            number: SECTION_NUMBERS
                .get(si)
                .map_or_else(|| format!("第{}", si + 1), |s| (*s).to_owned()),
            title: format!("{}落实情况（合成）", pick(&SUBJECTS, si)),
            items,
            extra: serde_json::Map::new(),
        });
    }
    crate::model::Template {
        id: format!("synthetic-{checks}"),
        version: "1".into(),
        title: format!("合成对照检查表（{checks}条检查内容）"),
        title_en: Some(format!("Synthetic checklist ({checks} checks)")),
        unit_kind: None,
        source: None,
        answer_set: default_answer_set(),
        sections,
        extra: serde_json::Map::new(),
    }
}

/// A session on [`synthetic_template`] with every check answered the way the example meeting
/// answers its checks: a status and a Chinese note on what was done on every check, and where
/// the status is 基本落实 or 未落实 (half of them) the problem, its cause, the measure, who is
/// responsible and by when; every 17th check flagged. The file is about 4.5 MB at 10,000 checks:
/// the case for loading, saving and drawing a very long checklist.
pub fn synthetic_session(checks: usize, now: DateTime<FixedOffset>) -> Session {
    answer_all(synthetic_template(checks), now)
}

/// A session on `template` with every check answered as in [`synthetic_session`].
pub fn answer_all(template: crate::model::Template, now: DateTime<FixedOffset>) -> Session {
    let mut s = Session::new(
        template,
        example_unit(),
        example_meeting(
            "2023年度对照检查会（压力测试）",
            PEOPLE[2..].iter().map(|p| (*p).to_owned()).collect(),
        ),
        now,
    );
    let statuses: Vec<String> = s.template.answer_set.iter().map(|a| a.id.clone()).collect();
    let ids: Vec<String> = s.template.checks().map(|(_, c)| c.id.clone()).collect();
    for (k, id) in ids.iter().enumerate() {
        let subject = pick(&SUBJECTS, k / 3);
        let status = statuses[k % statuses.len()].clone();
        let mut answer = crate::model::Answer {
            evidence: format!(
                "已{}{}，全年开展专项检查{}次，形成检查记录和整改台账。",
                pick(&ACTIONS, k + 1),
                subject,
                k % 12 + 1
            ),
            flagged: k % 17 == 0,
            updated_at: Some(now),
            ..crate::model::Answer::default()
        };
        if matches!(status.as_str(), "partial" | "not_done") {
            answer.problems = format!(
                "个别岗位对{subject}要求理解不到位，第{}号台账记录不完整；",
                k + 1
            );
            answer.causes = "日常监督检查频次不足，考核问责机制不健全。".into();
            answer.measures = format!(
                "修订{subject}制度，开展专题培训{}次，{}前完成整改并“回头看”。",
                k % 4 + 1,
                2024 + k % 2
            );
            answer.owner = format!("安全科 {}", pick(&PEOPLE, k));
            answer.due = NaiveDate::from_ymd_opt(2024, u32::try_from(k % 12).unwrap_or(0) + 1, 28);
        }
        answer.status = Some(status);
        s.answers.insert(id.clone(), answer);
    }
    s
}

/// The same session with its checklist and notes in English (ASCII only): for measuring an
/// ASCII-heavy screen (`--lang en`) against a Chinese one.
pub fn in_english(mut s: Session) -> Session {
    const SUBJECTS: [&str; 4] = [
        "safety responsibility system",
        "hazard screening and removal",
        "hazardous chemicals management",
        "emergency plan drills",
    ];
    s.unit.name = "Lingang District Emergency Management Bureau".into();
    s.meeting.title = "2023 safety self-check meeting (load test)".into();
    s.template.title = "Synthetic checklist".into();
    let mut n = 0;
    for (si, sec) in s.template.sections.iter_mut().enumerate() {
        sec.number = format!("{}.", si + 1);
        sec.title = format!("Section {}: {} (synthetic)", si + 1, SUBJECTS[si % 4]);
        for (ii, item) in sec.items.iter_mut().enumerate() {
            item.number = format!("({})", ii + 1);
            item.requirements = vec![format!(
                "Establish and enforce the {}: duties, measures, funds, deadlines and plans in place",
                SUBJECTS[ii % 4]
            )];
            for c in &mut item.checks {
                n += 1;
                c.text = format!(
                    "Check {n}: how the unit enforces its {}, whether the rules are posted, the ledgers complete and duties assigned to named people (sample {}).",
                    SUBJECTS[n % 4],
                    n % 7 + 1
                );
            }
        }
    }
    for (k, a) in s.answers.values_mut().enumerate() {
        a.evidence = format!(
            "Ran {} special inspections this year; records and a ledger of fixes are kept.",
            k % 12 + 1
        );
        if !a.problems.is_empty() {
            a.problems = format!("Some posts misread the rules; ledger no. {k} is incomplete.");
            a.causes = "Too few routine inspections; no accountability for misses.".into();
            a.measures = "Revise the rules, train the staff, re-check by the deadline.".into();
            a.owner = format!("Safety office, officer {}", k % 6 + 1);
        }
    }
    s
}

/// The example session finished: every other check answered (one 不适用 with its explanation,
/// one listing numbered problems), the 学习内容 and the closing texts written. The report made
/// from it is what README's report pictures show.
pub fn finished_session(now: DateTime<FixedOffset>) -> Session {
    let mut s = session(now);
    s.meeting.study = "习近平总书记关于安全生产重要论述，青岛市“11·22”中石化东黄输油管道泄漏爆炸特别重大事故重要讲话精神，国务院安委会15条硬措施".into();
    let ids: Vec<String> = s.template.checks().map(|(_, c)| c.id.clone()).collect();
    for (k, id) in ids.iter().enumerate() {
        if s.status(id).is_some() {
            continue;
        }
        let subject = pick(&SUBJECTS, k);
        let _ = s.set_status(id, Some("done"), now);
        let _ = s.set_field(
            id,
            Field::Evidence,
            &format!(
                "已{}{subject}，全年开展专项检查{}次，形成检查记录。",
                pick(&ACTIONS, k),
                k % 9 + 2
            ),
            now,
        );
    }
    if let Some(last) = ids.last() {
        let _ = s.set_status(last, Some("na"), now);
        let _ = s.set_field(
            last,
            Field::Evidence,
            "本局不承担该项职责，相关工作由区住建局负责。",
            now,
        );
    }
    if let Some(id) = ids.get(2) {
        let _ = s.set_status(id, Some("not_done"), now);
        let fields = [
            (
                Field::Problems,
                "一是安委会成员单位间信息共享不及时；二是联合执法机制尚未形成常态；三是对支持保障工作缺少考核。",
            ),
            (Field::Causes, "部门协同机制不健全，职责清单未细化到科室。"),
            (
                Field::Measures,
                "1.建立安委会成员单位信息共享平台；\n2.每季度开展一次联合执法；\n3.将支持保障工作纳入年度考核。",
            ),
            (Field::Owner, "办公室 陈静"),
            (Field::Due, "2024年3月底"),
        ];
        for (f, text) in fields {
            let _ = s.set_field(id, f, text, now);
        }
    }
    s.conclusions.overview = "局党组把安全生产作为“一把手”工程，围绕“三管三必须”逐项对照、逐条落实，行业领域安全形势总体平稳。".into();
    s.conclusions.major_matters =
        "研究决策安全生产重大事项6项，包括小微企业执法全覆盖和新业态监管职责划分。".into();
    s.conclusions.institutional_measures =
        "修订《行业领域安全生产监管职责清单》，出台《执法检查计划管理办法》。".into();
    s.conclusions.resource_guarantees =
        "落实安全生产专项经费120万元，新增执法车辆2台、检测设备5套。".into();
    s
}

/// `s` with the history its answers would have if each had been entered once through the
/// interface: one entry per status, text field, deadline and flag, by a named recorder on a
/// named machine. For measuring what the history costs to save and load.
pub fn with_history(mut s: Session, now: DateTime<FixedOffset>) -> Session {
    use crate::model::history::{Change, HistField};
    const FIELDS: [HistField; 8] = [
        HistField::Status,
        HistField::Evidence,
        HistField::Problems,
        HistField::Causes,
        HistField::Measures,
        HistField::Owner,
        HistField::Due,
        HistField::Flagged,
    ];
    PEOPLE[2].clone_into(&mut s.meeting.recorder);
    for a in s.answers.values_mut() {
        let mut history = Vec::new();
        for (k, field) in FIELDS.into_iter().enumerate() {
            let new = field.value(Some(a));
            if new.is_null() || new == serde_json::Value::Bool(false) {
                continue;
            }
            history.push(Change {
                at: now + chrono::Duration::seconds(i64::try_from(k).unwrap_or(0) * 40),
                by: PEOPLE[2].to_owned(),
                user: "wanghy".into(),
                host: "ajj-pc-017".into(),
                field,
                item: None,
                old: serde_json::Value::Null,
                new,
                extra: serde_json::Map::new(),
            });
        }
        a.history = history.into();
    }
    s
}
