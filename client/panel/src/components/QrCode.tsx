// A real QR code (qrcode library, SVG) for a URL, as an image with a spoken name; used on the big screen and the notice poster.
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** The resident app's H5 address on this server (what a phone camera or WeChat's scanner opens). */
export const residentAppUrl = (hash = '') => `${window.location.origin}/h5/${hash}`;

export function QrCode({ url, size = 160, label, testId }: { url: string; size?: number; label: string; testId?: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Level M survives a smudged print or a TV's glare; the quiet zone (margin) is what scanners need to find it.
    void QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } }).then((s) => live && setSvg(s));
    return () => {
      live = false;
    };
  }, [url]);
  if (!svg) return <div style={{ width: size, height: size }} />;
  return <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} width={size} height={size} alt={label} data-url={url} data-testid={testId} />;
}
