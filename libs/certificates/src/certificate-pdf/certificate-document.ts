/**
 * The printable certificate: one A4 page in Vietnamese and English with the QR code, the holder, the dose
 * and the UVCI. Vietnamese needs a Unicode font with its diacritics; DejaVu Sans comes from the
 * `dejavu-fonts-ttf` package and is embedded (subset) in the PDF, so no system font is ever used.
 */
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import type { DigitalCovidCertificate } from '../domain/dcc-payload';

let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

export interface CertificateDocumentInput {
  dcc: DigitalCovidCertificate;
  fullName: string;
  vaccineName: string;
  status: 'valid' | 'revoked';
  issuedAt: string;
  expiresAt: string;
  qrPng: Buffer;
}

export async function certificatePdf(input: CertificateDocumentInput): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const { regular, bold } = loadFonts();
  const font = await pdf.embedFont(regular, { subset: true });
  const boldFont = await pdf.embedFont(bold, { subset: true });
  pdf.setTitle('Chứng nhận tiêm chủng COVID-19 / COVID-19 Vaccination Certificate');
  pdf.setLanguage('vi');
  const page = pdf.addPage([595.28, 841.89]);
  const ink = rgb(0.1, 0.1, 0.1);
  const muted = rgb(0.35, 0.35, 0.35);
  let y = 790;
  const line = (text: string, options: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; x?: number } = {}) => {
    page.drawText(text, { x: options.x ?? 50, y, size: options.size ?? 11, font: options.bold ? boldFont : font, color: options.color ?? ink });
    y -= (options.size ?? 11) + 8;
  };
  line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — BỘ Y TẾ', { size: 10, color: muted });
  line('Socialist Republic of Viet Nam — Ministry of Health', { size: 10, color: muted });
  y -= 6;
  line('CHỨNG NHẬN TIÊM CHỦNG COVID-19', { size: 18, bold: true });
  line('COVID-19 Vaccination Certificate (EU DCC)', { size: 13 });
  y -= 4;
  const qr = await pdf.embedPng(input.qrPng);
  page.drawImage(qr, { x: 335, y: 470, width: 210, height: 210 });
  const entry = input.dcc.v[0];
  const rows: Array<[string, string]> = [
    ['Họ và tên / Name', input.fullName],
    ['Tên chuẩn hóa / Standardised name', [input.dcc.nam.fnt, input.dcc.nam.gnt].filter(Boolean).join('<')],
    ['Ngày sinh / Date of birth', input.dcc.dob],
    ['Vắc xin / Vaccine', input.vaccineName],
    ['Mũi / Dose', `${entry.dn} / ${entry.sd}`],
    ['Ngày tiêm / Date of vaccination', entry.dt],
    ['Quốc gia / Country', 'Việt Nam (VN)'],
    ['Đơn vị cấp / Issuer', entry.is],
    ['Ngày cấp / Issued', input.issuedAt.slice(0, 10)],
    ['Hiệu lực đến / Valid until', input.expiresAt.slice(0, 10)],
  ];
  for (const [label, value] of rows) {
    line(label, { size: 9, color: muted });
    line(value, { size: 12, bold: true });
  }
  y -= 6;
  line('Mã chứng nhận / Certificate identifier (UVCI)', { size: 9, color: muted });
  line(entry.ci, { size: 10 });
  if (input.status === 'revoked') {
    y -= 10;
    line('ĐÃ THU HỒI — chứng nhận này không còn giá trị / REVOKED — this certificate is no longer valid', { size: 11, bold: true, color: rgb(0.7, 0.05, 0.05) });
  }
  y = 90;
  line('Quét mã QR bằng ứng dụng kiểm tra chứng nhận EU DCC hoặc trang kiểm tra của vaxledger.', { size: 8, color: muted });
  line('Scan the QR code with any EU DCC verifier app or the vaxledger verifier page.', { size: 8, color: muted });
  // Plain objects (no object streams): older printers' and archivers' PDF readers handle them.
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
