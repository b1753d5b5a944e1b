// Test photos with a GPS position in their EXIF, as a phone camera writes them, and a reader for a JPEG's size and segments.

/** Inserts an APP1 EXIF segment (IFD0 → GPS IFD: latitude N 35° 24′) right after the JPEG's SOI marker. */
export function withGpsExif(jpeg: Buffer): Buffer {
  const tiff = Buffer.alloc(80);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 offset
  tiff.writeUInt16BE(1, 8); // IFD0: one entry
  tiff.writeUInt16BE(0x8825, 10); // GPSInfo pointer
  tiff.writeUInt16BE(4, 12); // LONG
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18); // GPS IFD offset
  tiff.writeUInt32BE(0, 22); // no next IFD
  tiff.writeUInt16BE(2, 26); // GPS IFD: two entries
  tiff.writeUInt16BE(0x0001, 28); // GPSLatitudeRef
  tiff.writeUInt16BE(2, 30); // ASCII
  tiff.writeUInt32BE(2, 32);
  tiff.write('N\0', 36, 'latin1');
  tiff.writeUInt16BE(0x0002, 40); // GPSLatitude
  tiff.writeUInt16BE(5, 42); // RATIONAL
  tiff.writeUInt32BE(3, 44);
  tiff.writeUInt32BE(56, 48); // value offset
  tiff.writeUInt32BE(0, 52); // no next IFD
  [35, 1, 24, 1, 0, 1].forEach((v, i) => tiff.writeUInt32BE(v, 56 + i * 4));
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, body, jpeg.subarray(2)]);
}

/** The markers of a JPEG's header segments (up to the image data) and its pixel size from the SOF segment. */
export function jpegInfo(buf: Buffer): { markers: number[]; width: number; height: number } {
  if (buf[0] !== 0xff || buf[1] !== 0xd8) throw new Error('not a JPEG');
  const markers: number[] = [];
  let width = 0;
  let height = 0;
  for (let i = 2; i + 4 <= buf.length; ) {
    const marker = buf[i + 1]!;
    const len = buf.readUInt16BE(i + 2);
    markers.push(marker);
    if (marker >= 0xc0 && marker <= 0xc2) {
      height = buf.readUInt16BE(i + 5);
      width = buf.readUInt16BE(i + 7);
    }
    if (marker === 0xda) break; // start of scan: image data follows
    i += 2 + len;
  }
  return { markers, width, height };
}
