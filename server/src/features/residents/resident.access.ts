// Registry access per staff member (issue 12): which residents they may see and edit, and what of them they see.
import type { FilterQuery } from 'mongoose';
import { REGISTRY_CARE_TAGS, registryAccess, type RegistryAccess, type ResidentDto, type StaffPrincipal } from '@linli/contracts';
import { forbidden, notFound } from '../../core/errors';
import { maskPii } from '../../logger';
import type { ResidentDoc } from './resident.model';

const CARE = REGISTRY_CARE_TAGS as readonly string[];

/** The caller's rights; finance (and anyone without a registry role) is refused outright. */
export function accessOf(p: StaffPrincipal): RegistryAccess {
  const a = registryAccess(p);
  if (!a) throw forbidden('您的岗位无权查看居民档案');
  return a;
}

/** The filter that limits a list to what the caller may see (ANDed with the search). */
export function scopeFilter(a: RegistryAccess): FilterQuery<ResidentDoc> | null {
  if (!a.scope) return null;
  const or: FilterQuery<ResidentDoc>[] = [];
  if (a.scope.buildings.length) or.push({ building: { $in: a.scope.buildings } });
  if (a.scope.careTags) or.push({ tags: { $in: [...CARE] } });
  // Nothing in scope: a filter no document matches.
  return or.length ? { $or: or } : { _id: { $exists: false } };
}

export function canRead(a: RegistryAccess, r: ResidentDoc): boolean {
  if (!a.scope) return true;
  if (r.building && a.scope.buildings.includes(r.building)) return true;
  return a.scope.careTags && (r.tags ?? []).some((t) => CARE.includes(t));
}

/** Someone outside the caller's scope does not exist for them (404, like a wrong id). */
export function requireRead(a: RegistryAccess, r: ResidentDoc | null): ResidentDoc {
  if (!r || !canRead(a, r)) throw notFound('居民');
  return r;
}

export function requireWrite(a: RegistryAccess, building: string | undefined): void {
  if (a.writeBuildings === null) return;
  if (!a.writeBuildings.length) throw forbidden('您的岗位只能查看居民档案，不能修改');
  if (!building || !a.writeBuildings.includes(building)) throw forbidden('只能登记或修改您负责楼栋的居民');
}

/** What a staff member sees of a resident: phones masked unless their role needs them, bindings only for admins, care staff only the care tags. */
export function viewFor(a: RegistryAccess, dto: ResidentDto): ResidentDto {
  const { openid, wechatId, wechatContacts, ...rest } = dto;
  const out: ResidentDto = { ...rest, wechatBound: Boolean(openid || wechatId || wechatContacts?.length) };
  // Staff who may read her see who is bound (name, relation) and can revoke; the contact ids are for admins.
  if (wechatContacts) out.wechatContacts = a.bindings ? wechatContacts : wechatContacts.map(({ contactId: _id, ...c }) => c);
  if (a.bindings) Object.assign(out, openid ? { openid } : {}, wechatId ? { wechatId } : {});
  if (!a.phonesInClear && dto.phone) Object.assign(out, { phone: maskPii(dto.phone), phoneMasked: true });
  if (a.scope && a.scope.careTags && !(dto.building && a.scope.buildings.includes(dto.building))) out.tags = dto.tags.filter((t) => CARE.includes(t));
  return out;
}
