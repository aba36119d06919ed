// SignalR's client on a chunk of its own (callSession.ts imports this module when the hub first connects).
export { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
