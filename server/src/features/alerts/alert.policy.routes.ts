// Escalation policy route table: every staff member reads who is told when; admins change a type's steps or put back the default.
import { EscalationPolicyInput, EscalationPolicyParams } from '@linli/contracts';
import { route, type AnyRoute } from '../../core/feature';
import type { EscalationPolicies } from './alert.policies';

export function alertPolicyRoutes(policies: EscalationPolicies): AnyRoute[] {
  return [
    route({
      method: 'get', path: '/api/alerts/policies', auth: 'staff',
      summary: 'The escalation policy of every alert type: steps (who, channels, emergency contacts, wait) and repeats; defaults marked',
      handler: async ({ principal: p }) => ({ items: await policies.list(p.communityId) }),
    }),
    route({
      method: 'put', path: '/api/alerts/policies/:type', auth: ['admin'], params: EscalationPolicyParams, body: EscalationPolicyInput,
      summary: 'Set the escalation policy of one alert type (admins); alerts already raised keep the policy they started with',
      handler: ({ principal: p, params, body }) => policies.save(p.communityId, params.type, body, p.name),
    }),
    route({
      method: 'delete', path: '/api/alerts/policies/:type', auth: ['admin'], params: EscalationPolicyParams,
      summary: 'Put back the built-in default policy of one alert type (admins)',
      handler: ({ principal: p, params }) => policies.reset(p.communityId, params.type),
    }),
  ];
}
