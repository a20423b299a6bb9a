/** The password policy of the security baseline: at least 12 characters, not common, not built from the username. */
import { commonPasswords } from './common-passwords';

export const minimumPasswordLength = 12;
export const maximumPasswordLength = 256;

const common = new Set(commonPasswords.map((p) => p.toLowerCase()));

/** Reasons a password is refused; empty when it is acceptable. Never echoes the password. */
export function passwordProblems(password: string, username: string | null): string[] {
  const problems: string[] = [];
  if ([...password].length < minimumPasswordLength) problems.push(`at least ${minimumPasswordLength} characters are required`);
  if ([...password].length > maximumPasswordLength) problems.push(`at most ${maximumPasswordLength} characters are allowed`);
  const lower = password.toLowerCase();
  if (common.has(lower) || common.has(lower.replace(/[\d!@#$%^&*.]+$/, ''))) {
    problems.push('this password is among the most common or breached passwords');
  }
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) {
    problems.push('the password must not contain the username');
  }
  if (/^(.)\1+$/.test(password)) problems.push('the password must not repeat a single character');
  return problems;
}
