// Reports (报修/投诉/求助/反映, text or voice) become tickets: journaled in the outbox first, sent with an idempotency key, answered with the ticket number.
import { duplicateNotice, type Address, type Reporter, type TicketDto } from '@linli/contracts';
import { ApiError, isRetryable, TryLater, type ServerApi } from '../../api';
import type { AudioFormat } from '../../audio';
import type { BotContext, Conversation } from '../../context';
import { spokenReceipt } from '../../speech';
import { ASK_PLACE_TEXT, conversationKey } from './ask-place';
import type { BotLog } from '../../log';
import type { Outbox, OutboxJob } from '../../outbox';
import { boundReport } from '../../safety';
import type { Transcriber } from '../../transcriber';
import { guessCategory, parsePlace } from './report.parser';

/** `{ location }` when the words name a building, else nothing (the server then uses the bound resident's home). */
const placeOf = (text: string) => {
  const location = parsePlace(text);
  return location ? { location } : {};
};

export type ReportJob =
  | { type: 'text'; text: string; truncated: boolean; reporter: Reporter; reply: Conversation }
  | { type: 'voice'; format: AudioFormat; mime: string; durationMs?: number; reporter: Reporter; reply: Conversation }
  /** A voice ticket filed as 待转写 because recognition failed: recognition is retried and the transcript added. */
  | { type: 'transcribe'; ticketId: string; ticketNo: string; format: AudioFormat };

/** How many times a failed recognition is retried (with the outbox's backoff) before staff are left to listen. */
export const TRANSCRIBE_ATTEMPTS = 8;

export interface ReportResult {
  ticket: TicketDto;
  created: boolean;
  transcript?: string;
}

const MIME: Record<AudioFormat, string> = { silk: 'audio/silk', mp3: 'audio/mpeg', wav: 'audio/wav', amr: 'audio/amr', unknown: 'application/octet-stream' };
export const mimeOf = (f: AudioFormat) => MIME[f];

/** One delivery attempt; progress (transcript, upload id) is saved so a retry after the server was down does not redo it. */
export function reportDeliverer(api: ServerApi, transcriber: Transcriber, log: BotLog) {
  return async (job: OutboxJob<ReportJob>, outbox: Outbox<ReportJob, ReportResult>): Promise<ReportResult> => {
    const d = job.data;
    if (d.type === 'text') {
      const { ticket, created } = await api.createTicket(
        { category: guessCategory(d.text), description: d.text, channel: 'bot', reporter: d.reporter, ...placeOf(d.text) },
        job.key,
      );
      return { ticket, created };
    }
    const audio = outbox.blob(job.key);
    if (!audio) throw new Error('语音文件丢失');
    if (d.type === 'transcribe') {
      let text: string;
      try {
        text = boundReport(await transcriber.transcribe(audio, d.format)).text;
      } catch (err) {
        if (job.attempts >= TRANSCRIBE_ATTEMPTS) throw new Error(`语音识别多次失败：${(err as Error).message}`);
        throw new TryLater((err as Error).message);
      }
      try {
        const ticket = await api.addTranscript(d.ticketId, text);
        return { ticket, created: false, transcript: text };
      } catch (err) {
        // 409: staff transcribed it meanwhile (listening in the panel) — nothing left to do.
        if (err instanceof ApiError && err.status === 409) return { ticket: { id: d.ticketId, no: d.ticketNo } as ReportResult['ticket'], created: false };
        throw err;
      }
    }
    if (job.state.transcript === undefined && !job.state.asrFailed) {
      try {
        const text = boundReport(await transcriber.transcribe(audio, d.format)).text;
        outbox.patch(job.key, { transcript: text });
      } catch (err) {
        log.warn('transcription failed; the ticket is filed as 待转写', { key: job.key, provider: transcriber.name, err: (err as Error).message });
        outbox.patch(job.key, { asrFailed: true });
      }
    }
    if (!job.state.uploadId) {
      const up = await api.upload(audio, `voice.${d.format === 'silk' ? 'sil' : d.format}`, d.mime);
      outbox.patch(job.key, { uploadId: up.id });
    }
    const transcript = job.state.transcript as string | undefined;
    const { ticket, created } = await api.createTicket(
      {
        category: guessCategory(transcript ?? ''),
        ...(transcript ? { description: transcript } : {}),
        channel: 'bot',
        reporter: d.reporter,
        ...placeOf(transcript ?? ''),
        audio: {
          uploadId: job.state.uploadId as string,
          ...(d.durationMs !== undefined ? { durationMs: Math.min(d.durationMs, 600_000) } : {}),
          ...(transcript ? { transcript } : {}),
        },
      },
      job.key,
    );
    // Recognition failed (rather than being off): keep trying in the background while the audio is still at hand.
    if (!transcript && transcriber.name !== 'none' && ticket.audio?.status === 'pending') {
      outbox.add(`${job.key}-asr`, { type: 'transcribe', ticketId: ticket.id, ticketNo: ticket.no, format: d.format }, audio);
      outbox.resume();
    }
    return { ticket, created, transcript };
  };
}

