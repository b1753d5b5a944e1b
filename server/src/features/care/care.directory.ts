// What the care programme answers about a resident (grid worker, emergency contacts, heart-rate limits, who may read health data) and the audit of every health-data read.
import type { Connection } from 'mongoose';
import { DEFAULT_HEART_RATE, hasRole, shanghaiDay, type CareAuditAction, type Principal } from '@linli/contracts';
import type { ResidentsApi } from '../residents/resident.service';
import { CareAbsenceRepository, type CareAbsenceDoc } from './care.absence.repository';
import type { CareProfileDoc } from './care.model';
import { CareRepository } from './care.repository';

export type CareResident = NonNullable<Awaited<ReturnType<ResidentsApi['byId']>>>;

/** What alerting asks the care programme (it is built before alerts; the care face, which raises alerts, after). */
export type CareDirectoryApi = Pick<CareDirectory, 'contextFor' | 'heartRateFor' | 'canReadHealth' | 'auditHealthRead' | 'awayAt'>;

export class CareDirectory {
  private readonly repo: CareRepository;
  private readonly absences: CareAbsenceRepository;

  constructor(
    conn: Connection,
    private readonly residents: ResidentsApi,
  ) {
    this.repo = new CareRepository(conn);
    this.absences = new CareAbsenceRepository(conn);
  }

  /**
   * Her absence covering the Shanghai day of `at` (住院、走亲戚 …), or null: while away no missed-check-in or wristband-inactivity
   * alert is raised for her. SOS, falls and heart-rate alerts never ask this.
   */
  async awayAt(communityId: string, residentId: string, at = new Date()): Promise<{ reason: CareAbsenceDoc['reason']; from: string; to: string } | null> {
    const a = await this.absences.covering(communityId, residentId, shanghaiDay(at));
    return a ? { reason: a.reason, from: a.from, to: a.to } : null;
  }

  /** The resident's grid worker and emergency contacts (null when not in the care programme): who is told of a personal alert. */
  async contextFor(communityId: string, residentId: string) {
    const p = await this.repo.profile(communityId, residentId);
    return p ? { gridWorkerId: p.gridWorkerId, emergencyContacts: p.emergencyContacts ?? [] } : null;
  }

  async heartRateFor(communityId: string, residentId: string): Promise<{ min: number; max: number }> {
    const p = await this.repo.profile(communityId, residentId);
    const hr = p?.health?.heartRate;
    return hr?.min !== undefined && hr?.max !== undefined ? { min: hr.min, max: hr.max } : { ...DEFAULT_HEART_RATE };
  }

  /** The grid worker named on the profile, or (when none is named) a grid worker covering the resident's building. */
  async responsibleGrid(p: Extract<Principal, { kind: 'staff' }>, profile: CareProfileDoc, resident?: CareResident | null): Promise<boolean> {
    if (!p.roles.includes('grid')) return false;
    if (profile.gridWorkerId) return profile.gridWorkerId === p.id;
    const r = resident ?? (await this.residents.byId(profile.communityId, profile.residentId));
    return !!r?.building && p.buildings.includes(r.building);
  }

  /** Health data: staff with the care role, admins, and the resident's responsible grid worker. Nobody else. */
  async canReadHealth(p: Principal, residentId: string): Promise<boolean> {
    if (p.kind !== 'staff') return false;
    if (hasRole(p, 'care')) return true;
    const profile = await this.repo.profile(p.communityId, residentId);
    return !!profile && (await this.responsibleGrid(p, profile));
  }

  /** Staff reads and writes; a resident's own absence entries (roles ['resident']). */
  async audit(p: Principal, action: CareAuditAction, r: CareResident, via: string, detail?: string): Promise<void> {
    if (p.kind !== 'staff' && !(p.kind === 'resident' && action === 'write_absence')) return;
    await this.repo.addAudit({
      communityId: p.communityId,
      at: new Date(),
      actor: { id: p.id, name: p.name, roles: p.kind === 'staff' ? p.roles : ['resident'] },
      action,
      residentId: String(r._id),
      residentName: r.name,
      via,
      ...(detail ? { detail } : {}),
    });
  }

  /** Writes the read of a resident's health data (here: a personal alert's readings) to the care audit log. */
  async auditHealthRead(p: Principal, residentId: string, via: string): Promise<void> {
    const r = await this.residents.byId(p.communityId, residentId);
    if (r) await this.audit(p, 'read_health', r, via);
  }
}
