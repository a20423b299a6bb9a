/**
 * The text of a reminder, in Vietnamese. It names the person by first name and the facility, nothing else: no
 * vaccine, dose number or date, since an SMS may be read by someone else holding the phone.
 */
import type { ReminderKind } from './reminders.decider';

/** What a reply must say to stop reminders (compared without diacritics, case or spaces). */
export const optOutReplyWords = ['TUCHOI', 'HUY', 'STOP'];

export function reminderText(kind: ReminderKind, firstName: string, facilityName: string): string {
  const stop = 'Trả lời TU CHOI để ngừng nhận tin nhắc.';
  if (kind === 'missed_booking') {
    return `Chào ${firstName}, bạn đã lỡ lịch tiêm chủng hẹn tại ${facilityName}. Vui lòng liên hệ cơ sở để hẹn lại. ${stop}`;
  }
  return `Chào ${firstName}, sắp đến lịch tiêm chủng mũi tiếp theo của bạn tại ${facilityName}. Vui lòng liên hệ cơ sở để được tiêm. ${stop}`;
}

/** True when a reply asks to stop: "TU CHOI", "tu chối", "Từ chối", "HUY", "STOP". */
export function isOptOutReply(text: string): boolean {
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  return optOutReplyWords.some((word) => folded === word || folded.startsWith(word));
}
