/**
 * Every `error` code the API answers with, as a sentence a nurse understands, in both languages. Figures from
 * `details` are woven in where they help. An unknown code gets a general sentence: never a code or a trace.
 */
import type { ApiError } from '../api/api-error';
import type { ErrorCode } from '../api/contract';
import { formatDate, formatDateTime } from './formatting';
import type { Language } from './dictionary';

type Details = Record<string, unknown>;
type Sentence = string | ((details: Details, error: ApiError) => string);

const num = (value: unknown, fallback = '?') =>
  typeof value === 'number' || typeof value === 'string' ? String(value) : fallback;
const minutes = (error: ApiError, details: Details) => {
  const seconds =
    error.retryAfterSeconds ??
    (typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : 60);
  return Math.max(1, Math.ceil(seconds / 60));
};

/**
 * Every code the document lists for /api/v1 must have its two sentences (a code added to the document fails the
 * console's type-check until it does), besides the console's own codes and ones the document does not list.
 */
const table = {
  // Signing in, activation, sessions
  invalid_credentials: [
    'Tên đăng nhập hoặc mật khẩu không đúng.',
    'The username or password is not correct.',
  ],
  invalid_otp: [
    (d) =>
      `Mã xác thực không đúng.${typeof d.remainingAttempts === 'number' && d.remainingAttempts > 0 ? ` Bạn còn ${d.remainingAttempts} lần thử.` : ''}`,
    (d) =>
      `The one-time code is not correct.${typeof d.remainingAttempts === 'number' && d.remainingAttempts > 0 ? ` You have ${d.remainingAttempts} tries left.` : ''}`,
  ],
  otp_replayed: [
    'Mã này vừa được dùng rồi. Hãy đợi ứng dụng xác thực hiện mã mới (khoảng 30 giây) rồi nhập lại.',
    'This code was already used. Wait for your authenticator to show a new one (about 30 seconds) and enter it.',
  ],
  otp_challenge_invalid: [
    'Lượt xác thực này đã hết hạn hoặc nhập sai quá nhiều lần. Vui lòng đăng nhập lại từ đầu.',
    'This code request has expired or had too many wrong codes. Please sign in again from the start.',
  ],
  account_locked: [
    (d) =>
      `Tài khoản tạm khóa do nhập sai nhiều lần.${typeof d.lockedUntil === 'string' ? ` Thử lại sau ${formatDateTime(d.lockedUntil)},` : ''} hoặc nhờ quản trị viên mở khóa.`,
    (d) =>
      `The account is locked after too many failed attempts.${typeof d.lockedUntil === 'string' ? ` Try again after ${formatDateTime(d.lockedUntil)},` : ''} or ask your administrator to unlock it.`,
  ],
  account_suspended: [
    'Tài khoản này đang bị đình chỉ. Hãy liên hệ quản trị viên.',
    'This account is suspended. Please contact your administrator.',
  ],
  account_not_activated: [
    'Tài khoản chưa được kích hoạt. Hãy dùng mã kích hoạt đã được gửi cho bạn.',
    'This account is not activated yet. Use the activation code you were sent.',
  ],
  activation_token_invalid: [
    'Mã kích hoạt không đúng, đã dùng hoặc đã hết hạn (72 giờ). Hãy nhờ quản trị viên cấp lại.',
    'The activation code is wrong, already used or expired (72 hours). Ask your administrator for a new one.',
  ],
  reset_token_invalid: [
    'Mã đặt lại mật khẩu không đúng, đã dùng hoặc đã hết hạn. Hãy nhờ quản trị viên đặt lại lần nữa.',
    'The password reset code is wrong, already used or expired. Ask your administrator to reset it again.',
  ],
  weak_password: [
    'Mật khẩu chưa đủ mạnh: cần ít nhất 12 ký tự, không phải mật khẩu phổ biến và không chứa tên đăng nhập.',
    'The password is not strong enough: at least 12 characters, not a common password, and not containing the username.',
  ],
  invalid_refresh_token: [
    'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.',
    'Your session has ended. Please sign in again.',
  ],
  session_revoked: [
    'Phiên làm việc đã bị kết thúc. Vui lòng đăng nhập lại.',
    'This session was ended. Please sign in again.',
  ],
  session_expired: [
    'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại; bạn sẽ quay về đúng trang đang làm.',
    'Your session has expired. Please sign in again; you will come back to the page you were on.',
  ],
  unauthenticated: ['Bạn cần đăng nhập để làm việc này.', 'You need to sign in to do this.'],
  session_not_found: ['Phiên làm việc này không còn nữa.', 'This session no longer exists.'],
  step_up_required: [
    'Thay đổi này cần một mã xác thực mới vì người này do cơ sở khác quản lý.',
    'This change needs a fresh one-time code because another facility manages this person.',
  ],

  // Organisation and accounts
  out_of_scope: [
    'Tài khoản của bạn không có quyền làm việc này với đối tượng ngoài phạm vi quản lý của bạn.',
    'Your account is not allowed to do this outside the area you are responsible for.',
  ],
  self_administration: [
    'Quản trị viên không thể tự đình chỉ, mở khóa, rà soát hay đặt lại mật khẩu tài khoản của chính mình.',
    'Administrators cannot suspend, unlock, review or reset the password of their own account.',
  ],
  account_not_found: ['Không tìm thấy tài khoản này.', 'This account was not found.'],
  facility_not_found: ['Không tìm thấy cơ sở này.', 'This facility was not found.'],
  facility_code_taken: [
    'Mã cơ sở này đã được dùng cho một cơ sở khác.',
    'This facility code is already used by another facility.',
  ],
  facility_exists: ['Cơ sở này đã được đăng ký.', 'This facility is already registered.'],
  unknown_province: [
    'Mã tỉnh/thành phố không có trong danh mục.',
    'The province code is not in the list of provinces.',
  ],
  unknown_district: [
    'Mã quận/huyện không thuộc tỉnh/thành phố đã chọn.',
    'The district code does not belong to the chosen province.',
  ],
  account_request_not_found: [
    'Không tìm thấy danh sách đề nghị cấp tài khoản này.',
    'This account request was not found.',
  ],
  account_request_missing: [
    'Không tìm thấy danh sách đề nghị cấp tài khoản này.',
    'This account request was not found.',
  ],
  account_request_decided: ['Danh sách này đã được xử lý xong.', 'This request has already been decided.'],
  request_item_decided: [
    'Một người trong danh sách đã được duyệt hoặc từ chối trước đó.',
    'Someone on the list was already approved or rejected.',
  ],
  unknown_request_item: [
    'Có người được chọn không nằm trong danh sách này.',
    'A selected person is not on this request.',
  ],
  username_taken: [
    (d) =>
      `Tên đăng nhập đã có người dùng${Array.isArray(d.usernames) && d.usernames.length ? `: ${d.usernames.join(', ')}` : ''}. Hãy chọn tên khác.`,
    (d) =>
      `A username is already in use${Array.isArray(d.usernames) && d.usernames.length ? `: ${d.usernames.join(', ')}` : ''}. Please choose another.`,
  ],
  duplicate_username: [
    'Một tên đăng nhập xuất hiện hai lần trong danh sách.',
    'A username appears twice in the list.',
  ],
  csv_line_invalid: [
    (d, e) =>
      e.invalidFields.length
        ? `Có dòng trong tệp CSV không hợp lệ; kiểm tra: ${fieldNames(e.invalidFields, 'vi')}.`
        : 'Có dòng trong tệp CSV không hợp lệ.',
    (d, e) =>
      e.invalidFields.length
        ? `A line of the CSV is not valid; check: ${fieldNames(e.invalidFields, 'en')}.`
        : 'A line of the CSV is not valid.',
  ],
  malformed_csv: [
    (d) =>
      `Không đọc được tệp CSV.${Array.isArray(d.missing) ? ` Thiếu cột: ${d.missing.join(', ')}.` : ''} Dòng đầu phải là: fullName, gender, unit, position, email, phone, username, rights.`,
    (d) =>
      `The CSV file could not be read.${Array.isArray(d.missing) ? ` Missing columns: ${d.missing.join(', ')}.` : ''} The first line must be: fullName, gender, unit, position, email, phone, username, rights.`,
  ],
  account_state: [
    'Tài khoản đang ở trạng thái không cho phép việc này.',
    'The account is in a state that does not allow this.',
  ],

  // People (registry)
  subject_already_registered: [
    'Giấy tờ tùy thân này đã được đăng ký cho một người khác. Hãy tìm người đó bằng họ tên và số giấy tờ.',
    'This ID document is already registered to someone. Find that person by full name and ID number.',
  ],
  subject_not_found: ['Không tìm thấy hồ sơ người này.', 'This person’s record was not found.'],
  subject_merged: [
    'Hồ sơ này đã được gộp vào một hồ sơ khác.',
    'This record was merged into another record.',
  ],
  subject_already_merged: ['Hồ sơ này đã được gộp trước đó.', 'This record was already merged.'],
  subject_not_merged: ['Hai hồ sơ này chưa từng được gộp.', 'These two records were never merged.'],
  merge_with_itself: ['Không thể gộp một hồ sơ với chính nó.', 'A record cannot be merged with itself.'],
  merge_chain_refused: [
    'Hồ sơ này đã nhận hồ sơ gộp khác; hãy tách trước rồi gộp.',
    'This record has absorbed others; unmerge them first.',
  ],
  subject_data_invalid: [
    (d, e) =>
      e.invalidFields.length
        ? `Thông tin của người này chưa đúng quy định, vui lòng kiểm tra: ${fieldNames(e.invalidFields, 'vi')}.`
        : 'Thông tin của người này chưa đúng quy định. Vui lòng kiểm tra lại.',
    (d, e) =>
      e.invalidFields.length
        ? `This person’s details break a rule of the register; please check: ${fieldNames(e.invalidFields, 'en')}.`
        : 'This person’s details break a rule of the register. Please check them.',
  ],
  search_criteria_invalid: [
    'Chỉ tìm được bằng họ tên kèm số điện thoại, hoặc họ tên kèm số giấy tờ tùy thân.',
    'Search needs the full name with a phone number, or the full name with an ID number.',
  ],
  // Searches, ID numbers found taken, and reads of other facilities' records all count against a quota.
  rate_limited: [
    (d, e) => `Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau khoảng ${minutes(e, d)} phút.`,
    (d, e) => `Too many look-ups. Please try again in about ${minutes(e, d)} minute(s).`,
  ],
  purpose_required: [
    'Hồ sơ này do cơ sở khác quản lý: hãy chọn lý do mở hồ sơ.',
    'Another facility manages this record: choose why you are opening it.',
  ],
  purpose_invalid: [
    'Lý do mở hồ sơ không nằm trong danh sách cho phép.',
    'The reason for opening the record is not one of the allowed ones.',
  ],
  transfer_already_pending: [
    'Đã có một yêu cầu chuyển quản lý đang chờ cho người này.',
    'A management transfer is already pending for this person.',
  ],
  transfer_request_not_found: [
    'Không tìm thấy yêu cầu chuyển quản lý này.',
    'This transfer request was not found.',
  ],
  transfer_to_managing_facility: [
    'Người này đã do cơ sở đó quản lý.',
    'That facility already manages this person.',
  ],

  // Doses and plans (immunization)
  unknown_vaccine: ['Vắc xin này không có trong danh mục.', 'This vaccine is not in the catalogue.'],
  dose_in_future: [
    'Thời điểm tiêm đang ở tương lai. Hãy kiểm tra ngày giờ.',
    'The vaccination time is in the future. Please check the date and time.',
  ],
  dose_before_birth: [
    'Ngày tiêm sớm hơn ngày sinh của người này.',
    'The vaccination date is before this person was born.',
  ],
  dose_already_recorded: [
    (d) =>
      `Mũi tiêm này đã có trong lịch sử${typeof d.doseNumber === 'number' ? ` (mũi ${d.doseNumber})` : ''}: cùng vắc xin trong cùng ngày, hoặc số mũi đã được dùng.`,
    (d) =>
      `This dose is already on the record${typeof d.doseNumber === 'number' ? ` (dose ${d.doseNumber})` : ''}: the same vaccine on the same day, or that dose number is taken.`,
  ],
  series_complete: [
    (d) =>
      `Người này đã tiêm đủ các mũi của loại vắc xin này${typeof d.maxDoses === 'number' ? ` (tối đa ${d.maxDoses} mũi)` : ''}.`,
    (d) =>
      `This person has had every dose of this vaccine series${typeof d.maxDoses === 'number' ? ` (at most ${d.maxDoses})` : ''}.`,
  ],
  dose_number_mismatch: [
    (d) => `Số mũi không khớp với lịch sử tiêm: mũi tiếp theo là mũi ${num(d.expectedDoseNumber)}.`,
    (d) => `The dose number does not follow the history: the next dose is dose ${num(d.expectedDoseNumber)}.`,
  ],
  age_out_of_range: [
    (d) =>
      `Người này không ở độ tuổi được tiêm vắc xin này${typeof d.allowedFrom === 'string' ? ` (từ ${ageWords(d.allowedFrom, 'vi')}${typeof d.allowedUntil === 'string' ? ` đến dưới ${ageWords(d.allowedUntil, 'vi')}` : ''})` : ''}.`,
    (d) =>
      `This person is not of an age for this vaccine${typeof d.allowedFrom === 'string' ? ` (from ${ageWords(d.allowedFrom, 'en')}${typeof d.allowedUntil === 'string' ? ` to under ${ageWords(d.allowedUntil, 'en')}` : ''})` : ''}.`,
  ],
  dose_interval_too_short: [
    (d) =>
      `Chưa đủ khoảng cách giữa hai mũi: mũi ${num(d.doseNumber)} phải cách mũi ${num(d.previousDoseNumber)}${typeof d.previousDate === 'string' ? ` (ngày ${formatDate(d.previousDate)})` : ''} ít nhất ${num(d.minDays)} ngày, hiện mới được ${num(d.days)} ngày.`,
    (d) =>
      `Too soon after the previous dose: dose ${num(d.doseNumber)} must come at least ${num(d.minDays)} days after dose ${num(d.previousDoseNumber)}${typeof d.previousDate === 'string' ? ` (given ${formatDate(d.previousDate)})` : ''}; it has been ${num(d.days)} day(s).`,
  ],
  dose_not_found: ['Không tìm thấy mũi tiêm này.', 'This dose was not found.'],
  dose_voided: [
    'Mũi tiêm này đã bị hủy (nhập nhầm), không thể sửa hay báo phản ứng trên đó.',
    'This dose was voided (entered in error); it cannot be corrected or have a reaction.',
  ],
  dose_already_voided: ['Mũi tiêm này đã được hủy trước đó.', 'This dose was already voided.'],
  reaction_before_dose: [
    'Thời điểm phản ứng sớm hơn thời điểm tiêm.',
    'The reaction cannot start before the vaccination.',
  ],
  reaction_in_future: ['Thời điểm phản ứng đang ở tương lai.', 'The reaction time is in the future.'],
  unknown_plan: ['Không tìm thấy buổi tiêm đã chọn.', 'The chosen vaccination session was not found.'],
  plan_not_found: ['Không tìm thấy buổi tiêm này.', 'This vaccination session was not found.'],
  plan_facility_mismatch: [
    'Buổi tiêm đã chọn thuộc cơ sở khác.',
    'The chosen session belongs to another facility.',
  ],
  plan_vaccine_mismatch: [
    'Buổi tiêm đã chọn dùng loại vắc xin khác.',
    'The chosen session uses another vaccine.',
  ],
  plan_date_in_past: [
    'Không thể lập buổi tiêm cho một ngày đã qua.',
    'A session cannot be planned for a past day.',
  ],
  plan_date_passed: [
    'Buổi tiêm này đã qua, không thể đặt thêm lịch.',
    'This session is over; nobody more can be booked.',
  ],
  plan_capacity_exceeded: ['Buổi tiêm đã đủ chỗ.', 'The session is full.'],
  plan_already_exists: ['Đã có buổi tiêm này.', 'This session already exists.'],
  subject_already_booked: [
    'Người này đã có lịch ở một buổi tiêm khác cho mũi này.',
    'This person is already booked on another session for this dose.',
  ],
  due_query_invalid: [
    'Điều kiện lọc danh sách đến hạn không hợp lệ (ngày, trạng thái hoặc số dòng).',
    'The due-list filter is not valid (date, status or number of rows).',
  ],
  reply_token_invalid: [
    'Chỉ cổng tin nhắn SMS mới được gửi trả lời từ chối nhắc lịch.',
    'Only the SMS gateway may send reminder opt-out replies.',
  ],

  // Certificates and a citizen's own record
  certificate_not_found: ['Không tìm thấy chứng nhận này.', 'This certificate was not found.'],
  nothing_to_certify: [
    'Hồ sơ chưa có mũi tiêm COVID-19 hợp lệ nào để cấp chứng nhận.',
    'The record holds no valid COVID-19 dose a certificate can state.',
  ],
  certificate_already_issued: [
    'Chứng nhận cho các mũi tiêm này đã được cấp; hãy dùng chứng nhận hiện có.',
    'A certificate for these doses was already issued; use the existing one.',
  ],
  transfer_target_invalid: [
    'Các mũi tiêm chỉ có thể chuyển sang hồ sơ của một người khác.',
    'Doses can only move to another person’s record.',
  ],
  lot_already_revoked: ['Lô vắc xin này đã bị thu hồi rồi.', 'This vaccine lot was already revoked.'],
  citizen_token_invalid: [
    'Phiên tra cứu đã hết hạn. Vui lòng tra cứu lại và nhập mã mới.',
    'Your look-up session has expired. Please look up again and enter a new code.',
  ],
  invalid_code: [
    'Mã xác nhận không đúng hoặc đã hết hạn.',
    'The confirmation code is not correct or has expired.',
  ],

  // Audit
  invalid_cursor: ['Không tải thêm được; hãy tìm lại từ đầu.', 'Could not load more; please search again.'],
  invalid_range: [
    'Khoảng thời gian không hợp lệ: ngày bắt đầu phải trước ngày kết thúc.',
    'The time range is not valid: the start must come before the end.',
  ],
  invalid_timestamp: ['Ngày giờ không hợp lệ.', 'The date or time is not valid.'],
  trail_is_read_only_here: ['Nhật ký kiểm toán chỉ đọc ở đây.', 'The audit trail is read-only here.'],
  trail_does_not_verify: [
    'Chuỗi nhật ký kiểm toán không còn nguyên vẹn.',
    'The audit trail chain does not verify.',
  ],

  // The platform's general answers
  validation_failed: [
    (d, e) =>
      e.invalidFields.length
        ? `Vui lòng kiểm tra: ${fieldNames(e.invalidFields, 'vi')}.`
        : 'Một số thông tin chưa hợp lệ. Vui lòng kiểm tra lại.',
    (d, e) =>
      e.invalidFields.length
        ? `Please check: ${fieldNames(e.invalidFields, 'en')}.`
        : 'Some details are not valid. Please check them.',
  ],
  malformed_request: [
    'Thông tin gửi đi chưa đúng dạng. Vui lòng kiểm tra lại.',
    'What was sent is not in the right form. Please check it.',
  ],
  forbidden: ['Bạn không có quyền làm việc này.', 'You are not allowed to do this.'],
  not_found: ['Không tìm thấy mục này.', 'This was not found.'],
  method_not_allowed: ['Thao tác này không được hỗ trợ.', 'This action is not supported.'],
  conflict: [
    'Dữ liệu vừa được người khác thay đổi. Vui lòng tải lại rồi thử lại.',
    'Someone else changed this at the same time. Reload and try again.',
  ],
  CONCURRENCY_CONFLICT: [
    'Dữ liệu vừa được người khác thay đổi. Vui lòng tải lại rồi thử lại.',
    'Someone else changed this at the same time. Reload and try again.',
  ],
  payload_too_large: [
    'Dữ liệu gửi đi quá lớn (ví dụ tệp quá nặng).',
    'What was sent is too large (for example the file).',
  ],
  unsupported_media_type: ['Định dạng dữ liệu không được hỗ trợ.', 'This data format is not supported.'],
  rule_broken: [
    'Thao tác này trái với một quy định của hệ thống.',
    'This breaks one of the registry’s rules.',
  ],
  locked: ['Mục này đang bị khóa.', 'This is locked.'],
  internal_error: [
    'Hệ thống đang gặp sự cố. Dữ liệu của bạn chưa được lưu; vui lòng thử lại sau ít phút.',
    'Something went wrong on our side. Nothing was saved; please try again in a few minutes.',
  ],
  network_unreachable: [
    'Không kết nối được với máy chủ. Kiểm tra mạng rồi thử lại; dữ liệu chưa được gửi đi.',
    'Cannot reach the server. Check the connection and try again; nothing was sent.',
  ],
} satisfies Record<ErrorCode, [Sentence, Sentence]> & Record<string, [Sentence, Sentence]>;

