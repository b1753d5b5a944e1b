// Escalation policies per community and alert type: stored when an admin changed them, the built-in default otherwise; read through a short cache.
import { Schema, type Connection, type Model } from 'mongoose';
import { ALERT_TYPES, defaultEscalationPolicy, type AlertType, type EscalationPolicyDto, type EscalationPolicyInput } from '@linli/contracts';

interface PolicyDoc extends EscalationPolicyInput {
  /** `<communityId>:<type>`: every read and write is a bare-_id operation. */
  _id: string;
  communityId: string;
  type: AlertType;
  updatedBy: string;
  updatedAt: Date;
}

const StepSchema = new Schema({ level: String, channels: [String], contacts: Boolean, waitSeconds: Number }, { _id: false });
const PolicySchema = new Schema<PolicyDoc>(
  {
    _id: String,
    communityId: { type: String, required: true },
    type: { type: String, required: true },
    steps: { type: [StepSchema], required: true },
    repeat: { type: Number, default: 0 },
    updatedBy: String,
    updatedAt: Date,
  },
  { versionKey: false },
);
PolicySchema.index({ communityId: 1 });

function policyModel(conn: Connection): Model<PolicyDoc> {
  return (conn.models.AlertPolicy as Model<PolicyDoc>) ?? conn.model<PolicyDoc>('AlertPolicy', PolicySchema, 'alert_policies');
}

/** Another node's edit is seen within this long; this node's own edits at once. */
const CACHE_MS = 30_000;

export class EscalationPolicies {
  private readonly model: Model<PolicyDoc>;
  /** The policy as last read, or the read in flight (a burst of raises of one type shares one). */
  private readonly cache = new Map<string, { at: number; policy: Promise<EscalationPolicyInput> }>();
  constructor(conn: Connection) {
    this.model = policyModel(conn);
  }

  forType(communityId: string, type: AlertType): Promise<EscalationPolicyInput> {
    const key = `${communityId}:${type}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.policy;
    const policy = this.model
      .findById(key)
      .lean<PolicyDoc>()
      .then((doc) => (doc ? { steps: doc.steps, repeat: doc.repeat } : defaultEscalationPolicy(type)));
    const entry = { at: Date.now(), policy };
    this.cache.set(key, entry);
    // A failed read is not remembered: the next raise asks again.
    policy.catch(() => this.cache.get(key) === entry && this.cache.delete(key));
    return policy;
  }

  async list(communityId: string): Promise<EscalationPolicyDto[]> {
    const stored = new Map((await this.model.find({ communityId }).lean<PolicyDoc[]>()).map((d) => [d.type, d]));
    return ALERT_TYPES.map((type) => {
      const d = stored.get(type);
      return d
        ? { type, steps: d.steps, repeat: d.repeat, isDefault: false, updatedAt: d.updatedAt.toISOString(), updatedBy: d.updatedBy }
        : { type, ...defaultEscalationPolicy(type), isDefault: true };
    });
  }

  async save(communityId: string, type: AlertType, policy: EscalationPolicyInput, by: string): Promise<EscalationPolicyDto> {
    const key = `${communityId}:${type}`;
    const updatedAt = new Date();
    await this.model.replaceOne({ _id: key }, { _id: key, communityId, type, ...policy, updatedBy: by, updatedAt }, { upsert: true });
    this.cache.delete(key);
    return { type, ...policy, isDefault: false, updatedAt: updatedAt.toISOString(), updatedBy: by };
  }

  async reset(communityId: string, type: AlertType): Promise<EscalationPolicyDto> {
    const key = `${communityId}:${type}`;
    await this.model.deleteOne({ _id: key });
    this.cache.delete(key);
    return { type, ...defaultEscalationPolicy(type), isDefault: true };
  }
}
