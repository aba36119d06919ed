import { describe, expect, it } from 'vitest';
import { noVideoNote, type TrackState, videoArriving } from './remoteVideo';

const track = (kind: string, muted: boolean, readyState: MediaStreamTrackState = 'live'): TrackState => ({ kind, muted, readyState });

describe('videoArriving', () => {
  it('is true for a live, unmuted video track', () => {
    expect(videoArriving([track('audio', false), track('video', false)])).toBe(true);
  });

  it('is false with audio only, a muted video track, or an ended one', () => {
    expect(videoArriving([track('audio', false)])).toBe(false);
    expect(videoArriving([track('audio', false), track('video', true)])).toBe(false);
    expect(videoArriving([track('video', false, 'ended')])).toBe(false);
    expect(videoArriving([])).toBe(false);
  });
});

describe('noVideoNote', () => {
  it('names the peer in a connected call without video', () => {
    expect(noVideoNote('bob@contoso.example', true, false)).toContain('No video from bob@contoso.example');
  });

  it('says nothing while connecting or while video arrives', () => {
    expect(noVideoNote('bob@contoso.example', false, false)).toBeNull();
    expect(noVideoNote('bob@contoso.example', true, true)).toBeNull();
  });
});
