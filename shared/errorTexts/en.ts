// What each error code says in English, for staff and support who prefer it; loaded where English
// is wanted (the backend's logs and English receipts, the till once English is chosen), so the
// till's first load carries the Chinese only.
import { addErrorTexts, type ErrorCode } from '../errors';

export const EN_ERRORS: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Please check the input: {detail}.',
  TEXT_CHARACTERS_REFUSED:
    '"{field}" holds characters that cannot be kept or printed (control characters or ones that change the direction of text, often pasted from a web page or chat). Delete them, type the text in, and try again.',
  UNKNOWN_METHOD: 'Version mismatch (unknown operation {method}). Please restart PowerTill.',
  NOT_SIGNED_IN: 'Please sign in first.',
  SESSION_EXPIRED: 'You were signed out after a period of inactivity. Please sign in again.',
  FORBIDDEN:
    'You do not hold the permission for this. Please ask a supervisor or an administrator.',
  BAD_CREDENTIALS: 'Wrong login name or password. Tries left before a 5-minute lock: {left}.',
  ACCOUNT_LOCKED:
    'Too many wrong passwords: this account is locked. Try again in {minutes} min or ask an administrator to unlock it.',
  OPERATOR_DISABLED: 'This operator is disabled. Please contact an administrator.',
  PASSWORD_CHANGE_REQUIRED: 'Please change your initial password first.',
  WRONG_CURRENT_PASSWORD: 'The current password is wrong.',
  PASSWORD_TOO_WEAK: 'The password needs at least {min} characters with both letters and digits.',
  PASSWORD_REUSED: 'The new password must differ from the current one.',
  USERNAME_TAKEN: 'The login name {username} is taken. Please choose another.',
  OPERATOR_NOT_FOUND: 'Operator not found.',
  LAST_ADMIN: 'The last administrator cannot be disabled or demoted.',
  ADMIN_KEEPS_OPERATORS:
    'An administrator always keeps "Operators and permissions": without it nobody could give permissions back.',
  ALREADY_SET_UP: 'PowerTill has already been set up.',
  NOT_SET_UP: 'PowerTill is not set up yet. Please finish the setup wizard.',
  SECRET_PASSPHRASE_WRONG: 'Wrong passphrase, or the file is damaged.',
  SECRET_FILE_INVALID: 'This is not a PowerTill office secret file.',
  SECRET_REPLACE_UNCONFIRMED:
    'This PC already has a different office secret (fingerprint {current}). Cards issued under it will stop working; confirm to replace it.',
  CUSTOMER_NOT_FOUND: 'Customer not found.',
  CUSTOMER_NO_TAKEN:
    'Customer no. {customerNo} is taken; choose another or leave it empty to number it automatically.',
  CAMPUS_NOT_FOUND: 'Campus not found.',
  CAMPUS_NAME_TAKEN: 'A campus named "{name}" exists already; choose another name.',
  BUILDING_NOT_FOUND: 'Building not found.',
  DORM_SHEET_COLUMNS:
    'The sheet has no "{column}" column. The first row must be the headers: 楼层, 房号, 床位, 计量箱表号, 回路, 用途 (download the template).',
  DORM_CIRCUIT_TAKEN:
    'Circuit {circuit} of box {meterNo} already has an account (or credit waiting to be refunded); a new room cannot take it.',
  DORM_ROOM_ROWS_DISAGREE: 'Room {roomNo} is on another floor in row {row}.',
  DORM_WHOLE_ROOM_ALONE:
    'Room {roomNo} has a whole-room circuit: it cannot have other circuits as well.',
  DORM_ROOM_OCCUPIED:
    'Room {roomNo} still has an open account (or credit on a circuit waiting to be refunded); move it out first.',
  STUDENT_LIVES_ELSEWHERE: 'Student {studentNo} already lives in {room}; move them out first.',
  STUDENT_BED_TAKEN: 'Bed {bed} is taken.',
  STUDENT_BED_BEYOND: 'The room has {beds} beds only.',
  STUDENT_NOT_FOUND: 'Student not found, or moved out already. Refresh and try again.',
  DORM_ROOM_NOT_FOUND: 'Room not found. Refresh the building and try again.',
  BUILDING_NAME_TAKEN: 'This campus has a building named "{name}" already; choose another name.',
  DORM_FLOORS_REVERSED:
    'The first floor ({from}) is above the last ({to}); correct them and try again.',
  DORM_ROOM_NUMBERS:
    'Starting at room {first} with {count} rooms a floor would number rooms past {max}. Open fewer rooms a floor.',
  DORM_ROOM_TAKEN:
    '{building} has a room {roomNo} already. Start from floors or room numbers not opened yet.',
  DORM_CIRCUITS_SHORT:
    '{rooms} circuits are needed and the boxes listed have {free} free. Add boxes and try again.',
  DORM_BOX_TWICE: 'Box {meterNo} is listed twice; remove one of the lines.',
  DORM_BOX_NOT_A_BOX: 'Meter no. {meterNo} is registered as a {model}, not a multi-user box.',
  METER_NOT_FOUND: 'Meter not found.',
  METER_NO_TAKEN: 'Meter no. {meterNo} is already registered.',
  METER_IN_USE:
    'Meter {meterNo} belongs to account {accountNo}; close that account or replace the meter first.',
  METER_NOT_AVAILABLE: 'Meter {meterNo} was replaced or removed and cannot take a new account.',
  TARIFF_NOT_FOUND: 'Tariff not found.',
  TARIFF_NAME_TAKEN: 'A tariff named {name} exists already.',
  TARIFF_NOT_IN_FORCE:
    'Tariff "{name}" has no version in force now; ask a supervisor to check the tariffs.',
  EFFECTIVE_DATE_PAST: 'The effective time must be in the future; past prices cannot be changed.',
  ACCOUNT_NOT_FOUND: 'Account not found.',
  ACCOUNT_CLOSED: 'This account is closed; no sales.',
  ACCOUNT_SUSPENDED: 'This account is suspended; resume it before selling.',
  AMOUNT_BELOW_MINIMUM: 'The amount must be at least {min} yuan.',
  AMOUNT_ABOVE_MAXIMUM: 'A single sale may not exceed {max} yuan.',
  OVER_HOARDING_LIMIT:
    'Over the hoarding limit of {limit} yuan: {held} yuan is already on the meter or not yet loaded, so at most {room} yuan can be sold now.',
  PURCHASE_NOT_LOADED:
    'The last purchase (no. {count}) has not been loaded into the meter. Have the tenant insert the card into the meter first, or choose "add to the last purchase".',
  NOTHING_TO_ADD_TO: 'The last purchase is already loaded; sell a new purchase instead.',
  OPERATION_NOT_PENDING:
    'This operation is already settled; nothing to do. Refresh the list of pending operations.',
  OPERATION_NOT_ABANDONABLE:
    'Money or a meter rides on this kind of operation, so it cannot be voided by hand: present the card or reach the meter and the office settles it.',
  OPERATION_PENDING:
    'An earlier card write or recharge on this account is unconfirmed; present the card or reach the meter to settle it first.',
  TARGET_UNREACHABLE:
    'Cannot reach the card or meter: {reason}. Nothing was charged; check and try again.',
  TARGET_MISMATCH:
    'The card or meter disagrees with the books ({target} yuan on it, {ledger} yuan in the ledger). Ask a supervisor; do not sell again.',
  DELIVERY_UNCONFIRMED:
    'The write could not be confirmed (receipt {receiptNo} is held). Put the card back on the reader; it will be settled automatically and never charged twice.',
  RECHARGE_UNCONFIRMED:
    'The remote recharge could not be confirmed (receipt {receiptNo} is held). It is settled automatically once the meter answers again and never charged twice; do not sell again.',
  RECEIPT_NOT_FOUND: 'Receipt {receiptNo} not found.',
  RECEIPT_NOT_SETTLED:
    'The card write of receipt {receiptNo} is not confirmed yet; it can be printed once it is.',
  BACKUP_INVALID: 'This file cannot be restored: {reason}. Choose a backup made by PowerTill.',
  BACKUP_UNSEALED:
    'This is not a sealed PowerTill backup (an earlier version made it, or it is another file), so it cannot be restored. Choose a .ptbackup file; for an old backup contact support.',
  BACKUP_FOREIGN:
    'This backup belongs to another office (secret fingerprint {theirs}; this PC has {ours}) and cannot be restored. When moving to a new PC, first import the office secret file under Settings → Office secret, then restore.',
  BACKUP_TAMPERED:
    'The backup file was changed or is damaged (its seal does not match), so it cannot be restored. Choose another backup.',
  BACKUP_NO_SECRET:
    'This office has no secret yet, so backups cannot be made or restored. Finish the first-run setup or import the office secret first.',
  BACKUP_NOT_FOUND: 'Backup {fileName} not found.',
  BACKUP_FOLDER_UNAVAILABLE:
    'Cannot write to {folder}; check that the USB stick is plugged in and the path is right.',
  SALE_NOT_FOUND: 'Sale not found.',
  SALE_NOT_REVERSIBLE: 'This sale cannot be reversed: {reason}.',
  SALE_ALREADY_LOADED:
    'The meter has already loaded this sale, so it cannot be reversed; use a refund instead.',
  ACCOUNT_ALREADY_CLOSED: 'This account is already closed.',
  ACCOUNT_NOT_ACTIVE: 'Only an active account can be suspended.',
  ACCOUNT_NOT_SUSPENDED: 'This account is not suspended, so there is nothing to resume.',
  ACCOUNT_CHANGED: 'The account was just changed by another operation; open it again and retry.',
  ACCOUNT_UNLOADED_PURCHASE:
    'Purchase no. {count} has not been loaded into the meter: reverse that sale, or have the tenant insert the card into the meter, before closing.',
  READING_BELOW_INSTALL:
    'The final reading {reading} kWh is below the install reading {install} kWh; check the meter display.',
  METER_CREDIT_NOT_CLEARED:
    '{owed} yuan already refunded is still on the meter: clear the meter with a clear card, then confirm "meter credit cleared" to resume.',
  REFUND_ACCOUNT_ACTIVE:
    'An active account cannot be refunded on its own: a supervisor suspends it first (with or without a refund), so the meter stops using money paid back.',
  REFUND_UNLOADED_PURCHASE:
    'Purchase no. {count} has not been loaded into the meter, so the meter credit is not final: reverse that sale, or have the tenant insert the card into the meter first.',
  REFUND_REMAINING_UNKNOWN:
    "The credit left on the meter is unknown: put the tenant's card on the reader to read its write-back, or enter the remaining money shown on the meter.",
  REFUND_NOTHING_LEFT: 'There is no credit on the meter to refund.',
  REFUND_OVER_REFUNDABLE:
    'The refund may not exceed {max} yuan (the meter credit less what was already refunded).',
  REMAINING_IMPLAUSIBLE:
    'A meter credit of {remaining} yuan is more than the {purchased} yuan ever sold to this account; check the meter display.',
  LOADED_COUNT_IMPLAUSIBLE:
    'The meter shows {count} purchases but only {sold} were sold; check the display and whether the card belongs to this account.',
  APPROVAL_REQUIRED:
    "A refund needs a supervisor's approval: the supervisor enters their login name and password.",
  HANDOVER_DIFFERENCE:
    'The counted money differs from the books by more than ¥{tolerance}. Count again ({left} recounts left); if the difference is real, write a note and ask a supervisor to approve.',
  HANDOVER_RECOUNTS_USED:
    'Still a difference after {count} recounts: write a note and have a supervisor approve the hand-over with their login name and password.',
  HANDOVER_NOTE_REQUIRED:
    'The hand-over has a difference: write the reason in the note, then hand over.',
  SHIFT_STILL_OPEN: 'This shift is still open: the hand-over report prints after the count.',
  REVERSAL_APPROVAL_REQUIRED:
    "This office requires a supervisor's approval for a reversal: the supervisor enters their login name and password.",
  APPROVER_NOT_SUPERVISOR:
    'The approver must hold the approval permission (usually a supervisor or an administrator).',
  REFUND_NOT_FOUND: 'Refund not found.',
  REPLACE_UNLOADED_PURCHASE:
    'Purchase no. {count} has not been loaded into the old meter: have the tenant insert the card into it, or reverse that sale, before replacing the meter.',
  METER_KIND_CHANGE:
    'The new {model} is a different kind of meter (card / NK / remote) from the old one; close the account and open a new one instead.',
  REPORT_RANGE_INVALID:
    'Invalid report range: the end may not be before the start, and at most {maxDays} days.',
  REPORT_EXPORT_GONE:
    'This export is no longer there (already fetched, cancelled, older than 10 minutes, or PowerTill restarted). Please export again.',
  REPORT_EXPORT_NOT_READY:
    'The export is not finished yet; wait for the progress bar to complete, then fetch it.',
  IMPORT_FILE_TYPE:
    'Cannot import {fileName}: use an .xlsx or .csv file (the import template is a good start).',
  IMPORT_FILE_UNREADABLE:
    'The file cannot be read ({reason}). Save it as .xlsx from Excel and try again.',
  IMPORT_EMPTY: 'The file has no data rows.',
  IMPORT_NO_NAME_COLUMN:
    'The first row must be the header row with a "名称" (name) column. Use the import template.',
  IMPORT_FILE_TOO_LARGE:
    'The file unpacks to more than {maxMb} MB, which is not an account sheet; nothing was imported. Keep only the sheet to import and try again.',
  IMPORT_TEXT_CHARACTERS:
    'Holds characters that cannot be kept (control or text-direction characters); delete them in the sheet and type the text in.',
  IMPORT_TOO_MANY_ROWS: 'At most {max} rows per import; split the file.',
  IMPORT_FIELD_REQUIRED: 'Required.',
  IMPORT_FIELD_INVALID: '"{value}" is not valid.',
  IMPORT_FIELD_TOO_LONG: 'Longer than {max} characters.',
  IMPORT_DUPLICATE: '"{value}" repeats row {other}.',
  IMPORT_TARIFF_UNKNOWN: 'No tariff in force is named "{name}".',
  CARD_READER_UNAVAILABLE:
    'The card reader service is not available ({detail}). On Linux install and start pcscd; on Windows make sure the Smart Card service runs, then try again.',
  CARD_BINDING_MISSING:
    'The card reader component (PC/SC binding) is not installed on this PC, so the reader cannot be used; everything else works. Reinstall PowerTill, or have a technician install libpcsclite-dev and run npm install.',
  CARD_NO_READER:
    'Card reader "{reader}" not found. Check its USB cable, plug it in again and retry.',
  CARD_NOT_PRESENT: 'There is no card on reader "{reader}". Insert the card and try again.',
  CARD_REMOVED:
    'The card was taken out during the operation. Put the same card back on the reader; PowerTill will check it and finish the operation.',
  CARD_TIMEOUT:
    'Reader "{reader}" did not answer. Insert the card again; if it still does not answer, unplug and replug the reader.',
  CARD_READER_FAILED: 'Reader "{reader}" failed ({detail}). Insert the card again and retry.',
  CARD_PROTOCOL:
    "The card answered unexpectedly ({detail}). Make sure it is one of this office's IC cards and insert it again.",
  CARD_MEDIA_UNKNOWN:
    'Unknown card type (ATR {atr}). PowerTill uses SLE4442 cards, or CPU cards set up with the PT01 application.',
  CARD_PSC_WRONG:
    'The card refused its security code; {triesLeft} tries left. It may not be a card of this office; do not retry blindly.',
  CARD_LAST_TRY:
    'This card has one security-code try left; a failure locks it for good. A supervisor must confirm before it is used.',
  CARD_LOCKED:
    'This card is locked (no security-code tries left) and cannot be written. Reissue the card.',
  CARD_WRITE_NOT_VERIFIED:
    'The card did not read back what was written ({detail}). Insert the card again and PowerTill will check it.',
  CARD_BLANK: 'This is a blank card (never issued); there is nothing to erase.',
  CARD_NOT_ISSUED:
    "The card on the reader is blank (never issued): issue it to the account on the Customers page, or put the tenant's card on the reader.",
  CARD_OTHER_OFFICE:
    "This card was not made with this office's current secret (another office, or the secret was replaced). Nothing was written. Import the right office secret or contact the issuer.",
  CARD_FORGED:
    "The card's MAC does not match: its data may have been altered. Nothing was written; hand the card to a supervisor.",
  CARD_CORRUPT:
    "The card's data is damaged ({detail}). Insert it again; if it stays damaged, reissue the card.",
  CARD_UNKNOWN_LAYOUT: 'Unsupported card layout ({detail}); update PowerTill.',
  CARD_NOT_USER_CARD: 'This is a management card ({kind}), not a tenant card.',
  CARD_UNKNOWN:
    'Card {cardNo} is not in the books (restored from an older backup, or issued on another PC). Hand it to a supervisor.',
  CARD_NOT_LIVE:
    'Card {cardNo} is no longer valid (reported lost, reissued or its account closed). If it is a found lost card, keep it.',
  CARD_OTHER_ACCOUNT:
    'Card {cardNo} on the reader belongs to account {accountNo}, not this one. Put the right card on the reader.',
  CARD_STATE_CHANGED:
    'Card {cardNo} does not show what the books expect; nothing was written. Read the card first to check it.',
  CARD_FEE_DUE: 'This office charges a card fee of ¥{fee}: collect it and choose how it was paid.',
  CARD_FEE_CHANGED:
    'The card fee is now ¥{fee} (you charged ¥{charged}). Charge the new fee, then issue the card.',
  CARD_FEE_NONE: 'This office charges no card fee; do not take one.',
  CARD_ALREADY_ISSUED:
    'This account already has a card ({cardNo}). If it was lost, report it lost and reissue.',
  CARD_IN_USE:
    "The card on the reader is already one of this office's cards ({cardNo}). Use a blank card.",
  CARD_NOT_BLANK: 'The card on the reader is not blank ({status}). Use a blank card.',
  CARD_NONE_ACTIVE: 'This account has no valid card to report lost.',
  CARD_NONE_TO_REISSUE: 'This account never had a card; use "Issue card".',
  CARD_USE_REISSUE:
    'This account\'s card was lost or replaced; use "Reissue" so the purchase count and any unloaded purchase are carried.',
  CARD_REISSUE_LIMIT:
    'This account has been reissued the maximum number of cards (255); contact support.',
  CARD_ALARMS_ORDER: 'The second alarm cannot be above the first; check the amounts and try again.',
  CLEAR_ACCOUNT_ACTIVE:
    "A clear card wipes the meter's credit: suspend with refund or close the account first, then make the clear card.",
  REPLACEMENT_NOT_FOUND:
    "That meter replacement was not found; choose it from the account's replacement history.",
  CARD_ERASE_LIVE:
    'This is the card account {accountNo} is using and cannot be erased. Report it lost, or close the account, first.',
  CARD_PENDING_SALE:
    'This account has an unfinished sale (purchase {count}). Read its card first to finish it, then rewrite.',
  TRAINING_VIRTUAL_CARDS_ONLY:
    'This works only in training mode with virtual cards (start with --demo --virtual-cards).',
  FINDING_NOT_FOUND: 'That inspection finding was not found; refresh the list.',
  FINDING_ALREADY_ACKNOWLEDGED:
    'Someone has already acknowledged this finding; refresh the list to see their note.',
  METER_NOT_CARD_METER:
    'Meter {meterNo} is not a card meter; it needs no card (remote meters are recharged over RS485).',
  METER_CIRCUIT:
    'A multi-user box (ADF300) needs its circuit number 1–36; other meters have none. ({model})',
  METER_MODBUS_NOT_CARD: 'Card meter {model} is not on the RS485 line; it has no Modbus protocol.',
  METER_ACRT_NK_ONLY: 'Only NK meters are recharged through an ACRT terminal; {model} cannot be.',
  PRINTING_UNAVAILABLE:
    'This PC has no print system PowerTill can use (Linux needs CUPS). Switch to downloading the PDF under Settings → Printing, or install the printer and try again.',
  PRINTER_NOT_FOUND:
    'Printer "{printer}" not found. Check that it is connected, or choose it again under Settings → Printing.',
  PRINT_FAILED:
    'Printer "{printer}" did not take the job ({detail}). The receipt was not counted as printed; check the printer and try again.',
  PRINTER_NOT_SET: 'No receipt printer is chosen. Choose one under Settings → Printing.',
  FORM_FIELD_OFF_PAGE:
    'Form fields placed off the paper: {fields}. Move them or change the paper size.',
  SHIFT_NOT_FOUND: 'Shift not found.',
  TRAINING_ONLY: 'This is available in training mode only.',
  DATABASE_NEWER_THAN_APP:
    'The database was made by a newer PowerTill (schema {dbVersion}, this app knows up to {appVersion}). Install the newer version; do not downgrade.',
  ALREADY_RUNNING:
    'PowerTill is already running for this data folder ({dir}); use the address above instead of starting it again.',
  SECRET_SEALED_BY_OS:
    "The office secret is protected by this PC's system key store through the desktop app, which this way of starting cannot read. Start PowerTill's desktop app (as the same Windows/Linux user).",
  TENDERED_NOT_CASH: 'The cash handed over is entered for cash payments only.',
  TENDERED_TOO_LITTLE:
    'Cash handed over (¥{tendered}) is less than the amount due (¥{amount}); collect the rest first.',
  START_DISK_FULL:
    'The disk is full, so PowerTill cannot open the books ({dir}). Free some space on that disk and start again; the books are untouched.',
  START_FOLDER_NOT_WRITABLE:
    "PowerTill cannot write to its data folder {dir} ({detail}). Check the folder's permissions, or choose another with --data-dir.",
  START_NATIVE_MISMATCH:
    "PowerTill's database module ({module}) was built for another runtime (ABI {built}, this one needs {needed}); the books were not opened or changed. Run npm start again (it rebuilds it for the desktop app), or reinstall PowerTill.",
  START_FAILED:
    'PowerTill could not start ({detail}). The details are in {log}; please contact support.',
  MIGRATION_FAILED:
    'The database upgrade failed and nothing was changed; the pre-upgrade backup is at {backup}. Please contact support.',
  METER_LINE_NOT_SET:
    'No meter line is set up (USB-RS485 port or gateway). A supervisor sets it under Meters → Line settings.',
  METER_LINE_FAILED:
    'Cannot use the meter line {line}: {detail}. Check that the USB-RS485 adapter is plugged in, or that the gateway is powered and on the network.',
  METER_NO_ANSWER:
    'Meter {meterNo} does not answer. Check the RS485 wiring (A and B swapped?), the meter address and the line settings, then try again.',
  METER_REFUSED: 'Meter {meterNo} refused the operation ({reasons}).',
  METER_NOT_ON_LINE:
    'Meter {meterNo} is a card meter, not on the RS485 line; use the tenant card or a management card.',
  METER_NOT_MAPPED: 'This meter model cannot do that yet: {detail}.',
  METER_PASSWORD_NOT_SET:
    'The meter password is not set, so relays and settings cannot be sent. A supervisor sets it under Meters → Line settings.',
  METER_CREDIT_HELD:
    'Meter {meterNo} still holds the credit of a closed account, waiting to be cleared and refunded, so it takes no new account yet. Check the line: once the meter answers, the office clears it and books the refund (Meters → Held credit).',
  METER_PRESET_UNCONFIRMED:
    'The balance preset was sent to meter {meterNo} but not confirmed, so nothing was booked. Check the line and do it again: the office reads the meter first and books a preset that took effect once.',
  METER_PRESET_NOT_TAKEN:
    'Meter {meterNo} did not take the balance preset (it reads ¥{held}), so nothing was refunded. Check the meter and the line settings, then try again.',
  METER_PRESET_PENDING:
    'A balance preset on meter {meterNo} is not confirmed yet: redo the refund or closing of its account first (the office checks the meter), then sell.',
  METER_COMMAND_UNCONFIRMED:
    'The command was sent but the state of meter {meterNo} could not be confirmed; read the meter again shortly.',
  BATCH_EMPTY: 'There are no meters on the RS485 line in that selection.',
  BATCH_NOT_FOUND: 'Batch not found.',
  BATCH_RUNNING: 'A batch is already running ({operation}); wait for it or cancel it first.',
  BATCH_NEEDS: 'This batch operation needs: {field}.',
  BILLING_NEEDS_LINE:
    'Meter {meterNo} is sold to on a card: the office cannot bill it from readings. Choose billing on the meter, or a meter on the RS485 line.',
  METERING_BILLED_BY_OFFICE:
    'Meter {meterNo} is a metering meter and holds no money: only the office can bill it.',
  KEEP_POWER_NEEDS_OFFICE_BILLING:
    'Keep power (保电) here is for accounts the office bills; for a meter that holds its own money, send keep power from the Meters page.',
  BATCH_MEMBER_DONE:
    "This account was recharged in this batch (or given this month's free allowance) already (voucher {receiptNo}); it is not recharged twice.",
  BATCH_NOT_ON_LINE:
    'Card meters cannot be recharged in a batch (the tenant brings the card to the office). Choose meters on the RS485 line only.',
  BATCH_AMOUNT_NEEDED: 'Enter the amount each account is to get.',
  ALLOWANCE_NONE:
    'None of the accounts in that selection has a tariff with a free allowance. Set a monthly free allowance on the tariff (Tariffs) first.',
  ALLOWANCE_ALREADY_GIVEN:
    'Every account in that selection has had its free allowance for {month} already; it is not given twice.',
  BATCH_INTERRUPTED:
    'The batch recharge was interrupted (PowerTill closed or the power failed). Nothing done is done twice: press "Retry failed" to finish the other meters.',
  ACRT_NOT_FOUND: 'Recharge terminal not found.',
  ACRT_ADDRESS_TAKEN: 'Address {address} is registered already (a terminal or a meter).',
  ALARM_NOT_FOUND: 'Alarm not found, or acknowledged already.',
  DISK_FULL: 'The disk is full; nothing was saved. Free some disk space and try again.',
  SMS_NO_MOBILE:
    'This tenant has no mobile number that can take an SMS (11 digits starting with 1). Add one to the tenant’s details.',
  SMS_OPTED_OUT: 'This tenant opted out of messages; nothing was sent.',
  SMS_DAILY_CAP:
    'This tenant has already been sent {cap} messages today, the daily limit; nothing was sent.',
  SMS_QUIET_HOURS: 'Not sent in quiet hours; it goes at {at}.',
  SMS_TOO_LONG:
    'The message is too long: at most {max} joined parts (about {chars} Chinese characters). Please shorten it.',
  SMS_MODEM_NOT_SET: 'No GSM modem is set. Choose its serial port under Settings → SMS.',
  SMS_MODEM_UNPLUGGED:
    'The GSM modem on {port} cannot be opened (unplugged or in use). Check its USB cable and power; messages wait in the outbox.',
  SMS_MODEM_NO_ANSWER:
    'The GSM modem on {port} does not answer. Check the port settings and the modem’s power; messages wait in the outbox.',
  SMS_NO_SIM: 'The GSM modem has no SIM card, or the SIM has failed. Insert the SIM and try again.',
  SMS_SIM_LOCKED:
    'The SIM card needs its PIN. Remove the PIN in a phone, then put the SIM back in the modem.',
  SMS_NO_NETWORK:
    'The GSM modem is not on the network (weak signal, or the SIM is out of credit). Check the antenna, signal and credit; messages wait in the outbox.',
  SMS_REFUSED:
    'The network refused the message (error {code}). It will be tried again; if it keeps failing, check the number and the SIM’s credit.',
  SMS_MESSAGE_NOT_FOUND: 'Message not found.',
  SMS_NOT_RESENDABLE: 'Only a message that failed can be sent again.',
  SMS_TEMPLATE_VARIABLE:
    '{names} in the template is not a variable this kind of message has. Use the variables listed.',
  SMS_NOT_DELIVERED:
    'The network reports the message could not be delivered (status {status}). Check the number and send it again.',
  DISPLAY_UNPLUGGED:
    'The customer display on {where} cannot be opened or was disconnected. Check its cable and power; sales go on without it.',
  DISPLAY_NO_ANSWER:
    'The customer display on {where} does not answer. Check its baud rate and power; sales go on without it.',
  DISPLAY_NOT_FOUND:
    'The USB customer display {where} is not there. Plug it in, then choose it again under Settings → Customer display.',
  DISPLAY_HID_UNAVAILABLE:
    'USB-HID customer displays cannot be used on this PC (the driver did not load). Use a serial display, or export diagnostics and contact support.',
  DISPLAY_PORT_REQUIRED: 'Choose the serial port the customer display is on.',
  DISPLAY_HID_REQUIRED: 'Choose the USB customer display.',
  DISPLAY_GREETING_CHARSET:
    'The greeting has characters the display cannot show: {chars}. An ASCII display shows only English letters, digits and signs.',
  DISPLAY_GREETING_TOO_WIDE:
    'The greeting is too long: a display line has 20 cells and a Chinese character takes two ({width} now).',
  SMS_GATEWAY_OFFLINE:
    'The SMS service cannot be reached (no connection, or the service is down). Messages wait in the outbox and go once it is back.',
  SMS_GATEWAY_ACCOUNT:
    'The SMS service refused the office’s account ({code}): the AccessKey, the signature or the balance is wrong. Messages wait in the outbox; a supervisor should check them under SMS → Settings and save.',
  SMS_GATEWAY_NO_TEMPLATE:
    'The SMS service sends only registered templates: this kind of message has no template code (send test messages by the modem). Fill in the template codes under SMS → Settings.',
  SMS_GATEWAY_NOT_SET:
    'No SMS service is set up. Fill in the AccessKey, the signature and the template codes.',
  DATABASE_BUSY: 'The database is busy. Please try again in a moment.',
  TRANSPORT_FAILED: 'Cannot reach the PowerTill backend. Please restart the app.',
  INTERNAL:
    'Internal error (ref {ref}); nothing was changed. Please export diagnostics and contact support.',
};

addErrorTexts('en', EN_ERRORS);
