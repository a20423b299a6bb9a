import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { certificateQrPng, certificateQrSvg } from '../src/domain/certificate-qr';

const hc1 = 'HC1:NCFI80T80T9WTWGVLK-89+ZFCRUB+9PW8X*4FBBKS4FN0H9C/.RWY0F9CUF7*70TB8D97TK0F90KECTHGXJC';

describe('certificate QR codes', () => {
  it('renders a PNG a camera decoder (jsQR) reads back to the same HC1 text', async () => {
    const png = PNG.sync.read(await certificateQrPng(hc1));
    const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(read?.data).toBe(hc1);
  });

  it('renders an SVG of the same code', async () => {
    const svg = await certificateQrSvg(hc1);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<path');
  });
});
