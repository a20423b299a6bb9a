/**
 * The QR code of an HC1 text: error correction level Q, as the DCC technical specification asks (readable
 * with a quarter of the symbol damaged), alphanumeric mode (Base45 is the QR alphanumeric alphabet).
 */
import QRCode from 'qrcode';

const qrOptions = { errorCorrectionLevel: 'Q' as const, margin: 4 };

export async function certificateQrPng(hc1: string, width = 480): Promise<Buffer> {
  return QRCode.toBuffer([{ data: hc1, mode: 'alphanumeric' }], { ...qrOptions, type: 'png', width });
}

export async function certificateQrSvg(hc1: string): Promise<string> {
  return QRCode.toString([{ data: hc1, mode: 'alphanumeric' }], { ...qrOptions, type: 'svg' });
}