const sentences: Readonly<Record<string, [Sentence, Sentence] | undefined>> = table;

const fallback: [string, string] = [
  'Không thực hiện được thao tác này. Vui lòng thử lại hoặc báo cho quản trị viên.',
  'This could not be done. Please try again or tell your administrator.',
];

/** Field paths of validation errors, named as the forms label them. */
const fieldLabels: Record<string, [string, string]> = {
  fullName: ['Họ và tên', 'Full name'],
  dateOfBirth: ['Ngày sinh', 'Date of birth'],
  gender: ['Giới tính', 'Gender'],
  phone: ['Số điện thoại', 'Phone number'],
  idNumber: ['Số giấy tờ', 'ID number'],
  'idDocument.type': ['Loại giấy tờ', 'ID document type'],
  'idDocument.number': ['Số giấy tờ', 'ID number'],
  idDocument: ['Giấy tờ tùy thân', 'ID document'],
  'address.provinceCode': ['Tỉnh/thành phố', 'Province'],
  'address.districtCode': ['Quận/huyện', 'District'],
  'address.wardCode': ['Mã phường/xã', 'Ward code'],
  'address.line': ['Địa chỉ', 'Address'],
  address: ['Địa chỉ', 'Address'],
  healthInsuranceNumber: ['Số thẻ BHYT', 'Health insurance number'],
  priorityGroup: ['Nhóm ưu tiên', 'Priority group'],
  email: ['Email', 'Email'],
  username: ['Tên đăng nhập', 'Username'],
  password: ['Mật khẩu', 'Password'],
  code: ['Mã cơ sở', 'Code'],
  name: ['Tên', 'Name'],
  provinceCode: ['Tỉnh/thành phố', 'Province'],
  districtCode: ['Quận/huyện', 'District'],
  position: ['Chức vụ', 'Position'],
  unit: ['Khoa/phòng', 'Unit'],
  rights: ['Quyền', 'Rights'],
  lotNumber: ['Số lô', 'Lot number'],
  administeredAt: ['Thời điểm tiêm', 'Time of vaccination'],
  doseNumber: ['Mũi số', 'Dose number'],
  vaccineCode: ['Vắc xin', 'Vaccine'],
  reason: ['Lý do (ít nhất 3 ký tự)', 'Reason (at least 3 characters)'],
  description: ['Mô tả (ít nhất 3 ký tự)', 'Description (at least 3 characters)'],
  onsetAt: ['Thời điểm xuất hiện', 'Onset'],
  capacity: ['Số chỗ', 'Capacity'],
  date: ['Ngày', 'Date'],
  from: ['Từ ngày', 'From'],
  to: ['Đến ngày', 'To'],
  csv: ['Tệp CSV', 'CSV file'],
};

