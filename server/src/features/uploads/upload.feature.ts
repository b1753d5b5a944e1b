// The uploads face: photos, voice and documents in GridFS; others check and share attachments and hand out signed URLs through UploadsApi.
import type { FeatureCore, LinliFace } from '../feature-core';
import { uploadRoutes } from './upload.routes';
import { UploadService } from './upload.service';

export function uploadsFeature(core: Pick<FeatureCore, 'conn' | 'config'>): LinliFace<UploadService> {
  const uploads = new UploadService(core.conn, core.config.JWT_SECRET);
  return { name: 'uploads', api: uploads, routes: uploadRoutes(uploads) };
}
