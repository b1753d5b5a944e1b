// The board feature's face: the 24-hour message board (posts, replies, moderation, sensitive-word hold, post → ticket) and its live pushes.
import { on } from '../../core/feature';
import type { DomainEvents } from '../events';
import type { FeatureCore, LinliFace } from '../feature-core';
import type { ResidentsApi } from '../residents/resident.service';
import type { TicketsApi } from '../tickets/ticket.service';
import type { UploadsApi } from '../uploads/upload.service';
import { boardSockets } from './board.realtime';
import { boardRoutes } from './board.routes';
import { BoardService } from './board.service';

export interface BoardNeeds {
  residents: ResidentsApi;
  uploads: UploadsApi;
  tickets: TicketsApi;
}

export function boardFeature(core: FeatureCore, needs: BoardNeeds): LinliFace<BoardService> {
  const board = new BoardService(core.conn, { bus: core.bus, ...needs });
  return {
    name: 'board',
    api: board,
    routes: boardRoutes(board, needs.uploads, core.rateLimits),
    emits: ['post.created', 'post.replied', 'post.updated'],
    subscriptions: [
      // A ticket made from a post was resolved: the post says so (the post keeps the ticket's {id, no}).
      on<DomainEvents, 'ticket.updated'>('ticket.updated', async ({ ticket, change }) => {
        if (change === 'resolve') await board.onTicketResolved(ticket);
      }),
      ...boardSockets(core.io, needs.uploads),
    ],
  };
}
