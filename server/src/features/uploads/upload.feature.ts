// The uploads face: photos, voice and documents in GridFS; others check and share attachments and hand out signed URLs through UploadsApi.
import type { FeatureCore, LinliFace } from '../feature-core';
import { uploadRoutes } from './upload.routes';
import { UploadService } from './upload.service';

// Orphans are swept hourly; the grace period (a day) is what keeps a file being attached right now safe, not the sweep rate.
const ORPHAN_SWEEP_EVERY_MS = 3600 * 1000;

export function uploadsFeature(core: Pick<FeatureCore, 'conn' | 'config' | 'rateLimits'>): LinliFace<UploadService> {
  const uploads = new UploadService(core.conn, core.config.JWT_SECRET);
  return {
    name: 'uploads',
    api: uploads,
    routes: uploadRoutes(uploads, core.rateLimits),
    intervals: [{ name: 'uploads.sweep-orphans', everyMs: ORPHAN_SWEEP_EVERY_MS, run: () => uploads.sweepOrphans().then(() => undefined) }],
  };
}
