// Reads a route's Server-Sent Events body into messages, with the reader the CLI uses (tests).
import { readSseBody } from '@/lib/rows/sse-wire';

export type SseMessage = { event: string; data: Record<string, unknown> };

/** The messages so far, filled in as the body is read; reading ends with the stream. */
export function readSse(res: Response): SseMessage[] {
  const messages: SseMessage[] = [];
  readSseBody(res.body!, (event, data) => messages.push({ event, data: JSON.parse(data) as Record<string, unknown> })).catch(() => {});
  return messages;
}
