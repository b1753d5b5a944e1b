// Where open problems are: one small document per (community, place, category) listing its recent primaries, read by bare _id — FerretDB pushes down nothing else, so finding duplicates never scans the tickets.
import { Schema, type Connection, type Model } from 'mongoose';

interface PlaceDoc {
  _id: string;
  communityId: string;
  open: Array<{ id: string; at: Date }>;
}

const PlaceSchema = new Schema<PlaceDoc>(
  { _id: String, communityId: String, open: { type: [{ _id: false, id: String, at: Date }], default: [] } },
  { versionKey: false },
);

/** Entries kept per place: older ones are dropped when it grows (they are outside the duplicate window anyway). */
const KEEP = 30;

export class TicketPlaces {
  private readonly model: Model<PlaceDoc>;
  constructor(conn: Connection) {
    this.model = (conn.models.TicketPlace as Model<PlaceDoc>) ?? conn.model<PlaceDoc>('TicketPlace', PlaceSchema, 'ticket_places');
  }

  private key(communityId: string, placeKey: string, category: string) {
    return `${communityId}|${placeKey}|${category}`;
  }

  /** Ticket ids filed at this place and category since `since`, oldest first (some may be closed by now: the caller checks). */
  async recent(communityId: string, placeKey: string, category: string, since: Date): Promise<string[]> {
    const doc = await this.model.findById(this.key(communityId, placeKey, category)).lean<PlaceDoc>();
    return (doc?.open ?? []).filter((e) => e.at.getTime() >= since.getTime()).map((e) => e.id);
  }

  /** A new primary at this place. */
  async add(communityId: string, placeKey: string, category: string, id: string, at: Date): Promise<void> {
    const _id = this.key(communityId, placeKey, category);
    const doc = await this.model.findByIdAndUpdate(_id, { $set: { communityId }, $push: { open: { id, at } } }, { upsert: true, new: true }).lean<PlaceDoc>();
    if (doc && doc.open.length > KEEP) {
      await this.model.updateOne({ _id }, { $set: { open: doc.open.slice(-KEEP) } });
    }
  }
}
