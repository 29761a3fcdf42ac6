// Error codes the backend returns, each with the message a cashier reads in zh-CN and English.
// A message says what happened and what to do next; the log gets the technical detail.
import { fieldLabel, issueText, type FieldIssue } from './api/fieldIssues';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

type Messages = Record<Language, string>;

/** Placeholders like {minutes} are filled from the error's params. */
export const ERROR_MESSAGES = {
  // {detail} is the first field issue in words (shared/api/fieldIssues.ts), in the reader's language.
  VALIDATION_FAILED: {
    'zh-CN': '输入有误：{detail}。请检查后重试。',
    en: 'Please check the input: {detail}.',
  },
  // {field} is the field's label from its issue (shared/api/fieldIssues.ts).
  TEXT_CHARACTERS_REFUSED: {
    'zh-CN':
      '“{field}”中含有不能保存和打印的字符（控制字符或改变文字方向的字符，常见于从网页或聊天软件复制的文字）。请删除后直接键入，再重试。',
    en: '"{field}" holds characters that cannot be kept or printed (control characters or ones that change the direction of text, often pasted from a web page or chat). Delete them, type the text in, and try again.',
  },
  UNKNOWN_METHOD: {
    'zh-CN': '程序版本不一致（未知的操作 {method}）。请重新启动 PowerTill。',
    en: 'Version mismatch (unknown operation {method}). Please restart PowerTill.',
  },
  NOT_SIGNED_IN: {
    'zh-CN': '请先登录。',
    en: 'Please sign in first.',
  },
  SESSION_EXPIRED: {
    'zh-CN': '长时间未操作，已自动退出。请重新登录。',
    en: 'You were signed out after a period of inactivity. Please sign in again.',
  },
  FORBIDDEN: {
    'zh-CN': '当前操作员没有执行此操作的权限，请联系主管或管理员。',
    en: 'You do not hold the permission for this. Please ask a supervisor or an administrator.',
  },
  BAD_CREDENTIALS: {
    'zh-CN': '登录名或密码错误，还可再试 {left} 次，之后将锁定 5 分钟。',
    en: 'Wrong login name or password. Tries left before a 5-minute lock: {left}.',
  },
  ACCOUNT_LOCKED: {
    'zh-CN': '密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试，或请管理员解锁。',
    en: 'Too many wrong passwords: this account is locked. Try again in {minutes} min or ask an administrator to unlock it.',
  },
  OPERATOR_DISABLED: {
    'zh-CN': '该操作员已停用，请联系管理员。',
    en: 'This operator is disabled. Please contact an administrator.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    'zh-CN': '请先修改初始密码。',
    en: 'Please change your initial password first.',
  },
  WRONG_CURRENT_PASSWORD: {
    'zh-CN': '当前密码不正确。',
    en: 'The current password is wrong.',
  },
  PASSWORD_TOO_WEAK: {
    'zh-CN': '密码至少 {min} 位，且须同时包含字母和数字。',
    en: 'The password needs at least {min} characters with both letters and digits.',
  },
  PASSWORD_REUSED: {
    'zh-CN': '新密码不能与当前密码相同。',
    en: 'The new password must differ from the current one.',
  },
  USERNAME_TAKEN: {
    'zh-CN': '登录名 {username} 已存在，请换一个。',
    en: 'The login name {username} is taken. Please choose another.',
  },
  OPERATOR_NOT_FOUND: {
    'zh-CN': '找不到该操作员。',
    en: 'Operator not found.',
  },
  LAST_ADMIN: {
    'zh-CN': '不能停用或降级最后一位管理员。',
    en: 'The last administrator cannot be disabled or demoted.',
  },
  ADMIN_KEEPS_OPERATORS: {
    'zh-CN': '管理员始终保留“操作员与权限”：收回后将无人能再分配权限。',
    en: 'An administrator always keeps "Operators and permissions": without it nobody could give permissions back.',
  },
  ALREADY_SET_UP: {
    'zh-CN': '系统已完成初始设置。',
    en: 'PowerTill has already been set up.',
  },
  NOT_SET_UP: {
    'zh-CN': '系统尚未完成初始设置，请先完成设置向导。',
    en: 'PowerTill is not set up yet. Please finish the setup wizard.',
  },
  SECRET_PASSPHRASE_WRONG: {
    'zh-CN': '口令不正确，或文件已损坏。',
    en: 'Wrong passphrase, or the file is damaged.',
  },
  SECRET_FILE_INVALID: {
    'zh-CN': '这不是 PowerTill 的办公室密钥文件。',
    en: 'This is not a PowerTill office secret file.',
  },
  SECRET_REPLACE_UNCONFIRMED: {
    'zh-CN':
      '本机已有不同的办公室密钥（指纹 {current}）。替换后用旧密钥发行的卡将无法使用，请确认后再导入。',
    en: 'This PC already has a different office secret (fingerprint {current}). Cards issued under it will stop working; confirm to replace it.',
  },
  CUSTOMER_NOT_FOUND: { 'zh-CN': '找不到该用户。', en: 'Customer not found.' },
  CUSTOMER_NO_TAKEN: {
    'zh-CN': '户号 {customerNo} 已存在，请换一个或留空自动生成。',
    en: 'Customer no. {customerNo} is taken; choose another or leave it empty to number it automatically.',
  },
  CAMPUS_NOT_FOUND: { 'zh-CN': '找不到该校区。', en: 'Campus not found.' },
  CAMPUS_NAME_TAKEN: {
    'zh-CN': '校区“{name}”已存在，请换一个名称。',
    en: 'A campus named "{name}" exists already; choose another name.',
  },
  BUILDING_NOT_FOUND: { 'zh-CN': '找不到该楼栋。', en: 'Building not found.' },
  DORM_SHEET_COLUMNS: {
    'zh-CN':
      '表格缺少“{column}”列。第一行应为表头：楼层、房号、床位、计量箱表号、回路、用途（可下载模板）。',
    en: 'The sheet has no "{column}" column. The first row must be the headers: 楼层, 房号, 床位, 计量箱表号, 回路, 用途 (download the template).',
  },
  DORM_CIRCUIT_TAKEN: {
    'zh-CN': '计量箱 {meterNo} 的第 {circuit} 回路已有账户（或有待退的余额），不能再开给新房间。',
    en: 'Circuit {circuit} of box {meterNo} already has an account (or credit waiting to be refunded); a new room cannot take it.',
  },
  DORM_ROOM_ROWS_DISAGREE: {
    'zh-CN': '房间 {roomNo} 的楼层与第 {row} 行不一致。',
    en: 'Room {roomNo} is on another floor in row {row}.',
  },
  DORM_WHOLE_ROOM_ALONE: {
    'zh-CN': '房间 {roomNo} 用途为“整间”的回路只能有一个，不能再有其他回路。',
    en: 'Room {roomNo} has a whole-room circuit: it cannot have other circuits as well.',
  },
  DORM_ROOM_OCCUPIED: {
    'zh-CN': '房间 {roomNo} 仍有未销户的账户（或回路里有待退的余额），请先退宿。',
    en: 'Room {roomNo} still has an open account (or credit on a circuit waiting to be refunded); move it out first.',
  },
  STUDENT_LIVES_ELSEWHERE: {
    'zh-CN': '学号 {studentNo} 的学生已住在 {room}，请先办理迁出。',
    en: 'Student {studentNo} already lives in {room}; move them out first.',
  },
  STUDENT_BED_TAKEN: {
    'zh-CN': '{bed} 号床已有学生。',
    en: 'Bed {bed} is taken.',
  },
  STUDENT_BED_BEYOND: {
    'zh-CN': '该房间只有 {beds} 个床位。',
    en: 'The room has {beds} beds only.',
  },
  STUDENT_NOT_FOUND: {
    'zh-CN': '找不到该学生，或已迁出。请刷新后重试。',
    en: 'Student not found, or moved out already. Refresh and try again.',
  },
  DORM_ROOM_NOT_FOUND: {
    'zh-CN': '找不到该房间，请刷新楼栋列表后重试。',
    en: 'Room not found. Refresh the building and try again.',
  },
  BUILDING_NAME_TAKEN: {
    'zh-CN': '该校区已有楼栋“{name}”，请换一个名称。',
    en: 'This campus has a building named "{name}" already; choose another name.',
  },
  DORM_FLOORS_REVERSED: {
    'zh-CN': '起始楼层 {from} 高于结束楼层 {to}，请改正后重试。',
    en: 'The first floor ({from}) is above the last ({to}); correct them and try again.',
  },
  DORM_ROOM_NUMBERS: {
    'zh-CN': '每层从 {first} 号起开 {count} 间，房号将超过 {max}。请减少每层房间数。',
    en: 'Starting at room {first} with {count} rooms a floor would number rooms past {max}. Open fewer rooms a floor.',
  },
  DORM_ROOM_TAKEN: {
    'zh-CN': '{building}已有房间 {roomNo}。请从未开户的楼层或房号开始。',
    en: '{building} has a room {roomNo} already. Start from floors or room numbers not opened yet.',
  },
  DORM_CIRCUITS_SHORT: {
    'zh-CN': '需要 {rooms} 个回路，所列计量箱只有 {free} 个空闲回路。请添加计量箱后重试。',
    en: '{rooms} circuits are needed and the boxes listed have {free} free. Add boxes and try again.',
  },
  DORM_BOX_TWICE: {
    'zh-CN': '计量箱 {meterNo} 列了两次，请删去一行。',
    en: 'Box {meterNo} is listed twice; remove one of the lines.',
  },
  DORM_BOX_NOT_A_BOX: {
    'zh-CN': '表号 {meterNo} 已登记为 {model}，不是多用户计量箱。',
    en: 'Meter no. {meterNo} is registered as a {model}, not a multi-user box.',
  },
  METER_NOT_FOUND: { 'zh-CN': '找不到该电表。', en: 'Meter not found.' },
  METER_NO_TAKEN: {
    'zh-CN': '表号 {meterNo} 已登记。',
    en: 'Meter no. {meterNo} is already registered.',
  },
  METER_IN_USE: {
    'zh-CN': '电表 {meterNo} 已绑定在账户 {accountNo} 上，请先销户或换表。',
    en: 'Meter {meterNo} belongs to account {accountNo}; close that account or replace the meter first.',
  },
  METER_NOT_AVAILABLE: {
    'zh-CN': '电表 {meterNo} 已换下或拆除，不能开户。',
    en: 'Meter {meterNo} was replaced or removed and cannot take a new account.',
  },
  TARIFF_NOT_FOUND: { 'zh-CN': '找不到该电价。', en: 'Tariff not found.' },
  TARIFF_NAME_TAKEN: {
    'zh-CN': '电价名称 {name} 已存在。',
    en: 'A tariff named {name} exists already.',
  },
  TARIFF_NOT_IN_FORCE: {
    'zh-CN': '电价“{name}”当前没有生效的版本，请主管检查电价设置。',
    en: 'Tariff "{name}" has no version in force now; ask a supervisor to check the tariffs.',
  },
  EFFECTIVE_DATE_PAST: {
    'zh-CN': '生效时间必须晚于当前时间；历史电价不能修改。',
    en: 'The effective time must be in the future; past prices cannot be changed.',
  },
  ACCOUNT_NOT_FOUND: { 'zh-CN': '找不到该账户。', en: 'Account not found.' },
  ACCOUNT_CLOSED: { 'zh-CN': '该账户已销户，不能售电。', en: 'This account is closed; no sales.' },
  ACCOUNT_SUSPENDED: {
    'zh-CN': '该账户已报停，请先恢复用电再售电。',
    en: 'This account is suspended; resume it before selling.',
  },
  AMOUNT_BELOW_MINIMUM: {
    'zh-CN': '售电金额不能低于 {min} 元。',
    en: 'The amount must be at least {min} yuan.',
  },
  AMOUNT_ABOVE_MAXIMUM: {
    'zh-CN': '单笔售电金额不能超过 {max} 元。',
    en: 'A single sale may not exceed {max} yuan.',
  },
  OVER_HOARDING_LIMIT: {
    'zh-CN': '超过囤积限额 {limit} 元：表内及未读入金额已有 {held} 元，本次最多还可售 {room} 元。',
    en: 'Over the hoarding limit of {limit} yuan: {held} yuan is already on the meter or not yet loaded, so at most {room} yuan can be sold now.',
  },
  PURCHASE_NOT_LOADED: {
    'zh-CN':
      '上次购电（第 {count} 次）尚未插表读入。请先让用户插卡到电表，或选择“追加到上次购电”。',
    en: 'The last purchase (no. {count}) has not been loaded into the meter. Have the tenant insert the card into the meter first, or choose "add to the last purchase".',
  },
  NOTHING_TO_ADD_TO: {
    'zh-CN': '上次购电已读入电表，没有可追加的购电，请按新购电办理。',
    en: 'The last purchase is already loaded; sell a new purchase instead.',
  },
  OPERATION_NOT_PENDING: {
    'zh-CN': '这条操作已经确认或作废，无需再处理。请刷新待确认列表。',
    en: 'This operation is already settled; nothing to do. Refresh the list of pending operations.',
  },
  OPERATION_NOT_ABANDONABLE: {
    'zh-CN':
      '这类操作涉及金额或电表，不能手工作废：请放上该卡或连接电表，由系统核对后自动确认或作废。',
    en: 'Money or a meter rides on this kind of operation, so it cannot be voided by hand: present the card or reach the meter and the office settles it.',
  },
  OPERATION_PENDING: {
    'zh-CN': '该账户有一笔未确认的写卡/充值，请先放上该卡或连接电表以完成核对。',
    en: 'An earlier card write or recharge on this account is unconfirmed; present the card or reach the meter to settle it first.',
  },
  TARGET_UNREACHABLE: {
    'zh-CN': '无法读取用户卡或电表：{reason}。未扣款，请检查后重试。',
    en: 'Cannot reach the card or meter: {reason}. Nothing was charged; check and try again.',
  },
  TARGET_MISMATCH: {
    'zh-CN':
      '卡/表中的购电记录与账目不一致（卡内累计 {target} 元，账目 {ledger} 元）。请主管处理，不要重复售电。',
    en: 'The card or meter disagrees with the books ({target} yuan on it, {ledger} yuan in the ledger). Ask a supervisor; do not sell again.',
  },
  DELIVERY_UNCONFIRMED: {
    'zh-CN':
      '写卡结果未能确认（票据号 {receiptNo} 暂留）。请把卡放回读卡器，系统将自动核对，不会重复扣款。',
    en: 'The write could not be confirmed (receipt {receiptNo} is held). Put the card back on the reader; it will be settled automatically and never charged twice.',
  },
  RECHARGE_UNCONFIRMED: {
    'zh-CN':
      '远程充值结果未能确认（票据号 {receiptNo} 暂留）。电表恢复通信后系统自动核对，不会重复充值；请勿重复售电。',
    en: 'The remote recharge could not be confirmed (receipt {receiptNo} is held). It is settled automatically once the meter answers again and never charged twice; do not sell again.',
  },
  RECEIPT_NOT_FOUND: { 'zh-CN': '找不到票据 {receiptNo}。', en: 'Receipt {receiptNo} not found.' },
  RECEIPT_NOT_SETTLED: {
    'zh-CN': '票据 {receiptNo} 对应的写卡尚未确认，确认后才能打印。',
    en: 'The card write of receipt {receiptNo} is not confirmed yet; it can be printed once it is.',
  },
  BACKUP_INVALID: {
    'zh-CN': '该文件不能用于恢复：{reason}。请选择 PowerTill 生成的备份文件。',
    en: 'This file cannot be restored: {reason}. Choose a backup made by PowerTill.',
  },
  BACKUP_UNSEALED: {
    'zh-CN':
      '这不是 PowerTill 的密封备份（可能由旧版本制作，或是别的文件），不能恢复。请选择 .ptbackup 备份文件；旧备份请联系技术支持。',
    en: 'This is not a sealed PowerTill backup (an earlier version made it, or it is another file), so it cannot be restored. Choose a .ptbackup file; for an old backup contact support.',
  },
  BACKUP_FOREIGN: {
    'zh-CN':
      '该备份属于另一个办公室（密钥指纹 {theirs}，本机为 {ours}），不能恢复。更换电脑时，请先在 设置 → 办公室密钥 中导入原办公室的密钥文件，再恢复备份。',
    en: 'This backup belongs to another office (secret fingerprint {theirs}; this PC has {ours}) and cannot be restored. When moving to a new PC, first import the office secret file under Settings → Office secret, then restore.',
  },
  BACKUP_TAMPERED: {
    'zh-CN': '备份文件已被改动或损坏（校验失败），不能恢复。请换一份备份。',
    en: 'The backup file was changed or is damaged (its seal does not match), so it cannot be restored. Choose another backup.',
  },
  BACKUP_NO_SECRET: {
    'zh-CN': '本办公室尚无密钥，无法制作或恢复备份。请先完成首次设置或导入办公室密钥。',
    en: 'This office has no secret yet, so backups cannot be made or restored. Finish the first-run setup or import the office secret first.',
  },
  BACKUP_NOT_FOUND: { 'zh-CN': '找不到备份 {fileName}。', en: 'Backup {fileName} not found.' },
  BACKUP_FOLDER_UNAVAILABLE: {
    'zh-CN': '无法写入文件夹 {folder}，请检查 U 盘是否插好、路径是否正确。',
    en: 'Cannot write to {folder}; check that the USB stick is plugged in and the path is right.',
  },
  SALE_NOT_FOUND: { 'zh-CN': '找不到该售电记录。', en: 'Sale not found.' },
  SALE_NOT_REVERSIBLE: {
    'zh-CN': '该笔售电不能冲正：{reason}。',
    en: 'This sale cannot be reversed: {reason}.',
  },
  SALE_ALREADY_LOADED: {
    'zh-CN': '该笔售电已插表读入电表，不能冲正；如需退款请办理退费。',
    en: 'The meter has already loaded this sale, so it cannot be reversed; use a refund instead.',
  },
  ACCOUNT_ALREADY_CLOSED: { 'zh-CN': '该账户已销户。', en: 'This account is already closed.' },
  ACCOUNT_NOT_ACTIVE: {
    'zh-CN': '只有正常用电的账户才能报停。',
    en: 'Only an active account can be suspended.',
  },
  ACCOUNT_NOT_SUSPENDED: {
    'zh-CN': '该账户没有报停，无需恢复。',
    en: 'This account is not suspended, so there is nothing to resume.',
  },
  ACCOUNT_CHANGED: {
    'zh-CN': '该账户刚被其他操作更改，请重新打开账户后再试。',
    en: 'The account was just changed by another operation; open it again and retry.',
  },
  ACCOUNT_UNLOADED_PURCHASE: {
    'zh-CN': '第 {count} 次购电尚未插表读入：请先冲正该笔售电，或让用户插卡到电表后再销户。',
    en: 'Purchase no. {count} has not been loaded into the meter: reverse that sale, or have the tenant insert the card into the meter, before closing.',
  },
  READING_BELOW_INSTALL: {
    'zh-CN': '销户读数 {reading} kWh 小于装表读数 {install} kWh，请核对电表显示。',
    en: 'The final reading {reading} kWh is below the install reading {install} kWh; check the meter display.',
  },
  METER_CREDIT_NOT_CLEARED: {
    'zh-CN':
      '已退费的 {owed} 元仍在电表内：请先用清零卡清除表内余额，再确认“表内余额已清除”后恢复用电。',
    en: '{owed} yuan already refunded is still on the meter: clear the meter with a clear card, then confirm "meter credit cleared" to resume.',
  },
  REFUND_ACCOUNT_ACTIVE: {
    'zh-CN':
      '正常用电的账户不能单独退费：请主管先办理报停（可同时退费），以免电表继续使用已退的金额。',
    en: 'An active account cannot be refunded on its own: a supervisor suspends it first (with or without a refund), so the meter stops using money paid back.',
  },
  REFUND_UNLOADED_PURCHASE: {
    'zh-CN':
      '第 {count} 次购电尚未插表读入，不能按表内余额退费：请先冲正该笔售电，或让用户插卡到电表后再办理。',
    en: 'Purchase no. {count} has not been loaded into the meter, so the meter credit is not final: reverse that sale, or have the tenant insert the card into the meter first.',
  },
  REFUND_REMAINING_UNKNOWN: {
    'zh-CN': '不知道电表内还剩多少钱：请把用户卡放上读卡器读取回写信息，或填写电表显示的剩余金额。',
    en: "The credit left on the meter is unknown: put the tenant's card on the reader to read its write-back, or enter the remaining money shown on the meter.",
  },
  REFUND_NOTHING_LEFT: {
    'zh-CN': '表内没有可退的金额。',
    en: 'There is no credit on the meter to refund.',
  },
  REFUND_OVER_REFUNDABLE: {
    'zh-CN': '退费金额不能超过可退金额 {max} 元（表内余额减去已退金额）。',
    en: 'The refund may not exceed {max} yuan (the meter credit less what was already refunded).',
  },
  REMAINING_IMPLAUSIBLE: {
    'zh-CN': '表内余额 {remaining} 元大于该账户累计购电 {purchased} 元，请核对电表显示。',
    en: 'A meter credit of {remaining} yuan is more than the {purchased} yuan ever sold to this account; check the meter display.',
  },
  LOADED_COUNT_IMPLAUSIBLE: {
    'zh-CN':
      '电表显示的购电次数 {count} 大于已售次数 {sold}，请核对电表显示或用户卡是否属于本账户。',
    en: 'The meter shows {count} purchases but only {sold} were sold; check the display and whether the card belongs to this account.',
  },
  APPROVAL_REQUIRED: {
    'zh-CN': '退费需要主管审批：请主管输入登录名和密码。',
    en: "A refund needs a supervisor's approval: the supervisor enters their login name and password.",
  },
  HANDOVER_DIFFERENCE: {
    'zh-CN':
      '清点金额与账面相差超过 ¥{tolerance}。请重新清点（还可重点 {left} 次）；确有差额时，填写说明并请主管审批。',
    en: 'The counted money differs from the books by more than ¥{tolerance}. Count again ({left} recounts left); if the difference is real, write a note and ask a supervisor to approve.',
  },
  HANDOVER_RECOUNTS_USED: {
    'zh-CN': '已重新清点 {count} 次仍有差额：请填写说明，由主管输入登录名和密码审批交班。',
    en: 'Still a difference after {count} recounts: write a note and have a supervisor approve the hand-over with their login name and password.',
  },
  HANDOVER_NOTE_REQUIRED: {
    'zh-CN': '交班有差额，请在备注中写明原因后再交班。',
    en: 'The hand-over has a difference: write the reason in the note, then hand over.',
  },
  SHIFT_STILL_OPEN: {
    'zh-CN': '班次尚未交班：交班清点后才能打印交班报表。',
    en: 'This shift is still open: the hand-over report prints after the count.',
  },
  REVERSAL_APPROVAL_REQUIRED: {
    'zh-CN': '本办公室冲正需要主管审批：请主管输入登录名和密码。',
    en: "This office requires a supervisor's approval for a reversal: the supervisor enters their login name and password.",
  },
  APPROVER_NOT_SUPERVISOR: {
    'zh-CN': '审批人须有审批权限（通常是主管或管理员）。',
    en: 'The approver must hold the approval permission (usually a supervisor or an administrator).',
  },
  REFUND_NOT_FOUND: { 'zh-CN': '找不到该退费记录。', en: 'Refund not found.' },
  REPLACE_UNLOADED_PURCHASE: {
    'zh-CN': '第 {count} 次购电尚未插表读入旧表：请先让用户插卡到旧表，或冲正该笔售电，再换表。',
    en: 'Purchase no. {count} has not been loaded into the old meter: have the tenant insert the card into it, or reverse that sale, before replacing the meter.',
  },
  METER_KIND_CHANGE: {
    'zh-CN':
      '新表 {model} 与旧表的类型不同（卡表 / NK 表 / 远程表），不能直接换表；请销户后重新开户。',
    en: 'The new {model} is a different kind of meter (card / NK / remote) from the old one; close the account and open a new one instead.',
  },
  REPORT_RANGE_INVALID: {
    'zh-CN': '报表日期范围无效：结束日期不能早于开始日期，且最长 {maxDays} 天。',
    en: 'Invalid report range: the end may not be before the start, and at most {maxDays} days.',
  },
  REPORT_EXPORT_GONE: {
    'zh-CN': '这个导出文件已不存在（已下载、已取消、超过 10 分钟或程序已重启）。请重新导出。',
    en: 'This export is no longer there (already fetched, cancelled, older than 10 minutes, or PowerTill restarted). Please export again.',
  },
  REPORT_EXPORT_NOT_READY: {
    'zh-CN': '导出文件还没有写完，请等进度条走完再下载。',
    en: 'The export is not finished yet; wait for the progress bar to complete, then fetch it.',
  },
  IMPORT_FILE_TYPE: {
    'zh-CN': '不支持文件 {fileName}：请使用 .xlsx 或 .csv 文件（可下载导入模板）。',
    en: 'Cannot import {fileName}: use an .xlsx or .csv file (the import template is a good start).',
  },
  IMPORT_FILE_UNREADABLE: {
    'zh-CN': '文件无法读取（{reason}）。请在 Excel 中另存为 .xlsx 后重试。',
    en: 'The file cannot be read ({reason}). Save it as .xlsx from Excel and try again.',
  },
  IMPORT_EMPTY: {
    'zh-CN': '文件中没有数据行。',
    en: 'The file has no data rows.',
  },
  IMPORT_NO_NAME_COLUMN: {
    'zh-CN': '第一行必须是表头，且包含“名称”列。请使用导入模板。',
    en: 'The first row must be the header row with a "名称" (name) column. Use the import template.',
  },
  IMPORT_FILE_TOO_LARGE: {
    'zh-CN': '文件解压后超过 {maxMb} MB，不像是开户表格，未导入。请只保留需要导入的工作表后重试。',
    en: 'The file unpacks to more than {maxMb} MB, which is not an account sheet; nothing was imported. Keep only the sheet to import and try again.',
  },
  IMPORT_TEXT_CHARACTERS: {
    'zh-CN': '含有不能保存的字符（控制字符或改变文字方向的字符），请在表格中删除后重新键入。',
    en: 'Holds characters that cannot be kept (control or text-direction characters); delete them in the sheet and type the text in.',
  },
  IMPORT_TOO_MANY_ROWS: {
    'zh-CN': '一次最多导入 {max} 行，请分批导入。',
    en: 'At most {max} rows per import; split the file.',
  },
  IMPORT_FIELD_REQUIRED: { 'zh-CN': '必填。', en: 'Required.' },
  IMPORT_FIELD_INVALID: { 'zh-CN': '“{value}”无效。', en: '"{value}" is not valid.' },
  IMPORT_FIELD_TOO_LONG: {
    'zh-CN': '超过 {max} 个字符。',
    en: 'Longer than {max} characters.',
  },
  IMPORT_DUPLICATE: {
    'zh-CN': '“{value}”与第 {other} 行重复。',
    en: '"{value}" repeats row {other}.',
  },
  IMPORT_TARIFF_UNKNOWN: {
    'zh-CN': '没有名为“{name}”的现行电价。',
    en: 'No tariff in force is named "{name}".',
  },
  CARD_READER_UNAVAILABLE: {
    'zh-CN':
      '读卡器服务不可用（{detail}）。Linux 请安装并启动 pcscd；Windows 请确认“智能卡”服务已启动，然后重试。',
    en: 'The card reader service is not available ({detail}). On Linux install and start pcscd; on Windows make sure the Smart Card service runs, then try again.',
  },
  CARD_BINDING_MISSING: {
    'zh-CN':
      '本机缺少读卡组件（PC/SC 接口未安装），无法使用读卡器；其他功能照常。请重新安装 PowerTill，或由技术人员安装 libpcsclite-dev 后运行 npm install。',
    en: 'The card reader component (PC/SC binding) is not installed on this PC, so the reader cannot be used; everything else works. Reinstall PowerTill, or have a technician install libpcsclite-dev and run npm install.',
  },
  CARD_NO_READER: {
    'zh-CN': '找不到读卡器“{reader}”。请检查读卡器 USB 连接，重新插上后重试。',
    en: 'Card reader "{reader}" not found. Check its USB cable, plug it in again and retry.',
  },
  CARD_NOT_PRESENT: {
    'zh-CN': '读卡器“{reader}”上没有卡。请把卡插好后重试。',
    en: 'There is no card on reader "{reader}". Insert the card and try again.',
  },
  CARD_REMOVED: {
    'zh-CN': '卡在读写过程中被拔出。请把同一张卡重新插入读卡器，系统会核对并补完这次操作。',
    en: 'The card was taken out during the operation. Put the same card back on the reader; PowerTill will check it and finish the operation.',
  },
  CARD_TIMEOUT: {
    'zh-CN': '读卡器“{reader}”无响应。请重新插卡；若仍无响应，请拔插读卡器。',
    en: 'Reader "{reader}" did not answer. Insert the card again; if it still does not answer, unplug and replug the reader.',
  },
  CARD_READER_FAILED: {
    'zh-CN': '读卡器“{reader}”出错（{detail}）。请重新插卡后重试。',
    en: 'Reader "{reader}" failed ({detail}). Insert the card again and retry.',
  },
  CARD_PROTOCOL: {
    'zh-CN': '卡片应答异常（{detail}）。请确认使用的是本系统的 IC 卡并重新插卡。',
    en: "The card answered unexpectedly ({detail}). Make sure it is one of this office's IC cards and insert it again.",
  },
  CARD_MEDIA_UNKNOWN: {
    'zh-CN':
      '无法识别的卡片类型（ATR {atr}）。本系统使用 SLE4442 卡，或已初始化 PT01 应用的 CPU 卡。',
    en: 'Unknown card type (ATR {atr}). PowerTill uses SLE4442 cards, or CPU cards set up with the PT01 application.',
  },
  CARD_PSC_WRONG: {
    'zh-CN':
      '卡片密码校验失败，还剩 {triesLeft} 次机会。该卡可能不是本营业厅发行的，请勿反复尝试。',
    en: 'The card refused its security code; {triesLeft} tries left. It may not be a card of this office; do not retry blindly.',
  },
  CARD_LAST_TRY: {
    'zh-CN': '该卡只剩最后一次密码校验机会，失败将永久锁卡。请主管确认后再操作。',
    en: 'This card has one security-code try left; a failure locks it for good. A supervisor must confirm before it is used.',
  },
  CARD_LOCKED: {
    'zh-CN': '该卡已被锁定（密码错误次数用尽），无法写入。请为用户补卡。',
    en: 'This card is locked (no security-code tries left) and cannot be written. Reissue the card.',
  },
  CARD_WRITE_NOT_VERIFIED: {
    'zh-CN': '写卡后回读不一致（{detail}）。请不要拔卡，重新插卡后系统会核对。',
    en: 'The card did not read back what was written ({detail}). Insert the card again and PowerTill will check it.',
  },
  CARD_BLANK: {
    'zh-CN': '这是一张空白卡（未发行），无需擦除。',
    en: 'This is a blank card (never issued); there is nothing to erase.',
  },
  CARD_NOT_ISSUED: {
    'zh-CN': '读卡器上是一张未发行的空白卡：请在用户页为账户发卡，或换上用户的卡。',
    en: "The card on the reader is blank (never issued): issue it to the account on the Customers page, or put the tenant's card on the reader.",
  },
  CARD_OTHER_OFFICE: {
    'zh-CN':
      '这张卡不是用本营业厅当前的办公室密钥制作的（可能来自其他营业厅，或密钥已更换）。未写入任何数据。请导入正确的办公室密钥，或联系发卡单位。',
    en: "This card was not made with this office's current secret (another office, or the secret was replaced). Nothing was written. Import the right office secret or contact the issuer.",
  },
  CARD_FORGED: {
    'zh-CN': '卡片校验码不符，卡内数据可能被篡改。未写入任何数据，请交主管处理。',
    en: "The card's MAC does not match: its data may have been altered. Nothing was written; hand the card to a supervisor.",
  },
  CARD_CORRUPT: {
    'zh-CN': '卡内数据损坏（{detail}）。请重新插卡；若仍损坏，请按补卡处理。',
    en: "The card's data is damaged ({detail}). Insert it again; if it stays damaged, reissue the card.",
  },
  CARD_UNKNOWN_LAYOUT: {
    'zh-CN': '卡片格式版本不受支持（{detail}），请升级 PowerTill。',
    en: 'Unsupported card layout ({detail}); update PowerTill.',
  },
  CARD_NOT_USER_CARD: {
    'zh-CN': '这是一张管理卡（{kind}），不是用户卡。',
    en: 'This is a management card ({kind}), not a tenant card.',
  },
  CARD_UNKNOWN: {
    'zh-CN':
      '卡号 {cardNo} 不在账目中（可能是从旧备份恢复后，或在其他电脑上发的卡）。请交主管处理。',
    en: 'Card {cardNo} is not in the books (restored from an older backup, or issued on another PC). Hand it to a supervisor.',
  },
  CARD_NOT_LIVE: {
    'zh-CN':
      '卡 {cardNo} 已失效（已挂失、已补卡或已销户），不能再使用。若是挂失后找回的卡，请收回。',
    en: 'Card {cardNo} is no longer valid (reported lost, reissued or its account closed). If it is a found lost card, keep it.',
  },
  CARD_OTHER_ACCOUNT: {
    'zh-CN': '读卡器上的卡 {cardNo} 属于账户 {accountNo}，不是当前用户的卡。请换上正确的卡。',
    en: 'Card {cardNo} on the reader belongs to account {accountNo}, not this one. Put the right card on the reader.',
  },
  CARD_STATE_CHANGED: {
    'zh-CN': '卡 {cardNo} 的购电记录与账目不一致，未写卡。请先读卡核对。',
    en: 'Card {cardNo} does not show what the books expect; nothing was written. Read the card first to check it.',
  },
  CARD_FEE_DUE: {
    'zh-CN': '本办公室发卡收取工本费 ¥{fee}：请先收取工本费并选择付款方式。',
    en: 'This office charges a card fee of ¥{fee}: collect it and choose how it was paid.',
  },
  CARD_FEE_CHANGED: {
    'zh-CN': '工本费已改为 ¥{fee}（您收取的是 ¥{charged}）。请按新的工本费收取后再发卡。',
    en: 'The card fee is now ¥{fee} (you charged ¥{charged}). Charge the new fee, then issue the card.',
  },
  CARD_FEE_NONE: {
    'zh-CN': '本办公室不收取工本费，请不要收费。',
    en: 'This office charges no card fee; do not take one.',
  },
  CARD_ALREADY_ISSUED: {
    'zh-CN': '该账户已有有效的卡（{cardNo}）。如卡丢失，请办理挂失补卡。',
    en: 'This account already has a card ({cardNo}). If it was lost, report it lost and reissue.',
  },
  CARD_IN_USE: {
    'zh-CN': '读卡器上的卡已是本营业厅的卡（{cardNo}），不能再发给其他用户。请换一张空白卡。',
    en: "The card on the reader is already one of this office's cards ({cardNo}). Use a blank card.",
  },
  CARD_NOT_BLANK: {
    'zh-CN': '读卡器上的卡不是空白卡（{status}）。请换一张空白卡。',
    en: 'The card on the reader is not blank ({status}). Use a blank card.',
  },
  CARD_NONE_ACTIVE: {
    'zh-CN': '该账户没有有效的卡可挂失。',
    en: 'This account has no valid card to report lost.',
  },
  CARD_NONE_TO_REISSUE: {
    'zh-CN': '该账户从未发过卡，请使用“发卡”。',
    en: 'This account never had a card; use "Issue card".',
  },
  CARD_USE_REISSUE: {
    'zh-CN': '该账户的卡已挂失或更换，请使用“补卡”，以便带上购电次数和未读入的购电。',
    en: 'This account\'s card was lost or replaced; use "Reissue" so the purchase count and any unloaded purchase are carried.',
  },
  CARD_REISSUE_LIMIT: {
    'zh-CN': '该账户补卡次数已达上限（255 次），请联系技术支持。',
    en: 'This account has been reissued the maximum number of cards (255); contact support.',
  },
  CARD_ALARMS_ORDER: {
    'zh-CN': '二级报警金额不能高于一级报警金额，请检查后重试。',
    en: 'The second alarm cannot be above the first; check the amounts and try again.',
  },
  CLEAR_ACCOUNT_ACTIVE: {
    'zh-CN': '清零卡会清掉电表里的余额：请先为该账户办理报停退费或销户，再制作清零卡。',
    en: "A clear card wipes the meter's credit: suspend with refund or close the account first, then make the clear card.",
  },
  REPLACEMENT_NOT_FOUND: {
    'zh-CN': '找不到这次换表记录，请从账户的换表历史中选择。',
    en: "That meter replacement was not found; choose it from the account's replacement history.",
  },
  CARD_ERASE_LIVE: {
    'zh-CN': '这是账户 {accountNo} 正在使用的卡，不能擦除。如卡已丢失请先挂失；销户后方可擦除。',
    en: 'This is the card account {accountNo} is using and cannot be erased. Report it lost, or close the account, first.',
  },
  CARD_PENDING_SALE: {
    'zh-CN': '该账户有一笔售电尚未完成（第 {count} 次购电）。请先放上该卡读卡，完成后再重写。',
    en: 'This account has an unfinished sale (purchase {count}). Read its card first to finish it, then rewrite.',
  },
  TRAINING_VIRTUAL_CARDS_ONLY: {
    'zh-CN': '此操作只在使用虚拟卡的培训模式下可用（启动参数 --demo --virtual-cards）。',
    en: 'This works only in training mode with virtual cards (start with --demo --virtual-cards).',
  },
  FINDING_NOT_FOUND: {
    'zh-CN': '找不到这条检查记录，请刷新列表。',
    en: 'That inspection finding was not found; refresh the list.',
  },
  FINDING_ALREADY_ACKNOWLEDGED: {
    'zh-CN': '这条检查记录已由他人处理，请刷新列表查看处理记录。',
    en: 'Someone has already acknowledged this finding; refresh the list to see their note.',
  },
  METER_NOT_CARD_METER: {
    'zh-CN': '电表 {meterNo} 不是插卡表，无需发卡（远程充值的电表通过 RS485 售电）。',
    en: 'Meter {meterNo} is not a card meter; it needs no card (remote meters are recharged over RS485).',
  },
  METER_CIRCUIT: {
    'zh-CN': '多用户计量箱（ADF300）须填回路号 1–36；其他电表不填回路号。（{model}）',
    en: 'A multi-user box (ADF300) needs its circuit number 1–36; other meters have none. ({model})',
  },
  METER_MODBUS_NOT_CARD: {
    'zh-CN': '插卡表 {model} 不在 RS485 线路上，不能选 Modbus 规约。',
    en: 'Card meter {model} is not on the RS485 line; it has no Modbus protocol.',
  },
  METER_ACRT_NK_ONLY: {
    'zh-CN': '只有内控表（NK）经 ACRT 充值终端充值；{model} 不能选此项。',
    en: 'Only NK meters are recharged through an ACRT terminal; {model} cannot be.',
  },
  PRINTING_UNAVAILABLE: {
    'zh-CN':
      '本机没有可用的打印系统（Linux 需安装 CUPS）。请在“设置 → 打印”中改为下载 PDF，或安装打印机后重试。',
    en: 'This PC has no print system PowerTill can use (Linux needs CUPS). Switch to downloading the PDF under Settings → Printing, or install the printer and try again.',
  },
  PRINTER_NOT_FOUND: {
    'zh-CN': '找不到打印机“{printer}”。请检查打印机是否已连接，或在“设置 → 打印”中重新选择。',
    en: 'Printer "{printer}" not found. Check that it is connected, or choose it again under Settings → Printing.',
  },
  PRINT_FAILED: {
    'zh-CN':
      '打印机“{printer}”未能接收打印任务（{detail}）。票据未计为已打印，请检查打印机后重试。',
    en: 'Printer "{printer}" did not take the job ({detail}). The receipt was not counted as printed; check the printer and try again.',
  },
  PRINTER_NOT_SET: {
    'zh-CN': '尚未选择票据打印机。请在“设置 → 打印”中选择打印机。',
    en: 'No receipt printer is chosen. Choose one under Settings → Printing.',
  },
  FORM_FIELD_OFF_PAGE: {
    'zh-CN': '套打位置超出纸张范围：{fields}。请调整位置或纸张尺寸。',
    en: 'Form fields placed off the paper: {fields}. Move them or change the paper size.',
  },
  SHIFT_NOT_FOUND: { 'zh-CN': '找不到该班次。', en: 'Shift not found.' },
  TRAINING_ONLY: {
    'zh-CN': '此操作仅在培训模式下可用。',
    en: 'This is available in training mode only.',
  },
  DATABASE_NEWER_THAN_APP: {
    'zh-CN':
      '数据库由更新版本的 PowerTill 创建（版本 {dbVersion}，本程序支持到 {appVersion}）。请安装新版本，不要降级。',
    en: 'The database was made by a newer PowerTill (schema {dbVersion}, this app knows up to {appVersion}). Install the newer version; do not downgrade.',
  },
  ALREADY_RUNNING: {
    'zh-CN': 'PowerTill 已在运行（数据文件夹 {dir}），请使用上面的地址，不要再启动一次。',
    en: 'PowerTill is already running for this data folder ({dir}); use the address above instead of starting it again.',
  },
  SECRET_SEALED_BY_OS: {
    'zh-CN':
      '办公室密钥由桌面版 PowerTill 用本机系统密钥保护，当前方式无法读取。请从桌面版启动 PowerTill（同一 Windows/Linux 用户）。',
    en: "The office secret is protected by this PC's system key store through the desktop app, which this way of starting cannot read. Start PowerTill's desktop app (as the same Windows/Linux user).",
  },
  TENDERED_NOT_CASH: {
    'zh-CN': '只有现金付款才填写实收金额。',
    en: 'The cash handed over is entered for cash payments only.',
  },
  TENDERED_TOO_LITTLE: {
    'zh-CN': '实收 ¥{tendered} 少于应收 ¥{amount}，请补足后再收费。',
    en: 'Cash handed over (¥{tendered}) is less than the amount due (¥{amount}); collect the rest first.',
  },
  START_DISK_FULL: {
    'zh-CN':
      '磁盘已满，PowerTill 无法打开账本（{dir}）。请清理该磁盘的空间后重新启动，账本未受影响。',
    en: 'The disk is full, so PowerTill cannot open the books ({dir}). Free some space on that disk and start again; the books are untouched.',
  },
  START_FOLDER_NOT_WRITABLE: {
    'zh-CN':
      'PowerTill 无法写入数据文件夹 {dir}（{detail}）。请检查该文件夹的权限，或用 --data-dir 指定另一个文件夹。',
    en: "PowerTill cannot write to its data folder {dir} ({detail}). Check the folder's permissions, or choose another with --data-dir.",
  },
  START_NATIVE_MISMATCH: {
    'zh-CN':
      'PowerTill 的数据库组件（{module}）是为另一运行环境编译的（ABI {built}，此处需要 {needed}），账本未打开、未改动。请重新运行 npm start（会为桌面版重新编译），或重新安装 PowerTill。',
    en: "PowerTill's database module ({module}) was built for another runtime (ABI {built}, this one needs {needed}); the books were not opened or changed. Run npm start again (it rebuilds it for the desktop app), or reinstall PowerTill.",
  },
  START_FAILED: {
    'zh-CN': 'PowerTill 无法启动（{detail}）。详细信息已写入 {log}，请导出诊断包或联系技术支持。',
    en: 'PowerTill could not start ({detail}). The details are in {log}; please contact support.',
  },
  MIGRATION_FAILED: {
    'zh-CN': '数据库升级失败，数据未改动，升级前的备份在 {backup}。请联系技术支持。',
    en: 'The database upgrade failed and nothing was changed; the pre-upgrade backup is at {backup}. Please contact support.',
  },
  METER_LINE_NOT_SET: {
    'zh-CN': '尚未设置电表通信线路（USB-RS485 串口或网关）。请主管在 电表 → 通信设置 中设置。',
    en: 'No meter line is set up (USB-RS485 port or gateway). A supervisor sets it under Meters → Line settings.',
  },
  METER_LINE_FAILED: {
    'zh-CN':
      '无法使用通信线路 {line}：{detail}。请检查 USB-RS485 转换器是否插好，或网关是否通电联网。',
    en: 'Cannot use the meter line {line}: {detail}. Check that the USB-RS485 adapter is plugged in, or that the gateway is powered and on the network.',
  },
  METER_NO_ANSWER: {
    'zh-CN': '电表 {meterNo} 无应答。请检查 RS485 接线（A/B 是否接反）、表地址和通信设置后重试。',
    en: 'Meter {meterNo} does not answer. Check the RS485 wiring (A and B swapped?), the meter address and the line settings, then try again.',
  },
  METER_REFUSED: {
    'zh-CN': '电表 {meterNo} 拒绝了该操作（{reasons}）。',
    en: 'Meter {meterNo} refused the operation ({reasons}).',
  },
  METER_NOT_ON_LINE: {
    'zh-CN': '电表 {meterNo} 是插卡表，不在 RS485 线路上；请用用户卡或管理卡操作。',
    en: 'Meter {meterNo} is a card meter, not on the RS485 line; use the tenant card or a management card.',
  },
  METER_NOT_MAPPED: {
    'zh-CN': '该型号电表暂不支持此操作：{detail}。',
    en: 'This meter model cannot do that yet: {detail}.',
  },
  METER_PASSWORD_NOT_SET: {
    'zh-CN': '尚未设置电表密码，不能拉合闸或下发参数。请主管在 电表 → 通信设置 中填写。',
    en: 'The meter password is not set, so relays and settings cannot be sent. A supervisor sets it under Meters → Line settings.',
  },
  METER_CREDIT_HELD: {
    'zh-CN':
      '电表 {meterNo} 上仍有已销户账户的余额待清零退费，暂不能开新户。请检查线路，电表应答后系统会自动清零并退费（电表 → 待清零退费）。',
    en: 'Meter {meterNo} still holds the credit of a closed account, waiting to be cleared and refunded, so it takes no new account yet. Check the line: once the meter answers, the office clears it and books the refund (Meters → Held credit).',
  },
  METER_PRESET_UNCONFIRMED: {
    'zh-CN':
      '已向电表 {meterNo} 发出余额预置，但未收到确认，本次退费或销户没有记账。请检查线路后再做一次：系统会先读电表，已生效的预置只记一次。',
    en: 'The balance preset was sent to meter {meterNo} but not confirmed, so nothing was booked. Check the line and do it again: the office reads the meter first and books a preset that took effect once.',
  },
  METER_PRESET_NOT_TAKEN: {
    'zh-CN':
      '电表 {meterNo} 没有接受余额预置（读回表内余额 ¥{held}），没有退费。请检查电表和通信设置后重试。',
    en: 'Meter {meterNo} did not take the balance preset (it reads ¥{held}), so nothing was refunded. Check the meter and the line settings, then try again.',
  },
  METER_PRESET_PENDING: {
    'zh-CN':
      '电表 {meterNo} 上有一笔余额预置尚未确认：请先重做该账户的退费或销户（系统会核对电表），再售电。',
    en: 'A balance preset on meter {meterNo} is not confirmed yet: redo the refund or closing of its account first (the office checks the meter), then sell.',
  },
  METER_COMMAND_UNCONFIRMED: {
    'zh-CN': '命令已发出，但电表 {meterNo} 的状态未能确认，请稍后再读一次电表。',
    en: 'The command was sent but the state of meter {meterNo} could not be confirmed; read the meter again shortly.',
  },
  BATCH_EMPTY: {
    'zh-CN': '所选范围内没有 RS485 线路上的电表。',
    en: 'There are no meters on the RS485 line in that selection.',
  },
  BATCH_NOT_FOUND: { 'zh-CN': '找不到该批量任务。', en: 'Batch not found.' },
  BATCH_RUNNING: {
    'zh-CN': '已有一个批量任务在进行（{operation}），请等待完成或先取消。',
    en: 'A batch is already running ({operation}); wait for it or cancel it first.',
  },
  BATCH_NEEDS: {
    'zh-CN': '该批量操作需要填写：{field}。',
    en: 'This batch operation needs: {field}.',
  },
  BILLING_NEEDS_LINE: {
    'zh-CN':
      '电表 {meterNo} 通过卡片购电，不能由营业厅主站计费。请选择“表内计费”，或换用 RS485 线路上的电表。',
    en: 'Meter {meterNo} is sold to on a card: the office cannot bill it from readings. Choose billing on the meter, or a meter on the RS485 line.',
  },
  METERING_BILLED_BY_OFFICE: {
    'zh-CN': '电表 {meterNo} 是计量表，表内不存金额，只能由营业厅主站计费。',
    en: 'Meter {meterNo} is a metering meter and holds no money: only the office can bill it.',
  },
  KEEP_POWER_NEEDS_OFFICE_BILLING: {
    'zh-CN': '保电只用于主站计费的账户；表内计费的电表请在“电表”页下发保电命令。',
    en: 'Keep power (保电) here is for accounts the office bills; for a meter that holds its own money, send keep power from the Meters page.',
  },
  BATCH_MEMBER_DONE: {
    'zh-CN': '该账户在本批次（或本月免费电量）中已充值过（凭证号 {receiptNo}），不再重复充值。',
    en: "This account was recharged in this batch (or given this month's free allowance) already (voucher {receiptNo}); it is not recharged twice.",
  },
  BATCH_NOT_ON_LINE: {
    'zh-CN': '插卡表不能批量充值（租户须持卡到营业厅）。请只选择 RS485 线路上的电表。',
    en: 'Card meters cannot be recharged in a batch (the tenant brings the card to the office). Choose meters on the RS485 line only.',
  },
  BATCH_AMOUNT_NEEDED: {
    'zh-CN': '请填写每户充值金额。',
    en: 'Enter the amount each account is to get.',
  },
  ALLOWANCE_NONE: {
    'zh-CN': '所选范围内的账户电价都没有设置免费电量。请先在“电价”中为电价设置每月免费电量。',
    en: 'None of the accounts in that selection has a tariff with a free allowance. Set a monthly free allowance on the tariff (Tariffs) first.',
  },
  ALLOWANCE_ALREADY_GIVEN: {
    'zh-CN': '所选范围内的账户 {month} 的免费电量都已发放过，不再重复发放。',
    en: 'Every account in that selection has had its free allowance for {month} already; it is not given twice.',
  },
  BATCH_INTERRUPTED: {
    'zh-CN':
      '批量充值在进行中被中断（程序关闭或断电）。已充值的不会重复，请点“重试失败”完成其余电表。',
    en: 'The batch recharge was interrupted (PowerTill closed or the power failed). Nothing done is done twice: press "Retry failed" to finish the other meters.',
  },
  ACRT_NOT_FOUND: { 'zh-CN': '找不到该充值终端。', en: 'Recharge terminal not found.' },
  ACRT_ADDRESS_TAKEN: {
    'zh-CN': '地址 {address} 已登记为充值终端或电表。',
    en: 'Address {address} is registered already (a terminal or a meter).',
  },
  ALARM_NOT_FOUND: {
    'zh-CN': '找不到该报警记录，或已确认过。',
    en: 'Alarm not found, or acknowledged already.',
  },
  DISK_FULL: {
    'zh-CN': '磁盘已满，本次操作未保存。请清理磁盘空间后重试。',
    en: 'The disk is full; nothing was saved. Free some disk space and try again.',
  },
  SMS_NO_MOBILE: {
    'zh-CN': '该用户没有可接收短信的手机号（11 位，1 开头）。请在用户资料中填写手机号。',
    en: 'This tenant has no mobile number that can take an SMS (11 digits starting with 1). Add one to the tenant’s details.',
  },
  SMS_OPTED_OUT: {
    'zh-CN': '该用户已退订短信，未发送。',
    en: 'This tenant opted out of messages; nothing was sent.',
  },
  SMS_DAILY_CAP: {
    'zh-CN': '今天已给该用户发送 {cap} 条短信，达到每日上限，未发送。',
    en: 'This tenant has already been sent {cap} messages today, the daily limit; nothing was sent.',
  },
  SMS_QUIET_HOURS: {
    'zh-CN': '免打扰时段内不发送，将于 {at} 发出。',
    en: 'Not sent in quiet hours; it goes at {at}.',
  },
  SMS_TOO_LONG: {
    'zh-CN': '短信太长：最多 {max} 条拼接（中文约 {chars} 字）。请缩短内容。',
    en: 'The message is too long: at most {max} joined parts (about {chars} Chinese characters). Please shorten it.',
  },
  SMS_MODEM_NOT_SET: {
    'zh-CN': '未设置短信猫。请在 设置 → 短信 中选择短信猫所在的串口。',
    en: 'No GSM modem is set. Choose its serial port under Settings → SMS.',
  },
  SMS_MODEM_UNPLUGGED: {
    'zh-CN':
      '短信猫 {port} 无法打开（已拔出或被占用）。请检查 USB 线和电源后重试；短信会排队等待。',
    en: 'The GSM modem on {port} cannot be opened (unplugged or in use). Check its USB cable and power; messages wait in the outbox.',
  },
  SMS_MODEM_NO_ANSWER: {
    'zh-CN': '短信猫 {port} 无应答。请检查串口设置和短信猫电源；短信会排队等待。',
    en: 'The GSM modem on {port} does not answer. Check the port settings and the modem’s power; messages wait in the outbox.',
  },
  SMS_NO_SIM: {
    'zh-CN': '短信猫中没有 SIM 卡或 SIM 卡故障。请插好 SIM 卡后重试。',
    en: 'The GSM modem has no SIM card, or the SIM has failed. Insert the SIM and try again.',
  },
  SMS_SIM_LOCKED: {
    'zh-CN': 'SIM 卡需要 PIN 码。请在手机上取消 PIN 码后再插入短信猫。',
    en: 'The SIM card needs its PIN. Remove the PIN in a phone, then put the SIM back in the modem.',
  },
  SMS_NO_NETWORK: {
    'zh-CN': '短信猫未注册到移动网络（信号弱或欠费停机）。请检查天线、信号和话费；短信会排队等待。',
    en: 'The GSM modem is not on the network (weak signal, or the SIM is out of credit). Check the antenna, signal and credit; messages wait in the outbox.',
  },
  SMS_REFUSED: {
    'zh-CN': '短信被网络拒绝（错误 {code}）。将稍后重试；多次失败后请检查号码和话费。',
    en: 'The network refused the message (error {code}). It will be tried again; if it keeps failing, check the number and the SIM’s credit.',
  },
  SMS_NOT_DELIVERED: {
    'zh-CN': '网络报告短信未能送达（状态 {status}）。可检查号码后重发。',
    en: 'The network reports the message could not be delivered (status {status}). Check the number and send it again.',
  },
  DATABASE_BUSY: {
    'zh-CN': '数据库正忙，请稍后重试。',
    en: 'The database is busy. Please try again in a moment.',
  },
  TRANSPORT_FAILED: {
    'zh-CN': '无法连接 PowerTill 后台服务，请重新启动程序。',
    en: 'Cannot reach the PowerTill backend. Please restart the app.',
  },
  INTERNAL: {
    'zh-CN': '发生内部错误（编号 {ref}），数据未改动。请导出诊断包并联系技术支持。',
    en: 'Internal error (ref {ref}); nothing was changed. Please export diagnostics and contact support.',
  },
} as const satisfies Record<string, Messages>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export type ErrorParams = Record<string, string | number>;