/** What to tell the sender; null when nothing (a background transcription). */
export function receipt(job: ReportJob, r: ReportResult, late: boolean): string | null {
  if (job.type === 'transcribe') return null;
  return firstReceipt(job, r, late) + sameProblem(r.ticket);
}

function firstReceipt(job: Exclude<ReportJob, { type: 'transcribe' }>, r: ReportResult, late: boolean): string {
  const no = r.ticket.no;
  if (late) return `已为您登记，工单号 ${no}，我们会尽快处理`;
  if (job.type === 'voice') {
    return r.transcript
      ? `已收到您的语音：「${r.transcript}」，工单号 ${no}，我们会尽快处理`
      : `已收到您的语音，工单号 ${no}。语音暂未能识别，工作人员会尽快收听处理`;
  }
  return `已收到，工单号 ${no}，我们会尽快处理${job.truncated ? '（内容过长，已截取前 500 字）' : ''}`;
}

/** The server linked the report to an open one of the same problem (issue 14/17): say so, and that progress comes to the group. */
function sameProblem(t: TicketDto): string {
  return t.duplicateOf ? `。${duplicateNotice(t.category, t.duplicateOf.no, 'group')}` : '';
}

/** Journals the report, tries to send it at once, and answers: the ticket number, or "已记录" while the server is unreachable. */
export async function fileReport(ctx: BotContext, key: string, job: Exclude<ReportJob, { type: 'transcribe' }>, blob?: Buffer, state?: { transcript: string }): Promise<void> {
  if (ctx.outbox.has(key)) return; // the same message seen twice (puppet redelivery)
  ctx.outbox.add(key, job, blob);
  // A voice already transcribed (a listening group decided on its words) is not sent to recognition again.
  if (state) ctx.outbox.patch(key, state);
  const r = await ctx.outbox.deliverNow(key);
  if (r.ok) {
    // No place in the words and nobody bound to ask the registry about: ask back, and thread the answer into this ticket.
    const ask = !r.result.ticket.location && r.result.created;
    if (ask) ctx.asks.ask(conversationKey(job.reply), r.result.ticket);
    await ctx.say(job.reply, `${receipt(job, r.result, false)!}${ask ? `。${ASK_PLACE_TEXT}` : ''}`);
    // She spoke: she hears the answer too (issue 14), after the text that stays readable in the chat.
    if (job.type === 'voice') await ctx.sayVoice(job.reply, spokenReceipt(r.result.ticket.no, Boolean(r.result.transcript)));
    return;
  }
  if (r.retrying) return ctx.say(job.reply, '已记录，稍后为您登记');
  ctx.log.warn('report refused by the server', { key, err: (r.error as Error).message });
  return ctx.say(job.reply, `抱歉，登记没有成功（${(r.error as Error).message}），请联系社区工作人员`);
}

export function textJob(text: string, reporter: Reporter, reply: Conversation): Extract<ReportJob, { type: 'text' }> {
  const b = boundReport(text);
  return { type: 'text', text: b.text, truncated: b.truncated, reporter, reply };
}


/** The sender answered 「请问是几号楼几单元？」: the place goes into the ticket the question was about. */
export async function answerPlace(ctx: BotContext, key: string, ticket: { ticketId: string; ticketNo: string }, place: Address, reply: Conversation): Promise<void> {
  const where = `${place.building}${place.unit ?? ''}${place.room ? ` ${place.room}` : ''}`;
  try {
    await ctx.api.locate(ticket.ticketId, place);
    ctx.asks.done(key);
    await ctx.say(reply, `好的，已为工单 ${ticket.ticketNo} 补充地点：${where}`);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 409 || err.status === 404)) {
      ctx.asks.done(key);
      return ctx.say(reply, `工单 ${ticket.ticketNo} 已经有地点了，不用再补充啦`);
    }
    if (isRetryable(err)) return ctx.say(reply, '服务器暂时连不上，请稍后再回复楼号');
    throw err;
  }
}
