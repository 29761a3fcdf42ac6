// What each error code says to a cashier in Chinese: what happened and what to do next (the log
// gets the technical detail). Placeholders like {minutes} are filled from the error's params;
// {detail} is the first field issue in words (shared/api/fieldIssues.ts). The codes are these.
export const ZH_ERRORS = {
  VALIDATION_FAILED: '输入有误：{detail}。请检查后重试。',
  TEXT_CHARACTERS_REFUSED:
    '“{field}”中含有不能保存和打印的字符（控制字符或改变文字方向的字符，常见于从网页或聊天软件复制的文字）。请删除后直接键入，再重试。',
  UNKNOWN_METHOD: '程序版本不一致（未知的操作 {method}）。请重新启动 PowerTill。',
  NOT_SIGNED_IN: '请先登录。',
  SESSION_EXPIRED: '长时间未操作，已自动退出。请重新登录。',
  FORBIDDEN: '当前操作员没有执行此操作的权限，请联系主管或管理员。',
  BAD_CREDENTIALS: '登录名或密码错误，还可再试 {left} 次，之后将锁定 5 分钟。',
  ACCOUNT_LOCKED: '密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试，或请管理员解锁。',
  OPERATOR_DISABLED: '该操作员已停用，请联系管理员。',
  PASSWORD_CHANGE_REQUIRED: '请先修改初始密码。',
  WRONG_CURRENT_PASSWORD: '当前密码不正确。',
  PASSWORD_TOO_WEAK: '密码至少 {min} 位，且须同时包含字母和数字。',
  PASSWORD_REUSED: '新密码不能与当前密码相同。',
  USERNAME_TAKEN: '登录名 {username} 已存在，请换一个。',
  OPERATOR_NOT_FOUND: '找不到该操作员。',
  LAST_ADMIN: '不能停用或降级最后一位管理员。',
  ADMIN_KEEPS_OPERATORS: '管理员始终保留“操作员与权限”：收回后将无人能再分配权限。',
  ALREADY_SET_UP: '系统已完成初始设置。',
  NOT_SET_UP: '系统尚未完成初始设置，请先完成设置向导。',
  SECRET_PASSPHRASE_WRONG: '口令不正确，或文件已损坏。',
  SECRET_FILE_INVALID: '这不是 PowerTill 的办公室密钥文件。',
  SECRET_REPLACE_UNCONFIRMED:
    '本机已有不同的办公室密钥（指纹 {current}）。替换后用旧密钥发行的卡将无法使用，请确认后再导入。',
  CUSTOMER_NOT_FOUND: '找不到该用户。',
  CUSTOMER_NO_TAKEN: '户号 {customerNo} 已存在，请换一个或留空自动生成。',
  CAMPUS_NOT_FOUND: '找不到该校区。',
  CAMPUS_NAME_TAKEN: '校区“{name}”已存在，请换一个名称。',
  BUILDING_NOT_FOUND: '找不到该楼栋。',
  DORM_SHEET_COLUMNS:
    '表格缺少“{column}”列。第一行应为表头：楼层、房号、床位、计量箱表号、回路、用途（可下载模板）。',
  DORM_CIRCUIT_TAKEN:
    '计量箱 {meterNo} 的第 {circuit} 回路已有账户（或有待退的余额），不能再开给新房间。',
  DORM_ROOM_ROWS_DISAGREE: '房间 {roomNo} 的楼层与第 {row} 行不一致。',
  DORM_WHOLE_ROOM_ALONE: '房间 {roomNo} 用途为“整间”的回路只能有一个，不能再有其他回路。',
  DORM_ROOM_OCCUPIED: '房间 {roomNo} 仍有未销户的账户（或回路里有待退的余额），请先退宿。',
  STUDENT_LIVES_ELSEWHERE: '学号 {studentNo} 的学生已住在 {room}，请先办理迁出。',
  STUDENT_BED_TAKEN: '{bed} 号床已有学生。',
  STUDENT_BED_BEYOND: '该房间只有 {beds} 个床位。',
  STUDENT_NOT_FOUND: '找不到该学生，或已迁出。请刷新后重试。',
  DORM_ROOM_NOT_FOUND: '找不到该房间，请刷新楼栋列表后重试。',
  BUILDING_NAME_TAKEN: '该校区已有楼栋“{name}”，请换一个名称。',
  DORM_FLOORS_REVERSED: '起始楼层 {from} 高于结束楼层 {to}，请改正后重试。',
  DORM_ROOM_NUMBERS: '每层从 {first} 号起开 {count} 间，房号将超过 {max}。请减少每层房间数。',
  DORM_ROOM_TAKEN: '{building}已有房间 {roomNo}。请从未开户的楼层或房号开始。',
  DORM_CIRCUITS_SHORT:
    '需要 {rooms} 个回路，所列计量箱只有 {free} 个空闲回路。请添加计量箱后重试。',
  DORM_BOX_TWICE: '计量箱 {meterNo} 列了两次，请删去一行。',
  DORM_BOX_NOT_A_BOX: '表号 {meterNo} 已登记为 {model}，不是多用户计量箱。',
  METER_NOT_FOUND: '找不到该电表。',
  METER_NO_TAKEN: '表号 {meterNo} 已登记。',
  METER_IN_USE: '电表 {meterNo} 已绑定在账户 {accountNo} 上，请先销户或换表。',
  METER_NOT_AVAILABLE: '电表 {meterNo} 已换下或拆除，不能开户。',
  TARIFF_NOT_FOUND: '找不到该电价。',
  TARIFF_NAME_TAKEN: '电价名称 {name} 已存在。',
  TARIFF_NOT_IN_FORCE: '电价“{name}”当前没有生效的版本，请主管检查电价设置。',
  EFFECTIVE_DATE_PAST: '生效时间必须晚于当前时间；历史电价不能修改。',
  ACCOUNT_NOT_FOUND: '找不到该账户。',
  ACCOUNT_CLOSED: '该账户已销户，不能售电。',
  ACCOUNT_SUSPENDED: '该账户已报停，请先恢复用电再售电。',
  AMOUNT_BELOW_MINIMUM: '售电金额不能低于 {min} 元。',
  AMOUNT_ABOVE_MAXIMUM: '单笔售电金额不能超过 {max} 元。',
  OVER_HOARDING_LIMIT:
    '超过囤积限额 {limit} 元：表内及未读入金额已有 {held} 元，本次最多还可售 {room} 元。',
  PURCHASE_NOT_LOADED:
    '上次购电（第 {count} 次）尚未插表读入。请先让用户插卡到电表，或选择“追加到上次购电”。',
  NOTHING_TO_ADD_TO: '上次购电已读入电表，没有可追加的购电，请按新购电办理。',
  OPERATION_NOT_PENDING: '这条操作已经确认或作废，无需再处理。请刷新待确认列表。',
  OPERATION_NOT_ABANDONABLE:
    '这类操作涉及金额或电表，不能手工作废：请放上该卡或连接电表，由系统核对后自动确认或作废。',
  OPERATION_PENDING: '该账户有一笔未确认的写卡/充值，请先放上该卡或连接电表以完成核对。',
  TARGET_UNREACHABLE: '无法读取用户卡或电表：{reason}。未扣款，请检查后重试。',
  TARGET_MISMATCH:
    '卡/表中的购电记录与账目不一致（卡内累计 {target} 元，账目 {ledger} 元）。请主管处理，不要重复售电。',
  DELIVERY_UNCONFIRMED:
    '写卡结果未能确认（票据号 {receiptNo} 暂留）。请把卡放回读卡器，系统将自动核对，不会重复扣款。',
  RECHARGE_UNCONFIRMED:
    '远程充值结果未能确认（票据号 {receiptNo} 暂留）。电表恢复通信后系统自动核对，不会重复充值；请勿重复售电。',
  RECEIPT_NOT_FOUND: '找不到票据 {receiptNo}。',
  RECEIPT_NOT_SETTLED: '票据 {receiptNo} 对应的写卡尚未确认，确认后才能打印。',
  BACKUP_INVALID: '该文件不能用于恢复：{reason}。请选择 PowerTill 生成的备份文件。',
  BACKUP_UNSEALED:
    '这不是 PowerTill 的密封备份（可能由旧版本制作，或是别的文件），不能恢复。请选择 .ptbackup 备份文件；旧备份请联系技术支持。',
  BACKUP_FOREIGN:
    '该备份属于另一个办公室（密钥指纹 {theirs}，本机为 {ours}），不能恢复。更换电脑时，请先在 设置 → 办公室密钥 中导入原办公室的密钥文件，再恢复备份。',
  BACKUP_TAMPERED: '备份文件已被改动或损坏（校验失败），不能恢复。请换一份备份。',
  BACKUP_NO_SECRET: '本办公室尚无密钥，无法制作或恢复备份。请先完成首次设置或导入办公室密钥。',
  BACKUP_NOT_FOUND: '找不到备份 {fileName}。',
  BACKUP_FOLDER_UNAVAILABLE: '无法写入文件夹 {folder}，请检查 U 盘是否插好、路径是否正确。',
  SALE_NOT_FOUND: '找不到该售电记录。',
  SALE_NOT_REVERSIBLE: '该笔售电不能冲正：{reason}。',
  SALE_ALREADY_LOADED: '该笔售电已插表读入电表，不能冲正；如需退款请办理退费。',
  ACCOUNT_ALREADY_CLOSED: '该账户已销户。',
  ACCOUNT_NOT_ACTIVE: '只有正常用电的账户才能报停。',
  ACCOUNT_NOT_SUSPENDED: '该账户没有报停，无需恢复。',
  ACCOUNT_CHANGED: '该账户刚被其他操作更改，请重新打开账户后再试。',
  ACCOUNT_UNLOADED_PURCHASE:
    '第 {count} 次购电尚未插表读入：请先冲正该笔售电，或让用户插卡到电表后再销户。',
  READING_BELOW_INSTALL: '销户读数 {reading} kWh 小于装表读数 {install} kWh，请核对电表显示。',
  METER_CREDIT_NOT_CLEARED:
    '已退费的 {owed} 元仍在电表内：请先用清零卡清除表内余额，再确认“表内余额已清除”后恢复用电。',
  REFUND_ACCOUNT_ACTIVE:
    '正常用电的账户不能单独退费：请主管先办理报停（可同时退费），以免电表继续使用已退的金额。',
  REFUND_UNLOADED_PURCHASE:
    '第 {count} 次购电尚未插表读入，不能按表内余额退费：请先冲正该笔售电，或让用户插卡到电表后再办理。',
  REFUND_REMAINING_UNKNOWN:
    '不知道电表内还剩多少钱：请把用户卡放上读卡器读取回写信息，或填写电表显示的剩余金额。',
  REFUND_NOTHING_LEFT: '表内没有可退的金额。',
  REFUND_OVER_REFUNDABLE: '退费金额不能超过可退金额 {max} 元（表内余额减去已退金额）。',
  REMAINING_IMPLAUSIBLE:
    '表内余额 {remaining} 元大于该账户累计购电 {purchased} 元，请核对电表显示。',
  LOADED_COUNT_IMPLAUSIBLE:
    '电表显示的购电次数 {count} 大于已售次数 {sold}，请核对电表显示或用户卡是否属于本账户。',
  APPROVAL_REQUIRED: '退费需要主管审批：请主管输入登录名和密码。',
  HANDOVER_DIFFERENCE:
    '清点金额与账面相差超过 ¥{tolerance}。请重新清点（还可重点 {left} 次）；确有差额时，填写说明并请主管审批。',
  HANDOVER_RECOUNTS_USED:
    '已重新清点 {count} 次仍有差额：请填写说明，由主管输入登录名和密码审批交班。',
  HANDOVER_NOTE_REQUIRED: '交班有差额，请在备注中写明原因后再交班。',
  SHIFT_STILL_OPEN: '班次尚未交班：交班清点后才能打印交班报表。',
  REVERSAL_APPROVAL_REQUIRED: '本办公室冲正需要主管审批：请主管输入登录名和密码。',
  APPROVER_NOT_SUPERVISOR: '审批人须有审批权限（通常是主管或管理员）。',
  REFUND_NOT_FOUND: '找不到该退费记录。',
  REPLACE_UNLOADED_PURCHASE:
    '第 {count} 次购电尚未插表读入旧表：请先让用户插卡到旧表，或冲正该笔售电，再换表。',
  METER_KIND_CHANGE:
    '新表 {model} 与旧表的类型不同（卡表 / NK 表 / 远程表），不能直接换表；请销户后重新开户。',
  REPORT_RANGE_INVALID: '报表日期范围无效：结束日期不能早于开始日期，且最长 {maxDays} 天。',
  REPORT_EXPORT_GONE:
    '这个导出文件已不存在（已下载、已取消、超过 10 分钟或程序已重启）。请重新导出。',
  REPORT_EXPORT_NOT_READY: '导出文件还没有写完，请等进度条走完再下载。',
  IMPORT_FILE_TYPE: '不支持文件 {fileName}：请使用 .xlsx 或 .csv 文件（可下载导入模板）。',
  IMPORT_FILE_UNREADABLE: '文件无法读取（{reason}）。请在 Excel 中另存为 .xlsx 后重试。',
  IMPORT_EMPTY: '文件中没有数据行。',
  IMPORT_NO_NAME_COLUMN: '第一行必须是表头，且包含“名称”列。请使用导入模板。',
  IMPORT_FILE_TOO_LARGE:
    '文件解压后超过 {maxMb} MB，不像是开户表格，未导入。请只保留需要导入的工作表后重试。',
  IMPORT_TEXT_CHARACTERS:
    '含有不能保存的字符（控制字符或改变文字方向的字符），请在表格中删除后重新键入。',
  IMPORT_TOO_MANY_ROWS: '一次最多导入 {max} 行，请分批导入。',
  IMPORT_FIELD_REQUIRED: '必填。',
  IMPORT_FIELD_INVALID: '“{value}”无效。',
  IMPORT_FIELD_TOO_LONG: '超过 {max} 个字符。',
  IMPORT_DUPLICATE: '“{value}”与第 {other} 行重复。',
  IMPORT_TARIFF_UNKNOWN: '没有名为“{name}”的现行电价。',
  CARD_READER_UNAVAILABLE:
    '读卡器服务不可用（{detail}）。Linux 请安装并启动 pcscd；Windows 请确认“智能卡”服务已启动，然后重试。',
  CARD_BINDING_MISSING:
    '本机缺少读卡组件（PC/SC 接口未安装），无法使用读卡器；其他功能照常。请重新安装 PowerTill，或由技术人员安装 libpcsclite-dev 后运行 npm install。',
  CARD_NO_READER: '找不到读卡器“{reader}”。请检查读卡器 USB 连接，重新插上后重试。',
  CARD_NOT_PRESENT: '读卡器“{reader}”上没有卡。请把卡插好后重试。',
  CARD_REMOVED: '卡在读写过程中被拔出。请把同一张卡重新插入读卡器，系统会核对并补完这次操作。',
  CARD_TIMEOUT: '读卡器“{reader}”无响应。请重新插卡；若仍无响应，请拔插读卡器。',
  CARD_READER_FAILED: '读卡器“{reader}”出错（{detail}）。请重新插卡后重试。',
  CARD_PROTOCOL: '卡片应答异常（{detail}）。请确认使用的是本系统的 IC 卡并重新插卡。',
  CARD_MEDIA_UNKNOWN:
    '无法识别的卡片类型（ATR {atr}）。本系统使用 SLE4442 卡，或已初始化 PT01 应用的 CPU 卡。',
  CARD_PSC_WRONG:
    '卡片密码校验失败，还剩 {triesLeft} 次机会。该卡可能不是本营业厅发行的，请勿反复尝试。',
  CARD_LAST_TRY: '该卡只剩最后一次密码校验机会，失败将永久锁卡。请主管确认后再操作。',
  CARD_LOCKED: '该卡已被锁定（密码错误次数用尽），无法写入。请为用户补卡。',
  CARD_WRITE_NOT_VERIFIED: '写卡后回读不一致（{detail}）。请不要拔卡，重新插卡后系统会核对。',
  CARD_BLANK: '这是一张空白卡（未发行），无需擦除。',
  CARD_NOT_ISSUED: '读卡器上是一张未发行的空白卡：请在用户页为账户发卡，或换上用户的卡。',
  CARD_OTHER_OFFICE:
    '这张卡不是用本营业厅当前的办公室密钥制作的（可能来自其他营业厅，或密钥已更换）。未写入任何数据。请导入正确的办公室密钥，或联系发卡单位。',
  CARD_FORGED: '卡片校验码不符，卡内数据可能被篡改。未写入任何数据，请交主管处理。',
  CARD_CORRUPT: '卡内数据损坏（{detail}）。请重新插卡；若仍损坏，请按补卡处理。',
  CARD_UNKNOWN_LAYOUT: '卡片格式版本不受支持（{detail}），请升级 PowerTill。',
  CARD_NOT_USER_CARD: '这是一张管理卡（{kind}），不是用户卡。',
  CARD_UNKNOWN:
    '卡号 {cardNo} 不在账目中（可能是从旧备份恢复后，或在其他电脑上发的卡）。请交主管处理。',
  CARD_NOT_LIVE:
    '卡 {cardNo} 已失效（已挂失、已补卡或已销户），不能再使用。若是挂失后找回的卡，请收回。',
  CARD_OTHER_ACCOUNT:
    '读卡器上的卡 {cardNo} 属于账户 {accountNo}，不是当前用户的卡。请换上正确的卡。',
  CARD_STATE_CHANGED: '卡 {cardNo} 的购电记录与账目不一致，未写卡。请先读卡核对。',
  CARD_FEE_DUE: '本办公室发卡收取工本费 ¥{fee}：请先收取工本费并选择付款方式。',
  CARD_FEE_CHANGED: '工本费已改为 ¥{fee}（您收取的是 ¥{charged}）。请按新的工本费收取后再发卡。',
  CARD_FEE_NONE: '本办公室不收取工本费，请不要收费。',
  CARD_ALREADY_ISSUED: '该账户已有有效的卡（{cardNo}）。如卡丢失，请办理挂失补卡。',
  CARD_IN_USE: '读卡器上的卡已是本营业厅的卡（{cardNo}），不能再发给其他用户。请换一张空白卡。',
  CARD_NOT_BLANK: '读卡器上的卡不是空白卡（{status}）。请换一张空白卡。',
  CARD_NONE_ACTIVE: '该账户没有有效的卡可挂失。',
  CARD_NONE_TO_REISSUE: '该账户从未发过卡，请使用“发卡”。',
  CARD_USE_REISSUE: '该账户的卡已挂失或更换，请使用“补卡”，以便带上购电次数和未读入的购电。',
  CARD_REISSUE_LIMIT: '该账户补卡次数已达上限（255 次），请联系技术支持。',
  CARD_ALARMS_ORDER: '二级报警金额不能高于一级报警金额，请检查后重试。',
  CLEAR_ACCOUNT_ACTIVE: '清零卡会清掉电表里的余额：请先为该账户办理报停退费或销户，再制作清零卡。',
  REPLACEMENT_NOT_FOUND: '找不到这次换表记录，请从账户的换表历史中选择。',
  CARD_ERASE_LIVE:
    '这是账户 {accountNo} 正在使用的卡，不能擦除。如卡已丢失请先挂失；销户后方可擦除。',
  CARD_PENDING_SALE:
    '该账户有一笔售电尚未完成（第 {count} 次购电）。请先放上该卡读卡，完成后再重写。',
  TRAINING_VIRTUAL_CARDS_ONLY:
    '此操作只在使用虚拟卡的培训模式下可用（启动参数 --demo --virtual-cards）。',
  FINDING_NOT_FOUND: '找不到这条检查记录，请刷新列表。',
  FINDING_ALREADY_ACKNOWLEDGED: '这条检查记录已由他人处理，请刷新列表查看处理记录。',
  METER_NOT_CARD_METER: '电表 {meterNo} 不是插卡表，无需发卡（远程充值的电表通过 RS485 售电）。',
  METER_CIRCUIT: '多用户计量箱（ADF300）须填回路号 1–36；其他电表不填回路号。（{model}）',
  METER_MODBUS_NOT_CARD: '插卡表 {model} 不在 RS485 线路上，不能选 Modbus 规约。',
  METER_ACRT_NK_ONLY: '只有内控表（NK）经 ACRT 充值终端充值；{model} 不能选此项。',
  PRINTING_UNAVAILABLE:
    '本机没有可用的打印系统（Linux 需安装 CUPS）。请在“设置 → 打印”中改为下载 PDF，或安装打印机后重试。',
  PRINTER_NOT_FOUND:
    '找不到打印机“{printer}”。请检查打印机是否已连接，或在“设置 → 打印”中重新选择。',
  PRINT_FAILED:
    '打印机“{printer}”未能接收打印任务（{detail}）。票据未计为已打印，请检查打印机后重试。',
  PRINTER_NOT_SET: '尚未选择票据打印机。请在“设置 → 打印”中选择打印机。',
  FORM_FIELD_OFF_PAGE: '套打位置超出纸张范围：{fields}。请调整位置或纸张尺寸。',
  SHIFT_NOT_FOUND: '找不到该班次。',
  TRAINING_ONLY: '此操作仅在培训模式下可用。',
  DATABASE_NEWER_THAN_APP:
    '数据库由更新版本的 PowerTill 创建（版本 {dbVersion}，本程序支持到 {appVersion}）。请安装新版本，不要降级。',
  ALREADY_RUNNING: 'PowerTill 已在运行（数据文件夹 {dir}），请使用上面的地址，不要再启动一次。',
  SECRET_SEALED_BY_OS:
    '办公室密钥由桌面版 PowerTill 用本机系统密钥保护，当前方式无法读取。请从桌面版启动 PowerTill（同一 Windows/Linux 用户）。',
  TENDERED_NOT_CASH: '只有现金付款才填写实收金额。',
  TENDERED_TOO_LITTLE: '实收 ¥{tendered} 少于应收 ¥{amount}，请补足后再收费。',
  START_DISK_FULL:
    '磁盘已满，PowerTill 无法打开账本（{dir}）。请清理该磁盘的空间后重新启动，账本未受影响。',
  START_FOLDER_NOT_WRITABLE:
    'PowerTill 无法写入数据文件夹 {dir}（{detail}）。请检查该文件夹的权限，或用 --data-dir 指定另一个文件夹。',
  START_NATIVE_MISMATCH:
    'PowerTill 的数据库组件（{module}）是为另一运行环境编译的（ABI {built}，此处需要 {needed}），账本未打开、未改动。请重新运行 npm start（会为桌面版重新编译），或重新安装 PowerTill。',
  START_FAILED:
    'PowerTill 无法启动（{detail}）。详细信息已写入 {log}，请导出诊断包或联系技术支持。',
  MIGRATION_FAILED: '数据库升级失败，数据未改动，升级前的备份在 {backup}。请联系技术支持。',
  METER_LINE_NOT_SET:
    '尚未设置电表通信线路（USB-RS485 串口或网关）。请主管在 电表 → 通信设置 中设置。',
  METER_LINE_FAILED:
    '无法使用通信线路 {line}：{detail}。请检查 USB-RS485 转换器是否插好，或网关是否通电联网。',
  METER_NO_ANSWER:
    '电表 {meterNo} 无应答。请检查 RS485 接线（A/B 是否接反）、表地址和通信设置后重试。',
  METER_REFUSED: '电表 {meterNo} 拒绝了该操作（{reasons}）。',
  METER_NOT_ON_LINE: '电表 {meterNo} 是插卡表，不在 RS485 线路上；请用用户卡或管理卡操作。',
  METER_NOT_MAPPED: '该型号电表暂不支持此操作：{detail}。',
  METER_PASSWORD_NOT_SET:
    '尚未设置电表密码，不能拉合闸或下发参数。请主管在 电表 → 通信设置 中填写。',
  METER_CREDIT_HELD:
    '电表 {meterNo} 上仍有已销户账户的余额待清零退费，暂不能开新户。请检查线路，电表应答后系统会自动清零并退费（电表 → 待清零退费）。',
  METER_PRESET_UNCONFIRMED:
    '已向电表 {meterNo} 发出余额预置，但未收到确认，本次退费或销户没有记账。请检查线路后再做一次：系统会先读电表，已生效的预置只记一次。',
  METER_PRESET_NOT_TAKEN:
    '电表 {meterNo} 没有接受余额预置（读回表内余额 ¥{held}），没有退费。请检查电表和通信设置后重试。',
  METER_PRESET_PENDING:
    '电表 {meterNo} 上有一笔余额预置尚未确认：请先重做该账户的退费或销户（系统会核对电表），再售电。',
  METER_COMMAND_UNCONFIRMED: '命令已发出，但电表 {meterNo} 的状态未能确认，请稍后再读一次电表。',
  BATCH_EMPTY: '所选范围内没有 RS485 线路上的电表。',
  BATCH_NOT_FOUND: '找不到该批量任务。',
  BATCH_RUNNING: '已有一个批量任务在进行（{operation}），请等待完成或先取消。',
  BATCH_NEEDS: '该批量操作需要填写：{field}。',
  BILLING_NEEDS_LINE:
    '电表 {meterNo} 通过卡片购电，不能由营业厅主站计费。请选择“表内计费”，或换用 RS485 线路上的电表。',
  METERING_BILLED_BY_OFFICE: '电表 {meterNo} 是计量表，表内不存金额，只能由营业厅主站计费。',
  KEEP_POWER_NEEDS_OFFICE_BILLING:
    '保电只用于主站计费的账户；表内计费的电表请在“电表”页下发保电命令。',
  BATCH_MEMBER_DONE:
    '该账户在本批次（或本月免费电量）中已充值过（凭证号 {receiptNo}），不再重复充值。',
  BATCH_NOT_ON_LINE: '插卡表不能批量充值（租户须持卡到营业厅）。请只选择 RS485 线路上的电表。',
  BATCH_AMOUNT_NEEDED: '请填写每户充值金额。',
  ALLOWANCE_NONE: '所选范围内的账户电价都没有设置免费电量。请先在“电价”中为电价设置每月免费电量。',
  ALLOWANCE_ALREADY_GIVEN: '所选范围内的账户 {month} 的免费电量都已发放过，不再重复发放。',
  BATCH_INTERRUPTED:
    '批量充值在进行中被中断（程序关闭或断电）。已充值的不会重复，请点“重试失败”完成其余电表。',
  ACRT_NOT_FOUND: '找不到该充值终端。',
  ACRT_ADDRESS_TAKEN: '地址 {address} 已登记为充值终端或电表。',
  ALARM_NOT_FOUND: '找不到该报警记录，或已确认过。',
  DISK_FULL: '磁盘已满，本次操作未保存。请清理磁盘空间后重试。',
  SMS_NO_MOBILE: '该用户没有可接收短信的手机号（11 位，1 开头）。请在用户资料中填写手机号。',
  SMS_OPTED_OUT: '该用户已退订短信，未发送。',
  SMS_DAILY_CAP: '今天已给该用户发送 {cap} 条短信，达到每日上限，未发送。',
  SMS_QUIET_HOURS: '免打扰时段内不发送，将于 {at} 发出。',
  SMS_TOO_LONG: '短信太长：最多 {max} 条拼接（中文约 {chars} 字）。请缩短内容。',
  SMS_MODEM_NOT_SET: '未设置短信猫。请在 设置 → 短信 中选择短信猫所在的串口。',
  SMS_MODEM_UNPLUGGED:
    '短信猫 {port} 无法打开（已拔出或被占用）。请检查 USB 线和电源后重试；短信会排队等待。',
  SMS_MODEM_NO_ANSWER: '短信猫 {port} 无应答。请检查串口设置和短信猫电源；短信会排队等待。',
  SMS_NO_SIM: '短信猫中没有 SIM 卡或 SIM 卡故障。请插好 SIM 卡后重试。',
  SMS_SIM_LOCKED: 'SIM 卡需要 PIN 码。请在手机上取消 PIN 码后再插入短信猫。',
  SMS_NO_NETWORK:
    '短信猫未注册到移动网络（信号弱或欠费停机）。请检查天线、信号和话费；短信会排队等待。',
  SMS_REFUSED: '短信被网络拒绝（错误 {code}）。将稍后重试；多次失败后请检查号码和话费。',
  SMS_MESSAGE_NOT_FOUND: '找不到该短信。',
  SMS_NOT_RESENDABLE: '只有发送失败的短信可以重发。',
  SMS_TEMPLATE_VARIABLE: '模板中的 {names} 不是此类短信可用的变量。请从列出的变量中选择。',
  SMS_NOT_DELIVERED: '网络报告短信未能送达（状态 {status}）。可检查号码后重发。',
  DISPLAY_UNPLUGGED: '客显 {where} 无法打开或已断开。请检查连接线和电源；售电不受影响。',
  DISPLAY_NO_ANSWER: '客显 {where} 无响应。请检查波特率和客显电源；售电不受影响。',
  DISPLAY_NOT_FOUND: '找不到 USB 客显 {where}。请插好客显，再到 设置 → 客显 中重新选择。',
  DISPLAY_HID_UNAVAILABLE:
    '本机无法使用 USB-HID 客显（驱动未能加载）。请改用串口客显，或导出诊断包联系技术支持。',
  DISPLAY_PORT_REQUIRED: '请选择客显所在的串口。',
  DISPLAY_HID_REQUIRED: '请选择 USB 客显设备。',
  DISPLAY_GREETING_CHARSET:
    '欢迎语中有客显无法显示的字符：{chars}。英文客显只能显示英文字母、数字和符号。',
  DISPLAY_GREETING_TOO_WIDE: '欢迎语太长：客显一行 20 格，汉字占 2 格（现在 {width} 格）。',
  SMS_GATEWAY_OFFLINE: '无法连接短信平台（网络中断或平台故障）。短信会排队等待，连通后自动发出。',
  SMS_GATEWAY_ACCOUNT:
    '短信平台拒绝了本营业厅的账号（{code}）：AccessKey、签名或余额有误。短信会排队等待；请主管在“短信 → 设置与测试”中检查后保存。',
  SMS_GATEWAY_NO_TEMPLATE:
    '短信平台只发送已备案的模板：此类短信没有填写平台模板号（测试短信请用短信猫）。请在 短信 → 设置 中填写模板号。',
  SMS_GATEWAY_NOT_SET: '未设置短信平台。请填写 AccessKey、签名和模板号。',
  DATABASE_BUSY: '数据库正忙，请稍后重试。',
  TRANSPORT_FAILED: '无法连接 PowerTill 后台服务，请重新启动程序。',
  INTERNAL: '发生内部错误（编号 {ref}），数据未改动。请导出诊断包并联系技术支持。',
} as const;
