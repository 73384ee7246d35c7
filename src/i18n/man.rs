//! The manual page's own sections after those clap writes: the files beside a session, the
//! shared folder and the environment, in roff.

use super::Lang;

/// The manual page's sections on files, shared folders and the environment, in `lang`.
pub fn extra_sections(lang: Lang) -> &'static str {
    match lang {
        Lang::En => {
            ".SH FILES\n\
         .TP\n\\fINAME\\fR.json\nA session: the record of one meeting.\n\
         .TP\n\\fINAME\\fR.json.lock\nWho is editing the session (a lock held while they are).\n\
         .TP\n\\fINAME\\fR.json.journal\nChanges to a large session not yet written into it.\n\
         .TP\n\\fINAME\\fR.json.bak\nThe version before the last save.\n\
         .TP\n\\fINAME\\fR.json.recovery\nThe record as it was when the program last crashed.\n\
         .TP\n\\fINAME\\fR.conflict\\-\\fISTAMP\\fR.json\nYour version, when someone else changed the file meanwhile.\n\
         .SH SHARED FOLDERS\n\
         On a server, officials of one group share a folder created with\n\
         .B selfcheck shared\\-folder \\fIDIR\\fB \\-\\-group \\fIGROUP\\fR\n\
         (owned by the group, mode 3770: set-group-id and sticky).\n\
         Files beside a session are never followed if they are links, never read if they are not\n\
         regular files, and never used if someone other than the session's owner wrote them.\n\
         .SH ENVIRONMENT\n\
         .TP\n\\fBSELFCHECK_DATA_DIR\\fR\nThe folder of session files (as \\fB\\-\\-data\\-dir\\fR)."
        }
        Lang::Zh => {
            ".SH FILES\n\
         .TP\n\\fINAME\\fR.json\n会议记录：一次会议的全部记录。\n\
         .TP\n\\fINAME\\fR.json.lock\n谁在编辑这份会议记录（编辑期间持有的锁）。\n\
         .TP\n\\fINAME\\fR.json.journal\n大型会议记录中尚未写入文件的修改。\n\
         .TP\n\\fINAME\\fR.json.bak\n上一次保存之前的版本。\n\
         .TP\n\\fINAME\\fR.json.recovery\n程序上次异常退出时的记录。\n\
         .TP\n\\fINAME\\fR.conflict\\-\\fISTAMP\\fR.json\n他人同时修改了文件时，另存的本人版本。\n\
         .SH SHARED FOLDERS\n\
         在服务器上，同一用户组的人员共用一个文件夹，用以下命令创建：\n\
         .B selfcheck shared\\-folder \\fIDIR\\fB \\-\\-group \\fIGROUP\\fR\n\
         （属于该用户组，权限 3770：setgid 和粘滞位）。\n\
         会议记录旁的文件如果是链接则不跟随，不是普通文件则不读取，不是会议记录所有者写入的则不使用。\n\
         .SH ENVIRONMENT\n\
         .TP\n\\fBSELFCHECK_DATA_DIR\\fR\n存放会议记录的文件夹（同 \\fB\\-\\-data\\-dir\\fR）。"
        }
    }
}
