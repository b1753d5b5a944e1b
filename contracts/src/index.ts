// The one definition shared by server, mini-program, panel and bot.
import './zod-zh';
export * from './errors';
export * from './common';
export * from './time';
export * from './auth';
export * from './policy';
export * from './residents';
export * from './tickets';
export * from './uploads';
export * from './events';
export * from './bot';
export * from './faq';
export * from './board';
export * from './alerts';
export * from './care';
export * from './notices';
export * from './ledger';
export * from './wishlist';
