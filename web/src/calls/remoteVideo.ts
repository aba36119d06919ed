// Whether the other side's video is arriving, so the call screen can say so instead of showing a black
// tile: a device that sends no video (the CLI, a camera turned off) answers the video section with
// recvonly or rejects it, and the page's receiving track then stays muted (W3C Media Capture §4.3.1:
// a remote track is muted until media arrives) or never exists.

/** The part of a MediaStreamTrack this needs. */
export interface TrackState {
  readonly kind: string;
  readonly readyState: MediaStreamTrackState;
  readonly muted: boolean;
}

/** True when at least one video track is live and receiving. */
export function videoArriving(tracks: readonly TrackState[]): boolean {
  return tracks.some((track) => track.kind === 'video' && track.readyState === 'live' && !track.muted);
}

/** The line the remote tile shows in a connected call without video, or null while video arrives. */
export function noVideoNote(peer: string, connected: boolean, arriving: boolean): string | null {
  if (!connected || arriving) return null;
  return `No video from ${peer}: their device is sending none (audio only, or camera off).`;
}
