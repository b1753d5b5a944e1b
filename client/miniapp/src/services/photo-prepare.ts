// H5 photos are re-encoded through a canvas before upload: at most 1600 px on the long side, JPEG, and no EXIF (GPS, camera, time).
// The weapp asks WeChat for its own compressed copy instead (chooseMedia sizeType 'compressed').

export const MAX_PHOTO_SIDE = 1600;
const JPEG_QUALITY = 0.82;

/** A blob: URL of the cleaned photo; the original path if the browser cannot decode it (the server still checks the bytes). */
export async function preparePhoto(path: string): Promise<string> {
  if (process.env.TARO_ENV !== 'h5' || typeof createImageBitmap === 'undefined') return path;
  try {
    const blob = await (await fetch(path)).blob();
    // from-image: a phone photo taken upright stays upright once its EXIF orientation is gone.
    const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
    const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) return path;
    // JPEG has no transparency: a white ground instead of black behind transparent PNG areas.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
    return out ? URL.createObjectURL(out) : path;
  } catch {
    return path;
  }
}