/** The error shape that crosses both transports. */
export interface ApiError {
  code: ErrorCode;
  params?: ErrorParams;
  /** Field-level problems for forms, from input validation: codes with parameters. */
  issues?: FieldIssue[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_MESSAGES, value);
}

/** Parameters a message takes from its field issues, in the reader's language. */
function issueParams(error: ApiError, language: Language): ErrorParams {
  const [first, ...more] = error.issues ?? [];
  if (!first) return {};
  const others =
    more.length === 0
      ? ''
      : language === 'zh-CN'
        ? `（另有 ${more.length} 处）`
        : ` (and ${more.length} more)`;
  return {
    detail: `${issueText(first, language)}${others}`,
    field: fieldLabel(first.path, language),
  };
}

export function formatErrorMessage(error: ApiError, language: Language): string {
  const template = ERROR_MESSAGES[error.code][language];
  const params = { ...issueParams(error, language), ...error.params };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Thrown inside the backend; the dispatcher turns it into an ApiError. */
export class AppError extends Error {
  readonly issues?: ApiError['issues'];

  constructor(
    readonly code: ErrorCode,
    readonly params?: ErrorParams,
    options?: { cause?: unknown; issues?: ApiError['issues'] },
  ) {
    super(
      formatErrorMessage(
        { code, ...(params && { params }), ...(options?.issues && { issues: options.issues }) },
        'en',
      ),
      options,
    );
    this.name = 'AppError';
    if (options?.issues) this.issues = options.issues;
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      ...(this.params && { params: this.params }),
      ...(this.issues && { issues: this.issues }),
    };
  }
}
