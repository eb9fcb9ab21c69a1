// What a WACZ export adds to the session, loaded on demand (session.ts imports it dynamically): the WACZ writer, the
// token over datapackage.json, and what the user must be told about replay.
export { writeWaczZip } from '../formats/wacz/wacz-writer';
export { REPLAY_NOTICE } from '../formats/wacz/verify-guide';
export { datapackageTimestamper } from './wacz-stamp';