function fieldNames(fields: string[], language: Language): string {
  const index = language === 'vi' ? 0 : 1;
  const names = fields.map((field) => {
    const trimmed = field.replace(/^staff\.\d+\./, '');
    return (fieldLabels[trimmed] ?? fieldLabels[trimmed.split('.')[0]] ?? fallbackField)[index];
  });
  return [...new Set(names)].join(', ');
}

const fallbackField: [string, string] = ['một trường thông tin', 'a field'];

function ageWords(bound: string, language: Language): string {
  const match = /^(\d+)([dwmy])$/.exec(bound);
  if (!match) return bound;
  const units =
    language === 'vi'
      ? { d: 'ngày', w: 'tuần', m: 'tháng', y: 'tuổi' }
      : { d: 'days', w: 'weeks', m: 'months', y: 'years' };
  return `${match[1]} ${units[match[2] as 'd' | 'w' | 'm' | 'y']}`;
}

export function sentenceFor(error: ApiError, language: Language): string {
  const entry = sentences[error.code];
  const details = (error.details && typeof error.details === 'object' ? error.details : {}) as Details;
  const sentence = entry ? entry[language === 'vi' ? 0 : 1] : fallback[language === 'vi' ? 0 : 1];
  return typeof sentence === 'function' ? sentence(details, error) : sentence;
}

/** The codes the console knows (the browser tests check that the API's documented codes are all here). */
export const knownErrorCodes = Object.keys(sentences);
