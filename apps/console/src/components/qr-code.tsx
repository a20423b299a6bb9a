/**
 * A QR code drawn as SVG squares (no canvas, no inline markup): an authenticator's otpauth address (level M), or
 * a vaccination certificate, which the HCERT specification wants at error correction level Q.
 */
import QRCode from 'qrcode';
import { useMemo } from 'react';

export function QrCodeImage({
  text,
  label,
  size = 224,
  errorCorrection = 'M',
}: {
  text: string;
  label: string;
  size?: number;
  errorCorrection?: 'L' | 'M' | 'Q' | 'H';
}) {
  const path = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: errorCorrection });
    const squares: string[] = [];
    for (let row = 0; row < modules.size; row++) {
      for (let column = 0; column < modules.size; column++) {
        if (modules.get(row, column)) squares.push(`M${column + 4} ${row + 4}h1v1h-1z`);
      }
    }
    return { d: squares.join(''), extent: modules.size + 8 };
  }, [text, errorCorrection]);

  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${path.extent} ${path.extent}`}
      shapeRendering="crispEdges"
    >
      <rect width={path.extent} height={path.extent} fill="#ffffff" />
      <path d={path.d} fill="#000000" />
    </svg>
  );
}
